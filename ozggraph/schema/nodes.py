"""Node kinds: one pydantic model per Neo4j label.

Every property a node may carry is declared here; the reader, the validator,
the Neo4j constraints and loader and every exporter derive from these classes.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ozggraph.schema.types import AmountKind, Digits, Evidence, Id, PartialDate, check_amount


class Node(BaseModel):
    """Properties every node has. ``label`` is the Neo4j label of the subclass."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    label: ClassVar[str] = ""
    #: Curated nodes must cite at least one ``Source``.
    curated: ClassVar[bool] = True
    #: Digits of the official AGS at this level, if the level has one.
    ags_length: ClassVar[int | None] = None

    # Meanings the analyses read (ozggraph.network): declared here, never as string sets.
    #: A body: a public body, association or IT provider, an actor of the cooperation network.
    body: ClassVar[bool] = False
    #: A unit of the official territorial hierarchy (keyed by AGS/ARS), with residents.
    territorial: ClassVar[bool] = False
    #: Government level of bodies of this label (``bund``, ``land``, ``kreis``, ``gemeinde``,
    #: ``verband``, ``provider``); ``None``: it depends on the Land (ministries, agencies).
    government_level: ClassVar[str | None] = None
    #: Acts for the territorial body it is ``PART_OF`` (a Land ministry covers the Land).
    organ: ClassVar[bool] = False
    #: A context of cooperation (bodies are tied through it; see ``Edge.tie``).
    context: ClassVar[bool] = False
    #: Stands for its member bodies wherever it takes part (a Cooperation in another one).
    stands_for_members: ClassVar[bool] = False

    id: Id
    name: str = Field(min_length=1)
    aliases: list[str] = []
    sources: list[Id] = []
    note: str | None = None
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None

    @model_validator(mode="after")
    def _needs_sources(self) -> Node:
        if self.curated and not self.sources:
            raise ValueError("a curated node needs at least one source in 'sources'")
        return self


class Territorial(Node):
    """A unit of the official territorial hierarchy, keyed by AGS/ARS."""

    body = True
    territorial = True

    ags: Digits | None = None
    ars: Digits | None = None
    official_name: str | None = None
    kind: str | None = None
    population: int | None = Field(default=None, ge=0)
    area_km2: float | None = Field(default=None, ge=0)

    @field_validator("ags")
    @classmethod
    def _ags_length(cls, value: str | None) -> str | None:
        if value is not None and cls.ags_length and len(value) != cls.ags_length:
            raise ValueError(f"AGS of a {cls.label} has {cls.ags_length} digits, got {value!r}")
        return value


class Federation(Territorial):
    label = "Federation"
    government_level = "bund"


class State(Territorial):
    label = "State"
    government_level = "land"
    ags_length = 2
    code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")


class AdministrativeDistrict(Territorial):
    label = "AdministrativeDistrict"
    government_level = "land"  # a Regierungsbezirk is a Land authority
    ags_length = 3


class District(Territorial):
    label = "District"
    government_level = "kreis"
    ags_length = 5


class MunicipalAssociation(Territorial):
    """Verbandsgemeinde, Amt, Samtgemeinde ...: no AGS, a 9-digit ARS."""

    label = "MunicipalAssociation"
    government_level = "gemeinde"


class Municipality(Territorial):
    label = "Municipality"
    government_level = "gemeinde"
    ags_length = 8


class Organisation(Node):
    """A body that is not a territorial unit.

    ``land``: code of the Land whose body it is or where it has its seat (``HE``),
    as a source gives it; analytics place the body in that Land.
    """

    kind: str | None = None
    seat: str | None = None
    url: str | None = None
    land: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")


class Association(Organisation):
    label = "Association"
    body = True
    government_level = "verband"
    #: Whether a source names it a national (``bund``) or a Land (``land``) association.
    level: str | None = None


class Ministry(Organisation):
    label = "Ministry"
    body = True
    organ = True


class Agency(Organisation):
    label = "Agency"
    body = True
    organ = True


class ITProvider(Organisation):
    label = "ITProvider"
    body = True
    government_level = "provider"
    legal_form: str | None = None
    #: Member figures a source gives only as a number ("98 % of the c. 1,100 BW Kommunen",
    #: "58 Kommunen"); never expanded to edges.
    reported_members: list[str] = []


class Cooperation(Organisation):
    label = "Cooperation"
    context = True
    stands_for_members = True
    date: PartialDate | None = None
    #: Member groups a source names only collectively ("18 kreisangehörige Kommunen");
    #: never expanded to edges.
    reported_members: list[str] = []


class Programme(Organisation):
    """A funding or support programme; ``amount_eur`` is its budget as the source gives it
    (``amount_kind``; a bound in ``amount_bound_eur``), ``evidence`` how sure that budget is
    (``agreed`` in a signed agreement, ``fact`` when reported as spent ...)."""

    label = "Programme"
    context = True
    amount_eur: float | None = Field(default=None, ge=0)
    amount_kind: AmountKind | None = None
    amount_bound_eur: float | None = Field(default=None, ge=0)
    evidence: Evidence | None = None
    date: PartialDate | None = None
    #: Recipient figures a source gives only as a number ("almost 400 Kommunen").
    reported_recipients: list[str] = []

    @model_validator(mode="after")
    def _budget_as_given(self) -> Programme:
        check_amount(self.amount_eur, self.amount_kind, self.amount_bound_eur)
        if (self.amount_eur is not None or self.amount_bound_eur is not None) and not self.evidence:
            raise ValueError("a programme budget needs 'evidence' (how sure the amount is)")
        return self


class Solution(Organisation):
    """A reusable online service, platform or base service."""

    label = "Solution"
    context = True
    #: Adopter figures a source gives only as a number ("11 Länder"); never expanded to edges.
    reported_adopters: list[str] = []


class OZGService(Node):
    """An OZG-Leistung of the catalogue, keyed by its OZG-ID."""

    label = "OZGService"
    ozg_id: Digits
    leika_keys: list[str] = []


class Topic(Node):
    """A Themenfeld, a Lebenslage or a free topic named by a source."""

    label = "Topic"
    kind: str | None = None


class Event(Node):
    label = "Event"
    #: Whether the event took place (``fact``) or was only announced or planned (required).
    evidence: Evidence
    date: PartialDate | None = None
    place: str | None = None


class Person(Node):
    label = "Person"
    title: str | None = None


class Source(Node):
    """A document behind facts: ``name`` is its title."""

    label = "Source"
    curated = False
    publisher: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    file: str | None = None
    kind: str | None = None
    quality: str | None = None


NODE_MODELS: tuple[type[Node], ...] = (
    Federation,
    State,
    AdministrativeDistrict,
    District,
    MunicipalAssociation,
    Municipality,
    Association,
    Ministry,
    Agency,
    ITProvider,
    Cooperation,
    Programme,
    Solution,
    OZGService,
    Topic,
    Event,
    Person,
    Source,
)
