"""Money: who funds whom, how much, and how sure it is.

Amounts are never added across evidence: awarded money (``fact``) and money only
``promised``, ``agreed`` or ``planned`` are different kinds of claim, so every
total is kept per evidence value (:data:`~ozggraph.schema.types.EVIDENCE`).

A *grant* is a ``FUNDS`` relationship to anything but a Programme. A programme's
*budget* is kept apart from the grants (grants under a programme are part of its
budget, so adding them would count a euro twice): the amounts of the ``FUNDS``
into the Programme where they carry one, else the total on the Programme node,
each under its own evidence. ``approximate`` counts the amounts in a total that
the source gives only roughly ("rund", "knapp"). A lower bound (">11 Mio",
``amount_kind`` at_least) takes part in the totals with its bound, and every total
it is part of is an "at least" figure: :func:`summary` says which
(``at_least_by_<key>``, ``at_least`` per evidence). Upper bounds are never added,
only listed.

Grouping keys: ``funder`` and ``recipient`` are the ends of the relationship;
``land`` is the recipient's Land (a Cooperation's when all its members share
one, else ``several``); ``programme`` the programme or ``none``; ``year`` the
first four digits of ``date`` or ``undated``.

>>> import ozggraph
>>> G = ozggraph.load_graph(MINI)
>>> totals(G, "recipient")
{'coop-ikz-mittelhessen-ozg': {'promised': 100000.0}}
>>> member_shares(G, rule="equal")["ags-06531005"]
{'promised': 50000.0}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from ozggraph.errors import AnalyticsError
from ozggraph.network.filters import in_state
from ozggraph.network.territory import SEVERAL as SEVERAL  # the Land of a mixed group
from ozggraph.network.territory import UNKNOWN, Territory
from ozggraph.network.ties import TieIndex
from ozggraph.schema import EVIDENCE

KEYS = ("funder", "recipient", "land", "programme", "year")


@dataclass(frozen=True)
class Grant:
    """One ``FUNDS`` relationship, flattened."""

    id: str
    funder: str
    recipient: str
    amount: float | None
    evidence: str
    programme: str
    year: str
    land: str
    budget: bool  # True: money into a Programme, not a grant
    amount_kind: str | None = None
    bound: float | None = None  # amount_bound_eur of an at_least/at_most amount

    @property
    def counted(self) -> float | None:
        """What the grant adds to a total: its amount, or its lower bound ("at least")."""
        if self.amount is None and self.amount_kind == "at_least":
            return self.bound
        return self.amount

    @property
    def at_least(self) -> bool:
        """The grant adds only a lower bound: totals with it are "at least" figures."""
        return self.amount is None and self.amount_kind == "at_least"


def grants(
    graph: nx.MultiDiGraph, *, ties: TieIndex | None = None, lands: dict[str, str] | None = None
) -> list[Grant]:
    """Every ``FUNDS`` relationship of ``graph`` as a :class:`Grant`, sorted by id."""
    ties = TieIndex(in_state(graph)) if ties is None else ties
    labels = ties.labels
    lands = ties.territory.body_lands if lands is None else lands
    rows = []
    for u, v, key, attrs in ties.funds:
        programme = attrs.get("programme") or (u if labels.get(u) == "Programme" else "none")
        date = str(attrs.get("date") or "")
        rows.append(
            Grant(
                id=key,
                funder=u,
                recipient=v,
                amount=attrs.get("amount_eur"),
                evidence=attrs["evidence"],
                programme=programme,
                year=date[:4] or "undated",
                land=_land(v, labels, lands, ties),
                budget=labels.get(v) == "Programme",
                amount_kind=attrs.get("amount_kind"),
                bound=attrs.get("amount_bound_eur"),
            )
        )
    return sorted(rows, key=lambda g: g.id)


def _land(node: str, labels: dict[str, str], lands: dict[str, str], ties: TieIndex) -> str:
    """The territory rule: a body's own Land, a Cooperation's that of its members."""
    if node in lands:
        return lands[node]
    if labels.get(node) == "Cooperation":
        return ties.territory.shared_land(ties.bodies([node]))
    return UNKNOWN


def _sum(rows: Iterable[Grant], key: str) -> dict[str, dict[str, float]]:
    result: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for g in rows:
        if g.counted is not None:
            result[getattr(g, key)][g.evidence] += g.counted
    return {k: {s: v[s] for s in EVIDENCE if s in v} for k, v in sorted(result.items())}


def _at_least(rows: Iterable[Grant], key: str) -> dict[str, list[str]]:
    """Per ``key`` value, the evidence values whose total includes a lower bound."""
    marked: defaultdict[str, set[str]] = defaultdict(set)
    for g in rows:
        if g.at_least:
            marked[getattr(g, key)].add(g.evidence)
    return {k: [e for e in EVIDENCE if e in v] for k, v in sorted(marked.items())}


def totals(graph: nx.MultiDiGraph, by: str) -> dict[str, dict[str, float]]:
    """Grant totals in EUR per ``by`` key (one of :data:`KEYS`), per evidence; a lower
    bound counts with its bound (the total is then "at least" that)."""
    if by not in KEYS:
        raise AnalyticsError(f"cannot total funding by {by!r}; choose one of {', '.join(KEYS)}")
    return _sum((g for g in grants(graph) if not g.budget), by)


def summary(
    graph: nx.MultiDiGraph, *, ties: TieIndex | None = None, lands: dict[str, str] | None = None
) -> dict[str, Any]:
    """Everything the report shows about money, in one pass."""
    rows = grants(graph, ties=ties, lands=lands)
    paid = [g for g in rows if not g.budget]
    of_evidence: defaultdict[str, list[Grant]] = defaultdict(list)
    for g in paid:
        of_evidence[g.evidence].append(g)
    by_evidence = {
        s: {
            "amount_eur": sum(g.counted or 0.0 for g in of_evidence[s]),
            "grants": len(of_evidence[s]),
            "approximate": sum(1 for g in of_evidence[s] if _rough(g.amount_kind)),
            "at_least": sum(1 for g in of_evidence[s] if g.at_least),
        }
        for s in EVIDENCE
    }
    budgets = programme_budgets(graph, rows)
    return {
        "grants": len(paid),
        "without_amount": sum(1 for g in paid if g.counted is None),
        "bounds": [_bound(g) for g in paid if g.bound is not None],
        "by_evidence": by_evidence,
        **{f"by_{key}": _sum(paid, key) for key in KEYS},
        **{f"at_least_by_{key}": _at_least(paid, key) for key in KEYS},
        "programme_budgets": budgets,
        "budgets_by_evidence": _budget_totals(budgets),
        "per_capita_by_land": per_capita(
            graph, _sum(paid, "land"), territory=None if ties is None else ties.territory
        ),
    }


def _rough(kind: str | None) -> bool:
    return kind == "approximate"


def _bound(g: Grant) -> dict[str, Any]:
    return {"id": g.id, "evidence": g.evidence, "kind": g.amount_kind, "bound_eur": g.bound}


def programme_budgets(
    graph: nx.MultiDiGraph, rows: list[Grant] | None = None
) -> dict[str, dict[str, Any]]:
    """Budget of every Programme in ``graph`` that has one, per evidence, never summed.

    From the ``FUNDS`` into the programme that carry an amount; where none does, the
    total on the Programme node (``amount_eur``/``amount_bound_eur``, its
    ``amount_kind`` and ``evidence``). Keys per programme: ``name``, ``source``
    (``funds`` or ``programme``), ``by_evidence`` {evidence: EUR}, ``amount_kind``,
    ``bound_eur`` (a bound, if that is all the source gives), ``funders``.
    """
    rows = grants(graph) if rows is None else rows
    into: defaultdict[str, list[Grant]] = defaultdict(list)
    for g in rows:
        if g.budget:
            into[g.recipient].append(g)
    result: dict[str, dict[str, Any]] = {}
    for node in sorted(n for n, label in graph.nodes(data="label") if label == "Programme"):
        attrs = graph.nodes[node]
        funds = into.get(node, [])
        with_amount = [g for g in funds if g.amount is not None]
        entry: dict[str, Any] = {
            "name": attrs.get("name", node),
            "funders": sorted({g.funder for g in funds}),
        }
        if with_amount:
            amounts: defaultdict[str, float] = defaultdict(float)
            for g in with_amount:
                amounts[g.evidence] += g.amount or 0.0
            kinds = {g.amount_kind for g in with_amount}
            entry |= {
                "source": "funds",
                "by_evidence": {s: amounts[s] for s in EVIDENCE if s in amounts},
                "amount_kind": "approximate" if "approximate" in kinds else "exact",
                "bound_eur": None,
            }
        elif attrs.get("amount_eur") is not None or attrs.get("amount_bound_eur") is not None:
            evidence = attrs.get("evidence") or "fact"
            amount = attrs.get("amount_eur")
            entry |= {
                "source": "programme",
                "by_evidence": {evidence: amount} if amount is not None else {},
                "amount_kind": attrs.get("amount_kind"),
                "bound_eur": attrs.get("amount_bound_eur"),
                "evidence": evidence,
            }
        else:
            continue
        result[node] = entry
    return result


def _budget_totals(budgets: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Programme budgets per evidence: EUR, how many programmes, how many of them rough."""
    totals: dict[str, dict[str, Any]] = {}
    for entry in budgets.values():
        for evidence, amount in entry["by_evidence"].items():
            empty = {"amount_eur": 0.0, "programmes": 0, "approximate": 0}
            row = totals.setdefault(evidence, empty)
            row["amount_eur"] += amount
            row["programmes"] += 1
            row["approximate"] += int(entry["amount_kind"] == "approximate")
    return {s: totals[s] for s in EVIDENCE if s in totals}


def per_capita(
    graph: nx.MultiDiGraph,
    by_land: dict[str, dict[str, float]],
    *,
    territory: Territory | None = None,
) -> dict[str, dict[str, float]]:
    """EUR per inhabitant per Land and evidence, from the State's official ``population``."""
    population = (Territory(graph) if territory is None else territory).land_population()
    return {
        land: {s: amount / population[land] for s, amount in amounts.items()}
        for land, amounts in by_land.items()
        if land in population
    }


def member_shares(
    graph: nx.MultiDiGraph, *, rule: Literal["equal", "population"]
) -> dict[str, dict[str, float]]:
    """Grants to Cooperations split among their member bodies, per evidence.

    There is no neutral split, so ``rule`` must be chosen: ``equal`` gives each
    member the same share; ``population`` shares in proportion to each
    member's ``population`` and fails if a member has none.
    """
    if rule not in ("equal", "population"):
        raise AnalyticsError(f"unknown share rule {rule!r}; use 'equal' or 'population'")
    labels = dict(graph.nodes(data="label"))
    ties = TieIndex(in_state(graph))
    result: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for g in grants(graph):
        if labels.get(g.recipient) != "Cooperation" or g.amount is None:
            continue
        members = ties.bodies([g.recipient])
        for member, share in _shares(graph, members, rule, g.recipient).items():
            result[member][g.evidence] += g.amount * share
    return {m: dict(v) for m, v in sorted(result.items())}


def _shares(graph: nx.MultiDiGraph, members: list[str], rule: str, coop: str) -> dict[str, float]:
    if not members:
        return {}
    if rule == "equal":
        return {m: 1.0 / len(members) for m in members}
    missing = [m for m in members if not graph.nodes[m].get("population")]
    if missing:
        raise AnalyticsError(
            f"cannot share funding of {coop} by population: no population for {', '.join(missing)}"
        )
    total = sum(graph.nodes[m]["population"] for m in members)
    return {m: graph.nodes[m]["population"] / total for m in members}
