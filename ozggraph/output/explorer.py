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
import math
from typing import Any

from ozggraph.i18n import N_, _, current, number
from ozggraph.output.document import asset, script
from ozggraph.output.report_data import Report
from ozggraph.output.report_sections import PALETTE, Section, Table, sections, stamp_line
from ozggraph.schema.layers import DEFAULT_LAYERS, LAYERS

#: Colour of a body outside the network of the report's layers (no community, no rank).
OUTSIDE = "#c9ced4"
#: Extent of the overview layout in canvas units (the canvas is about 3:2).
WIDTH, HEIGHT = 1500.0, 1000.0
#: Font size of a label in canvas units, and the most bodies labelled on the overview.
FONT, LABELS = 26, 36
#: Weight of a tie in the layout, by layer: shared programme rounds pull little.
LAYOUT_WEIGHT = {"programme": 0.1}
#: Rows of a table shown per page (every row is in the file; pages, filter and sort run
#: over all of them).
PAGE = 10

#: What the explorer's script says, translated when the file is written (one catalogue).
JS_MESSAGES = (
    N_("Find a body"),
    N_("no body matches"),
    N_("and {n} more"),
    N_("partners"),
    N_("ties"),
    N_("Partners in the layers shown"),
    N_("each partner with the ties that link it, by layer"),
    N_("Recorded claims of this body"),
    N_("evidence"),
    N_("not stated"),
    N_("sources"),
    N_("undated"),
    N_("stage"),
    N_("via"),
    N_("community"),
    N_("no Land"),
    N_("PageRank"),
    N_("betweenness"),
    N_("broker role"),
    N_("in the whole network (all layers)"),
    N_("No partner in the layers shown."),
    N_("Path"),
    N_("from"),
    N_("to"),
    N_("No path in the layers shown."),
    N_("{n} steps"),
    N_("Show path"),
    N_("Clear"),
    N_("page {page} of {pages}"),
    N_("{n} rows"),
    N_("previous"),
    N_("next"),
    N_("filter rows…"),
    N_("sort"),
    N_("body"),
    N_("partner"),
    N_("layer"),
    N_("relationship"),
    N_("date"),
    N_("Colour: community (leading bodies, size)"),
    N_("Click a body or search for one."),
    N_("shared tie"),
    N_("shared ties"),
    N_("tie of"),
)


def _t(message: str, **values: Any) -> str:
    return _(message).format(**values) if values else _(message)


def layout(
    ids: list[str], links: list[tuple[int, int, float]], seed: int = 0
) -> list[tuple[float, float]]:
    """Positions of ``ids`` (Fruchterman–Reingold, igraph), scaled to WIDTH × HEIGHT.

    The same data gives the same picture on every run: the start is a circle and
    igraph draws from a random generator of its own seeded with ``seed``.

    >>> layout(["a", "b", "c"], [(0, 1, 1.0), (1, 2, 1.0)]) == layout(
    ...     ["a", "b", "c"], [(0, 1, 1.0), (1, 2, 1.0)])
    True
    """
    import random

    import igraph as ig

    n = len(ids)
    if n < 2:
        return [(WIDTH / 2, HEIGHT / 2)] * n
    start = [
        [math.cos(2 * math.pi * i / n) * n**0.5, math.sin(2 * math.pi * i / n) * n**0.5]
        for i in range(n)
    ]
    graph = ig.Graph(n=n, edges=[(u, v) for u, v, _ in links])
    ig.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold(
            weights=[w for _, _, w in links] or None, seed=start, niter=600, grid=False
        ).coords
    finally:
        ig.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return [
        (
            round((x - min(xs)) / span_x * WIDTH, 1),
            round((y - min(ys)) / span_y * HEIGHT, 1),
        )
        for x, y in coords
    ]


def labelled(nodes: list[dict[str, Any]], most: int = LABELS) -> set[str]:
    """Ids of the leading bodies (by PageRank) whose labels fit without overlapping.

    A label sits centred under its dot; its box is estimated from the name's length.

    >>> a = {"id": "a", "name": "Hessen", "x": 0, "y": 0, "size": 10, "pagerank": 0.2}
    >>> b = {**a, "id": "b", "x": 5, "pagerank": 0.1}
    >>> c = {**a, "id": "c", "x": 500, "pagerank": 0.05}
    >>> sorted(labelled([a, b, c]))
    ['a', 'c']
    """
    boxes: list[tuple[float, float, float, float]] = []
    chosen: set[str] = set()
    for node in sorted(nodes, key=lambda n: (-n["pagerank"], n["id"])):
        if node["pagerank"] <= 0:  # outside the report's network: no rank to lead by
            break
        half = 0.3 * FONT * len(node["name"]) + 4
        top = node["y"] + node["size"] + 2
        box = (node["x"] - half, top, node["x"] + half, top + 1.3 * FONT)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        boxes.append(box)
        chosen.add(node["id"])
        if len(chosen) == most:
            break
    return chosen


def _claim(row: dict[str, Any], sources: dict[str, int], notes: dict[str, int]) -> dict[str, Any]:
    """A claim as the script reads it: ends, type, dates, evidence, sources and note by
    number (one note is often shared by a thousand claims: a statute's members)."""
    out = {k: v for k, v in row.items() if k not in ("id", "source_name", "target_name")}
    out["sources"] = [sources[s] for s in row["sources"] if s in sources]
    if row.get("note"):
        out["note"] = notes.setdefault(row["note"], len(notes))
    return out


def network_data(report: Report) -> dict[str, Any]:
    """Every body (position, colour, size, label, names to search), every link with the
    ties it is made of, their claims with sources, the layers and the script's words."""
    facts = report.explorer
    rows = report.nodes
    bodies = facts.get("bodies") or {
        n: {k: r[k] for k in ("name", "label", "land", "level")} for n, r in rows.items()
    }
    ids = sorted(set(bodies) | set(rows))
    index = {n: i for i, n in enumerate(ids)}
    bundles = facts.get("bundles", {})
    links = facts.get("links", [])
    weights = [
        (
            index[x["u"]],
            index[x["v"]],
            sum(LAYOUT_WEIGHT.get(bundles[t]["layer"], 1.0) for t in x["ties"]) or 1.0,
        )
        for x in links
    ]
    places = layout(ids, weights)
    aliases = facts.get("aliases", {})
    top = max((r["pagerank"] for r in rows.values()), default=1.0) or 1.0
    nodes = []
    for i, n in enumerate(ids):
        body, row = bodies.get(n) or rows[n], rows.get(n)  # no row: not in the chosen layers
        community = row["community"] if row else None
        nodes.append(
            {
                "id": n,
                "name": body["name"],
                "kind": body["label"],
                "land": body["land"],
                "level": body["level"],
                "community": community,
                "color": OUTSIDE if community is None else PALETTE[community % len(PALETTE)],
                "size": round(5 + 22 * ((row["pagerank"] if row else 0.0) / top) ** 0.5, 1),
                "x": places[i][0],
                "y": places[i][1],
                "pagerank": row["pagerank"] if row else 0.0,
                "betweenness": row["betweenness"] if row else None,
                "role": row["brokerage_role"] if row else None,
                "aka": aliases.get(n, []),
            }
        )
    shown = labelled(nodes)
    for node in nodes:
        node["label"] = node["id"] in shown
        node["pagerank"] = float(f"{node['pagerank']:.5g}")
    # what a body lacks is left out (the script reads a missing key as none)
    nodes = [
        {k: v for k, v in n.items() if v is not None and v is not False and v != []} for n in nodes
    ]
    source_ids = sorted(facts.get("sources", {}))
    numbered = {s: i for i, s in enumerate(source_ids)}
    notes: dict[str, int] = {}
    chosen = report.network_model.get("layers") or DEFAULT_LAYERS
    order = sorted(bundles)
    renumber = {b: i for i, b in enumerate(order)}
    layers = [
        {"id": layer, "name": _(layer), "shown": layer in chosen} for layer in _layers_in(facts)
    ]
    return {
        "lang": current(),
        "font": FONT,
        "layers": layers,
        "nodes": nodes,
        "links": [[index[x["u"]], index[x["v"]], [renumber[t] for t in x["ties"]]] for x in links],
        "bundles": [bundles[b] for b in order],
        "claims": {k: _claim(r, numbered, notes) for k, r in facts.get("claims", {}).items()},
        "notes": list(notes),
        "contexts": facts.get("contexts", {}),
        "sources": [facts["sources"][s] for s in source_ids],
        "communities": [
            {
                "community": c["community"],
                "color": PALETTE[c["community"] % len(PALETTE)],
                "size": c["size"],
                "leading": c["leading"],
            }
            for c in report.communities
        ],
        "words": {m: _(m) for m in JS_MESSAGES},
        "names": {t: _(t) for t in _vocabulary(facts)},
    }


def _layers_in(facts: dict[str, Any]) -> list[str]:
    """The layers of the data in the order of :data:`LAYERS`, any others after them."""
    found = {b["layer"] for b in facts.get("bundles", {}).values()}
    return [x for x in LAYERS if x in found] + sorted(found - set(LAYERS))


def _vocabulary(facts: dict[str, Any]) -> list[str]:
    """Relationship types, labels and evidence values the data uses (translated for show)."""
    words = {r["type"] for r in facts.get("claims", {}).values()}
    words |= {r["evidence"] for r in facts.get("claims", {}).values() if r.get("evidence")}
    words |= {c["label"] for c in facts.get("contexts", {}).values()}
    return sorted(words)


def explorer(report: Report) -> str:
    """The whole report as one self-contained interactive HTML document (current language)."""
    from ozggraph.output.report_charts import CHARTS, chart_image

    blocks = []
    contents = [f'<a href="#network">{_t("Network")}</a>']
    for i, section in enumerate(sections(report, rows=None)):
        anchor = f"s{i}"
        contents.append(f'<a href="#{anchor}">{esc.escape(section.title)}</a>')
        chart = ""
        if section.chart and section.chart in CHARTS:
            chart = (
                f"<details><summary>{_t('Chart')}</summary>"
                f"{chart_image(CHARTS[section.chart](report), section.chart)}</details>"
            )
        blocks.append(_section(section, anchor, chart))
    contents.append(f'<a href="#all-bodies">{_t("All bodies")}</a>')
    blocks.append(_all_bodies(report))
    data = json.dumps(network_data(report), ensure_ascii=False, separators=(",", ":"))
    s = report.stamp
    footer = " · ".join(
        [
            f"ozggraph {esc.escape(s['ozggraph_version'])}",
            f"{_t('dataset')} <code>{esc.escape(s['dataset_checksum'])}</code>",
            f"{_t('backend')} {esc.escape(s['backend'])}",
            f"{_t('as of')} {esc.escape(s['as_of'] or _t('latest'))}",
            *([f"Land {esc.escape(s['land'])}"] if s["land"] else []),
            _t("network drawn with vis-network (Apache-2.0 OR MIT)"),
        ]
    )
    title = esc.escape(_t("OZG cooperation report"))
    return (
        "<!doctype html>\n"
        f'<html lang="{current()}"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"<style>{asset('explorer.css')}</style>\n"
        "</head><body>\n"
        f'<nav id="contents"><strong>{title}</strong>{"".join(contents)}</nav>\n'
        f'<main>\n<div class="stamp">{esc.escape(stamp_line(report))}</div>\n'
        f"{_network_section(report)}\n"
        '<div class="sections">\n'
        + "\n".join(blocks)
        + f"\n</div>\n<footer>{footer}</footer>\n</main>\n"
        f'<script type="application/json" id="ozg-data">{script(data)}</script>\n'
        f"<script>{script(asset('vis-network.min.js'))}</script>\n"
        f"<script>{script(asset('explorer.js'))}</script>\n"
        "</body></html>\n"
    )


def _network_section(report: Report) -> str:
    total = len(report.explorer.get("bodies") or report.nodes)
    what = _t(
        "All {n} bodies of the cooperation network, placed once by their ties. Colour: "
        "community; size: PageRank; a line: shared ties in the layers shown. Click a body "
        "for the ties behind each number.",
        n=number(total),
    )
    return f"""<section id="network">
<p class="note">{esc.escape(what)}</p>
<div class="explorer">
<div class="canvas-box">
<div id="toolbar">
<span id="filter-layers" role="group" aria-label="{esc.escape(_t("layers"))}"></span>
<label>{_t("Land")} <select id="filter-land"><option value="">{_t("all")}</option></select></label>
<button type="button" id="reset-view">{_t("Overview")}</button>
<button type="button" id="save-png">{_t("Save PNG")}</button>
<button type="button" id="save-csv">{_t("Ties as CSV")}</button>
</div>
<div id="network-view" role="img" aria-label="{esc.escape(_t("cooperation network"))}"></div>
</div>
<aside id="panel">
<label for="body-search">{_t("Find a body")}</label>
<input type="search" id="body-search" autocomplete="off"
 placeholder="{esc.escape(_t("name, alias or id, e.g. Gießen"))}"
 role="combobox" aria-controls="search-hits" aria-expanded="false">
<ul id="search-hits" role="listbox"></ul>
<details id="path-box"><summary>{_t("Path between two bodies")}</summary>
<input type="search" id="path-from" placeholder="{esc.escape(_t("from"))}" autocomplete="off">
<ul class="hits" id="path-from-hits"></ul>
<input type="search" id="path-to" placeholder="{esc.escape(_t("to"))}" autocomplete="off">
<ul class="hits" id="path-to-hits"></ul>
<button type="button" id="path-clear">{_t("Clear")}</button>
<div id="path-result"></div>
</details>
<div id="detail"><p class="hint">{_t("Click a body or search for one.")}</p></div>
<details id="legend"><summary>{_t("Colour: community (leading bodies, size)")}</summary></details>
</aside>
</div>
</section>"""


def _section(section: Section, anchor: str, chart: str = "") -> str:
    out = [
        f'<section id="{anchor}">',
        f"<h2>{esc.escape(section.title)}</h2>",
        f'<p class="note">{esc.escape(section.note)}</p>',
    ]
    out += [table_html(t) for t in section.tables]
    out.append(chart)
    out.append("</section>")
    return "\n".join(out)


def table_html(table: Table) -> str:
    """A table with every row; the script pages, sorts and filters over all of them."""

    def cls(i: int) -> str:
        return ' class="r"' if table.align[i] == "r" else ""

    head = "".join(f"<th{cls(i)}>{esc.escape(c)}</th>" for i, c in enumerate(table.columns))
    rows = table.rows or [[_t("(none)"), *[""] * (len(table.columns) - 1)]]
    body = "".join(
        ("<tr>" if n < PAGE else "<tr hidden>")  # the first page is drawn before any script
        + "".join(f"<td{cls(i)}>{esc.escape(c)}</td>" for i, c in enumerate(row))
        + "</tr>"
        for n, row in enumerate(rows)
    )
    caption = f"<caption>{esc.escape(table.caption)}</caption>" if table.caption else ""
    return (
        f'<table class="sortable searchable" data-page="{PAGE}">{caption}'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _all_bodies(report: Report) -> str:
    rows = sorted(report.nodes.items(), key=lambda kv: (-kv[1]["pagerank"], kv[0]))
    table = Table(
        [
            _t("body"),
            "id",
            _t("kind"),
            "Land",
            _t("level"),
            _t("community"),
            _t("partners"),
            _t("ties"),
            "PageRank",
            _t("betweenness"),
        ],
        [
            [
                r["name"],
                n,
                _(r["label"]),
                r["land"] or "",
                _(r["level"]) if r["level"] else "",
                str(r["community"]),
                number(r["degree"]),
                number(r["weighted_degree"]),
                number(r["pagerank"], 4),
                number(r["betweenness"], 3),
            ]
            for n, r in rows
        ],
        "llllllrrrr",
        _t("{n} bodies", n=number(len(rows))),
    )
    note = _t(
        "Every body of the cooperation network with its measures; click a column to sort, "
        "type to filter."
    )
    return (
        f'<section id="all-bodies"><h2>{_t("All bodies")}</h2><p class="note">{note}</p>'
        f"{table_html(table)}</section>"
    )
