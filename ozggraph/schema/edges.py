"""Relationship kinds: one pydantic model per Neo4j relationship type.

``sources_labels``/``target_labels`` say which node labels each end may have;
the validator checks every relationship against them.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ozggraph.schema.layers import TieRule
from ozggraph.schema.nodes import NODE_MODELS
from ozggraph.schema.types import (
    EVIDENCE,
    AmountKind,
    Evidence,
    Id,
    MembershipRelation,
    PartialDate,
    ReuseStage,
    ServiceRelation,
    SuccessionRelation,
    TieRole,
    check_amount,
)

#: Units of the territorial hierarchy (``Node.territorial``).
TERRITORIAL = frozenset(m.label for m in NODE_MODELS if m.territorial)
#: Bodies that act: public bodies, their associations and providers (``Node.body``).
BODIES = frozenset(m.label for m in NODE_MODELS if m.body)
#: What may take part: bodies and what stands for its members (a Cooperation).
ACTORS = BODIES | {m.label for m in NODE_MODELS if m.stands_for_members}
SUBJECTS = frozenset({"Topic", "OZGService"})


class Edge(BaseModel):
    """Properties every relationship has; ``type`` is the Neo4j relationship type."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    type: ClassVar[str] = ""
    source_labels: ClassVar[frozenset[str]] = frozenset()
    target_labels: ClassVar[frozenset[str]] = frozenset()
    #: Curated relationships must cite a source; derived ones never appear in seed/.
    curated: ClassVar[bool] = True
    #: A claim asserts that something happened or will happen; it must carry ``evidence``.
    claim: ClassVar[bool] = False
    #: How the relationship ties bodies in the cooperation network (``types.TieRole``;
    #: the rule is :mod:`ozggraph.network.ties`); ``None``: it makes no tie.
    tie: ClassVar[TieRole | None] = None
    #: The layer and shape of the ties it makes, by the label of its target (``*``: any
    #: target); see :mod:`ozggraph.schema.layers`. Empty: it makes no tie.
    layers: ClassVar[dict[str, TieRule]] = {}

    source: Id
    target: Id
    #: Tells apart two relationships of one type between the same pair (e.g. two grants).
    key: str | None = Field(default=None, pattern=r"^[A-Za-z0-9._:-]+$")
    sources: list[Id] = []
    note: str | None = None
    date: PartialDate | None = None
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    #: How strongly the sources support this relationship (required on claims; see
    #: types.Evidence and docs/dataset.md).
    evidence: Evidence | None = None
    #: The date of the latest source that confirms the relationship still held, where its
    #: row gives no end: ``--confirmed-since`` leaves out ties not confirmed since a year.
    last_confirmed: PartialDate | None = None

    @property
    def id(self) -> str:
        """Stable relationship id: ``TYPE:source->target`` plus ``#key`` when given."""
        base = f"{self.type}:{self.source}->{self.target}"
        return f"{base}#{self.key}" if self.key else base

    @model_validator(mode="after")
    def _needs_sources(self) -> Edge:
        if self.curated and not self.sources:
            raise ValueError("a curated relationship needs at least one source in 'sources'")
        return self

    @model_validator(mode="after")
    def _claims_need_evidence(self) -> Edge:
        if self.claim and self.evidence is None:
            raise ValueError(
                f"a {self.type} is a claim and needs 'evidence': one of {', '.join(EVIDENCE)}"
            )
        return self


class PART_OF(Edge):
    """Hierarchy, child -> parent."""

    type = "PART_OF"
    source_labels = BODIES | {"Programme", "Solution"}
    target_labels = BODIES | {"Programme"}


class MEMBER_OF(Edge):
    """A body belongs to a Cooperation, Association or IT provider.

    ``relation`` keeps the source's kind of tie apart (``Träger``, ``member``,
    ``Gesellschafter`` ...; see :data:`~ozggraph.schema.types.MembershipRelation`); empty
    means a plain membership as the curated documents state it. ``former member`` and
    ``accession planned`` are never current ties. ``date``: when the source says the tie
    held; ``valid_from``: when it began, where the source says so. ``share_percent``: a
    Gesellschafter's or Träger's share. ``role``: the part played inside (lead, partner).
    """

    type = "MEMBER_OF"
    claim = True
    tie = "member"
    layers = {
        "Cooperation": TieRule("cooperation", "clique"),
        "ITProvider": TieRule("cooperation", "star", "target"),
        "Association": TieRule("cooperation", "star", "target"),
    }
    source_labels = ACTORS
    target_labels = frozenset({"Cooperation", "Association", "ITProvider"})
    role: str | None = None
    relation: MembershipRelation | None = None
    share_percent: float | None = Field(default=None, ge=0, le=100)


class FUNDS(Edge):
    """Money from funder to recipient; ``evidence`` tells awarded (``fact``) from promised,
    agreed or planned money, ``amount_kind`` how the source gives the amount."""

    type = "FUNDS"
    claim = True
    tie = "money"
    layers = {"*": TieRule("money", "star", "target")}
    source_labels = BODIES | {"Programme"}
    target_labels = ACTORS | {"Programme", "Solution"}
    amount_eur: float | None = Field(default=None, ge=0)
    #: How the source gives the amount; a bound goes to ``amount_bound_eur`` instead.
    amount_kind: AmountKind | None = None
    amount_bound_eur: float | None = Field(default=None, ge=0)
    programme: Id | None = None

    @model_validator(mode="after")
    def _amount_as_given(self) -> FUNDS:
        check_amount(self.amount_eur, self.amount_kind, self.amount_bound_eur)
        return self


class PARTICIPATES_IN(Edge):
    type = "PARTICIPATES_IN"
    claim = True
    tie = "member"
    layers = {"Programme": TieRule("programme", "clique")}
    source_labels = ACTORS
    target_labels = frozenset({"Programme"})
    role: str | None = None


class DEVELOPS(Edge):
    type = "DEVELOPS"
    claim = True
    tie = "maker"
    layers = {"Solution": TieRule("reuse", "clique")}
    source_labels = ACTORS
    target_labels = frozenset({"Solution"})


class OPERATES(Edge):
    type = "OPERATES"
    claim = True
    tie = "maker"
    layers = {"Solution": TieRule("reuse", "clique")}
    source_labels = ACTORS
    target_labels = frozenset({"Solution"})


class PROVIDES(Edge):
    type = "PROVIDES"
    claim = True
    tie = "maker"
    layers = {"Solution": TieRule("reuse", "clique")}
    source_labels = ACTORS
    target_labels = frozenset({"Solution"})


class SUPPORTS(Edge):
    """A supporting role in building a solution (e.g. a Themenfeld lead backing another
    Land's development): neither developer nor reuser."""

    type = "SUPPORTS"
    claim = True
    source_labels = ACTORS
    target_labels = frozenset({"Solution"})
    role: str | None = None


class REUSES(Edge):
    """A body takes up a solution; ``stage`` says how far, never more than the source says."""

    type = "REUSES"
    claim = True
    tie = "user"
    layers = {"Solution": TieRule("reuse", "star", "makers")}
    source_labels = ACTORS
    target_labels = frozenset({"Solution"})
    stage: ReuseStage


class SERVED_BY(Edge):
    """A body uses a service of a provider (or of a Kreis): not a membership.

    ``relation``: customer, hosting of one application (``application`` names it),
    support, agreement (see :data:`~ozggraph.schema.types.ServiceRelation`).
    """

    type = "SERVED_BY"
    claim = True
    tie = "client"
    layers = {"*": TieRule("service", "star", "target")}
    source_labels = BODIES
    target_labels = BODIES
    relation: ServiceRelation
    application: str | None = None


class SUCCEEDED_BY(Edge):
    """A body ended in another on ``date`` (a merger, a replacement by law).

    Renaming keeps one node (the old name is an alias); this is for two bodies.
    """

    type = "SUCCEEDED_BY"
    claim = True
    source_labels = BODIES
    target_labels = BODIES
    relation: SuccessionRelation


class ADDRESSES(Edge):
    type = "ADDRESSES"
    source_labels = frozenset({"Cooperation", "Programme", "Solution", "Event"})
    target_labels = SUBJECTS


class IMPLEMENTS(Edge):
    type = "IMPLEMENTS"
    source_labels = frozenset({"Solution"})
    target_labels = frozenset({"OZGService"})


class BELONGS_TO(Edge):
    """Catalogue hierarchy: OZG-Leistung -> Lebenslage -> Themenfeld."""

    type = "BELONGS_TO"
    source_labels = SUBJECTS
    target_labels = frozenset({"Topic"})


class ORGANISES(Edge):
    type = "ORGANISES"
    source_labels = ACTORS | {"Programme"}
    target_labels = frozenset({"Event"})


class ATTENDS(Edge):
    type = "ATTENDS"
    source_labels = ACTORS | {"Person"}
    target_labels = frozenset({"Event"})
    role: str | None = None


class HOLDS_OFFICE(Edge):
    type = "HOLDS_OFFICE"
    source_labels = frozenset({"Person"})
    target_labels = ACTORS
    role: str | None = None


class LEADS(Edge):
    """Lead Land or lead federal ministry of an OZG Themenfeld."""

    type = "LEADS"
    source_labels = frozenset({"State", "Ministry"})
    target_labels = frozenset({"Topic"})


class COOPERATES_WITH(Edge):
    """Derived actor-actor projection; never curated, never in ``seed/``."""

    type = "COOPERATES_WITH"
    curated = False
    source_labels = ACTORS
    target_labels = ACTORS
    weight: float | None = None


EDGE_MODELS: tuple[type[Edge], ...] = (
    PART_OF,
    MEMBER_OF,
    FUNDS,
    PARTICIPATES_IN,
    DEVELOPS,
    OPERATES,
    PROVIDES,
    SUPPORTS,
    REUSES,
    SERVED_BY,
    SUCCEEDED_BY,
    ADDRESSES,
    IMPLEMENTS,
    BELONGS_TO,
    ORGANISES,
    ATTENDS,
    HOLDS_OFFICE,
    LEADS,
    COOPERATES_WITH,
)
