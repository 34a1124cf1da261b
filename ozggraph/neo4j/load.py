"""Writing the graph into Neo4j: idempotent, replacing, all-or-nothing.

Constraints derived from the schema come first (schema changes cannot share a
transaction with data). Then, in ONE transaction: nodes per label and
relationships per type with batched ``UNWIND $rows ... MERGE``; whatever the
dataset no longer has is removed, but only what ozggraph wrote (nodes carry the
extra label ``OzgGraph``; relationships carry an ``id`` and join two such
nodes). A failure anywhere rolls the whole load back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import neo4j
import networkx as nx
from neo4j import exceptions as neo4j_errors

from ozggraph import __version__
from ozggraph.errors import Neo4jError
from ozggraph.graph import checksum as graph_checksum
from ozggraph.schema import EDGE_TYPES, MANAGED_LABEL, META_LABEL, NODE_TYPES, cypher

BATCH_SIZE = 10_000

# Statements; __NAME__ placeholders take schema labels and types only (see schema.cypher).
_MERGE_NODES = "UNWIND $rows AS row MERGE (n:OzgGraph {id: row.id}) SET n = row.props, n:__LABEL__"
_DROP_LABEL = "MATCH (n:OzgGraph:__LABEL__) WHERE NOT n.id IN $ids REMOVE n:__LABEL__"
_DROP_NODES = "MATCH (n:OzgGraph) WHERE NOT n.id IN $ids DETACH DELETE n"
_MERGE_EDGES = (
    "UNWIND $rows AS row "
    "MATCH (a:OzgGraph {id: row.source}) MATCH (b:OzgGraph {id: row.target}) "
    "MERGE (a)-[r:__TYPE__ {id: row.id}]->(b) SET r = row.props"
)
# Only relationships ozggraph wrote: they have an id and join two OzgGraph nodes.
_DROP_EDGES = (
    "MATCH (:OzgGraph)-[r:__TYPE__]->(:OzgGraph) WHERE r.id IS NOT NULL AND NOT r.id IN $ids "
    "DELETE r"
)
_META = (
    "MERGE (m:OzgGraphMeta {id: 'dataset'}) "
    "SET m.loaded_at = CASE WHEN m.checksum = $checksum THEN m.loaded_at ELSE datetime() END, "
    "m.checksum = $checksum, m.ozggraph_version = $version"
)

#: Called with (step description, rows done in this step, rows in this step).
Progress = Callable[[str, int, int], None]


@dataclass
class LoadSummary:
    """What a load changed, from the server's own counters."""

    checksum: str
    nodes: int = 0
    relationships: int = 0
    counters: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        keys = (
            "nodes_created",
            "nodes_deleted",
            "relationships_created",
            "relationships_deleted",
            "labels_added",
            "labels_removed",
        )
        return any(self.counters.get(k, 0) for k in keys)


def constraint_statements() -> list[str]:
    """``CREATE CONSTRAINT`` for ``id`` on ``OzgGraph`` and on every schema label."""
    template = (
        "CREATE CONSTRAINT ozggraph___LABEL___id IF NOT EXISTS "
        "FOR (n:__LABEL__) REQUIRE n.id IS UNIQUE"
    )
    return [cypher(template, label=label) for label in [MANAGED_LABEL, *NODE_TYPES]]


def ensure_constraints(driver: neo4j.Driver, database: str) -> None:
    for statement in constraint_statements():
        driver.execute_query(statement, database_=database)


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Rows ``{id, props}`` per label, props including ``id`` (``SET n = props``)."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        props = {k: v for k, v in attrs.items() if k != "label" and v is not None}
        rows[attrs["label"]].append({"id": node, "props": {**props, "id": node}})
    return rows


def edge_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Rows ``{source, target, id, props}`` per relationship type."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        props = {k: v for k, v in attrs.items() if k != "type" and v is not None}
        rows[attrs["type"]].append(
            {"source": source, "target": target, "id": key, "props": {**props, "id": key}}
        )
    return rows


def _check_kinds(nodes: dict[str, Any], edges: dict[str, Any]) -> None:
    # Labels and types reach Cypher text only from the schema, never from data.
    unknown = (set(nodes) - set(NODE_TYPES)) | (set(edges) - set(EDGE_TYPES))
    if unknown:
        raise ValueError(f"not in the schema: {', '.join(sorted(unknown))}")


def load(
    driver: neo4j.Driver,
    graph: nx.MultiDiGraph,
    database: str,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> LoadSummary:
    """Make the database's ozggraph part equal to ``graph``, in one transaction."""
    nodes, edges = node_rows(graph), edge_rows(graph)
    _check_kinds(nodes, edges)
    ensure_constraints(driver, database)
    summary = LoadSummary(graph.graph.get("checksum") or graph_checksum(graph))
    summary.nodes, summary.relationships = graph.number_of_nodes(), graph.number_of_edges()
    try:
        with driver.session(database=database) as session, session.begin_transaction() as tx:
            writer = _Writer(tx, batch_size, progress)
            writer.replace(nodes, edges, all_ids=list(graph.nodes))
            writer.run(_META, checksum=summary.checksum, version=__version__)
            tx.commit()
    except neo4j_errors.Neo4jError as exc:
        raise Neo4jError(
            f"load failed and was rolled back, the database is unchanged: {exc.message}"
        ) from None
    summary.counters = dict(writer.counters)
    return summary


class _Writer:
    """Runs the load statements in one transaction, adding up the server's counters."""

    def __init__(self, tx: neo4j.Transaction, batch_size: int, progress: Progress | None):
        self.tx, self.batch_size, self.progress = tx, batch_size, progress
        self.counters: dict[str, int] = defaultdict(int)

    def run(self, query: str, **params: Any) -> None:
        counters = self.tx.run(query, **params).consume().counters
        for name, value in vars(counters).items():
            if isinstance(value, int) and not isinstance(value, bool):
                self.counters[name.lstrip("_")] += value

    def batched(self, step: str, query: str, rows: list[dict[str, Any]]) -> None:
        for start in range(0, len(rows), self.batch_size):
            self.run(query, rows=rows[start : start + self.batch_size])
            if self.progress:
                self.progress(step, min(start + self.batch_size, len(rows)), len(rows))

    def replace(
        self,
        nodes: dict[str, list[dict[str, Any]]],
        edges: dict[str, list[dict[str, Any]]],
        all_ids: list[str],
    ) -> None:
        for label in NODE_TYPES:
            rows = nodes.get(label, [])
            self.batched(f"nodes :{label}", cypher(_MERGE_NODES, label=label), rows)
            self.run(cypher(_DROP_LABEL, label=label), ids=[row["id"] for row in rows])
        self.run(_DROP_NODES, ids=all_ids)
        for rtype in EDGE_TYPES:
            rows = edges.get(rtype, [])
            self.run(cypher(_DROP_EDGES, type=rtype), ids=[row["id"] for row in rows])
            self.batched(f"relationships :{rtype}", cypher(_MERGE_EDGES, type=rtype), rows)


def loaded_checksum(driver: neo4j.Driver, database: str) -> str | None:
    """Checksum recorded by the last load, or ``None`` if nothing was loaded."""
    records, _, _ = driver.execute_query(
        cypher("MATCH (m:__META__ {id: 'dataset'}) RETURN m.checksum AS checksum", meta=META_LABEL),
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    return records[0]["checksum"] if records else None
