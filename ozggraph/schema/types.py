"""Constrained value types shared by node and edge models."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, StringConstraints

from ozggraph.schema.dates import reason

#: Stable readable id, unique across the whole graph (e.g. ``ags-06431001``).
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._:/+-]*$", max_length=200)]


def _check_partial_date(value: str) -> str:
    why = reason(value)  # the one reading of dates: ozggraph.schema.dates
    if why is not None:
        raise ValueError(why)
    return value


#: A date as precise as the source gives it: ``2021``, ``2021-03`` or ``2021-03-30``.
#: Kept as text so that "September 2019" never becomes an invented day.
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]

#: THE table of the 16 Länder: official code (the first two digits of every AGS in the
#: Land, Destatis GV100AD) -> the abbreviation ozggraph names a Land by.
LANDS: dict[str, str] = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP",
    "08": "BW", "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN",
    "15": "ST", "16": "TH",
}  # fmt: skip
#: How source tables spell a Land (its abbreviation, or the common NRW and RLP) -> its code.
LAND_SPELLINGS: dict[str, str] = {
    **{abbreviation: code for code, abbreviation in LANDS.items()},
    "NRW": "05",
    "RLP": "07",
}

#: How far a body has come in reusing a solution, earliest first.
ReuseStage = Literal["interest", "planned", "contract", "connected", "live"]
REUSE_STAGES: tuple[str, ...] = ("interest", "planned", "contract", "connected", "live")

Digits = Annotated[str, StringConstraints(pattern=r"^\d+$")]

#: How strongly a source supports a claim (a relationship or an Event); see docs/dataset.md.
#: One vocabulary for every claim, money included (awarded money is a ``fact``).
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

#: How a relationship ties bodies (declared as ``Edge.tie``; the rule: ozggraph.network.ties).
#: ``member``: the source takes part in the target context; all members of one Cooperation
#: or Programme are tied to each other, a member of an Association only to the Association.
#: ``maker``: the source develops, operates or provides the target Solution; its makers are
#: tied to each other and to its users. ``user``: the source uses the Solution; tied to its
#: makers only (two buyers of one product do not work together). ``money``: the source pays
#: the target: payer and recipient are tied (a Programme pays for its funders, money to a
#: Solution goes to its makers).
#: ``client``: the source is served by the target (an IT provider): tied to it directly.
TieRole = Literal["member", "maker", "user", "money", "client"]

#: Government levels of bodies, top down (declared per label as ``Node.government_level``);
#: ``verband``: associations, ``provider``: IT providers.
GOVERNMENT_LEVELS: tuple[str, ...] = ("bund", "land", "kreis", "gemeinde", "verband", "provider")
#: What kind of tie a ``MEMBER_OF`` is, in the source's own terms (never merged into one):
#: ``Träger``: bears a public-law body (AöR, Anstalt) by statute or law; ``member``: member
#: of a Zweckverband, association, cooperative or cooperation; ``founding member``: among
#: those who founded it; ``Gesellschafter``: holds a share of a company (``share_percent``
#: where given); ``member area``: the body's territory is named as part of the provider's
#: Verbandsgebiet, membership of the body itself not stated; ``former member``: the
#: membership has ended (never a current tie); ``accession planned``: joining was proposed
#: or authorised, not known to have happened (never a current tie).
MembershipRelation = Literal[
    "Träger",
    "member",
    "founding member",
    "Gesellschafter",
    "member area",
    "former member",
    "accession planned",
]
MEMBERSHIP_RELATIONS: tuple[str, ...] = get_args(MembershipRelation)
#: Membership relations that are no current tie (analytics leave them out).
NOT_CURRENT_MEMBERSHIPS = frozenset({"former member", "accession planned"})

#: What kind of service tie a ``SERVED_BY`` is: ``customer``: uses the provider's services
#: without being a member; ``hosting``: the provider runs one application of the body
#: (``application`` names it); ``support``: the provider supports the body in one field;
#: ``agreement``: an administrative agreement on a service; ``historical customer``: the
#: source describes a past state (a customer then, not known to be one now; never a
#: current tie).
ServiceRelation = Literal["customer", "hosting", "support", "agreement", "historical customer"]
SERVICE_RELATIONS: tuple[str, ...] = get_args(ServiceRelation)
#: Service relations that are no current tie (analytics leave them out).
NOT_CURRENT_SERVICES = frozenset({"historical customer"})

#: How a body ended in another (``SUCCEEDED_BY``): ``merged into``: joined with or absorbed
#: by the successor; ``superseded by``: replaced by a new body (by law or statute).
SuccessionRelation = Literal["merged into", "superseded by"]


def check_amount(amount: float | None, kind: str | None, bound: float | None) -> None:
    """An amount as the source gives it: exact or approximate in ``amount_eur``, a bound in
    ``amount_bound_eur``; ``amount_kind`` must say which whenever an amount is given.

    >>> check_amount(1_500_000, "approximate", None)
    >>> check_amount(11_000_000, "exact", None)
    >>> check_amount(None, "at_least", 11_000_000)
    >>> check_amount(11_000_000, "at_least", None)
    Traceback (most recent call last):
    ValueError: a bound (amount_kind at_least) goes to 'amount_bound_eur', never to 'amount_eur'
    """
    if amount is None and bound is None:
        if kind is not None:
            raise ValueError(f"amount_kind {kind} without an amount")
        return
    if kind is None:
        raise ValueError(
            "an amount needs 'amount_kind': exact, approximate ('rund', 'knapp'), "
            "at_least or at_most (a bound, in 'amount_bound_eur')"
        )
    if kind in ("at_least", "at_most"):
        if amount is not None or bound is None:
            raise ValueError(
                f"a bound (amount_kind {kind}) goes to 'amount_bound_eur', never to 'amount_eur'"
            )
    elif bound is not None or amount is None:
        raise ValueError(f"an {kind} amount goes to 'amount_eur'; 'amount_bound_eur' is for bounds")
