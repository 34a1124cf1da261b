"""Projections of the typed graph: the actor–actor cooperation network and friends.

**The cooperation network** (:func:`cooperation_network`) links two *bodies*
(public bodies, associations, IT providers: ``BODIES`` of the schema) and
weighs the link by the number of ties they share. A tie is one of:

* **cooperation** – both are ``MEMBER_OF`` the same Cooperation (+1 per Cooperation);
* **programme** – both ``PARTICIPATES_IN`` the same Programme (+1 per Programme);
* **solution** – for each Solution: its makers (``DEVELOPS``/``OPERATES``/``PROVIDES``)
  with each other, and each maker with each body that ``REUSES`` it (+1 per
  Solution). Two bodies that merely reuse the same product are *not* linked:
  buying the same software is not working together, and a platform with 400
  users would otherwise add 80,000 links and drown every other signal;
* **funding** – funder and recipient of a ``FUNDS`` relationship (+1 per grant).
  Money paid by a Programme ties its funders to the recipient; money paid to a
  Solution ties the funder to its makers;
* **association / IT provider** – a body and an Association or IT provider it is a
  current ``MEMBER_OF`` (+1): Träger, member, founding member, Gesellschafter, member
  area; the members of one association or provider are not linked to each other for
  the same reason. A ``former member`` or a planned accession is no tie;
* **service** – a body and the provider (or Kreis) it is ``SERVED_BY`` (+1 per
  service: customer, hosting of one application, support, agreement).

A Cooperation that is itself a member, participant, maker, reuser or recipient
stands for its member bodies (recursively). The network holds every body with
at least one tie context, also those whose only partner lies outside a filter.

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

from ozggraph.analytics.filters import CONTEXTS
from ozggraph.analytics.network import Projection, from_pairs
from ozggraph.analytics.territory import land_of
from ozggraph.analytics.ties import TieIndex


def _groups(ties: TieIndex) -> Iterable[list[str]]:
    """Sets of bodies tied pairwise: co-members, co-participants, co-makers."""
    for coop in sorted(ties.members):
        yield ties.bodies([coop])
    for prog in sorted(ties.participants):
        yield ties.bodies(ties.participants[prog])
    for sol in sorted(ties.makers):
        yield ties.bodies(ties.makers[sol])


def _stars(ties: TieIndex) -> Iterable[tuple[list[str], list[str]]]:
    """(hubs, spokes): each hub tied once to each spoke."""
    for sol in sorted(ties.reusers):
        makers = ties.bodies(ties.makers.get(sol, ()))
        made = set(makers)
        yield makers, [b for b in ties.bodies(ties.reusers[sol]) if b not in made]
    payers_of: dict[str, list[str]] = {}
    for u, v, _, _ in ties.funds:
        if u not in payers_of:
            payers_of[u] = ties.funders(u)
        label = ties.labels.get(v)
        if label == "Solution":
            yield payers_of[u], ties.bodies(ties.makers.get(v, ()))
        elif label != "Programme":
            yield payers_of[u], ties.bodies([v])
    for member, association in ties.associations:
        yield ties.bodies([member]), ties.bodies([association])
    for client, provider in ties.services:
        yield ties.bodies([client]), ties.bodies([provider])


def cooperation_projection(
    graph: nx.MultiDiGraph, *, land: str | None = None, ties: TieIndex | None = None
) -> Projection:
    """The cooperation network (see the module docstring) as a sparse :class:`Projection`.

    ``land`` keeps only ties with at least one end in that Land (use it on a
    :func:`~ozggraph.analytics.filters.restrict_to_land` view). ``ties`` may be
    passed when a :class:`TieIndex` of ``graph`` is at hand.
    """
    ties = TieIndex(graph) if ties is None else ties
    groups = [g for g in _groups(ties) if g]
    stars = [(h, s) for h, s in _stars(ties) if h and s]
    seen = {b for g in groups for b in g} | {b for h, s in stars for b in (*h, *s)}
    ids = sorted(seen)
    index = {b: i for i, b in enumerate(ids)}
    weights = _clique_weights(ids, index, groups) + _star_weights(ids, index, stars)
    weights = sp.csr_array(weights)
    weights.setdiag(0)
    weights.eliminate_zeros()
    meta: dict[str, object] = {k: graph.graph[k] for k in ("as_of", "land") if k in graph.graph}
    projection = Projection(ids, weights, meta)
    return _keep_land(projection, graph, land) if land else projection


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


def _keep_land(projection: Projection, graph: nx.MultiDiGraph, land: str) -> Projection:
    """Drop ties between two bodies outside ``land``, then bodies outside left without ties."""
    lands = land_of(graph)
    inside = np.array([lands.get(b) == land for b in projection.ids])
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
    network = cooperation_projection(graph, land=land).to_networkx()
    lands = land_of(graph)
    for node in network:
        attrs = graph.nodes[node]
        network.nodes[node].update(
            label=attrs["label"], name=attrs.get("name", node), land=lands.get(node)
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
    ties = TieIndex(graph)
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
