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

import dataclasses as dc
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from ozggraph.errors import AnalyticsError, DateError
from ozggraph.network.relationships import CLAIMS as CLAIMS  # the rules' names, kept here
from ozggraph.network.relationships import CONFIRMING, relationships, restricted, shown
from ozggraph.network.relationships import TYING as TYING
from ozggraph.network.relationships import undated as undated
from ozggraph.network.territory import LAND_CODES, Territory
from ozggraph.network.ties import CONTEXTS, TAKING_PART, TIE_TYPES
from ozggraph.schema import EDGE_TYPES, EVIDENCE
from ozggraph.schema import dates as partial
from ozggraph.schema.edges import BODIES

#: Relationships that bring a body into a Land's view of a context: those that tie
#: (``Edge.tie``) and a supporting role, which ties nobody but is part of the context.
_IN_CONTEXT = TAKING_PART | TIE_TYPES["money"] | {EDGE_TYPES["SUPPORTS"].type}
#: The as-of value of the latest state (what no ``--as-of`` means); ``None`` says the same.
LATEST = "latest"


def confirmed(attrs: dict[str, Any]) -> str | None:
    """When a source last confirmed a relationship: the latest of ``last_confirmed``,
    ``date`` and ``valid_from`` (None: no source dates it).

    >>> confirmed({"valid_from": "2010-01-01", "last_confirmed": "2024"})
    '2024'
    """
    found = [str(attrs[f]) for f in CONFIRMING if attrs.get(f)]
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
    rel = relationships(graph)
    edges, _ = shown(graph)
    hidden = edges & rel.tying & (rel.confirmed_years < year)
    meta = {"confirmed_since": {"year": year, "left_out": int(hidden.sum())}}
    return restricted(graph, np.zeros(len(rel.nodes), bool), hidden, meta)


def tie_ages(graph: nx.MultiDiGraph, year: int, *, older_than: int = 10) -> dict[str, int]:
    """How many ties ``graph`` counts, how many of them were last confirmed more than
    ``older_than`` years before ``year``, and how many no source dates.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "c", type="MEMBER_OF", last_confirmed="2010")
    0
    >>> G.add_edge("b", "c", type="MEMBER_OF")
    0
    >>> tie_ages(G, 2024)
    {'year': 2024, 'older_than': 10, 'counted': 2, 'old': 1, 'undated': 1}
    """
    rel = relationships(graph)
    edges, _ = shown(graph)
    counted = edges & rel.tying
    years = rel.confirmed_years
    return {
        "year": year,
        "older_than": older_than,
        "counted": int(counted.sum()),
        "old": int((counted & (years > 0) & (years < year - older_than)).sum()),
        "undated": int((counted & (years == 0)).sum()),
    }


@functools.lru_cache(maxsize=65536)
def date_range(value: str) -> tuple[str, str]:
    """First and last ISO day a partial date may mean: ``2021-02`` → 2021-02-01…2021-02-28."""
    try:
        return partial.start(str(value)).isoformat(), partial.end(str(value)).isoformat()
    except DateError as exc:
        raise AnalyticsError(f"{exc} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


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
    rel = relationships(graph)
    edges, nodes = shown(graph)
    node_facts, facts = rel.node_facts, rel.facts
    hidden_nodes = nodes & ~node_facts.in_force(day)
    undated_events = nodes & ~hidden_nodes & node_facts.undated
    hidden_edges = edges & ~facts.in_force(day)
    undated_relationships = edges & ~hidden_edges & facts.undated
    if dated_only:
        hidden_nodes |= undated_events
        hidden_edges |= undated_relationships
    if date is None and not hidden_nodes.any() and not hidden_edges.any():
        return graph  # nothing has ended: no view (iterating a view costs ~1.5x)
    counts = {
        "relationships": int(undated_relationships.sum()),
        "events": int(undated_events.sum()),
        "left_out": dated_only,
    }
    return restricted(graph, hidden_nodes, hidden_edges, {"as_of": date, "undated": counts})


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
    rel = relationships(graph)
    edges, _ = shown(graph)
    hidden_nodes = rel.node_mask(
        n
        for n, attrs in zip(rel.nodes, rel.node_attrs, strict=True)
        if attrs.get("label") == "Event" and attrs.get("evidence") not in keep
    )
    hidden_edges = edges & rel.claims & ~rel.evidence_in(keep)
    meta = {"evidence": [e for e in EVIDENCE if e in keep]}
    return restricted(graph, hidden_nodes, hidden_edges, meta)


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
    rel = relationships(graph)
    edges, nodes = shown(graph)
    keep_nodes = rel.node_mask(n for n, land in lands.items() if land == code)
    touching = edges & (keep_nodes[rel.ui] | keep_nodes[rel.vi])
    keep_nodes[rel.ui[touching]] = True
    keep_nodes[rel.vi[touching]] = True
    contexts = keep_nodes & np.fromiter((x in CONTEXTS for x in rel.labels), bool, len(rel.labels))
    into = edges & contexts[rel.vi] & rel.of_types(_IN_CONTEXT)
    keep_nodes[rel.ui[into]] = True
    attrs = rel.node_attrs
    keep_nodes |= rel.node_mask(
        s for i in np.flatnonzero(keep_nodes).tolist() for s in attrs[i].get("sources", ())
    )
    return restricted(graph, nodes & ~keep_nodes, edges & ~(touching | into), {"land": code})


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


@dataclass(frozen=True)
class Selection:
    """What part of the dataset a command, a table or the report looks at.

    ``as_of``: the state on that date (``None`` or ``"latest"``: the latest state);
    ``land``: one Land with its partners (:func:`restrict_to_land`); ``evidence``: only
    claims of these evidence values (:func:`with_evidence`); ``dated_only``: with
    ``as_of``, leave undated claims out instead of counting them as in force;
    ``confirmed_since``: only ties a source confirmed in or after that year
    (:func:`confirmed_since`). Declared once here: the command line's options
    (``--as-of``, ``--land``, ``--evidence``, ``--dated-only``,
    ``--confirmed-since``), the keywords of
    :func:`~ozggraph.output.report.build_report` and :func:`ozggraph.tables.bodies`,
    and :func:`view_of` all make one.

    >>> choice = Selection.of(as_of="2022", land="HE")
    >>> choice
    Selection(as_of='2022', land='HE', evidence=None, dated_only=False, confirmed_since=None)
    >>> Selection(as_of="latest") == Selection()
    True
    >>> chosen, rest = Selection.split({"land": "HE", "seed": 1}, choice)
    >>> chosen.as_of, chosen.land, rest
    ('2022', 'HE', {'seed': 1})
    """

    as_of: str | None = None
    land: str | None = None
    evidence: tuple[str, ...] | None = None
    dated_only: bool = False
    confirmed_since: int | None = None

    def __post_init__(self) -> None:
        if self.as_of == LATEST:
            object.__setattr__(self, "as_of", None)
        if self.evidence is not None:
            object.__setattr__(self, "evidence", tuple(self.evidence))

    @classmethod
    def of(cls, selection: Selection | None = None, **keywords: Any) -> Selection:
        """``selection`` (default: everything in its latest state) with ``keywords`` changed."""
        return dc.replace(selection or cls(), **keywords)

    @classmethod
    def split(
        cls, keywords: dict[str, Any], selection: Selection | None = None
    ) -> tuple[Selection, dict[str, Any]]:
        """:meth:`of` ``selection`` and those of ``keywords`` that are its fields; the others."""
        names = {f.name for f in dc.fields(cls)}
        chosen = {k: v for k, v in keywords.items() if k in names}
        return cls.of(selection, **chosen), {k: v for k, v in keywords.items() if k not in names}

    def view(self, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
        """The view of ``graph`` selected: :func:`with_evidence`, :func:`confirmed_since`,
        :func:`as_of` (default: the latest state), then :func:`restrict_to_land`.

        ``view.graph["undated"]`` counts the undated claims (see :func:`as_of`),
        ``view.graph["confirmed_since"]`` the ties left out as unconfirmed.
        """
        view = with_evidence(graph, self.evidence) if self.evidence else graph
        view = confirmed_since(view, self.confirmed_since) if self.confirmed_since else view
        if self.dated_only:
            view = as_of(view, self.as_of, dated_only=True)
        else:
            view = in_state(view, self.as_of)
        return restrict_to_land(view, self.land) if self.land else view

    def stamp(self, view: nx.MultiDiGraph) -> dict[str, Any]:
        """The keys of :func:`~ozggraph.output.stamp.stamp` that say what ``view`` (made by
        :meth:`view`) holds: as-of date, Land, evidence, undated claims, confirmation."""
        return {
            "as_of": self.as_of,
            "land": self.land,
            "evidence": None if self.evidence is None else list(self.evidence),
            "undated": view.graph.get("undated") if self.as_of else None,
            "confirmed_since": view.graph.get("confirmed_since"),
        }


def view_of(
    graph: nx.MultiDiGraph,
    *,
    date: str | None = None,
    land: str | None = None,
    evidence: Iterable[str] | None = None,
    dated_only: bool = False,
    confirmed: int | None = None,
) -> nx.MultiDiGraph:
    """:meth:`Selection.view` as a function: ``date`` is ``as_of``, ``confirmed``
    ``confirmed_since``."""
    evidence = None if evidence is None else tuple(evidence)
    return Selection(date, land, evidence, dated_only, confirmed).view(graph)
