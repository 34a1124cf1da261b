"""Finding nodes by id, name or alias, with close matches when nothing fits."""

from __future__ import annotations

import difflib
from collections.abc import Collection

import networkx as nx

from ozggraph.errors import UnknownIdError


def resolve(graph: nx.MultiDiGraph, query: str, labels: Collection[str], kind: str) -> str:
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
