"""Import the EfA reuse table (``efa_reuse.csv``) into ``seed/efa/``.

One row is one cited fact about an "Einer für Alle" solution: who developed it,
who runs it, and which body reuses it at which ``stage`` since when. The
importer writes:

* ``Solution`` nodes (``sol-<slug>``), ``IMPLEMENTS`` the OZG-Leistung where the
  table's wording names one catalogue entry unambiguously, else only
  ``ADDRESSES`` the Themenfeld the table names (the solution's note says so);
* ``DEVELOPS`` / ``OPERATES`` from each body named (``"X; Y"``: joint
  developers; ``"X with Y"``: Y as partner, said in the note);
* ``REUSES`` per row with ``stage``, ``date`` and a ``key`` of stage and date, so
  that two facts on one pair (planned, later live) stay two relationships.
  A row of stage ``paused`` is no stage of its own: it ends (``valid_to``) the
  earlier stages of that pair, citing its source;
* counts of unnamed bodies ("11 Länder") only as ``Solution.reported_adopters``.

Bodies resolve against the rest of the dataset (run ``ozggraph import bodies``
first); the few spellings that need a decision are in :data:`ALIASES`. The table's
``relation`` column (reuses, co-develops, supports) is not read yet: every row with a
``reusing_body`` becomes ``REUSES``, its note says when it is co-development or support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ozggraph.errors import SourceTableError
from ozggraph.ids import slug
from ozggraph.importers.efa_catalogue import Catalogue
from ozggraph.importers.resolve import (
    AGGREGATE,
    Body,
    Reference,
    Resolver,
    SourceBook,
    parse_dated,
    read_table,
    split_remark,
    table_error,
    weak_note,
)
from ozggraph.importers.seed_yaml import EdgeBook, ImportReport, write_seed
from ozggraph.schema import Edge
from ozggraph.schema.nodes import Agency, Node, Solution
from ozggraph.schema.types import REUSE_STAGES

COLUMNS = (
    "solution",
    "ozg_leistung_or_themenfeld",
    "developer",
    "operator",
    "reusing_body",
    "stage",
    "date",
    "source",
    "source_date",
    "quote_summary",
    "note",
)
#: Directory name of this importer's output inside ``seed/``.
EFA_DIR = "efa"

#: Table spellings that name no node by themselves; each entry is a decision.
ALIASES: dict[str, str | tuple[str, ...]] = {
    # The federal government acting through its family ministry (ElterngeldDigital).
    "Bund (BMFSFJ)": "min-bund-bmfsfj",
    # Three Länder named as one alliance; which of them built it the source does not say,
    # so each gets a DEVELOPS edge (the note says so).
    "Länderallianz Bremen, Hamburg, Nordrhein-Westfalen": ("ags-04", "ags-02", "ags-05"),
    # Developer of the "~50 EfA-Onlinedienste" aggregate: a count of Länder, no edge.
    "various Länder": AGGREGATE,
    # A Bezirk of the city-state Hamburg has no AGS; created below as an Agency.
    "Bezirk Wandsbek (HH)": "agency-bezirk-wandsbek",
}
#: Bodies no other seed file has, created once by this importer when a row names them.
NEW_BODIES: dict[str, Node] = {
    "agency-bezirk-wandsbek": Agency(
        id="agency-bezirk-wandsbek",
        name="Bezirk Wandsbek",
        kind="Bezirk",
        sources=["pending"],
        note="A Bezirk of the city-state Hamburg ('(HH)' in the table); it has no AGS.",
    ),
}
#: Where a created body belongs (PART_OF), as the table's Land code says.
NEW_BODY_PARENTS = {"agency-bezirk-wandsbek": "ags-02"}
#: The stage of a row that ends earlier facts on the same pair (the Wohngeld case in NRW).
PAUSED = "paused"


@dataclass
class _Solution:
    node_id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    adopters: list[str] = field(default_factory=list)

    def cite(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def node(self) -> Solution:
        return Solution(
            id=self.node_id,
            name=self.name,
            aliases=self.aliases,
            kind=self.kind,
            sources=self.sources,
            note=" | ".join(self.notes) or None,
            reported_adopters=self.adopters,
        )


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    source: str
    date: str | None
    date_remark: str | None


class EfaImport:
    """One run of the importer over one table."""

    def __init__(self, table: Path, reference: Reference) -> None:
        self.table = table
        self.reference = reference
        self.sources = SourceBook(reference)
        self.resolver = Resolver(reference, ALIASES)
        self.catalogue = Catalogue(reference)
        self.edges = EdgeBook()
        self.solutions: dict[str, _Solution] = {}
        self.suspensions: list[tuple[str, str, _Row]] = []  # body, solution, pausing row
        #: Bodies of NEW_BODIES that no other seed file has: id -> sources of rows naming them.
        self.new_bodies: dict[str, list[str]] = {}
        self.creating = {i for i in NEW_BODIES if i not in reference.nodes}
        for body_id in sorted(self.creating):
            self.resolver.created(NEW_BODIES[body_id])

    def run(self) -> None:
        for line, cells in read_table(self.table, COLUMNS):
            row = self._row(line, cells)
            solution = self._solution(row)
            self.catalogue.link(
                solution.node_id, row.cells, row.line, row.source, self.table, self.edges
            )
            self._parties(row, solution)
            self._reuse(row, solution)
        for sol in self.solutions.values():
            sol.notes += self.catalogue.notes(sol.node_id)
        self._apply_suspensions()

    def _row(self, line: int, cells: dict[str, str]) -> _Row:
        if not cells["solution"]:
            raise table_error(self.table, line, "missing solution")
        if cells["stage"] not in (*REUSE_STAGES, PAUSED):
            raise table_error(
                self.table,
                line,
                f"bad stage {cells['stage']!r}: one of {', '.join((*REUSE_STAGES, PAUSED))}",
            )
        weak = weak_note(cells["note"])
        source = self.sources.cite(cells["source"], cells["source_date"], weak, self.table, line)
        try:
            date, remark = parse_dated(cells["date"] or "n.d.")
        except ValueError as exc:
            raise table_error(self.table, line, f"column date: {exc}") from None
        if cells["stage"] == PAUSED and date is None:
            raise table_error(self.table, line, "stage paused needs the date it began")
        return _Row(line, cells, source, date, remark)

    def _solution(self, row: _Row) -> _Solution:
        raw = row.cells["solution"]
        name, remark = split_remark(raw)
        node_id = "sol-" + slug(name.split(" / ")[0])
        if node_id in self.reference.nodes:
            raise table_error(
                self.table,
                row.line,
                f"solution {node_id} is already in the "
                "dataset outside seed/efa; reconcile the two first",
            )
        aggregate = bool(remark and re.search(r"\b(aggregate|unnamed)\b", remark))
        sol = self.solutions.setdefault(node_id, _Solution(node_id, name))
        for alias in (raw, remark if remark and " " not in remark else None):
            if alias and alias != sol.name and alias not in sol.aliases and not aggregate:
                sol.aliases.append(alias)
        if aggregate and sol.kind is None:
            sol.kind = AGGREGATE
            sol.notes.append(
                f"Not one solution: the table's {raw!r} stands for a count of "
                "unnamed online services."
            )
        sol.cite(row.source)
        return sol

    def _parties(self, row: _Row, sol: _Solution) -> None:
        for column, edge_type in (("developer", "DEVELOPS"), ("operator", "OPERATES")):
            for text, role in parties(row.cells[column]):
                bodies = self._resolve(text, row)
                if bodies is None:
                    count = f"{column} given only as {text!r}, a count without names"
                    sol.notes += [] if count in sol.notes else [count]
                    continue
                for body in bodies:
                    kind = edge_type
                    if body.remark == "developer":  # "AKDB (developer)" in the operator column
                        kind, body = (
                            "DEVELOPS",
                            Body(body.id, "named as developer in the operator column"),
                        )
                    note = _party_note(role, body.remark, text, len(bodies))
                    self.edges.add(kind, body.id, sol.node_id, [row.source], note)

    def _reuse(self, row: _Row, sol: _Solution) -> None:
        text, stage, date = row.cells["reusing_body"], row.cells["stage"], row.date
        when = date or "undated"
        if not text:  # the row is about the solution itself
            sol.notes.append(f"{stage} ({when}, {row.source}): {_summary(row)}")
            return
        bodies = self._resolve(text, row)
        if bodies is None:
            sol.adopters.append(f"{text}: {stage} ({when}, {row.source})")
            return
        for body in bodies:
            if stage == PAUSED:
                self.suspensions.append((body.id, sol.node_id, row))
                continue
            remark = f"named as {body.remark}" if body.remark else None
            note = "; ".join(p for p in (_summary(row), remark) if p)
            self.edges.add(
                "REUSES",
                body.id,
                sol.node_id,
                [row.source],
                note,
                key=f"{stage}-{when}",
                stage=stage,
                date=date,
            )

    def _resolve(self, text: str, row: _Row) -> list[Body] | None:
        bodies = self.resolver.resolve(text, self.table, row.line)
        for body in bodies or []:
            if body.id in self.creating:
                cited = self.new_bodies.setdefault(body.id, [])
                cited += [row.source] if row.source not in cited else []
        return bodies

    def _apply_suspensions(self) -> None:
        """A 'paused' row ends (``valid_to``) the earlier stages of its pair."""
        for body, solution, row in self.suspensions:
            pair = {"type": "REUSES", "source": body, "target": solution}
            ended = f"ended {row.date} per a later source ({row.source}): {_summary(row)}"
            for rid in self.edges.ids():
                fields = self.edges.get(rid)
                same_pair = all(fields[k] == v for k, v in pair.items())
                if same_pair and _before(fields["date"], row.date) and not fields.get("valid_to"):
                    self.edges.update(rid, valid_to=row.date)
                    self.edges.note(rid, ended, row.source)

    def write(self, out: Path) -> ImportReport:
        report = ImportReport()
        header = (
            f"Written by 'ozggraph import efa' from {self.table.name}; do not edit by hand:\n"
            "fix the table or the importer and rerun."
        )
        created = [self._new_body(i, s) for i, s in sorted(self.new_bodies.items())]
        parents = EdgeBook()
        for node in created:
            parents.add("PART_OF", node.id, NEW_BODY_PARENTS[node.id], node.sources)
        edges = self.edges.edges()
        catalogue = [e for e in edges if e.type in ("IMPLEMENTS", "ADDRESSES")]
        parts: dict[str, tuple[list[Node], list[Edge]]] = {
            "sources.yaml": (list(self.sources.nodes()), []),
            "solutions.yaml": ([s.node() for s in self.solutions.values()], catalogue),
            "bodies.yaml": (created, parents.edges()),
            "reuse.yaml": ([], [e for e in edges if e not in catalogue]),
        }
        for name, (nodes, edges) in parts.items():
            report.files.append(write_seed(out / name, header, nodes, edges))
            report.count(nodes, edges)
        report.created_bodies = {n.id for n in created}
        report.existing_bodies = self.resolver.resolved - report.created_bodies
        report.aliases_used = self.resolver.used
        return report

    @staticmethod
    def _new_body(body_id: str, sources: list[str]) -> Node:
        return NEW_BODIES[body_id].model_copy(update={"sources": sources})


def parties(cell: str) -> list[tuple[str, str | None]]:
    """Bodies of a developer/operator cell with their role.

    ``"X; Y"`` -> both lead (role None); ``"X (with Y)"``/``"X with Y and Z"`` -> Y, Z
    ``partner``; ``"Y as co-lead"`` -> role ``co-lead``.
    """
    cell = re.sub(r"\s*\(with ([^)]*)\)", r" with \1", cell.strip())
    result: list[tuple[str, str | None]] = []
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        lead, *partners = re.split(r",?\s+with\s+", part)
        result.append((lead, None))
        for name in (n for seg in partners for n in re.split(r"\s+and\s+", seg)):
            match = re.fullmatch(r"(.*?)\s+as\s+(.+)", name)
            result.append((match[1], match[2]) if match else (name, "partner"))
    return result


def _party_note(role: str | None, remark: str | None, text: str, count: int) -> str | None:
    notes = [
        f"{role} (the table names it with 'with')" if role == "partner" else role,
        f"the table adds: {remark}" if remark else None,
        f"one of {count} bodies the table names as {text!r}" if count > 1 else None,
    ]
    return "; ".join(n for n in notes if n) or None


def _summary(row: _Row) -> str:
    parts = [row.cells["quote_summary"], row.cells["note"], row.date_remark]
    return " — ".join(p for p in parts if p)


def _before(date: str | None, stop: str | None) -> bool:
    """``date`` certainly before ``stop`` (a year equal to stop's year is not certain)."""
    return bool(date and stop and date < stop and not stop.startswith(date))


def import_efa(table: Path, out: Path, seed: Path | None = None) -> ImportReport:
    """Read ``table``, resolve against ``seed`` (default: ``out``'s parent), write ``out``."""
    seed = seed if seed is not None else out.parent
    reference = Reference.load(seed, exclude={EFA_DIR, out.name})
    run = EfaImport(table, reference)
    try:
        run.run()
        return run.write(out)
    except ValueError as exc:  # a schema model refused a value: name the table
        raise SourceTableError(f"{table}: {exc}") from exc
