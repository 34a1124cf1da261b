"""Writing the graph into Neo4j: idempotent, replacing, all-or-nothing.

Constraints and indexes derived from the schema come first (schema changes
cannot share a transaction with data). Then ONE transaction reads ozggraph's
part of the database, works out the difference (:mod:`ozggraph.neo4j.diff`)
and writes only that, in batches of ``UNWIND $rows``: new nodes and
relationships are created, changed ones set, and what the dataset no longer
has removed. Only what ozggraph wrote is touched: nodes with the extra label
``OzgGraph``, relationships with an ``id`` between two such nodes. A failure
anywhere rolls the whole load back.
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
from ozggraph.neo4j.diff import Current, Plan, current_from_records, plan
from ozggraph.schema import EDGE_TYPES, MANAGED_LABEL, META_LABEL, NODE_TYPES, cypher

BATCH_SIZE = 10_000

# Statements; __NAME__ placeholders take schema labels and types only (see schema.cypher).
_CONSTRAINT = (
    "CREATE CONSTRAINT ozggraph___LABEL___id IF NOT EXISTS FOR (n:__LABEL__) REQUIRE n.id IS UNIQUE"
)
# Read as a few records of long lists: the driver's cost is per record, not per value.
_READ_NODES = (
    "MATCH (n:OzgGraph) WITH labels(n) AS labels, collect([n.id, properties(n)]) AS rows "
    "RETURN labels, rows"
)
_READ_EDGES = (
    "MATCH (a:OzgGraph)-[r]->(b:OzgGraph) WHERE r.id IS NOT NULL "
    "WITH type(r) AS type, collect([r.id, a.id, b.id, properties(r)]) AS rows RETURN type, rows"
)
# Relationships are found from their two (indexed) end nodes, so they need no index.
_EDGE = "MATCH (:OzgGraph {id: row.source})-[r:__TYPE__ {id: row.id}]->(:OzgGraph {id: row.target})"
_DELETE_EDGES = "UNWIND $rows AS row " + _EDGE + " DELETE r"
_DELETE_NODES = "UNWIND $rows AS id MATCH (n:OzgGraph {id: id}) DETACH DELETE n"
_DROP_LABEL = "UNWIND $rows AS id MATCH (n:OzgGraph:__LABEL__ {id: id}) REMOVE n:__LABEL__"
_UPDATE_NODES = "UNWIND $rows AS row MATCH (n:OzgGraph {id: row.id}) SET n = row.props, n:__LABEL__"
_CREATE_NODES = "UNWIND $rows AS row CREATE (n:OzgGraph:__LABEL__) SET n = row.props"
_UPDATE_EDGES = "UNWIND $rows AS row " + _EDGE + " SET r = row.props"
_CREATE_EDGES = (
    "UNWIND $rows AS row "
    "MATCH (a:OzgGraph {id: row.source}) MATCH (b:OzgGraph {id: row.target}) "
    "CREATE (a)-[r:__TYPE__]->(b) SET r = row.props"
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
    """Unique ``id`` on ``OzgGraph`` and on every label of the schema."""
    return [cypher(_CONSTRAINT, label=label) for label in [MANAGED_LABEL, *NODE_TYPES]]


def ensure_constraints(driver: neo4j.Driver, database: str) -> None:
    for statement in constraint_statements():
        driver.execute_query(statement, database_=database)


def _check_kinds(graph: nx.MultiDiGraph) -> None:
    # Labels and types reach Cypher text only from the schema, never from data.
    labels = {a["label"] for _, a in graph.nodes(data=True)}
    types = {a["type"] for *_, a in graph.edges(data=True)}
    unknown = (labels - set(NODE_TYPES)) | (types - set(EDGE_TYPES))
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
    _check_kinds(graph)
    ensure_constraints(driver, database)
    summary = LoadSummary(graph.graph.get("checksum") or graph_checksum(graph))
    summary.nodes, summary.relationships = graph.number_of_nodes(), graph.number_of_edges()
    try:
        with driver.session(database=database) as session, session.begin_transaction() as tx:
            writer = _Writer(tx, batch_size, progress)
            writer.apply(plan(read_current(tx), graph))
            writer.run(_META, checksum=summary.checksum, version=__version__)
            tx.commit()
    except neo4j_errors.Neo4jError as exc:
        raise Neo4jError(
            f"load failed and was rolled back, the database is unchanged: {exc.message}"
        ) from None
    summary.counters = dict(writer.counters)
    return summary


def read_current(tx: neo4j.Transaction) -> Current:
    """ozggraph's part of the database, read inside the load's own transaction."""
    nodes = [(i, rec["labels"], props) for rec in tx.run(_READ_NODES) for i, props in rec["rows"]]
    edges = [
        (rid, rec["type"], a, b, props)
        for rec in tx.run(_READ_EDGES)
        for rid, a, b, props in rec["rows"]
    ]
    return current_from_records(nodes, edges)


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

    def batched(self, step: str, query: str, rows: list[Any]) -> None:
        for start in range(0, len(rows), self.batch_size):
            self.run(query, rows=rows[start : start + self.batch_size])
            if self.progress:
                self.progress(step, min(start + self.batch_size, len(rows)), len(rows))

    def apply(self, todo: Plan) -> None:
        """Deletions first, then label fixes, updates and creations."""
        for rtype, rows in todo.delete_edges.items():
            self.batched(f"delete :{rtype}", cypher(_DELETE_EDGES, type=rtype), rows)
        self.batched("delete nodes", _DELETE_NODES, todo.delete_nodes)
        for label, ids in todo.drop_labels.items():
            self.batched(f"relabel :{label}", cypher(_DROP_LABEL, label=label), ids)
        for step, template, groups in (
            ("update", _UPDATE_NODES, todo.update_nodes),
            ("create", _CREATE_NODES, todo.create_nodes),
        ):
            for label, rows in groups.items():
                self.batched(f"{step} :{label}", cypher(template, label=label), rows)
        for step, template, groups in (
            ("update", _UPDATE_EDGES, todo.update_edges),
            ("create", _CREATE_EDGES, todo.create_edges),
        ):
            for rtype, rows in groups.items():
                self.batched(f"{step} :{rtype}", cypher(template, type=rtype), rows)


def loaded_checksum(driver: neo4j.Driver, database: str) -> str | None:
    """Checksum recorded by the last load, or ``None`` if nothing was loaded."""
    records, _, _ = driver.execute_query(
        cypher("MATCH (m:__META__ {id: 'dataset'}) RETURN m.checksum AS checksum", meta=META_LABEL),
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    return records[0]["checksum"] if records else None
