"""One door to the graph, whichever backend holds it.

>>> from ozggraph.neo4j.backend import get_graph
>>> G = get_graph("embedded")                  # doctest: +SKIP
>>> G.graph["backend"], G.graph["checksum"][:7]  # doctest: +SKIP
('embedded', 'sha256:')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from ozggraph.errors import OzgGraphError
from ozggraph.graph import load_graph

if TYPE_CHECKING:
    from ozggraph.neo4j.settings import Settings


def get_graph(
    backend: str = "embedded",
    dataset_path: str | Path | None = None,
    settings: Settings | None = None,
) -> nx.MultiDiGraph:
    """The typed graph from ``seed/`` (embedded) or from the Neo4j server (neo4j)."""
    if backend == "embedded":
        graph = load_graph(dataset_path)
    elif backend == "neo4j":
        # Imported here: the embedded default never pays for the driver.
        from ozggraph.neo4j.connection import connect
        from ozggraph.neo4j.read import read_graph
        from ozggraph.neo4j.settings import Settings

        settings = settings or Settings.resolve()
        with connect(settings) as driver:
            graph = read_graph(driver, settings.database)
        if graph.number_of_nodes() == 0:
            raise OzgGraphError(
                f"no ozggraph data in database {settings.database!r}: run 'ozggraph load' first"
            )
    else:
        raise OzgGraphError(f"unknown backend {backend!r}: use embedded or neo4j")
    graph.graph["backend"] = backend
    return graph
