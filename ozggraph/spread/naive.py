"""Textbook cascades, one run at a time over a NetworkX graph.

The obvious implementation: the benchmark baseline of :mod:`bench.spread` and
the oracle the vectorised kernels are tested against. Same models, same
probabilities as :mod:`ozggraph.spread.simulate`; different random streams, so
they agree in distribution, not run by run.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

import networkx as nx
import scipy.sparse as sp

from ozggraph.spread.cascade_network import Network


def to_graph(net: Network) -> nx.Graph:
    """The cooperation network as an undirected NetworkX graph with ``weight``."""
    graph = nx.Graph()
    graph.add_nodes_from(net.ids)
    upper = sp.triu(net.adjacency, k=1).tocoo()
    graph.add_weighted_edges_from(
        (net.ids[i], net.ids[j], float(w))
        for i, j, w in zip(upper.row, upper.col, upper.data, strict=True)
    )
    return graph


def independent_cascade(
    graph: nx.Graph, seeds: Iterable[str], runs: int, seed: int, p: float
) -> list[set[str]]:
    """Adopter sets of ``runs`` Independent Cascades (edge chance ``1 - (1-p)**weight``)."""
    rng = random.Random(seed)
    results = []
    for _ in range(runs):
        active = set(seeds)
        frontier = list(active)
        while frontier:
            fresh = []
            for u in frontier:
                for v, data in graph[u].items():
                    if v not in active and rng.random() < 1.0 - (1.0 - p) ** data["weight"]:
                        active.add(v)
                        fresh.append(v)
            frontier = fresh
        results.append(active)
    return results


def linear_threshold(
    graph: nx.Graph,
    seeds: Iterable[str],
    runs: int,
    seed: int,
    thresholds: dict[str, float] | None = None,
) -> list[set[str]]:
    """Adopter sets of ``runs`` Linear Threshold cascades (weights ``w_uv / sum_u w_uv``)."""
    rng = random.Random(seed)
    strength = dict(graph.degree(weight="weight"))
    results = []
    for _ in range(runs):
        theta = thresholds or {v: 1.0 - rng.random() for v in graph}
        active = set(seeds)
        changed = True
        while changed:
            changed = False
            for v in graph:
                if v in active:
                    continue
                pressure = sum(d["weight"] for u, d in graph[v].items() if u in active)
                if pressure / strength[v] >= theta[v] - 1e-12 if strength[v] else False:
                    active.add(v)
                    changed = True
        results.append(active)
    return results
