"""Counts that describe a graph: by label, by relationship type, claims by evidence, checksum."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from ozggraph.graph import checksum
from ozggraph.schema import EDGE_TYPES, EVIDENCE, NODE_TYPES


def graph_stats(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """``{"labels": {label: n}, "types": {type: n}, "evidence": {value: n}, "checksum": ...}``
    in schema order; ``evidence`` counts the claims (relationships and Events) per value.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("de", label="Federation")
    >>> graph_stats(G)["labels"]
    {'Federation': 1}
    """
    labels = Counter(a["label"] for _, a in graph.nodes(data=True))
    types = Counter(a["type"] for *_, a in graph.edges(data=True))
    evidence = Counter(
        a.get("evidence") for *_, a in graph.edges(data=True) if EDGE_TYPES[a["type"]].claim
    )
    evidence.update(a.get("evidence") for _, a in graph.nodes(data=True) if a["label"] == "Event")
    return {
        "labels": {k: labels[k] for k in NODE_TYPES if labels[k]},
        "types": {k: types[k] for k in EDGE_TYPES if types[k]},
        "evidence": {k: evidence[k] for k in EVIDENCE if evidence[k]},
        "checksum": graph.graph.get("checksum") or checksum(graph),
    }
