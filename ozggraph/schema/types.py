"""Constrained value types shared by node and edge models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints

from ozggraph.dates import reason

#: Stable readable id, unique across the whole graph (e.g. ``ags-06431001``).
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._:/+-]*$", max_length=200)]


def _check_partial_date(value: str) -> str:
    why = reason(value)  # the one reading of dates: ozggraph.dates
    if why is not None:
        raise ValueError(why)
    return value


#: A date as precise as the source gives it: ``2021``, ``2021-03`` or ``2021-03-30``.
#: Kept as text so that "September 2019" never becomes an invented day.
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]

#: Status of money on ``FUNDS`` (and of a programme's announced total).
FundingStatus = Literal["awarded", "promised", "planned", "agreed"]
FUNDING_STATUSES: tuple[str, ...] = ("awarded", "promised", "planned", "agreed")

#: How far a body has come in reusing a solution, earliest first.
ReuseStage = Literal["interest", "planned", "contract", "connected", "live"]
REUSE_STAGES: tuple[str, ...] = ("interest", "planned", "contract", "connected", "live")

Digits = Annotated[str, StringConstraints(pattern=r"^\d+$")]

#: How strongly a source supports a claim (a relationship or an Event); see docs/dataset.md.
#: ``fact``: the source states it happened or holds; ``announced``: an actor said it will
#: happen; ``planned``: intended, not yet done; ``promised``: money or help held out without
#: a signed commitment; ``agreed``: in a signed agreement or contract; ``inferred``: our
#: reading of a source, not in its text; ``derived``: expanded from a set a source names
#: with another table (e.g. "all towns of the Kreis" with GV100AD).
Evidence = Literal["fact", "announced", "planned", "promised", "agreed", "inferred", "derived"]
EVIDENCE: tuple[str, ...] = (
    "fact",
    "announced",
    "planned",
    "promised",
    "agreed",
    "inferred",
    "derived",
)

#: How a source gives an amount: exactly, approximately ("rund", "knapp"), or as a bound
#: (">11 Mio": ``at_least``). A bound is kept in ``amount_bound_eur``, never in ``amount_eur``.
AmountKind = Literal["exact", "approximate", "at_least", "at_most"]
AMOUNT_KINDS: tuple[str, ...] = ("exact", "approximate", "at_least", "at_most")
