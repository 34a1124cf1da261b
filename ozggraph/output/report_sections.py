"""The report laid out as titled tables, shared by the text, Markdown and HTML renderers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ozggraph.i18n import _, number, percent
from ozggraph.network.territory import UNKNOWN
from ozggraph.output.report_data import Report
from ozggraph.output.stamp import line
from ozggraph.schema import EVIDENCE

#: Rows shown per table in text, md and html (the json has everything).
ROWS = 10

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


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    #: ``r`` for numeric columns, ``l`` otherwise.
    align: str = ""
    caption: str | None = None
    #: Rows left out after the first ``ROWS`` (renderers say "… and N more").
    more: int = 0

    def __post_init__(self) -> None:
        self.align = self.align or "l" * len(self.columns)


@dataclass
class Section:
    title: str
    note: str
    tables: list[Table] = field(default_factory=list)
    chart: str | None = None  # which chart the html places here


def eur(value: float | None) -> str:
    return "–" if value is None else f"{number(value)} €"


def num(value: float | None, digits: int = 3) -> str:
    """``value`` as the report's language writes it: whole numbers grouped, others rounded."""
    if value is None:
        return "–"
    return number(value) if float(value).is_integer() else number(value, digits)


def pct(value: float) -> str:
    return percent(value)


def more_line(table: Table) -> str | None:
    """What a renderer prints under a cut table."""
    if not table.more:
        return None
    return _("… and {n} more (all rows: --format json or --format csv)").format(
        n=number(table.more)
    )


def distinct(rows: list[dict[str, Any]], name: str = "name", key: str = "id") -> list[str]:
    """Names of ``rows``; where two share a name (Kassel, Kassel), what tells them apart:
    the row's ``shown`` name (:func:`ozggraph.network.names.display_names`), else its
    kind and Land. Ids are never shown for names.

    >>> distinct([{"name": "Kassel", "kind": "Landkreis", "land": "HE", "id": "ags-06633"},
    ...           {"name": "Kassel", "shown": "Kassel (Kreisfreie Stadt, HE)"},
    ...           {"name": "Fulda", "id": "x"}])
    ['Kassel (Landkreis, HE)', 'Kassel (Kreisfreie Stadt, HE)', 'Fulda']
    """
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[name]] = counts.get(r[name], 0) + 1

    def show(r: dict[str, Any]) -> str:
        if counts[r[name]] == 1:
            return str(r[name])
        if r.get("shown"):
            return str(r["shown"])
        extra = [str(x) for x in (r.get("kind"), r.get("land")) if x]
        return f"{r[name]} ({', '.join(extra)})" if extra else str(r[name])

    return [show(r) for r in rows]


def land_cell(land: str | None) -> str:
    """A Land in a table: its code; a body no rule places gets "–", never "?"."""
    return "–" if land in (None, "", UNKNOWN) else str(land)


def stamp_line(report: Report) -> str:
    return line(report.stamp, short=True)


def sections(report: Report, rows: int | None = ROWS) -> list[Section]:
    """The report's sections; tables cut to ``rows`` (``None``: every row, for html)."""
    return [
        s(report, rows) if s.__name__ in _CUT else s(report)  # type: ignore[call-arg]
        for s in (
            _overview,
            _network_model,
            _central,
            _robustness,
            _brokers,
            _layer_rankings,
            _two_mode,
            _communities,
            _funding,
            _coverage,
            _weak,
        )
    ]


def _overview(report: Report, n: int | None = ROWS) -> Section:
    net = report.overview["network"]
    facts = [
        [_("bodies in the cooperation network"), num(net["bodies"])],
        [_("links (pairs of bodies tied)"), num(net["links"])],
        [_("tie weight (1/(n−1) per shared context, summed)"), num(net["ties"])],
        [_("components / largest"), f"{num(net['components'])} / {num(net['largest_component'])}"],
        [
            _("communities (Leiden) / modularity"),
            f"{num(net['communities'])} / {number(net['modularity'], 3)}",
        ],
        [_("links across Länder"), _share(report.cross_ties["land"])],
        [_("links across government levels"), _share(report.cross_ties["level"])],
    ]
    if ages := report.overview.get("tie_ages"):
        facts.append(
            [
                _(
                    "tie claims last confirmed before {year} (more than {older} years) / undated"
                ).format(year=ages["year"] - ages["older_than"], older=ages["older_than"]),
                _("{old} of {counted} / {undated}").format(
                    old=num(ages["old"]), counted=num(ages["counted"]), undated=num(ages["undated"])
                ),
            ]
        )
    nodes = ", ".join(f"{_(k)} {num(v)}" for k, v in report.overview["nodes"].items())
    rels = ", ".join(f"{k} {num(v)}" for k, v in report.overview["relationships"].items())
    claims = report.overview["claims_by_evidence"]
    kinds = [e for e in EVIDENCE if any(e in c for c in claims.values())]
    evidence = [[t, *(num(c.get(e)) if e in c else "–" for e in kinds)] for t, c in claims.items()]
    return Section(
        _("Overview"),
        _("Nodes: {nodes}. Relationships: {rels}.").format(nodes=nodes, rels=rels),
        [
            Table(["", _("value")], facts, "lr"),
            Table(
                [_("claim"), *(_(k) for k in kinds)],
                evidence,
                "l" + "r" * len(kinds),
                _("Claims by evidence (fact, announced, planned ...: docs/dataset.md)"),
            ),
        ],
    )


def _network_model(report: Report) -> Section:
    model = report.network_model
    chosen = model.get("layers", [])
    rows = [
        [
            _(layer),
            _("yes") if layer in chosen else "–",
            spec["meaning"],
            spec["direction"] or _("undirected"),
            num(report.layers.get(layer, {}).get("bodies")),
            num(report.layers.get(layer, {}).get("links")),
        ]
        for layer, spec in model.get("all_layers", {}).items()
    ]
    return Section(
        _("Layers and weighting"),
        _(
            "The network ranks the layers {layers} (--layers). Weighting: {weighting}; {rule}"
        ).format(
            layers=", ".join(_(x) for x in chosen),
            weighting=model.get("weighting", ""),
            rule=model.get("rule", ""),
        ),
        [
            Table(
                [
                    _("layer"),
                    _("in network"),
                    _("meaning"),
                    _("direction"),
                    _("bodies"),
                    _("links"),
                ],
                rows,
                "llllrr",
            )
        ],
    )


def _robustness(report: Report) -> Section:
    rob = report.robustness
    names = {n: r["name"] for n, r in report.nodes.items()}

    def who(ids: list[str]) -> str:
        return ", ".join(names.get(i, report.names.get(i, i)) for i in ids) or "–"

    rows = [
        [
            r["alternative"],
            pct(r["top_overlap"]),
            num(r["kendall_tau"]),
            who(r["entering"]),
            who(r["leaving"]),
        ]
        for r in rob.get("alternatives", [])
    ]
    return Section(
        _("Robustness of the ranking"),
        _(
            "The PageRank ranking above recomputed under other weightings: share of the top "
            "{top} kept and Kendall's τ over all bodies. Weakest: {share} kept, τ {tau}."
        ).format(
            top=rob.get("top", ROWS),
            share=pct(rob.get("weakest_overlap", 1.0)),
            tau=num(rob.get("weakest_tau")),
        ),
        [
            Table(
                [_("alternative"), _("top kept"), "Kendall τ", _("entering"), _("leaving")],
                rows,
                "lrrll",
            )
        ],
    )


def _layer_rankings(report: Report) -> Section:
    tables = []
    for layer, entry in report.layers.items():
        rows = [
            [str(i), name, r["land"] or "", num(r["pagerank"], 4)]
            for i, (name, r) in enumerate(
                zip(distinct(entry["leading"]), entry["leading"], strict=True), 1
            )
        ]
        caption = (
            f"{_(layer)}: {entry['meaning']} – {entry['measure']}; "
            f"{num(entry['bodies'])} {_('bodies')}, {num(entry['links'])} {_('links')}"
        )
        tables.append(Table(["#", _("body"), "Land", "PageRank"], rows, "rllr", caption))
    return Section(
        _("Leading bodies per layer"),
        _(
            "Each layer ranked on its own (all layers, whatever --layers says); directed "
            "layers rank along dependence, so the body others depend on leads."
        ),
        tables,
    )


def _two_mode(report: Report) -> Section:
    two = report.two_mode
    rows = [
        [r["name"], _(r["layer"]), num(r["bodies"]), num(r["betweenness"])]
        for r in two.get("leading", [])
    ]
    note = _(
        "Two-mode betweenness (Borgatti & Everett) in the network of bodies and the "
        "contexts they are tied through: the joint bodies, solutions and providers that "
        "join bodies no other context joins."
    )
    if two.get("skipped"):
        note += " " + _("Left out: {n} nodes are too many for the exact measure.").format(
            n=num(two["skipped"])
        )
    return Section(
        _("Contexts that bridge"),
        note,
        [
            Table(
                [_("context"), _("layer"), _("bodies"), _("two-mode betweenness")],
                rows,
                "llrr",
            )
        ],
    )


#: Sections whose tables are cut to ``rows`` (the others are short by nature).
_CUT = frozenset(
    {"_overview", "_central", "_brokers", "_communities", "_funding", "_coverage", "_weak"}
)


def _share(ties: dict[str, Any]) -> str:
    total = ties["links"] or 1
    return _("{part} of {whole} ({share})").format(
        part=num(ties["across"]), whole=num(ties["links"]), share=pct(ties["across"] / total)
    )


def _central(report: Report, n: int | None = ROWS) -> Section:
    names = distinct(report.central[:n])
    rows = [
        [
            str(i),
            names[i - 1],
            land_cell(r["land"]),
            _(r["level"]) if r["level"] else "",
            num(r["degree"]),
            num(r["weighted_degree"]),
            num(r["betweenness"]),
            num(r["pagerank"], 4),
        ]
        for i, r in enumerate(report.central[:n], 1)
    ]
    cols = [
        "#",
        _("body"),
        "Land",
        _("level"),
        _("partners"),
        _("ties"),
        _("betweenness"),
        "PageRank",
    ]
    return Section(
        _("Most central bodies"),
        _("By PageRank: where a walk along the ties spends most time."),
        [Table(cols, rows, "rlllrrrr", more=_left(report.nodes, "pagerank", len(rows)))],
        chart="centrality",
    )


def _brokers(report: Report, n: int | None = ROWS) -> Section:
    rows = [
        [
            name,
            land_cell(r["land"]),
            num(r["betweenness"]),
            num(r["effective_size"], 1),
            num(r["constraint"]),
            _(r["brokerage_role"]) if r["brokerage_role"] else "–",
            num(r["brokerage_cross_land"]),
        ]
        for name, r in zip(distinct(report.brokers[:n]), report.brokers[:n], strict=True)
    ]
    cols = [_("body"), "Land", _("betweenness"), _("eff. size"), _("constraint"), _("role")]
    cols.append(_("cross-Land"))
    return Section(
        _("Brokers"),
        _(
            "Highest betweenness; low constraint and high effective size mean "
            "partners who reach each other only through this body. Role: the most "
            "frequent Gould–Fernandez role with Länder as groups; cross-Land: the open "
            "two-steps across Länder it sits on."
        ),
        [Table(cols, rows, "llrrrlr", more=_left(report.nodes, "betweenness", len(rows)))],
    )


def _communities(report: Report, n: int | None = ROWS) -> Section:
    rows = [
        [
            str(c["community"]),
            num(c["size"]),
            ", ".join(f"{k} {v}" for k, v in list(c["lands"].items())[:3]),
            "; ".join(c["leading"]),
        ]
        for c in report.communities[:n]
    ]
    return Section(
        _("Communities"),
        _("Leiden communities, largest first: Länder most present and leading bodies."),
        [
            Table(
                ["#", _("bodies"), _("Länder"), _("leading bodies")],
                rows,
                "rrll",
                more=len(report.communities) - len(rows),
            )
        ],
        chart="network",
    )


def money_evidence(f: dict[str, Any]) -> list[str]:
    """The evidence values the money of a report carries, in the vocabulary's order."""
    used = {e for e, row in f["by_evidence"].items() if row["grants"]}
    used |= set(f["budgets_by_evidence"])
    return [e for e in EVIDENCE if e in used] or ["fact"]


def _funding(report: Report, n: int | None = ROWS) -> Section:
    f = report.funding
    kinds = money_evidence(f)
    by_evidence = [
        [
            _(e),
            num(f["by_evidence"][e]["grants"]),
            ("≥ " if f["by_evidence"][e].get("at_least") else "")
            + _rough(f["by_evidence"][e]["amount_eur"], f["by_evidence"][e]["approximate"]),
        ]
        for e in kinds
    ]
    budgets = [
        [
            report.names.get(p, b["name"]),
            _(e),
            _rough(amount, b["amount_kind"] == "approximate"),
            ", ".join(report.names.get(x, x) for x in b["funders"]) or "–",
        ]
        for p, b in f["programme_budgets"].items()
        for e, amount in b["by_evidence"].items()
    ]
    budgets += [
        [report.names.get(p, b["name"]), b.get("evidence", "–"), _bound(b), "–"]
        for p, b in f["programme_budgets"].items()
        if b.get("bound_eur") is not None
    ]
    top_funders = _ranked(f["by_funder"], report, kinds, f.get("at_least_by_funder", {}), n)
    top_recipients = _ranked(
        f["by_recipient"], report, kinds, f.get("at_least_by_recipient", {}), n
    )
    at_least_land = f.get("at_least_by_land", {})
    lands = [
        [
            land,
            *(
                _at_least(f["by_land"][land].get(e), e in at_least_land.get(land, ()))
                for e in kinds
            ),
            num(f["per_capita_by_land"].get(land, {}).get("fact"), 2),
        ]
        for land in f["by_land"]
    ]
    note = _(
        "Grants: {grants}, of which {without} without amount{bounds}. Evidence "
        "values are never added up: awarded money (fact) and promised, agreed or planned "
        "money are different claims. Programme budgets are listed apart from the grants "
        "(grants under a programme are part of its budget). ~ marks an approximate amount; "
        '≥ marks an at-least figure (it includes a lower bound such as "more than '
        '11 million").'
    ).format(grants=num(f["grants"]), without=num(f["without_amount"]), bounds=_lower_bounds(f))
    return Section(
        _("Funding by evidence"),
        note,
        [
            Table([_("evidence"), _("grants"), _("amount")], by_evidence, "lrr"),
            Table(
                [_("programme"), _("evidence"), _("budget"), _("funders")],
                budgets,
                "llrl",
                _("Programme budgets (apart from grants)"),
            ),
            Table(
                [_("funder"), *(_(k) for k in kinds)],
                top_funders,
                "l" + "r" * len(kinds),
                _("Largest funders"),
                more=len(f["by_funder"]) - len(top_funders),
            ),
            Table(
                [_("recipient"), *(_(k) for k in kinds)],
                top_recipients,
                "l" + "r" * len(kinds),
                _("Largest recipients"),
                more=len(f["by_recipient"]) - len(top_recipients),
            ),
            Table(
                ["Land", *(_(k) for k in kinds), _("awarded (fact) € per inhabitant")],
                lands,
                "l" + "r" * (len(kinds) + 1),
                _("By the recipient's Land"),
            ),
        ],
        chart="funding",
    )


def _left(rows: dict[str, dict[str, Any]], key: str, shown: int) -> int:
    """Bodies with a non-zero ``key`` not among the ``shown`` first."""
    return max(sum(1 for r in rows.values() if r[key]) - shown, 0)


def _rough(amount: float | None, approximate: int | bool) -> str:
    return ("~" if approximate else "") + eur(amount)


def _lower_bounds(f: dict[str, Any]) -> str:
    """ ", and N counted with a lower bound (at least)" where there are any."""
    n = sum(row.get("at_least", 0) for row in f["by_evidence"].values())
    return _(" and {n} counted with their lower bound (at least)").format(n=num(n)) if n else ""


def _at_least(amount: float | None, marked: bool) -> str:
    return ("≥ " if marked and amount is not None else "") + eur(amount)


def _bound(budget: dict[str, Any]) -> str:
    sign = "≥ " if budget["amount_kind"] == "at_least" else "≤ "
    return sign + eur(budget["bound_eur"])


def _ranked(
    totals: dict[str, dict[str, float]],
    report: Report,
    kinds: list[str],
    at_least: dict[str, list[str]] | None = None,
    n: int | None = ROWS,
) -> list[list[str]]:
    def size(key: str) -> tuple[float, str]:
        return (-sum(totals[key].values()), key)

    names = report.names
    marked = at_least or {}
    return [
        [names.get(k, k), *(_at_least(totals[k].get(e), e in marked.get(k, ())) for e in kinds)]
        for k in sorted(totals, key=size)[:n]
    ]


def _coverage(report: Report, n: int | None = ROWS) -> Section:
    c = report.coverage
    rows = [
        [
            land,
            num(r["municipalities"]),
            pct(r["direct_share"]),
            pct(r["direct_population_share"]),
            pct(r["via_kreis_share"]),
            pct(r["via_kreis_population_share"]),
            _reported(r.get("reported", []), report),
        ]
        for land, r in c["lands"].items()
    ]
    g = c["germany"]
    if not report.stamp["land"]:
        rows.append(
            [
                _("all"),
                num(g["municipalities"]),
                pct(g["direct_share"]),
                pct(g["direct_population_share"]),
                pct(g["via_kreis_share"]),
                pct(g["via_kreis_population_share"]),
                "–",
            ]
        )
    shown = c["white_spots"][:n]
    named = distinct(c["white_spots"], key="kreis")[:n]
    spots = [[n, s["land"], num(s["population"])] for n, s in zip(named, shown, strict=True)]
    layer_names = c.get("layers", [])
    layers = [
        [land, *(num(r["layers"][name]) for name in layer_names)]
        for land, r in c["lands"].items()
        if "layers" in r
    ]
    cols = [
        "Land",
        "Gemeinden",
        _("direct"),
        _("inhabitants direct"),
        _("only via Kreis"),
        _("inhabitants only via Kreis"),
        _("members reported, not named"),
    ]
    return Section(
        _("Coverage"),
        _(
            "Gemeinden with a recorded tie (a cooperation, IT provider, service, programme, "
            "solution or grant) themselves (direct), or only through their Kreis or "
            "Gemeindeverband. The data is not complete: no recorded tie is a gap in the data "
            "as much as in cooperation. Members an IT provider reports only as a count are "
            "shown beside the recorded ties, never counted as ties."
        ),
        [
            Table(cols, rows, "lrrrrrl"),
            Table(
                ["Land", *(_(x) for x in layer_names)],
                layers,
                "l" + "r" * len(layer_names),
                _("Layers the data holds per Land (bodies of the Land with a tie in each layer)"),
            ),
            Table(
                ["Kreis", "Land", _("inhabitants")],
                spots,
                "llr",
                _(
                    "No recorded tie: {n} Kreise where neither the Kreis "
                    "nor any of its Gemeinden has a tie in the data"
                ).format(n=num(len(c["white_spots"]))),
                more=len(c["white_spots"]) - len(spots),
            ),
        ],
    )


def _reported(counts: list[dict[str, Any]], report: Report) -> str:
    """ "c. 1,078 (Zweckverband 4IT)": the member counts providers report without names."""
    signs = {"at_least": "> ", "approximate": "c. ", "exact": ""}
    names = report.names
    shown = [
        f"{signs.get(c['kind'], '')}{c['count']:,} ({names.get(c['provider'], c['provider'])})"
        for c in counts
    ]
    return "; ".join(shown) or "–"


def _weak(report: Report, n: int | None = ROWS) -> Section:
    w = report.weak_points
    cuts = [[r["name"], num(r["cut_off"])] for r in w["cut_points"][:n]]
    bridges = [[r["u_name"], r["v_name"], num(r["smaller_side"])] for r in w["bridges"][:n]]
    single = [
        [
            r["name"],
            report.names.get(r["operator"], r["operator"]),
            r.get("operator_evidence", ""),
            num(r["reusers"]),
            num(r["live"]),
        ]
        for r in w["single_operator_solutions"][:n]
    ]
    return Section(
        _("Weak points"),
        _(
            "Bodies and links whose loss splits the network; solutions many rely on "
            "that a single body operates."
        ),
        [
            Table(
                [_("body"), _("bodies cut off")],
                cuts,
                "lr",
                _("Cut points ({n})").format(n=num(len(w["cut_points"]))),
                more=len(w["cut_points"]) - len(cuts),
            ),
            Table(
                [_("body"), _("body"), _("smaller side")],
                bridges,
                "llr",
                _("Bridges ({n})").format(n=num(len(w["bridges"]))),
                more=len(w["bridges"]) - len(bridges),
            ),
            Table(
                [
                    _("solution"),
                    _("sole operator"),
                    _("evidence"),
                    _("reusers"),
                    _("connected/live"),
                ],
                single,
                "lllrr",
                _("Solutions with one operator ({n})").format(
                    n=num(len(w["single_operator_solutions"]))
                ),
                more=len(w["single_operator_solutions"]) - len(single),
            ),
        ],
    )
