"""What the explorer shows when a body is clicked: its ties, their sources, each link's layers.

>>> import ozggraph
>>> from ozggraph.analytics.summary import analyse
>>> G = ozggraph.load_graph(MINI)
>>> facts = explorer_facts(G, analyse(G))
>>> facts["layers"]["ags-06531005|ags-06532023"]
['cooperation']
>>> [t["type"] for t in facts["ties"]["he-hmdis"]]
['FUNDS']
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import scipy.sparse as sp

from ozggraph.analytics.summary import Analysis

#: The explorer's layer of each kind of tie (:class:`~ozggraph.network.ties.Tie`).
LAYER_OF_KIND = {
    "cooperation": "cooperation",
    "programme": "programme",
    "solution": "solution",
    "money": "funding",
    "association": "association",
    "service": "association",
}
SOURCE_FIELDS = ("name", "publisher", "date", "kind", "url")


def link_layers(graph: nx.MultiDiGraph, analysis: Analysis) -> dict[str, list[str]]:
    """``"u|v"`` (u < v) → the layers of tie the link between u and v is made of.

    Read from the one tie rule: the kinds of the ties that join u and v.
    """
    ids = analysis.projection.ids
    coo = sp.triu(analysis.projection.weights, k=1).tocoo()
    result: dict[str, list[str]] = {}
    for i, j in zip(coo.row.tolist(), coo.col.tolist(), strict=True):
        kinds = {LAYER_OF_KIND.get(t.kind, t.kind) for t in analysis.ties.between(ids[i], ids[j])}
        result[f"{ids[i]}|{ids[j]}"] = sorted(kinds, key=_layer_order)
    return result


def _layer_order(layer: str) -> int:
    order = list(dict.fromkeys(LAYER_OF_KIND.values()))
    return order.index(layer) if layer in order else len(order)


def explorer_facts(graph: nx.MultiDiGraph, analysis: Analysis) -> dict[str, Any]:
    """Ties of every body (claims with dates, evidence, sources), the sources, link layers."""
    from ozggraph.tables import tie_rows  # pandas only when the explorer is built

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
