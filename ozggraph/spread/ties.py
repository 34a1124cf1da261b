"""Ties between bodies that a solution can travel along, and what each tie is made of.

The ties are those of the cooperation network of
:func:`ozggraph.analytics.projections.cooperation_projection` (shared
cooperations and programmes, maker-reuser links of solutions, funding,
association and IT-provider membership, services); :func:`contexts` names, for two tied bodies, the
cooperations, programmes, solutions, grants and associations behind their tie.
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx

from ozggraph.analytics.projections import cooperation_projection
from ozggraph.schema.types import NOT_CURRENT_MEMBERSHIPS
from ozggraph.spread.network import view

MAKERS = frozenset({"DEVELOPS", "OPERATES", "PROVIDES"})
TAKING_PART = MAKERS | {"MEMBER_OF", "PARTICIPATES_IN", "REUSES"}
#: Targets whose members are tied to the target only, not to each other (as in the projection).
_STARS = frozenset({"Association", "ITProvider"})


def tie_network(
    graph: nx.MultiDiGraph, as_of: str | None = None, exclude: Collection[str] = ()
) -> nx.Graph:
    """The cooperation network at ``as_of`` without ``exclude`` (e.g. the solution studied)."""
    return cooperation_projection(view(graph, as_of, exclude)).to_networkx()


def contexts(graph: nx.MultiDiGraph, a: str, b: str, exclude: Collection[str] = ()) -> list[str]:
    """Ids of what ties ``a`` and ``b``: shared contexts and direct relationships.

    A shared solution counts only when one of the two makes it (two buyers of
    one product are not tied, as in the projection).
    """
    found = set()
    parts_a, parts_b = _parts(graph, a), _parts(graph, b)
    for ctx in (set(parts_a) & set(parts_b)) - set(exclude):
        label = graph.nodes[ctx].get("label")
        if label != "Solution" or (parts_a[ctx] | parts_b[ctx]) & MAKERS:
            found.add(ctx)
    for u, v in ((a, b), (b, a)):
        for key, attrs in (graph.get_edge_data(u, v) or {}).items():
            if attrs.get("type") in {"FUNDS", "MEMBER_OF", "SERVED_BY"} and (
                attrs.get("relation") not in NOT_CURRENT_MEMBERSHIPS
            ):
                found.add(key)
    return sorted(found)


def _parts(graph: nx.MultiDiGraph, body: str) -> dict[str, set[str]]:
    parts: dict[str, set[str]] = {}
    for _, ctx, kind in graph.out_edges(body, data="type"):
        if kind in TAKING_PART and graph.nodes[ctx].get("label") not in _STARS:
            parts.setdefault(ctx, set()).add(kind)
    return parts
