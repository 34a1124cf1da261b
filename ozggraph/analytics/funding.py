"""Money: who funds whom, how much, and how sure it is.

Amounts are never added across statuses: an *awarded* grant and a *planned*
one are different kinds of fact, so every total is kept per status
(``awarded``, ``promised``, ``planned``, ``agreed``).

A ``FUNDS`` relationship into a Programme is the programme's *budget*; one out
of a Programme (or carrying ``programme``) is a *grant* under it. Totals count
grants only and list budgets apart, so no euro is counted twice.

Grouping keys: ``funder`` and ``recipient`` are the ends of the relationship;
``land`` is the recipient's Land (a Cooperation's when all its members share
one, else ``several``); ``programme`` the programme or ``none``; ``year`` the
first four digits of ``date`` or ``undated``.

>>> import ozggraph
>>> G = ozggraph.load_graph("tests/fixtures/mini")
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
from ozggraph.network.ties import TieIndex
from ozggraph.schema import FUNDING_STATUSES

KEYS = ("funder", "recipient", "land", "programme", "year")
SEVERAL = "several"


@dataclass(frozen=True)
class Grant:
    """One ``FUNDS`` relationship, flattened."""

    id: str
    funder: str
    recipient: str
    amount: float | None
    status: str
    programme: str
    year: str
    land: str
    budget: bool  # True: money into a Programme, not a grant


def grants(
    graph: nx.MultiDiGraph, *, ties: TieIndex | None = None, lands: dict[str, str] | None = None
) -> list[Grant]:
    """Every ``FUNDS`` relationship of ``graph`` as a :class:`Grant`, sorted by id."""
    ties = TieIndex(graph) if ties is None else ties
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
                status=attrs["status"],
                programme=programme,
                year=date[:4] or "undated",
                land=_land(v, labels, lands, ties),
                budget=labels.get(v) == "Programme",
            )
        )
    return sorted(rows, key=lambda g: g.id)


def _land(node: str, labels: dict[str, str], lands: dict[str, str], ties: TieIndex) -> str:
    if node in lands:
        return lands[node]
    if labels.get(node) == "Cooperation":
        found = {lands.get(b, "?") for b in ties.bodies([node])}
        return found.pop() if len(found) == 1 else SEVERAL
    return "?"


def _sum(rows: Iterable[Grant], key: str) -> dict[str, dict[str, float]]:
    result: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for g in rows:
        if g.amount is not None:
            result[getattr(g, key)][g.status] += g.amount
    return {k: {s: v[s] for s in FUNDING_STATUSES if s in v} for k, v in sorted(result.items())}


def totals(graph: nx.MultiDiGraph, by: str) -> dict[str, dict[str, float]]:
    """Grant totals in EUR per ``by`` key (one of :data:`KEYS`), per status."""
    if by not in KEYS:
        raise AnalyticsError(f"cannot total funding by {by!r}; choose one of {', '.join(KEYS)}")
    return _sum((g for g in grants(graph) if not g.budget), by)


def summary(
    graph: nx.MultiDiGraph, *, ties: TieIndex | None = None, lands: dict[str, str] | None = None
) -> dict[str, Any]:
    """Everything the report shows about money, in one pass."""
    rows = grants(graph, ties=ties, lands=lands)
    paid = [g for g in rows if not g.budget]
    by_status = {
        s: {
            "amount_eur": sum(g.amount or 0.0 for g in paid if g.status == s),
            "grants": sum(1 for g in paid if g.status == s),
        }
        for s in FUNDING_STATUSES
    }
    return {
        "grants": len(paid),
        "without_amount": sum(1 for g in paid if g.amount is None),
        "by_status": by_status,
        **{f"by_{key}": _sum(paid, key) for key in KEYS},
        "programme_budgets": _sum((g for g in rows if g.budget), "recipient"),
        "per_capita_by_land": per_capita(graph, _sum(paid, "land")),
    }


def per_capita(
    graph: nx.MultiDiGraph, by_land: dict[str, dict[str, float]]
) -> dict[str, dict[str, float]]:
    """EUR per inhabitant per Land and status, from the State's official ``population``."""
    population = {
        attrs["code"]: attrs["population"]
        for _, attrs in graph.nodes(data=True)
        if attrs.get("label") == "State" and attrs.get("code") and attrs.get("population")
    }
    return {
        land: {s: amount / population[land] for s, amount in amounts.items()}
        for land, amounts in by_land.items()
        if land in population
    }


def member_shares(
    graph: nx.MultiDiGraph, *, rule: Literal["equal", "population"]
) -> dict[str, dict[str, float]]:
    """Grants to Cooperations split among their member bodies, per status.

    There is no neutral split, so ``rule`` must be chosen: ``equal`` gives each
    member the same share; ``population`` shares in proportion to each
    member's ``population`` and fails if a member has none.
    """
    if rule not in ("equal", "population"):
        raise AnalyticsError(f"unknown share rule {rule!r}; use 'equal' or 'population'")
    labels = dict(graph.nodes(data="label"))
    ties = TieIndex(graph)
    result: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for g in grants(graph):
        if labels.get(g.recipient) != "Cooperation" or g.amount is None:
            continue
        members = ties.bodies([g.recipient])
        for member, share in _shares(graph, members, rule, g.recipient).items():
            result[member][g.status] += g.amount * share
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
