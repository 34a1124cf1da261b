"""Projections of the typed graph: the body–body cooperation network and friends.

**The cooperation network** (:func:`cooperation_network`) links two *bodies*
(public bodies, associations, IT providers: ``Node.body`` in the schema) and
weighs the link by the number of ties they share; what a tie is, and what it is
made of, is the tie rule of :mod:`ozggraph.network.ties` (shared cooperation,
programme or solution, money, current membership of an association or IT provider,
service). The network holds every body with at least one tie, also those whose only
partner lies outside a filter. Like every entry point, the functions here take a
graph not yet placed in time in its latest state (ended facts left out;
:func:`~ozggraph.network.filters.in_state`).

>>> import ozggraph
>>> G = ozggraph.load_graph("tests/fixtures/mini")
>>> C = cooperation_network(G)
>>> sorted(C.edges(data="weight"))[:2]
[('ags-06531005', 'ags-06532023', 1.0), ('ags-06531005', 'ekom21', 1.0)]
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ozggraph.network.filters import in_state
from ozggraph.network.sparse import Projection, from_pairs
from ozggraph.network.territory import Territory
from ozggraph.network.ties import CONTEXTS, TieIndex


def cooperation_projection(
    graph: nx.MultiDiGraph, *, land: str | None = None, ties: TieIndex | None = None
) -> Projection:
    """The cooperation network (see the module docstring) as a sparse :class:`Projection`.

    ``land`` keeps only ties with at least one end in that Land (use it on a
    :func:`~ozggraph.network.filters.restrict_to_land` view). ``ties`` may be
    passed when a :class:`TieIndex` of ``graph`` is at hand.
    """
    if ties is None:
        graph = in_state(graph)
        ties = TieIndex(graph)
    groups = [list(t.members) for t in ties.ties if t.members]
    stars = [(list(t.hubs), list(t.spokes)) for t in ties.ties if not t.members]
    seen = {b for g in groups for b in g} | {b for h, s in stars for b in (*h, *s)}
    ids = sorted(seen)
    index = {b: i for i, b in enumerate(ids)}
    weights = _clique_weights(ids, index, groups) + _star_weights(ids, index, stars)
    weights = sp.csr_array(weights)
    weights.setdiag(0)
    weights.eliminate_zeros()
    meta: dict[str, object] = {k: graph.graph[k] for k in ("as_of", "land") if k in graph.graph}
    projection = Projection(ids, weights, meta)
    return _keep_land(projection, ties.territory, land) if land else projection


def _clique_weights(ids: list[str], index: dict[str, int], groups: list[list[str]]) -> sp.csr_array:
    """B·Bᵀ for the body × group incidence B: one count per shared group."""
    rows = np.fromiter((index[b] for g in groups for b in g), dtype=np.int64)
    cols = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    incidence = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(ids), len(groups)))
    return sp.csr_array(incidence @ incidence.T)


def _star_weights(
    ids: list[str], index: dict[str, int], stars: list[tuple[list[str], list[str]]]
) -> sp.csr_array:
    rows, cols = [], []
    for hubs, spokes in stars:
        for h in hubs:
            hi = index[h]
            for s in spokes:
                if s != h:
                    rows.append(hi)
                    cols.append(index[s])
    return from_pairs(ids, np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))


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


def cooperation_network(graph: nx.MultiDiGraph, *, land: str | None = None) -> nx.Graph:
    """The cooperation network as a :class:`networkx.Graph` with edge attribute ``weight``.

    Nodes carry ``label``, ``name`` and ``land`` from the typed graph.
    """
    graph = in_state(graph)
    ties = TieIndex(graph)
    network = cooperation_projection(graph, land=land, ties=ties).to_networkx()
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
    Edges carry ``type``: ``MEMBER_OF``, ``PARTICIPATES_IN``, ``REUSES`` or ``MAKES``
    (develops, operates or provides). A Cooperation that is a member of another
    one appears through its member bodies.
    """
    wanted = set(contexts) & CONTEXTS
    ties = TieIndex(in_state(graph))
    network = nx.Graph()
    by_type = {
        "Cooperation": {"MEMBER_OF": ties.members},
        "Programme": {"PARTICIPATES_IN": ties.participants},
        "Solution": {"MAKES": ties.makers, "REUSES": ties.reusers},
    }
    for label in sorted(wanted):
        for rel_type, buckets in by_type[label].items():
            for ctx in sorted(buckets):
                network.add_node(ctx, bipartite=1, label=label)
                for body in ties.bodies(buckets[ctx] if label != "Cooperation" else [ctx]):
                    network.add_node(body, bipartite=0, label=ties.labels[body])
                    network.add_edge(body, ctx, type=rel_type)
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
