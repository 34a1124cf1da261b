"""Writing the graph into Neo4j: idempotent, replacing, in bounded memory, convergent.

The promise (also in the README):

1. **Schema first.** Unique ``id`` on every node label and on every
   relationship type of the schema, the ``ags`` indexes and the full-text index
   on names (:func:`schema_statements`). With them no node and no relationship
   can exist twice, whatever runs concurrently.
2. **Only the difference.** The loader streams ozggraph's part of the database,
   works out the difference to the dataset (:mod:`ozggraph.neo4j.diff`) and,
   if there is none and no load is unfinished, writes nothing at all. When the
   marker already holds the dataset's checksum, no load is unfinished and the
   server's count store has exactly the dataset's number of nodes per label and
   relationships per type, the read-back is skipped (``verify=True``,
   ``ozggraph load --verify``, reads everything back anyway: it also finds a
   property someone changed by hand). An empty database is not read at all.
3. **Batches, each its own transaction** (``batch_size`` rows, 10,000 by
   default), so the server's memory use does not grow with the dataset; the
   loader's transactions have no time limit (an analyst server ends other
   transactions after a minute, ``db.transaction.timeout``):
   deletions, then node updates and creations, then relationship updates and
   creations. Rows the diff knows are new are written with ``CREATE``, grouped
   by label or type and sorted by start node; if a concurrent load wrote them
   first, the constraint refuses the batch and it is redone with ``MERGE``.
4. **A marker makes an unfinished load visible.** Before the first write the
   meta node gets ``loading`` (:mod:`ozggraph.neo4j.marker`); only the last
   step records the dataset checksum and removes it. A load that failed or was
   killed at any point leaves the marker; readers warn, and the next load reads
   what is there, writes the rest and ends with exactly the dataset's checksum.

The summary counts what THIS load wrote (the server's counters for creations and
deletions), so of two concurrent loads of an empty database each reports its share.

Only what ozggraph wrote is touched: nodes with the extra label ``OzgGraph``,
relationships with an ``id`` between two such nodes.
"""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

import neo4j
import networkx as nx
from neo4j import exceptions as neo4j_errors

from ozggraph import __version__
from ozggraph.errors import Neo4jError
from ozggraph.graph import checksum as graph_checksum
from ozggraph.neo4j import marker
from ozggraph.neo4j.connection import first_line
from ozggraph.neo4j.diff import Current, Plan, Row, current_from_records, plan
from ozggraph.schema import EDGE_TYPES, MANAGED_LABEL, META_LABEL, NODE_TYPES, cypher

BATCH_SIZE = 10_000
#: Batches of new rows written at once (over disjoint start nodes). One by default: with
#: two, two loads at once on one driver left a worker spinning on a defunct connection
#: (neo4j driver 6.4, a loaded 2-core machine); ``load(..., workers=2)`` stays available.
WORKERS = 1
#: The full-text index on names and aliases; ``__LABELS__`` is filled with schema labels only.
_NAME_INDEX_STATEMENT = (
    "CREATE FULLTEXT INDEX ozggraph_names IF NOT EXISTS "
    "FOR (n:__LABELS__) ON EACH [n.name, n.aliases]"
)

# Statements; __NAME__ placeholders take schema labels and types only (see schema.cypher).
_NODE_UNIQUE = (
    "CREATE CONSTRAINT ozggraph___LABEL___id IF NOT EXISTS FOR (n:__LABEL__) REQUIRE n.id IS UNIQUE"
)
_REL_UNIQUE = (
    "CREATE CONSTRAINT ozggraph___TYPE___id IF NOT EXISTS "
    "FOR ()-[r:__TYPE__]-() REQUIRE r.id IS UNIQUE"
)
_AGS_INDEX = "CREATE INDEX ozggraph___LABEL___ags IF NOT EXISTS FOR (n:__LABEL__) ON (n.ags)"
#: Measures 'ozggraph analyze --write' puts on nodes that the query library ranks by.
RANKED_MEASURES = ("pagerank", "betweenness", "brokerage_role")
_MEASURE_INDEX = (
    "CREATE INDEX ozggraph_OzgGraph_{name} IF NOT EXISTS FOR (n:OzgGraph) ON (n.{name})"
)
# Duplicates left by loaders before the relationship constraints; kept: one per id.
_DEDUPLICATE = (
    "MATCH (a:OzgGraph) CALL (a) { "
    "MATCH (a)-[r:__TYPE__]->(:OzgGraph) WHERE r.id IS NOT NULL "
    "WITH r.id AS id, collect(r) AS copies WHERE size(copies) > 1 "
    "UNWIND copies[1..] AS copy DELETE copy } IN TRANSACTIONS OF 1000 ROWS"
)
# The current state, streamed: one record per node with its outgoing relationships,
# so the server never holds more than one node's relationships at a time.
_READ_STATE = (
    "MATCH (n:OzgGraph) CALL (n) { "
    "MATCH (n)-[r]->(b:OzgGraph) WHERE r.id IS NOT NULL "
    "RETURN collect([r.id, type(r), b.id, properties(r)]) AS out } "
    "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, out"
)
# Relationships are found from their two (indexed) end nodes.
_EDGE = "MATCH (:OzgGraph {id: row.source})-[r:__TYPE__ {id: row.id}]->(:OzgGraph {id: row.target})"
_DELETE_EDGES = "UNWIND $rows AS row " + _EDGE + " DELETE r"
_DELETE_NODES = "UNWIND $rows AS id MATCH (n:OzgGraph {id: id}) DETACH DELETE n"
_DROP_LABEL = "UNWIND $rows AS id MATCH (n:OzgGraph:__LABEL__ {id: id}) REMOVE n:__LABEL__"
_UPDATE_NODES = "UNWIND $rows AS row MATCH (n:OzgGraph {id: row.id}) SET n = row.props, n:__LABEL__"
_CREATE_NODES = "UNWIND $rows AS row CREATE (n:OzgGraph:__LABEL__) SET n = row.props"
_MERGE_NODES = "UNWIND $rows AS row MERGE (n:OzgGraph {id: row.id}) SET n = row.props, n:__LABEL__"
_UPDATE_EDGES = "UNWIND $rows AS row " + _EDGE + " SET r = row.props"
_ENDS = (
    "UNWIND $rows AS row MATCH (a:OzgGraph {id: row.source}) MATCH (b:OzgGraph {id: row.target}) "
)
_CREATE_EDGES = _ENDS + "CREATE (a)-[r:__TYPE__]->(b) SET r = row.props"
_MERGE_EDGES = _ENDS + "MERGE (a)-[r:__TYPE__ {id: row.id}]->(b) SET r = row.props"

#: Per-label and per-type counts, from the server's count store (no scan).
_COUNT_LABEL = "MATCH (n:__LABEL__) RETURN '__LABEL__' AS kind, count(n) AS n"
_COUNT_TYPE = "MATCH ()-[r:__TYPE__]->() RETURN '__TYPE__' AS kind, count(r) AS n"
_SCHEMA_NAMES = ("SHOW CONSTRAINTS YIELD name", "SHOW INDEXES YIELD name")
_STATEMENT_NAME = re.compile(r"^CREATE (?:CONSTRAINT|FULLTEXT INDEX|INDEX) (\S+) IF NOT EXISTS")
#: The loader's transactions have no time limit, whatever the server's default.
_NO_LIMIT = 0

#: Called with (step description, rows done in this step, rows in this step).
Progress = Callable[[str, int, int], None]


@dataclass
class LoadSummary:
    """What a load found and changed."""

    checksum: str
    nodes: int = 0
    relationships: int = 0
    #: Rows written per kind: nodes_created, nodes_updated, relationships_deleted, ...
    changes: dict[str, int] = field(default_factory=dict)
    #: The server's own counters, added up over every batch.
    counters: dict[str, int] = field(default_factory=dict)
    #: An earlier load had been left unfinished; this one finished it.
    finished_unfinished: bool = False
    #: The dataset marker was (re)written: a new checksum, or data imported in bulk.
    marked: bool = False
    batches: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return self.finished_unfinished or any(self.changes.values())

    def describe(self) -> str:
        """``unchanged``, or e.g. ``changed: 2 nodes updated, 5 relationships created``."""
        parts = [f"{n:,} {kind.replace('_', ' ')}" for kind, n in self.changes.items() if n]
        if self.finished_unfinished:
            parts.append("an unfinished load completed")
        if parts:
            return "changed: " + ", ".join(parts)
        return "data unchanged, dataset marker recorded" if self.marked else "unchanged"


# --- schema -------------------------------------------------------------------------


def _labels_with(name: str) -> list[str]:
    return [label for label, model in NODE_TYPES.items() if name in model.model_fields]


def schema_statements() -> list[str]:
    """Constraints and indexes the schema implies, each ``IF NOT EXISTS``.

    Unique ``id`` on ``OzgGraph``, the meta node, every label and every
    relationship type; a range index on ``ags`` for each label that has one;
    one full-text index over ``name`` and ``aliases`` of every label; range
    indexes on the analytics measures the query library ranks by.
    """
    labels = [MANAGED_LABEL, META_LABEL, *NODE_TYPES]
    statements = [cypher(_NODE_UNIQUE, label=label) for label in labels]
    statements += [cypher(_REL_UNIQUE, type=rtype) for rtype in EDGE_TYPES]
    statements += [cypher(_AGS_INDEX, label=label) for label in _labels_with("ags")]
    statements += [_MEASURE_INDEX.format(name=name) for name in RANKED_MEASURES]
    named = sorted(set(_labels_with("name")) & set(_labels_with("aliases")))
    labels_of_names = "|".join(cypher("__LABEL__", label=label) for label in named)
    statements.append(_NAME_INDEX_STATEMENT.replace("__LABELS__", labels_of_names))
    return statements


def ensure_schema(driver: neo4j.Driver, database: str) -> int:
    """Create what :func:`schema_statements` lists; repair duplicates that block a constraint.

    Only the missing ones are sent (one ``SHOW`` first), so a reload costs one round trip.
    Returns how many duplicated relationships were removed (left by older loaders).
    """
    present = {
        record["name"]
        for show in _SCHEMA_NAMES
        for record in driver.execute_query(show, database_=database).records
    }
    missing = [
        statement
        for statement in schema_statements()
        if (name := _STATEMENT_NAME.match(statement)) is None or name.group(1) not in present
    ]
    if not missing:
        return 0
    removed = 0
    for statement in missing:
        try:
            driver.execute_query(statement, database_=database)
        except neo4j_errors.Neo4jError as exc:
            rtype = next((t for t in EDGE_TYPES if f"ozggraph_{t}_id " in statement), None)
            if rtype is None or "Schema.ConstraintCreationFailed" not in (exc.code or ""):
                raise
            with driver.session(database=database) as session:
                repair = neo4j.Query(cypher(_DEDUPLICATE, type=rtype), timeout=_NO_LIMIT)
                done = session.run(repair).consume()
            removed += done.counters.relationships_deleted
            driver.execute_query(statement, database_=database)
    with driver.session(database=database) as session:
        session.run(neo4j.Query("CALL db.awaitIndexes(300)", timeout=_NO_LIMIT)).consume()
    return removed


# --- loading ------------------------------------------------------------------------


def _check_kinds(graph: nx.MultiDiGraph) -> None:
    # Labels and types reach Cypher text only from the schema, never from data.
    labels = {a["label"] for _, a in graph.nodes(data=True)}
    types = {a["type"] for *_, a in graph.edges(data=True)}
    unknown = (labels - set(NODE_TYPES)) | (types - set(EDGE_TYPES))
    if unknown:
        raise ValueError(f"not in the schema: {', '.join(sorted(unknown))}")


def _storable(value: Any) -> bool:
    """A value Neo4j can hold as a property: a scalar or a list of one kind of scalar."""
    scalar = (str, int, float, bool)
    if isinstance(value, list | tuple):
        return all(isinstance(v, scalar) for v in value) and len({type(v) for v in value}) <= 1
    return isinstance(value, scalar)


def _check_values(graph: nx.MultiDiGraph) -> None:
    """Refuse, before anything is written, a value the server would refuse mid-load."""
    items = [(n, a) for n, a in graph.nodes(data=True)]
    items += [(k, a) for _u, _v, k, a in graph.edges(keys=True, data=True)]
    for item, attrs in items:
        for key, value in attrs.items():
            if value is not None and not _storable(value):
                raise Neo4jError(
                    f"{item}: property {key!r} holds {type(value).__name__} {value!r}, which "
                    "Neo4j cannot store; nothing was written"
                )


def load(
    driver: neo4j.Driver,
    graph: nx.MultiDiGraph,
    database: str,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    verify: bool = False,
    workers: int = WORKERS,
) -> LoadSummary:
    """Make the database's ozggraph part equal to ``graph`` (see the module's promise).

    ``verify``: read everything back even when checksum and counts say it is there.
    ``workers``: batches of new rows written at once (1: one after the other).
    """
    started = time.perf_counter()
    _check_kinds(graph)
    summary = LoadSummary(_checksum(graph))
    summary.nodes, summary.relationships = graph.number_of_nodes(), graph.number_of_edges()
    writer = _Writer(driver, database, batch_size, progress, workers)
    try:
        duplicates = ensure_schema(driver, database)
        state, counts = read_counts(driver, database)
        held = state.complete and state.checksum == summary.checksum
        if held and not verify and counts == expected_counts(graph):
            summary.changes = {"duplicates_removed": duplicates}
            return _finished(summary, writer, started)
        _check_values(graph)  # before anything is written (not needed when nothing will be)
        empty = not counts.get(MANAGED_LABEL)
        current = Current() if empty else read_state(driver, database)[0]
        todo = plan(current, graph)
        summary.changes = {**todo.counts(), "duplicates_removed": duplicates}
        summary.finished_unfinished = not state.complete
        if todo.size() or state.checksum != summary.checksum or not state.complete:
            summary.marked = True
            writer.write(marker.START, checksum=summary.checksum)
            writer.apply(todo)
            writer.write(marker.FINISH, checksum=summary.checksum, version=__version__)
            summary.changes |= writer.written()
    except neo4j_errors.Neo4jError as exc:
        raise Neo4jError(_failed(f"Neo4j refused a write: {first_line(exc)}", writer)) from None
    except (neo4j_errors.DriverError, OSError) as exc:
        raise Neo4jError(
            _failed(f"lost the connection to Neo4j ({first_line(exc)})", writer)
        ) from None
    return _finished(summary, writer, started)


#: Checksums this process computed, per graph object (a copy is another object).
_CHECKSUMS: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, int, str]] = (
    weakref.WeakKeyDictionary()
)


def _checksum(graph: nx.MultiDiGraph) -> str:
    """The checksum of ``graph`` as it is now, computed once per graph object.

    ``graph.graph["checksum"]`` is not trusted: a copy (``nx.MultiDiGraph(G)``) carries
    the checksum of its original however it was edited since. A graph edited in place
    after a load keeps its node and edge counts as the only cheap sign: load it with
    ``verify=True`` (``ozggraph load`` reads a fresh graph every time).
    """
    size = (graph.number_of_nodes(), graph.number_of_edges())
    known = _CHECKSUMS.get(graph)
    if known is not None and known[:2] == size:
        return known[2]
    value = graph_checksum(graph)
    _CHECKSUMS[graph] = (*size, value)
    return value


def _finished(summary: LoadSummary, writer: _Writer, started: float) -> LoadSummary:
    summary.counters = dict(writer.counters)
    summary.batches = writer.batches
    summary.seconds = time.perf_counter() - started
    return summary


def expected_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Nodes per label (and ``OzgGraph``: all) and relationships per type of ``graph``."""
    counts = Counter(attrs["label"] for _, attrs in graph.nodes(data=True))
    counts.update(attrs["type"] for *_, attrs in graph.edges(data=True))
    counts[MANAGED_LABEL] = graph.number_of_nodes()
    return {kind: n for kind, n in counts.items() if n}


def read_counts(driver: neo4j.Driver, database: str) -> tuple[marker.Marker, dict[str, int]]:
    """The marker and the count store's nodes per schema label and relationships per type."""
    parts = [cypher(_COUNT_LABEL, label=label) for label in (MANAGED_LABEL, *NODE_TYPES)]
    parts += [cypher(_COUNT_TYPE, type=rtype) for rtype in EDGE_TYPES]
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        state = marker.read_marker(session)
        records = list(session.run(" UNION ALL ".join(parts)))
    return state, {record["kind"]: record["n"] for record in records if record["n"]}


def _failed(cause: str, writer: _Writer) -> str:
    if not writer.batches:
        return f"load failed, nothing was written: {cause}"
    return (
        f"load stopped after {writer.batches:,} committed batches: {cause}; the database is "
        "marked as holding an unfinished load: run 'ozggraph load' again to finish it"
    )


def read_state(driver: neo4j.Driver, database: str) -> tuple[Current, marker.Marker]:
    """ozggraph's part of the database and its marker, streamed record by record."""
    nodes, edges = [], []
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        state = marker.read_marker(session)
        for record in session.run(neo4j.Query(_READ_STATE, timeout=_NO_LIMIT)):
            node_id = record["id"]
            nodes.append((node_id, record["labels"], record["props"]))
            edges += [(rid, rtype, node_id, b, props) for rid, rtype, b, props in record["out"]]
    return current_from_records(nodes, edges), state


class _Writer:
    """Runs each batch in its own transaction, adding up the server's counters."""

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str,
        batch_size: int,
        progress: Progress | None,
        workers: int = WORKERS,
    ):
        self.driver, self.database = driver, database
        self.batch_size, self.progress = batch_size, progress
        self.counters: dict[str, int] = defaultdict(int)
        self.data: dict[str, int] = defaultdict(int)  # the counters of data batches only
        self.batches = 0
        self.workers = workers
        self.lock = threading.Lock()

    def written(self) -> dict[str, int]:
        """Created and deleted, as the server counted them for this load's batches."""
        kinds = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted")
        return {kind: self.data[kind] for kind in kinds}

    def write(self, query: str, **params: Any) -> dict[str, int]:
        """One transaction, retried by the driver on transient errors (deadlocks)."""

        def work(tx: neo4j.ManagedTransaction) -> Any:
            return tx.run(query, **params).consume().counters

        with self.driver.session(database=self.database) as session:
            counters = session.execute_write(neo4j.unit_of_work(timeout=_NO_LIMIT)(work))
        counted = {
            name.lstrip("_"): value
            for name, value in vars(counters).items()
            if isinstance(value, int) and not isinstance(value, bool)
        }
        with self.lock:  # batches may commit from several threads
            self.batches += 1
            for name, value in counted.items():
                self.counters[name] += value
        return counted

    def batched(self, step: str, query: str, rows: list[Any], fallback: str | None = None) -> None:
        """``query`` over ``rows`` in batches; ``fallback`` redoes a batch a constraint refused."""
        total = len(rows)
        for start in range(0, total, self.batch_size):
            batch = rows[start : start + self.batch_size]
            try:
                counted = self.write(query, rows=batch)
            except neo4j_errors.ConstraintError:
                if fallback is None:
                    raise
                query = fallback  # a concurrent load got there first: MERGE from now on
                counted = self.write(query, rows=batch)
            self._count(counted)
            if self.progress:
                self.progress(step, min(start + self.batch_size, total), total)

    def _count(self, counted: dict[str, int]) -> None:
        for name, value in counted.items():
            self.data[name] += value

    def created(self, step: str, query: str, fallback: str, rows: list[Row], key: str) -> None:
        """New rows, ``workers`` batches at a time; rows of one ``key`` share a batch.

        With ``key="source"`` no two concurrent batches write from the same start node,
        so they rarely wait on each other's locks (a deadlock on a shared end node is
        retried by the driver). A batch a constraint refuses is redone with ``fallback``.
        """
        batches = _disjoint_batches(rows, key, self.batch_size)
        if self.workers <= 1 or len(batches) <= 1:
            self.batched(step, query, rows, fallback)
            return

        def one(batch: list[Row]) -> dict[str, int]:
            try:
                return self.write(query, rows=batch)
            except neo4j_errors.ConstraintError:
                return self.write(fallback, rows=batch)  # a concurrent load was first

        done, total = 0, len(rows)
        with ThreadPoolExecutor(self.workers, thread_name_prefix="ozggraph-load") as pool:
            futures = {pool.submit(one, batch): len(batch) for batch in batches}
            try:
                for future in as_completed(futures):
                    self._count(future.result())
                    done += futures[future]
                    if self.progress:
                        self.progress(step, done, total)
            except BaseException:
                for future in futures:
                    future.cancel()
                raise

    def apply(self, todo: Plan) -> None:
        """Deletions first, then label fixes, updates and creations."""
        for rtype, rows in todo.delete_edges.items():
            self.batched(f"delete :{rtype}", cypher(_DELETE_EDGES, type=rtype), rows)
        self.batched("delete nodes", _DELETE_NODES, todo.delete_nodes)
        for label, ids in todo.drop_labels.items():
            self.batched(f"relabel :{label}", cypher(_DROP_LABEL, label=label), ids)
        for label, rows in todo.update_nodes.items():
            self.batched(f"update :{label}", cypher(_UPDATE_NODES, label=label), rows)
        for label, rows in todo.create_nodes.items():
            create, merge = (cypher(q, label=label) for q in (_CREATE_NODES, _MERGE_NODES))
            self.created(f"create :{label}", create, merge, rows, key="id")
        for rtype, rows in todo.update_edges.items():
            self.batched(f"update :{rtype}", cypher(_UPDATE_EDGES, type=rtype), rows)
        for rtype, rows in todo.create_edges.items():
            create, merge = (cypher(q, type=rtype) for q in (_CREATE_EDGES, _MERGE_EDGES))
            rows.sort(key=lambda row: row["source"])  # neighbours share pages and locks
            self.created(f"create :{rtype}", create, merge, rows, key="source")


def _disjoint_batches(rows: list[Row], key: str, size: int) -> list[list[Row]]:
    """``rows`` (sorted by ``key``) in batches of about ``size``, cut where ``key`` changes."""
    batches: list[list[Row]] = []
    batch: list[Row] = []
    for row in rows:
        if len(batch) >= size and row[key] != batch[-1][key]:
            batches.append(batch)
            batch = []
        batch.append(row)
    if batch:
        batches.append(batch)
    return batches


def loaded_checksum(driver: neo4j.Driver, database: str) -> str | None:
    """Checksum of the dataset the database holds, or ``None`` (nothing loaded, or unfinished)."""
    records, _, _ = driver.execute_query(
        marker.READ_MARKER, database_=database, routing_=neo4j.RoutingControl.READ
    )
    state = marker.marker_from(records)
    return state.checksum if state.complete else None
