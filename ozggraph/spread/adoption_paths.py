"""The paths along which a solution travelled to each adopter.

For each adopter: the shortest chain of ties in the cooperation network (see
:mod:`ozggraph.spread.ties`) from a body that had the solution before it (a
developer, operator or provider, or an adopter with an earlier dated fact) to
the adopter, with what each tie is made of; or, when a territorial unit above
the adopter had it first (a Kreis after its Land), that unit (``hierarchy``).
The solution itself is left out of the network, otherwise every adopter would
be "connected" by the very reuse being explained. Ties in force at ``as_of``
only. A path is a co-occurrence in the data, not proof of how a decision was made.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import networkx as nx

from ozggraph.spread import dates
from ozggraph.spread.territory import Territory
from ozggraph.spread.ties import contexts, tie_network

if TYPE_CHECKING:
    from ozggraph.spread.observed import Adopter

#: Marks a hop down the territorial hierarchy in ``Adopter.through``.
HIERARCHY = "hierarchy"


def tie_paths(
    graph: nx.MultiDiGraph,
    solution: str,
    roles_ids: Sequence[str],
    adopters: Sequence[Adopter],
    as_of: str | None,
    terr: Territory,
) -> None:
    """Set ``adopter.via`` (body ids, earlier holder first) and ``adopter.through``."""
    ties = tie_network(graph, as_of, exclude={solution})
    for adopter in adopters:
        earlier = set(roles_ids) | {
            other.id
            for other in adopters
            if other.first
            and adopter.first
            and dates.start(other.first) < dates.start(adopter.first)
        }
        earlier.discard(adopter.id)
        above = terr.ancestors(adopter.id) & earlier
        if above:  # it came down the hierarchy: the nearest unit above that had it
            adopter.via = [max(above, key=lambda a: len(terr.ancestors(a))), adopter.id]
            adopter.through = [[HIERARCHY]]
            continue
        sources = {s for s in earlier if s in ties}
        if adopter.id not in ties or not sources:
            continue
        try:
            _, path = nx.multi_source_dijkstra(ties, sorted(sources), adopter.id, weight=None)
        except nx.NetworkXNoPath:
            continue
        adopter.via = list(path)
        adopter.through = [contexts(graph, a, b, {solution}) for a, b in itertools.pairwise(path)]
