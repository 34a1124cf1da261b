"""The neutral graph: a NetworkX ``MultiDiGraph`` that every backend and exporter shares.

Node keys are ids; each node has the attribute ``label`` plus its properties.
Edge keys are relationship ids; each edge has ``type`` plus its properties.

>>> import ozggraph
>>> G = ozggraph.load_graph(MINI)    # doctest: +SKIP
>>> G.nodes["ags-06"]["label"]                        # doctest: +SKIP
'State'
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import networkx as nx

from ozggraph.dataset import Dataset, check_dataset_path, default_seed_path, read_dataset
from ozggraph.dataset.cache import cached_graph
from ozggraph.schema import properties


def to_networkx(dataset: Dataset) -> nx.MultiDiGraph:
    """The dataset as a typed MultiDiGraph (see module docstring for the layout)."""
    graph = nx.MultiDiGraph()
    for node in dataset.nodes.values():
        props = properties(node)
        props.pop("id")
        graph.add_node(node.id, label=node.label, **props)
    for edge in dataset.edges.values():
        graph.add_edge(edge.source, edge.target, key=edge.id, type=edge.type, **properties(edge))
    return graph


def load_graph(path: str | Path | None = None) -> nx.MultiDiGraph:
    """Read, validate and build the embedded graph of ``seed/`` (or ``path``).

    The result of a full validation is cached (see :mod:`ozggraph.dataset.cache`).
    """
    root = Path(path) if path is not None else default_seed_path()
    check_dataset_path(root)  # no dataset there: say so before hashing anything
    return cached_graph(root, _build)


def _build(root: Path) -> nx.MultiDiGraph:
    graph = to_networkx(read_dataset(root))
    graph.graph["checksum"] = checksum(graph)
    return graph


def canonical(graph: nx.MultiDiGraph) -> dict[str, list[Any]]:
    """Sorted plain-data view of a graph, the same whichever backend built it."""
    nodes = [[n, attrs["label"], _props(attrs, "label")] for n, attrs in graph.nodes(data=True)]
    edges = [
        [k, attrs["type"], u, v, _props(attrs, "type")]
        for u, v, k, attrs in graph.edges(keys=True, data=True)
    ]
    return {"nodes": sorted(nodes), "edges": sorted(edges)}


def _props(attrs: dict[str, Any], structural: str) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k != structural and v is not None and v != []}


def checksum(graph: nx.MultiDiGraph) -> str:
    """SHA-256 of the canonical graph: one dataset version, one checksum, on every backend."""
    text = json.dumps(canonical(graph), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
