"""Partial dates (``2021``, ``2021-03``, ``2021-03-30``): THE one reading of a date.

Every date in ozggraph goes through :func:`check` (or :func:`reason`): the
schema's ``PartialDate`` fields, every ``--as-of`` and date option of the
command line (:data:`ozggraph.cli.options.DATE`), and the analytics and
reuse-spread filters. So ``2023-00``, ``0000``, ``2023-13`` and ``2023-02-30``
are refused the same way everywhere, with one line that says why.

A fact dated ``2023-10`` holds from the first day it may mean, an
``--as-of 2023-10`` is the last day it may mean.

>>> start("2023-10"), end("2023-10")
(datetime.date(2023, 10, 1), datetime.date(2023, 10, 31))
>>> reason("2023-02-30")
'February 2023 has no day 30'
>>> check("0000")
Traceback (most recent call last):
ozggraph.dates.DateError: '0000' is not a date: there is no year 0000
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ozggraph.errors import OzgGraphError

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


class DateError(OzgGraphError, ValueError):
    """A date given on the command line or to a function is not a (partial) date."""


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


def start(value: str) -> dt.date:
    """First day of the period a partial date names."""
    given = parts(value)
    return dt.date(given[0], given[1] if len(given) > 1 else 1, given[2] if len(given) > 2 else 1)


def end(value: str) -> dt.date:
    """Last day of the period a partial date names."""
    given = parts(value)
    year, month = given[0], given[1] if len(given) > 1 else 12
    day = given[2] if len(given) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)
