"""Weak points: where the cooperation network, or a service many rely on, hangs on one body.

* :func:`cut_points` – articulation points: bodies whose loss splits the
  network, with how many bodies would be cut off from the rest.
* :func:`bridges` – links whose loss splits the network, with the size of the
  smaller side.
* :func:`single_operator_solutions` – Solutions operated by exactly one body,
  with the bodies that reuse them.

Both graph measures come from one depth-first search (Hopcroft & Tarjan 1973)
over the sparse matrix, equal to ``nx.articulation_points`` and ``nx.bridges``.

>>> import networkx as nx
>>> path = nx.path_graph(["a", "b", "c", "d"])
>>> cut_points(path)
{'b': 1, 'c': 1}
>>> [(b["u"], b["v"], b["smaller_side"]) for b in bridges(path)]
[('a', 'b', 1), ('b', 'c', 2), ('c', 'd', 1)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ozggraph.analytics.network import Network, Projection, as_projection
from ozggraph.analytics.ties import TieIndex

_LIVE = frozenset({"connected", "live"})


@dataclass
class _Search:
    """Discovery times, low points and subtree sizes of one DFS forest."""

    cut_pieces: dict[int, list[int]] = field(default_factory=dict)
    bridges: list[tuple[int, int, int]] = field(default_factory=list)  # parent, child, subtree
    component_size: dict[int, int] = field(default_factory=dict)  # node -> size of its component


def _search(net: Projection) -> _Search:
    n = net.n
    indptr, indices = net.weights.indptr.tolist(), net.weights.indices.tolist()
    disc, low, size, parent = [-1] * n, [0] * n, [1] * n, [-1] * n
    nxt = indptr[:-1]
    result, clock = _Search(), 0
    for root in range(n):
        if disc[root] != -1:
            continue
        disc[root] = low[root] = clock
        clock += 1
        stack, members = [root], [root]
        while stack:
            v = stack[-1]
            if nxt[v] < indptr[v + 1]:
                w = indices[nxt[v]]
                nxt[v] += 1
                if disc[w] == -1:
                    parent[w], disc[w], low[w] = v, clock, clock
                    clock += 1
                    stack.append(w)
                    members.append(w)
                elif w != parent[v] and disc[w] < low[v]:
                    low[v] = disc[w]
                continue
            stack.pop()
            p = parent[v]
            if p < 0:
                continue
            low[p] = min(low[p], low[v])
            size[p] += size[v]
            if low[v] >= disc[p]:
                result.cut_pieces.setdefault(p, []).append(size[v])
            if low[v] > disc[p]:
                result.bridges.append((p, v, size[v]))
        for node in members:
            result.component_size[node] = len(members)
        root_pieces = result.cut_pieces.get(root)
        if root_pieces is not None and len(root_pieces) < 2:
            del result.cut_pieces[root]  # a root with one child is no cut point
    return result


def cuts_and_bridges(network: Network) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """:func:`cut_points` and :func:`bridges` from a single search."""
    net = as_projection(network)
    found = _search(net)
    return _cut_points(net, found), _bridges(net, found)


def cut_points(network: Network) -> dict[Any, int]:
    """Articulation points → bodies cut off from the largest remaining part if they go."""
    net = as_projection(network)
    return _cut_points(net, _search(net))


def _cut_points(net: Projection, found: _Search) -> dict[Any, int]:
    result = {}
    for node, pieces in found.cut_pieces.items():
        rest = found.component_size[node] - 1 - sum(pieces)
        result[net.ids[node]] = found.component_size[node] - 1 - max(*pieces, rest)
    return dict(sorted(result.items()))


def bridges(network: Network) -> list[dict[str, Any]]:
    """Bridges as ``{"u", "v", "weight", "smaller_side"}``, sorted by ``u``, ``v``."""
    net = as_projection(network)
    return _bridges(net, _search(net))


def _bridges(net: Projection, found: _Search) -> list[dict[str, Any]]:
    rows = []
    for p, v, below in found.bridges:
        u, w = sorted((net.ids[p], net.ids[v]))
        side = min(below, found.component_size[p] - below)
        rows.append({"u": u, "v": w, "weight": float(net.weights[p, v]), "smaller_side": side})
    return sorted(rows, key=lambda r: (r["u"], r["v"]))


def single_operator_solutions(
    graph: nx.MultiDiGraph, *, ties: TieIndex | None = None
) -> list[dict[str, Any]]:
    """Solutions with exactly one operating body, most reusers first.

    ``reusers`` counts distinct bodies reusing the solution (a Cooperation counts
    as its members); ``live`` those at stage ``connected`` or ``live``;
    ``operator_evidence`` how sure the operation is (``planned`` operation is no fact).
    """
    ties = TieIndex(graph) if ties is None else ties
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
                "operator_evidence": ", ".join(
                    sorted(
                        {
                            str(a.get("evidence"))
                            for _, _, a in graph.in_edges(solution, data=True)
                            if a["type"] == "OPERATES"
                        }
                    )
                ),
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
