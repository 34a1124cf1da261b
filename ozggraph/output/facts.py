"""What the explorer shows: every link between two bodies, the ties it is made of, their claims.

A *link* joins two bodies tied in any layer; it is made of one or more *ties*
(:class:`~ozggraph.network.ties.Context`: a shared cooperation, a reused solution,
a grant, a provider's service ...), each in one layer of the schema
(:data:`~ozggraph.schema.layers.LAYERS`); each tie stands on recorded relationships
(*claims*, with dates, evidence, sources and ``layer``). The explorer reads all
three, so every number it shows is explained by what it lists. It holds the links
of every layer (the report's network is only the chosen ones) so that switching a
layer on shows its links.

>>> import ozggraph
>>> from ozggraph.analytics.summary import analyse
>>> G = ozggraph.load_graph(MINI)
>>> facts = explorer_facts(G, analyse(G))
>>> facts["layers"]["ags-06531005|ags-06532023"]
['cooperation']
>>> [(t["type"], t["layer"]) for t in facts["ties"]["ekom21"]]
[('OPERATES', 'reuse')]
>>> link = next(x for x in facts["links"] if x["u"] == "ags-06531005")
>>> link["v"], [facts["bundles"][i]["layer"] for i in link["ties"]]
('ags-06532023', ['cooperation'])
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import scipy.sparse as sp

from ozggraph.analytics.summary import Analysis
from ozggraph.network.projections import cooperation_projection, link_layers
from ozggraph.network.ties import GROUPS, Context, TieIndex
from ozggraph.schema.layers import LAYERS

SOURCE_FIELDS = ("name", "publisher", "date", "kind", "url")


def _links(
    ids: list[str], weights: sp.csr_array, ties: TieIndex, found: dict[int, Context]
) -> list[dict[str, Any]]:
    """Each link ``u < v`` with the positions (in ``ties.contexts``) of its ties."""
    index = {id(c): i for i, c in enumerate(ties.contexts)}  # by identity: no hashing
    coo = sp.triu(weights, k=1).tocoo()
    out = []
    for i, j in sorted(zip(coo.row.tolist(), coo.col.tolist(), strict=True)):
        u, v = sorted((ids[i], ids[j]))
        between = ties.between(u, v)
        for context in between:
            found[index[id(context)]] = context
        out.append({"u": u, "v": v, "ties": [index[id(c)] for c in between]})
    return out


def _claims_of(graph: nx.MultiDiGraph, body: str, nodes: list[str]) -> list[str]:
    """Ids of the relationships between ``body`` and any of ``nodes`` (either direction)."""
    keys: list[str] = []
    for node in nodes:
        for a, b in ((body, node), (node, body)):
            keys += sorted(graph.get_edge_data(a, b, default={}))
    return keys


def _bundle(graph: nx.MultiDiGraph, ties: TieIndex, context: Context) -> dict[str, Any]:
    """One tie as the explorer lists it: layer, contexts, and each body's claims in it."""
    contexts = [p for p in context.made_of if p in graph]
    claims = [p for p in context.made_of if p not in graph]
    by: dict[str, list[str]] = {}
    for body in dict.fromkeys((*context.members, *context.tails, *context.heads)):
        reach = list(contexts)
        if contexts and ties.labels.get(contexts[0]) in GROUPS:
            reach += ties.inner_groups(contexts[0], body)
        found = [k for k in _claims_of(graph, body, reach) if k not in claims]
        if found:
            by[body] = found
    return {"layer": context.layer, "contexts": contexts, "claims": claims, "by": by}


def _canonical(context: Context) -> tuple[Any, ...]:
    """A context's place in a fixed order: its layer, what it is made of, its bodies."""
    return (
        context.layer,
        context.made_of,
        tuple(sorted(context.members)),
        tuple(sorted(context.tails)),
        tuple(sorted(context.heads)),
    )


def explorer_facts(graph: nx.MultiDiGraph, analysis: Analysis) -> dict[str, Any]:
    """Every body tied in any layer (``bodies``, with ``aliases``), every link with its
    ties (``links``, ``bundles``), every body's claims (``ties`` by body, ``claims`` by
    id), the sources, the layers of each link of the report's network (``layers``) and
    the names of the contexts the ties name."""
    from ozggraph.output.rows import tie_rows

    ties = analysis.ties
    land = analysis.projection.meta.get("land")
    every = cooperation_projection(
        graph, ties=ties, layers=list(LAYERS), land=str(land) if land else None
    )
    bodies = every.ids
    found: dict[int, Context] = {}
    links = _links(bodies, every.weights, ties, found)
    # Number the ties by what they are, not by where the tie index met them: a graph read
    # back from Neo4j lists its relationships in another order and must give the same file.
    order = sorted(found, key=lambda i: _canonical(found[i]))
    renumber = {old: new for new, old in enumerate(order)}
    for link in links:
        link["ties"] = sorted(renumber[t] for t in link["ties"])
    bundles = {renumber[i]: _bundle(graph, ties, found[i]) for i in order}
    by_body: dict[str, list[dict[str, Any]]] = {b: [] for b in bodies}
    claims: dict[str, dict[str, Any]] = {}
    used: set[str] = set()
    wanted = set(bodies)
    for row in tie_rows(graph, bodies):
        claims[row["id"]] = row
        used.update(row["sources"])
        for end in (row["source"], row["target"]):
            if end in wanted:
                by_body[end].append(row)
    sources = {
        s: {k: graph.nodes[s][k] for k in SOURCE_FIELDS if graph.nodes[s].get(k)}
        for s in sorted(used)
        if s in graph
    }
    contexts = {c for b in bundles.values() for c in b["contexts"]}
    contexts |= {n for r in claims.values() for n in (r["source"], r["target"])} - wanted
    territory = ties.territory
    return {
        "ties": by_body,
        "claims": claims,
        "sources": sources,
        # the links of the report's network (its layers) and the layers they are made of
        "layers": link_layers(analysis.projection, ties),
        "links": links,
        "bundles": bundles,
        "bodies": {
            b: {
                "name": graph.nodes[b].get("name", b),
                "label": graph.nodes[b].get("label", ""),
                "land": analysis.lands.get(b) or territory.land(b) or None,
                "level": analysis.levels.get(b) or territory.level(b) or None,
            }
            for b in bodies
        },
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
