"""The report as people read it: the html explorer's pieces, cut lists, 80-column text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import ozggraph
from ozggraph.output import build_report, render
from ozggraph.output.report import Report
from ozggraph.output.report_charts import money_unit

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def seed_report() -> Report:
    return build_report(ozggraph.load_graph())


def _data(page: str) -> dict:
    return json.loads(re.search(r'id="ozg-data">(.*?)</script>', page, re.S).group(1))


def test_explorer_is_one_offline_file_with_data_for_every_body(seed_report: Report) -> None:
    page = render(seed_report, "html", lang="en")
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)=[\"']?(https?:)?//", page)
    assert '<input type="search" id="body-search"' in page
    assert '<nav id="contents">' in page and 'class="sortable searchable"' in page
    data = _data(page)
    # every body of the network, and those tied only in layers the report leaves out
    assert {n["id"] for n in data["nodes"]} >= set(seed_report.nodes)
    assert "ags-06531005" in {n["id"] for n in data["nodes"]}  # the city of Gießen
    assert len(page.encode()) < 3_000_000
    # every link names its ties, each tie its layer and the claims of both ends
    layers = {x["id"] for x in data["layers"]}
    assert layers <= {"cooperation", "reuse", "money", "service", "programme"}
    assert {x["id"] for x in data["layers"] if x["shown"]} == {"cooperation", "reuse"}
    for _u, _v, ties in data["links"]:
        assert ties and all(data["bundles"][t]["layer"] in layers for t in ties)
    claims = data["claims"]
    assert claims and all(c["sources"] for c in claims.values())
    assert max(s for c in claims.values() for s in c["sources"]) < len(data["sources"])


def test_the_overview_is_laid_out_in_python_stable_and_labels_do_not_overlap(
    seed_report: Report,
) -> None:
    from ozggraph.output.explorer import FONT

    first, again = _data(render(seed_report, "html")), _data(render(seed_report, "html"))
    assert [(n["x"], n["y"]) for n in first["nodes"]] == [(n["x"], n["y"]) for n in again["nodes"]]
    shown = [n for n in first["nodes"] if n.get("label")]
    assert 10 <= len(shown) <= 60
    top = max(first["nodes"], key=lambda n: n.get("pagerank", 0))
    assert top.get("label")

    def box(n: dict) -> tuple[float, float, float, float]:
        half = 0.3 * FONT * len(n["name"]) + 4
        y = n["y"] + n["size"] + 2
        return (n["x"] - half, y, n["x"] + half, y + 1.3 * FONT)

    boxes = [box(n) for n in shown]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_html_tables_hold_every_row(seed_report: Report) -> None:
    page = render(seed_report, "html", lang="en")
    section = page.split('id="all-bodies"')[1]
    assert section.count("<tr") == len(seed_report.nodes) + 1
    spots = len(seed_report.coverage["white_spots"])
    coverage = page.split("<h2>Coverage</h2>")[1].split("</section>")[0]
    assert coverage.count("<tr") >= spots


def test_the_report_speaks_german_and_english(seed_report: Report) -> None:
    de = render(seed_report, "md", lang="de")
    en = render(seed_report, "md", lang="en")
    assert de.startswith("# OZG-Kooperationsbericht") and en.startswith("# OZG cooperation report")
    assert "## Überblick" in de and "## Overview" in en
    bodies = seed_report.overview["network"]["links"]
    assert f"{bodies:,}".replace(",", ".") in de and f"{bodies:,}" in en  # 2.644 / 2,644
    html = render(seed_report, "html", lang="de")
    assert '<html lang="de">' in html and "Stelle finden" in html
    assert _data(html)["words"]["Find a body"] == "Stelle finden"
    assert {x["name"] for x in _data(html)["layers"]} >= {"Kooperation", "Nachnutzung"}


def test_cut_lists_say_how_many_more(seed_report: Report) -> None:
    spots = len(seed_report.coverage["white_spots"])
    assert spots > 10
    more = f"… and {spots - 10:,} more"
    for fmt in ("text", "md"):
        assert more in render(seed_report, fmt, lang="en"), fmt
    assert f"… und {spots - 10:,} weitere".replace(",", ".") in render(seed_report, "md", lang="de")


def test_same_names_carry_kind_and_id(seed_report: Report) -> None:
    from ozggraph.output.report_sections import distinct

    spots = seed_report.coverage["white_spots"]
    named = distinct(spots, key="kreis")
    assert len(set(named)) == len(named)  # Kreise of the same name told apart
    twins = [n for n in named if "(" in n and "ags-" in n]
    assert all(s["kind"] in n for n, s in zip(named, spots, strict=True) if n in twins)


def test_text_fits_80_columns_and_keeps_pagerank(seed_report: Report) -> None:
    text = render(seed_report, "text", width=80, lang="en")
    assert max(len(line) for line in text.splitlines()) <= 80
    header = next(line for line in text.splitlines() if line.lstrip().startswith("# body"))
    assert header.rstrip().endswith("PageRank")


def test_money_is_shown_in_a_unit_that_fits() -> None:
    assert money_unit(130_000) == (1e3, "thousand €")
    assert money_unit(2_500_000)[1] == "million €"
    assert money_unit(0)[1] == "€"


def test_the_explorer_does_not_depend_on_the_order_relationships_come_in(seed_graph) -> None:  # type: ignore[no-untyped-def]
    """A graph read back from Neo4j lists its relationships in another order; its
    explorer data (ties numbered in ``links`` and ``bundles``) must be the same."""
    import json
    import random

    import networkx as nx

    from ozggraph.output.report import build_report

    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(seed_graph.graph)
    shuffled.add_nodes_from(seed_graph.nodes(data=True))
    edges = list(seed_graph.edges(keys=True, data=True))
    random.Random(1).shuffle(edges)
    shuffled.add_edges_from(edges)

    def explorer(graph: nx.MultiDiGraph) -> str:
        return json.dumps(build_report(graph).explorer, sort_keys=True, default=str)

    assert explorer(shuffled) == explorer(seed_graph)
