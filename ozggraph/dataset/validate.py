"""Turning raw records into validated models, and checking the dataset as a whole."""

from __future__ import annotations

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


def check(items: list[tuple[Node | Edge, Record]], records: list[Record]) -> list[Problem]:
    """Whole-dataset checks: unique ids and AGS, references, endpoint labels.

    A reference to a node that exists but failed validation is not reported
    again: its own problem says what to fix.
    """
    problems: list[Problem] = duplicate_ids(records) + source_references(records)
    known = {rec.data.get("id") for rec in records if rec.kind == "node"}
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
            problems.extend(_edge_ends(item, rec, nodes, known))
    return problems


def _where(rec: Record) -> str:
    return rec.file if rec.line is None else f"{rec.file}:{rec.line}"


def _edge_ends(
    edge: Edge, rec: Record, nodes: dict[str, tuple[Node, Record]], known: set[object]
) -> list[Problem]:
    problems = []
    for end, allowed in (("source", edge.source_labels), ("target", edge.target_labels)):
        ref = getattr(edge, end)
        if ref not in nodes and ref in known:
            continue
        if ref not in nodes:
            problems.append(_at(rec, f"{end} '{ref}' is not a node of the dataset"))
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
    if programme and (programme not in nodes or nodes[programme][0].label != "Programme"):
        problems.append(_at(rec, f"programme '{programme}' is not a Programme of the dataset"))
    return problems


def source_references(records: list[Record]) -> list[Problem]:
    """Every id in a ``sources`` list must be a ``Source`` node (checked on raw records)."""
    known = {rec.data.get("id") for rec in records if rec.name == "Source"}
    return [
        _at(rec, f"source '{ref}' is not a Source of the dataset")
        for rec in records
        if isinstance(rec.data.get("sources"), list)
        for ref in rec.data["sources"]
        if ref not in known
    ]
