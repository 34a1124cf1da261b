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
3. **Batches, each its own transaction**, so the server's memory use does not
   grow with the dataset: at most 10,000 rows, fewer if the server's transaction
   memory (``SHOW SETTINGS``) would not hold them (:func:`batch_size_for`). The
   loader's transactions have no time limit (an analyst server ends other
   transactions after a minute, ``db.transaction.timeout``). Deletions, then
   node updates and creations, then relationship updates and creations. Rows the
   diff knows are new are written with ``CREATE`` (no lookup of what is not
   there), grouped by label or type, sorted by start node and sent as compact
   lists; two sessions write them at once, over batches that share no start node,
   so they rarely wait on each other's locks. If a concurrent load wrote a row
   first, the constraint refuses the batch and it is redone with ``MERGE``.
4. **A marker makes an unfinished load visible.** Before the first write the
   meta node gets ``loading`` (:mod:`ozggraph.neo4j.marker`); only the last
   step records the dataset checksum and removes it. A load that failed or was
   killed at any point leaves the marker; readers warn, and the next load reads
   what is there, writes the rest and ends with exactly the dataset's checksum.

The summary counts what THIS load wrote (the server's counters for creations and
deletions), so of two concurrent loads of an empty database each reports its share.

Only what ozggraph wrote is touched: nodes with the extra label ``OzgGraph``
(``schema.MANAGED_LABEL``),
relationships with an ``id`` between two such nodes.
"""

from __future__ import annotations

import queue
import re
import threading
import time
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable
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
from ozggraph.neo4j.read import NODES
from ozggraph.schema import EDGE_TYPES, MANAGED_LABEL, META_LABEL, NODE_TYPES, cypher

#: Rows per transaction at most; fewer when the server's transaction memory says so.
BATCH_SIZE = 10_000
MIN_BATCH_SIZE = 500
#: Transaction memory a row takes on the server, an upper estimate: deleting 133k
#: relationships in one transaction needed 256 MiB (Neo4j 5.26), ~2 KiB each.
ROW_BYTES = 4096
#: Batches of new rows written at once, each from its own session (connection), over
#: batches that share no start node.
WORKERS = 2
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
    "CREATE INDEX ozggraph___MANAGED___{name} IF NOT EXISTS FOR (n:__MANAGED__) ON (n.{name})"
)
# Duplicates left by loaders before the relationship constraints; kept: one per id.
_DEDUPLICATE = (
    "MATCH (a:__MANAGED__) CALL (a) { "
    "MATCH (a)-[r:__TYPE__]->(:__MANAGED__) WHERE r.id IS NOT NULL "
    "WITH r.id AS id, collect(r) AS copies WHERE size(copies) > 1 "
    "UNWIND copies[1..] AS copy DELETE copy } IN TRANSACTIONS OF 1000 ROWS"
)
# The current state, streamed: nodes (read.NODES), then the relationships of each type the count
# store says are there (a type with none is not read at all).
_READ_EDGES = (
    "MATCH (a:__MANAGED__)-[r:__TYPE__]->(b:__MANAGED__) WHERE r.id IS NOT NULL "
    "RETURN r.id AS id, a.id AS source, b.id AS target, properties(r) AS props"
)
# Rows are compact (ozggraph.neo4j.diff): a node is its property map, a relationship
# [source, target, properties]; relationships are found from their two (indexed) end nodes.
_DELETE_EDGES = (
    "UNWIND $rows AS row MATCH (:__MANAGED__ {id: row[0]})-[r:__TYPE__ {id: row[2]}]->"
    "(:__MANAGED__ {id: row[1]}) DELETE r"
)
_DELETE_NODES = "UNWIND $rows AS id MATCH (n:__MANAGED__ {id: id}) DETACH DELETE n"
_DROP_LABEL = "UNWIND $rows AS id MATCH (n:__MANAGED__:__LABEL__ {id: id}) REMOVE n:__LABEL__"
_UPDATE_NODES = (
    "UNWIND $rows AS props MATCH (n:__MANAGED__ {id: props.id}) SET n = props, n:__LABEL__"
)
_CREATE_NODES = "UNWIND $rows AS props CREATE (n:__MANAGED__:__LABEL__) SET n = props"
_MERGE_NODES = (
    "UNWIND $rows AS props MERGE (n:__MANAGED__ {id: props.id}) SET n = props, n:__LABEL__"
)
_UPDATE_EDGES = (
    "UNWIND $rows AS row MATCH (:__MANAGED__ {id: row[0]})-[r:__TYPE__ {id: row[2].id}]->"
    "(:__MANAGED__ {id: row[1]}) SET r = row[2]"
)
_ENDS = "UNWIND $rows AS row MATCH (a:__MANAGED__ {id: row[0]}) MATCH (b:__MANAGED__ {id: row[1]}) "
_CREATE_EDGES = _ENDS + "CREATE (a)-[r:__TYPE__]->(b) SET r = row[2]"
_MERGE_EDGES = _ENDS + "MERGE (a)-[r:__TYPE__ {id: row[2].id}]->(b) SET r = row[2]"

_MEMORY_SETTINGS = (
    "dbms.memory.transaction.total.max",  # all transactions of the server
    "db.memory.transaction.total.max",  # all transactions of one database
    "db.memory.transaction.max",  # one transaction
)
_SHOW_MEMORY = "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value"

#: Per-label and per-type counts, from the server's count store (no scan).
_COUNT_LABEL = "MATCH (n:__LABEL__) RETURN '__LABEL__' AS kind, count(n) AS n"
_COUNT_TYPE = "MATCH ()-[r:__TYPE__]->() RETURN '__TYPE__' AS kind, count(r) AS n"
_SCHEMA_NAMES = ("SHOW CONSTRAINTS YIELD name", "SHOW INDEXES YIELD name")
_STATEMENT_NAME = re.compile(r"^CREATE (?:CONSTRAINT|FULLTEXT INDEX|INDEX) (\S+) IF NOT EXISTS")
#: The loader's transactions have no time limit, whatever the server's default.
_NO_LIMIT = 0

#: Called with (step description, rows done in this step, rows in this step).
Progress = Callable[[str, int, int], None]
#: The server's counters of one transaction: nodes_created, relationships_deleted, ...
Counted = dict[str, int]


def _q(template: str, **kinds: str) -> str:
    """``template`` with ``__MANAGED__`` (ozggraph's own label) and schema names filled in."""
    return cypher(template, managed=MANAGED_LABEL, **kinds)


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
    statements += [_q(_MEASURE_INDEX.format(name=name)) for name in RANKED_MEASURES]
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
                repair = neo4j.Query(_q(_DEDUPLICATE, type=rtype), timeout=_NO_LIMIT)
                done = session.run(repair).consume()
            removed += done.counters.relationships_deleted
            driver.execute_query(statement, database_=database)
    with driver.session(database=database) as session:
        session.run(neo4j.Query("CALL db.awaitIndexes(300)", timeout=_NO_LIMIT)).consume()
    return removed


# --- loading ------------------------------------------------------------------------


_SCALARS = (str, int, float, bool)
_PLAIN = frozenset({str, int, float, bool, type(None)})  # by exact type: the fast path


def _storable(value: Any) -> bool:
    """A value Neo4j can hold as a property: a scalar or a list of one kind of scalar."""
    if isinstance(value, list | tuple):
        return all(isinstance(v, _SCALARS) for v in value) and len({type(v) for v in value}) <= 1
    return isinstance(value, _SCALARS)


def _check_values(todo: Plan) -> None:
    """Refuse, before anything is written, a value the server would refuse mid-load."""
    for props in todo.properties():
        for key, value in props.items():
            if type(value) not in _PLAIN and not _storable(value):
                kind = type(value).__name__
                raise Neo4jError(
                    f"{props['id']}: property {key!r} holds {kind} {value!r}, which "
                    "Neo4j cannot store; nothing was written"
                )


def load(
    driver: neo4j.Driver,
    graph: nx.MultiDiGraph,
    database: str,
    progress: Progress | None = None,
    batch_size: int | None = None,
    verify: bool = False,
    workers: int = WORKERS,
) -> LoadSummary:
    """Make the database's ozggraph part equal to ``graph`` (see the module's promise).

    ``batch_size``: rows per transaction (default: :func:`batch_size_for` the server).
    ``verify``: read everything back even when checksum and counts say it is there.
    ``workers``: batches of new rows written at once (1: one after the other).
    """
    started = time.perf_counter()
    expected = expected_counts(graph)  # also refuses a label or type not in the schema
    summary = LoadSummary(_checksum(graph))
    summary.nodes, summary.relationships = graph.number_of_nodes(), graph.number_of_edges()
    writer = _Writer(driver, database, batch_size or BATCH_SIZE, progress, workers)
    try:
        duplicates = ensure_schema(driver, database)
        state, counts = read_counts(driver, database)
        held = state.complete and state.checksum == summary.checksum
        if held and not verify and counts == expected:
            summary.changes = {"duplicates_removed": duplicates}
            return _finished(summary, writer, started)
        empty = not counts.get(MANAGED_LABEL)
        current = Current() if empty else read_state(driver, database, counts)[0]
        todo = plan(current, graph)
        _check_values(todo)  # before anything is written
        summary.changes = {**todo.counts(), "duplicates_removed": duplicates}
        summary.finished_unfinished = not state.complete
        if todo.size() or state.checksum != summary.checksum or not state.complete:
            writer.batch_size = batch_size or batch_size_for(driver, database, workers)
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
    """Nodes per label (and ``OzgGraph``: all) and relationships per type of ``graph``.

    Refuses (``ValueError``) a label or type the schema does not have: they reach
    Cypher text only from the schema, never from data.
    """
    labels = Counter(attrs["label"] for _, attrs in graph.nodes(data=True))
    types = Counter(attrs["type"] for *_, attrs in graph.edges(data=True))
    unknown = (set(labels) - set(NODE_TYPES)) | (set(types) - set(EDGE_TYPES))
    if unknown:
        raise ValueError(f"not in the schema: {', '.join(sorted(unknown))}")
    counts = {**labels, **types, MANAGED_LABEL: graph.number_of_nodes()}
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


def read_state(
    driver: neo4j.Driver, database: str, counts: dict[str, int] | None = None
) -> tuple[Current, marker.Marker]:
    """ozggraph's part of the database and its marker, streamed record by record.

    ``counts`` (from :func:`read_counts`): relationship types with none are not read.
    """
    nodes, edges = [], []
    types = [rtype for rtype in EDGE_TYPES if counts is None or counts.get(rtype)]
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        state = marker.read_marker(session)
        for record in session.run(neo4j.Query(NODES, timeout=_NO_LIMIT)):
            nodes.append((record["id"], record["labels"], record["props"]))
        for rtype in types:
            query = neo4j.Query(_q(_READ_EDGES, type=rtype), timeout=_NO_LIMIT)
            for rid, source, target, props in session.run(query):
                edges.append((rid, rtype, source, target, props))
    return current_from_records(nodes, edges), state


def batch_size_for(driver: neo4j.Driver, database: str, workers: int = WORKERS) -> int:
    """Rows per transaction the server's transaction memory allows, at most :data:`BATCH_SIZE`.

    ``workers`` transactions run at once; each may use its share of the memory
    all transactions may use (``dbms.memory.transaction.total.max``, by default
    70% of the heap; ``db.memory.transaction.total.max``) and at most
    ``db.memory.transaction.max``, whichever is least (0 means no limit), at
    :data:`ROW_BYTES` per row. A user who may not see the settings gets
    :data:`BATCH_SIZE`.
    """
    try:
        records, _, _ = driver.execute_query(
            _SHOW_MEMORY, names=list(_MEMORY_SETTINGS), database_=database
        )
    except neo4j_errors.ClientError:  # e.g. Neo.ClientError.Security.Forbidden
        return BATCH_SIZE
    limits = {record["name"]: _bytes(record["value"]) for record in records}
    shared = (limits.get(name, 0) for name in _MEMORY_SETTINGS[:2])
    budgets = [*(total // max(workers, 1) for total in shared), limits.get(_MEMORY_SETTINGS[2], 0)]
    budget = min((b for b in budgets if b > 0), default=0)
    if not budget:
        return BATCH_SIZE
    return max(MIN_BATCH_SIZE, min(BATCH_SIZE, budget // ROW_BYTES))


def _bytes(value: str | None) -> int:
    """``'256.00MiB'``, ``'512m'``, ``'1g'``, ``'0B'`` or ``None`` as a number of bytes.

    >>> _bytes("256.00MiB"), _bytes("512m"), _bytes("0B"), _bytes(None)
    (268435456, 536870912, 0, 0)
    """
    found = re.fullmatch(r"\s*([\d.]+)\s*([kmgt]?)(?:i?b)?\s*", (value or "0").lower())
    if not found:
        return 0
    number, unit = found.groups()
    return int(float(number) * 1024 ** " kmgt".index(unit or " "))


class _Writer:
    """Runs each batch in its own transaction, adding up the server's counters.

    New rows go out from ``workers`` threads, each with its own session and so its
    own connection, over batches that share no start node; everything else is written
    in order from one session.
    """

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
        self.contended: set[str] = set()  # CREATE statements a constraint refused once

    def written(self) -> dict[str, int]:
        """Created and deleted, as the server counted them for this load's batches."""
        kinds = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted")
        return {kind: self.data[kind] for kind in kinds}

    def write(self, query: str, session: neo4j.Session | None = None, **params: Any) -> Counted:
        """One transaction, retried by the driver on transient errors (deadlocks)."""

        def work(tx: neo4j.ManagedTransaction) -> Any:
            return tx.run(query, **params).consume().counters

        if session is None:
            with self.driver.session(database=self.database) as own:
                return self.write(query, own, **params)
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

    def batched(
        self,
        step: str,
        query: str,
        rows: list[Row],
        fallback: str | None = None,
        key: Callable[[Row], Any] | None = None,
    ) -> None:
        """``query`` over ``rows`` in batches; ``fallback`` redoes a batch a constraint refused.

        With ``key`` (``rows`` sorted by it), batches are cut only where the key
        changes and go out from :attr:`workers` sessions at once.
        """
        if key is not None:
            batches = _disjoint_batches(rows, key, self.batch_size)
        else:
            batches = [rows[i : i + self.batch_size] for i in range(0, len(rows), self.batch_size)]
        if key is None or self.workers <= 1 or len(batches) <= 1:
            with self.driver.session(database=self.database) as session:
                done = 0
                for batch in batches:
                    self._count(self._batch(session, query, fallback, batch))
                    done += len(batch)
                    self._progress(step, done, len(rows))
            return
        self._concurrently(step, query, fallback, batches, len(rows))

    def _batch(
        self, session: neo4j.Session, query: str, fallback: str | None, batch: list[Row]
    ) -> Counted:
        """One batch; halved while the server's transaction memory refuses it.

        The batch size is estimated from the server's limits, but concurrent loads
        and other transactions share that memory: a refused batch is written as two.
        """
        try:
            return self._one(session, query, fallback, batch)
        except neo4j_errors.Neo4jError as exc:
            if len(batch) < 2 or "Memory" not in (exc.code or ""):
                raise
        half = len(batch) // 2
        first = self._batch(session, query, fallback, batch[:half])
        second = self._batch(session, query, fallback, batch[half:])
        return {name: first.get(name, 0) + second.get(name, 0) for name in {*first, *second}}

    def _one(
        self, session: neo4j.Session, query: str, fallback: str | None, batch: list[Row]
    ) -> Counted:
        if query in self.contended and fallback is not None:
            return self.write(fallback, session, rows=batch)
        try:
            return self.write(query, session, rows=batch)
        except neo4j_errors.ConstraintError:
            if fallback is None:
                raise
            self.contended.add(query)  # a concurrent load was first: MERGE from now on
            return self.write(fallback, session, rows=batch)

    def _concurrently(
        self, step: str, query: str, fallback: str | None, batches: list[list[Row]], total: int
    ) -> None:
        """``batches`` from :attr:`workers` threads; progress and errors reach this thread."""
        jobs: queue.SimpleQueue[list[Row]] = queue.SimpleQueue()
        for batch in batches:
            jobs.put(batch)
        results: queue.SimpleQueue[tuple[int, Counted] | BaseException | None] = queue.SimpleQueue()
        stop = threading.Event()

        def worker() -> None:
            try:
                with self.driver.session(database=self.database) as session:
                    while not stop.is_set():
                        try:
                            batch = jobs.get_nowait()
                        except queue.Empty:
                            break
                        results.put((len(batch), self._batch(session, query, fallback, batch)))
            except BaseException as exc:  # handed to the calling thread
                stop.set()
                results.put(exc)
            finally:
                results.put(None)

        threads = [
            threading.Thread(target=worker, name=f"ozggraph-load-{n}", daemon=True)
            for n in range(min(self.workers, len(batches)))
        ]
        for thread in threads:
            thread.start()
        running, done, error = len(threads), 0, None
        try:
            while running:
                item = results.get()
                if item is None:
                    running -= 1
                elif isinstance(item, BaseException):
                    error = error or item
                else:
                    done += item[0]
                    self._count(item[1])
                    self._progress(step, done, total)
        finally:
            stop.set()  # also on Ctrl-C: workers end after their current batch
        for thread in threads:
            thread.join()
        if error is not None:
            raise error

    def _progress(self, step: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(step, done, total)

    def _count(self, counted: Counted) -> None:
        for name, value in counted.items():
            self.data[name] += value

    def apply(self, todo: Plan) -> None:
        """Deletions first, then label fixes, updates and creations."""
        for rtype, rows in todo.delete_edges.items():
            self.batched(f"delete :{rtype}", _q(_DELETE_EDGES, type=rtype), rows)
        self.batched("delete nodes", _q(_DELETE_NODES), todo.delete_nodes)
        for label, ids in todo.drop_labels.items():
            self.batched(f"relabel :{label}", _q(_DROP_LABEL, label=label), ids)
        for label, rows in todo.update_nodes.items():
            self.batched(f"update :{label}", _q(_UPDATE_NODES, label=label), rows)
        for label, rows in todo.create_nodes.items():
            create, merge = (_q(q, label=label) for q in (_CREATE_NODES, _MERGE_NODES))
            self.batched(f"create :{label}", create, rows, merge, key=_node_id)
        for rtype, rows in todo.update_edges.items():
            self.batched(f"update :{rtype}", _q(_UPDATE_EDGES, type=rtype), rows)
        for rtype, rows in todo.create_edges.items():
            create, merge = (_q(q, type=rtype) for q in (_CREATE_EDGES, _MERGE_EDGES))
            rows.sort(key=_start)  # neighbours share pages and locks
            self.batched(f"create :{rtype}", create, rows, merge, key=_start)


def _node_id(row: Row) -> Any:
    return row["id"]


def _start(row: Row) -> Any:
    return row[0]


def _disjoint_batches(rows: list[Row], key: Callable[[Row], Any], size: int) -> list[list[Row]]:
    """``rows`` (sorted by ``key``) in batches of about ``size``, cut where ``key`` changes.

    >>> _disjoint_batches([["a", 1], ["a", 2], ["b", 3], ["c", 4]], _start, 1)
    [[['a', 1], ['a', 2]], [['b', 3]], [['c', 4]]]
    """
    batches: list[list[Row]] = []
    batch: list[Row] = []
    for row in rows:
        if len(batch) >= size and key(row) != key(batch[-1]):
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
