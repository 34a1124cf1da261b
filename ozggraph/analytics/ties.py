"""One pass over the typed graph's relationships, bucketed for every analytic that needs them.

A country-sized graph has a million relationships and each pass over them
costs seconds, so the projection, coverage, funding and weak points all read
this index instead of the graph.

>>> import ozggraph
>>> ties = TieIndex(ozggraph.load_graph("tests/fixtures/mini"))
>>> ties.bodies(["coop-ikz-mittelhessen-ozg"]), ties.types["PART_OF"]
(['ags-06531005', 'ags-06532023'], 7)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ozggraph.schema.edges import BODIES
from ozggraph.schema.types import NOT_CURRENT_MEMBERSHIPS

MAKERS = frozenset({"DEVELOPS", "OPERATES", "PROVIDES"})

#: Layers of cooperation the dataset may hold for a place, by the tie that records them.
LAYERS: tuple[str, ...] = (
    "cooperations",
    "IT providers",
    "IT services",
    "programmes",
    "funding",
    "EfA solutions",
)


class TieIndex:
    """Relationships by the role they play; Cooperations expand to their member bodies."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.labels: dict[str, str] = dict(graph.nodes(data="label"))
        self.types: Counter[str] = Counter()
        self.members: defaultdict[str, list[str]] = defaultdict(list)  # Cooperation -> sources
        self.associations: list[tuple[str, str]] = []  # (member, Association or ITProvider)
        #: Ties that are no current membership (``former member``, ``accession planned``).
        self.not_current: list[tuple[str, str, str]] = []  # (member, target, relation)
        self.services: list[tuple[str, str]] = []  # SERVED_BY: (client, provider)
        #: (body, layer) per recorded tie; see :data:`LAYERS`.
        self.layers: list[tuple[str, str]] = []
        self.participants: defaultdict[str, list[str]] = defaultdict(list)
        self.makers: defaultdict[str, list[str]] = defaultdict(list)
        self.operators: defaultdict[str, list[str]] = defaultdict(list)
        self.reusers: defaultdict[str, list[str]] = defaultdict(list)
        self.stages: list[tuple[str, str, str]] = []  # (reuser, Solution, stage)
        self.funds: list[tuple[str, str, str, dict[str, Any]]] = []  # (u, v, id, properties)
        self.part_of: defaultdict[str, list[str]] = defaultdict(list)
        for u, v, key, attrs in graph.edges(keys=True, data=True):
            self._add(u, v, key, attrs)
        self.programme_funders: defaultdict[str, list[str]] = defaultdict(list)
        for u, v, _, _ in self.funds:
            if self.labels[v] == "Programme":
                self.programme_funders[v].append(u)
        self._expanded: dict[str, list[str]] = {}

    def _add(self, u: str, v: str, key: str, attrs: dict[str, Any]) -> None:
        t = attrs["type"]
        self.types[t] += 1
        if t == "MEMBER_OF":
            if attrs.get("relation") in NOT_CURRENT_MEMBERSHIPS:
                self.not_current.append((u, v, attrs["relation"]))
            elif self.labels[v] == "Cooperation":
                self.members[v].append(u)
                self.layers.append((u, "cooperations"))
            else:
                self.associations.append((u, v))
                if self.labels[v] == "ITProvider":
                    self.layers.append((u, "IT providers"))
        elif t == "SERVED_BY":
            self.services.append((u, v))
            self.layers.append((u, "IT services"))
        elif t == "PARTICIPATES_IN":
            self.participants[v].append(u)
            self.layers.append((u, "programmes"))
        elif t in MAKERS:
            self.makers[v].append(u)
            self.layers.append((u, "EfA solutions"))
            if t == "OPERATES":
                self.operators[v].append(u)
        elif t == "REUSES":
            self.reusers[v].append(u)
            self.layers.append((u, "EfA solutions"))
            self.stages.append((u, v, attrs.get("stage", "")))
        elif t == "FUNDS":
            self.funds.append((u, v, key, attrs))
            self.layers.append((v, "funding"))
        elif t == "PART_OF":
            self.part_of[u].append(v)

    def parents(self) -> dict[str, list[str]]:
        """``PART_OF`` targets per node, sorted, like :func:`.territory.parents`."""
        return {node: sorted(targets) for node, targets in self.part_of.items()}

    def bodies(self, nodes: Iterable[str]) -> list[str]:
        """``nodes`` with each Cooperation replaced by its member bodies; sorted, unique."""
        out: set[str] = set()
        for node in nodes:
            if self.labels.get(node) in BODIES:
                out.add(node)
            else:
                out.update(self._expand(node, set()))
        return sorted(out)

    def _expand(self, node: str, seen: set[str]) -> list[str]:
        label = self.labels.get(node)
        if label in BODIES:
            return [node]
        if label != "Cooperation" or node in seen:
            return []
        if node not in self._expanded:
            seen.add(node)
            inner = {b for m in self.members[node] for b in self._expand(m, seen)}
            self._expanded[node] = sorted(inner)
        return self._expanded[node]

    def funders(self, node: str) -> list[str]:
        """Who pays through ``node``: a body, a Cooperation's members, a Programme's funders."""
        if self.labels.get(node) == "Programme":
            return self.bodies(self.programme_funders.get(node, ()))
        return self.bodies([node])

    def taking_part(self) -> set[str]:
        """Bodies with a recorded tie: in a cooperation, programme or solution, a current
        member (Träger, Gesellschafter ...) of an IT provider, served by a provider, or
        receiving money. Membership of an association alone is no cooperation; a former
        membership or a planned accession is no recorded tie.
        """
        active: set[str] = set()
        for buckets in (self.members, self.participants, self.makers, self.reusers):
            for sources in buckets.values():
                active.update(self.bodies(sources))
        active.update(self.bodies(v for _, v, _, _ in self.funds))
        active.update(
            self.bodies(m for m, t in self.associations if self.labels[t] == "ITProvider")
        )
        active.update(self.bodies(c for c, _ in self.services))
        return active

    def layers_of(self) -> dict[str, set[str]]:
        """The layers (:data:`LAYERS`) each body has a recorded tie in; Cooperations expand."""
        out: defaultdict[str, set[str]] = defaultdict(set)
        for node, layer in self.layers:
            for body in self.bodies([node]):
                out[body].add(layer)
        return dict(out)
