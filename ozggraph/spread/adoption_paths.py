"""The paths along which a solution travelled to each adopter, and what each hop is made of.

For each adopter: the shortest chain of ties in the cooperation network (tie rule
of :mod:`ozggraph.network.ties`) from a body that had the solution before it (a
developer, operator or provider, or an adopter with an earlier dated fact) to
the adopter, with what each tie is made of (:meth:`TieIndex.made_of`: the
cooperations, programmes, solutions, grants and memberships behind it); or, when
a territorial unit above the adopter had it first (a Kreis after its Land), that
unit (``hierarchy``). The solution itself is left out of the network, otherwise
every adopter would be "connected" by the very reuse being explained. Ties in
force at ``as_of`` only (``None``: the latest state). A path is a co-occurrence
in the data, not proof of how a decision was made.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import networkx as nx

from ozggraph.network.projections import cooperation_projection
from ozggraph.network.territory import Territory
from ozggraph.network.ties import TieIndex
from ozggraph.schema import dates
from ozggraph.spread.cascade_network import view

#: Marks a hop down the territorial hierarchy in a path's ``through``.
HIERARCHY = "hierarchy"

#: One adopter's path: bodies from an earlier holder to it, and what ties each hop.
Path = tuple[list[str], list[list[str]]]


def tie_paths(
    graph: nx.MultiDiGraph,
    solution: str,
    holders: Sequence[str],
    adopters: Sequence[tuple[str, str | None]],
    as_of: str | None,
    terr: Territory,
) -> dict[str, Path]:
    """``{adopter: (via, through)}`` for ``adopters`` given as ``(id, first dated fact)``.

    ``holders``: developers, operators and providers, who had the solution from the start.
    Adopters no earlier holder reaches are left out.
    """
    ties = TieIndex(view(graph, as_of, exclude={solution}))
    network = cooperation_projection(ties.graph, ties=ties).to_networkx()
    found: dict[str, Path] = {}
    for body, first in adopters:
        earlier = set(holders) | {
            other
            for other, when in adopters
            if when and first and dates.start(when) < dates.start(first)
        }
        earlier.discard(body)
        above = terr.ancestors(body) & earlier
        if above:  # it came down the hierarchy: the nearest unit above that had it
            found[body] = ([max(above, key=lambda a: len(terr.ancestors(a))), body], [[HIERARCHY]])
            continue
        sources = {s for s in earlier if s in network}
        if body not in network or not sources:
            continue
        try:
            _, path = nx.multi_source_dijkstra(network, sorted(sources), body, weight=None)
        except nx.NetworkXNoPath:
            continue
        found[body] = (list(path), [ties.made_of(a, b) for a, b in itertools.pairwise(path)])
    return found
