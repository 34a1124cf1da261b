"""What the explorer shows when a body is clicked: its ties, their sources, each link's layers.

>>> import ozggraph
>>> from ozggraph.analytics.summary import analyse
>>> G = ozggraph.load_graph("tests/fixtures/mini")
>>> facts = explorer_facts(G, analyse(G))
>>> facts["layers"]["ags-06531005|ags-06532023"]
['cooperation']
>>> [t["type"] for t in facts["ties"]["he-hmdis"]]
['FUNDS']
"""

from __future__ import annotations

import copy
from collections import defaultdict
from typing import Any

import networkx as nx
import scipy.sparse as sp

from ozggraph.analytics.summary import Analysis
from ozggraph.network.projections import cooperation_projection
from ozggraph.network.ties import TieIndex
from ozggraph.tables import tie_rows

#: Which buckets of the :class:`TieIndex` make each layer of tie (memberships of
#: Cooperations are always kept: they say whom a Cooperation stands for).
LAYER_BUCKETS = {
    "cooperation": (),
    "programme": ("participants",),
    "solution": ("makers", "reusers"),
    "funding": ("funds", "programme_funders"),
    "association": ("associations",),
}
_ALL = ("participants", "makers", "reusers", "funds", "programme_funders", "associations")
SOURCE_FIELDS = ("name", "publisher", "date", "kind", "url")


def _only(ties: TieIndex, keep: tuple[str, ...], members: bool) -> TieIndex:
    part = copy.copy(ties)
    for bucket in _ALL:
        if bucket not in keep:
            setattr(part, bucket, [] if isinstance(getattr(ties, bucket), list) else {})
    if not members:
        # expansion still reads ``members`` through the shared cache; cliques do not
        part.members = defaultdict(list)
        part._expanded = {}
        for coop in ties.members:
            part._expanded[coop] = ties.bodies([coop])
    return part


def link_layers(graph: nx.MultiDiGraph, analysis: Analysis) -> dict[str, list[str]]:
    """``"u|v"`` (u < v) → the layers of tie the link between u and v is made of.

    Each layer is the cooperation network of that layer's relationships alone,
    built by the same rule (:func:`~ozggraph.analytics.cooperation_projection`).
    """
    ids = analysis.projection.ids
    result: dict[str, list[str]] = defaultdict(list)
    for layer, keep in LAYER_BUCKETS.items():
        part = _only(analysis.ties, keep, members=layer == "cooperation")
        # whole layers: a --land report only keeps links with an end in the Land, and
        # only those links are looked up here
        coo = sp.triu(_weights(graph, part, ids), k=1).tocoo()
        for i, j, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True):
            if w > 0:
                result[f"{ids[i]}|{ids[j]}"].append(layer)
    return dict(result)


def _weights(graph: nx.MultiDiGraph, ties: TieIndex, ids: list[str]) -> sp.csr_array:
    """Weights of the projection of ``ties``, re-indexed onto ``ids``."""
    net = cooperation_projection(graph, ties=ties)
    where = {b: i for i, b in enumerate(ids)}
    coo = net.weights.tocoo()
    keep = [
        (where[net.ids[i]], where[net.ids[j]], w)
        for i, j, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True)
        if net.ids[i] in where and net.ids[j] in where
    ]
    rows, cols, data = (list(x) for x in zip(*keep, strict=True)) if keep else ([], [], [])
    return sp.csr_array((data, (rows, cols)), shape=(len(ids), len(ids)))


def explorer_facts(graph: nx.MultiDiGraph, analysis: Analysis) -> dict[str, Any]:
    """Ties of every body (claims with dates, evidence, sources), the sources, link layers."""
    bodies = analysis.projection.ids
    ties: dict[str, list[dict[str, Any]]] = {b: [] for b in bodies}
    used: set[str] = set()
    wanted = set(bodies)
    for row in tie_rows(graph, bodies):
        used.update(row["sources"])
        for end in (row["source"], row["target"]):
            if end in wanted:
                ties[end].append(row)
    sources = {
        s: {k: graph.nodes[s][k] for k in SOURCE_FIELDS if graph.nodes[s].get(k)}
        for s in sorted(used)
        if s in graph
    }
    return {"ties": ties, "sources": sources, "layers": link_layers(graph, analysis)}
