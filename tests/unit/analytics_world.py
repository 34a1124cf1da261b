"""Tiny typed graphs for analytics tests, written as lists of relationships.

Labels follow the id conventions (``ags-06`` a State, ``ags-06531`` a District,
``ags-06531005`` a Municipality, ``coop-`` a Cooperation, ``prog-``, ``sol-``,
``itp-``, ``min-``, ``assoc-``), so a test reads like the facts it describes.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

_PREFIXES = {
    "coop-": "Cooperation",
    "prog-": "Programme",
    "sol-": "Solution",
    "itp-": "ITProvider",
    "min-": "Ministry",
    "assoc-": "Association",
    "agency-": "Agency",
}
_AGS = {2: "State", 3: "AdministrativeDistrict", 5: "District", 8: "Municipality"}
CODES = {"06": "HE", "09": "BY", "07": "RP", "08": "BW"}


def label_of(node: str) -> str:
    if node == "de":
        return "Federation"
    if node.startswith("ags-"):
        return _AGS[len(node) - 4]
    return next(label for prefix, label in _PREFIXES.items() if node.startswith(prefix))


def world(*edges: tuple[Any, ...], **node_props: dict[str, Any]) -> nx.MultiDiGraph:
    """A typed graph from ``(TYPE, source, target[, props])`` tuples.

    Territorial nodes get their ``ags`` (and a State its ``code``); ``node_props``
    adds properties by id (``ags_06531005={"population": 1000}`` uses ``_`` for ``-``).
    """
    graph = nx.MultiDiGraph()
    for edge in edges:
        rel_type, source, target, *rest = edge
        for node in (source, target):
            _add(graph, node)
        props = rest[0] if rest else {}
        key = f"{rel_type}:{source}->{target}" + (f"#{props['key']}" if "key" in props else "")
        attrs = {k: v for k, v in props.items() if k != "key"}
        graph.add_edge(source, target, key=key, type=rel_type, sources=["src-test"], **attrs)
    for name, props in node_props.items():
        node = name.replace("_", "-")
        _add(graph, node)
        graph.nodes[node].update(props)
    return graph


def _add(graph: nx.MultiDiGraph, node: str) -> None:
    if node in graph:
        return
    label = label_of(node)
    attrs: dict[str, Any] = {"label": label, "name": node}
    if node.startswith("ags-"):
        attrs["ags"] = node[4:]
        if label == "State":
            attrs["code"] = CODES[node[4:]]
    graph.add_node(node, **attrs)
