"""The cooperation report as data: every figure the renderers show, and the stamp to cite it.

>>> import ozggraph
>>> from ozggraph.output.report import build_report
>>> report = build_report(ozggraph.load_graph(MINI))
>>> report.stamp["backend"], report.overview["network"]["bodies"]
('embedded', 3)
>>> report.funding["by_evidence"]["promised"]
{'amount_eur': 100000.0, 'grants': 1, 'approximate': 0, 'at_least': 0}
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ozggraph.analytics import funding, weakpoints
from ozggraph.analytics.communities import cross_ties
from ozggraph.analytics.coverage import coverage as coverage_of
from ozggraph.analytics.layers import contexts_that_bridge, layer_rankings, robustness
from ozggraph.analytics.summary import Analysis, analyse
from ozggraph.network.filters import Selection, tie_ages
from ozggraph.network.names import display_names
from ozggraph.network.relationships import collecting_later
from ozggraph.network.sparse import component_labels
from ozggraph.network.ties import TieIndex
from ozggraph.output.report_data import Report
from ozggraph.output.stamp import stamp
from ozggraph.schema.layers import LAYERS, WEIGHTING, check_layers, ranks_shares

__all__ = ["Report", "analysed", "build_report"]

#: Rows in the "most central" and "brokers" tables of text, md and html (json has all).
TOP = 10
#: Bodies drawn in the network picture (the highest PageRank).
PICTURE_NODES = 120


def build_report(
    graph: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    seed: int = 0,
    top: int = TOP,
    layers: Iterable[str] | str | None = None,
    **chosen: Any,
) -> Report:
    """The report on ``graph`` (the whole dataset), optionally as of a date and for one Land.

    ``selection`` (:class:`~ozggraph.network.filters.Selection`), or its fields as
    keywords (``as_of``, ``land``, ``evidence``, ``dated_only``, ``confirmed_since``):
    ``evidence`` keeps only claims of those evidence values (``["fact"]``: facts only);
    ``dated_only`` leaves undated claims out of an as-of report (else they are counted
    as in force, and the stamp says how many); ``confirmed_since`` leaves out the ties
    no source confirmed since that year (the stamp says how many). ``layers``: the
    layers of the network (ids of :data:`~ozggraph.schema.layers.LAYERS`; default
    cooperation and reuse). The overview says how many counted ties were last
    confirmed more than ten years before the as-of year (or this year).
    """
    chosen_layers = check_layers(layers)  # type: ignore[arg-type]
    selection = Selection.of(selection, **chosen)
    with collecting_later():  # the sections make millions of objects, no garbage cycles
        return _build(graph, selection, seed=seed, top=top, chosen_layers=chosen_layers)


def _build(
    graph: nx.MultiDiGraph,
    selection: Selection,
    *,
    seed: int,
    top: int,
    chosen_layers: tuple[str, ...],
) -> Report:
    view, analysis, rows = analysed(graph, selection, seed=seed, layers=chosen_layers)
    ties = analysis.ties
    territory = ties.territory  # of the whole graph, from the same pass
    land, as_of = selection.land, selection.as_of
    header = stamp(
        graph,
        **selection.stamp(view),
        layers=",".join(chosen_layers),
        weighting=WEIGHTING,
    )
    names = {n: row["shown"] for n, row in rows.items()}
    weak = _weak_points(view, analysis, names)
    cover = coverage_of(view, ties=analysis.ties, lands=analysis.lands, territory=territory)
    if land:
        cover["lands"] = {k: v for k, v in cover["lands"].items() if k == land}
        cover["white_spots"] = [s for s in cover["white_spots"] if s["land"] == land]
    money = funding.summary(view, ties=analysis.ties, lands=analysis.lands)
    mentioned = {
        k
        for key in ("by_funder", "by_recipient", "by_programme", "programme_budgets")
        for k in money[key]
    }
    mentioned |= {r["operator"] for r in weak["single_operator_solutions"]}
    mentioned |= {f for b in money["programme_budgets"].values() for f in b.get("funders", ())}
    mentioned |= {c["provider"] for r in cover["lands"].values() for c in r.get("reported", [])}
    ranking = {n: r["pagerank"] for n, r in rows.items()}
    return Report(
        stamp=header,
        overview={
            **_overview(view, analysis),
            "tie_ages": tie_ages(view, int(as_of[:4]) if as_of else dt.date.today().year),
        },
        central=_top(rows, "pagerank", top),
        brokers=_top(rows, "betweenness", top),
        communities=_communities(analysis, rows),
        cross_ties={
            "land": cross_ties(analysis.projection, analysis.lands),
            "level": cross_ties(analysis.projection, analysis.levels),
        },
        funding=money,
        coverage=cover,
        weak_points=weak,
        nodes=rows,
        picture=_picture(analysis, rows),
        names=_names(view, sorted(mentioned), names, territory),
        network_model=_network_model(chosen_layers),
        layers=layer_rankings(ties, lands=analysis.lands, land=land, top=top),
        robustness=robustness(view, ties, ranking, layers=chosen_layers, land=land, top=top),
        two_mode=contexts_that_bridge(ties, layers=chosen_layers, top=top),
        _explorer=lambda: _explorer_facts(view, analysis),
        _markdown=_markdown,
    )


def analysed(
    graph: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    seed: int = 0,
    layers: Iterable[str] | str | None = None,
    **options: Any,
) -> tuple[nx.MultiDiGraph, Analysis, dict[str, dict[str, Any]]]:
    """The view ``selection`` asks for, its analysis and one row per body of the network.

    The one path from options to measures, shared by :func:`build_report`,
    ``ozggraph analyze`` and :func:`ozggraph.tables.bodies`, so the notebook and the
    report agree by construction: the view of
    :meth:`~ozggraph.network.filters.Selection.view` (default: the latest state), one
    :class:`TieIndex` of it, the network of ``layers`` (default cooperation and
    reuse). ``options`` go on to :func:`~ozggraph.analytics.analyse`.
    """
    selection = selection or Selection()
    with collecting_later():
        view = selection.view(graph)
        ties = TieIndex(view)
        territory = ties.territory  # of the whole graph, from the same pass
        analysis = analyse(
            view,
            land=selection.land,
            seed=seed,
            territory=territory,
            layers=layers,
            ties=ties,
            **options,
        )
        shown = display_names(view, analysis.projection.ids, territory)
        return view, analysis, _node_rows(view, analysis, shown)


def _names(
    view: nx.MultiDiGraph, nodes: list[str], known: dict[str, str], territory: Any
) -> dict[str, str]:
    """:func:`display_names` of the ``nodes`` in ``view``, those of the body rows reused
    (a node's shown name does not depend on which others are asked for)."""
    nodes = [n for n in nodes if n in view]
    found = display_names(view, [n for n in nodes if n not in known], territory)
    return {n: known[n] if n in known else found[n] for n in nodes}


def _markdown(report: Report) -> str:
    from ozggraph.output.render import render  # rich and the layout only when Jupyter asks

    return render(report, "md")


def _explorer_facts(graph: nx.MultiDiGraph, analysis: Analysis) -> dict[str, Any]:
    from ozggraph.output.facts import explorer_facts  # only html and json need it

    return explorer_facts(graph, analysis)


def _network_model(layers: tuple[str, ...]) -> dict[str, Any]:
    """The layers of the network and the weighting, as the report states them."""
    return {
        "layers": list(layers),
        "all_layers": {
            k: {"meaning": v.meaning, "direction": v.direction} for k, v in LAYERS.items()
        },
        "weighting": WEIGHTING,
        "rule": (
            "each tie through a context of n bodies weighs 1/(n-1): members of a "
            "Cooperation of n with each other; a member with its IT provider or association "
            "of n members 1/n; a maker with a user 1/(n-1) over the solution's makers and "
            "users; funder and recipients of one grant alike. Path measures "
            "(betweenness, closeness) count steps; PageRank, eigenvector and "
            "communities read the weights."
            + (
                " Rankings read the weights as shares: PageRank follows a body's ties "
                "with their weight where they weigh less than one in all, and "
                "betweenness counts each pair of bodies with their ties' weight (at "
                "most 1), so a joint body is not central by its member count alone."
                if ranks_shares(tuple(layers))
                else " Rankings of dependence layers count every dependent in full."
            )
        ),
    }


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


def _top(rows: dict[str, dict[str, Any]], key: str, top: int) -> list[dict[str, Any]]:
    ranked = sorted(rows, key=lambda n: (-(rows[n][key] or 0.0), n))[:top]
    return [{"id": n, **rows[n]} for n in ranked if rows[n][key]]


def _overview(graph: nx.MultiDiGraph, analysis: Analysis) -> dict[str, Any]:
    net = analysis.projection
    labels = Counter(analysis.ties.labels.values())
    types = analysis.ties.types
    sizes = np.bincount(component_labels(net.weights)) if net.n else np.zeros(0, dtype=int)
    n = net.n
    claims = analysis.ties.claims  # counted in the one pass over the relationships
    return {
        "nodes": dict(sorted(labels.items())),
        "relationships": dict(sorted(types.items())),
        "claims_by_evidence": {t: dict(sorted(c.items())) for t, c in sorted(claims.items())},
        "network": {
            "bodies": n,
            "links": net.number_of_edges,
            "ties": float(sp.triu(net.weights, k=1).sum()) if n else 0.0,
            "density": 2 * net.number_of_edges / (n * (n - 1)) if n > 1 else 0.0,
            "components": len(sizes),
            "largest_component": int(sizes.max()) if n else 0,
            "communities": len({r["community"] for r in analysis.nodes.values()}),
            "modularity": analysis.modularity,
        },
    }


def _communities(analysis: Analysis, rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    members: dict[int, list[str]] = {}
    for node, row in rows.items():
        members.setdefault(row["community"], []).append(node)
    result = []
    for number in sorted(members):
        nodes = sorted(members[number], key=lambda n: (-rows[n]["pagerank"], n))
        result.append(
            {
                "community": number,
                "size": len(nodes),
                "lands": dict(Counter(rows[n]["land"] for n in nodes).most_common()),
                "levels": dict(Counter(rows[n]["level"] for n in nodes).most_common()),
                "leading": [rows[n]["name"] for n in nodes[:3]],
            }
        )
    return result


def _weak_points(
    graph: nx.MultiDiGraph, analysis: Analysis, names: dict[str, str]
) -> dict[str, Any]:
    net = analysis.projection
    cuts, bridges = weakpoints.cuts_and_bridges(net)
    solutions = weakpoints.single_operator_solutions(graph, ties=analysis.ties)
    return {
        "cut_points": [
            {"id": n, "name": names[n], "cut_off": c}
            for n, c in sorted(cuts.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "bridges": [
            {**b, "u_name": names[b["u"]], "v_name": names[b["v"]]}
            for b in sorted(bridges, key=lambda b: (-b["smaller_side"], b["u"], b["v"]))
        ],
        "single_operator_solutions": solutions,
        "operators": weakpoints.dependence_on_operators(solutions),
    }


def _picture(analysis: Analysis, rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The links among the bodies with the highest PageRank, for the html network picture."""
    net = analysis.projection
    chosen = sorted(rows, key=lambda n: (-rows[n]["pagerank"], n))[:PICTURE_NODES]
    index = [net.index[n] for n in sorted(chosen)]
    sub = sp.triu(net.weights[index][:, index], k=1).tocoo()
    ids = sorted(chosen)
    return {
        "nodes": ids,
        "links": [
            [ids[i], ids[j], w]
            for i, j, w in zip(sub.row.tolist(), sub.col.tolist(), sub.data.tolist(), strict=True)
        ],
    }
