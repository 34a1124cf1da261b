"""The relationships of a graph read once: the index every filter and analysis reads.

A country-sized graph has a million relationships. Iterating them through NetworkX
costs seconds, and through a filtered view (as of a date, one Land, facts only) five
to ten times more, since every relationship passes layers of Python filters. So the
graph underneath every view is read once, in the order of ``graph.edges``, into plain
lists and NumPy columns (:class:`Relationships`: ends, type, the time rule's days,
evidence, the year a source last confirmed it), kept while the graph lives. What a
view shows is one boolean array over those relationships and one over the nodes
(:func:`shown`), computed when the view is made: the filters of
:mod:`ozggraph.network.filters` build their views from the columns and record what
they show, and :class:`~ozggraph.network.ties.TieIndex`,
:func:`~ozggraph.network.filters.tie_ages` and the territory read the index instead
of the view. Hand-written because no kept library indexes a NetworkX graph's
edge attributes; the rules themselves stay where they live (the time rule in
:mod:`ozggraph.schema.dates`, claims and ties in the schema).

>>> G = nx.MultiDiGraph()
>>> G.add_edge("a", "c", key="m1", type="MEMBER_OF", valid_to="2020", evidence="fact")
'm1'
>>> G.add_edge("b", "c", key="m2", type="MEMBER_OF", valid_from="2021-06")
'm2'
>>> rel = relationships(G)
>>> rel.keys, rel.in_force(None).tolist(), rel.in_force("2020-12-31").tolist()
(['m1', 'm2'], [False, True], [True, False])
>>> rel.confirmed_years.tolist(), rel.evidence
([0, 2021], ['fact', 'none'])
>>> view = nx.restricted_view(G, ["a"], [])
>>> [m.tolist() for m in shown(view)]
[[False, True], [False, True, True]]
"""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np

from ozggraph.schema import EDGE_TYPES
from ozggraph.schema import dates as partial

#: Relationship types that are claims (they carry ``evidence``), from the schema.
CLAIMS = frozenset(t for t, model in EDGE_TYPES.items() if model.claim)
#: Relationship types that make a tie (``Edge.tie`` of the schema).
TYING = frozenset(t for t, model in EDGE_TYPES.items() if model.tie is not None)
#: Properties that place a claim in time.
DATES = ("valid_from", "date", "valid_to")
#: Properties a confirmation is read from (:func:`ozggraph.network.filters.confirmed`).
CONFIRMING = ("last_confirmed", "date", "valid_from")
_NO_DAY = np.iinfo(np.int64).min


def base_of(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph underneath (nested) filtered views; ``graph`` itself if it is none."""
    while hasattr(graph, "_EDGE_OK") and hasattr(graph, "_graph"):
        graph = graph._graph
    return graph


def undated(attrs: dict[str, Any]) -> bool:
    """A claim (relationship or Event) that no date places in time."""
    claim = attrs.get("type") in CLAIMS or attrs.get("label") == "Event"
    return claim and not any(attrs.get(f) for f in DATES)


class _Facts:
    """Time columns of facts (nodes or relationships), as day numbers (``toordinal``)."""

    def __init__(self, attrs: list[dict[str, Any]]) -> None:
        self.attrs = attrs
        # partial.begins and undated, written out: a million calls cost a second
        self.begins = [a.get("valid_from") or a.get("date") or None for a in attrs]
        self.valid_to = [a.get("valid_to") for a in attrs]
        self.has_end = np.fromiter((t is not None for t in self.valid_to), bool, len(attrs))
        claims = (a.get("type") in CLAIMS or a.get("label") == "Event" for a in attrs)
        self.undated = np.fromiter(claims, bool, len(attrs)) & np.fromiter(
            (b is None and not t for b, t in zip(self.begins, self.valid_to, strict=True)),
            bool,
            len(attrs),
        )

    @cached_property
    def starts(self) -> np.ndarray:
        """First day of each fact (:func:`~ozggraph.schema.dates.begins`); none: the minimum."""
        days = (partial.start(b).toordinal() if b is not None else _NO_DAY for b in self.begins)
        return np.fromiter(days, np.int64, len(self.begins))

    @cached_property
    def ends(self) -> np.ndarray:
        """Last day of each ``valid_to`` (none: the minimum, never read)."""
        days = (partial.end(t).toordinal() if t is not None else _NO_DAY for t in self.valid_to)
        return np.fromiter(days, np.int64, len(self.valid_to))

    def in_force(self, day: str | None) -> np.ndarray:
        """:func:`ozggraph.schema.dates.in_force` of every fact on ISO ``day`` (None:
        the latest state), undated facts in force."""
        if day is None:
            return ~self.has_end
        when = dt.date.fromisoformat(day).toordinal()
        return ~(self.starts > when) & ~(self.has_end & (self.ends < when))


class Relationships:
    """The relationships of one graph (not a view), in the order of ``graph.edges``.

    Lists ``u``, ``v``, ``keys``, ``attrs``, ``types``, ``evidence`` and the node
    positions ``ui``, ``vi`` (in ``nodes``), built in one pass; the time rule's
    columns, claims and confirmation years on first use.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.nodes: list[str] = list(graph)
        self.node_index = {n: i for i, n in enumerate(self.nodes)}
        self.node_attrs: list[dict[str, Any]] = list(graph._node.values())
        self.labels: list[Any] = [a.get("label") for a in self.node_attrs]
        edges = _edges(graph)
        self.size = len(edges)
        columns = [list(c) for c in zip(*edges, strict=True)] if edges else [[], [], [], []]
        self.u: list[str] = columns[0]
        self.v: list[str] = columns[1]
        self.keys: list[Any] = columns[2]
        self.attrs: list[dict[str, Any]] = columns[3]
        self.types: list[Any] = [a.get("type") for a in self.attrs]
        #: ``evidence`` of each relationship (``none``: not given).
        self.evidence: list[Any] = [a.get("evidence", "none") for a in self.attrs]
        index = self.node_index
        self.ui = np.array([index[u] for u in self.u], dtype=np.int64)
        self.vi = np.array([index[v] for v in self.v], dtype=np.int64)
        self.type_names = sorted({t for t in self.types if t is not None})
        codes = {t: i for i, t in enumerate(self.type_names)}
        self.type_codes = np.fromiter((codes.get(t, -1) for t in self.types), np.int64, self.size)
        self._counts = _counts(graph)

    def of_types(self, types: Iterable[str]) -> np.ndarray:
        """Which relationships have one of ``types``."""
        wanted = [i for i, t in enumerate(self.type_names) if t in set(types)]
        return np.isin(self.type_codes, wanted)

    @cached_property
    def claims(self) -> np.ndarray:
        """Which relationships are claims (``Edge.claim``)."""
        return self.of_types(CLAIMS)

    @cached_property
    def tying(self) -> np.ndarray:
        """Which relationships make a tie (``Edge.tie``)."""
        return self.of_types(TYING)

    @cached_property
    def facts(self) -> _Facts:
        return _Facts(self.attrs)

    @cached_property
    def node_facts(self) -> _Facts:
        return _Facts(self.node_attrs)

    def in_force(self, day: str | None) -> np.ndarray:
        """Which relationships hold on ISO ``day`` (None: the latest state)."""
        return self.facts.in_force(day)

    @cached_property
    def evidence_codes(self) -> tuple[list[Any], np.ndarray]:
        """The evidence values found (in order of first use) and each relationship's position."""
        codes: dict[Any, int] = {}
        found = [codes.setdefault(e, len(codes)) for e in self.evidence]
        return list(codes), np.array(found, dtype=np.int64)

    def evidence_in(self, allowed: Iterable[str]) -> np.ndarray:
        """Which relationships have an ``evidence`` in ``allowed``."""
        keep = set(allowed)
        return np.fromiter((e in keep for e in self.evidence), bool, self.size)

    @cached_property
    def confirmed_years(self) -> np.ndarray:
        """Year of :func:`~ozggraph.network.filters.confirmed` of every tie (0: undated;
        relationships that make no tie: 0). The latest of the dates is the one of the
        latest year, so the year is read off the dates directly."""
        years = [0] * self.size
        every = self.attrs
        for i in np.flatnonzero(self.tying).tolist():
            attrs = every[i]
            found = [int(str(attrs[f])[:4]) for f in CONFIRMING if attrs.get(f)]
            if found:
                years[i] = max(found)
        return np.array(years, dtype=np.int64)

    def edge_ids(self, which: np.ndarray) -> list[tuple[str, str, Any]]:
        """``(u, v, key)`` of the relationships where ``which`` is true."""
        u, v, keys = self.u, self.v, self.keys
        return [(u[i], v[i], keys[i]) for i in np.flatnonzero(which).tolist()]

    def node_ids(self, which: np.ndarray) -> list[str]:
        """The nodes where ``which`` is true."""
        return [self.nodes[i] for i in np.flatnonzero(which).tolist()]

    def node_mask(self, nodes: Iterable[str]) -> np.ndarray:
        """``nodes`` as a boolean array over :attr:`nodes`."""
        mask = np.zeros(len(self.nodes), bool)
        index = self.node_index
        mask[[index[n] for n in nodes if n in index]] = True
        return mask


def _edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, Any, dict[str, Any]]]:
    """``graph.edges(keys=True, data=True)``, read off the adjacency of a directed
    multigraph (NetworkX's edge view calls a function per relationship)."""
    if not graph.is_multigraph():  # a simple graph: no keys
        return [(u, v, None, d) for u, v, d in graph.edges(data=True)]
    if not graph.is_directed():
        return list(graph.edges(keys=True, data=True))
    return [
        (u, v, k, d)
        for u, targets in graph._succ.items()
        for v, keyed in targets.items()
        for k, d in keyed.items()
    ]


def _counts(graph: nx.MultiDiGraph) -> tuple[int, int]:
    """Nodes and linked pairs of ``graph``: cheap to count (``number_of_edges`` of a
    multigraph walks every node's degree: a second at a million relationships)."""
    return len(graph._node), sum(map(len, graph._adj.values()))


#: Per graph (while it lives): its index. Graphs are not changed once built; the
#: counts of nodes and linked pairs guard against one that was.
_INDEX: weakref.WeakKeyDictionary[nx.MultiDiGraph, Relationships] = weakref.WeakKeyDictionary()
#: Per view (while it lives): which relationships and nodes of its base it shows.
_SHOWN: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[np.ndarray, np.ndarray]] = (
    weakref.WeakKeyDictionary()
)


def relationships(graph: nx.MultiDiGraph) -> Relationships:
    """The :class:`Relationships` of the graph under ``graph`` (built once per graph)."""
    base = base_of(graph)
    found = _INDEX.get(base)
    if found is None or found._counts != _counts(base):
        with collecting_later():
            found = _INDEX[base] = Relationships(base)
    return found


@contextmanager
def collecting_later() -> Iterator[None]:
    """Pause the cyclic garbage collector: building lists of a million new tuples
    triggers full collections that rescan every dict of the graph (3× the build)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def shown(graph: nx.MultiDiGraph) -> tuple[np.ndarray, np.ndarray]:
    """Which relationships and which nodes of :func:`relationships` ``graph`` shows.

    A view made by :func:`restricted` is known at once; any other view is read
    once through its filters (in the order of ``graph.edges``).
    """
    rel = relationships(graph)
    if graph is rel.graph:
        return np.ones(rel.size, bool), np.ones(len(rel.nodes), bool)
    found = _SHOWN.get(graph)
    if found is None:
        found = _SHOWN[graph] = _read_filters(graph, rel)
    return found


def _read_filters(graph: nx.MultiDiGraph, rel: Relationships) -> tuple[np.ndarray, np.ndarray]:
    edge_ok = []
    base = graph
    while hasattr(base, "_EDGE_OK") and hasattr(base, "_graph"):
        edge_ok.append(base._EDGE_OK)
        base = base._graph
    nodes = rel.node_mask(graph)  # every node filter applied once
    edges = nodes[rel.ui] & nodes[rel.vi]
    u, v, keys = rel.u, rel.v, rel.keys
    multi = base.is_multigraph()
    for i in np.flatnonzero(edges).tolist():
        ends = (u[i], v[i], keys[i]) if multi else (u[i], v[i])
        edges[i] = all(ok(*ends) for ok in edge_ok)
    return edges, nodes


def restricted(
    graph: nx.MultiDiGraph,
    hide_nodes: np.ndarray,
    hide_edges: np.ndarray,
    meta: dict[str, Any],
) -> nx.MultiDiGraph:
    """``nx.restricted_view`` of ``graph`` without the nodes and relationships (boolean
    arrays over :func:`relationships`) hidden, its ``graph`` attribute ``graph.graph``
    with ``meta``; what it shows is recorded for :func:`shown`."""
    rel = relationships(graph)
    edges, nodes = shown(graph)
    hide_nodes, hide_edges = hide_nodes & nodes, hide_edges & edges
    view = nx.restricted_view(graph, rel.node_ids(hide_nodes), rel.edge_ids(hide_edges))
    view.graph = {**graph.graph, **meta}  # a view shares the dict
    visible = nodes & ~hide_nodes
    _SHOWN[view] = (edges & ~hide_edges & visible[rel.ui] & visible[rel.vi], visible)
    return view
