"""Where a body sits: its Land, its government level, the Kreis of a Gemeinde.

Answers come from the graph itself: the AGS/ARS of territorial units, else the
``land`` property a source gives (associations, IT providers), else the
``PART_OF`` chain (a ministry ``PART_OF`` its Land). What cannot be placed is
:data:`UNKNOWN`, never guessed.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ags-06", label="State", ags="06", code="HE")
>>> G.add_node("ags-06531005", label="Municipality", ags="06531005")
>>> G.add_node("min-he-x", label="Ministry")
>>> G.add_edge("min-he-x", "ags-06", type="PART_OF")
0
>>> land_of(G)["ags-06531005"], land_of(G)["min-he-x"], level_of(G)["min-he-x"]
('HE', 'HE', 'land')
"""

from __future__ import annotations

import networkx as nx

from ozggraph.schema.edges import BODIES

#: Land code of the Federation and of federal bodies.
FEDERAL = "DE"
#: Land of a body the graph does not place.
UNKNOWN = "?"
#: Government levels, top down; ``verband`` = associations, ``provider`` = IT providers.
LEVELS = ("bund", "land", "kreis", "gemeinde", "verband", "provider")
#: Official Land codes by the first two AGS digits (used when a State node has no ``code``).
LAND_CODES = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP",
    "08": "BW", "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN",
    "15": "ST", "16": "TH",
}  # fmt: skip
_LEVEL_BY_LABEL = {
    "Federation": "bund",
    "State": "land",
    "AdministrativeDistrict": "land",
    "District": "kreis",
    "Municipality": "gemeinde",
    "MunicipalAssociation": "gemeinde",
    "Association": "verband",
    "ITProvider": "provider",
}


def is_body(graph: nx.MultiDiGraph, node: str) -> bool:
    """Public bodies, their associations and IT providers (the actors of the network)."""
    return graph.nodes[node].get("label") in BODIES


def parents(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Targets of each node's ``PART_OF`` relationships, sorted for determinism."""
    found: dict[str, list[str]] = {}
    for u, v, t in graph.edges(data="type"):
        if t == "PART_OF":
            found.setdefault(u, []).append(v)
    return {node: sorted(targets) for node, targets in found.items()}


def land_of(graph: nx.MultiDiGraph, up: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Land code of every body and territorial unit: ``HE``…, :data:`FEDERAL` or :data:`UNKNOWN`.

    ``up``: :func:`parents` of ``graph``, when already at hand.
    """
    codes = dict(LAND_CODES)
    for _, attrs in graph.nodes(data=True):
        if attrs.get("label") == "State" and attrs.get("ags") and attrs.get("code"):
            codes[attrs["ags"]] = attrs["code"]
    lands: dict[str, str] = {}
    up = parents(graph) if up is None else up
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") in BODIES:
            lands[node] = _land(graph, up, node, codes, lands, set())
    return lands


def _land(
    graph: nx.MultiDiGraph,
    up: dict[str, list[str]],
    node: str,
    codes: dict[str, str],
    memo: dict[str, str],
    seen: set[str],
) -> str:
    if node in memo:
        return memo[node]
    attrs = graph.nodes[node]
    key = attrs.get("ags") or attrs.get("ars")
    if attrs.get("label") == "Federation":
        land = FEDERAL
    elif key and key[:2] in codes:
        land = codes[key[:2]]
    elif attrs.get("land"):  # an association or provider whose Land a source gives
        land = attrs["land"]
    else:
        seen.add(node)  # PART_OF cycles are not forbidden by the schema
        found = (_land(graph, up, p, codes, memo, seen) for p in up.get(node, ()) if p not in seen)
        land = next((x for x in found if x != UNKNOWN), UNKNOWN)
    memo[node] = land
    return land


def level_of(graph: nx.MultiDiGraph, lands: dict[str, str] | None = None) -> dict[str, str]:
    """Government level (one of :data:`LEVELS`) of every body.

    Ministries and agencies are ``bund`` when they belong to the Federation and
    ``land`` otherwise; a Regierungsbezirk is a Land authority, so ``land``.
    """
    lands = land_of(graph) if lands is None else lands
    levels = {}
    for node, land in lands.items():
        if node not in graph:  # ``lands`` may cover more than a filtered view
            continue
        label = graph.nodes[node]["label"]
        levels[node] = _LEVEL_BY_LABEL.get(label, "bund" if land == FEDERAL else "land")
    return levels


def kreis_of(graph: nx.MultiDiGraph, up: dict[str, list[str]] | None = None) -> dict[str, str]:
    """The District (Kreis or kreisfreie Stadt) each Municipality belongs to.

    Follows ``PART_OF`` (also through a MunicipalAssociation); falls back to the
    first five AGS digits when that District is in the graph.
    """
    result = {}
    up = parents(graph) if up is None else up
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") != "Municipality":
            continue
        frontier, seen = list(up.get(node, ())), {node}
        while frontier:
            nxt = frontier.pop(0)
            if nxt in seen:
                continue
            seen.add(nxt)
            if graph.nodes[nxt].get("label") == "District":
                result[node] = nxt
                break
            frontier.extend(up.get(nxt, ()))
        else:
            guess = f"ags-{attrs.get('ags', '')[:5]}"
            if graph.nodes.get(guess, {}).get("label") == "District":
                result[node] = guess
    return result
