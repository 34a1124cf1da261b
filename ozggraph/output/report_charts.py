"""The charts of the report (PNG), which its HTML form inlines."""

from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit: charts are files

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.figure import Figure

from ozggraph.output.report import Report
from ozggraph.output.report_sections import money_evidence

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
    charts: dict[str, Callable[[Report], Figure]] = {
        "funding": funding_chart,
        "centrality": centrality_chart,
        "network": network_chart,
    }
    figure = charts[name](report)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def funding_chart(report: Report) -> Figure:
    """Grants per evidence (left) and per year and evidence, side by side, never stacked."""
    f = report.funding
    kinds = money_evidence(f)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.6), width_ratios=(1, 2.4))
    amounts = [f["by_evidence"][s]["amount_eur"] / 1e6 for s in kinds]
    left.bar(kinds, amounts, color=[EVIDENCE_COLOURS[s] for s in kinds])
    left.set_ylabel("million €")
    left.set_title("Grants by evidence")
    years = [y for y in f["by_year"] if y != "undated"]
    x = np.arange(len(years))
    width = 0.8 / len(kinds)
    for i, status in enumerate(kinds):
        values = [f["by_year"][y].get(status, 0.0) / 1e6 for y in years]
        right.bar(x + i * width, values, width, label=status, color=EVIDENCE_COLOURS[status])
    right.set_xticks(x + 0.4 - width / 2, years, rotation=45 if len(years) > 8 else 0)
    right.set_title("By year of the grant")
    if years:
        right.legend(frameon=False, fontsize=8)
    else:
        right.text(0.5, 0.5, "no grant has a date", ha="center", transform=right.transAxes)
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
    left.set_xlabel("partners")
    left.set_ylabel("bodies")
    left.set_title("Partners per body")
    ranks = np.array([r["pagerank"] for r in rows if r["pagerank"] > 0])
    if len(ranks):
        bins = np.logspace(np.log10(ranks.min()), np.log10(ranks.max()) + 1e-9, 30)
        right.hist(ranks, bins=bins, color="#3b6ea5")
        right.set_xscale("log")
    right.set_xlabel("PageRank")
    right.set_title("PageRank distribution")
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
    """The bodies with the highest PageRank and their links, coloured by community."""
    picture = report.picture
    graph = nx.Graph()
    graph.add_nodes_from(picture["nodes"])
    graph.add_weighted_edges_from(picture["links"])
    fig, ax = plt.subplots(figsize=(11, 8))
    ax.set_axis_off()
    if graph.number_of_nodes():
        layout = component_layout(graph)
        rows = report.nodes
        top = max(rows[n]["pagerank"] for n in graph)
        nx.draw_networkx_edges(graph, layout, ax=ax, alpha=0.15, width=0.6)
        nx.draw_networkx_nodes(
            graph,
            layout,
            ax=ax,
            node_size=[30 + 600 * rows[n]["pagerank"] / top for n in graph],
            node_color=[rows[n]["community"] % 20 for n in graph],
            cmap="tab20",
            vmin=0,
            vmax=19,
        )
        leaders = sorted(graph, key=lambda n: -rows[n]["pagerank"])[:12]
        nx.draw_networkx_labels(
            graph, layout, ax=ax, font_size=7, labels={n: rows[n]["name"][:28] for n in leaders}
        )
    ax.set_title(
        f"The {graph.number_of_nodes()} bodies with the highest PageRank "
        "(colour: community, size: PageRank)"
    )
    return fig
