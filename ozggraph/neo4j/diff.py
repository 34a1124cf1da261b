"""What a load must change: the difference between the database and the graph.

Pure functions, no server: the loader reads the current state inside its
write transaction, asks :func:`plan` what to do, and applies only that. An
unchanged dataset therefore writes nothing, and a fresh one is written with
plain ``CREATE`` (far faster than ``MERGE`` on a large transaction).

Rows are what travels to the server as the ``$rows`` parameter, kept compact (Bolt
encodes every map key of every row): a node is its property map (``id`` included),
a relationship ``[source, target, properties]`` (``id`` inside the properties), a
relationship to delete ``[source, target, id]``.

>>> edge_row("a", "b", "MEMBER_OF:a->b", {"type": "MEMBER_OF", "since": None, "role": "x"})
['a', 'b', {'role': 'x', 'id': 'MEMBER_OF:a->b'}]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ozggraph.schema import EDGE_TYPES, NODE_TYPES

#: A node's property map, or ``[source, target, properties or id]`` of a relationship.
Row = Any


@dataclass
class Current:
    """ozggraph's part of the database: nodes ``{id: (label, props)}``, relationships by id."""

    nodes: dict[str, tuple[str | None, dict[str, Any]]] = field(default_factory=dict)
    edges: dict[str, tuple[str, str, str, dict[str, Any]]] = field(default_factory=dict)
    duplicate_edges: set[str] = field(default_factory=set)


@dataclass
class Plan:
    """Rows per label/type for each kind of write, in the order they are applied."""

    delete_edges: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    delete_nodes: list[str] = field(default_factory=list)
    drop_labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    update_nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    create_nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    update_edges: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    create_edges: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))

    def size(self) -> int:
        groups = (
            self.delete_edges,
            self.drop_labels,
            self.update_nodes,
            self.create_nodes,
            self.update_edges,
            self.create_edges,
        )
        return len(self.delete_nodes) + sum(len(v) for g in groups for v in g.values())

    def properties(self) -> Iterator[dict[str, Any]]:
        """The property maps this plan writes (each with its ``id``)."""
        for group in (self.update_nodes, self.create_nodes):
            for rows in group.values():
                yield from rows
        for group in (self.update_edges, self.create_edges):
            for rows in group.values():
                for row in rows:
                    yield row[2]

    def counts(self) -> dict[str, int]:
        """Rows per kind of write; a changed property or label is an update."""
        relabelled = {i for ids in self.drop_labels.values() for i in ids}
        updated = {r["id"] for rows in self.update_nodes.values() for r in rows} | relabelled

        def total(group: dict[str, list[Row]]) -> int:
            return sum(len(rows) for rows in group.values())

        return {
            "nodes_created": total(self.create_nodes),
            "nodes_updated": len(updated),
            "nodes_deleted": len(self.delete_nodes),
            "relationships_created": total(self.create_edges),
            "relationships_updated": total(self.update_edges),
            "relationships_deleted": total(self.delete_edges),
        }


def current_from_records(
    nodes: list[tuple[str, list[str], dict[str, Any]]],
    edges: list[tuple[str, str, str, str, dict[str, Any]]],
) -> Current:
    """Build :class:`Current` from ``(id, labels, props)`` and ``(id, type, a, b, props)``."""
    state = Current()
    for node_id, labels, props in nodes:
        schema_labels = [label for label in labels if label in NODE_TYPES]
        label = schema_labels[0] if len(schema_labels) == 1 else None  # None: must be fixed
        state.nodes[node_id] = (label, props)
    seen = Counter(edge[0] for edge in edges)
    state.duplicate_edges = {rid for rid, n in seen.items() if n > 1}
    for rid, rtype, source, target, props in edges:
        if rtype in EDGE_TYPES:
            state.edges[rid] = (rtype, source, target, props)
    return state


def node_row(node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """The node's properties as stored: ``label`` is the label, ``None`` is no property."""
    props = {k: v for k, v in attrs.items() if k != "label" and v is not None}
    props["id"] = node
    return props


def edge_row(source: str, target: str, key: str, attrs: dict[str, Any]) -> list[Any]:
    """``[source, target, properties]``: ``type`` is the type, ``None`` is no property."""
    props = {k: v for k, v in attrs.items() if k != "type" and v is not None}
    props["id"] = key
    return [source, target, props]


def plan(current: Current, graph: nx.MultiDiGraph) -> Plan:
    """The writes that turn ``current`` into ``graph`` and touch nothing else."""
    todo = Plan()
    for node, attrs in graph.nodes(data=True):
        row, label = node_row(node, attrs), attrs["label"]
        if node not in current.nodes:
            todo.create_nodes[label].append(row)
            continue
        old_label, old_props = current.nodes[node]
        if old_label != label:
            for stale in NODE_TYPES:
                if stale != label:
                    todo.drop_labels[stale].append(node)
        if old_label != label or old_props != row:
            todo.update_nodes[label].append(row)
    todo.delete_nodes = sorted(set(current.nodes) - set(graph.nodes))
    _plan_edges(todo, current, graph)
    return todo


def _plan_edges(todo: Plan, current: Current, graph: nx.MultiDiGraph) -> None:
    wanted = set()
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        row, rtype = edge_row(source, target, key, attrs), attrs["type"]
        wanted.add(key)
        old = current.edges.get(key)
        if key in current.duplicate_edges or (old and old[:3] != (rtype, source, target)):
            if old:
                todo.delete_edges[old[0]].append([old[1], old[2], key])
            old = None
        if old is None:
            todo.create_edges[rtype].append(row)
        elif old[3] != row[2]:
            todo.update_edges[rtype].append(row)
    for rid, (rtype, source, target, _props) in current.edges.items():
        if rid not in wanted:
            todo.delete_edges[rtype].append([source, target, rid])
