"""Relationships as plain rows (dicts, no pandas): what :func:`ozggraph.tables.ties`
turns into a DataFrame and the html explorer lists per body.

>>> import ozggraph
>>> rows = tie_rows(ozggraph.load_graph(MINI), ["ekom21"])
>>> sorted({row["type"] for row in rows})
['OPERATES']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ozggraph.schema import EDGE_TYPES

#: Relationship properties shown as columns of :func:`ozggraph.tables.ties` (in this order).
TIE_FIELDS = (
    "role", "relation", "application", "stage", "status", "amount_eur", "amount_kind",
    "amount_bound_eur", "programme", "date", "valid_from", "valid_to", "evidence", "note",
)  # fmt: skip
#: Relationship types that make a tie between bodies (claims: see ozggraph.schema.edges).
CLAIMS = frozenset(t for t, model in EDGE_TYPES.items() if model.claim)


def name_of(graph: nx.MultiDiGraph, node: str) -> str:
    """The node's name (its id where it has none or is not in ``graph``)."""
    return str(graph.nodes[node].get("name", node)) if node in graph else node


def tie_rows(
    graph: nx.MultiDiGraph,
    nodes: Iterable[str] | None = None,
    types: Iterable[str] = CLAIMS,
) -> list[dict[str, Any]]:
    """Relationships of ``types`` (default: every claim) touching ``nodes`` (default: all).

    One dict per relationship: ``id``, ``type``, ``source``/``target`` with names,
    the ``layer`` of its ties (:mod:`ozggraph.schema.layers`; ``None``: it ties no
    bodies), the properties of :data:`TIE_FIELDS` that it has, and its ``sources``.
    """
    import numpy as np

    from ozggraph.network.relationships import relationships, shown
    from ozggraph.network.ties import layer_of

    wanted = set(types)
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    if nodes is None:  # from the index: iterating a view costs seconds at scale
        rel = relationships(graph)
        on_view, _ = shown(graph)
        picked = np.flatnonzero(on_view & rel.of_types(wanted)).tolist()
        found = {(rel.u[i], rel.v[i], rel.keys[i]): rel.attrs[i] for i in picked}
    else:
        for n in nodes:
            if n in graph:
                for u, v, k, d in graph.out_edges(n, keys=True, data=True):
                    found[(u, v, k)] = d
                for u, v, k, d in graph.in_edges(n, keys=True, data=True):
                    found[(u, v, k)] = d
    edges = [(u, v, k, d) for (u, v, k), d in found.items()]
    rows = []
    for u, v, k, d in edges:
        if d["type"] not in wanted:
            continue
        rows.append(
            {
                "id": k,
                "type": d["type"],
                "source": u,
                "source_name": name_of(graph, u),
                "target": v,
                "target_name": name_of(graph, v),
                "layer": layer_of(d["type"], graph.nodes[v].get("label"), d),
                **{f: d[f] for f in TIE_FIELDS if d.get(f) is not None},
                "sources": list(d.get("sources", ())),
            }
        )
    return sorted(rows, key=lambda r: r["id"])
