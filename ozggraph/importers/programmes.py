"""Import the digital funding programmes (``funding_digital_programmes.csv``) into
``seed/programmes/``.

One row is one recipient (or one partner of a joint project) of a programme. The
importer writes:

* a ``Programme`` per programme (:data:`PROGRAMMES`) with ``FUNDS`` from its funder,
  and a ``Programme`` per round (``kind`` funding round, ``date`` the decision date
  when the round has one) ``PART_OF`` the programme;
* a sole recipient ``PARTICIPATES_IN`` its round (``role`` as the table says it,
  ``date`` the decision date);
* a joint project (several rows of one project, with lead and partner roles) as a
  ``Cooperation``: each partner ``MEMBER_OF`` it with its ``role`` (lead, partner,
  consortium partner), the Cooperation ``PARTICIPATES_IN`` the round;
* ``FUNDS`` from the funder to the project (or sole recipient), ``programme`` the
  round, only where the table gives an amount: once, on the project, never on each
  partner. A lower bound (">11 Mio") goes to ``amount_bound_eur`` with ``amount_kind``
  at_least; rounded figures are ``approximate``. Unknown amounts stay empty (no ``FUNDS``);
* a programme-wide figure ("programme total c. 91 Mio EUR") only on the Programme.

**Only a published joint decision is a round.** Taking part in one round ties its
recipients to each other, so a round is written only where the table names one
decision for several grants (a Staffel, a batch of Bescheide, a Richtlinie naming the
regions): its name is no "individual Bescheid" and no "n.d.", and it holds more than
one project. Any other grant is its own decision: ``FUNDS`` from the funder to the
recipient (or joint project) with ``programme`` the Programme itself and ``date``
the decision date, its amount where the table gives one; it takes part in no round.

Every membership and participation carries ``date`` (the row's decision date) and
``last_confirmed`` (the date of its row's source, else the decision date).

Recipients resolve by official key (``ags``, ``kreis_key``, ``verband_key``) or by name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ozggraph.importers.folders import PROGRAMMES_DIR
from ozggraph.importers.resolve import (
    Reference,
    keyed_body,
    parse_dated,
    read_table,
    table_error,
    weak_note,
)
from ozggraph.importers.seed_yaml import ImportReport, TableImport, run_import
from ozggraph.schema import Edge
from ozggraph.schema.ids import slug
from ozggraph.schema.nodes import Agency, Association, Cooperation, Ministry, Node, Programme

COLUMNS = (
    "programme",
    "funder",
    "round",
    "project",
    "recipient_name",
    "recipient_type",
    "recipient_role",
    "land",
    "ags",
    "kreis_key",
    "verband_key",
    "gv100ad_name",
    "match_status",
    "amount_eur",
    "amount_note",
    "decision_date",
    "source",
    "source_date",
    "note",
)


@dataclass(frozen=True)
class ProgrammeSpec:
    id: str
    name: str
    short: str
    funder: str
    land: str | None
    kind: str


#: The programmes of the table, by the table's name, with the node of their funder.
PROGRAMMES: dict[str, ProgrammeSpec] = {
    "Modellprojekte Smart Cities (MPSC)": ProgrammeSpec(
        "prog-mpsc", "Modellprojekte Smart Cities", "MPSC", "min-bund-bmi", None,
        "federal funding programme",
    ),
    "Förderprogramm Digitales Rathaus (FöRdR)": ProgrammeSpec(
        "prog-by-foerdr", "Förderprogramm Digitales Rathaus", "FöRdR", "min-by-stmd", "BY",
        "Land funding programme",
    ),
    "Digitale Zukunftskommune@bw": ProgrammeSpec(
        "prog-bw-digitale-zukunftskommune", "Digitale Zukunftskommune@bw", "DZK@bw",
        "min-bw-im", "BW", "Land competition",
    ),
    "Städte, Gemeinden und Landkreise 4.0 – Future Communities": ProgrammeSpec(
        "prog-bw-future-communities", "Städte, Gemeinden und Landkreise 4.0 – Future Communities",
        "Future Communities", "min-bw-im", "BW", "Land funding programme",
    ),
    "Digitale Modellregionen in NRW": ProgrammeSpec(
        "prog-nw-digitale-modellregionen", "Digitale Modellregionen in NRW", "DMR NRW",
        "min-nw-mwide", "NW", "Land funding programme",
    ),
    "Hessen: Rahmenvereinbarung zur Förderung der Interkommunalen Zusammenarbeit (IKZ)": (
        ProgrammeSpec(
            "prog-he-ikz-foerderung",
            "Förderung der Interkommunalen Zusammenarbeit (IKZ) in Hessen",
            "IKZ-Förderung", "min-he-hmdis", "HE", "Land funding programme",
        )
    ),
}  # fmt: skip
#: Funders as the table writes them (the programme says which node pays).
FUNDERS = {
    "Bund: BMI (now BMWSB), via KfW": "min-bund-bmi",
    "Freistaat Bayern: Staatsministerium für Digitales (StMD)": "min-by-stmd",
    "Land BW: Innenministerium (IM, Digitalisierungsstrategie digital@bw)": "min-bw-im",
    "Land BW: Innenministerium": "min-bw-im",
    "Land NRW: MWIDE (now MWIKE), Richtlinie 12.07.2018; PtJ; NRW.BANK": "min-nw-mwide",
    "Land Hessen: HMdIS (Landesausgleichsstock)": "min-he-hmdis",
}
#: Bodies no other table has, created when a row names them.
NEW_BODIES: dict[str, Node] = {
    node.id: node
    for node in (
        Ministry(id="min-by-stmd", name="Bayerisches Staatsministerium für Digitales",
                 aliases=["StMD"], kind="Landesministerium", land="BY", sources=["pending"]),
        Ministry(id="min-bw-im", name="Innenministerium Baden-Württemberg", aliases=["IM BW"],
                 kind="Landesministerium", land="BW", sources=["pending"]),
        Ministry(id="min-nw-mwide",
                 name="Ministerium für Wirtschaft, Innovation, Digitalisierung und Energie NRW",
                 aliases=["MWIDE", "MWIKE"], kind="Landesministerium", land="NW",
                 note="MWIDE, now MWIKE (per the table).", sources=["pending"]),
        Association(id="assoc-verband-region-rhein-neckar", name="Verband Region Rhein-Neckar",
                    kind="Regionalverband", note="Regionalverband spanning BW, RP and HE; no AGS.",
                    sources=["pending"]),
        Association(id="assoc-regionalverband-nordschwarzwald",
                    name="Regionalverband Nordschwarzwald", kind="Regionalverband", land="BW",
                    sources=["pending"]),
        Cooperation(id="coop-regioenergie", name="RegioENERGIE",
                    aliases=["RegioENERGIE (landkreisübergreifender Zusammenschluss)"],
                    kind="landkreisübergreifender Zusammenschluss", land="BW",
                    note="Its members are not named by the source.", sources=["pending"]),
        Agency(id="agency-bezirksregierung-detmold", name="Bezirksregierung Detmold",
               kind="Bezirksregierung", land="NW", sources=["pending"]),
    )
}  # fmt: skip
ALIASES: dict[str, str | tuple[str, ...]] = {
    "Verband Region Rhein-Neckar": "assoc-verband-region-rhein-neckar",
    "Regionalverband Nordschwarzwald": "assoc-regionalverband-nordschwarzwald",
    "RegioENERGIE (landkreisübergreifender Zusammenschluss)": "coop-regioenergie",
    "Bezirksregierung Detmold": "agency-bezirksregierung-detmold",
}
#: Where a created body belongs (PART_OF).
NEW_BODY_PARENTS = {
    "min-by-stmd": "ags-09",
    "min-bw-im": "ags-08",
    "min-nw-mwide": "ags-05",
    "agency-bezirksregierung-detmold": "ags-05",
}
_TOTAL = re.compile(r"programme total c\. (\d+(?:[.,]\d+)?) Mio EUR", re.IGNORECASE)
#: Round names that name no joint decision.
_NO_JOINT_DECISION = re.compile(r"\bindividual\b|^n\.d\.", re.IGNORECASE)


def joint_decision(round_: str, projects: int) -> bool:
    """Whether a round of the table is a published joint decision (see the module doc).

    >>> joint_decision("Staffel 2 (2020)", 32), joint_decision("individual Bescheid", 5)
    (True, False)
    >>> joint_decision("2016", 1), joint_decision("n.d. (Themenwochen)", 1)
    (False, False)
    """
    return projects > 1 and not _NO_JOINT_DECISION.search(round_)


def amount(cell: str, note: str) -> tuple[float | None, str | None, float | None]:
    """``(amount_eur, amount_kind, amount_bound_eur)`` of a row's amount and its note.

    >>> amount("11000000", 'SWR: "mehr als 11 Millionen Euro" (lower bound)')
    (None, 'at_least', 11000000.0)
    >>> amount("14650", "rounded by source")
    (14650.0, 'approximate', None)
    >>> amount("", "amount not in excerpt")
    (None, None, None)
    """
    if not cell:
        return None, None, None
    try:
        value = float(cell)
    except ValueError:
        raise ValueError(f"amount_eur must be a number, got {cell!r}") from None
    if re.search(r"lower bound|\bmehr als\b|\büber\b", note):
        return None, "at_least", value
    if re.search(r"\brund\b|rounded|summed|\bc\.|Mio", note):
        return value, "approximate", None
    return value, "exact", None


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    source: str
    body: str
    date: str | None
    #: The date of the row's source (else its decision date): ``last_confirmed``.
    confirmed: str | None = None


@dataclass
class _Made:
    node: Node
    sources: list[str] = field(default_factory=list)

    def cite(self, source: str) -> None:
        self.sources += [] if source in self.sources else [source]


class ProgrammesImport(TableImport):
    """One run of the importer over one table."""

    command = "programmes"

    def __init__(self, table: Path, reference: Reference) -> None:
        super().__init__(table, reference, ALIASES)
        self.made: dict[str, _Made] = {}
        self.creating = self.create(NEW_BODIES)

    def run(self) -> None:
        groups: defaultdict[tuple[str, str, str], list[_Row]] = defaultdict(list)
        for line, cells in read_table(self.table, COLUMNS):
            row = self._row(line, cells)
            groups[(cells["programme"], cells["round"], cells["project"])].append(row)
        projects: defaultdict[tuple[str, str], int] = defaultdict(int)
        for (programme, round_, _), rows in groups.items():
            projects[(programme, round_)] += 1 if self._joint(rows) else len(rows)
        for (programme, round_, project), rows in groups.items():
            if joint_decision(round_, projects[(programme, round_)]):
                context = self._round(programme, round_, rows)
            else:  # a grant of its own: under the programme, in no round
                context = self._programme(programme, rows[0])
                for row in rows[1:]:
                    self.made[context].cite(row.source)
            if self._joint(rows):
                self._project(programme, context, project, rows)
            else:
                for row in rows:
                    self._recipient(context, row)

    @staticmethod
    def _joint(rows: list[_Row]) -> bool:
        """Several rows of one project with lead and partner roles: a joint project."""
        return len(rows) > 1 and any(
            not r.cells["recipient_role"].startswith("sole recipient") for r in rows
        )

    def _row(self, line: int, cells: dict[str, str]) -> _Row:
        spec = PROGRAMMES.get(cells["programme"])
        if spec is None:
            raise table_error(self.table, line, f"unknown programme {cells['programme']!r}")
        if FUNDERS.get(cells["funder"]) != spec.funder:
            raise table_error(self.table, line, f"funder {cells['funder']!r} is not understood")
        if not cells["round"] or not cells["project"] or not cells["recipient_role"]:
            raise table_error(self.table, line, "round, project and recipient_role are needed")
        weak = weak_note(cells["note"])
        source = self.sources.cite(cells["source"], cells["source_date"], weak, self.table, line)
        try:
            date, _ = parse_dated(cells["decision_date"] or "n.d.")
            amount(cells["amount_eur"], cells["amount_note"])
        except ValueError as exc:
            raise table_error(self.table, line, str(exc)) from None
        body = keyed_body(self.reference, cells, self.table, line)
        if body is None:
            bodies = self.resolver.resolve(cells["recipient_name"], self.table, line)
            if not bodies or len(bodies) != 1:
                raise table_error(self.table, line, f"{cells['recipient_name']!r} is not one body")
            body = bodies[0].id
        if body in self.creating:
            self._made(NEW_BODIES[body]).cite(source)
        confirmed = parse_dated(cells["source_date"] or "n.d.")[0] or date
        return _Row(line, cells, source, body, date, confirmed)

    def _made(self, node: Node) -> _Made:
        return self.made.setdefault(node.id, _Made(node))

    def _programme(self, name: str, row: _Row) -> str:
        spec = PROGRAMMES[name]
        made = self._made(
            Programme(
                id=spec.id,
                name=spec.name,
                aliases=[spec.short, name],
                kind=spec.kind,
                land=spec.land,
                sources=["pending"],
            )
        )
        made.cite(row.source)
        if spec.funder in self.creating:
            self._made(NEW_BODIES[spec.funder]).cite(row.source)
        self.edges.add(
            "FUNDS",
            spec.funder,
            spec.id,
            [row.source],
            f"funder: {row.cells['funder']}",
            evidence="fact",
        )
        if total := _TOTAL.search(row.cells["amount_note"]):
            node = made.node
            assert isinstance(node, Programme)
            made.node = node.model_copy(
                update={
                    "amount_eur": float(total[1].replace(",", ".")) * 1e6,
                    "amount_kind": "approximate",
                    "evidence": "fact",
                }
            )
        return spec.id

    def _round(self, programme: str, round_: str, rows: list[_Row]) -> str:
        prog_id = self._programme(programme, rows[0])
        spec = PROGRAMMES[programme]
        round_id = f"{prog_id}-{slug(round_)}"
        dates = {r.date for r in rows}
        made = self._made(
            Programme(
                id=round_id,
                name=f"{spec.short}: {round_}",
                kind="funding round",
                land=spec.land,
                sources=["pending"],
            )
        )
        node = made.node
        assert isinstance(node, Programme)
        if len(dates) == 1 and node.date in (None, *dates):
            made.node = node.model_copy(update={"date": next(iter(dates))})
        for row in rows:
            made.cite(row.source)
            self.edges.add("PART_OF", round_id, prog_id, [row.source], "a round of the programme")
        return round_id

    def _recipient(self, context: str, row: _Row) -> None:
        if self._is_round(context):
            role = row.cells["recipient_role"]
            note = "; ".join(p for p in (row.cells["amount_note"], row.cells["note"]) if p)
            self.edges.add(
                "PARTICIPATES_IN",
                row.body,
                context,
                [row.source],
                note or None,
                role=role,
                date=row.date,
                evidence="fact",
                last_confirmed=row.confirmed,
            )
        self._funds(context, row.body, row)

    def _is_round(self, context: str) -> bool:
        node = self.made[context].node
        return isinstance(node, Programme) and node.kind == "funding round"

    def _project(self, programme: str, round_id: str, project: str, rows: list[_Row]) -> None:
        spec = PROGRAMMES[programme]
        coop_id = f"coop-{slug(spec.short)}-{slug(project)}"[:120]
        if coop_id in self.made or coop_id in self.reference.nodes:
            coop_id = f"{coop_id}-{slug(rows[0].cells['round'])}"
        made = self._made(
            Cooperation(
                id=coop_id,
                name=project,
                kind=f"joint project ({spec.short})",
                land=spec.land,
                sources=["pending"],
            )
        )
        for row in rows:
            made.cite(row.source)
            self.edges.add(
                "MEMBER_OF",
                row.body,
                coop_id,
                [row.source],
                row.cells["note"] or None,
                role=row.cells["recipient_role"],
                relation="member",
                date=row.date,
                evidence="fact",
                last_confirmed=row.confirmed,
            )
        dates = sorted({r.date for r in rows if r.date})
        confirmed = sorted({r.confirmed for r in rows if r.confirmed})
        lead_rows = [r for r in rows if r.cells["amount_eur"]]
        if self._is_round(round_id):
            self.edges.add(
                "PARTICIPATES_IN",
                coop_id,
                round_id,
                list(dict.fromkeys(r.source for r in rows)),
                "joint project of the round",
                role="joint project",
                date=dates[-1] if dates else None,
                evidence="fact",
                last_confirmed=confirmed[-1] if confirmed else None,
            )
        elif not lead_rows:  # a grant of its own whose amount the table does not give
            lead_rows = rows[:1]
        if len(lead_rows) > 1:
            line = lead_rows[1].line
            raise table_error(self.table, line, "a project's amount stands on one row only")
        for row in lead_rows:
            self._funds(round_id, coop_id, row)

    def _funds(self, round_id: str, target: str, row: _Row) -> None:
        """The grant: only where the table gives an amount, or where the grant is its own
        decision (no round records it; its amount stays empty)."""
        value, kind, bound = amount(row.cells["amount_eur"], row.cells["amount_note"])
        if kind is None and self._is_round(round_id):
            return
        note = "; ".join(
            p
            for p in (
                row.cells["amount_note"],
                f"recorded on the row of {row.cells['recipient_name']}",
            )
            if p
        )
        funder = PROGRAMMES[row.cells["programme"]].funder
        self.edges.add(
            "FUNDS",
            funder,
            target,
            [row.source],
            note,
            key=round_id,
            amount_eur=value,
            amount_kind=kind,
            amount_bound_eur=bound,
            evidence="fact",
            date=row.date,
            programme=round_id,
        )

    def write(self, out: Path) -> ImportReport:
        nodes = [m.node.model_copy(update={"sources": m.sources}) for m in self.made.values()]
        bodies = [n for n in nodes if n.id in NEW_BODIES]
        for node in bodies:
            if node.id in NEW_BODY_PARENTS:
                self.edges.add(
                    "PART_OF",
                    node.id,
                    NEW_BODY_PARENTS[node.id],
                    node.sources,
                    "a body of this Land",
                )
        edges = self.edges.edges()
        programmes = [n for n in nodes if n.label == "Programme"]
        projects = [n for n in nodes if n.label == "Cooperation" and n.id not in NEW_BODIES]
        structure = ("PART_OF",)
        parts: dict[str, tuple[list[Node], list[Edge]]] = {
            "sources.yaml": (list(self.sources.nodes()), []),
            "programmes.yaml": (
                bodies + programmes,
                [e for e in edges if e.type in structure]
                + [e for e in edges if e.type == "FUNDS" and e.target.startswith("prog-")],
            ),
            "projects.yaml": (
                projects,
                [e for e in edges if e.type == "MEMBER_OF"],
            ),
            "recipients.yaml": (
                [],
                [
                    e
                    for e in edges
                    if e.type == "PARTICIPATES_IN"
                    or (e.type == "FUNDS" and not e.target.startswith("prog-"))
                ],
            ),
        }
        report = self.write_parts(out, parts)
        report.created_bodies = {n.id for n in bodies}
        report.existing_bodies = self.resolver.resolved - report.created_bodies
        return report


def import_programmes(table: Path, out: Path, seed: Path | None = None) -> ImportReport:
    """Read ``table``, resolve against ``seed`` (default: ``out``'s parent), write ``out``."""
    return run_import(lambda ref: ProgrammesImport(table, ref), table, out, seed, PROGRAMMES_DIR)
