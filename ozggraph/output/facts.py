"""What the explorer shows: every link between two bodies, the ties it is made of, their claims.

A *link* joins two bodies of the cooperation network; it is made of one or more
*ties* (:class:`~ozggraph.network.ties.Tie`: a shared cooperation, a reused
solution, a grant, a provider's service ...), each in one layer; each tie stands
on recorded relationships (*claims*, with dates, evidence and sources). The
explorer reads all three, so every number it shows is explained by what it lists.

>>> import ozggraph
>>> from ozggraph.analytics.summary import analyse
>>> G = ozggraph.load_graph("tests/fixtures/mini")
>>> facts = explorer_facts(G, analyse(G))
>>> facts["layers"]["ags-06531005|ags-06532023"]
['cooperation']
>>> [t["type"] for t in facts["ties"]["he-hmdis"]]
['FUNDS']
>>> link = facts["links"][0]
>>> link["u"], link["v"], [facts["bundles"][i]["layer"] for i in link["ties"]]
('ags-06531005', 'ags-06532023', ['cooperation'])
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import scipy.sparse as sp

from ozggraph.analytics.summary import Analysis
from ozggraph.network.ties import Tie
from ozggraph.tables import tie_rows

#: The layers of the network (#21's schema-declared layer ids), in the order shown.
LAYERS = ("cooperation", "reuse", "money", "service", "programme")
#: Layers shown when the explorer opens (shared programme rounds are never among them).
DEFAULT_LAYERS = ("cooperation", "reuse")
#: The layer of each kind of tie (:data:`ozggraph.network.ties.KINDS`).
LAYER_OF_KIND = {
    "cooperation": "cooperation",
    "programme": "programme",
    "solution": "reuse",
    "money": "money",
    "association": "service",
    "service": "service",
}
SOURCE_FIELDS = ("name", "publisher", "date", "kind", "url")


def layer_of(tie: Tie) -> str:
    """The layer id of ``tie``."""
    return LAYER_OF_KIND.get(tie.kind, tie.kind)


def _layer_order(layer: str) -> int:
    return LAYERS.index(layer) if layer in LAYERS else len(LAYERS)


def _index(analysis: Analysis) -> dict[int, int]:
    """Position of each tie by identity: hashing a Tie hashes all its members."""
    return {id(tie): i for i, tie in enumerate(analysis.ties.ties)}


def _links(
    analysis: Analysis, bundles: dict[int, Tie], index: dict[int, int]
) -> list[dict[str, Any]]:
    ids = analysis.projection.ids
    coo = sp.triu(analysis.projection.weights, k=1).tocoo()
    out = []
    for i, j in sorted(zip(coo.row.tolist(), coo.col.tolist(), strict=True)):
        u, v = sorted((ids[i], ids[j]))
        between = analysis.ties.between(u, v)
        for tie in between:
            bundles[index[id(tie)]] = tie
        out.append(
            {
                "u": u,
                "v": v,
                "ties": [index[id(t)] for t in between],
                "layers": sorted({layer_of(t) for t in between}, key=_layer_order),
            }
        )
    return out


def _claims_of(graph: nx.MultiDiGraph, body: str, nodes: list[str]) -> list[str]:
    """Ids of the relationships between ``body`` and any of ``nodes`` (either direction)."""
    keys: list[str] = []
    for node in nodes:
        for a, b in ((body, node), (node, body)):
            keys += sorted(graph.get_edge_data(a, b, default={}))
    return keys


def _bundle(graph: nx.MultiDiGraph, analysis: Analysis, tie: Tie) -> dict[str, Any]:
    """One tie as the explorer lists it: layer, contexts, and each body's claims in it."""
    contexts = [p for p in tie.made_of if p in graph]
    claims = [p for p in tie.made_of if p not in graph]
    by: dict[str, list[str]] = {}
    for body in dict.fromkeys((*tie.members, *tie.hubs, *tie.spokes)):
        reach = list(contexts)
        if tie.kind == "cooperation" and contexts:
            reach += analysis.ties.inner_groups(contexts[0], body)
        found = [k for k in _claims_of(graph, body, reach) if k not in claims]
        if found:
            by[body] = found
    return {"layer": layer_of(tie), "contexts": contexts, "claims": claims, "by": by}


def explorer_facts(graph: nx.MultiDiGraph, analysis: Analysis) -> dict[str, Any]:
    """Every link with its ties (``links``, ``bundles``), every body's claims (``ties``,
    with dates, evidence, sources and ``layer``), the sources, each link's layers,
    and the names of the contexts the ties name."""
    bodies = analysis.projection.ids
    found: dict[int, Tie] = {}
    links = _links(analysis, found, _index(analysis))
    bundles = {i: _bundle(graph, analysis, tie) for i, tie in sorted(found.items())}
    layer_of_claim: dict[str, str] = {}
    for b in bundles.values():
        for key in [*b["claims"], *(k for ks in b["by"].values() for k in ks)]:
            layer_of_claim.setdefault(key, b["layer"])
    ties: dict[str, list[dict[str, Any]]] = {b: [] for b in bodies}
    claims: dict[str, dict[str, Any]] = {}
    used: set[str] = set()
    wanted = set(bodies)
    for row in tie_rows(graph, bodies):
        if row["id"] in layer_of_claim:
            row["layer"] = layer_of_claim[row["id"]]
        claims[row["id"]] = row
        used.update(row["sources"])
        for end in (row["source"], row["target"]):
            if end in wanted:
                ties[end].append(row)
    sources = {
        s: {k: graph.nodes[s][k] for k in SOURCE_FIELDS if graph.nodes[s].get(k)}
        for s in sorted(used)
        if s in graph
    }
    contexts = {c for b in bundles.values() for c in b["contexts"]}
    contexts |= {n for r in claims.values() for n in (r["source"], r["target"])} - wanted
    return {
        "ties": ties,
        "claims": claims,
        "sources": sources,
        "layers": {f"{x['u']}|{x['v']}": x["layers"] for x in links},
        "links": links,
        "bundles": bundles,
        "aliases": {
            b: sorted({*graph.nodes[b].get("aliases", ()), graph.nodes[b].get("official_name", b)})
            for b in bodies
            if graph.nodes[b].get("aliases") or graph.nodes[b].get("official_name")
        },
        "contexts": {
            c: {"name": graph.nodes[c].get("name", c), "label": graph.nodes[c].get("label", "")}
            for c in sorted(contexts)
            if c in graph
        },
    }
