"""Turning raw records into validated models, and checking the dataset as a whole."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ozggraph.dataset.files import Record
from ozggraph.errors import Problem
from ozggraph.schema import EDGE_TYPES, NODE_TYPES, Edge, Node


def parse(records: list[Record]) -> tuple[list[tuple[Node | Edge, Record]], list[Problem]]:
    """Validate each record against its schema model; every field error becomes a problem."""
    parsed: list[tuple[Node | Edge, Record]] = []
    problems: list[Problem] = []
    for rec in records:
        model = NODE_TYPES[rec.name] if rec.kind == "node" else EDGE_TYPES[rec.name]
        if rec.kind == "edge" and not model.curated:
            problems.append(_at(rec, f"{rec.name} is derived by ozggraph, never curated"))
            continue
        try:
            parsed.append((model.model_validate(rec.data), rec))
        except ValidationError as exc:
            problems.extend(_at(rec, _explain(err)) for err in exc.errors())
    return parsed, problems


def _explain(err: ErrorDetails) -> str:
    loc = ".".join(str(p) for p in err.get("loc", ()))
    if err.get("type") == "extra_forbidden":
        return f"unknown field '{loc}'"
    if err.get("type") == "missing":
        return f"missing field '{loc}'"
    message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    value = err.get("input")
    shown = f" (got {value!r})" if loc and not isinstance(value, dict) else ""
    return f"field '{loc}': {message}{shown}" if loc else message


def _at(rec: Record, message: str) -> Problem:
    return Problem(rec.file, rec.line, rec.describe(), message)


def duplicate_ids(records: list[Record]) -> list[Problem]:
    """Node ids used twice, checked on the raw records so invalid ones count too."""
    first: dict[str, Record] = {}
    problems = []
    for rec in records:
        node_id = rec.data.get("id") if rec.kind == "node" else None
        if isinstance(node_id, str) and node_id in first:
            problems.append(_at(rec, f"duplicate id, first at {_where(first[node_id])}"))
        elif isinstance(node_id, str):
            first[node_id] = rec
    return problems


@dataclass(frozen=True)
class Dangling:
    """A reference (``source``, ``target``, ``sources``, ``programme``) to an id no node has."""

    rec: Record
    what: str  # "source", "target", "programme" or "sources" (a Source in a sources list)
    ref: str
    labels: frozenset[str]  # labels the referenced node may have


def check(
    items: list[tuple[Node | Edge, Record]],
    records: list[Record],
    unreadable: list[str] | tuple[str, ...] = (),
) -> list[Problem]:
    """Whole-dataset checks: unique ids and AGS, references, endpoint labels.

    A reference to a node that exists but failed validation is not reported
    again: its own problem says what to fix. References to an id no node has
    are reported once per id (see :func:`dangling_problems`); ``unreadable``
    (files that could not be read at all) turns them into one summary.
    """
    problems: list[Problem] = duplicate_ids(records)
    dangling = source_references(records)
    known = _ids(rec for rec in records if rec.kind == "node")
    nodes: dict[str, tuple[Node, Record]] = {}
    edges: dict[str, Record] = {}
    keys: dict[tuple[str, str], Record] = {}
    for item, rec in items:
        if isinstance(item, Node):
            if item.id in nodes:
                continue  # reported by duplicate_ids
            nodes[item.id] = (item, rec)
            for field in ("ags", "ars"):
                value = getattr(item, field, None)
                if value and (field, value) in keys:
                    first = keys[(field, value)]
                    problems.append(_at(rec, f"{field} {value} already used by {first.describe()}"))
                elif value:
                    keys[(field, value)] = rec
    for item, rec in items:
        if isinstance(item, Edge):
            if item.id in edges:
                problems.append(
                    _at(
                        rec,
                        f"duplicate relationship, first at {_where(edges[item.id])}; "
                        "give them distinct 'key' values",
                    )
                )
                continue
            edges[item.id] = rec
            problems.extend(_edge_ends(item, rec, nodes, known, dangling))
    return problems + dangling_problems(dangling, records, unreadable)


def dangling_problems(
    dangling: list[Dangling], records: list[Record], unreadable: list[str] | tuple[str, ...] = ()
) -> list[Problem]:
    """One problem per missing id, naming the files where such a node would be.

    A dropped or garbled line in ``Municipality.csv`` shows up as references in
    ``PART_OF.csv`` to a node that is gone: the message says which files hold
    nodes of the labels the reference allows (those of the same folder first),
    so it names the file to look at. When a file could not be read at all, its
    ids are gone too; the references are then summarised in one line on that
    file instead of hundreds of consequential ones.
    """
    if not dangling:
        return []
    if unreadable:
        ids = {d.ref for d in dangling}
        files = {d.rec.file for d in dangling}
        first = dangling[0]
        return [
            Problem(
                ", ".join(unreadable),
                None,
                None,
                f"{len(dangling)} reference(s) in {len(files)} file(s) to {len(ids)} id(s) "
                "missing from the dataset, probably defined here: fix this file first "
                f"(first: {_where(first.rec)} {first.what} '{first.ref}')",
            )
        ]
    files_of: dict[str, set[str]] = {}
    for rec in records:
        if rec.kind == "node":
            files_of.setdefault(rec.name, set()).add(rec.file)
    shapes = id_shapes(records)
    by_place: dict[tuple[bool, str], dict[str, list[Dangling]]] = {}
    for item in dangling:
        place = (item.what == "sources", _look_in(item, files_of, shapes))
        by_place.setdefault(place, {}).setdefault(item.ref, []).append(item)
    problems = []
    for (_, hint), groups in by_place.items():
        if len(groups) > MAX_MISSING_IDS:  # a file lost many nodes: one line, not thousands
            first = next(iter(groups.values()))[0]
            refs = sum(len(g) for g in groups.values())
            some = ", ".join(f"'{ref}'" for ref in list(groups)[:3])
            problems.append(
                _at(
                    first.rec,
                    f"{len(groups)} ids referenced {refs} times are not nodes of the dataset"
                    f"{hint}, such as {some}",
                )
            )
            continue
        for group in groups.values():
            problems.append(_at(group[0].rec, _missing(group[0], hint, len(group) - 1)))
    return problems


#: More distinct missing ids than this behind one hint are summarised in one problem.
MAX_MISSING_IDS = 10


def _missing(item: Dangling, hint: str, more: int) -> str:
    if item.what == "sources":
        message = f"source '{item.ref}' is not a Source of the dataset"
    elif item.what == "programme":
        message = f"programme '{item.ref}' is not a Programme of the dataset"
    else:
        message = f"{item.what} '{item.ref}' is not a node of the dataset"
    return message + hint + (f"; {more} more reference(s) to it" if more else "")


def _look_in(item: Dangling, files_of: dict[str, set[str]], ids: IdShapes) -> str:
    """Where the missing node would be: for a source, the sources of the citing file's
    own part (each part of seed/ keeps its sources beside it); else files whose ids
    look like it (``ags-15`` and ``ags-06`` are States), else files of its folder, else
    all, of the labels allowed."""
    allowed = {f for label in item.labels for f in files_of.get(label, ())}
    prefix = item.ref.split("-", 1)[0]
    folder = str(PurePath(item.rec.file).parent)
    beside = {f for f in allowed if str(PurePath(f).parent) == folder}
    for shown in (
        beside if item.what == "sources" else set(),
        allowed & ids.get((prefix, len(item.ref)), set()),
        allowed & ids.get((prefix, 0), set()),
        beside,
        allowed,
    ):
        if 0 < len(shown) <= 6:
            return f" (no such node in {', '.join(sorted(shown))})"
    return ""


#: Files by the shape of the ids they hold: (prefix, length) and (prefix, 0).
IdShapes = dict[tuple[str, int], set[str]]


def id_shapes(records: list[Record]) -> IdShapes:
    """Which files hold node ids of which shape (``ags-`` and 6 characters: States)."""
    shapes: IdShapes = {}
    for rec in records:
        node_id = rec.data.get("id") if rec.kind == "node" else None
        if isinstance(node_id, str):
            prefix = node_id.split("-", 1)[0]
            shapes.setdefault((prefix, len(node_id)), set()).add(rec.file)
            shapes.setdefault((prefix, 0), set()).add(rec.file)
    return shapes


def _where(rec: Record) -> str:
    return rec.file if rec.line is None else f"{rec.file}:{rec.line}"


def _edge_ends(
    edge: Edge,
    rec: Record,
    nodes: dict[str, tuple[Node, Record]],
    known: set[object],
    dangling: list[Dangling],
) -> list[Problem]:
    problems = []
    for end, allowed in (("source", edge.source_labels), ("target", edge.target_labels)):
        ref = getattr(edge, end)
        if ref not in nodes and ref in known:
            continue
        if ref not in nodes:
            dangling.append(Dangling(rec, end, ref, allowed))
        elif nodes[ref][0].label not in allowed:
            label = nodes[ref][0].label
            problems.append(
                _at(
                    rec,
                    f"{end} '{ref}' is a {label}; {edge.type} {end} must be one of "
                    f"{', '.join(sorted(allowed))}",
                )
            )
    programme = getattr(edge, "programme", None)
    if programme and programme not in nodes and programme not in known:
        dangling.append(Dangling(rec, "programme", programme, frozenset({"Programme"})))
    elif programme and programme in nodes and nodes[programme][0].label != "Programme":
        problems.append(_at(rec, f"programme '{programme}' is not a Programme of the dataset"))
    return problems


def source_references(records: list[Record]) -> list[Dangling]:
    """Every id in a ``sources`` list must be a ``Source`` node (checked on raw records)."""
    known = _ids(rec for rec in records if rec.name == "Source")
    return [
        Dangling(rec, "sources", ref, frozenset({"Source"}))
        for rec in records
        if isinstance(rec.data.get("sources"), list)
        for ref in rec.data["sources"]
        if isinstance(ref, str) and ref not in known  # a non-text id is a field problem
    ]


def _ids(records: Iterable[Record]) -> set[object]:
    """The ids of some records, as far as they are text (a garbled id is a field problem)."""
    return {rec.data["id"] for rec in records if isinstance(rec.data.get("id"), str)}
