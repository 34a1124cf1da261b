"""The html report in a real browser: Debian's Chromium, headless, driven by Playwright.

Nothing downloads a browser: Playwright gets ``executable_path`` (``/usr/bin/chromium``
or ``$CHROMIUM``). Under CI a missing Chromium or Playwright fails; elsewhere it skips.
Set ``OZGGRAPH_SCREENSHOT=docs/img/report-explorer.png`` to refresh the README picture.
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


def test_search_click_and_details_offline(browser: Any, report_file: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else outside.append(r.url),
    )
    page.goto(report_file.as_uri())
    page.wait_for_selector("html[data-explorer=ready]", state="attached", timeout=20_000)

    # the network is drawn by script onto a canvas
    assert page.locator("#network-view canvas").count() == 1
    drawn = page.evaluate("window.ozgNetwork.body.data.nodes.length")
    assert drawn == len(page.evaluate("JSON.parse(document.getElementById('ozg-data').text).nodes"))

    # search a body: hits list it, Enter selects it and opens its ties
    page.fill("#body-search", "Hessen")
    assert "Hessen (HE, ags-06)" in page.inner_text("#search-hits")
    page.press("#body-search", "Enter")
    detail = page.inner_text("#detail")
    assert detail.startswith("Hessen") and "ags-06" in detail
    assert "evidence:" in detail and "sources:" in detail
    assert page.evaluate("window.ozgNetwork.getSelectedNodes()") == ["ags-06"]

    # click another body on the canvas
    target = "itp-dataport"
    x, y = page.evaluate(
        """(id) => { const n = window.ozgNetwork; n.focus(id, {scale: 1.2, animation: false});
                     const p = n.canvasToDOM(n.getPositions([id])[id]);
                     const box = document.querySelector('#network-view').getBoundingClientRect();
                     return [box.left + p.x, box.top + p.y]; }""",
        target,
    )
    page.mouse.click(x, y)
    assert page.inner_text("#detail h3") == "Dataport"
    partners = page.locator("#partner-list li")
    assert partners.count() >= 1

    # filters hide bodies of other Länder
    page.select_option("#filter-land", "HE")
    hidden = page.evaluate("window.ozgNetwork.body.data.nodes.get({filter: n => n.hidden}).length")
    assert 0 < hidden < drawn

    # tables sort and filter
    header = page.locator("#all-bodies th", has_text="PageRank")
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    page.locator("#all-bodies input.table-filter").fill("Dataport")
    assert page.locator("#all-bodies tbody tr:visible").count() == 1

    page.select_option("#filter-land", "")
    page.evaluate("window.scrollTo(0, 0)")
    page.fill("#body-search", "Hessen")
    page.press("#body-search", "Enter")
    page.evaluate("window.ozgNetwork.focus('ags-06', {scale: 0.75, animation: false})")
    box = page.locator("#network-view").bounding_box()
    page.mouse.move(box["x"] + 8, box["y"] + box["height"] - 8)  # away from any body
    shot = os.environ.get("OZGGRAPH_SCREENSHOT")
    page.screenshot(path=shot or str(report_file.with_suffix(".png")))
    assert not errors, errors
    assert not outside, f"requests left the file: {outside}"
    page.close()
