"""The html report in a real browser: Debian's Chromium, headless, driven by Playwright.

Nothing downloads a browser: Playwright gets ``executable_path`` (``/usr/bin/chromium``
or ``$CHROMIUM``). Under CI a missing Chromium or Playwright fails; elsewhere it skips.
``docs/screenshots.py`` takes the README pictures with the same browser.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ozggraph
from ozggraph.output import build_report, render

ROOT = Path(__file__).resolve().parents[2]
UNDER_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _unavailable(reason: str) -> None:
    if UNDER_CI:
        pytest.fail(f"the browser test needs it under CI: {reason}", pytrace=False)
    pytest.skip(f"{reason} (not under CI, so skipping)")


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    graph = ozggraph.load_graph(ROOT / "seed")
    path.write_text(render(build_report(graph), "html"), "utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        _unavailable("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as pw:  # launch() gives Chromium a fresh profile of its own
        launched = pw.chromium.launch(executable_path=chromium, args=FLAGS)
        yield launched
        launched.close()


def test_the_file_is_self_contained(report_file: Path) -> None:
    page = report_file.read_text("utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"<link[^>]*\bhref=", page)
    assert not re.search(r"""\b(src|href)=["']?(https?:)?//""", page)
    assert 'type="search"' in page and "vis-network" in page


GIESSEN = "ags-06531005"  # the city of Gießen: far from the top 120 bodies by PageRank


def _open(browser: Any, url: str) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else outside.append(r.url),
    )
    page.goto(url)
    page.wait_for_selector("html[data-explorer=ready]", state="attached", timeout=30_000)
    return page, errors, outside


def _find(page: Any, query: str, body: str) -> list[str]:
    """Type ``query`` into the search box and pick ``body`` from the suggestions."""
    page.fill("#body-search", query)
    hits = page.locator("#search-hits li[data-id]")
    suggested = [str(x) for x in hits.evaluate_all("ls => ls.map(l => l.dataset.id)")]
    if body in suggested:
        page.locator(f"#search-hits li[data-id='{body}']").dispatch_event("mousedown")
    return suggested


def _panel_counts(page: Any) -> tuple[int, int, int, int]:
    """(partners the panel says, partners it lists, ties it says, ties its partners list)."""
    said = int(page.inner_text("#partner-count").replace(".", "").replace(",", ""))
    ties = int(page.inner_text("#tie-count").replace(".", "").replace(",", ""))
    listed = page.locator("#partner-list li.partner")
    counted = sum(int(x) for x in listed.evaluate_all("ls => ls.map(l => l.dataset.ties)"))
    return said, listed.count(), ties, counted


def test_any_body_is_found_explained_and_shared(browser: Any, report_file: Path) -> None:
    page, errors, outside = _open(browser, report_file.as_uri())
    data = page.evaluate("JSON.parse(document.getElementById('ozg-data').text)")
    assert page.locator("#network-view canvas").count() == 1
    assert page.evaluate("window.ozgNetwork.body.data.nodes.length") == len(data["nodes"])
    assert GIESSEN in {n["id"] for n in data["nodes"]}

    # transliteration, an alias and an id all reach the city of Gießen
    assert GIESSEN in _find(page, "giessen", GIESSEN)  # beside the Landkreis Gießen
    assert _find(page, "Universitätsstadt Gießen", GIESSEN)[0] == GIESSEN
    assert _find(page, GIESSEN, GIESSEN)[0] == GIESSEN
    page.press("#body-search", "Enter")  # Enter takes the first suggestion
    assert page.evaluate("window.ozgNetwork.getSelectedNodes()") == [GIESSEN]
    assert page.inner_text("#detail h3") == "Gießen"
    assert GIESSEN in page.evaluate("window.ozgNetwork.getPositions()")  # in view, drawn
    said, listed, ties, counted = _panel_counts(page)
    assert said == listed and ties == counted

    # another layer: the counts follow, and still equal what is listed
    page.check("#filter-layers input[value=programme]")
    said2, listed2, ties2, counted2 = _panel_counts(page)
    assert said2 == listed2 and ties2 == counted2
    assert ties2 >= ties
    view = page.inner_text("#detail")
    # every partner's ties open with their claims: dates, evidence, sources
    page.locator("#partner-list li.partner details").first.evaluate("d => d.open = true")
    first = page.inner_text("#partner-list li.partner >> nth=0")
    assert "evidence" in first.lower() or "beleg" in first.lower()

    # the address holds the view; opening it elsewhere shows the same
    url = page.url
    assert f"body={GIESSEN}" in url and "programme" in url
    other, errors2, outside2 = _open(browser, url)
    assert other.evaluate("window.ozgNetwork.getSelectedNodes()") == [GIESSEN]
    assert other.is_checked("#filter-layers input[value=programme]")
    assert other.inner_text("#detail") == view

    # a path between two bodies names what each hop is made of
    other.evaluate("document.getElementById('path-box').open = true")
    other.fill("#path-from", "giessen")
    other.press("#path-from", "Enter")
    other.fill("#path-to", "Dataport")
    other.press("#path-to", "Enter")
    hops = other.locator("#path-hops > li")
    assert hops.count() >= 1 and other.locator("#path-hops .layer-tag").count() >= hops.count()
    assert "path=" in other.url

    # the ties of the view as CSV: one row per claim, with the layer
    csv = other.evaluate("window.ozgViewTies()")
    assert csv.splitlines()[0].startswith("body,body_name,partner")

    # tables: every row is there, paged; the filter searches all rows
    rows = other.locator("#all-bodies tbody tr")  # the bodies of the report's network
    assert rows.count() == sum(1 for n in data["nodes"] if n.get("community") is not None)
    assert other.locator("#all-bodies tbody tr:visible").count() == 10
    other.locator("#all-bodies input.table-filter").fill("Hessen")
    assert other.locator("#all-bodies tbody tr:visible", has_text="ags-06").count() >= 1
    header = other.locator("#all-bodies th", has_text="PageRank")
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"

    for errs, out in ((errors, outside), (errors2, outside2)):
        assert not errs, errs
        assert not out, f"requests left the file: {out}"
    page.close()
    other.close()
