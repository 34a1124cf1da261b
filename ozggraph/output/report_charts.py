"""The charts of the report (PNG), which its HTML form inlines."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit: charts are files

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator, NullFormatter, NullLocator

from ozggraph.i18n import N_, _, number
from ozggraph.output.report_data import Report
from ozggraph.output.report_sections import PALETTE, money_evidence

EVIDENCE_COLOURS = {
    "fact": "#1b7837",
    "agreed": "#762a83",
    "promised": "#7fbf7b",
    "planned": "#c2a5cf",
    "announced": "#e7d4e8",
    "inferred": "#bababa",
    "derived": "#878787",
}


def chart_png(report: Report, name: str) -> bytes:
    """The chart ``name`` (funding, centrality, network) of the report as PNG bytes."""
    return figure_png({**CHARTS, "network": network_chart}[name](report))


def chart_image(figure: Figure, name: str) -> str:
    """``figure`` as an inline PNG (no file, no request)."""
    data = base64.b64encode(figure_png(figure)).decode("ascii")
    return f'<p><img alt="{name} chart" src="data:image/png;base64,{data}"></p>'


def figure_png(figure: Figure) -> bytes:
    """``figure`` as PNG bytes; the figure is closed."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def money_unit(largest: float) -> tuple[float, str]:
    """Divisor and axis label so the largest amount reads naturally (0.13 million € is 130 k€)."""
    if largest >= 1e6:
        return 1e6, N_("million €")
    if largest >= 1e3:
        return 1e3, N_("thousand €")
    return 1.0, "€"


def funding_chart(report: Report) -> Figure:
    """Grants per evidence; next to it, per year and evidence (never stacked) when any is dated."""
    f = report.funding
    kinds = money_evidence(f)
    years = [y for y in f["by_year"] if y != "undated"]
    amounts = [f["by_evidence"][s]["amount_eur"] for s in kinds]
    divisor, unit = money_unit(max(amounts, default=0.0))
    if years:
        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.6), width_ratios=(1, 2.4))
    else:
        fig, left = plt.subplots(figsize=(5.5, 3.6))
    counts = [f["by_evidence"][s]["grants"] for s in kinds]
    bars = left.bar(
        [_(k) for k in kinds],
        [a / divisor for a in amounts],
        color=[EVIDENCE_COLOURS[s] for s in kinds],
    )
    left.bar_label(bars, labels=[f"{number(c)} {_('grants')}" for c in counts], fontsize=8)
    left.set_ylabel(_(unit))
    left.set_title(
        _("Grant amounts by evidence") if years else _("Grant amounts by evidence (undated)")
    )
    if years:
        x = np.arange(len(years))
        width = 0.8 / max(len(kinds), 1)
        for i, kind in enumerate(kinds):
            values = [f["by_year"][y].get(kind, 0.0) / divisor for y in years]
            right.bar(x + i * width, values, width, label=_(kind), color=EVIDENCE_COLOURS[kind])
        right.set_xticks(x + 0.4 - width / 2, years, rotation=45 if len(years) > 8 else 0)
        right.set_ylabel(_(unit))
        right.set_title(_("By year of the grant"))
        right.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def centrality_chart(report: Report) -> Figure:
    """How partners and PageRank are distributed over the bodies (log scales)."""
    rows = list(report.nodes.values())
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.4))
    degrees = np.array([r["degree"] for r in rows if r["degree"]], dtype=float)
    if len(degrees):
        values, counts = np.unique(degrees, return_counts=True)
        left.loglog(values, counts, "o", markersize=3, color="#3b6ea5")
    left.set_xlabel(_("partners"))
    left.set_ylabel(_("bodies"))
    left.set_title(_("Partners per body ({n} bodies)").format(n=number(len(degrees))))
    ranks = np.array([r["pagerank"] for r in rows if r["pagerank"] > 0])
    if len(ranks):
        bins = np.logspace(np.log10(ranks.min()), np.log10(ranks.max()) + 1e-9, 30)
        right.hist(ranks, bins=bins, color="#3b6ea5")
        right.set_xscale("log")
        # a few round values, plainly written: the default minor labels overlap
        right.xaxis.set_minor_formatter(NullFormatter())
        right.xaxis.set_minor_locator(NullLocator())
        marks = [m * 10.0**e for e in range(-6, 1) for m in (1, 2, 5)]
        shown = [v for v in marks if ranks.min() <= v <= ranks.max()]
        right.set_xticks(shown, [f"{v:g}" for v in shown])
        right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.set_xlabel(_("PageRank (log scale)"))
    right.set_ylabel(_("bodies"))
    right.set_title(_("PageRank of all {n} bodies").format(n=number(len(ranks))))
    fig.tight_layout()
    return fig


def component_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Kamada–Kawai per connected component, components side by side, largest first.

    One spring layout of the whole graph pushes small components to the corners
    and crushes the big one; laying out each on its own keeps both readable.
    """
    positions: dict[str, tuple[float, float]] = {}
    left = 0.0
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    for component in components:
        part = graph.subgraph(component)
        width = max(len(component) ** 0.5, 1.0)
        layout = nx.circular_layout(part)
        if len(component) > 2:
            # Kamada–Kawai for the shape, then a looser spring pass so dense cores open up.
            start = nx.kamada_kawai_layout(part)
            spread = 2.5 / len(component) ** 0.5
            layout = nx.spring_layout(part, pos=start, k=spread, iterations=60, seed=0)
        for node, (x, y) in layout.items():
            positions[node] = (left + width * (float(x) + 1) / 2, width * (float(y) + 1) / 2)
        left += width + 0.6
    return positions


def network_chart(report: Report) -> Figure:
    """The network picture (static, for print): colour by community with a legend."""
    picture = report.picture
    graph = nx.Graph()
    graph.add_nodes_from(picture["nodes"])
    graph.add_weighted_edges_from(picture["links"])
    fig, ax = plt.subplots(figsize=(12, 8.5))
    ax.set_axis_off()
    rows = report.nodes
    if graph.number_of_nodes():
        layout = component_layout(graph)
        top = max(rows[n]["pagerank"] for n in graph)
        nx.draw_networkx_edges(graph, layout, ax=ax, alpha=0.15, width=0.6)
        nx.draw_networkx_nodes(
            graph,
            layout,
            ax=ax,
            node_size=[30 + 600 * rows[n]["pagerank"] / top for n in graph],
            node_color=[PALETTE[rows[n]["community"] % len(PALETTE)] for n in graph],
        )
        # the leading bodies of every community, so no cluster stays unnamed
        leaders = {name for c in report.communities for name in c["leading"][:2]}
        for n in graph:
            if rows[n]["name"] in leaders:
                x, y = layout[n]
                ax.annotate(
                    rows[n]["name"],
                    (x, y),
                    xytext=(0, 7),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
                )
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                color=PALETTE[c["community"] % len(PALETTE)],
                label=f"{c['community']}: {c['leading'][0]} … ({c['size']})",
            )
            for c in report.communities[:12]
        ]
        ax.legend(
            handles=handles,
            title="community: leading body (bodies)",
            fontsize=7,
            title_fontsize=8,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            frameon=False,
        )
    n, total = graph.number_of_nodes(), len(rows)
    what = f"All {n:,} bodies" if n == total else f"The {n:,} of {total:,} bodies with top PageRank"
    ax.set_title(f"{what} of the cooperation network (colour: community, size: PageRank)")
    return fig


#: Charts the report places after a section (see :attr:`Section.chart`).
CHARTS: dict[str, Callable[[Report], Figure]] = {
    "funding": funding_chart,
    "centrality": centrality_chart,
}
