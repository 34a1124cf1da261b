"""Partial dates (``2021``, ``2021-03``, ``2021-03-30``): THE one reading of a date.

Every date in ozggraph goes through :func:`check` (or :func:`reason`): the
schema's ``PartialDate`` fields, every ``--as-of`` and date option of the
command line (:data:`ozggraph.cli.options.DATE`), and the analytics and
reuse-spread filters. So ``2023-00``, ``0000``, ``2023-13`` and ``2023-02-30``
are refused the same way everywhere, with one line that says why.

A fact dated ``2023-10`` holds from the first day it may mean (it is known from
then on), an ``--as-of 2023-10`` is the last day it may mean (what was known by
the end of October 2023). THE time rule lives here too, and only here: a fact starts
at its ``valid_from``, else its ``date`` (:func:`begins`), and holds until the last
day its ``valid_to`` may mean (:func:`in_force`); the as-of views of
:mod:`ozggraph.network.filters` and the reuse spread both read it.

>>> start("2023-10"), end("2023-10")
(datetime.date(2023, 10, 1), datetime.date(2023, 10, 31))
>>> precision("2023"), precision("2023-10-02")
('year', 'day')
>>> reason("2023-02-30")
'February 2023 has no day 30'
>>> check("0000")
Traceback (most recent call last):
ozggraph.errors.DateError: '0000' is not a date: there is no year 0000
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

from ozggraph.errors import DateError

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def reason(value: object) -> str | None:
    """Why ``value`` is not a partial date, or ``None`` if it is one."""
    match = _PARTIAL_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return f"a date is {FORMS}"
    year, month, day = (int(g) if g else None for g in match.groups())
    if year == 0:
        return "there is no year 0000"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month:02d} (months are 01 to 12)"
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
        if not 1 <= day <= last:
            return f"{calendar.month_name[month]} {year:04d} has no day {day:02d}"
    return None


def check(value: str) -> str:
    """``value`` if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; else :class:`DateError`."""
    why = reason(value.strip() if isinstance(value, str) else value)
    if why is not None:
        raise DateError(f"{value!r} is not a date: {why}")
    return value.strip()


def parts(value: str) -> list[int]:
    """Year, month and day of a partial date, as many as it gives."""
    return [int(p) for p in check(value).split("-")]


@functools.lru_cache(maxsize=65536)
def start(value: str) -> dt.date:
    """First day of the period a partial date names."""
    given = parts(value)
    return dt.date(given[0], given[1] if len(given) > 1 else 1, given[2] if len(given) > 2 else 1)


@functools.lru_cache(maxsize=65536)
def end(value: str) -> dt.date:
    """Last day of the period a partial date names."""
    given = parts(value)
    year, month = given[0], given[1] if len(given) > 1 else 12
    day = given[2] if len(given) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def precision(value: str) -> str:
    """``year``, ``month`` or ``day``."""
    return ("year", "month", "day")[len(parts(value)) - 1]


def coarser(a: str, b: str) -> str:
    """The coarser precision of two partial dates (a difference is only as exact as that)."""
    order = ("day", "month", "year")
    return max(precision(a), precision(b), key=order.index)


def begins(attrs: Mapping[str, Any]) -> str | None:
    """THE start of a fact (node or relationship properties): its ``valid_from``, else its ``date``.

    ``valid_from`` is when the source says the fact began; ``date`` dates a one-off
    fact (a grant made, a reuse stage reached) and starts it when no ``valid_from`` is given.

    >>> begins({"valid_from": "2021", "date": "2022-03"}), begins({"date": "2022-03"})
    ('2021', '2022-03')
    """
    return attrs.get("valid_from") or attrs.get("date") or None


def in_force(attrs: Mapping[str, Any], as_of: dt.date | None, *, undated: bool = True) -> bool:
    """THE time rule: whether a fact with these properties holds at ``as_of``.

    A fact holds from the first day its start (:func:`begins`) may mean until the
    last day its ``valid_to`` may mean. ``undated`` says what a fact with no start
    counts as (callers choose: a tie with no date is background, an adoption with
    no date cannot be placed in time). ``as_of=None`` means the latest state, in
    which anything with a ``valid_to`` has ended.

    >>> in_force({"valid_from": "2021-06"}, dt.date(2021, 5, 31))
    False
    >>> in_force({"date": "2021", "valid_to": "2022"}, dt.date(2022, 12, 31))
    True
    >>> in_force({"date": "2021", "valid_to": "2022"}, None)
    False
    """
    since = begins(attrs)
    if since is None and not undated:
        return False
    if since is not None and as_of is not None and start(since) > as_of:
        return False
    return not ended(attrs.get("valid_to"), as_of)


def ended(valid_to: str | None, as_of: dt.date | None) -> bool:
    """Whether a fact with this ``valid_to`` is over at ``as_of`` (``None``: the latest state)."""
    return valid_to is not None and (as_of is None or end(valid_to) < as_of)


def after(value: str) -> str:
    """The first day after the period of a partial date (when a ``valid_to`` takes effect)."""
    return (end(value) + dt.timedelta(days=1)).isoformat()
