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


def test_explorer_is_one_offline_file_with_data_for_every_body(seed_report: Report) -> None:
    page = render(seed_report, "html")
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)=[\"']?(https?:)?//", page)
    assert '<input type="search" id="body-search"' in page
    assert '<nav id="contents">' in page and 'class="sortable searchable"' in page
    data = json.loads(re.search(r'id="ozg-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == len(seed_report.picture["nodes"])
    assert all(link["layers"] for link in data["links"])
    # each tie of a body carries its sources, and every source is described
    ties = [t for body in data["ties"].values() for t in body]
    assert ties and all(t["sources"] for t in ties)
    assert {s for t in ties for s in t["sources"]} <= set(data["sources"])


def test_the_picture_says_how_many_bodies_it_shows(seed_report: Report) -> None:
    shown, total = len(seed_report.picture["nodes"]), len(seed_report.nodes)
    page = render(seed_report, "html").split('id="network"')[1].split("</section>")[0]
    if shown == total:
        assert f"All {total:,} bodies of the cooperation network" in page
    else:
        assert f"The {shown:,} of {total:,} bodies with the highest PageRank" in page
    hessen = render(build_report(ozggraph.load_graph(MINI)), "html")
    assert "All 3 bodies of the cooperation network" in hessen


def test_cut_lists_say_how_many_more(seed_report: Report) -> None:
    spots = len(seed_report.coverage["white_spots"])
    assert spots > 10
    more = f"… and {spots - 10:,} more"
    for fmt in ("text", "md", "html"):
        assert more in render(seed_report, fmt), fmt


def test_same_names_carry_kind_and_id(seed_report: Report) -> None:
    from ozggraph.output.report_sections import distinct

    spots = seed_report.coverage["white_spots"]
    named = distinct(spots, key="kreis")
    assert len(set(named)) == len(named)  # Kreise of the same name told apart
    twins = [n for n in named if "(" in n and "ags-" in n]
    assert all(s["kind"] in n for n, s in zip(named, spots, strict=True) if n in twins)


def test_text_fits_80_columns_and_keeps_pagerank(seed_report: Report) -> None:
    text = render(seed_report, "text", width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    header = next(line for line in text.splitlines() if line.lstrip().startswith("# body"))
    assert header.rstrip().endswith("PageRank")


def test_money_is_shown_in_a_unit_that_fits() -> None:
    assert money_unit(130_000) == (1e3, "thousand €")
    assert money_unit(2_500_000)[1] == "million €"
    assert money_unit(0)[1] == "€"
