"""Loading speed into the real Neo4j: one transaction per row vs the batched loader.

Both load the same synthetic Germany-shaped graph (bench/synthetic.py) into the
same server in one run, after the same warm-up (the JVM's JIT makes first runs
several times slower). The per-row baseline writes each node and relationship
in its own transaction (the naive way); it runs on a sample of rows and its
rate is reported as rows/s. The batched loader (ozggraph.neo4j.load) writes the
whole graph with UNWIND batches in one transaction; it is timed on an empty
database (median of --repeat runs, everything from the constraint check to the
commit), and once more with the nodes already there, so that only the
relationships are written.

    python bench/load.py [--scale 1] [--sample 2000]

Server: NEO4J_URI/NEO4J_PASSWORD if set, else a dev server from Maven jars.
Goal: batched >= 50x per-row and >= 50,000 relationships/s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import neo4j
import networkx as nx
from synthetic import make_graph

from ozggraph.neo4j.connection import Settings, connect
from ozggraph.neo4j.diff import edge_row, node_row
from ozggraph.neo4j.load import ensure_constraints, load
from ozggraph.schema import cypher

_CLEAR = "MATCH (n:OzgGraph) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
_ROW_NODE = "MERGE (n:OzgGraph {id: $row.id}) SET n = $row.props, n:__LABEL__"
_ROW_EDGE = (
    "MATCH (a:OzgGraph {id: $row.source}) MATCH (b:OzgGraph {id: $row.target}) "
    "MERGE (a)-[r:__TYPE__ {id: $row.id}]->(b) SET r = $row.props"
)


def per_row(driver: neo4j.Driver, database: str, graph, sample: int) -> tuple[int, float]:
    """Write up to ``sample`` nodes and ``sample`` relationships, one transaction each."""
    started, done = time.perf_counter(), 0
    nodes = [(a["label"], node_row(n, a)) for n, a in graph.nodes(data=True)]
    edges = [(a["type"], edge_row(u, v, k, a)) for u, v, k, a in graph.edges(keys=True, data=True)]
    for items, template, kind in ((nodes, _ROW_NODE, "label"), (edges, _ROW_EDGE, "type")):
        for name, row in items[:sample]:
            query = cypher(template, **{kind: name})
            driver.execute_query(query, row=row, database_=database)
            done += 1
    return done, time.perf_counter() - started


def settings_and_server(stack: ExitStack) -> Settings:
    if os.environ.get("NEO4J_URI") and os.environ.get("NEO4J_PASSWORD"):
        return Settings.from_env()
    from ozggraph.neo4j.devserver import DevServer

    server = stack.enter_context(DevServer(heap="2g", pagecache="512m"))
    return Settings(uri=server.uri, username=server.user, password=server.password)


def clear(driver: neo4j.Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run(_CLEAR).consume()


def timed_load(driver: neo4j.Driver, database: str, graph: nx.MultiDiGraph) -> float:
    started = time.perf_counter()
    load(driver, graph, database)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--sample", type=int, default=2000, help="rows per kind, per-row way")
    parser.add_argument("--repeat", type=int, default=3, help="timed batched loads (median)")
    args = parser.parse_args()
    graph = make_graph(scale=args.scale, seed=0)
    nodes_only = nx.MultiDiGraph()
    nodes_only.add_nodes_from(graph.nodes(data=True))
    nodes, rels = graph.number_of_nodes(), graph.number_of_edges()
    print(f"synthetic graph: {nodes:,} nodes, {rels:,} relationships (scale {args.scale})")
    with ExitStack() as stack:
        settings = settings_and_server(stack)
        driver = stack.enter_context(connect(settings))
        db = settings.database
        ensure_constraints(driver, db)
        # Warm up the server's JIT and query caches for both ways alike.
        clear(driver, db)
        per_row(driver, db, graph, 200)
        clear(driver, db)
        timed_load(driver, db, graph)

        clear(driver, db)
        rows, seconds = per_row(driver, db, graph, args.sample)
        row_rate = rows / seconds
        print(f"per-row : {rows:,} rows in {seconds:.1f} s = {row_rate:,.0f} rows/s")

        full = []
        for _ in range(args.repeat):
            clear(driver, db)
            full.append(timed_load(driver, db, graph))
        seconds = statistics.median(full)
        batch_rate = (nodes + rels) / seconds
        print(
            f"batched : {nodes + rels:,} rows in {seconds:.2f} s (median of {args.repeat}) "
            f"= {batch_rate:,.0f} rows/s"
        )
        only = []
        for _ in range(args.repeat):
            clear(driver, db)
            load(driver, nodes_only, db)
            only.append(timed_load(driver, db, graph))  # the diff is the relationships only
        seconds = statistics.median(only)
        print(
            f"batched relationships alone: {rels:,} in {seconds:.2f} s = "
            f"{rels / seconds:,.0f} relationships/s (goal >= 50,000)"
        )
        print(
            f"reload of the unchanged graph (writes nothing): {timed_load(driver, db, graph):.2f} s"
        )
    print(f"ratio batched / per-row: {batch_rate / row_rate:.0f}x (goal >= 50x)")


if __name__ == "__main__":
    main()
