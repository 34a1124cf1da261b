"""Partial dates (``2021``, ``2021-03``, ``2021-03-30``) as the periods they name.

Shared by analytics (``--as-of`` filters) and the reuse-spread views, so both
read a date the same way: a fact dated ``2023-10`` holds from the first day it
may mean, an ``--as-of 2023-10`` is the last day it may mean.

>>> start("2023-10"), end("2023-10")
(datetime.date(2023, 10, 1), datetime.date(2023, 10, 31))
"""

from __future__ import annotations

import calendar
import datetime as dt

from pydantic import TypeAdapter, ValidationError

from ozggraph.errors import OzgGraphError
from ozggraph.schema.types import PartialDate

_PARTIAL = TypeAdapter(PartialDate)


class DateError(OzgGraphError):
    """A date given on the command line or to a function is not a (partial) date."""


def check(value: str) -> str:
    """``value`` if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; else :class:`DateError`."""
    try:
        return _PARTIAL.validate_python(value.strip())
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise DateError(f"{value!r} is not a date: {reason}") from None


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
