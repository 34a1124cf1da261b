"""The cooperation network as arrays: what the cascade kernels run on.

Nodes are all bodies (tied or not); an undirected edge joins two bodies with
``weight`` = number of ties they share in the chosen layers (default: cooperation and
reuse; a cascade tries once per tie, so ties are counted, not weighted 1/(n−1)): the
network of :func:`ozggraph.network.projections.cooperation_projection` (read its
docstring for what counts as a tie), at ``as_of`` by
:func:`ozggraph.network.filters.as_of`. Stored as a symmetric CSR matrix: row
``u`` lists the arcs ``u -> v``.

Each node also carries what a cascade reaching it is worth: the territories it
covers (population rule of :mod:`ozggraph.network.territory`, so nested bodies
are never counted twice) and its Land.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ozggraph.errors import UnknownIdError
from ozggraph.network import filters
from ozggraph.network.lookup import resolve_as
from ozggraph.network.projections import cooperation_projection
from ozggraph.network.territory import FEDERAL, UNKNOWN, Territory
from ozggraph.schema.edges import BODIES

#: Pseudo-Land for territory above the Länder (the Federation).
NATIONWIDE = FEDERAL


@dataclass
class Network:
    """Symmetric weighted adjacency plus per-node worth (population, Land, label)."""

    ids: list[str]
    adjacency: sp.csr_matrix  #: weights, symmetric, no self-loops
    labels: np.ndarray  #: node label per node
    levels: np.ndarray = field(default_factory=lambda: np.zeros(0, str))  #: analytics' level
    lands: list[str] = field(default_factory=list)  #: Land codes (+ ``DE``), column order
    node_land: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  #: -1: none
    cover: sp.csr_matrix | None = None  #: node x territory, 1 where the node covers it
    territory_ids: list[str] = field(default_factory=list)
    ancestors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int64))
    population: np.ndarray = field(default_factory=lambda: np.zeros(0))  #: per territory
    territory_land: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    unknown_population: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.index = {n: i for i, n in enumerate(self.ids)}
        if self.levels.size == 0:
            self.levels = np.asarray([""] * len(self.ids))
        if self.node_land.size == 0:
            self.node_land = np.full(len(self.ids), -1, np.int64)

    @property
    def n(self) -> int:
        return len(self.ids)

    def indices_of(self, graph: nx.MultiDiGraph | None, bodies: Sequence[str]) -> np.ndarray:
        """Node indices of bodies given by id (or, with ``graph``, by name or alias)."""
        found = []
        for body in bodies:
            if body not in self.index and graph is not None:
                body = resolve_as(graph, body, set(self.labels.tolist()), "body")
            if body not in self.index:
                raise UnknownIdError(f"{body!r} has no tie in the cooperation network")
            found.append(self.index[body])
        return np.asarray(sorted(set(found)), dtype=np.int64)


def from_graph(
    graph: nx.MultiDiGraph,
    as_of: str | None = None,
    exclude: Collection[str] = (),
    territory: Territory | None = None,
    layers: Collection[str] | str | None = None,
) -> Network:
    """The network of ``layers`` of ``graph`` at ``as_of``, without the nodes in ``exclude``.

    Pass ``territory`` (built once from ``graph``) when building many networks.
    """
    ids, weights = _projection(graph, as_of, exclude, layers)
    labels = np.asarray([str(graph.nodes[n].get("label")) for n in ids])
    terr = territory or Territory(graph)
    levels = np.asarray([terr.level(n) for n in ids])
    net = Network(ids=ids, adjacency=weights, labels=labels, levels=levels)
    attach_territory(net, terr)
    return net


def from_edges(ids: Sequence[str], edges: Sequence[tuple[str, str, float]]) -> Network:
    """A bare network from ``(u, v, weight)`` triples (tests, benchmarks); no population."""
    index = {n: i for i, n in enumerate(ids)}
    rows = [index[u] for u, v, _ in edges] + [index[v] for u, v, _ in edges]
    cols = [index[v] for u, v, _ in edges] + [index[u] for u, v, _ in edges]
    data = [w for *_, w in edges] * 2
    matrix = sp.csr_matrix((data, (rows, cols)), shape=(len(ids), len(ids)))
    return Network(ids=list(ids), adjacency=matrix, labels=np.asarray([""] * len(ids)))


def attach_territory(net: Network, terr: Territory) -> None:
    """Fill the population and Land arrays of ``net`` from the hierarchy."""
    covers = [terr.covers(n) for n in net.ids]
    wanted = {t for c in covers for t in c}
    wanted |= {a for t in list(wanted) for a in terr.ancestors(t)}
    net.territory_ids = sorted(wanted)
    t_index = {t: i for i, t in enumerate(net.territory_ids)}
    rows = [i for i, c in enumerate(covers) for _ in c]
    cols = [t_index[t] for c in covers for t in sorted(c)]
    net.cover = sp.csr_matrix(
        (np.ones(len(rows), np.float32), (rows, cols)), shape=(net.n, len(t_index))
    )
    depth = max((len(terr.ancestors(t)) for t in t_index), default=0)
    net.ancestors = np.full((len(t_index), max(depth, 1)), len(t_index), np.int64)  # pad: dummy
    for t, i in t_index.items():
        for j, a in enumerate(sorted(terr.ancestors(t))):
            net.ancestors[i, j] = t_index[a]
    pops = [terr.population(t) for t in net.territory_ids]
    net.population = np.asarray([p or 0 for p in pops], dtype=np.float64)
    net.unknown_population = [t for t, p in zip(net.territory_ids, pops, strict=True) if p is None]
    codes = {*terr.states.values(), *(c for n in net.ids for c in terr.lands(n))}
    net.lands = [*sorted(codes - {FEDERAL, UNKNOWN}), NATIONWIDE]
    land_ix = {c: i for i, c in enumerate(net.lands)}
    net.territory_land = np.asarray([_land(terr, t, land_ix) for t in net.territory_ids], np.int64)
    net.node_land = np.asarray(
        [land_ix[next(iter(c))] if len(c := terr.lands(n)) == 1 else -1 for n in net.ids],
        np.int64,
    )


def _land(terr: Territory, territory: str, land_ix: dict[str, int]) -> int:
    codes = terr.lands(territory)
    if len(codes) == 1:
        return land_ix[next(iter(codes))]
    return land_ix[NATIONWIDE] if terr.reaches_all(territory) else -1


def _projection(
    graph: nx.MultiDiGraph,
    as_of: str | None,
    exclude: Collection[str],
    layers: Collection[str] | str | None = None,
) -> tuple[list[str], sp.csr_matrix]:
    # every body is a node, tied or not: an isolated body can still adopt, and be a seed
    projection = cooperation_projection(
        view(graph, as_of, exclude), layers=layers, weighting="count"
    )
    ids = sorted(
        n for n, label in graph.nodes(data="label") if label in BODIES and n not in exclude
    )
    index = {n: i for i, n in enumerate(ids)}
    move = sp.csr_matrix(
        (np.ones(projection.n), ([index[n] for n in projection.ids], range(projection.n))),
        shape=(len(ids), projection.n),
    )
    return ids, sp.csr_matrix(move @ projection.weights @ move.T)


def view(
    graph: nx.MultiDiGraph, as_of: str | None, exclude: Collection[str] = ()
) -> nx.MultiDiGraph:
    """The graph as it stood at ``as_of`` (``None``: the latest state; the rule of
    :func:`ozggraph.network.filters.as_of`), without the nodes in ``exclude``."""
    if exclude:
        graph = nx.restricted_view(graph, list(exclude), [])
    return filters.as_of(graph, as_of)
