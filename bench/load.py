"""Loading speed into the real Neo4j, three ways in one run: plain MERGE, ozggraph, neo4j-admin.

All three write the same synthetic Germany-shaped graph (bench/synthetic.py;
scale 1 = ~43k relationships, scale 30 = ~920k) into the same server, with the
same constraints in place (ozggraph's schema: unique ``id`` on every label and
relationship type), after the same warm-up:

- plain:    ``UNWIND $rows ... MERGE`` in batches of 10,000, one transaction each,
            the way most loaders are written;
- ozggraph: ``ozggraph.neo4j.load`` (diff, CREATE for new rows grouped by type and
            sorted by start node, one transaction per batch, load marker);
- admin:    ``neo4j-admin database import full`` of ``ozggraph export --format csv``
            into a fresh database (offline, server stopped; ozggraph.neo4j.bulk),
            timed from the graph to a finished store, JVM start included.

Relationship rates are measured with the nodes already in place (both ways
write the relationships alone). The full ozggraph load (empty database to
dataset marker) is timed too, and the reload of the unchanged graph.

    python bench/load.py [--scale 1] [--batch 10000]

Server: NEO4J_URI/NEO4J_PASSWORD if set, else a dev server from Maven jars with
its default memory (512 MB heap, 128 MB page cache, 256 MiB transaction memory).
Goals: ozggraph >= 1.5x plain MERGE on relationships and >= 50,000
relationships/s; scale 30 fully loaded in <= 60 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import neo4j
import networkx as nx
from synthetic import make_graph

from ozggraph.neo4j.bulk import import_into
from ozggraph.neo4j.connection import Settings, connect
from ozggraph.neo4j.diff import edge_row, node_row
from ozggraph.neo4j.load import BATCH_SIZE, ensure_schema, load
from ozggraph.schema import cypher

_CLEAR_RELS = (
    "MATCH (:OzgGraph)-[r]->(:OzgGraph) CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
)
_CLEAR = "MATCH (n:OzgGraph) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS"
_CLEAR_META = "MATCH (m:OzgGraphMeta) DELETE m"
_PLAIN_NODES = "UNWIND $rows AS row MERGE (n:OzgGraph {id: row.id}) SET n = row.props, n:__LABEL__"
_PLAIN_RELS = (
    "UNWIND $rows AS row "
    "MATCH (a:OzgGraph {id: row.source}) MATCH (b:OzgGraph {id: row.target}) "
    "MERGE (a)-[r:__TYPE__ {id: row.id}]->(b) SET r = row.props"
)


def settings_and_server(stack: ExitStack) -> Settings:
    if os.environ.get("NEO4J_URI") and os.environ.get("NEO4J_PASSWORD"):
        return Settings.from_env()
    from ozggraph.neo4j.devserver import DevServer

    server = stack.enter_context(DevServer())  # default memory, as users get it
    return Settings(uri=server.uri, username=server.user, password=server.password)


def auto(driver: neo4j.Driver, database: str, *queries: str) -> None:
    with driver.session(database=database) as session:
        for query in queries:
            session.run(query).consume()


def plain(
    driver: neo4j.Driver, database: str, graph: nx.MultiDiGraph, batch: int, with_nodes: bool = True
) -> None:
    """The usual loader: UNWIND ... MERGE per label and type, one transaction per batch."""
    nodes: dict[str, list] = {}
    for n, a in graph.nodes(data=True) if with_nodes else ():
        nodes.setdefault(a["label"], []).append(node_row(n, a))
    rels: dict[str, list] = {}
    for u, v, k, a in graph.edges(keys=True, data=True):
        rels.setdefault(a["type"], []).append(edge_row(u, v, k, a))
    with driver.session(database=database) as session:
        for groups, template, kind in ((nodes, _PLAIN_NODES, "label"), (rels, _PLAIN_RELS, "type")):
            for name, rows in groups.items():
                query = cypher(template, **{kind: name})
                for start in range(0, len(rows), batch):
                    chunk = rows[start : start + batch]
                    session.execute_write(lambda tx, q=query, c=chunk: tx.run(q, rows=c).consume())


def timed(action, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action(*args)
    return time.perf_counter() - started


def admin_import(graph: nx.MultiDiGraph) -> float:
    """neo4j-admin import into a fresh home (offline, as for a first start)."""
    with tempfile.TemporaryDirectory(prefix="ozggraph-bench-admin-") as tmp:
        home = Path(tmp)
        (home / "conf").mkdir()
        (home / "conf" / "neo4j.conf").write_text(
            f"server.directories.data={home / 'data'}\nserver.directories.logs={home / 'logs'}\n"
        )
        return import_into(home, graph).seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="rows per transaction")
    args = parser.parse_args()
    graph = make_graph(scale=args.scale, seed=0)
    nodes, rels = graph.number_of_nodes(), graph.number_of_edges()
    print(f"synthetic graph: {nodes:,} nodes, {rels:,} relationships (scale {args.scale})")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with ExitStack() as stack:
        settings = settings_and_server(stack)
        driver = stack.enter_context(connect(settings))
        db, batch = settings.database, args.batch
        ensure_schema(driver, db)
        warm = make_graph(scale=0.1, seed=1)  # JIT and query caches, both ways alike
        for way in (lambda: plain(driver, db, warm, batch), lambda: load(driver, warm, db)):
            auto(driver, db, _CLEAR, _CLEAR_META)
            way()
        auto(driver, db, _CLEAR, _CLEAR_META)

        full = timed(load, driver, graph, db, None, batch)
        print(
            f"ozggraph full load, empty database -> marker: {full:.1f} s "
            f"= {(nodes + rels) / full:,.0f} rows/s (goal at scale 30: <= 60 s)"
        )
        again = timed(load, driver, graph, db, None, batch)
        print(f"ozggraph reload of the unchanged graph (writes nothing): {again:.1f} s")

        auto(driver, db, _CLEAR_RELS)
        merge = timed(plain, driver, db, graph, batch, False)
        auto(driver, db, _CLEAR_RELS)
        ours = timed(load, driver, graph, db, None, batch)  # diff: relationships only
    admin = admin_import(graph)
    rate_merge, rate_ours, rate_admin = rels / merge, rels / ours, rels / admin
    print(f"relationships alone (nodes in place), {rels:,} relationships:")
    print(f"  plain UNWIND MERGE : {merge:6.1f} s = {rate_merge:9,.0f} rels/s")
    print(f"  ozggraph load      : {ours:6.1f} s = {rate_ours:9,.0f} rels/s (goal >= 50,000)")
    print(
        f"  neo4j-admin import : {admin:6.1f} s = {rate_admin:9,.0f} rels/s "
        f"(whole graph, {nodes:,} nodes too, offline)"
    )
    print(f"ratio ozggraph / plain MERGE: {rate_ours / rate_merge:.2f}x (goal >= 1.5x)")
    print(f"ratio neo4j-admin / ozggraph: {rate_admin / rate_ours:.2f}x")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
