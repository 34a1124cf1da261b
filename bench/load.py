"""Loading speed into the real Neo4j, three ways in one run: plain MERGE, ozggraph, neo4j-admin.

All three write the same synthetic Germany-shaped graph (bench/synthetic.py;
scale 1 = ~43k relationships, scale 30 = ~920k) into the same server, with the
same constraints in place (ozggraph's schema: unique ``id`` on every label and
relationship type), after the same warm-up:

- plain:    ``UNWIND $rows ... MERGE`` in batches of 10,000, one transaction each,
            the way most loaders are written (rows as maps);
- ozggraph: ``ozggraph.neo4j.load`` (count store and marker first, diff, CREATE for
            new rows grouped by type and sorted by start node, rows as compact lists,
            batches sized from the server's transaction memory, two sessions at once
            over batches that share no start node, load marker);
- admin:    ``neo4j-admin database import full`` of ``ozggraph export --format csv``
            into a fresh database (offline, server stopped; ozggraph.neo4j.bulk),
            timed from the graph to a finished store, JVM start included.

Relationships only: the nodes already in place, both ways write the relationships
alone. Full load: empty database to the last relationship (ozggraph: to the dataset
marker, the graph's checksum included). Reload: ozggraph again on the unchanged
graph, in the same process (the checksum is computed once per graph object; the
``checksum`` column is what a fresh process pays on top).

    python bench/load.py [--scale 4 10] [--repeat 3 2] [--batch 10000]

Rounds are interleaved (each round runs every scale that has rounds left and every
way; ``--repeat 3 2``: three rounds at the first scale, two at the second), and the
table shows medians with the machine's load average; ratios are medians of the
ratios within each round: on a shared machine the load changes from minute to minute.

Server: NEO4J_URI/NEO4J_PASSWORD if set, else a dev server from Maven jars with
its default memory (512 MB heap, 128 MB page cache, 256 MiB transaction memory).
Goals: ozggraph >= 1.5x plain MERGE on relationships and >= 50,000
relationships/s; scale 30 fully loaded in <= 60 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import neo4j
import networkx as nx
from synthetic import make_graph

from ozggraph.graph import checksum as graph_checksum
from ozggraph.neo4j.bulk import import_into
from ozggraph.neo4j.connection import Settings, connect
from ozggraph.neo4j.diff import edge_row, node_row
from ozggraph.neo4j.load import _CHECKSUMS, BATCH_SIZE, ensure_schema, load
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
        nodes.setdefault(a["label"], []).append({"id": n, "props": node_row(n, a)})
    rels: dict[str, list] = {}
    for u, v, k, a in graph.edges(keys=True, data=True):
        _, _, props = edge_row(u, v, k, a)
        rels.setdefault(a["type"], []).append({"source": u, "target": v, "id": k, "props": props})
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


def one_round(driver: neo4j.Driver, db: str, graph: nx.MultiDiGraph, batch: int) -> dict:
    """Every way once, on ``graph``: seconds per way, and the load average after each."""
    times, loads = {}, []

    def way(name: str, action, *args) -> None:  # type: ignore[no-untyped-def]
        times[name] = timed(action, *args)
        loads.append(os.getloadavg()[0])

    auto(driver, db, _CLEAR_RELS, _CLEAR, _CLEAR_META)
    way("merge_full", plain, driver, db, graph, batch)
    auto(driver, db, _CLEAR_RELS, _CLEAR, _CLEAR_META)
    _CHECKSUMS.pop(graph, None)  # the full load computes the checksum, as in a fresh process
    way("full", load, driver, graph, db)  # ozggraph sizes its own batches
    way("reload", load, driver, graph, db)
    way("checksum", graph_checksum, graph)
    auto(driver, db, _CLEAR_RELS)
    way("merge", plain, driver, db, graph, batch, False)
    auto(driver, db, _CLEAR_RELS)
    way("ours", load, driver, graph, db)  # diff: relationships only
    way("admin", admin_import, graph)
    times["load"] = statistics.mean(loads)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, nargs="+", default=[1.0])
    parser.add_argument(
        "--repeat", type=int, nargs="+", default=[1], help="rounds per scale, interleaved; medians"
    )
    parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="rows per transaction")
    args = parser.parse_args()
    graphs = {scale: make_graph(scale=scale, seed=0) for scale in args.scale}
    for scale, graph in graphs.items():
        nodes, rels = graph.number_of_nodes(), graph.number_of_edges()
        print(f"scale {scale:g}: {nodes:,} nodes, {rels:,} relationships")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    rounds: dict[float, list[dict]] = {scale: [] for scale in graphs}
    with ExitStack() as stack:
        settings = settings_and_server(stack)
        driver = stack.enter_context(connect(settings))
        db, batch = settings.database, args.batch
        ensure_schema(driver, db)
        warm = make_graph(scale=0.1, seed=1)  # JIT and query caches, both ways alike
        for way in (lambda: plain(driver, db, warm, batch), lambda: load(driver, warm, db)):
            auto(driver, db, _CLEAR_RELS, _CLEAR, _CLEAR_META)
            way()
        repeats = dict(zip(graphs, args.repeat + args.repeat[-1:] * len(graphs), strict=False))
        for number in range(max(repeats.values())):  # interleaved: every scale and way
            for scale, graph in graphs.items():
                if number >= repeats[scale]:
                    continue
                times = one_round(driver, db, graph, batch)
                rounds[scale].append(times)
                shown = ", ".join(f"{way} {t:.1f}" for way, t in times.items())
                print(f"round {number + 1} scale {scale:g}: {shown}", flush=True)
    print("\nmedians in seconds (MERGE/ozggraph > 1 and ozggraph/admin < 1 favour ozggraph):")
    print(
        "scale | rels | rounds | load avg | relationships only: ozggraph, plain MERGE, "
        "MERGE/ozggraph | full load: ozggraph, plain MERGE, neo4j-admin, MERGE/ozggraph, "
        "ozggraph/admin | reload (+checksum)"
    )
    for scale, graph in graphs.items():
        runs = rounds[scale]
        m = {way: statistics.median(r[way] for r in runs) for way in runs[0]}

        def ratio(a: str, b: str, runs: list[dict] = runs) -> float:
            """Median of the ratios within each round: the two ways ran under the same load."""
            return statistics.median(r[a] / r[b] for r in runs)

        print(
            f"x{scale:g} | {graph.number_of_edges():,} | {len(runs)} | "
            f"{m['load']:.1f} | {m['ours']:.1f}, {m['merge']:.1f}, "
            f"{ratio('merge', 'ours'):.2f}x | {m['full']:.1f}, {m['merge_full']:.1f}, "
            f"{m['admin']:.1f}, {ratio('merge_full', 'full'):.2f}x, "
            f"{ratio('full', 'admin'):.2f}x | {m['reload']:.2f} (+{m['checksum']:.1f})"
        )
    print("goals: MERGE/ozggraph >= 1.5x at x10; ozggraph/admin <= 1.5x; reload at x10 < 3 s")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
