"""Counts that describe a graph: by label, by relationship type, claims by evidence, checksum.

The counts are of everything the dataset records, history included. The report and
every analysis show the latest state (:func:`ozggraph.network.filters.in_state`):
what has ended (a ``valid_to``) is left out there, so ``ended`` says how many nodes
and relationships that is, by label and type; the difference between the two counts.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from ozggraph.graph import checksum
from ozggraph.network.filters import as_of
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
        "ended": _ended(graph),
        "checksum": graph.graph.get("checksum") or checksum(graph),
    }


def _ended(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes and relationships not in the latest state, by label and type (schema order).

    A relationship of an ended node counts as ended too (the latest state drops it).
    """
    latest = as_of(graph, None)
    nodes = Counter(a["label"] for n, a in graph.nodes(data=True) if n not in latest)
    gone = {k for *_, k in graph.edges(keys=True)} - {k for *_, k in latest.edges(keys=True)}
    types = Counter(a["type"] for *_, k, a in graph.edges(keys=True, data=True) if k in gone)
    return {
        "nodes": sum(nodes.values()),
        "relationships": sum(types.values()),
        "labels": {k: nodes[k] for k in NODE_TYPES if nodes[k]},
        "types": {k: types[k] for k in EDGE_TYPES if types[k]},
    }
