"""Projections of the typed graph: the body–body network of chosen layers, and friends.

**The cooperation network** (:func:`cooperation_network`) links two *bodies*
(public bodies, associations, IT providers: ``Node.body`` in the schema) that are
tied in one of the chosen **layers** (default
:data:`~ozggraph.schema.layers.DEFAULT_LAYERS`: ``cooperation`` and ``reuse``);
the weight of a link is the sum of its ties' weights, each 1/(n−1) for a context
of n bodies (Newman 2001; the tie rule and the weighting:
:mod:`ozggraph.network.ties`). The network holds every body with at least one tie
in those layers, also those whose only partner lies outside a Land filter. Like
every entry point, the functions here take a graph not yet placed in time in its
latest state (ended facts left out; :func:`~ozggraph.network.filters.in_state`).

>>> import ozggraph
>>> G = ozggraph.load_graph(MINI)
>>> C = cooperation_network(G)
>>> sorted(C.edges(data="weight"))[:2]
[('ags-06531005', 'ags-06532023', 1.0), ('ags-06531005', 'ekom21', 0.5)]
>>> C.graph["layers"], C.graph["weighting"]
(['cooperation', 'reuse'], 'newman')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ozggraph.network.filters import in_state
from ozggraph.network.sparse import Projection
from ozggraph.network.territory import Territory
from ozggraph.network.ties import CONTEXTS, TieIndex
from ozggraph.schema import EDGE_TYPES
from ozggraph.schema.layers import LAYERS, check_layers


def cooperation_projection(
    graph: nx.MultiDiGraph,
    *,
    land: str | None = None,
    ties: TieIndex | None = None,
    layers: Iterable[str] | str | None = None,
    weighting: str = "newman",
    factors: Mapping[str, float] | None = None,
) -> Projection:
    """The network of ``layers`` (see the module docstring) as a sparse :class:`Projection`.

    ``land`` keeps only links with at least one end in that Land (use it on a
    :func:`~ozggraph.network.filters.restrict_to_land` view). ``ties`` may be
    passed when a :class:`TieIndex` of ``graph`` is at hand. ``weighting``:
    ``newman`` (default) or ``count`` (each tie 1); ``factors``: a weight per layer
    (default 1), for robustness checks.
    """
    if ties is None:
        graph = in_state(graph)
        ties = TieIndex(graph)
    chosen = check_layers(layers)  # type: ignore[arg-type]
    n = len(ties.body_ids)
    weights = sp.csr_array((n, n))
    for layer in chosen:
        factor = 1.0 if factors is None else factors.get(layer, 1.0)
        if factor:
            weights = weights + factor * ties.matrix(layer, weighting=weighting)
    weights = sp.csr_array(weights)
    weights.eliminate_zeros()
    keep = np.flatnonzero(np.diff(weights.indptr) > 0)
    meta: dict[str, object] = {k: graph.graph[k] for k in ("as_of", "land") if k in graph.graph}
    meta.update(layers=list(chosen), weighting=weighting)
    projection = Projection(
        [ties.body_ids[i] for i in keep], sp.csr_array(weights[keep][:, keep]), meta
    )
    return _keep_land(projection, ties.territory, land) if land else projection


def dependence_projection(ties: TieIndex, layer: str, ids: list[str] | None = None) -> Projection:
    """One directed layer as a :class:`Projection` whose matrix points from the body that
    depends to the one depended on (user → maker, recipient → funder, client → provider),
    so PageRank on it ranks who others depend on. An undirected layer stays symmetric.

    ``ids``: keep only these bodies (e.g. a Land's network), in this order.
    """
    spec = LAYERS[layer]
    matrix = ties.matrix(layer, directed=spec.directed)
    if spec.depended_on == "source":
        matrix = sp.csr_array(matrix.T)
    if ids is None:
        keep = np.flatnonzero((np.diff(matrix.indptr) > 0) | (np.diff(matrix.tocsc().indptr) > 0))
        ids = [ties.body_ids[i] for i in keep]
    else:
        keep = np.array([ties.body_index[b] for b in ids if b in ties.body_index], dtype=np.int64)
        ids = [ties.body_ids[i] for i in keep]
    return Projection(ids, sp.csr_array(matrix[keep][:, keep]), {"layers": [layer]})


def link_layers(projection: Projection, ties: TieIndex) -> dict[str, list[str]]:
    """``"u|v"`` (u < v) → the layers (of the projection's) in which u and v are tied.

    Sparse: one matrix whose entries carry one bit per layer, read at the links.
    """
    asked = projection.meta.get("layers", list(LAYERS))
    chosen = [layer for layer in LAYERS if layer in asked]  # type: ignore[operator]
    keep = np.array([ties.body_index[b] for b in projection.ids], dtype=np.int64)
    bits = sp.csr_array((len(keep), len(keep)))
    for k, layer in enumerate(chosen):
        pattern = sp.csr_array(ties.matrix(layer)[keep][:, keep])
        pattern.data[:] = float(1 << k)
        bits = bits + pattern
    bits = sp.csr_array(sp.triu(projection.pattern.multiply(bits), k=1))
    coo = bits.tocoo()
    ids, names = projection.ids, {}
    result: dict[str, list[str]] = {}
    for i, j, code in zip(
        coo.row.tolist(), coo.col.tolist(), coo.data.astype(int).tolist(), strict=True
    ):
        if code not in names:
            names[code] = [layer for k, layer in enumerate(chosen) if code >> k & 1]
        a, b = sorted((ids[i], ids[j]))
        result[f"{a}|{b}"] = names[code]
    return result


def _keep_land(projection: Projection, territory: Territory, land: str) -> Projection:
    """Drop ties between two bodies outside ``land``, then bodies outside left without ties."""
    inside = np.array([territory.land(b) == land for b in projection.ids], dtype=bool)
    outside = sp.diags_array((~inside).astype(np.float64))
    weights = sp.csr_array(projection.weights - outside @ projection.weights @ outside)
    weights.eliminate_zeros()
    keep = np.flatnonzero(inside | (np.diff(weights.indptr) > 0))
    kept = sp.csr_array(weights[keep][:, keep])
    meta = {**projection.meta, "land": land}
    return Projection([projection.ids[i] for i in keep], kept, meta)


def cooperation_network(
    graph: nx.MultiDiGraph,
    *,
    land: str | None = None,
    layers: Iterable[str] | str | None = None,
    ties: TieIndex | None = None,
) -> nx.Graph:
    """The network of ``layers`` as a :class:`networkx.Graph` with edge attribute ``weight``.

    Nodes carry ``label``, ``name`` and ``land`` from the typed graph; the graph
    attributes name the ``layers`` and the ``weighting``.
    """
    if ties is None:
        graph = in_state(graph)
        ties = TieIndex(graph)
    network = cooperation_projection(graph, land=land, ties=ties, layers=layers).to_networkx()
    for node in network:
        attrs = graph.nodes[node]
        network.nodes[node].update(
            label=attrs["label"], name=attrs.get("name", node), land=ties.territory.land(node)
        )
    return network


def bipartite_network(
    graph: nx.MultiDiGraph, contexts: Iterable[str] = ("Cooperation",)
) -> nx.Graph:
    """Bodies (``bipartite=0``) linked to the contexts they take part in (``bipartite=1``).

    ``contexts`` picks the context labels (``Cooperation``, ``Programme``, ``Solution``).
    Edges carry ``tie``, the schema's tie role of the relationships behind them
    (``Edge.tie``): ``member`` (of a Cooperation or Programme), ``maker`` (develops,
    operates or provides) or ``user`` (reuses). A Cooperation that is a member of
    another one appears through its member bodies.
    """
    wanted = set(contexts) & CONTEXTS
    ties = TieIndex(in_state(graph))
    network = nx.Graph()
    by_role = {
        "Cooperation": {EDGE_TYPES["MEMBER_OF"].tie: ties.members},
        "Programme": {EDGE_TYPES["PARTICIPATES_IN"].tie: ties.participants},
        "Solution": {
            EDGE_TYPES["DEVELOPS"].tie: ties.makers,
            EDGE_TYPES["REUSES"].tie: ties.reusers,
        },
    }
    for label in sorted(wanted):
        for role, buckets in by_role[label].items():
            for ctx in sorted(buckets):
                network.add_node(ctx, bipartite=1, label=label)
                for body in ties.bodies(buckets[ctx] if label != "Cooperation" else [ctx]):
                    network.add_node(body, bipartite=0, label=ties.labels[body])
                    network.add_edge(body, ctx, tie=role)
    return network


def typed_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """The full typed graph as a simple undirected graph (Sources left out).

    Edge ``weight`` is the number of relationships between the pair and
    ``types`` their sorted relationship types.
    """
    network = nx.Graph()
    network.add_nodes_from((n, a) for n, a in graph.nodes(data=True) if a.get("label") != "Source")
    for u, v, t in graph.edges(data="type"):
        if u in network and v in network:
            data = network.get_edge_data(u, v)
            if data is None:
                network.add_edge(u, v, weight=1, types=[t])
            else:
                data["weight"] += 1
                data["types"] = sorted({*data["types"], t})
    return network
