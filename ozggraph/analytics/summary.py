"""All node measures of the cooperation network at once, as the report and write-back use them.

>>> import ozggraph
>>> result = analyse(ozggraph.load_graph(MINI))
>>> row = result.nodes["ekom21"]
>>> row["degree"], row["brokerage_role"], row["community"]
(2.0, None, 0)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import networkx as nx
import numpy as np

from ozggraph.analytics import brokerage, centrality, communities
from ozggraph.network.filters import in_state
from ozggraph.network.projections import cooperation_projection
from ozggraph.network.sparse import Projection
from ozggraph.network.territory import UNKNOWN, Territory, level_of
from ozggraph.network.ties import TieIndex
from ozggraph.schema.layers import check_layers, ranks_shares

T = TypeVar("T")

#: Node properties :func:`analyse` computes, in the order reports list them.
MEASURES = (
    "degree", "weighted_degree", "betweenness", "closeness", "harmonic", "eigenvector",
    "pagerank", "constraint", "effective_size", "community", "brokerage_role",
    "brokerage_role_level", "brokerage_cross_land",
)  # fmt: skip


@dataclass
class Analysis:
    """The cooperation network of a graph and every node measure on it."""

    projection: Projection
    lands: dict[str, str]
    levels: dict[str, str]
    nodes: dict[str, dict[str, Any]]
    modularity: float
    roles: dict[str, dict[Any, dict[str, int]]]  # grouping -> node -> role -> count
    ties: TieIndex  # the typed graph's relationships by tie rule, reusable by other sections
    seconds: dict[str, float] = field(default_factory=dict)


@contextmanager
def _timed(seconds: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - start


def analyse(
    graph: nx.MultiDiGraph,
    *,
    land: str | None = None,
    seed: int = 0,
    territory: Territory | None = None,
    layers: Iterable[str] | str | None = None,
    ties: TieIndex | None = None,
) -> Analysis:
    """Build the network of ``layers`` (optionally for one Land) and measure every body.

    ``layers``: ids of :data:`~ozggraph.schema.layers.LAYERS` (default: cooperation
    and reuse). ``territory``: the :class:`~ozggraph.network.territory.Territory` of
    the *whole* graph when ``graph`` is a filtered view (a view may have lost the
    ``PART_OF`` chain that places a federal ministry). ``ties``: the
    :class:`TieIndex` of ``graph`` when at hand (one per command). A graph not placed
    in time is measured in its latest state (:func:`~ozggraph.network.filters.in_state`).
    """
    graph = in_state(graph)
    seconds: dict[str, float] = {}

    def step(name: str, func: Callable[[], T]) -> T:
        with _timed(seconds, name):
            return func()

    index = step("ties", lambda: ties if ties is not None else TieIndex(graph))
    net = step(
        "projection",
        lambda: cooperation_projection(graph, land=land, ties=index, layers=layers),
    )
    terr = step("territory", lambda: territory or index.territory)
    lands = {n: terr.land(n) for n in terr.body_lands if n in graph}
    levels = level_of(graph, terr)
    degree = step("degree", lambda: centrality.degree(net))
    strength = step("weighted_degree", lambda: centrality.weighted_degree(net))
    shares = ranks_shares(check_layers(layers))  # type: ignore[arg-type]
    paths = step("paths", lambda: centrality.path_centralities(net, seed=seed, shares=shares))
    eigen = step("eigenvector", lambda: centrality.eigenvector(net))
    rank = step("pagerank", lambda: centrality.pagerank(net, shares=shares))
    holes = step("structural_holes", lambda: brokerage.structural_holes(net))
    groupings = {
        "land": {n: lands.get(n, UNKNOWN) for n in net.ids},
        "level": {n: levels.get(n, UNKNOWN) for n in net.ids},
    }
    roles = step("brokerage_roles", lambda: brokerage.brokerage_roles_by(net, groupings))
    parts = step("communities", lambda: communities.louvain(net, seed=seed))
    quality = communities.modularity(net, parts)
    nodes = {}
    for node in net.ids:
        by_land, by_level = roles["land"][node], roles["level"][node]
        nodes[node] = {
            "degree": degree[node], "weighted_degree": strength[node],
            "betweenness": paths["betweenness"][node], "closeness": paths["closeness"][node],
            "harmonic": paths["harmonic"][node], "eigenvector": eigen[node],
            "pagerank": rank[node], "constraint": _finite(holes["constraint"][node]),
            "effective_size": _finite(holes["effective_size"][node]),
            "community": parts[node],
            "brokerage_role": brokerage.dominant_role(by_land),
            "brokerage_role_level": brokerage.dominant_role(by_level),
            "brokerage_cross_land": sum(v for k, v in by_land.items() if k != "coordinator"),
        }  # fmt: skip
    return Analysis(net, lands, levels, nodes, quality, roles, index, seconds)


def _finite(value: float) -> float | None:
    """NaN (an isolated body has no constraint) becomes None, which JSON and Neo4j know."""
    return None if value is None or np.isnan(value) else float(value)
