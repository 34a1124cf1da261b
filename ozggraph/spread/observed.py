"""Observed spread of a solution: who built it, who runs it, who reuses it, since when.

State of a reuse at a date: a body may have several ``REUSES`` facts for one
solution (distinct ``key``s: interest in 2021, live in 2023, "ready to use" in
2024 ...). A fact is *in force* at ``as_of`` when it is dated on or before it and
not ended by its ``valid_to``. Two rules pick the state from the facts in force:

- ``furthest`` (default): the furthest stage in force (same stage: the later
  fact). A later report of a lower stage does not undo a higher one; only an
  explicit end does (``valid_to``, which the importer sets where a source says a
  service was paused). Sources often report a lower stage later because they
  speak of a wider scope (all building authorities of a Land "connected" after
  its pilot authorities went live), not because reuse went back.
- ``latest``: the latest fact in force, whatever its stage (same date: the
  further stage). Use it when later reports of the same scope supersede earlier ones.

A fact without a date cannot be placed in time: it counts in the latest state
(no ``as_of``) only for pairs with no dated fact, and with ``as_of`` it is listed
apart as ``undated``, never silently dropped. Planned and live reuse are always
kept apart.

Reach, per stage: bodies, population (each resident counted once, at the furthest
stage that covers them; rule in :mod:`ozggraph.network.territory`) and Länder
(each Land once, at the furthest stage of any adopter in it). Developers and
operators are listed apart and are not counted as adopters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import networkx as nx

from ozggraph.errors import SpreadError
from ozggraph.network.lookup import resolve_as
from ozggraph.network.territory import Territory
from ozggraph.schema import dates
from ozggraph.schema.types import REUSE_STAGES
from ozggraph.spread.adoption_paths import tie_paths

ROLES = {"DEVELOPS": "developer", "OPERATES": "operator", "PROVIDES": "provider"}
RULES = ("furthest", "latest")


@dataclass(frozen=True)
class Fact:
    """One ``REUSES`` relationship: a stage a source reports, with its date."""

    id: str
    body: str
    stage: str
    date: str | None
    valid_to: str | None
    sources: tuple[str, ...]
    note: str | None

    def order(self) -> tuple[dt.date, int]:
        """Sort key: date, then stage (on one date the further stage wins)."""
        return (
            dates.start(self.date) if self.date else dt.date.min,
            REUSE_STAGES.index(self.stage),
        )


@dataclass(frozen=True)
class Role:
    """A developer, operator or provider of the solution."""

    id: str
    name: str
    role: str
    since: str | None
    lands: tuple[str, ...]


@dataclass
class Adopter:
    """A reusing body and its state at the date of the view."""

    id: str
    name: str
    label: str
    stage: str
    since: str | None  #: date of the fact that set the current stage
    first: str | None  #: earliest dated fact of any stage
    live_since: str | None
    lands: tuple[str, ...]
    nationwide: bool
    population: int | None
    days_to_first: int | None = None
    days_to_live: int | None = None
    via: list[str] = field(default_factory=list)  #: bodies from an earlier holder to this one
    through: list[list[str]] = field(default_factory=list)  #: what ties each hop of ``via``
    history: list[Fact] = field(default_factory=list)


@dataclass(frozen=True)
class Reach:
    stage: str
    bodies: int
    population: int  #: residents whose furthest covering stage is this one
    population_unknown: tuple[str, ...]  #: covered territories of unknown population
    lands: tuple[str, ...]  #: Länder whose furthest stage is this one


@dataclass(frozen=True)
class CurvePoint:
    """State on one date of the adoption curve (a date on which some fact is dated)."""

    date: str
    bodies: dict[str, int]
    lands: dict[str, tuple[str, ...]]


@dataclass
class Spread:
    """Everything observed about one solution's spread, at ``as_of`` (``None``: latest)."""

    id: str
    name: str
    as_of: str | None
    roles: list[Role]
    adopters: list[Adopter]
    reach: list[Reach]
    curve: list[CurvePoint]
    undated: list[Fact]
    reported_adopters: list[str]
    start: str | None  #: first developer/operator or live date: time to adopt counts from here
    rule: str = "furthest"


def solutions(graph: nx.MultiDiGraph) -> list[str]:
    """Ids of all solutions, sorted."""
    return sorted(n for n, label in graph.nodes(data="label") if label == "Solution")


def observe(
    graph: nx.MultiDiGraph,
    solution: str,
    as_of: str | None = None,
    rule: str = "furthest",
    territory: Territory | None = None,
    paths: bool = True,
) -> Spread:
    """The observed spread of ``solution`` (id, name or alias) at ``as_of`` (``None``: latest).

    ``paths=False`` skips the tie paths (the costly part, not needed for overviews).
    """
    sol = resolve_as(graph, solution, {"Solution"}, "solution")
    cut = dates.end(as_of) if as_of else None
    terr = territory or Territory(graph)
    facts = _facts(graph, sol)
    roles = _roles(graph, sol, cut, terr)
    current = {b: f for b, fs in facts.items() if (f := state_at(fs, cut, rule)) is not None}
    adopters = [_adopter(graph, terr, facts[b], f, cut) for b, f in current.items()]
    adopters.sort(key=lambda a: (-REUSE_STAGES.index(a.stage), a.since or "9999", a.name))
    start = _start(roles, facts, cut)
    _time_to_adopt(adopters, start)
    if paths:
        holders = [r.id for r in roles]
        found = tie_paths(graph, sol, holders, [(a.id, a.first) for a in adopters], as_of, terr)
        for adopter in adopters:
            adopter.via, adopter.through = found.get(adopter.id, ([], []))
    undated = [f for fs in facts.values() for f in fs if f.date is None] if cut else []
    return Spread(
        id=sol,
        name=str(graph.nodes[sol].get("name", sol)),
        as_of=as_of,
        roles=roles,
        adopters=adopters,
        reach=reach(adopters, terr),
        curve=curve(facts, cut, terr, rule),
        rule=rule,
        undated=undated,
        reported_adopters=list(graph.nodes[sol].get("reported_adopters", [])),
        start=start,
    )


def state_at(facts: list[Fact], as_of: dt.date | None, rule: str = "furthest") -> Fact | None:
    """The fact that gives one body's state at ``as_of`` (rules in the module docstring)."""
    if rule not in RULES:
        raise SpreadError(f"unknown rule {rule!r}; choose one of {', '.join(RULES)}")
    dated = [f for f in facts if f.date and (as_of is None or dates.start(f.date) <= as_of)]
    if not dated:
        undated = [f for f in facts if not f.date and not f.valid_to] if as_of is None else []
        return max(undated, key=lambda f: REUSE_STAGES.index(f.stage), default=None)
    if rule == "latest":
        latest = max(dated, key=Fact.order)
        return None if _ended(latest, as_of) else latest
    in_force = [f for f in dated if not _ended(f, as_of)]
    return max(in_force, key=lambda f: (REUSE_STAGES.index(f.stage), f.order()), default=None)


def _ended(fact: Fact, as_of: dt.date | None) -> bool:
    return dates.ended(fact.valid_to, as_of)


def reach(adopters: list[Adopter], terr: Territory) -> list[Reach]:
    """Bodies, population and Länder per stage, furthest stage first, nothing counted twice."""
    rows, covered, seen_lands, seen_unknown = [], set[str](), set[str](), set[str]()
    above = 0
    for stage in reversed(REUSE_STAGES):
        bodies = [a.id for a in adopters if a.stage == stage]
        covered |= set(bodies)
        population, unknown = terr.covered_population(covered)
        lands = sorted({c for a in adopters if a.stage == stage for c in a.lands} - seen_lands)
        new_unknown = tuple(u for u in unknown if u not in seen_unknown)
        seen_lands |= set(lands)
        seen_unknown |= set(unknown)
        rows.append(Reach(stage, len(bodies), population - above, new_unknown, tuple(lands)))
        above = population
    return rows


def curve(
    facts: dict[str, list[Fact]], as_of: dt.date | None, terr: Territory, rule: str = "furthest"
) -> list[CurvePoint]:
    """Adoption curve: on each date a fact is dated, bodies and Länder per stage."""
    points = sorted(
        {
            d
            for fs in facts.values()
            for f in fs
            for d in (f.date, dates.after(f.valid_to) if f.valid_to else None)
            if d
        },
        key=dates.start,
    )
    out = []
    for point in points:
        when = dates.start(point)
        if as_of is not None and when > as_of:
            break
        states = {
            b: f.stage for b, fs in facts.items() if (f := state_at(fs, when, rule)) and f.date
        }
        bodies = {s: sum(1 for v in states.values() if v == s) for s in REUSE_STAGES}
        furthest: dict[str, int] = {}
        for body, stage in states.items():
            for land in terr.lands(body):
                furthest[land] = max(furthest.get(land, -1), REUSE_STAGES.index(stage))
        lands = {
            s: tuple(sorted(c for c, i in furthest.items() if i == k))
            for k, s in enumerate(REUSE_STAGES)
        }
        out.append(CurvePoint(point, bodies, lands))
    return out


def _facts(graph: nx.MultiDiGraph, sol: str) -> dict[str, list[Fact]]:
    found: dict[str, list[Fact]] = {}
    for body, _, key, attrs in graph.in_edges(sol, keys=True, data=True):
        if attrs.get("type") == "REUSES":
            date = dates.begins(attrs)
            fact = Fact(
                key,
                body,
                attrs["stage"],
                date,
                attrs.get("valid_to"),
                tuple(attrs.get("sources", ())),
                attrs.get("note"),
            )
            found.setdefault(body, []).append(fact)
    for history in found.values():
        history.sort(key=Fact.order)
    return found


def _roles(graph: nx.MultiDiGraph, sol: str, cut: dt.date | None, terr: Territory) -> list[Role]:
    roles = []
    for body, _, attrs in graph.in_edges(sol, data=True):
        kind, since = attrs.get("type"), dates.begins(attrs)
        if kind in ROLES and dates.in_force(attrs, cut):
            name = str(graph.nodes[body].get("name", body))
            roles.append(Role(body, name, ROLES[kind], since, tuple(sorted(terr.lands(body)))))
    return sorted(roles, key=lambda r: (list(ROLES.values()).index(r.role), r.name))


def _adopter(
    graph: nx.MultiDiGraph, terr: Territory, history: list[Fact], now: Fact, cut: dt.date | None
) -> Adopter:
    body = now.body
    placed = [f for f in history if f.date and (cut is None or dates.start(f.date) <= cut)]
    live = [f.date for f in placed if f.stage == "live"]
    population, unknown = terr.covered_population([body])
    return Adopter(
        id=body,
        name=str(graph.nodes[body].get("name", body)),
        label=str(graph.nodes[body].get("label")),
        stage=now.stage,
        since=now.date,
        first=placed[0].date if placed else None,
        live_since=live[0] if live else None,
        lands=tuple(sorted(terr.lands(body))),
        nationwide=terr.reaches_all(body),
        population=None if unknown or not terr.covers(body) else population,
        history=[f for f in history if f in placed or f.date is None],
    )


def _start(roles: list[Role], facts: dict[str, list[Fact]], cut: dt.date | None) -> str | None:
    candidates = [r.since for r in roles if r.since]
    candidates += [f.date for fs in facts.values() for f in fs if f.stage == "live" and f.date]
    candidates = [d for d in candidates if cut is None or dates.start(d) <= cut]
    return min(candidates, key=dates.start) if candidates else None


def _time_to_adopt(adopters: list[Adopter], start: str | None) -> None:
    if start is None:
        return
    for a in adopters:
        if a.first:
            a.days_to_first = (dates.start(a.first) - dates.start(start)).days
        if a.live_since:
            a.days_to_live = (dates.start(a.live_since) - dates.start(start)).days
