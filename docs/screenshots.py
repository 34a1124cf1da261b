"""Regenerate the README's pictures of the html explorer (the first screen, German and English).

Builds the report of the shipped dataset in each language, opens it in Debian's
Chromium (headless, through Playwright's ``executable_path``: nothing downloads a
browser) and saves the first screen to ``docs/img/explorer-de.png`` and
``docs/img/explorer-en.png``. Prints each file's size and how long it took to be
ready (``html[data-explorer=ready]``) as a record, not a test.

    python docs/screenshots.py                  # both languages
    python docs/screenshots.py --body ags-06531005   # with a body selected
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import ozggraph
from ozggraph.output import build_report, render

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--body", default="", help="select this body (its id) in the picture")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    report = build_report(ozggraph.load_graph(ROOT / "seed"))
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=FLAGS)
        for lang in ("de", "en"):
            path = Path(tmp) / f"report-{lang}.html"
            path.write_text(render(report, "html", lang=lang), "utf-8")
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto(path.as_uri() + (f"#body={args.body}" if args.body else ""))
            page.wait_for_selector("html[data-explorer=ready]", state="attached", timeout=60_000)
            ready = time.perf_counter() - start
            page.mouse.move(5, 890)  # no hover tooltip in the picture
            shot = args.out / f"explorer-{lang}.png"
            page.screenshot(path=str(shot))
            print(f"{lang}: {path.stat().st_size / 1e6:.2f} MB, ready in {ready:.2f} s -> {shot}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
