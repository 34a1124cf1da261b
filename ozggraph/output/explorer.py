"""The report as an interactive explorer: one HTML file that works offline.

Everything is inline (no CDN, no request leaves the file): the report's tables
(sortable, searchable, "and N more" where cut), its charts, and the cooperation
network drawn by `vis-network <https://visjs.github.io/vis-network/>`_ (pan,
zoom, search a body, click it for its ties with dates, evidence and sources,
colour legend, filters by Land, level and layer of tie).

Why vis-network: one standalone UMD file (its CSS included), a plain 2-D canvas
that draws in any browser without WebGL (headless Chromium, locked-down office
PCs), and pan/zoom/select/focus built in: the explorer only feeds it nodes,
links and positions. sigma.js needs WebGL and two packages (sigma, graphology);
neo4j-viz renders a notebook widget, not a standalone report. The minified file
is vendored in ``assets/`` with its licence header (Apache-2.0 OR MIT); see
``assets/README.md`` for version and licence.

>>> import ozggraph
>>> from ozggraph.output.report import build_report
>>> page = explorer(build_report(ozggraph.load_graph(MINI)))
>>> "<script src" in page, 'type="search"' in page
(False, True)
"""

from __future__ import annotations

import html as esc
import json
import re
from importlib import resources
from typing import Any

from ozggraph.output.report import Report
from ozggraph.output.report_sections import Section, Table, sections, stamp_line
from ozggraph.schema.layers import LAYERS as SCHEMA_LAYERS

#: Colours of communities (cycled); the legend names each community's leading bodies.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#1f77b4",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#dbdb8d",
    "#9edae5",
    "#17becf",
)
#: Layers of tie (see ozggraph.network.projections), as the filter names them.
LAYERS = tuple(SCHEMA_LAYERS)  # the schema's layer ids (ozggraph.schema.layers)
#: Units of a network coordinate in screen pixels (vis-network zooms from there).
SCALE = 160.0


def asset(name: str) -> str:
    """Text of a file in ``ozggraph/output/assets``."""
    return resources.files("ozggraph.output").joinpath("assets", name).read_text("utf-8")


def script(text: str) -> str:
    """Script text safe inside ``<script>``: nothing can close the element early.

    JSON may escape every ``</``; code only ever has ``</script`` inside strings.
    """
    if text.lstrip().startswith(("{", "[")):
        return text.replace("</", "<\\/")
    return re.sub(r"</(script)", lambda m: "<\\/" + m.group(1), text, flags=re.IGNORECASE)


def network_data(report: Report) -> dict[str, Any]:
    """Nodes (with position, colour, measures), links (with layers), ties and sources."""
    import networkx as nx

    from ozggraph.output.report_charts import component_layout  # networkx only

    picture = report.picture
    rows = report.nodes
    graph = nx.Graph()
    graph.add_nodes_from(picture["nodes"])
    graph.add_weighted_edges_from(picture["links"])
    layout = component_layout(graph) if len(graph) else {}
    top = max((rows[n]["pagerank"] for n in graph), default=1.0) or 1.0
    layers = report.explorer.get("layers", {})
    nodes = [
        {
            "id": n,
            "name": rows[n]["name"],
            "label": rows[n]["label"],
            "land": rows[n]["land"],
            "level": rows[n]["level"],
            "community": rows[n]["community"],
            "color": PALETTE[rows[n]["community"] % len(PALETTE)],
            "size": round(8 + 28 * (rows[n]["pagerank"] / top) ** 0.5, 1),
            "x": round(layout[n][0] * SCALE, 1),
            "y": round(-layout[n][1] * SCALE, 1),
            "measures": {
                "partners": rows[n]["degree"],
                "ties": rows[n]["weighted_degree"],
                "PageRank": rows[n]["pagerank"],
                "betweenness": rows[n]["betweenness"],
                "broker role": rows[n]["brokerage_role"],
            },
        }
        for n in sorted(graph)
    ]
    links = [
        {"from": u, "to": v, "weight": w, "layers": layers.get(f"{u}|{v}", [])}
        for u, v, w in picture["links"]
    ]
    communities = [
        {
            "community": c["community"],
            "color": PALETTE[c["community"] % len(PALETTE)],
            "size": c["size"],
            "leading": c["leading"],
        }
        for c in report.communities
    ]
    return {
        "nodes": nodes,
        "links": links,
        "communities": communities,
        "layers": list(LAYERS),
        "ties": report.explorer.get("ties", {}),
        "sources": report.explorer.get("sources", {}),
        "total_bodies": len(rows),
    }


def explorer(report: Report) -> str:
    """The whole report as one self-contained interactive HTML document."""
    from ozggraph.output.report_charts import CHARTS, chart_image

    blocks = []
    contents = ['<a href="#network">Network</a>']
    for i, section in enumerate(sections(report)):
        anchor = f"s{i}"
        contents.append(f'<a href="#{anchor}">{esc.escape(section.title)}</a>')
        blocks.append(_section(section, anchor))
        if section.chart and section.chart in CHARTS:
            blocks.append(chart_image(CHARTS[section.chart](report), section.chart))
    contents.append('<a href="#all-bodies">All bodies</a>')
    blocks.append(_all_bodies(report))
    data = json.dumps(network_data(report), ensure_ascii=False, separators=(",", ":"))
    s = report.stamp
    footer = (
        f"ozggraph {esc.escape(s['ozggraph_version'])} · dataset "
        f"<code>{esc.escape(s['dataset_checksum'])}</code> · backend {esc.escape(s['backend'])}"
        f" · as of {esc.escape(s['as_of'] or 'all dates')}"
        + (f" · Land {esc.escape(s['land'])}" if s["land"] else "")
        + " · network drawn with vis-network (Apache-2.0 OR MIT)"
    )
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>OZG cooperation report</title>\n"
        f"<style>{asset('explorer.css')}</style>\n"
        "</head><body>\n"
        f'<nav id="contents">{"".join(contents)}</nav>\n'
        "<main>\n<h1>OZG cooperation report</h1>\n"
        f'<div class="stamp">{esc.escape(stamp_line(report))}</div>\n'
        f"{_network_section(report)}\n"
        + "\n".join(blocks)
        + f"\n<footer>{footer}</footer>\n</main>\n"
        f'<script type="application/json" id="ozg-data">{script(data)}</script>\n'
        f"<script>{script(asset('vis-network.min.js'))}</script>\n"
        f"<script>{script(asset('explorer.js'))}</script>\n"
        "</body></html>\n"
    )


def _network_section(report: Report) -> str:
    n = len(report.picture["nodes"])
    total = len(report.nodes)
    what = (
        f"All {n:,} bodies of the cooperation network"
        if n == total
        else f"The {n:,} of {total:,} bodies with the highest PageRank"
    )
    return f"""<section id="network">
<h2>Cooperation network</h2>
<p class="note">{what}, linked where they share a cooperation, programme, solution,
grant or association (line width: number of shared ties). Colour: community; size:
PageRank. Drag to pan, scroll to zoom, click a body for its ties and sources.</p>
<div class="explorer">
<div id="network-view" role="img" aria-label="cooperation network"></div>
<aside id="panel">
<label for="body-search">Find a body</label>
<input type="search" id="body-search" placeholder="name or id, e.g. Hessen" autocomplete="off">
<ul id="search-hits"></ul>
<fieldset id="filters"><legend>Show</legend>
<label>Land <select id="filter-land"><option value="">all</option></select></label>
<label>Level <select id="filter-level"><option value="">all</option></select></label>
<div id="filter-layers"></div>
<button type="button" id="reset-view">Reset view</button>
</fieldset>
<div id="detail"><p class="hint">Click a body or search for one.</p></div>
<div id="legend"></div>
</aside>
</div>
</section>"""


def _section(section: Section, anchor: str) -> str:
    out = [
        f'<section id="{anchor}">',
        f"<h2>{esc.escape(section.title)}</h2>",
        f'<p class="note">{esc.escape(section.note)}</p>',
    ]
    out += [table_html(t) for t in section.tables]
    out.append("</section>")
    return "\n".join(out)


def table_html(table: Table) -> str:
    """A sortable, searchable table; a last row says how many rows were left out."""

    def cls(i: int) -> str:
        return ' class="r"' if table.align[i] == "r" else ""

    head = "".join(f"<th{cls(i)}>{esc.escape(c)}</th>" for i, c in enumerate(table.columns))
    rows = table.rows or [["(none)", *[""] * (len(table.columns) - 1)]]
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{esc.escape(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    more = getattr(table, "more", 0)
    foot = (
        f'<tfoot><tr><td colspan="{len(table.columns)}" class="more">… and {more:,} more '
        "(all rows: --format json or --format csv)</td></tr></tfoot>"
        if more
        else ""
    )
    caption = f"<caption>{esc.escape(table.caption)}</caption>" if table.caption else ""
    return (
        f'<table class="sortable searchable">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody>{foot}</table>"
    )


def _all_bodies(report: Report) -> str:
    from ozggraph.output.report_sections import num

    rows = sorted(report.nodes.items(), key=lambda kv: (-kv[1]["pagerank"], kv[0]))
    table = Table(
        [
            "body",
            "id",
            "kind",
            "Land",
            "level",
            "community",
            "partners",
            "ties",
            "PageRank",
            "betweenness",
        ],
        [
            [
                r["name"],
                n,
                r["label"],
                r["land"] or "",
                r["level"] or "",
                str(r["community"]),
                num(r["degree"]),
                num(r["weighted_degree"]),
                num(r["pagerank"], 4),
                num(r["betweenness"]),
            ]
            for n, r in rows
        ],
        "llllllrrrr",
        f"{len(rows):,} bodies",
    )
    return (
        '<section id="all-bodies"><h2>All bodies</h2><p class="note">Every body of the '
        "cooperation network with its measures; click a column to sort, type to filter.</p>"
        f"{table_html(table)}</section>"
    )
