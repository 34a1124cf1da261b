"""The report as one self-contained HTML file: tables plus PNG charts inlined as base64."""

from __future__ import annotations

import base64
import html as esc
import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit: charts are files

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.figure import Figure

from ozggraph.report.build import Report
from ozggraph.report.tables import Section, Table, money_evidence, sections, stamp_line

EVIDENCE_COLOURS = {
    "fact": "#1b7837",
    "agreed": "#762a83",
    "promised": "#7fbf7b",
    "planned": "#c2a5cf",
    "announced": "#e7d4e8",
    "inferred": "#bababa",
    "derived": "#878787",
}
CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{margin-bottom:.2rem} .stamp{color:#666;font-size:.9rem;margin-bottom:1.5rem}
h2{border-bottom:2px solid #3b6ea5;padding-bottom:.2rem;margin-top:2.2rem}
.note{color:#555} table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.9rem}
th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd} th{background:#eef3f8;text-align:left}
td.r,th.r{text-align:right} caption{text-align:left;font-weight:600;padding:.3rem 0}
img{max-width:100%;border:1px solid #eee} footer{margin-top:2rem;color:#666;font-size:.85rem}
"""


def html(report: Report) -> str:
    """The whole report as one HTML document with no external resources."""
    charts: dict[str, Callable[[Report], Figure]] = {
        "funding": funding_chart,
        "centrality": centrality_chart,
        "network": network_chart,
    }
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>OZG cooperation report</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>OZG cooperation report</h1>",
        f'<div class="stamp">{esc.escape(stamp_line(report))}</div>',
    ]
    for section in sections(report):
        parts.append(_section(section))
        if section.chart:
            parts.append(_image(charts[section.chart](report), section.chart))
    s = report.stamp
    parts.append(
        f"<footer>ozggraph {esc.escape(s['ozggraph_version'])} · dataset "
        f"<code>{esc.escape(s['dataset_checksum'])}</code> · backend {esc.escape(s['backend'])}"
        f" · as of {esc.escape(s['as_of'] or 'all dates')}"
        + (f" · Land {esc.escape(s['land'])}" if s["land"] else "")
        + "</footer></body></html>"
    )
    return "\n".join(parts) + "\n"


def _section(section: Section) -> str:
    out = [
        f"<h2>{esc.escape(section.title)}</h2>",
        f'<p class="note">{esc.escape(section.note)}</p>',
    ]
    out += [_table(t) for t in section.tables]
    return "\n".join(out)


def _table(table: Table) -> str:
    def cls(i: int) -> str:
        return ' class="r"' if table.align[i] == "r" else ""

    head = "".join(f"<th{cls(i)}>{esc.escape(c)}</th>" for i, c in enumerate(table.columns))
    rows = table.rows or [["(none)", *[""] * (len(table.columns) - 1)]]
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{esc.escape(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    caption = f"<caption>{esc.escape(table.caption)}</caption>" if table.caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _image(figure: Figure, name: str) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<p><img alt="{name} chart" src="data:image/png;base64,{data}"></p>'


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
