"""Benchmark of the cooperation report and of each measure against NetworkX's own.

Everything is measured in one run and printed as times and ratios (never as a timed
test): the full report on the shipped dataset (target ≤ 1.5 s, also as the newcomer's
``ozggraph report`` command) and on the synthetic Germany-shaped graph at ``--scale``
(default 30: ~1M relationships; target ≤ 20 s without exhausting memory), then each
measure beside the NetworkX function that computes the same numbers.

Where NetworkX would take many minutes (path measures, effective size, brokerage
on a country-sized network) it runs on a sample of sources or nodes and its time is
scaled up linearly; those rows say "extrapolated".

    python bench/analytics.py                 # scale 30, about 4 minutes
    python bench/analytics.py --scale 3       # quicker
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_graph

import ozggraph
from ozggraph.analytics import brokerage, centrality, communities, weakpoints
from ozggraph.network.projections import bipartite_network, cooperation_projection
from ozggraph.network.sparse import Projection
from ozggraph.output import build_report, render

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Row:
    measure: str
    ours: float
    networkx: float | None
    note: str = ""

    def line(self) -> str:
        theirs = "–" if self.networkx is None else f"{self.networkx:9.2f} s"
        ratio = "" if self.networkx is None else f"{self.networkx / max(self.ours, 1e-9):8.1f}×"
        return f"  {self.measure:28} {self.ours:8.2f} s  {theirs:>11}  {ratio:>9}  {self.note}"


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def shipped() -> None:
    print("Shipped dataset (seed/)")
    command = [sys.executable, "-c", "from ozggraph.cli import main; main()", "report"]
    wall, imports = [], []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
        wall.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import ozggraph.cli"], cwd=ROOT, check=True)
        imports.append(time.perf_counter() - start)
    load, graph = timed(ozggraph.load_graph)
    build, report = timed(lambda: build_report(graph))
    text, _ = timed(lambda: render(report, "text"))
    net = report.overview["network"]
    print(
        f"  `ozggraph report` end to end (imports, cached load, report, text): "
        f"{min(wall):.2f} s best of 3 (target ≤ 1.5 s), of which {min(imports):.2f} s "
        "start-up (python + importing ozggraph.cli with every command module)"
    )
    print(
        f"  in process: load {load:.2f} s, build {build:.2f} s, render {text:.2f} s; "
        f"network of {net['bodies']:,} bodies, {net['links']:,} links"
    )
    compare(cooperation_projection(graph), graph, sample=None)


def synthetic(scale: float, with_networkx: bool) -> None:
    gen, graph = timed(lambda: make_graph(scale))
    print(
        f"\nSynthetic graph ×{scale:g}: {graph.number_of_nodes():,} nodes, "
        f"{graph.number_of_edges():,} relationships (generated in {gen:.1f} s)"
    )
    # The checksum is computed once when a dataset is loaded (load_graph, read_graph),
    # so it is not part of the report's time; shown apart.
    summed, graph.graph["checksum"] = timed(lambda: ozggraph.checksum(graph))
    print(f"  dataset checksum (part of loading, not of the report): {summed:.1f} s")
    build, report = timed(lambda: build_report(graph))
    net = report.overview["network"]
    print(
        f"  full report: {build:.1f} s (target ≤ 20 s: {20 / build:.2f}× of it); network of "
        f"{net['bodies']:,} bodies, {net['links']:,} links; peak RSS {peak_rss_gb():.1f} GB"
    )
    if with_networkx:
        compare(cooperation_projection(graph), graph, sample=8)


def compare(net: Projection, graph: nx.MultiDiGraph, sample: int | None) -> None:
    """Each measure: ours, NetworkX's (on an nx.Graph of the same network), the ratio."""
    conversion, nx_graph = timed(net.to_networkx)
    rows = [Row("projection", *_projection(graph))]
    rows.append(Row("  (as nx.Graph, for NetworkX)", conversion, None, "not counted below"))
    rows += _centrality(net, nx_graph, sample)
    rows += _structure(net, nx_graph, sample)
    print(f"  {'measure':28} {'ours':>10}  {'NetworkX':>11}  {'speed-up':>9}")
    for row in rows:
        print(row.line())
    del nx_graph


def _projection(graph: nx.MultiDiGraph) -> tuple[float, float, str]:
    ours, _ = timed(lambda: cooperation_projection(graph))

    def theirs() -> nx.Graph:
        two_mode = bipartite_network(graph, contexts=("Cooperation", "Programme"))
        bodies = [n for n, d in two_mode.nodes(data="bipartite") if d == 0]
        return nx.bipartite.weighted_projected_graph(two_mode, bodies)

    reference, _ = timed(theirs)
    return ours, reference, "NetworkX: co-membership part only (weighted_projected_graph)"


def _centrality(net: Projection, g: nx.Graph, sample: int | None) -> list[Row]:
    k = centrality.sources_for(net, None, 0)
    sources = net.n if k is None else len(k)
    ours, _ = timed(lambda: centrality.path_centralities(net))
    note = f"{sources:,} sources" + ("" if k is None else " (sampled)")
    rows = []
    if sample is None or sources <= sample:
        t_b, _ = timed(
            lambda: nx.betweenness_centrality(g, k=None if k is None else len(k), seed=0)
        )
        t_c, _ = timed(lambda: nx.closeness_centrality(g))
        t_h, _ = timed(lambda: nx.harmonic_centrality(g))
        rows.append(Row("betweenness+closeness+harmonic", ours, t_b + t_c + t_h, note))
    else:
        nodes = random.Random(0).sample(list(g), sample)
        t_b, _ = timed(lambda: nx.betweenness_centrality(g, k=sample, seed=0))
        t_c, _ = timed(lambda: [nx.closeness_centrality(g, u=u) for u in nodes])
        t_h, _ = timed(lambda: nx.harmonic_centrality(g, sources=nodes))
        # NetworkX has no sampled closeness/harmonic: all n nodes need one search each.
        scaled = t_b * sources / sample + (t_c + t_h) * net.n / sample
        rows.append(
            Row(
                "betweenness+closeness+harmonic",
                ours,
                scaled,
                f"{note}; NetworkX extrapolated from {sample} searches",
            )
        )
    rows.append(
        Row("eigenvector", timed(lambda: centrality.eigenvector(net))[0], *_nx_eigenvector(g))
    )
    rows.append(
        Row(
            "pagerank (tol 1e-10)",
            timed(lambda: centrality.pagerank(net))[0],
            timed(lambda: nx.pagerank(g, tol=1e-10 / max(net.n, 1), max_iter=1000))[0],
            "same L1 stopping rule",
        )
    )
    return rows


def _nx_eigenvector(g: nx.Graph) -> tuple[float, str]:
    """NetworkX's ARPACK solver refuses a network in pieces: it gets the largest piece."""
    if nx.is_connected(g):
        return timed(lambda: nx.eigenvector_centrality_numpy(g, weight="weight"))[0], "_numpy"
    largest = g.subgraph(max(nx.connected_components(g), key=len))
    spent, _ = timed(lambda: nx.eigenvector_centrality_numpy(largest, weight="weight"))
    return spent, "NetworkX (_numpy) on the largest component only"


def _structure(net: Projection, g: nx.Graph, sample: int | None) -> list[Row]:
    rows = []
    ours, _ = timed(lambda: brokerage.structural_holes(net))
    t_c, _ = timed(lambda: nx.constraint(g, weight="weight"))
    t_e, _ = timed(lambda: nx.effective_size(g, weight="weight"))
    rows.append(
        Row(
            "constraint+effective size",
            ours,
            t_c + t_e,
            "NetworkX's fast path; its effective size is wrong when weighted "
            "(networkx#8906), its correct per-node path far slower",
        )
    )
    # the pair-by-pair definition is cheap per node: a larger sample steadies the estimate
    nodes = random.Random(0).sample(list(g), min(50 * (sample or len(g)), len(g)))
    groups = {n: n[:6] for n in net.ids}
    ours, _ = timed(lambda: brokerage.brokerage_roles_by(net, {"a": groups, "b": groups}))
    directed = g.to_directed(as_view=True)
    picked = list(g) if sample is None else nodes
    t_r, _ = timed(lambda: _roles_for(directed, groups, picked))
    rows.append(
        Row(
            "brokerage roles (2 groupings)",
            ours,
            2 * t_r * g.number_of_nodes() / len(picked),
            "reference: the definition pair by pair" + ("" if sample is None else ", extrapolated"),
        )
    )
    rows.append(
        Row(
            "louvain",
            timed(lambda: communities.louvain(net))[0],
            timed(lambda: nx.community.louvain_communities(g, weight="weight", seed=0))[0],
        )
    )
    rows.append(
        Row(
            "cut points + bridges",
            timed(lambda: weakpoints.cuts_and_bridges(net))[0],
            timed(lambda: (list(nx.articulation_points(g)), list(nx.bridges(g))))[0],
        )
    )
    return rows


def _roles_for(graph: nx.DiGraph, groups: dict[str, str], nodes: list[str]) -> None:
    for b in nodes:
        succ = set(graph.successors(b))
        for a in graph.predecessors(b):
            for c in succ:
                if a != c and not graph.has_edge(a, c):
                    brokerage._role(groups[a], groups[b], groups[c])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=30.0)
    parser.add_argument("--no-networkx", action="store_true", help="skip the NetworkX timings")
    args = parser.parse_args()
    shipped()
    synthetic(args.scale, not args.no_networkx)


if __name__ == "__main__":
    main()
