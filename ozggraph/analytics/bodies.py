"""Every body of the cooperation network with its measures, for the options asked for.

:func:`analysed` is the one path from options (as-of date, Land, evidence, layers ...)
to measures: :func:`~ozggraph.output.report.build_report`, ``ozggraph analyze`` and
:func:`ozggraph.tables.bodies` all read it, so the notebook and the report agree by
construction.

>>> import ozggraph
>>> view, analysis, rows = analysed(ozggraph.load_graph(MINI))
>>> rows["ags-06531005"]["name"], rows["ags-06531005"]["land"]
('Gießen', 'HE')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ozggraph.analytics.summary import Analysis, analyse
from ozggraph.network.filters import view_of
from ozggraph.network.names import display_names
from ozggraph.network.ties import TieIndex


def analysed(
    graph: nx.MultiDiGraph,
    *,
    as_of: str | None = None,
    land: str | None = None,
    evidence: list[str] | None = None,
    dated_only: bool = False,
    confirmed_since: int | None = None,
    seed: int = 0,
    layers: Iterable[str] | str | None = None,
    **options: Any,
) -> tuple[nx.MultiDiGraph, Analysis, dict[str, dict[str, Any]]]:
    """The view the options ask for, its analysis and one row per body of the network.

    The one path from options to measures, shared by :func:`build_report`,
    ``ozggraph analyze`` and :func:`ozggraph.tables.bodies`, so the notebook and the
    report agree by construction: the view of
    :func:`~ozggraph.network.filters.view_of` (default: the latest state), one
    :class:`TieIndex` of it, the network of ``layers`` (default cooperation and
    reuse). ``options`` go on to :func:`~ozggraph.analytics.analyse`.
    """
    view = view_of(
        graph,
        date=as_of,
        land=land,
        evidence=evidence,
        dated_only=dated_only,
        confirmed=confirmed_since,
    )
    ties = TieIndex(view)
    territory = ties.territory  # of the whole graph, from the same pass
    analysis = analyse(
        view, land=land, seed=seed, territory=territory, layers=layers, ties=ties, **options
    )
    shown = display_names(view, analysis.projection.ids, territory)
    return view, analysis, _node_rows(view, analysis, shown)


def _node_rows(
    graph: nx.MultiDiGraph, analysis: Analysis, shown: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """One row per body: name, ``shown`` (the name with what tells it apart), label ..."""
    rows = {}
    for node in analysis.projection.ids:
        rows[node] = {
            "name": graph.nodes[node].get("name", node),
            "shown": shown[node],
            "label": graph.nodes[node]["label"],
            "land": analysis.lands.get(node),
            "level": analysis.levels.get(node),
            **analysis.nodes[node],
            "roles_land": analysis.roles["land"][node],
            "roles_level": analysis.roles["level"][node],
        }
    return rows
