"""Weak points: where the cooperation network, or a service many rely on, hangs on one body.

* :func:`cut_points` – articulation points: bodies whose loss splits the
  network, with how many bodies would be cut off from the rest.
* :func:`bridges` – links whose loss splits the network, with the size of the
  smaller side.
* :func:`single_operator_solutions` – Solutions operated by exactly one body,
  with the bodies that reuse them.

Both graph measures come from igraph (a kept library: its C code finds cut points
and bridges ~6x faster than our former hand-written depth-first search on a
country-sized network); the sizes are read off the block-cut tree and the bridge
tree. They equal ``nx.articulation_points`` and ``nx.bridges``. igraph's routines are
linear in the links (Hopcroft–Tarjan); networkit's BiconnectedComponents is faster on
the kernel alone, but importing networkit costs seconds (it loads matplotlib and
pandas), more than the whole shipped report, so it is not a dependency.

>>> import networkx as nx
>>> path = nx.path_graph(["a", "b", "c", "d"])
>>> cut_points(path)
{'b': 1, 'c': 1}
>>> [(b["u"], b["v"], b["smaller_side"]) for b in bridges(path)]
[('a', 'b', 1), ('b', 'c', 2), ('c', 'd', 1)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from ozggraph.analytics.communities import to_igraph
from ozggraph.network.filters import in_state
from ozggraph.network.sparse import Network, Projection, as_projection
from ozggraph.network.ties import TieIndex

if TYPE_CHECKING:
    import igraph as ig
else:  # igraph without matplotlib (see the module)
    from ozggraph.network.igraph_import import ig

_LIVE = frozenset({"connected", "live"})


def cuts_and_bridges(network: Network) -> tuple[dict[Any, int], list[dict[str, Any]]]:
    """:func:`cut_points` and :func:`bridges` of one network."""
    net = as_projection(network)
    graph = to_igraph(net)
    return _cut_points(net, graph), _bridges(net, graph)


def cut_points(network: Network) -> dict[Any, int]:
    """Articulation points → bodies cut off from the largest remaining part if they go."""
    net = as_projection(network)
    return _cut_points(net, to_igraph(net))


def bridges(network: Network) -> list[dict[str, Any]]:
    """Bridges as ``{"u", "v", "weight", "smaller_side"}``, sorted by ``u``, ``v``."""
    net = as_projection(network)
    return _bridges(net, to_igraph(net))


def _cut_points(net: Projection, graph: ig.Graph) -> dict[Any, int]:
    """Sizes from the block-cut tree: blocks weigh their vertices that are no cut point."""
    blocks, cuts = graph.biconnected_components(return_articulation_points=True)
    if not cuts:
        return {}
    is_cut = np.zeros(net.n, dtype=bool)
    is_cut[cuts] = True
    # tree nodes: vertex v for a cut point, n + b for block b
    adjacency: dict[int, list[int]] = {}
    weight = {c: 1 for c in cuts}
    for b, block in enumerate(blocks):
        weight[net.n + b] = int((~is_cut[block]).sum())
        for v in block:
            if is_cut[v]:
                adjacency.setdefault(v, []).append(net.n + b)
                adjacency.setdefault(net.n + b, []).append(v)
    below, parent, total = _subtrees(adjacency, weight)
    result = {}
    for c in cuts:
        pieces = [below[t] for t in adjacency[c] if parent.get(t) == c]
        pieces.append(total[c] - below[c])  # the side above c (empty at the root)
        result[net.ids[c]] = total[c] - 1 - max(pieces)
    return dict(sorted(result.items()))


def _bridges(net: Projection, graph: ig.Graph) -> list[dict[str, Any]]:
    """Sizes from the bridge tree: 2-edge-connected parts joined by the bridges."""
    found = graph.bridges()
    if not found:
        return []
    chosen = graph.es[found]
    ends, weights = [e.tuple for e in chosen], chosen["weight"]  # = net.weights[u, v]
    rest = graph.copy()
    rest.delete_edges(found)
    part = np.asarray(rest.connected_components().membership)
    sizes = np.bincount(part)
    adjacency: dict[int, list[int]] = {}
    for u, v in ends:
        adjacency.setdefault(int(part[u]), []).append(int(part[v]))
        adjacency.setdefault(int(part[v]), []).append(int(part[u]))
    below, parent, total = _subtrees(adjacency, {p: int(sizes[p]) for p in adjacency})
    rows = []
    for (u, v), weight in zip(ends, weights, strict=True):
        pu, pv = int(part[u]), int(part[v])
        child = pv if parent.get(pv) == pu else pu
        side = below[child]
        a, b = sorted((net.ids[u], net.ids[v]))
        rows.append(
            {
                "u": a,
                "v": b,
                "weight": float(weight),
                "smaller_side": min(side, total[child] - side),
            }
        )
    return sorted(rows, key=lambda r: (r["u"], r["v"]))


def _subtrees(
    adjacency: dict[int, list[int]], weight: dict[int, int]
) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Per node of a forest: weight of its subtree, its parent, weight of its whole tree."""
    below: dict[int, int] = {}
    parent: dict[int, int] = {}
    total: dict[int, int] = {}
    for root in sorted(adjacency):
        if root in below:
            continue
        order, stack = [], [root]
        parent[root] = -1
        below[root] = 0
        while stack:
            node = stack.pop()
            order.append(node)
            for nxt in adjacency[node]:
                if nxt not in below:
                    below[nxt] = 0
                    parent[nxt] = node
                    stack.append(nxt)
        for node in reversed(order):
            below[node] += weight[node]
            if parent[node] >= 0:
                below[parent[node]] += below[node]
        for node in order:
            total[node] = below[root]
    return below, parent, total


def single_operator_solutions(
    graph: nx.MultiDiGraph, *, ties: TieIndex | None = None
) -> list[dict[str, Any]]:
    """Solutions with exactly one operating body, most reusers first.

    ``reusers`` counts distinct bodies reusing the solution (a Cooperation counts
    as its members); ``live`` those at stage ``connected`` or ``live``;
    ``operator_evidence`` how sure the operation is (``planned`` operation is no fact).
    """
    ties = TieIndex(in_state(graph)) if ties is None else ties
    operators = {sol: set(ties.bodies(ops)) for sol, ops in ties.operators.items()}
    stages: dict[str, dict[str, str]] = {}
    for u, v, stage in ties.stages:
        if v in operators:
            for body in ties.bodies([u]):
                stages.setdefault(v, {})[body] = stage
    rows = []
    for solution, ops in operators.items():
        if len(ops) != 1:
            continue
        users = stages.get(solution, {})
        rows.append(
            {
                "solution": solution,
                "name": graph.nodes[solution].get("name", solution),
                "operator": next(iter(ops)),
                "reusers": len(users),
                "live": sum(1 for s in users.values() if s in _LIVE),
                "makers": len(ties.bodies(ties.makers.get(solution, ()))),
                "operator_evidence": ", ".join(sorted(ties.operator_evidence[solution])),
            }
        )
    return sorted(rows, key=lambda r: (-r["reusers"], r["solution"]))


def dependence_on_operators(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per operator: solutions it alone runs, and the reusers summed over them."""
    result: dict[str, dict[str, int]] = {}
    for row in rows:
        entry = result.setdefault(row["operator"], {"solutions": 0, "reusers": 0})
        entry["solutions"] += 1
        entry["reusers"] += row["reusers"]
    return dict(sorted(result.items(), key=lambda kv: (-kv[1]["reusers"], kv[0])))
