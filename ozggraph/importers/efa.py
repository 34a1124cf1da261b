"""Import the EfA reuse table (``efa_reuse.csv``) into ``seed/efa/``.

One row is one cited fact about an "Einer für Alle" solution: who developed it,
who runs it, and how a named body relates to it at which ``stage`` since when. The
importer writes:

* ``Solution`` nodes (``sol-<slug>``), ``IMPLEMENTS`` the OZG-Leistung where the
  table's wording names one catalogue entry unambiguously, else only
  ``ADDRESSES`` the Themenfeld the table names (the solution's note says so);
* ``DEVELOPS`` / ``OPERATES`` from each body named (``"X; Y"``: joint
  developers; ``"X with Y"``: Y as partner, said in the note);
* per row with a ``reusing_body``, what its ``relation`` says: ``reuses`` ->
  ``REUSES`` with ``stage``, ``date`` and a ``key`` of stage and date, so that two
  facts on one pair stay two relationships; ``co-develops`` -> ``DEVELOPS`` (the
  body builds it together with the developer: no reuse); ``supports`` ->
  ``SUPPORTS`` (a supporting role only: neither developer nor reuser);
* stage ``paused`` is no new stage: it ends (``valid_to``) every earlier
  ``REUSES`` of that pair on the row's date and cites the row's source;
* counts of unnamed bodies ("11 Länder") only as ``Solution.reported_adopters``.

Evidence (docs/dataset.md): a reuse stage says how far the body has come, so it
maps to :data:`STAGE_EVIDENCE` (interest -> announced, planned -> planned,
contract -> agreed, connected/live -> fact). Who develops, co-develops, supports or
runs a solution is what the cited page states as under way or done: ``fact``
(even where the service itself was still planned then; the note keeps the stage).

Bodies resolve against the rest of the dataset (run ``ozggraph import bodies``
first); the few spellings that need a decision are in :data:`ALIASES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ozggraph.importers.efa_adoption import ADOPTION_TABLE, adopt
from ozggraph.importers.efa_catalogue import Catalogue
from ozggraph.importers.efa_solutions import STAGE_EVIDENCE, SolutionDraft
from ozggraph.importers.folders import EFA_DIR
from ozggraph.importers.resolve import (
    AGGREGATE,
    Body,
    Reference,
    parse_dated,
    read_table,
    split_remark,
    table_error,
    weak_note,
)
from ozggraph.importers.seed_yaml import EdgeBook, ImportReport, TableImport, run_import
from ozggraph.schema import Edge
from ozggraph.schema.ids import slug
from ozggraph.schema.nodes import Agency, Node
from ozggraph.schema.types import REUSE_STAGES, Evidence

COLUMNS = (
    "solution",
    "ozg_leistung_or_themenfeld",
    "developer",
    "operator",
    "reusing_body",
    "relation",
    "stage",
    "date",
    "source",
    "source_date",
    "quote_summary",
    "note",
)

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
#: The stage that ends a body's earlier stages instead of adding one (NRW's Wohngeld).
PAUSED = "paused"
TABLE_STAGES = (*REUSE_STAGES, PAUSED)
#: What a row's ``relation`` records: the relationship type it becomes.
RELATIONS = {"reuses": "REUSES", "co-develops": "DEVELOPS", "supports": "SUPPORTS"}
#: Evidence of who develops, co-develops, supports or runs a solution (module docstring).
PARTY_EVIDENCE: Evidence = "fact"


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    source: str
    date: str | None
    date_remark: str | None


class EfaImport(TableImport):
    """One run of the importer over one table."""

    command = "efa"

    def __init__(self, table: Path, reference: Reference, adoption: Path | None = None) -> None:
        super().__init__(table, reference, ALIASES)
        #: The EfA adoption table, merged into the same relationships (efa_adoption.py).
        self.adoption = adoption
        self.adopted_new: set[str] = set()
        self.catalogue = Catalogue(reference)
        self.solutions: dict[str, SolutionDraft] = {}
        self.pauses: list[tuple[str, str, _Row]] = []  # body, solution, the row that paused
        #: Bodies of NEW_BODIES that no other seed file has: id -> sources of rows naming them.
        self.new_bodies: dict[str, list[str]] = {}
        self.creating = self.create(NEW_BODIES)

    def run(self) -> None:
        for line, cells in read_table(self.table, COLUMNS):
            row = self._row(line, cells)
            solution = self._solution(row)
            self.catalogue.link(
                solution.node_id, row.cells, row.line, row.source, self.table, self.edges
            )
            self._parties(row, solution)
            self._reuse(row, solution)
        if self.adoption is not None:
            adopt(self, self.adoption)
        for sol in self.solutions.values():
            sol.notes += self.catalogue.notes(sol.node_id)
        self._apply_pauses()

    def _row(self, line: int, cells: dict[str, str]) -> _Row:
        if not cells["solution"]:
            raise table_error(self.table, line, "missing solution")
        if cells["stage"] not in TABLE_STAGES:
            raise table_error(
                self.table,
                line,
                f"bad stage {cells['stage']!r}: one of {', '.join(TABLE_STAGES)}",
            )
        relation = cells["relation"]
        if cells["reusing_body"] and relation not in RELATIONS:
            raise table_error(
                self.table, line, f"bad relation {relation!r}: one of {', '.join(RELATIONS)}"
            )
        if not cells["reusing_body"] and (relation or cells["stage"] == PAUSED):
            raise table_error(self.table, line, "relation or stage paused without a reusing_body")
        if cells["stage"] == PAUSED and relation != "reuses":
            raise table_error(self.table, line, "only a reuse can be paused")
        weak = weak_note(cells["note"])
        source = self.sources.cite(cells["source"], cells["source_date"], weak, self.table, line)
        try:
            date, remark = parse_dated(cells["date"] or "n.d.")
        except ValueError as exc:
            raise table_error(self.table, line, f"column date: {exc}") from None
        return _Row(line, cells, source, date, remark)

    def _solution(self, row: _Row) -> SolutionDraft:
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
        sol = self.solutions.setdefault(node_id, SolutionDraft(node_id, name))
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

    def _parties(self, row: _Row, sol: SolutionDraft) -> None:
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
                    self.edges.add(
                        kind, body.id, sol.node_id, [row.source], note, evidence=PARTY_EVIDENCE
                    )

    def _reuse(self, row: _Row, sol: SolutionDraft) -> None:
        text, stage, date = row.cells["reusing_body"], row.cells["stage"], row.date
        when = date or "undated"
        if not text:  # the row is about the solution itself
            sol.notes.append(f"{stage} ({when}, {row.source}): {_summary(row)}")
            return
        bodies = self._resolve(text, row)
        if bodies is None:
            sol.adopters.append(f"{text}: {stage} ({when}, {row.source})")
            return
        relation = RELATIONS[row.cells["relation"]]
        for body in bodies:
            remark = f"named as {body.remark}" if body.remark else None
            if stage == PAUSED:
                self.pauses.append((body.id, sol.node_id, row))
                continue
            if relation != "REUSES":  # co-develops, supports: a role in building it
                stated = f"the service was {stage} then"
                note = "; ".join(p for p in (_summary(row), stated, remark) if p)
                self.edges.add(
                    relation,
                    body.id,
                    sol.node_id,
                    [row.source],
                    note,
                    date=date,
                    evidence=PARTY_EVIDENCE,
                )
                continue
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
                evidence=STAGE_EVIDENCE[stage],
            )

    def _resolve(self, text: str, row: _Row) -> list[Body] | None:
        bodies = self.resolver.resolve(text, self.table, row.line)
        for body in bodies or []:
            if body.id in self.creating:
                cited = self.new_bodies.setdefault(body.id, [])
                cited += [row.source] if row.source not in cited else []
        return bodies

    def _apply_pauses(self) -> None:
        """A pause ends (``valid_to``) every REUSES of its pair that began before it."""
        for body, solution, row in self.pauses:
            done = []
            for rid in self.edges.ids():
                fields = self.edges.get(rid)
                pair = (fields["type"], fields["source"], fields["target"])
                if pair == ("REUSES", body, solution) and _not_after(fields.get("date"), row.date):
                    self.edges.update(rid, valid_to=row.date)
                    ended = f"ended {row.date} (paused): {row.cells['quote_summary']}"
                    self.edges.note(rid, ended, row.source)
                    done.append(rid)
            if not done:
                raise table_error(
                    self.table, row.line, f"pause of {body} -> {solution}: no earlier reuse to end"
                )

    def write(self, out: Path) -> ImportReport:
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
        report = self.write_parts(out, parts)
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


def _not_after(date: str | None, stop: str | None) -> bool:
    """``date`` is not after ``stop`` (an undated stage counts as before it)."""
    return not (date and stop) or date <= stop


def import_efa(
    table: Path, out: Path, seed: Path | None = None, adoption: Path | None = None
) -> ImportReport:
    """Read ``table`` and the ``adoption`` table (default: ``raw/``'s
    ``joint-projects/efa_adoption.csv`` where ``table`` lies in ``raw/``), resolve against
    ``seed`` (default: ``out``'s parent), write ``out``."""
    beside = table.parents[1] / ADOPTION_TABLE
    adoption = adoption if adoption is not None or not beside.is_file() else beside
    return run_import(lambda ref: EfaImport(table, ref, adoption), table, out, seed, EFA_DIR)
