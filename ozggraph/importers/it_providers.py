"""Import the IT-provider ties (``it_provider_ties.csv``) into ``seed/it-providers/``.

One row is one cited tie between a municipal IT service provider and a body: its
Träger, member, Gesellschafter, customer, founding or former member. The importer
writes:

* ``MEMBER_OF`` from the body to the provider with the source's kind of tie kept in
  ``relation`` (Träger, member, founding member, Gesellschafter with
  ``share_percent``, member area, former member, accession planned), ``date`` = the
  row's ``as_of``, ``valid_from`` where the wording gives a start;
* ``SERVED_BY`` for ties that are no membership (customer, support, agreement);
* ``SUCCEEDED_BY`` for mergers (a row's "merged into" wording, a provider type or note
  "merged into X <date>", and the identity notes of :mod:`ozggraph.importers.identity`).
  A merger ends the ties of the body that ended: its members' and customers' ties and
  its own memberships get ``valid_to`` the last day before the merger (the merger year
  where the source gives only the year), the provider node too;
* time as the rows say it: ``valid_from`` from "since", "joined" or "founded" (also
  "since early 2010"), the ``as_of`` of a founding, a joining or an admission, and a
  start the note gives ("Niedersachsen Träger since 01.01.2010", "retroactive to
  01.01.2013"); a row noted as historical ("Historical.") is a ``historical
  customer`` (held then, not known to hold now: never a current tie); a council's or
  Amt's "decision to join" is an ``accession planned``; every tie that does not end
  carries ``last_confirmed``, the date of its row's source (else its ``as_of``);
* ``evidence``: ``derived`` for rows marked ``derived=yes`` (a set the source names,
  expanded with GV100AD), else as strong as the wording (``planned`` for a proposed
  accession, a decision to join, a decision to buy a share or a draft statute
  (Satzungsentwurf), ``agreed`` for an agreement, else ``fact``);
* statutory memberships (:data:`STATUTES`): a count the law defines ("every Gemeinde,
  Amt and Kreis of Schleswig-Holstein is a Träger", § 1 Abs. 4 ITVG SH) expanded into
  one ``Träger`` tie per unit of GV100AD, evidence ``derived``, citing the law;
* other counts of unnamed members ("58 Kommunen", "98 % of the c. 1,100 BW
  Kommunen") only as ``ITProvider.reported_members``, never as ties (the coverage
  table shows them beside the recorded ties).

Official keys resolve directly: ``ags`` to the Gemeinde, ``kreis_key`` to the Kreis,
``verband_key`` to the ``MunicipalAssociation`` (Amt, Samtgemeinde, VGem); the
official name in ``gv100ad_name`` must match. Other names resolve by name or alias
(:data:`ALIASES`, the provider list of :mod:`~ozggraph.importers.identity`); a row
the table could not match to a key (``match_status`` "not found") is reported as
unresolved, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ozggraph.importers.folders import IT_PROVIDERS_DIR
from ozggraph.importers.identity import PROVIDERS, SUCCESSIONS
from ozggraph.importers.public_bodies import IT_PROVIDER_COLUMNS, IT_PROVIDERS, it_provider
from ozggraph.importers.resolve import (
    AGGREGATE,
    Reference,
    keyed_body,
    land_code,
    parse_dated,
    read_table,
    table_error,
    weak_note,
)
from ozggraph.importers.seed_yaml import ImportReport, TableImport, run_import
from ozggraph.schema import Edge, dates
from ozggraph.schema.ids import slug
from ozggraph.schema.nodes import Agency, ITProvider, Ministry, Node

COLUMNS = (
    "provider", "provider_type", "member_name", "member_type", "land", "ags", "kreis_key",
    "verband_key", "gv100ad_name", "match_status", "relation", "share", "as_of", "derived",
    "source", "source_date", "note",
)  # fmt: skip

#: Table spellings of bodies that are no IT provider of the identity list.
ALIASES: dict[str, str | tuple[str, ...]] = {
    "Freie Hansestadt Bremen": "ags-04",
    "Freie und Hansestadt Hamburg": "ags-02",
    "Land Mecklenburg-Vorpommern": "ags-13",
    "Land Niedersachsen": "ags-03",
    "Land Schleswig-Holstein": "ags-01",
    "Land Sachsen-Anhalt": "ags-15",
    "Land Baden-Württemberg": "ags-08",
    # govdigital's 17th member: the Land, acting through its CIO (note on the edge).
    "Land Nordrhein-Westfalen (CIO; operated by IT.NRW)": "ags-05",
    "Stadt Köln": "ags-05315000",
    "ekom21 – KGRZ Hessen": "itp-ekom21",
    "Verband der bayerischen Bezirke (Bayerischer Bezirketag)": "assoc-bayerischer-bezirketag",
    "Innenministerium Mecklenburg-Vorpommern (Digitalisierungsminister)": "min-mv-im",
}
#: Bodies no other table has, created once by this importer when a row names them.
NEW_BODIES: dict[str, Node] = {
    node.id: node
    for node in (
        Agency(id="agency-abwasserverband-oberhessen", name="Abwasserverband Oberhessen",
               kind="Abwasserverband", land="HE", sources=["pending"]),
        Agency(id="agency-kur-und-tourismus-bad-salzschlirf",
               name="Kur- und Tourismus GmbH Bad Salzschlirf", kind="kommunale GmbH",
               land="HE", sources=["pending"]),
        Agency(id="agency-neubrandenburger-stadtwerke", name="Neubrandenburger Stadtwerke GmbH",
               kind="kommunales Unternehmen", land="MV", sources=["pending"]),
        Agency(id="agency-ksm-kommunalservice-mecklenburg",
               name="KSM Kommunalservice Mecklenburg AöR", kind="kommunales Unternehmen",
               land="MV", sources=["pending"]),
        Agency(id="agency-deutschsprachige-gemeinschaft-belgiens",
               name="Deutschsprachige Gemeinschaft Belgiens", kind="foreign public body",
               sources=["pending"]),
        Agency(id="agency-vak-schleswig-holstein",
               name="Versorgungsausgleichskasse der Kommunalverbände in Schleswig-Holstein",
               aliases=["VAK"], kind="public body", land="SH", sources=["pending"]),
        ITProvider(id="itp-nordbits", name="Nordbits", land="SH", sources=["pending"]),
        ITProvider(id="itp-kommunit", name="IT-Zweckverband kommunit", land="SH",
                   kind="Zweckverband", sources=["pending"]),
        Ministry(id="min-mv-im", name="Innenministerium Mecklenburg-Vorpommern", land="MV",
                 kind="Landesministerium", sources=["pending"]),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Tie:
    """What a row's ``relation`` wording means: edge type, kind of tie, evidence."""

    type: str
    relation: str
    evidence: str = "fact"
    #: The row names the owner as member and the owned body as provider (a subsidiary).
    reversed: bool = False


#: Wordings that the prefix rules of :func:`tie` do not decide; each is a decision.
WORDINGS: dict[str, Tie] = {
    "Verbandsgebiet includes the Kreis (member area)": Tie("MEMBER_OF", "member area"),
    "customer (took over services of dissolved KDSW in 2001)": Tie("SERVED_BY", "customer"),
    "supported since 2019-01-01 (data protection / IT security)": Tie("SERVED_BY", "support"),
    "Verwaltungsvereinbarung on OZG/EfA roll-out in the Ämter": Tie(
        "SERVED_BY", "agreement", "agreed"
    ),
    "merged into regio iT (fusion)": Tie("SUCCEEDED_BY", "merged into"),
    "100 % subsidiary (founded 2004-06-23)": Tie("MEMBER_OF", "Gesellschafter", reversed=True),
    "Beteiligung (listed in the city's Beteiligungsbericht)": Tie("MEMBER_OF", "Gesellschafter"),
    # A council decision to buy; the purchase is not confirmed.
    "Gesellschafter (council decision to buy a 1 % share offered by the StädteRegion)": Tie(
        "MEMBER_OF", "Gesellschafter", "planned"
    ),
    "founding lead; paid the Stammkapital": Tie("MEMBER_OF", "founding member"),
    "accession proposed (Vorlage SG/2020/074, Samtgemeinderat 2020-09-17)": Tie(
        "MEMBER_OF", "accession planned", "planned"
    ),
    "Kreistag authorised an application to join (conditional, if Thüringen found no own "
    "solution by 30 June)": Tie("MEMBER_OF", "accession planned", "planned"),
}
_PREFIXES = (
    ("Träger", "Träger"),
    ("founding member", "founding member"),
    ("former member", "former member"),
    ("Gesellschafter", "Gesellschafter"),
    ("new member", "member"),
    ("member", "member"),
)
_START = re.compile(
    r"\b(?:since|joined|founded)\s+(?:early\s+|late\s+|mid-)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)"
)
#: "merged into 4IT/Komm.ONE 2018", "merged into krz (renamed OWL-IT) 01.01.2024".
_MERGED = re.compile(
    r"\bmerged into (?P<into>[^,;]+?)(?: on)? "
    r"(?P<date>\d{2}\.\d{2}\.\d{4}|\d{4}(?:-\d{2}-\d{2})?)\b"
)
#: A wording that says the tie began at the row's ``as_of``.
_JOINED = re.compile(r"\((?:joined|admitted)\b")
#: A start the note gives: "Niedersachsen Träger since 01.01.2010", "retroactive to ...".
_NOTE_START = re.compile(
    r"(?:\b(?P<who>[A-ZÄÖÜ][\w-]+) Träger since|retroactive to) "
    r"(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{4})"
)
#: A row citing a draft (a Satzungsentwurf) states what was proposed, not what is.
_DRAFT = re.compile(r"Satzungsentwurf|\bdraft\b", re.IGNORECASE)
#: The row describes a past state (the table's note says "Historical.").
_HISTORICAL = re.compile(r"\bHistorical\.")
#: A body's decision to join: the accession is not known to have happened.
_DECISION_TO_JOIN = "decision to join"


@dataclass(frozen=True)
class Statute:
    """A law that makes every unit of some kinds in one Land a member of a provider."""

    provider: str
    #: The aggregate row's ``member_name`` the law expands.
    member_name: str
    land: str  # two-digit Land key
    #: Labels and ``kind`` values of the units (``None``: every kind of the label).
    units: tuple[tuple[str, frozenset[str] | None], ...]
    law: str  # how the table cites the law: the Source's title


#: Statutory memberships expanded into ties (with GV100AD: never a guessed key).
STATUTES = (
    Statute(
        "itp-itvsh",
        "all Gemeinden, Ämter and Kreise of Schleswig-Holstein (aggregate)",
        "01",
        (
            ("Municipality", None),  # every Gemeinde, the kreisfreie Städte included
            ("MunicipalAssociation", None),  # the Ämter (two are named Kirchspielslandgemeinde)
            ("District", frozenset({"Kreis"})),  # the Kreise (kreisfreie Städte are Gemeinden)
        ),
        "ITVG SH, § 1 Abs. 4 (Gesetz vom 14.12.2018, GVOBl. Schl.-H. 2018 S. 902)",
    ),
)


def merger(text: str) -> tuple[list[str], str] | None:
    """Successor names and date of a "merged into" wording, or None.

    >>> merger("Zweckverband (BW; merged into 4IT/Komm.ONE 2018)")
    (['4IT', 'Komm.ONE'], '2018')
    >>> merger("fully merged into krz (renamed OWL-IT) 01.01.2024.")
    (['krz'], '2024-01-01')
    """
    match = _MERGED.search(text)
    if match is None:
        return None
    into = re.sub(r"\s*\([^)]*\)", "", match["into"]).strip()
    day = match["date"]
    if re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", day):
        day = f"{day[6:]}-{day[3:5]}-{day[:2]}"
    return [n.strip() for n in into.split("/") if n.strip()], dates.check(day)


def last_day_before(date: str) -> str:
    """The last day a tie held when its body ended on ``date``: the day before a day,
    else the period as given (the source says no more).

    >>> last_day_before("2024-01-01"), last_day_before("2018")
    ('2023-12-31', '2018')
    """
    if dates.precision(date) != "day":
        return date
    return (dates.start(date) - dt.timedelta(days=1)).isoformat()


def tie(wording: str) -> Tie | None:
    """The kind of tie a ``relation`` cell states, or None if it is not understood.

    >>> tie("member (Zweckverband, joined 2008-01-01)").relation
    'member'
    >>> tie("former member (exit approved 2012-12-13)").relation
    'former member'
    >>> tie("Verwaltungsvereinbarung on OZG/EfA roll-out in the Ämter").type
    'SERVED_BY'
    >>> tie("member (Stadtrat decision to join)")
    Tie(type='MEMBER_OF', relation='accession planned', evidence='planned', reversed=False)
    """
    if wording in WORDINGS:
        return WORDINGS[wording]
    if _DECISION_TO_JOIN in wording:
        return Tie("MEMBER_OF", "accession planned", "planned")
    for prefix, relation in _PREFIXES:
        if wording == prefix or wording.startswith(prefix + " "):
            return Tie("MEMBER_OF", relation)
    return None


def share(cell: str) -> float | None:
    """``"88 %"`` -> 88.0; empty -> None."""
    if not cell:
        return None
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*%", cell)
    if not match:
        raise ValueError(f"share must read like '12 %', got {cell!r}")
    return float(match[1].replace(",", "."))


@dataclass
class _Created:
    node: Node
    sources: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    legal_form: str | None = None


class ProvidersImport(TableImport):
    """One run of the importer over one table."""

    command = "it-providers"

    def __init__(self, table: Path, bodies: Path, reference: Reference) -> None:
        aliases: dict[str, str | tuple[str, ...]] = dict(ALIASES)
        for node_id, identity in PROVIDERS.items():
            for spelling in (identity.name, *identity.aliases):
                aliases.setdefault(spelling, node_id)
        super().__init__(table, reference, aliases)
        self.bodies = bodies
        self.created: dict[str, _Created] = {}
        self.unresolved: list[str] = []
        #: Mergers the rows state: (predecessor, successor) -> (date, source).
        self.mergers: dict[tuple[str, str], tuple[str, str]] = {}
        self._providers_table()
        for node_id, identity in PROVIDERS.items():
            if node_id not in self.reference.nodes:
                node = ITProvider(
                    id=node_id,
                    name=identity.name,
                    aliases=list(identity.aliases),
                    kind=identity.kind,
                    land=identity.land,
                    valid_from=identity.valid_from,
                    valid_to=identity.valid_to,
                    note=identity.note,
                    sources=["pending"],
                )
                self._offer(node)
        for body in NEW_BODIES.values():
            if body.id not in reference.nodes:
                self._offer(body)

    def _providers_table(self) -> None:
        """Providers of the public-bodies table (seat, legal form, whom they serve)."""
        path = self.bodies / IT_PROVIDERS
        for line, row in read_table(path, IT_PROVIDER_COLUMNS):
            names = [n for n in (row["name"], row["short_name"]) if n]
            found = set().union(*(self.reference.organisation(n) for n in names))
            if len(found) > 1:
                raise table_error(path, line, f"{names[0]!r} matches several nodes: {found}")
            if found:
                continue
            weak = weak_note(row["note"])
            src = self.sources.cite(row["source"], row["source_date"], weak, path, line)
            land = land_code(self.reference, row["land"], path, line)
            node = it_provider(row, src, weak, land)
            if node.id in self.reference.nodes:
                raise table_error(path, line, f"{node.id} already exists under another name")
            self._offer(node)
            self.created[node.id].sources.append(src)

    def _offer(self, node: Node) -> None:
        self.resolver.created(node)
        self.created[node.id] = _Created(node)

    def _used(self, node_id: str, source: str) -> None:
        if node_id in self.created and source not in self.created[node_id].sources:
            self.created[node_id].sources.append(source)

    def run(self) -> None:
        for line, row in read_table(self.table, COLUMNS):
            self._row(line, row)
        ends: dict[str, tuple[str, str, str]] = {}  # ended body -> (date, successor, source)
        for (predecessor, successor), (date, src) in self.mergers.items():
            self.edges.add(
                "SUCCEEDED_BY",
                predecessor,
                successor,
                [src],
                "the table: the provider was merged into the successor",
                relation="merged into",
                date=date,
                evidence="fact",
            )
            ends.setdefault(predecessor, (date, successor, src))
        for succession in SUCCESSIONS:
            src = self.sources.cite(succession.url, succession.source_date, False, self.table, 0)
            for node_id in (succession.predecessor, succession.successor):
                self._used(node_id, src)
            self.edges.add(
                "SUCCEEDED_BY",
                succession.predecessor,
                succession.successor,
                [src],
                succession.note,
                relation=succession.relation,
                date=succession.date,
                evidence="fact",
            )
            ends.setdefault(succession.predecessor, (succession.date, succession.successor, src))
        self._end_ties(ends)

    def _end_ties(self, ends: dict[str, tuple[str, str, str]]) -> None:
        """A body that ended in another ends its ties (and its node) the day before."""
        for rid in self.edges.ids():
            fields = self.edges.get(rid)
            if fields["type"] == "SUCCEEDED_BY" or fields.get("valid_to"):
                continue
            for body in (fields["source"], fields["target"]):
                if body in ends:
                    date, successor, src = ends[body]
                    self.edges.update(rid, valid_to=last_day_before(date), last_confirmed=None)
                    self.edges.note(rid, f"ended when {body} went into {successor} ({date})", src)
                    break
        for body, (date, _, _) in ends.items():
            if body in self.created and not self.created[body].node.valid_to:
                created = self.created[body]
                created.node = created.node.model_copy(update={"valid_to": last_day_before(date)})

    def _merger(self, provider: str, row: dict[str, str], src: str, line: int) -> None:
        """Mergers a row's provider type or note states for the row's provider."""
        for text in (row["provider_type"], row["note"]):
            found = merger(text)
            if found is None:
                continue
            names, date = found
            for name in names:
                successor = self._one(name, line)
                if successor != provider:  # "X was merged into <this provider>"
                    self.mergers.setdefault((provider, successor), (date, src))

    def _row(self, line: int, row: dict[str, str]) -> None:
        path = self.table
        meaning = tie(row["relation"])
        if meaning is None:
            raise table_error(path, line, f"relation {row['relation']!r} is not understood")
        if row["derived"] not in ("yes", "no"):
            raise table_error(path, line, f"derived must be yes or no, got {row['derived']!r}")
        weak = weak_note(row["note"])
        src = self.sources.cite(row["source"], row["source_date"], weak, path, line)
        try:
            date, date_remark = parse_dated(row["as_of"] or "n.d.")
            share_percent = share(row["share"])
        except ValueError as exc:
            raise table_error(path, line, str(exc)) from None
        provider = self._one(row["provider"], line)
        self._used(provider, src)
        self._merger(provider, row, src, line)
        if provider in self.created and row["provider_type"]:
            self.created[provider].legal_form = (
                self.created[provider].legal_form or row["provider_type"]
            )
        if row["member_type"] == AGGREGATE or "(aggregate" in row["member_name"]:
            statute = next((s for s in STATUTES if s.member_name == row["member_name"]), None)
            if statute is not None:
                self._statute(statute, provider, row, line, date)
            else:
                self._aggregate(provider, row, src)
            return
        member = self._member(line, row)
        if member is None:
            return
        self._used(member, src)
        evidence = "derived" if row["derived"] == "yes" else meaning.evidence
        if evidence == "fact" and _DRAFT.search(f"{row['source_date']} {row['note']}"):
            evidence = "planned"  # a draft statute proposes; it does not state what is
        if meaning.relation == "customer" and _HISTORICAL.search(row["note"]):
            meaning = Tie(meaning.type, "historical customer", meaning.evidence)
        source, target = (provider, member) if meaning.reversed else (member, provider)
        notes = [f"the table's wording: {row['relation']!r}", date_remark, row["note"] or None]
        note = "; ".join(n for n in notes if n)
        fields: dict[str, object] = {"date": date, "evidence": evidence}
        if meaning.type == "SUCCEEDED_BY":
            self.edges.add(meaning.type, source, target, [src], note, relation=meaning.relation,
                           **fields)  # fmt: skip
            return
        if start := self._start(row, meaning, date):
            fields["valid_from"] = start
        fields["relation"] = meaning.relation
        if meaning.type == "MEMBER_OF":
            fields["share_percent"] = share_percent
        if meaning.type == "SERVED_BY":  # one pair may have several services (hosting ...)
            fields["key"] = slug(meaning.relation)
        rid = f"{meaning.type}:{source}->{target}"
        if (
            "key" not in fields
            and rid in self.edges.ids()
            and self.edges.get(rid).get("relation") != meaning.relation
        ):
            fields["key"] = slug(meaning.relation)
        rid = self.edges.add(meaning.type, source, target, [src], note, **fields)
        self._confirmed(rid, row, date)

    @staticmethod
    def _start(row: dict[str, str], meaning: Tie, date: str | None) -> str | None:
        """When the tie began, where the row says so: "since 2010-01-01" in the wording, a
        founding or a joining/admission dated by ``as_of``, "<member> Träger since
        01.01.2010" or "retroactive to 01.01.2013" in the note."""
        if start := _START.search(row["relation"]):
            return start[1]
        if meaning.relation == "founding member" or _JOINED.search(row["relation"]):
            return date
        for match in _NOTE_START.finditer(row["note"]):
            if not match["who"] or match["who"] in row["member_name"]:
                return dates.check(f"{match['y']}-{match['m']}-{match['d']}")
        return None

    def _confirmed(self, rid: str, row: dict[str, str], date: str | None) -> None:
        """``last_confirmed``: the latest date of the rows stating the tie (their source's
        date, else their ``as_of``)."""
        confirmed = parse_dated(row["source_date"] or "n.d.")[0] or date
        known = self.edges.get(rid).get("last_confirmed")
        if confirmed and (not known or dates.end(confirmed) > dates.end(known)):
            self.edges.update(rid, last_confirmed=confirmed)

    def _statute(
        self, statute: Statute, provider: str, row: dict[str, str], line: int, date: str | None
    ) -> None:
        """One ``Träger`` tie per unit the law names, from GV100AD; evidence ``derived``."""
        if provider != statute.provider:
            raise table_error(self.table, line, f"the statute row names {provider}")
        law = self.sources.cite(
            row["source"], row["source_date"], False, self.table, line, title=statute.law
        )
        self._used(provider, law)
        units = [
            node.id
            for label, kinds in statute.units
            for node in self.reference.labelled(label)
            if str(node.data.get("ars") or node.data.get("ags") or "").startswith(statute.land)
            and (kinds is None or node.data.get("kind") in kinds)
        ]
        if not units:
            raise table_error(self.table, line, f"no unit of Land {statute.land} in GV100AD")
        note = (
            f"by law: {statute.law} (the table's wording: {row['relation']!r}); expanded with "
            "GV100AD, one tie per unit"
        )
        for unit in sorted(units):
            rid = self.edges.add(
                "MEMBER_OF", unit, provider, [law], note, relation="Träger", date=date,
                valid_from=date, evidence="derived",
            )  # fmt: skip
            self._confirmed(rid, row, date)

    def _aggregate(self, provider: str, row: dict[str, str], src: str) -> None:
        count = f"{row['member_name']}: {row['relation']} ({row['as_of'] or 'undated'}, {src})"
        if provider not in self.created:
            message = f"aggregate row for {provider}, a node of another seed file"
            raise table_error(self.table, None, message)
        self.created[provider].members.append(count)

    def _member(self, line: int, row: dict[str, str]) -> str | None:
        path = self.table
        if node_id := keyed_body(self.reference, row, path, line):
            return node_id
        if row["match_status"].startswith("not found"):
            self.unresolved.append(
                f"{path}:{line}: {row['member_name']!r} ({row['match_status']}): no tie written"
            )
            return None
        return self._one(row["member_name"], line)

    def _one(self, text: str, line: int) -> str:
        bodies = self.resolver.resolve(text, self.table, line)
        if not bodies or len(bodies) != 1:
            raise table_error(self.table, line, f"{text!r} is not one body")
        return bodies[0].id

    def write(self, out: Path) -> ImportReport:
        created = [self._node(c) for _, c in sorted(self.created.items()) if c.sources]
        edges = self.edges.edges()
        ties = [e for e in edges if e.type != "SUCCEEDED_BY"]
        parts: dict[str, tuple[list[Node], list[Edge]]] = {
            "sources.yaml": (list(self.sources.nodes()), []),
            "providers.yaml": (created, [e for e in edges if e.type == "SUCCEEDED_BY"]),
            "ties.yaml": ([], ties),
        }
        report = self.write_parts(out, parts)
        report.created_bodies = {n.id for n in created}
        report.existing_bodies = self.resolver.resolved - report.created_bodies
        report.aliases_used = self.resolver.used
        report.unresolved = self.unresolved
        return report

    @staticmethod
    def _node(created: _Created) -> Node:
        update: dict[str, object] = {"sources": created.sources}
        if isinstance(created.node, ITProvider):
            update["reported_members"] = created.members
            update["legal_form"] = created.node.legal_form or created.legal_form
        return created.node.model_copy(update=update)


def import_it_providers(
    table: Path, out: Path, seed: Path | None = None, bodies: Path | None = None
) -> ImportReport:
    """Read ``table`` and the providers of the public-bodies tables in ``bodies``
    (default: ``public-bodies`` beside ``table``'s folder), resolve against ``seed``
    (default: ``out``'s parent), write ``out``."""
    bodies = bodies if bodies is not None else table.parent.parent / "public-bodies"
    return run_import(
        lambda ref: ProvidersImport(table, bodies, ref), table, out, seed, IT_PROVIDERS_DIR
    )
