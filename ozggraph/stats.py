"""Counts that describe a graph: by label, by relationship type, and its checksum."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from ozggraph.graph import checksum
from ozggraph.schema import EDGE_TYPES, NODE_TYPES


def graph_stats(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """``{"labels": {label: n}, "types": {type: n}, "checksum": ...}`` in schema order.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("de", label="Federation")
    >>> graph_stats(G)["labels"]
    {'Federation': 1}
    """
    labels = Counter(a["label"] for _, a in graph.nodes(data=True))
    types = Counter(a["type"] for *_, a in graph.edges(data=True))
    return {
        "labels": {k: labels[k] for k in NODE_TYPES if labels[k]},
        "types": {k: types[k] for k in EDGE_TYPES if types[k]},
        "checksum": graph.graph.get("checksum") or checksum(graph),
    }
