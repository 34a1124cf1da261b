"""Network analytics on the typed graph: pure functions, results keyed by node id.

Start with :func:`cooperation_network` (who works with whom in the layers asked for,
default cooperation and reuse, each tie weighted 1/(n−1) for a context of n bodies;
the rules are in :mod:`ozggraph.network.projections`), then measure it:

>>> import ozggraph
>>> from ozggraph import analytics
>>> G = ozggraph.load_graph(MINI)
>>> C = analytics.cooperation_network(G, layers="cooperation,reuse,money")
>>> {body: round(value, 3) for body, value in sorted(analytics.betweenness(C).items())}
{'ags-06531005': 0.167, 'ags-06532023': 0.167, 'ekom21': 0.0, 'he-hmdis': 0.0}
>>> analytics.totals(G, "programme")
{'none': {'promised': 100000.0}}

Modules: :mod:`~ozggraph.network.projections` and :mod:`~ozggraph.network.filters`
(what the network is), :mod:`~ozggraph.analytics.centrality`,
:mod:`~ozggraph.analytics.brokerage`, :mod:`~ozggraph.analytics.communities`,
:mod:`~ozggraph.analytics.weakpoints` (measures on it), and on the typed graph
:mod:`~ozggraph.analytics.funding` and :mod:`~ozggraph.analytics.coverage`.
Large networks: pass the :class:`Projection` from :func:`cooperation_projection`
instead of an ``nx.Graph``; every measure accepts both.
"""

from __future__ import annotations

from ozggraph.analytics.brokerage import (
    brokerage_roles,
    brokerage_roles_by,
    constraint,
    effective_size,
    structural_holes,
)
from ozggraph.analytics.centrality import (
    betweenness,
    closeness,
    degree,
    eigenvector,
    harmonic,
    pagerank,
    path_centralities,
    weighted_degree,
)
from ozggraph.analytics.communities import cross_ties, louvain, modularity
from ozggraph.analytics.coverage import coverage
from ozggraph.analytics.funding import member_shares, totals
from ozggraph.analytics.summary import Analysis, analyse
from ozggraph.analytics.weakpoints import bridges, cut_points, single_operator_solutions
from ozggraph.errors import AnalyticsError
from ozggraph.network.filters import as_of, restrict_to_land
from ozggraph.network.projections import (
    bipartite_network,
    cooperation_network,
    cooperation_projection,
    typed_network,
)
from ozggraph.network.sparse import Projection, as_projection
from ozggraph.network.territory import kreis_of, land_of, level_of

__all__ = [
    "Analysis",
    "AnalyticsError",
    "Projection",
    "analyse",
    "as_of",
    "as_projection",
    "betweenness",
    "bipartite_network",
    "bridges",
    "brokerage_roles",
    "brokerage_roles_by",
    "closeness",
    "constraint",
    "cooperation_network",
    "cooperation_projection",
    "coverage",
    "cross_ties",
    "cut_points",
    "degree",
    "effective_size",
    "eigenvector",
    "harmonic",
    "kreis_of",
    "land_of",
    "level_of",
    "louvain",
    "member_shares",
    "modularity",
    "pagerank",
    "path_centralities",
    "restrict_to_land",
    "single_operator_solutions",
    "structural_holes",
    "totals",
    "typed_network",
    "weighted_degree",
]
