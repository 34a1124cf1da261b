"""What the explorer shows when a body is clicked: its ties, their sources, each link's layers.

Layers are the schema's (:data:`~ozggraph.schema.layers.LAYERS`): ``layers["u|v"]``
lists the layers in which u and v are tied, and each tie row says its ``layer``
(``None``: a relationship that ties no bodies, or no longer).

>>> import ozggraph
>>> from ozggraph.analytics.summary import analyse
>>> G = ozggraph.load_graph(MINI)
>>> facts = explorer_facts(G, analyse(G))
>>> facts["layers"]["ags-06531005|ags-06532023"]
['cooperation']
>>> [(t["type"], t["layer"]) for t in facts["ties"]["ekom21"]]
[('OPERATES', 'reuse')]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ozggraph.analytics.summary import Analysis
from ozggraph.network.projections import link_layers

SOURCE_FIELDS = ("name", "publisher", "date", "kind", "url")


def explorer_facts(graph: nx.MultiDiGraph, analysis: Analysis) -> dict[str, Any]:
    """Ties of every body (claims with dates, evidence, sources, layer), the sources,
    the layers of each link of the network."""
    from ozggraph.output.tables import tie_rows  # pandas only when the explorer is built

    bodies = analysis.projection.ids
    ties: dict[str, list[dict[str, Any]]] = {b: [] for b in bodies}
    used: set[str] = set()
    wanted = set(bodies)
    for row in tie_rows(graph, bodies):
        used.update(row["sources"])
        for end in (row["source"], row["target"]):
            if end in wanted:
                ties[end].append(row)
    sources = {
        s: {k: graph.nodes[s][k] for k in SOURCE_FIELDS if graph.nodes[s].get(k)}
        for s in sorted(used)
        if s in graph
    }
    return {
        "ties": ties,
        "sources": sources,
        "layers": link_layers(analysis.projection, analysis.ties),
    }
