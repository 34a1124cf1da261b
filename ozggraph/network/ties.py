"""The tie rule: which relationships tie two bodies, and what each tie is made of.

The schema declares how each relationship type ties (``Edge.tie``, see
:data:`ozggraph.schema.types.TieRole`) and which labels are bodies, contexts and
groups that stand for their members (``Node.body``, ``Node.context``,
``Node.stands_for_members``). From that, two bodies are tied by:

* **cooperation** – both are members of the same Cooperation; a Cooperation that is
  itself a member of another stands for its member bodies, recursively, and the tie
  names both (``made_of``: the outer and the inner Cooperation);
* **programme** – both take part in the same Programme;
* **solution** – for each Solution: its makers with each other, and each maker with
  each body that uses it. Two bodies that merely use the same product are *not*
  tied: buying the same software is not working together, and a platform with 400
  users would otherwise add 80,000 links and drown every other signal;
* **money** – funder and recipient of a ``FUNDS`` relationship (one tie per grant).
  Money paid by a Programme ties the Programme's funders to the recipient (made of
  the grant and the Programme); money paid to a Solution ties the funder to its
  makers (made of the grant and the Solution);
* **association / IT provider** – a body and an Association or IT provider it is a
  current member of (Träger, member, founding member, Gesellschafter, member area);
  the members of one are not tied to each other for the same reason as users. A
  ``former member`` or a planned accession is no tie;
* **service** – a body and the provider (or Kreis) it is ``SERVED_BY`` (one per service).

Each :class:`Tie` records its kind and what it is made of (context node ids,
relationship ids), so an explanation of a path names every hop
(:meth:`TieIndex.made_of`). The cooperation network
(:mod:`ozggraph.network.projections`) counts the ties between two bodies.

>>> import ozggraph
>>> ties = TieIndex(ozggraph.load_graph(MINI))
>>> ties.bodies(["coop-ikz-mittelhessen-ozg"]), ties.types["PART_OF"]
(['ags-06531005', 'ags-06532023'], 7)
>>> ties.made_of("ags-06531005", "ags-06532023")
['coop-ikz-mittelhessen-ozg']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx

from ozggraph.network.territory import Territory
from ozggraph.schema import EDGE_TYPES, NODE_TYPES
from ozggraph.schema.edges import BODIES
from ozggraph.schema.nodes import ITProvider, Programme, Solution
from ozggraph.schema.types import NOT_CURRENT_MEMBERSHIPS

#: Relationship types by the way they tie (``Edge.tie`` of the schema).
TIE_TYPES: dict[str, frozenset[str]] = {
    role: frozenset(t for t, m in EDGE_TYPES.items() if m.tie == role)
    for role in ("member", "maker", "user", "money", "client")
}
#: Relationships by which a body makes a solution (develops, operates, provides).
MAKERS = TIE_TYPES["maker"]
#: Relationships by which a body takes part in a context (money stays with its ends).
TAKING_PART = TIE_TYPES["member"] | TIE_TYPES["maker"] | TIE_TYPES["user"]
#: Labels of the contexts of cooperation (``Node.context``).
CONTEXTS = frozenset(label for label, m in NODE_TYPES.items() if m.context)
#: Labels that stand for their members (``Node.stands_for_members``).
GROUPS = frozenset(label for label, m in NODE_TYPES.items() if m.stands_for_members)
_OPERATES = EDGE_TYPES["OPERATES"].type
_PART_OF = EDGE_TYPES["PART_OF"].type
#: Kinds of tie, in the order explanations list them.
KINDS = ("cooperation", "programme", "solution", "money", "association", "service")
#: Layers of cooperation the dataset may hold for a place, by the tie that records them.
LAYERS: tuple[str, ...] = (
    "cooperations",
    "IT providers",
    "IT services",
    "programmes",
    "funding",
    "EfA solutions",
)


@dataclass(frozen=True)
class Tie:
    """One reason bodies are tied.

    ``members`` are tied pairwise (a shared context); else each of ``hubs`` is
    tied to each of ``spokes`` (makers and users, payers and recipients).
    ``made_of``: the context node ids and relationship ids the tie stands on.
    """

    kind: str
    made_of: tuple[str, ...]
    members: tuple[str, ...] = ()
    hubs: tuple[str, ...] = ()
    spokes: tuple[str, ...] = ()

    def ties(self, a: str, b: str) -> bool:
        """Whether this tie joins bodies ``a`` and ``b``."""
        if a == b:
            return False
        if self.members:
            return a in self.members and b in self.members
        return (a in self.hubs and b in self.spokes) or (b in self.hubs and a in self.spokes)


class TieIndex:
    """One pass over the relationships, bucketed by the role they play in ties.

    A country-sized graph has a million relationships and each pass costs
    seconds, so the projection, coverage, funding, weak points, the territory
    and the spread explanations all read this index instead of the graph.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.labels: dict[str, str] = dict(graph.nodes(data="label"))
        self.types: Counter[str] = Counter()
        self.members: defaultdict[str, list[str]] = defaultdict(list)  # group -> sources
        self.associations: list[tuple[str, str, str]] = []  # (member, Assoc./provider, id)
        #: Ties that are no current membership (``former member``, ``accession planned``).
        self.not_current: list[tuple[str, str, str]] = []  # (member, target, relation)
        self.services: list[tuple[str, str, str]] = []  # SERVED_BY: (client, provider, id)
        #: (body, layer) per recorded tie; see :data:`LAYERS`.
        self.layers: list[tuple[str, str]] = []
        self.participants: defaultdict[str, list[str]] = defaultdict(list)  # other contexts
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
            if self.labels[v] == Programme.label:
                self.programme_funders[v].append(u)
        self._expanded: dict[str, list[str]] = {}

    def _add(self, u: str, v: str, key: str, attrs: dict[str, Any]) -> None:
        t = attrs["type"]
        self.types[t] += 1
        model = EDGE_TYPES.get(t)
        role = model.tie if model else None
        if role == "member":
            target = self.labels.get(v)
            if attrs.get("relation") in NOT_CURRENT_MEMBERSHIPS:
                self.not_current.append((u, v, attrs["relation"]))
            elif target in GROUPS:
                self.members[v].append(u)
                self.layers.append((u, "cooperations"))
            elif target in CONTEXTS:
                self.participants[v].append(u)
                self.layers.append((u, "programmes"))
            else:
                self.associations.append((u, v, key))
                if target == ITProvider.label:
                    self.layers.append((u, "IT providers"))
        elif role == "client":
            self.services.append((u, v, key))
            self.layers.append((u, "IT services"))
        elif role == "maker":
            self.makers[v].append(u)
            self.layers.append((u, "EfA solutions"))
            if t == _OPERATES:
                self.operators[v].append(u)
        elif role == "user":
            self.reusers[v].append(u)
            self.layers.append((u, "EfA solutions"))
            self.stages.append((u, v, attrs.get("stage", "")))
        elif role == "money":
            self.funds.append((u, v, key, attrs))
            self.layers.append((v, "funding"))
        elif t == _PART_OF:
            self.part_of[u].append(v)

    @cached_property
    def territory(self) -> Territory:
        """The :class:`~ozggraph.network.territory.Territory` of the same graph."""
        return Territory(self.graph, self)

    def bodies(self, nodes: Iterable[str]) -> list[str]:
        """``nodes`` with each group (Cooperation) replaced by its member bodies; sorted."""
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
        if label not in GROUPS or node in seen:
            return []
        if node not in self._expanded:
            seen.add(node)
            inner = {b for m in self.members[node] for b in self._expand(m, seen)}
            self._expanded[node] = sorted(inner)
        return self._expanded[node]

    def inner_groups(self, group: str, body: str) -> list[str]:
        """The groups nested in ``group`` through which ``body`` belongs to it (outermost first)."""
        for member in sorted(self.members.get(group, ())):
            if member == body:
                return []
        for member in sorted(self.members.get(group, ())):
            if self.labels.get(member) in GROUPS and body in self._expand(member, {group}):
                return [member, *self.inner_groups(member, body)]
        return []

    def funders(self, node: str) -> list[str]:
        """Who pays through ``node``: a body, a group's members, a Programme's funders."""
        if self.labels.get(node) == Programme.label:
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
            self.bodies(m for m, t, _ in self.associations if self.labels[t] == ITProvider.label)
        )
        active.update(self.bodies(c for c, _, _ in self.services))
        return active

    def layers_of(self) -> dict[str, set[str]]:
        """The layers (:data:`LAYERS`) each body has a recorded tie in; Cooperations expand."""
        out: defaultdict[str, set[str]] = defaultdict(set)
        for node, layer in self.layers:
            for body in self.bodies([node]):
                out[body].add(layer)
        return dict(out)

    # -- the ties -------------------------------------------------------------------

    @cached_property
    def ties(self) -> list[Tie]:
        """Every tie of the graph (module rule), in a fixed order."""
        found: list[Tie] = []
        for coop in sorted(self.members):
            found.append(Tie("cooperation", (coop,), members=tuple(self.bodies([coop]))))
        for prog in sorted(self.participants):
            members = tuple(self.bodies(self.participants[prog]))
            found.append(Tie("programme", (prog,), members=members))
        for sol in sorted(set(self.makers) | set(self.reusers)):
            makers = self.bodies(self.makers.get(sol, ()))
            found.append(Tie("solution", (sol,), members=tuple(makers)))
            made = set(makers)
            users = tuple(b for b in self.bodies(self.reusers.get(sol, ())) if b not in made)
            found.append(Tie("solution", (sol,), hubs=tuple(makers), spokes=users))
        for u, v, key, _ in self.funds:
            label = self.labels.get(v)
            through = (u,) if self.labels.get(u) == Programme.label else ()
            if label == Solution.label:
                recipients, through = self.bodies(self.makers.get(v, ())), (*through, v)
            elif label == Programme.label:
                continue  # money into a programme ties its funders to what it pays for
            else:
                recipients = self.bodies([v])
            found.append(
                Tie("money", (key, *through), hubs=tuple(self.funders(u)), spokes=tuple(recipients))
            )
        for member, association, key in self.associations:
            hubs, spokes = tuple(self.bodies([member])), tuple(self.bodies([association]))
            found.append(Tie("association", (key,), hubs=hubs, spokes=spokes))
        for client, provider, key in self.services:
            hubs, spokes = tuple(self.bodies([client])), tuple(self.bodies([provider]))
            found.append(Tie("service", (key,), hubs=hubs, spokes=spokes))
        return [t for t in found if len(t.members) > 1 or (t.hubs and t.spokes)]

    @cached_property
    def _by_body(self) -> dict[str, list[int]]:
        index: defaultdict[str, list[int]] = defaultdict(list)
        for i, tie in enumerate(self.ties):
            for body in {*tie.members, *tie.hubs, *tie.spokes}:
                index[body].append(i)
        return index

    def between(self, a: str, b: str) -> list[Tie]:
        """The ties that join bodies ``a`` and ``b``."""
        shared = set(self._by_body.get(a, ())) & set(self._by_body.get(b, ()))
        return [self.ties[i] for i in sorted(shared) if self.ties[i].ties(a, b)]

    def made_of(self, a: str, b: str) -> list[str]:
        """What ties ``a`` and ``b``: context ids and relationship ids, unique, in tie order.

        For a shared Cooperation reached through a Cooperation that is a member of
        it, the inner Cooperation is named after the outer one.
        """
        out: list[str] = []
        for tie in self.between(a, b):
            parts = list(tie.made_of)
            if tie.kind == "cooperation":
                parts += [g for body in (a, b) for g in self.inner_groups(tie.made_of[0], body)]
            out += [p for p in parts if p not in out]
        return out
