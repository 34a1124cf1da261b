"""Views of the typed graph: what was valid on a date, and one Land with its partners.

All return read-only NetworkX views (no copy; call ``.copy()`` for an
independent graph) and can be combined: ``restrict_to_land(as_of(G, "2022"), "HE")``;
:func:`with_evidence` keeps only claims of the evidence asked for ("facts only").

Dates are as precise as their sources (``2021``, ``2021-03``, ``2021-03-30``), so
a fact counts from the *first* day its ``valid_from``/``date`` may mean and until
the *last* day its ``valid_to`` may mean; an as-of date ``2022`` means the end of
2022. Claims without any date (no ``valid_from``, ``date`` or ``valid_to``) cannot be
placed in time: :func:`as_of` counts them as in force and says how many
(``view.graph["undated"]``), or leaves them out with ``dated_only=True``.

**No as-of date** (``as_of(G, None)`` or ``as_of(G, "latest")``, a command without
``--as-of``) means the latest state: a fact with a ``valid_to`` has ended (sources
give an end only once it came), everything else holds. Ended facts are never counted
as current ties or reuse. This default is decided here, in :func:`in_state`, for
every entry point: the CLI, :mod:`ozggraph.tables`, the network functions
(:func:`~ozggraph.network.projections.cooperation_network`,
:func:`~ozggraph.analytics.analyse` ...), the exports and a graph read back from
Neo4j. A graph already placed in time by :func:`as_of` is left as it is.

**Confirmation**: a tie's row may say only when a source last saw it
(``last_confirmed``); :func:`confirmed` is the latest of ``last_confirmed``,
``date`` and ``valid_from``, and :func:`confirmed_since` leaves out the ties (the
claims that make a tie, :data:`~ozggraph.network.ties.TIE_TYPES`) not confirmed
since a year, saying how many (``view.graph["confirmed_since"]``).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_edge("a", "c", key="MEMBER_OF:a->c", type="MEMBER_OF", valid_to="2020")
'MEMBER_OF:a->c'
>>> G.add_edge("b", "c", key="MEMBER_OF:b->c", type="MEMBER_OF", valid_from="2021-06")
'MEMBER_OF:b->c'
>>> sorted(k for *_, k in as_of(G, "2020-12-31").edges(keys=True))
['MEMBER_OF:a->c']
>>> sorted(k for *_, k in as_of(G, "2021").edges(keys=True))
['MEMBER_OF:b->c']
>>> sorted(k for *_, k in as_of(G, None).edges(keys=True))
['MEMBER_OF:b->c']
>>> sorted(k for *_, k in in_state(G).edges(keys=True)) == sorted(
...     k for *_, k in as_of(G, "latest").edges(keys=True))
True
>>> G.add_edge("d", "c", key="MEMBER_OF:d->c", type="MEMBER_OF", evidence="planned")
'MEMBER_OF:d->c'
>>> as_of(G, "2021").graph["undated"], as_of(G, "2021", dated_only=True).number_of_edges()
({'relationships': 1, 'events': 0, 'left_out': False}, 1)
>>> sorted(k for *_, k in with_evidence(G, ["fact"]).edges(keys=True))
[]
>>> G.add_edge("e", "c", key="MEMBER_OF:e->c", type="MEMBER_OF", date="2012", last_confirmed="2024")
'MEMBER_OF:e->c'
>>> view = confirmed_since(G, 2020)
>>> sorted(k for *_, k in view.edges(keys=True)), view.graph["confirmed_since"]
(['MEMBER_OF:b->c', 'MEMBER_OF:e->c'], {'year': 2020, 'left_out': 2})
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ozggraph.errors import AnalyticsError, DateError
from ozggraph.network.territory import LAND_CODES, Territory
from ozggraph.network.ties import CONTEXTS, TAKING_PART, TIE_TYPES
from ozggraph.schema import EDGE_TYPES, EVIDENCE
from ozggraph.schema import dates as partial
from ozggraph.schema.edges import BODIES

#: Relationship types that are claims (they carry ``evidence``), from the schema.
CLAIMS = frozenset(t for t, model in EDGE_TYPES.items() if model.claim)
#: Relationships that bring a body into a Land's view of a context: those that tie
#: (``Edge.tie``) and a supporting role, which ties nobody but is part of the context.
_IN_CONTEXT = TAKING_PART | TIE_TYPES["money"] | {EDGE_TYPES["SUPPORTS"].type}
_DATES = ("valid_from", "date", "valid_to")
#: The as-of value of the latest state (what no ``--as-of`` means); ``None`` says the same.
LATEST = "latest"
_CONFIRMING = ("last_confirmed", "date", "valid_from")
#: Relationship types that make a tie (``Edge.tie`` of the schema).
TYING = frozenset(t for t, model in EDGE_TYPES.items() if model.tie is not None)


def confirmed(attrs: dict[str, Any]) -> str | None:
    """When a source last confirmed a relationship: the latest of ``last_confirmed``,
    ``date`` and ``valid_from`` (None: no source dates it).

    >>> confirmed({"valid_from": "2010-01-01", "last_confirmed": "2024"})
    '2024'
    """
    found = [str(attrs[f]) for f in _CONFIRMING if attrs.get(f)]
    return max(found, key=lambda d: date_range(d)[1]) if found else None


def confirmed_year(attrs: dict[str, Any]) -> int | None:
    """The year of :func:`confirmed`, or None."""
    when = confirmed(attrs)
    return int(when[:4]) if when else None


def confirmed_since(graph: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """Only the ties confirmed in ``year`` or later (``--confirmed-since``).

    Relationships that make no tie (hierarchy, catalogue, successions) are kept; a tie
    no source dates is not confirmed and is left out. ``view.graph["confirmed_since"]``
    says the year and how many ties were left out.
    """
    hidden = [
        (u, v, k)
        for u, v, k, attrs in graph.edges(keys=True, data=True)
        if attrs.get("type") in TYING and (confirmed_year(attrs) or 0) < year
    ]
    view = nx.restricted_view(graph, [], hidden)
    view.graph = {**graph.graph, "confirmed_since": {"year": year, "left_out": len(hidden)}}
    return view


def tie_ages(graph: nx.MultiDiGraph, year: int, *, older_than: int = 10) -> dict[str, int]:
    """How many ties ``graph`` counts, how many of them were last confirmed more than
    ``older_than`` years before ``year``, and how many no source dates."""
    counted = old = undated_ties = 0
    for _, _, attrs in graph.edges(data=True):
        if attrs.get("type") not in TYING:
            continue
        counted += 1
        when = confirmed_year(attrs)
        if when is None:
            undated_ties += 1
        elif when < year - older_than:
            old += 1
    return {
        "year": year,
        "older_than": older_than,
        "counted": counted,
        "old": old,
        "undated": undated_ties,
    }


def undated(attrs: dict[str, Any]) -> bool:
    """A claim (relationship or Event) that no date places in time."""
    claim = attrs.get("type") in CLAIMS or attrs.get("label") == "Event"
    return claim and not any(attrs.get(f) for f in _DATES)


@functools.lru_cache(maxsize=65536)
def date_range(value: str) -> tuple[str, str]:
    """First and last ISO day a partial date may mean: ``2021-02`` → 2021-02-01…2021-02-28."""
    try:
        return partial.start(str(value)).isoformat(), partial.end(str(value)).isoformat()
    except DateError as exc:
        raise AnalyticsError(f"{exc} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def valid_on(attrs: dict[str, Any], day: str | None) -> bool:
    """Whether a node or relationship with these properties is valid on ISO ``day``.

    ``day=None``: in the latest state (nothing with a ``valid_to`` is). The rule is
    :func:`ozggraph.schema.dates.in_force`; undated facts count as in force.
    """
    return partial.in_force(attrs, None if day is None else _day(day))


@functools.lru_cache(maxsize=1024)
def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def as_of(graph: nx.MultiDiGraph, date: str | None, *, dated_only: bool = False) -> nx.MultiDiGraph:
    """The graph as it stood on ``date`` (``None`` or ``"latest"``: the latest state).

    A relationship counts from its ``valid_from`` (else its ``date``: a grant, a
    reuse stage reached) until its ``valid_to``; nodes likewise
    (:func:`ozggraph.schema.dates.in_force`, the one time rule). Dropping a node
    drops its relationships. Undated claims (:func:`undated`) are counted as in
    force, or left out with ``dated_only``; either way ``view.graph["undated"]``
    says how many (``relationships``, ``events``) and whether they were ``left_out``.
    """
    date = None if date == LATEST else date
    day = date_range(date)[1] if date else None
    events = 0
    hidden_nodes = []
    for n, attrs in graph.nodes(data=True):
        if not valid_on(attrs, day):
            hidden_nodes.append(n)
        elif undated(attrs):
            events += 1
            if dated_only:
                hidden_nodes.append(n)
    relationships = 0
    hidden_edges = []
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        if not valid_on(attrs, day):
            hidden_edges.append((u, v, k))
        elif undated(attrs):
            relationships += 1
            if dated_only:
                hidden_edges.append((u, v, k))
    if date is None and not hidden_nodes and not hidden_edges:
        return graph  # nothing has ended: no view (iterating a view costs ~1.5x)
    view = nx.restricted_view(graph, hidden_nodes, hidden_edges)
    counts = {"relationships": relationships, "events": events, "left_out": dated_only}
    view.graph = {**graph.graph, "as_of": date, "undated": counts}  # a view shares the dict
    return view


def with_evidence(graph: nx.MultiDiGraph, allowed: Iterable[str]) -> nx.MultiDiGraph:
    """Only the claims whose ``evidence`` is in ``allowed`` (e.g. ``["fact"]``: facts only).

    Relationships that are no claim (hierarchy, catalogue, offices) are kept; Events
    whose evidence is not allowed are dropped with their relationships.
    """
    keep = set(allowed)
    unknown = keep - set(EVIDENCE)
    if unknown:
        raise AnalyticsError(
            f"unknown evidence {', '.join(sorted(unknown))}; use {', '.join(EVIDENCE)}"
        )
    hidden_nodes = [
        n
        for n, attrs in graph.nodes(data=True)
        if attrs.get("label") == "Event" and attrs.get("evidence") not in keep
    ]
    hidden_edges = [
        (u, v, k)
        for u, v, k, attrs in graph.edges(keys=True, data=True)
        if attrs.get("type") in CLAIMS and attrs.get("evidence") not in keep
    ]
    view = nx.restricted_view(graph, hidden_nodes, hidden_edges)
    view.graph = {**graph.graph, "evidence": [e for e in EVIDENCE if e in keep]}
    return view


def restrict_to_land(graph: nx.MultiDiGraph, code: str) -> nx.MultiDiGraph:
    """One Land's bodies with everything they take part in and their partners elsewhere.

    Kept: every body of the Land (by the Land rule of :mod:`ozggraph.network.territory`)
    and its relationships (hence its funders and the contexts it takes part in);
    for each such context, the other bodies taking part in it (the cross-border
    ties) and the money paid *into* it. Not kept: other Länder's money and
    contexts without the Land. The cooperation network of the view should then
    be built with ``land=code`` so ties between two outsiders are dropped too.
    """
    lands = Territory(graph).body_lands
    if code not in set(lands.values()):
        known = ", ".join(sorted(set(lands.values()) & set(LAND_CODES.values())))
        raise AnalyticsError(f"no body of Land {code!r} in the graph (Länder: {known})")
    inside = {n for n, land in lands.items() if land == code}
    keep_nodes = set(inside)
    keep_edges = set()
    for node in inside:
        for u, v, k in [*graph.out_edges(node, keys=True), *graph.in_edges(node, keys=True)]:
            keep_edges.add((u, v, k))
            keep_nodes.update((u, v))
    contexts = [n for n in keep_nodes if graph.nodes[n].get("label") in CONTEXTS]
    for ctx in contexts:
        for u, v, k, t in graph.in_edges(ctx, keys=True, data="type"):
            if t in _IN_CONTEXT:
                keep_edges.add((u, v, k))
                keep_nodes.add(u)
    keep_nodes.update(s for n in list(keep_nodes) for s in graph.nodes[n].get("sources", ()))
    hidden_nodes = [n for n in graph if n not in keep_nodes]
    hidden_edges = [e for e in graph.edges(keys=True) if e not in keep_edges]
    view = nx.restricted_view(graph, hidden_nodes, hidden_edges)
    view.graph = {**graph.graph, "land": code}
    return view


def bodies(graph: nx.MultiDiGraph) -> list[str]:
    """Ids of the bodies (actors) in ``graph``, sorted."""
    return sorted(n for n, label in graph.nodes(data="label") if label in BODIES)


def placed(graph: nx.MultiDiGraph) -> bool:
    """Whether ``graph`` is already a view placed in time by :func:`as_of`."""
    return "as_of" in graph.graph


def in_state(graph: nx.MultiDiGraph, date: str | None = None) -> nx.MultiDiGraph:
    """``graph`` in the state every entry point shows: as of ``date``, else the latest.

    The one place the default state is decided. A graph already placed in time (a
    view of :func:`as_of`, also after :func:`restrict_to_land` or
    :func:`with_evidence`) is returned as it is when no ``date`` is asked for.
    """
    if date in (None, LATEST) and placed(graph):
        return graph
    return as_of(graph, date)


def view_of(
    graph: nx.MultiDiGraph,
    *,
    date: str | None = None,
    land: str | None = None,
    evidence: Iterable[str] | None = None,
    dated_only: bool = False,
    confirmed: int | None = None,
) -> nx.MultiDiGraph:
    """:func:`with_evidence` and :func:`confirmed_since` ``confirmed`` (when given),
    :func:`as_of` ``date`` (default: the latest state), then :func:`restrict_to_land`
    (when given).

    What ``--evidence``, ``--confirmed-since``, ``--as-of``, ``--dated-only`` and
    ``--land`` of the report, tables, exports and analyses mean;
    ``view.graph["undated"]`` counts the undated claims (see :func:`as_of`),
    ``view.graph["confirmed_since"]`` the ties left out as unconfirmed.
    """
    view = with_evidence(graph, evidence) if evidence else graph
    view = confirmed_since(view, confirmed) if confirmed else view
    view = as_of(view, date, dated_only=True) if dated_only else in_state(view, date)
    return restrict_to_land(view, land) if land else view
