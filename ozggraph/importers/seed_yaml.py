"""What the web-table importers share: their set-up (:class:`TableImport`), merged
relationships (:class:`EdgeBook`) and byte-stable seed YAML (:func:`write_seed`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ozggraph.atomic import write_text
from ozggraph.errors import SourceTableError
from ozggraph.importers.folders import downstream
from ozggraph.importers.resolve import Reference, Resolver, SourceBook
from ozggraph.schema import EDGE_TYPES, Edge, Node, properties


@dataclass
class _Pending:
    fields: dict[str, Any]
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class EdgeBook:
    """Relationships keyed by id; a fact stated by several rows cites every row's source."""

    def __init__(self) -> None:
        self._edges: dict[str, _Pending] = {}

    def add(
        self,
        type_: str,
        source: str,
        target: str,
        sources: Iterable[str],
        note: str | None = None,
        **fields: Any,
    ) -> str:
        fields = {"source": source, "target": target, **fields}
        rid = EDGE_TYPES[type_].model_construct(**fields).id
        pending = self._edges.setdefault(rid, _Pending({"type": type_, **fields}))
        pending.sources += [s for s in sources if s not in pending.sources]
        if note and note not in pending.notes:
            pending.notes.append(note)
        return rid

    def update(self, rid: str, **fields: Any) -> None:
        self._edges[rid].fields.update(fields)

    def note(self, rid: str, note: str, source: str) -> None:
        """Add a note, and the source behind it, to a relationship already added."""
        pending = self._edges[rid]
        pending.notes += [] if note in pending.notes else [note]
        pending.sources += [] if source in pending.sources else [source]

    def ids(self) -> list[str]:
        return list(self._edges)

    def get(self, rid: str) -> dict[str, Any]:
        return self._edges[rid].fields

    def edges(self) -> list[Edge]:
        """Validated relationships in the order first added."""
        result = []
        for pending in self._edges.values():
            data = dict(pending.fields)
            model = EDGE_TYPES[data.pop("type")]
            note = " | ".join(pending.notes) or None
            result.append(model(**data, sources=pending.sources, note=note))
        return result


def write_seed(path: Path, header: str, nodes: Sequence[Node], edges: Sequence[Edge]) -> Path:
    """Write one seed YAML file; the same input gives the same bytes."""
    doc: dict[str, list[dict[str, Any]]] = {
        "nodes": [{"label": n.label, **properties(n)} for n in nodes],
        "edges": [_edge_dict(e) for e in edges],
    }
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, comment + text)
    return path


def _edge_dict(edge: Edge) -> dict[str, Any]:
    head = {"type": edge.type, "source": edge.source, "target": edge.target}
    return head | ({"key": edge.key} if edge.key else {}) | properties(edge)


@dataclass
class ImportReport:
    """What an import wrote: counts per kind and how bodies were resolved."""

    files: list[Path] = field(default_factory=list)
    nodes: Counter[str] = field(default_factory=Counter)
    edges: Counter[str] = field(default_factory=Counter)
    existing_bodies: set[str] = field(default_factory=set)
    created_bodies: set[str] = field(default_factory=set)
    aliases_used: Counter[str] = field(default_factory=Counter)
    #: Rows naming a body the importer could not resolve (file:line, name, why): no edge.
    unresolved: list[str] = field(default_factory=list)
    #: Rows stating a relationship the dataset already has from another file: not written.
    already: list[str] = field(default_factory=list)

    def count(self, nodes: Sequence[Node], edges: Sequence[Edge]) -> None:
        self.nodes.update(n.label for n in nodes)
        self.edges.update(e.type for e in edges)

    def lines(self) -> list[str]:
        def kinds(counts: Counter[str]) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"

        return [
            *(f"wrote {f}" for f in self.files),
            f"nodes: {kinds(self.nodes)}",
            f"relationships: {kinds(self.edges)}",
            f"bodies: {len(self.existing_bodies)} existing, {len(self.created_bodies)} created",
            *(f"not written: {u}" for u in self.unresolved),
            *([f"already in the dataset: {len(self.already)} row(s)"] if self.already else []),
        ]


#: The files of one folder of ``seed/``: file name -> (nodes, relationships).
Parts = dict[str, tuple[list[Node], list[Edge]]]


class TableImport:
    """One run of an importer over one table (or folder of tables): the set-up every
    importer shares, then read and resolve (:meth:`run`), then :meth:`write`.

    A subclass sets :attr:`command` (``ozggraph import NAME``); ``aliases`` are the
    table spellings that need a decision (:class:`~ozggraph.importers.resolve.Resolver`).
    """

    command: ClassVar[str]

    def __init__(
        self,
        table: Path,
        reference: Reference,
        aliases: dict[str, str | tuple[str, ...]] | None = None,
    ) -> None:
        self.table = table
        self.reference = reference
        self.sources = SourceBook(reference)
        self.resolver = Resolver(reference, aliases or {})
        self.edges = EdgeBook()

    def create(self, bodies: dict[str, Node]) -> set[str]:
        """The ids of ``bodies`` the dataset lacks (this importer creates them), made
        known to the resolver so that rows can name them."""
        creating = {i for i in bodies if i not in self.reference.nodes}
        for body_id in sorted(creating):
            self.resolver.created(bodies[body_id])
        return creating

    def run(self) -> None:
        raise NotImplementedError

    def write(self, out: Path) -> ImportReport:
        raise NotImplementedError

    def write_parts(self, out: Path, parts: Parts) -> ImportReport:
        """Write each part as ``out/<file name>`` under the one header; count what was written."""
        shown = f"{self.table.name}/" if self.table.is_dir() else self.table.name
        header = (
            f"Written by 'ozggraph import {self.command}' from {shown}; do not edit by hand:\n"
            "fix the table or the importer and rerun."
        )
        report = ImportReport()
        for name, (nodes, edges) in parts.items():
            report.files.append(write_seed(out / name, header, nodes, edges))
            report.count(nodes, edges)
        return report


def run_import(
    make: Callable[[Reference], TableImport],
    table: Path,
    out: Path,
    seed: Path | None,
    folder: str,
) -> ImportReport:
    """Resolve against ``seed`` (default: ``out``'s parent) without ``folder`` and the
    importer folders after it, run the import ``make`` builds, write ``out``."""
    seed = seed if seed is not None else out.parent
    reference = Reference.load(seed, exclude=downstream(folder) | {out.name})
    run = make(reference)
    try:
        run.run()
        return run.write(out)
    except ValueError as exc:  # a schema model refused a value: name the table
        raise SourceTableError(f"{table}: {exc}") from exc
