"""The Land rule: where a body sits (Land, level, Kreis) and whose residents it reaches.

One index, :class:`Territory`, answers for analytics, spread and the report alike,
so ``report --land BY`` and ``seeds --land BY`` place the same bodies.

**Land** of a body or territorial unit (:meth:`Territory.land`): the Federation is
:data:`FEDERAL`; a territorial unit has the Land of its AGS/ARS; else the ``land``
property a source gives (associations, IT providers); else the Land of what it is
``PART_OF`` (a ministry ``PART_OF`` its Land). What cannot be placed is
:data:`UNKNOWN`, never guessed.

**Level** (:meth:`Territory.level`): declared per label in the schema
(``Node.government_level``); ministries and agencies are ``bund`` when they
belong to the Federation and ``land`` otherwise.

**Covered territory** (:meth:`Territory.covers`), what a reuse by a body reaches:

- a territorial body covers its own territory;
- a body that acts for the territorial body it is ``PART_OF`` (``Node.organ``:
  ministries, agencies) covers that territory below the Federation; federal ones
  cover no residents: they build and fund solutions, while services reach people
  through Länder and municipalities, so counting all of Germany for them would
  swamp every figure;
- a Cooperation covers the territories of its territorial members (``MEMBER_OF``);
- IT providers, associations and anything else cover no residents of their own.

The **population** of a territory is its ``population`` property, else the sum
over its ``PART_OF`` children; covered territories are merged before summing,
so no resident is counted twice. The **Länder** of a body (:meth:`Territory.lands`)
are its own Land, or for a Cooperation the Länder of what it covers.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ags-06", label="State", ags="06", code="HE", population=6_000_000)
>>> G.add_node("ags-06531005", label="Municipality", ags="06531005")
>>> G.add_node("min-he-x", label="Ministry")
>>> G.add_node("itp-ekom21", label="ITProvider", land="HE")
>>> G.add_edge("min-he-x", "ags-06", type="PART_OF")
0
>>> T = Territory(G)
>>> T.land("ags-06531005"), T.land("min-he-x"), T.level("min-he-x"), T.land("itp-ekom21")
('HE', 'HE', 'land', 'HE')
>>> sorted(T.lands("itp-ekom21")), T.covers("itp-ekom21"), T.covered_population(["min-he-x"])
(['HE'], frozenset(), (6000000, []))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Protocol

import networkx as nx
import numpy as np

from ozggraph.network.relationships import relationships, shown
from ozggraph.schema import EDGE_TYPES, NODE_TYPES
from ozggraph.schema.edges import BODIES, TERRITORIAL
from ozggraph.schema.nodes import District, Federation, MunicipalAssociation, Municipality, State
from ozggraph.schema.types import GOVERNMENT_LEVELS, LANDS


class Relations(Protocol):
    """What :class:`Territory` reads of a tie index (:class:`~ozggraph.network.ties.TieIndex`):
    ``PART_OF`` targets per node and members per group, of the whole graph. A protocol,
    so that the tie rule may build on the territory rule without a circle between them."""

    @property
    def all_part_of(self) -> Mapping[str, Sequence[str]]: ...

    @property
    def all_members(self) -> Mapping[str, Sequence[str]]: ...


#: Land code of the Federation and of federal bodies.
FEDERAL = "DE"
#: Land of a body the graph does not place.
UNKNOWN = "?"
#: Land of a group of bodies in more than one Land.
SEVERAL = "several"
#: Government levels, top down; ``verband`` = associations, ``provider`` = IT providers.
LEVELS = GOVERNMENT_LEVELS
#: Official Land codes by the first two AGS digits (used when a State node has no ``code``):
#: the schema's one table of the Länder.
LAND_CODES = LANDS

_PART_OF = EDGE_TYPES["PART_OF"].type
_MEMBER_OF = EDGE_TYPES["MEMBER_OF"].type
_ORGANS = frozenset(label for label, m in NODE_TYPES.items() if m.organ)
_GROUPS = frozenset(label for label, m in NODE_TYPES.items() if m.stands_for_members)
#: Territorial units between a Gemeinde and its Land (Kreis, Gemeindeverband).
LOCAL_PARENTS = frozenset({District.label, MunicipalAssociation.label})


class Territory:
    """Index of where every body sits, built once from a graph, queried often.

    ``ties``: a :class:`~ozggraph.network.ties.TieIndex` of ``graph`` or of a view of
    it when at hand (saves a pass over the relationships; its ``all_part_of`` and
    ``all_members`` are the whole graph's).
    """

    def __init__(self, graph: nx.MultiDiGraph, ties: Relations | None = None) -> None:
        self.graph = graph
        self.labels: dict[str, str] = dict(graph.nodes(data="label", default=""))
        part_of: Mapping[str, Sequence[str]]
        members: Mapping[str, Sequence[str]]
        if ties is None:
            part_of, members = _relations(graph, self.labels)
        else:
            part_of, members = ties.all_part_of, ties.all_members
        #: ``PART_OF`` targets of every node, sorted.
        self.parents: dict[str, list[str]] = {
            n: sorted(set(ts)) if len(ts) > 1 else list(ts) for n, ts in part_of.items()
        }
        self.territorial_parents: dict[str, set[str]] = defaultdict(set)
        self.children: dict[str, set[str]] = defaultdict(set)
        self.organ_of: dict[str, set[str]] = defaultdict(set)
        for u, targets in self.parents.items():
            lu = self.labels.get(u)
            for v in targets:
                if self.labels.get(v) not in TERRITORIAL:
                    continue
                if lu in TERRITORIAL:
                    self.territorial_parents[u].add(v)
                    self.children[v].add(u)
                elif lu in _ORGANS:
                    self.organ_of[u].add(v)
        self.members: dict[str, set[str]] = {
            g: {m for m in ms if self.labels.get(m) in TERRITORIAL} for g, ms in members.items()
        }
        self._land: dict[str, str] = {}
        self._population: dict[str, int | None] = {}
        self._covers: dict[str, frozenset[str]] = {}
        self._lands: dict[str, frozenset[str]] = {}
        self._ancestors: dict[str, frozenset[str]] = {}

    # -- Land and level ---------------------------------------------------------------

    @cached_property
    def codes(self) -> dict[str, str]:
        """Land code by the first two AGS digits (State ``code`` properties first)."""
        codes = dict(LAND_CODES)
        for node, label in self.labels.items():
            attrs = self.graph.nodes[node]
            if label == State.label and attrs.get("ags") and attrs.get("code"):
                codes[attrs["ags"]] = attrs["code"]
        return codes

    def land(self, node: str) -> str:
        """Land code of a body or territorial unit: ``HE``…, :data:`FEDERAL` or :data:`UNKNOWN`."""
        if node not in self._land:
            self._land[node] = self._find_land(node, set())
        return self._land[node]

    def _find_land(self, node: str, seen: set[str]) -> str:
        if node in self._land:
            return self._land[node]
        attrs = self.graph.nodes[node]
        key = attrs.get("ags") or attrs.get("ars")
        if self.labels.get(node) == Federation.label:
            return FEDERAL
        if key and key[:2] in self.codes:
            return self.codes[key[:2]]
        if attrs.get("land"):  # an association or provider whose Land a source gives
            return str(attrs["land"])
        seen.add(node)  # PART_OF cycles are not forbidden by the schema
        for parent in self.parents.get(node, ()):
            if parent not in seen and (found := self._find_land(parent, seen)) != UNKNOWN:
                self._land[node] = found
                return found
        return UNKNOWN

    @cached_property
    def body_lands(self) -> dict[str, str]:
        """:meth:`land` of every body of the graph."""
        return {n: self.land(n) for n, label in self.labels.items() if label in BODIES}

    def level(self, node: str) -> str:
        """Government level (one of :data:`LEVELS`) of a body."""
        declared = NODE_TYPES[self.labels[node]].government_level
        return declared or ("bund" if self.land(node) == FEDERAL else "land")

    def kreis(self, node: str) -> str | None:
        """The District (Kreis or kreisfreie Stadt) a Municipality belongs to.

        Follows ``PART_OF`` (also through a MunicipalAssociation); falls back to the
        first five AGS digits when that District is in the graph.
        """
        frontier, seen = list(self.parents.get(node, ())), {node}
        while frontier:
            nxt = frontier.pop(0)
            if nxt in seen:
                continue
            seen.add(nxt)
            if self.labels.get(nxt) == District.label:
                return nxt
            frontier.extend(self.parents.get(nxt, ()))
        guess = f"ags-{self.graph.nodes[node].get('ags', '')[:5]}"
        return guess if self.labels.get(guess) == District.label else None

    def local_parents(self, node: str) -> list[str]:
        """Kreis and Gemeindeverband above a Gemeinde (stops at the Land)."""
        found, frontier = [], list(self.parents.get(node, ()))
        while frontier:
            p = frontier.pop()
            if self.labels.get(p) in LOCAL_PARENTS and p not in found:
                found.append(p)
                frontier.extend(self.parents.get(p, ()))
        return found

    # -- covered territory and population ----------------------------------------------

    def covers(self, node: str) -> frozenset[str]:
        """Territorial ids whose residents a reuse by ``node`` reaches (see module rule)."""
        if node not in self._covers:
            self._covers[node] = self._cover(node)
        return self._covers[node]

    def _cover(self, node: str) -> frozenset[str]:
        label = self.labels.get(node)
        if label in TERRITORIAL:
            return frozenset({node})
        if label in _ORGANS:
            return frozenset(
                t for t in self.organ_of.get(node, ()) if self.labels.get(t) != Federation.label
            )
        if label in _GROUPS:
            return frozenset(self.members.get(node, ()))
        return frozenset()

    def ancestors(self, node: str) -> frozenset[str]:
        """All territorial units above ``node`` (via ``PART_OF``)."""
        if node not in self._ancestors:
            found: set[str] = set()
            stack = list(self.territorial_parents.get(node, ()))
            while stack:
                parent = stack.pop()
                if parent not in found:
                    found.add(parent)
                    stack.extend(self.territorial_parents.get(parent, ()))
            self._ancestors[node] = frozenset(found)
        return self._ancestors[node]

    def outermost(self, territories: Iterable[str]) -> set[str]:
        """Drop every territory that lies inside another one of the set."""
        chosen = set(territories)
        return {t for t in chosen if not (self.ancestors(t) & chosen)}

    def population(self, territory: str) -> int | None:
        """Residents of one territory; ``None`` when neither it nor its children say."""
        if territory not in self._population:
            own = self.graph.nodes[territory].get("population")
            if own is None:
                parts = [self.population(c) for c in self.children.get(territory, ())]
                known = [p for p in parts if p is not None]
                own = sum(known) if known else None
            self._population[territory] = own
        return self._population[territory]

    def covered_population(self, bodies: Iterable[str]) -> tuple[int, list[str]]:
        """Residents reached by a set of bodies, each counted once; and territories of
        unknown population (so a partial sum is never passed off as complete)."""
        territories = self.outermost(t for b in bodies for t in self.covers(b))
        total, unknown = 0, []
        for t in sorted(territories):
            pop = self.population(t)
            if pop is None:
                unknown.append(t)
            else:
                total += pop
        return total, unknown

    @cached_property
    def states(self) -> dict[str, str]:
        """State node id -> Land code."""
        return {n: self.land(n) for n, label in self.labels.items() if label == State.label}

    def lands(self, node: str) -> frozenset[str]:
        """Land codes a body belongs to or covers; empty for federal and unplaced bodies.

        A body has its :meth:`land`; a Cooperation the Länder of the territories it
        covers. A Federation-wide body is not "in" a Land: it reaches all of them, and
        :meth:`reaches_all` says so instead of listing sixteen codes.
        """
        if node not in self._lands:
            if self.labels.get(node) in BODIES:
                own = self.land(node)
                codes = {own} if own not in (FEDERAL, UNKNOWN) else set()
            else:
                codes = {self.land(t) for t in self.covers(node)} - {FEDERAL, UNKNOWN}
            self._lands[node] = frozenset(codes)
        return self._lands[node]

    def shared_land(self, bodies: Iterable[str]) -> str:
        """The Land a group of bodies is in: the one they share, else :data:`SEVERAL`.

        A body the graph does not place counts as :data:`UNKNOWN` (a group of
        only such bodies is :data:`UNKNOWN`; none at all too).
        """
        found = {self.body_lands.get(b, UNKNOWN) for b in bodies}
        if not found:
            return UNKNOWN
        return found.pop() if len(found) == 1 else SEVERAL

    def land_population(self) -> dict[str, int]:
        """Residents per Land code, from the State's ``population`` (or its parts')."""
        result = {}
        for state, code in self.states.items():
            residents = self.population(state)
            if code and residents:
                result[code] = residents
        return result

    def reaches_all(self, node: str) -> bool:
        """Whether the body covers the Federation."""
        return any(self.labels.get(t) == Federation.label for t in self.covers(node))


def _relations(
    graph: nx.MultiDiGraph, labels: Mapping[str, str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """``PART_OF`` targets per node and members per group of the relationships ``graph``
    shows, from the index (:mod:`ozggraph.network.relationships`), in their order."""
    rel = relationships(graph)
    edges, _ = shown(graph)
    up: defaultdict[str, list[str]] = defaultdict(list)
    inside: defaultdict[str, list[str]] = defaultdict(list)
    u, v = rel.u, rel.v
    for i in np.flatnonzero(edges & rel.of_types([_PART_OF])).tolist():
        up[u[i]].append(v[i])
    for i in np.flatnonzero(edges & rel.of_types([_MEMBER_OF])).tolist():
        if labels.get(v[i]) in _GROUPS:
            inside[v[i]].append(u[i])
    return up, inside


def land_of(graph: nx.MultiDiGraph, territory: Territory | None = None) -> dict[str, str]:
    """Land code of every body (:meth:`Territory.land`): ``HE``…, :data:`FEDERAL` or ``?``."""
    return dict((territory or Territory(graph)).body_lands)


def level_of(graph: nx.MultiDiGraph, territory: Territory | None = None) -> dict[str, str]:
    """Government level (one of :data:`LEVELS`) of every body in ``graph``."""
    terr = territory or Territory(graph)
    return {n: terr.level(n) for n in terr.body_lands if n in graph}


def kreis_of(graph: nx.MultiDiGraph, territory: Territory | None = None) -> dict[str, str]:
    """The District each Municipality belongs to (:meth:`Territory.kreis`)."""
    terr = territory or Territory(graph)
    found = {
        n: terr.kreis(n)
        for n, label in terr.labels.items()
        if label == Municipality.label and n in graph
    }
    return {n: k for n, k in found.items() if k is not None}
