"""Partial dates (``2021``, ``2021-03``, ``2021-03-30``) on a time line.

A fact dated only ``2023-10`` is placed at the *start* of its period (it is
known from then on); an ``--as-of`` date given as ``2023-10`` means the *end*
of that period (what was known by the end of October 2023). So a fact dated
``2023-10`` is in force as of ``2023-10``, and as of ``2023-10-31``.

>>> start("2023-10"), end("2023-10")
(datetime.date(2023, 10, 1), datetime.date(2023, 10, 31))
>>> precision("2023"), precision("2023-10-02")
('year', 'day')
"""

from __future__ import annotations

import datetime as dt

from ozggraph.dates import DateError, check, end, parts, start

__all__ = [
    "DateError",
    "after",
    "check",
    "coarser",
    "end",
    "ended",
    "in_force",
    "precision",
    "start",
]


def precision(value: str) -> str:
    """``year``, ``month`` or ``day``."""
    return ("year", "month", "day")[len(parts(value)) - 1]


def coarser(a: str, b: str) -> str:
    """The coarser precision of two partial dates (a difference is only as exact as that)."""
    order = ("day", "month", "year")
    return max(precision(a), precision(b), key=order.index)


def in_force(
    date: str | None, valid_to: str | None, as_of: dt.date | None, *, undated: bool
) -> bool:
    """Whether a fact dated ``date`` and ended by ``valid_to`` holds at ``as_of``.

    As in :mod:`ozggraph.network.filters`: a fact holds from the first day its
    date may mean until the last day its ``valid_to`` may mean. ``undated`` says
    what an undated fact counts as (callers choose: a tie with no date is
    background, an adoption with no date cannot be placed in time).
    ``as_of=None`` means the latest state, in which anything with a ``valid_to`` has ended.
    """
    if date is None and not undated:
        return False
    if date is not None and as_of is not None and start(date) > as_of:
        return False
    return not ended(valid_to, as_of)


def ended(valid_to: str | None, as_of: dt.date | None) -> bool:
    """Whether a fact with this ``valid_to`` is over at ``as_of`` (``None``: the latest state)."""
    return valid_to is not None and (as_of is None or end(valid_to) < as_of)


def after(value: str) -> str:
    """The first day after the period of a partial date (when a ``valid_to`` takes effect)."""
    return (end(value) + dt.timedelta(days=1)).isoformat()
