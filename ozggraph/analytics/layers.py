"""Rankings per layer, and how robust the default ranking is under other weightings.

**Per layer** (:func:`layer_rankings`): the leading bodies of each layer of
:data:`~ozggraph.schema.layers.LAYERS` by PageRank. In a directed layer the ranking
follows dependence (user → maker, recipient → funder, client → provider), so the
body many others depend on leads (the hosting hub in ``service``); undirected
layers rank on the symmetric network.

**Robustness** (:func:`robustness`): the PageRank ranking of the chosen layers is
recomputed under a documented set of alternative weightings (:func:`alternatives`):
every tie counted 1 instead of 1/(n−1); each chosen layer weighted twice; money added
at half weight. For each, the share of the top 10 kept and Kendall's τ-b over the
bodies in both networks (:func:`kendall_tau`: the same numbers as
``scipy.stats.kendalltau``, whose import alone costs a report 0.3–3 s). A finding that holds
under all of them rests on the data, not on one weighting.

**Two-mode** (:func:`contexts_that_bridge`): in the affiliation network bodies ×
contexts (Borgatti & Everett 1997), the betweenness of a *context* says which joint
body, programme or solution lies between otherwise separate bodies – a question the
body–body projection cannot ask, since contexts vanish in it.

>>> import ozggraph
>>> from ozggraph.network.ties import TieIndex
>>> ties = TieIndex(ozggraph.load_graph(MINI))
>>> [r["id"] for r in layer_rankings(ties, top=1)["cooperation"]["leading"]]
['ags-06531005']
>>> sorted(alternatives(("cooperation", "reuse")))
['cooperation ×2', 'money added at ½', 'reuse ×2', 'ties counted 1 (no size weighting)']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from ozggraph.analytics.centrality import pagerank
from ozggraph.network.projections import cooperation_projection, dependence_projection
from ozggraph.network.ties import TieIndex
from ozggraph.schema.layers import LAYERS, check_layers, ranks_shares

#: Bodies listed per layer and compared in the robustness check.
TOP = 10
#: Above this many contexts plus bodies, the two-mode betweenness is left out (NetworkX).
TWO_MODE_MAX_NODES = 6000


def layer_rankings(
    ties: TieIndex,
    *,
    lands: Mapping[str, str] | None = None,
    land: str | None = None,
    top: int = TOP,
) -> dict[str, dict[str, Any]]:
    """Per layer: its size and its ``top`` bodies by PageRank (directed along dependence).

    ``land``: list only bodies of that Land (``lands``: the Land of each body).
    """
    result = {}
    for layer, spec in LAYERS.items():
        net = dependence_projection(ties, layer)
        rank = pagerank(net, shares=ranks_shares((layer,))) if net.n else {}
        listed = [b for b in rank if land is None or (lands or {}).get(b) == land]
        ordered = sorted(listed, key=lambda b: (-rank[b], b))[:top]
        result[layer] = {
            "meaning": spec.meaning,
            "direction": spec.direction,
            "measure": _measure(layer),
            "bodies": net.n,
            "links": int(net.pattern.maximum(net.pattern.T).nnz // 2) if net.n else 0,
            "leading": [
                {
                    "id": b,
                    "name": ties.graph.nodes[b].get("name", b),
                    "land": (lands or {}).get(b),
                    "pagerank": rank[b],
                }
                for b in ordered
            ],
        }
    return result


def _measure(layer: str) -> str:
    """How a layer is ranked, in words.

    >>> _measure("money")
    'PageRank along dependence (funder → recipient: the funder leads)'
    """
    spec = LAYERS[layer]
    if spec.direction is None:
        return "PageRank"
    source, target = spec.direction.split(" → ")
    leads = source if spec.depended_on == "source" else target
    return f"PageRank along dependence ({spec.direction}: the {leads} leads)"


def alternatives(layers: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The documented alternative weightings of the network of ``layers``."""
    chosen = check_layers(tuple(layers))
    alts: dict[str, dict[str, Any]] = {
        "ties counted 1 (no size weighting)": {"weighting": "count"},
    }
    if len(chosen) > 1:
        for layer in chosen:
            alts[f"{layer} ×2"] = {"factors": {layer: 2.0}}
    if "money" not in chosen:
        alts["money added at ½"] = {"layers": (*chosen, "money"), "factors": {"money": 0.5}}
    return alts


def robustness(
    graph: nx.MultiDiGraph,
    ties: TieIndex,
    ranking: Mapping[str, float],
    *,
    layers: Iterable[str],
    land: str | None = None,
    top: int = TOP,
) -> dict[str, Any]:
    """How the PageRank ranking ``ranking`` of ``layers`` holds under :func:`alternatives`.

    Per alternative: ``top_overlap`` (share of the top ``top`` kept), ``kendall_tau``
    over the bodies of both networks, and the bodies that enter and leave the top.
    """
    chosen = check_layers(tuple(layers))
    base_top = _top(ranking, top)
    rows: list[dict[str, Any]] = []
    for name, spec in alternatives(chosen).items():
        net = cooperation_projection(
            graph,
            land=land,
            ties=ties,
            layers=spec.get("layers", chosen),
            weighting=spec.get("weighting", "newman"),
            factors=spec.get("factors"),
        )
        other = pagerank(net, shares=ranks_shares(spec.get("layers", chosen)))
        common = [b for b in ranking if b in other]
        tau = (
            kendall_tau([ranking[b] for b in common], [other[b] for b in common])
            if len(common) > 1
            else float("nan")
        )
        other_top = _top(other, top)
        rows.append(
            {
                "alternative": name,
                "top_overlap": len(set(base_top) & set(other_top)) / max(len(base_top), 1),
                "kendall_tau": tau,
                "entering": [b for b in other_top if b not in base_top],
                "leaving": [b for b in base_top if b not in other_top],
            }
        )
    overlaps = [float(r["top_overlap"]) for r in rows]
    taus = [float(r["kendall_tau"]) for r in rows]
    return {
        "measure": "pagerank",
        "top": top,
        "weakest_overlap": min(overlaps, default=1.0),
        "weakest_tau": min((t for t in taus if t == t), default=float("nan")),  # nan: no τ
        "alternatives": rows,
    }


def kendall_tau(x: Iterable[float], y: Iterable[float]) -> float:
    """Kendall's τ-b of two rankings, in O(n log² n) (Knight 1966: discordant pairs
    counted as inversions while merge-sorting).

    >>> kendall_tau([1, 2, 3, 4], [1, 2, 3, 4]), kendall_tau([1, 2, 3], [3, 2, 1])
    (1.0, -1.0)
    >>> round(kendall_tau([1, 2, 2, 3], [1, 3, 2, 2]), 4)  # ties: τ-b
    0.4
    """
    a, b = np.asarray(list(x), dtype=np.float64), np.asarray(list(y), dtype=np.float64)
    n = len(a)
    if n < 2:
        return float("nan")
    rx = np.unique(a, return_inverse=True)[1].astype(np.int64)
    ry = np.unique(b, return_inverse=True)[1].astype(np.int64)
    order = np.lexsort((ry, rx))
    rx, ry = rx[order], ry[order]

    def tied(*keys: np.ndarray) -> int:
        flat = keys[0] if len(keys) == 1 else keys[0] * (n + 1) + keys[1]
        counts = np.unique(flat, return_counts=True)[1]
        return int((counts * (counts - 1) // 2).sum())

    total = n * (n - 1) // 2
    xtie, ytie, both = tied(rx), tied(ry), tied(rx, ry)
    discordant, values, width = 0, ry.copy(), 1
    position = np.arange(n)
    while width < n:
        pair, right = position // (2 * width), (position // width) % 2 == 1
        left_keys = pair[~right] * (n + 1) + values[~right]  # sorted: blocks are sorted
        probe = pair[right] * (n + 1) + values[right]
        ends = np.searchsorted(left_keys, (pair[right] + 1) * (n + 1))
        discordant += int((ends - np.searchsorted(left_keys, probe, side="right")).sum())
        values = values[np.argsort(pair * (n + 1) + values, kind="stable")]
        width *= 2
    denominator = np.sqrt(float(total - xtie) * float(total - ytie))
    if denominator == 0:
        return float("nan")
    return float((total - xtie - ytie + both - 2 * discordant) / denominator)


def _top(ranking: Mapping[str, float], top: int) -> list[str]:
    return sorted(ranking, key=lambda b: (-ranking[b], b))[:top]


def _two_mode_betweenness(two_mode: nx.Graph, contexts: set[str]) -> dict[str, float] | None:
    """Betweenness of the ``contexts`` of a two-mode network, normalised by its two-mode
    maximum (Borgatti & Everett 1997; the numbers of ``networkx.bipartite.
    betweenness_centrality``, whose pure-Python search took 24 s on the shipped data).

    Every pair of nodes counts once and every end weighs 1 (classic betweenness), so
    igraph's Brandes search in C computes it: 0.4 s with the batched sparse search of
    :mod:`ozggraph.analytics.paths`, a few milliseconds here.

    >>> cycle = nx.cycle_graph(4)
    >>> _two_mode_betweenness(cycle, {1, 2})
    {1: 0.25, 2: 0.25}
    """
    from ozggraph.network.igraph_import import ig

    n, m = len(contexts), two_mode.number_of_nodes() - len(contexts)
    if n == 0 or m == 0:
        return None
    s, t = divmod(n - 1, m)
    most = ((m**2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2
    if most == 0:
        return None
    index = {v: i for i, v in enumerate(two_mode)}
    edges = [(index[u], index[v]) for u, v in two_mode.edges()]
    between = ig.Graph(n=len(index), edges=edges).betweenness(directed=False)
    return {v: float(between[i]) / most for v, i in index.items() if v in contexts}


def contexts_that_bridge(
    ties: TieIndex, *, layers: Iterable[str], top: int = TOP
) -> dict[str, Any]:
    """Two-mode betweenness (Borgatti & Everett) of the contexts of ``layers``.

    The affiliation network links each body to each context it is tied through; the
    contexts with the highest two-mode betweenness join bodies no other context
    joins. Left out (``skipped``) above :data:`TWO_MODE_MAX_NODES` nodes.
    """
    chosen = set(check_layers(tuple(layers)))
    picked = [c for c in ties.contexts if c.layer in chosen]
    size = len({c.made_of[0] for c in picked}) + len(
        {b for c in picked for b in (*c.members, *c.tails, *c.heads)}
    )
    if size > TWO_MODE_MAX_NODES:
        return {"skipped": size, "leading": []}
    two_mode = nx.Graph()
    contexts: set[str] = set()
    for context in picked:
        node = f"{context.layer}:{context.made_of[0]}"  # a solution's two contexts are one
        contexts.add(node)
        two_mode.add_node(node, context=context.made_of[0], layer=context.layer)
        for body in sorted({*context.members, *context.tails, *context.heads}):  # one order
            two_mode.add_edge(body, node)
    between = _two_mode_betweenness(two_mode, contexts)
    if between is None:  # Borgatti–Everett normalisation needs both sides
        return {"skipped": None, "leading": []}
    ordered = sorted(contexts, key=lambda c: (-between[c], c))[:top]
    names = ties.graph.nodes
    return {
        "skipped": None,
        "leading": [
            {
                "context": two_mode.nodes[c]["context"],
                "name": names[two_mode.nodes[c]["context"]].get(
                    "name", two_mode.nodes[c]["context"]
                )
                if two_mode.nodes[c]["context"] in names
                else two_mode.nodes[c]["context"],
                "layer": two_mode.nodes[c]["layer"],
                "bodies": two_mode.degree(c),
                "betweenness": between[c],
            }
            for c in ordered
            if between[c] > 0
        ],
    }
