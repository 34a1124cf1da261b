"""Everyday answers from the embedded graph, no server: find a body, show its ties.

:func:`find` looks a text up in names, aliases and ids and tells apart bodies of the
same name by label and Land (the Land from :func:`ozggraph.network.territory.land_of`,
the one rule the analytics use). :func:`show` lists a node's relationships grouped
by kind, each with its relation, role, share, application, dates (start, end, last
confirmed), evidence, sources and whether it holds now (:func:`status`: former,
planned, historical and ended ties are labelled as such).

>>> import ozggraph
>>> G = ozggraph.load_graph(MINI)
>>> for m in find(G, "giessen")[:3]:
...     print(m.id, m.label, m.land, m.name)
ags-065 AdministrativeDistrict HE Gießen
ags-06531 District HE Gießen
ags-06531005 Municipality HE Gießen
>>> view = show(G, "ags-06531005")
>>> [group.kind for group in view.groups]
['MEMBER_OF →', 'PART_OF →']
>>> tie = view.groups[0].ties[0]
>>> tie.other, tie.evidence, tie.sources
('coop-ikz-mittelhessen-ozg', 'inferred', ['src-kommune21-2021-03-12-hessen-ikz'])
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ozggraph.errors import OzgGraphError, UnknownIdError
from ozggraph.network.filters import TYING
from ozggraph.network.names import display_names, fold, kind_of
from ozggraph.network.territory import UNKNOWN, Territory, land_of

__all__ = ["Group", "Match", "Tie", "View", "find", "resolve", "resolve_as", "show"]

#: Relationship properties shown beside a tie (besides date, evidence and sources).
_DETAILS = (
    "relation",
    "role",
    "share_percent",
    "application",
    "stage",
    "status",
    "amount_eur",
    "amount_kind",
    "amount_bound_eur",
    "programme",
    "weight",
    "valid_from",
    "valid_to",
    "last_confirmed",
)
#: Evidence values that say a tie is not (yet) a fact of the present.
_NOT_YET = ("planned", "announced", "promised")


@dataclass(frozen=True)
class Match:
    """One node found by :func:`find`."""

    id: str
    label: str
    name: str
    land: str | None  #: Land code (``HE``, ``DE`` for federal), ``None`` when not placed
    aliases: tuple[str, ...] = ()
    matched: str = ""  #: how the text was found: ``name``, ``alias`` or ``id``
    #: The name with what tells it apart from namesakes (:mod:`ozggraph.network.names`).
    shown: str = ""
    kind: str = ""  #: ``Stadt``, ``Landkreis`` ... where the data says, else the label


@dataclass(frozen=True)
class Tie:
    """One relationship seen from the node :func:`show` was asked about."""

    id: str
    type: str
    outgoing: bool  #: True: node -[type]-> other; False: other -[type]-> node
    other: str
    other_label: str
    other_name: str
    date: str | None  #: ``2021-03``, ``2019 – 2023``, ``since 2020``, ``until 2024``
    evidence: str | None  #: fact, announced, planned, ...; ``None`` where the data says none
    sources: list[str]
    details: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    #: ``current``, or why not: ``former``, ``planned``, ``historical``, ``ended 2018`` ...
    status: str = "current"


@dataclass(frozen=True)
class Group:
    """The ties of one kind: ``MEMBER_OF →`` (node is a member) or ``← MEMBER_OF`` (its members)."""

    kind: str
    ties: list[Tie]


@dataclass(frozen=True)
class View:
    """What :func:`show` returns: the node and its ties, grouped by kind."""

    node: Match
    groups: list[Group]
    sources: dict[str, str]  #: source id -> title, for every source the ties cite


def _fold(text: str) -> str:
    """Comparison form (:func:`ozggraph.network.names.fold`): ``Gießen`` = ``GIESSEN``,
    ``München`` = ``Muenchen``."""
    return fold(text)


def _land(lands: dict[str, str], node: str) -> str | None:
    land = lands.get(node)
    return None if land in (None, UNKNOWN) else land


def _match(
    graph: nx.MultiDiGraph, node: str, lands: dict[str, str], how: str = "", shown: str = ""
) -> Match:
    attrs = graph.nodes[node]
    return Match(
        id=node,
        label=attrs.get("label", ""),
        name=attrs.get("name") or node,
        land=_land(lands, node),
        aliases=tuple(attrs.get("aliases") or ()),
        matched=how,
        shown=shown or attrs.get("name") or node,
        kind=kind_of(graph, node),
    )


def find(
    graph: nx.MultiDiGraph,
    text: str,
    *,
    labels: set[str] | frozenset[str] | None = None,
    limit: int | None = None,
) -> list[Match]:
    """Nodes whose name, an alias or id contains *text* (any case; ß = ss, ü = ue ...).

    Best first: an exact name or alias before one that only contains the text, then
    shorter names, then by name and id. *labels* keeps only those labels.
    """
    wanted = _fold(text.strip())
    if not wanted:
        raise OzgGraphError("find: give a text to look for")
    hits: list[tuple[tuple[int, int, str, str], str, str]] = []
    for node, attrs in graph.nodes(data=True):
        if labels is not None and attrs.get("label") not in labels:
            continue
        name = _fold(attrs.get("name") or "")
        aliases = [_fold(a) for a in attrs.get("aliases") or ()]
        if name == wanted or wanted in aliases:
            rank, how = 0, "name" if name == wanted else "alias"
        elif wanted in name:
            rank, how = 1, "name"
        elif any(wanted in alias for alias in aliases):
            rank, how = 2, "alias"
        elif wanted in _fold(node):
            rank, how = 3, "id"
        else:
            continue
        hits.append(((rank, len(name), name, node), node, how))
    hits.sort()
    if limit is not None:
        hits = hits[:limit]
    if not hits:
        return []
    territory = Territory(graph)
    lands = land_of(graph, territory)
    shown = display_names(graph, [node for _, node, _ in hits], territory)
    return [_match(graph, node, lands, how, shown[node]) for _, node, how in hits]


def resolve(graph: nx.MultiDiGraph, body: str) -> str:
    """The node id *body* names: an id, or a name or alias only one node has exactly."""
    if body in graph:
        return body
    exact = [m for m in find(graph, body) if m.matched in ("name", "alias")]
    folded = _fold(body.strip())
    exact = [m for m in exact if _fold(m.name) == folded or folded in (_fold(a) for a in m.aliases)]
    if len(exact) == 1:
        return exact[0].id
    if not exact:
        raise OzgGraphError(f"no node with id or name {body!r}; look it up with 'ozggraph find'")
    choices = "; ".join(f"{m.id} ({m.label}, {m.land or 'no Land'})" for m in exact)
    raise OzgGraphError(f"{len(exact)} nodes are named {body!r}: {choices}; give the id")


def _period(attrs: dict[str, Any]) -> str | None:
    date, start, end = attrs.get("date"), attrs.get("valid_from"), attrs.get("valid_to")
    if date and end:
        return f"{date}, until {end}"
    if date:
        return str(date)
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"since {start}"
    if end:
        return f"until {end}"
    return None


def status(attrs: dict[str, Any]) -> str:
    """Whether a tie holds now, and if not why: ``former`` (the membership ended),
    ``planned`` (an accession or a claim not yet a fact), ``historical`` (held then, not
    known to hold now), ``ended <date>``; else ``current``.

    >>> status({"relation": "former member"}), status({"valid_to": "2018"})
    ('former', 'ended 2018')
    >>> status({"relation": "member", "evidence": "planned"})
    'planned'
    """
    relation, end, evidence = attrs.get("relation"), attrs.get("valid_to"), attrs.get("evidence")
    if relation == "former member":
        return f"former (until {end})" if end else "former"
    if relation == "accession planned":
        return "planned"
    if relation == "historical customer":
        return "historical"
    if end:
        return f"ended {end}"
    if evidence in _NOT_YET:
        return str(evidence)
    return "current"


def show(graph: nx.MultiDiGraph, body: str) -> View:
    """The ties of *body* (an id or an unambiguous name), grouped by kind.

    Groups come in the order of the relationship types, outgoing before incoming;
    ties within a group by the other node's name.
    """
    node = resolve(graph, body)
    lands = land_of(graph)
    groups: defaultdict[str, list[Tie]] = defaultdict(list)
    cited: set[str] = set()
    edges = [(True, v, k, a) for _, v, k, a in graph.out_edges(node, keys=True, data=True)]
    edges += [(False, u, k, a) for u, _, k, a in graph.in_edges(node, keys=True, data=True)]
    for outgoing, other, key, attrs in edges:
        kind = f"{attrs['type']} →" if outgoing else f"← {attrs['type']}"
        sources = list(attrs.get("sources") or ())
        cited.update(sources)
        groups[kind].append(
            Tie(
                id=str(key),
                type=attrs["type"],
                outgoing=outgoing,
                other=other,
                other_label=graph.nodes[other].get("label", ""),
                other_name=graph.nodes[other].get("name") or other,
                date=_period(attrs),
                evidence=attrs.get("evidence"),
                sources=sources,
                details={k: attrs[k] for k in _DETAILS if attrs.get(k) is not None},
                note=attrs.get("note"),
                status=status(attrs) if attrs["type"] in TYING else "",
            )
        )
    ordered = sorted(groups, key=lambda kind: (kind.startswith("←"), kind.strip("← →")))
    titles = {s: graph.nodes[s].get("name") or s if s in graph else s for s in sorted(cited)}
    return View(
        node=_match(graph, node, lands),
        groups=[
            Group(kind, sorted(groups[kind], key=lambda t: (t.other_name, t.other, t.id)))
            for kind in ordered
        ],
        sources=titles,
    )


def resolve_as(graph: nx.MultiDiGraph, query: str, labels: Collection[str], kind: str) -> str:
    """The id of the one node of ``labels`` whose id, name or an alias is ``query``.

    Matching ignores case. Raise :class:`UnknownIdError` naming up to five close
    matches when none or several nodes fit.
    """
    wanted = query.strip().casefold()
    names: dict[str, set[str]] = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") not in labels:
            continue
        full = str(attrs.get("name") or "")
        # "A / B" names (a service and its other title) answer to either part
        parts = [p for p in full.split(" / ") if p] if " / " in full else []
        for name in (node, full, *parts, *attrs.get("aliases", ())):
            if name:
                names.setdefault(str(name).casefold(), set()).add(node)
    hits = names.get(wanted, set())
    if len(hits) == 1:
        return next(iter(hits))
    if hits:
        raise UnknownIdError(f"{kind} {query!r} is ambiguous: {', '.join(sorted(hits))}")
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.5)
    close += [n for n in names if wanted in n and n not in close][: 5 - len(close)]
    shown = sorted({f"{graph.nodes[i].get('name', i)} ({i})" for n in close for i in names[n]})
    hint = f"; close matches: {', '.join(shown)}" if shown else f"; no {kind} comes close"
    raise UnknownIdError(f"unknown {kind} {query!r}{hint}")
