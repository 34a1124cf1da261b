"""The tie rule: which relationships tie two bodies, in which layer, with which weight.

Words, each with one meaning:

* a **relationship** is an edge of the typed graph (``MEMBER_OF``, ``FUNDS`` ...);
* its **role** (``Edge.tie`` in the schema, :data:`ozggraph.schema.types.TieRole`) says
  how it takes part: member, maker, user, money, client;
* a **context** (:class:`Context`) is what bodies are tied through: one Cooperation,
  Programme, Solution, grant, the members of one IT provider or association, the
  clients of one service of a provider;
* a **tie** joins two bodies through one context, in one **layer** (its meaning:
  ``cooperation``, ``reuse``, ``money``, ``service``, ``programme``; declared per
  relationship type and context label as ``Edge.layers``, see
  :mod:`ozggraph.schema.layers`);
* a **link** is a pair of bodies of the network: the sum of their ties in the layers
  asked for (:mod:`ozggraph.network.projections`).

The contexts (Cooperations nested in Cooperations stand for their member bodies):

* **cooperation** – members of one Cooperation, each with each (clique); a body with
  the IT provider or association it is a *current* member of (Träger, member,
  Gesellschafter ...; star, one context per provider). ``former member`` and
  ``accession planned`` make no tie;
* **reuse** – the makers of a Solution with each other (clique); each maker → each
  user (star). Two users of one product are not tied: buying the same software is
  not working together;
* **money** – funder → recipient, one context per grant; money paid by a Programme
  ties the Programme's funders to the recipient, money paid to a Solution goes to its
  makers. Two recipients of one round are not tied;
* **service** – client → provider (star, one context per provider, relation and
  application: the clients of one hosted application form one context); a
  ``historical customer`` (held then, not known to hold now) makes no tie;
* **programme** – participants of one Programme, each with each (clique).

**Weight** (:attr:`Context.weight`): every tie through a context of *n* bodies weighs
1/(n−1) (Newman 2001, collaboration networks): a member's ties through one context
add up to 1 whatever its size. A star's context counts its hub: the n members of an
IT provider tie to it with 1/n each, so a body of 1,200 statutory members gains the
strength of one partner from them, not of 1,200.

Each context records what it is made of (context node ids, relationship ids), so an
explanation of a path names every hop (:meth:`TieIndex.made_of`).

>>> import ozggraph
>>> ties = TieIndex(ozggraph.load_graph(MINI))
>>> ties.bodies(["coop-ikz-mittelhessen-ozg"]), ties.types["PART_OF"]
(['ags-06531005', 'ags-06532023'], 7)
>>> ties.made_of("ags-06531005", "ags-06532023")
['coop-ikz-mittelhessen-ozg']
>>> ties.layers_between("ags-06531005", "ags-06532023")
['cooperation']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ozggraph.network.relationships import Relationships, relationships, shown
from ozggraph.network.territory import Territory
from ozggraph.schema import EDGE_TYPES, NODE_TYPES
from ozggraph.schema.edges import BODIES
from ozggraph.schema.layers import LAYERS, TieRule
from ozggraph.schema.nodes import ITProvider, Programme, Solution
from ozggraph.schema.types import NOT_CURRENT_MEMBERSHIPS, NOT_CURRENT_SERVICES

#: Relationship types by their role (``Edge.tie`` of the schema).
TIE_TYPES: dict[str, frozenset[str]] = {
    role: frozenset(t for t, m in EDGE_TYPES.items() if m.tie == role)
    for role in ("member", "maker", "user", "money", "client")
}
#: Relationships by which a body takes part in a context (money stays with its ends).
TAKING_PART = TIE_TYPES["member"] | TIE_TYPES["maker"] | TIE_TYPES["user"]
#: Weightings of ties: ``newman`` 1/(n−1) per context of n bodies (the default);
#: ``count`` every tie 1 (a context of 400 counts like a pair: for comparison only).
WEIGHTINGS = ("newman", "count")
#: Labels of the contexts of cooperation (``Node.context``).
CONTEXTS = frozenset(label for label, m in NODE_TYPES.items() if m.context)
#: Labels that stand for their members (``Node.stands_for_members``).
GROUPS = frozenset(label for label, m in NODE_TYPES.items() if m.stands_for_members)
_OPERATES = EDGE_TYPES["OPERATES"].type
_PART_OF = EDGE_TYPES["PART_OF"].type
_MEMBER_OF = EDGE_TYPES["MEMBER_OF"].type
_ROLES = {t: m.tie for t, m in EDGE_TYPES.items() if m.tie is not None}
_NOT_CURRENT = NOT_CURRENT_MEMBERSHIPS | NOT_CURRENT_SERVICES


def rule_of(rel_type: str, target_label: str | None) -> TieRule | None:
    """The schema's :class:`~ozggraph.schema.layers.TieRule` of a relationship, if it ties."""
    model = EDGE_TYPES.get(rel_type)
    if model is None or not model.layers:
        return None
    return model.layers.get(target_label or "") or model.layers.get("*")


def layer_of(rel_type: str, target_label: str | None, attrs: dict[str, Any]) -> str | None:
    """The layer of the ties one relationship makes (``None``: it makes none).

    >>> layer_of("SERVED_BY", "ITProvider", {"relation": "hosting"})
    'service'
    >>> layer_of("MEMBER_OF", "ITProvider", {"relation": "former member"}) is None
    True
    """
    if attrs.get("relation") in _NOT_CURRENT:
        return None
    key = (rel_type, target_label)
    if key not in _LAYER_OF:
        rule = rule_of(rel_type, target_label)
        _LAYER_OF[key] = rule.layer if rule else None
    return _LAYER_OF[key]


_LAYER_OF: dict[tuple[str, str | None], str | None] = {}  # the schema's answers, remembered


@dataclass(frozen=True)
class Context:
    """One context bodies are tied through, in one layer.

    A clique ties its ``members`` pairwise; a star ties each of ``tails`` to each of
    ``heads`` (pointing in the layer's direction: maker → user, funder → recipient,
    client → provider; member → provider or association in the undirected
    cooperation layer). ``made_of``: the context node ids and relationship ids.
    """

    layer: str
    made_of: tuple[str, ...]
    members: tuple[str, ...] = ()
    tails: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """Bodies in the context (n)."""
        return len(self.members) if self.members else len({*self.tails, *self.heads})

    @property
    def weight(self) -> float:
        """Weight of each of its ties: 1/(n−1) (Newman 2001)."""
        return 1.0 / (self.size - 1) if self.size > 1 else 0.0

    def ties(self, a: str, b: str) -> bool:
        """Whether this context ties bodies ``a`` and ``b``."""
        if a == b:
            return False
        if self.members:
            return a in self.members and b in self.members
        return (a in self.tails and b in self.heads) or (b in self.tails and a in self.heads)


class TieIndex:
    """The relationships a graph or view shows, bucketed by the role they play in ties.

    Read from the index of the graph's relationships
    (:mod:`ozggraph.network.relationships`: one pass per graph, what a view shows as
    one boolean array), never by iterating a view; the projection, coverage,
    funding, weak points, the territory and the spread explanations all read this
    index instead of the graph.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        rel = relationships(graph)
        edges, nodes = shown(graph)
        self.labels: dict[str, str] = {rel.nodes[i]: rel.labels[i] for i in np.flatnonzero(nodes)}
        self.types: Counter[str] = Counter()
        self.members: defaultdict[str, list[str]] = defaultdict(list)  # group -> sources
        self.associations: list[tuple[str, str, str]] = []  # (member, Assoc./provider, id)
        #: Ties that are no current membership (``former member``, ``accession planned``).
        self.not_current: list[tuple[str, str, str]] = []  # (member, target, relation)
        #: SERVED_BY: (client, provider, id, relation, application).
        self.services: list[tuple[str, str, str, str, str]] = []
        #: (node, layer) per relationship that ties; see :mod:`ozggraph.schema.layers`.
        self.layers: list[tuple[str, str]] = []
        self.participants: defaultdict[str, list[str]] = defaultdict(list)  # other contexts
        self.makers: defaultdict[str, list[str]] = defaultdict(list)
        self.operators: defaultdict[str, list[str]] = defaultdict(list)
        #: Evidence of each ``OPERATES`` by Solution.
        self.operator_evidence: defaultdict[str, set[str]] = defaultdict(set)
        self.reusers: defaultdict[str, list[str]] = defaultdict(list)
        self.stages: list[tuple[str, str, str]] = []  # (reuser, Solution, stage)
        self.funds: list[tuple[str, str, str, dict[str, Any]]] = []  # (u, v, id, properties)
        self.part_of: defaultdict[str, list[str]] = defaultdict(list)
        #: Claims (``Edge.claim``) by type and evidence (``none``: not given).
        self.claims: defaultdict[str, Counter[str]] = defaultdict(Counter)
        #: ``PART_OF`` and group members of the whole graph under a view (the territory's).
        self.all_part_of: defaultdict[str, list[str]] = defaultdict(list)
        self.all_members: defaultdict[str, list[str]] = defaultdict(list)
        self.base = rel.graph
        counts = np.bincount(
            rel.type_codes[edges & (rel.type_codes >= 0)], minlength=len(rel.type_names)
        )
        self.types.update(
            {t: int(n) for t, n in zip(rel.type_names, counts.tolist(), strict=True) if n}
        )
        self._read(rel, edges)
        hidden = ~edges & rel.of_types([_PART_OF, _MEMBER_OF])
        base_labels = rel.labels
        for i in np.flatnonzero(hidden).tolist():
            u, v, attrs = rel.u[i], rel.v[i], rel.attrs[i]
            if attrs["type"] == _PART_OF:
                self.all_part_of[u].append(v)
            elif (
                attrs.get("relation") not in NOT_CURRENT_MEMBERSHIPS
                and base_labels[rel.vi[i]] in GROUPS
            ):
                self.all_members[v].append(u)
        for node, parents in self.part_of.items():
            self.all_part_of[node] += parents
        for group, members in self.members.items():
            self.all_members[group] += members
        self.programme_funders: defaultdict[str, list[str]] = defaultdict(list)
        for u, v, _, _ in self.funds:
            if self.labels[v] == Programme.label:
                self.programme_funders[v].append(u)
        self._expanded: dict[str, list[str]] = {}
        self._matrices: dict[tuple[str, bool, str], sp.csr_array] = {}
        self._layer_ties: dict[str, Any] = {}

    def _read(self, rel: Relationships, edges: np.ndarray) -> None:
        """Count the claims ``edges`` (what the graph shows) holds and bucket its ties."""
        types, attrs, u, v, keys = rel.types, rel.attrs, rel.u, rel.v, rel.keys
        values, codes = rel.evidence_codes
        claimed = edges & rel.claims
        pairs = rel.type_codes[claimed] * len(values) + codes[claimed]
        for pair, n in enumerate(np.bincount(pairs).tolist()):
            if n:
                t, evidence = divmod(pair, len(values))
                self.claims[rel.type_names[t]][values[evidence]] += n
        labels, layers, rules = self.labels, self.layers, _LAYER_OF
        members, participants, associations = self.members, self.participants, self.associations
        not_current, makers, reusers = self.not_current, self.makers, self.reusers
        for i in np.flatnonzero(edges & (rel.tying | rel.of_types([_PART_OF]))).tolist():
            t, a, b, properties = types[i], u[i], v[i], attrs[i]
            role = _ROLES.get(t)
            if role is None:
                self.part_of[a].append(b)  # the only other type read
                continue
            target = labels.get(b)
            relation = properties.get("relation")
            if relation in _NOT_CURRENT:
                layer = None
            elif (t, target) in rules:
                layer = rules[(t, target)]
            else:
                layer = layer_of(t, target, properties)
            if layer is not None:
                layers.append((b if role == "money" else a, layer))
            if role == "member":
                if layer is None:
                    not_current.append((a, b, properties["relation"]))
                elif target in GROUPS:
                    members[b].append(a)
                elif target in CONTEXTS:
                    participants[b].append(a)
                else:
                    associations.append((a, b, keys[i]))
            elif role == "maker":
                makers[b].append(a)
                if t == _OPERATES:
                    self.operators[b].append(a)
                    self.operator_evidence[b].add(str(properties.get("evidence")))
            elif role == "user":
                reusers[b].append(a)
                self.stages.append((a, b, properties.get("stage", "")))
            elif role == "client":
                if layer is None:  # a historical customer: no current tie
                    not_current.append((a, b, properties["relation"]))
                    continue
                application = properties.get("application") or ""
                self.services.append((a, b, keys[i], properties.get("relation", ""), application))
            elif role == "money":
                self.funds.append((a, b, keys[i], properties))

    @cached_property
    def territory(self) -> Territory:
        """The :class:`~ozggraph.network.territory.Territory` of the whole graph (under a
        view: a Land or as-of view may have lost the ``PART_OF`` chain that places a body),
        from the same pass over the relationships."""
        return Territory(self.base, self)

    def bodies(self, nodes: Iterable[str]) -> list[str]:
        """``nodes`` with each group (Cooperation) replaced by its member bodies; sorted."""
        if not isinstance(nodes, list | tuple):
            nodes = list(nodes)
        if len(nodes) == 1:  # the common case: one body or group (expanded: sorted, unique)
            return list(self._expand(nodes[0], set()))
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
            inner: set[str] = set()
            labels = self.labels
            for member in self.members[node]:
                if labels.get(member) in BODIES:
                    inner.add(member)
                else:
                    inner.update(self._expand(member, seen))
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
        active.update(self.bodies(c for c, *_ in self.services))
        return active

    def layers_of(self) -> dict[str, set[str]]:
        """The layers each body has a recorded tie in (Cooperations expand to members)."""
        out: defaultdict[str, set[str]] = defaultdict(set)
        for node, layer in dict.fromkeys(self.layers):  # each pair once, in order
            for body in self.bodies([node]):
                out[body].add(layer)
        return dict(out)

    # -- the contexts -----------------------------------------------------------------

    @cached_property
    def contexts(self) -> list[Context]:
        """Every context of the graph (module rule) with at least one tie, in a fixed order."""
        found: list[Context] = []
        for coop in sorted(self.members):
            found.append(Context("cooperation", (coop,), members=tuple(self.bodies([coop]))))
        members_of: defaultdict[str, list[str]] = defaultdict(list)
        for member, association, _ in self.associations:
            members_of[association].append(member)
        for association in sorted(members_of):
            tails = tuple(b for b in self.bodies(members_of[association]) if b != association)
            found.append(Context("cooperation", (association,), tails=tails, heads=(association,)))
        for sol in sorted(set(self.makers) | set(self.reusers)):
            makers = self.bodies(self.makers.get(sol, ()))
            found.append(Context("reuse", (sol,), members=tuple(makers)))
            made = set(makers)
            users = tuple(b for b in self.bodies(self.reusers.get(sol, ())) if b not in made)
            found.append(Context("reuse", (sol,), tails=tuple(makers), heads=users))
        found += self._grants()
        clients: defaultdict[tuple[str, str, str], list[str]] = defaultdict(list)
        for client, provider, _, relation, application in self.services:
            clients[(provider, relation, application)].append(client)
        for (provider, _, _), group in sorted(clients.items()):
            tails = tuple(b for b in self.bodies(group) if b != provider)
            found.append(Context("service", (provider,), tails=tails, heads=(provider,)))
        for prog in sorted(self.participants):
            members = tuple(self.bodies(self.participants[prog]))
            found.append(Context("programme", (prog,), members=members))
        return [c for c in found if len(c.members) > 1 or (c.tails and c.heads)]

    def _grants(self) -> list[Context]:
        found = []
        for u, v, key, _ in sorted(self.funds, key=lambda grant: grant[2]):  # any backend
            label = self.labels.get(v)
            through = (u,) if self.labels.get(u) == Programme.label else ()
            if label == Solution.label:
                recipients, through = self.bodies(self.makers.get(v, ())), (*through, v)
            elif label == Programme.label:
                continue  # money into a programme ties its funders to what it pays for
            else:
                recipients = self.bodies([v])
            funders = tuple(self.funders(u))
            heads = tuple(r for r in recipients if r not in funders)
            found.append(Context("money", (key, *through), tails=funders, heads=heads))
        return found

    @cached_property
    def body_ids(self) -> list[str]:
        """Every body tied in any layer, sorted: the rows of :meth:`matrix`."""
        found: set[str] = set()
        for c in self.contexts:
            found.update(c.members)
            found.update(c.tails)
            found.update(c.heads)
        return sorted(found)

    @cached_property
    def body_index(self) -> dict[str, int]:
        return {b: i for i, b in enumerate(self.body_ids)}

    def matrix(
        self, layer: str, *, directed: bool = False, weighting: str = "newman"
    ) -> sp.csr_array:
        """The ties of one layer as a ``len(body_ids)²`` matrix of summed weights.

        Undirected: symmetric. ``directed``: a star's ties only from tail to head
        (a clique's both ways).
        """
        key = (layer, directed, weighting)
        if key not in self._matrices:
            self._matrices[key] = self._build_matrix(layer, directed, weighting)
        return self._matrices[key]

    def _build_matrix(self, layer: str, directed: bool, weighting: str) -> sp.csr_array:
        if weighting not in WEIGHTINGS:
            raise ValueError(
                f"unknown weighting {weighting!r} (weightings: {', '.join(WEIGHTINGS)})"
            )
        n = len(self.body_ids)
        weight, (rows, cols, cliques), (tails, heads, stars) = self._ties_of(layer)
        if weighting == "count":
            weight = np.ones(len(weight))
        incidence = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, len(cliques)))
        scale = sp.diags_array(weight[cliques])
        together = sp.csr_array(incidence @ scale @ incidence.T)
        star = sp.coo_array((weight[stars], (tails, heads)), shape=(n, n)).tocsr()
        result = sp.csr_array(together + (star if directed else star + star.T))
        result.setdiag(0)
        result.eliminate_zeros()
        return result

    def _ties_of(
        self, layer: str
    ) -> tuple[np.ndarray, tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
        """The ties of one layer as index arrays (built once, read by every weighting):
        each context's Newman weight; clique members (body row, clique column, context
        of the clique); star ties (tail, head, context), in the order of the contexts."""
        if layer not in self._layer_ties:
            index = self.body_index
            contexts = self.in_layers([layer])
            weight = np.array([c.weight for c in contexts], dtype=np.float64)
            cliques = [i for i, c in enumerate(contexts) if c.members]
            rows = np.fromiter(
                (index[b] for i in cliques for b in contexts[i].members), dtype=np.int64
            )
            cols = np.repeat(np.arange(len(cliques)), [len(contexts[i].members) for i in cliques])
            tails, heads, stars = [], [], []
            for i, c in enumerate(contexts):
                for t in c.tails:
                    ti = index[t]
                    for h in c.heads:
                        if h != t:
                            tails.append(ti)
                            heads.append(index[h])
                            stars.append(i)
            star_arrays = tuple(np.array(x, dtype=np.int64) for x in (tails, heads, stars))
            self._layer_ties[layer] = (
                weight,
                (rows, cols, np.array(cliques, dtype=np.int64)),
                star_arrays,
            )
        return self._layer_ties[layer]

    def in_layers(self, layers: Iterable[str]) -> list[Context]:
        """The contexts of ``layers`` (ids of :data:`~ozggraph.schema.layers.LAYERS`)."""
        wanted = set(layers)
        return [c for c in self.contexts if c.layer in wanted]

    @cached_property
    def _by_body(self) -> dict[str, list[int]]:
        index: defaultdict[str, list[int]] = defaultdict(list)
        for i, context in enumerate(self.contexts):
            for body in {*context.members, *context.tails, *context.heads}:
                index[body].append(i)
        return index

    def between(self, a: str, b: str) -> list[Context]:
        """The contexts that tie bodies ``a`` and ``b``."""
        shared = set(self._by_body.get(a, ())) & set(self._by_body.get(b, ()))
        return [self.contexts[i] for i in sorted(shared) if self.contexts[i].ties(a, b)]

    def layers_between(self, a: str, b: str) -> list[str]:
        """The layers in which ``a`` and ``b`` are tied, in the schema's order."""
        found = {c.layer for c in self.between(a, b)}
        return [layer for layer in LAYERS if layer in found]

    def made_of(self, a: str, b: str, layers: Iterable[str] | None = None) -> list[str]:
        """What ties ``a`` and ``b``: context ids and relationship ids, unique, in order.

        For a shared Cooperation reached through a Cooperation that is a member of
        it, the inner Cooperation is named after the outer one. ``layers``: only
        contexts of these layers (default: all).
        """
        wanted = None if layers is None else set(layers)
        out: list[str] = []
        for context in self.between(a, b):
            if wanted is not None and context.layer not in wanted:
                continue
            parts = list(context.made_of)
            if context.members and self.labels.get(context.made_of[0]) in GROUPS:
                parts += [g for body in (a, b) for g in self.inner_groups(context.made_of[0], body)]
            out += [p for p in parts if p not in out]
        return out
