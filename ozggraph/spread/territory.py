"""Whose residents a body's reuse reaches: coverage, population and Länder.

The rule, one for observed and simulated spread alike:

- a territorial body (Federation, State, Regierungsbezirk, Kreis, Gemeindeverband,
  Gemeinde) covers its own territory;
- a Ministry or Agency that is ``PART_OF`` a territorial body below the
  Federation acts for it and covers that territory (a Land ministry covers the
  Land); federal ministries and agencies cover no residents: they build and
  fund solutions, while the services reach people through Länder and
  municipalities, so counting all of Germany for them would swamp every figure;
- a Cooperation covers the territories of its territorial members (``MEMBER_OF``);
- IT providers, associations and anything else cover no residents of their own:
  they count as bodies, never as population.

The population of a territory is its ``population`` property, else the sum over
its ``PART_OF`` children. Covered territories are merged before summing: a
territory inside another covered one (a Gemeinde in a covered Land) adds
nothing, so no resident is counted twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

import networkx as nx

from ozggraph.schema.edges import TERRITORIAL

#: Labels that act for the territorial body they are ``PART_OF``.
ORGANS = frozenset({"Ministry", "Agency"})


class Territory:
    """Index of the territorial hierarchy of a graph, built once, queried often."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.parents: dict[str, set[str]] = defaultdict(set)
        self.children: dict[str, set[str]] = defaultdict(set)
        self.organ_of: dict[str, set[str]] = defaultdict(set)
        self.members: dict[str, set[str]] = defaultdict(set)
        for u, v, attrs in graph.edges(data=True):
            kind, lu, lv = attrs.get("type"), _label(graph, u), _label(graph, v)
            if kind == "PART_OF" and lu in TERRITORIAL and lv in TERRITORIAL:
                self.parents[u].add(v)
                self.children[v].add(u)
            elif kind == "PART_OF" and lu in ORGANS and lv in TERRITORIAL:
                self.organ_of[u].add(v)
            elif kind == "MEMBER_OF" and lu in TERRITORIAL and lv == "Cooperation":
                self.members[v].add(u)
        self._population: dict[str, int | None] = {}
        self._covers: dict[str, frozenset[str]] = {}
        self._lands: dict[str, frozenset[str]] = {}
        self._ancestors: dict[str, frozenset[str]] = {}

    def covers(self, node: str) -> frozenset[str]:
        """Territorial ids whose residents a reuse by ``node`` reaches (see module rule)."""
        if node not in self._covers:
            self._covers[node] = self._cover(node)
        return self._covers[node]

    def _cover(self, node: str) -> frozenset[str]:
        label = _label(self.graph, node)
        if label in TERRITORIAL:
            return frozenset({node})
        if label in ORGANS:
            return frozenset(
                t for t in self.organ_of.get(node, ()) if _label(self.graph, t) != "Federation"
            )
        if label == "Cooperation":
            return frozenset(self.members.get(node, ()))
        return frozenset()

    def ancestors(self, node: str) -> frozenset[str]:
        """All territorial units above ``node`` (via ``PART_OF``)."""
        if node not in self._ancestors:
            found: set[str] = set()
            stack = list(self.parents.get(node, ()))
            while stack:
                parent = stack.pop()
                if parent not in found:
                    found.add(parent)
                    stack.extend(self.parents.get(parent, ()))
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
        """State node id -> Land code (``code`` property, else its name)."""
        return {
            n: str(a.get("code") or a.get("name") or n)
            for n, a in self.graph.nodes(data=True)
            if a.get("label") == "State"
        }

    def lands(self, node: str) -> frozenset[str]:
        """Land codes a body belongs to or covers; empty for Bund-level and unplaced bodies.

        A Federation-wide body is not "in" a Land: it reaches all of them, and
        :meth:`reaches_all` says so instead of listing sixteen codes.
        """
        if node not in self._lands:
            self._lands[node] = self._land_codes(node)
        return self._lands[node]

    def _land_codes(self, node: str) -> frozenset[str]:
        codes: set[str] = set()
        for t in self.covers(node) or self._seat(node):
            for unit in {t} | self.ancestors(t):
                if unit in self.states:
                    codes.add(self.states[unit])
        return frozenset(codes)

    def reaches_all(self, node: str) -> bool:
        """Whether the body covers the Federation (a federal body or ministry)."""
        return any(_label(self.graph, t) == "Federation" for t in self.covers(node))

    def _seat(self, node: str) -> frozenset[str]:
        # providers and associations cover nobody, but a PART_OF says where they sit
        return frozenset(
            v
            for _, v, a in self.graph.out_edges(node, data=True)
            if a.get("type") == "PART_OF" and _label(self.graph, v) in TERRITORIAL
        )


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label", ""))
