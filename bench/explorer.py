"""How big the html explorer is and how soon it is ready in headless Chromium.

Builds ``ozggraph report --format html`` of the shipped dataset (German and
English), then opens each file, and any baseline files given (e.g. the explorer
built from main), in turn ``--runs`` times in Debian's Chromium (Playwright with
``executable_path``; nothing downloads a browser) and prints the size and the median
time until ``html[data-explorer=ready]`` (script run, network drawn). Files are
interleaved, so machine load hits them alike; printed as a record, never asserted.

    python bench/explorer.py
    python bench/explorer.py --runs 7 /tmp/report-from-main.html
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import ozggraph
from ozggraph.output import build_report, render

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", nargs="*", type=Path, help="other html files to time")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    report = build_report(ozggraph.load_graph(ROOT / "seed"))
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        files = list(args.baseline)
        for lang in ("de", "en"):
            path = Path(tmp) / f"report-{lang}.html"
            path.write_text(render(report, "html", lang=lang), "utf-8")
            files.append(path)
        browser = pw.chromium.launch(executable_path=chromium, args=FLAGS)
        times: dict[Path, list[float]] = {f: [] for f in files}
        for _ in range(args.runs):
            for f in files:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                start = time.perf_counter()
                page.goto(f.resolve().as_uri())
                page.wait_for_selector("html[data-explorer=ready]", state="attached")
                times[f].append(time.perf_counter() - start)
                page.close()
        browser.close()
        for f in files:
            print(
                f"{f.name:28} {f.stat().st_size / 1e6:5.2f} MB   ready in "
                f"{statistics.median(times[f]):.2f} s (median of {args.runs}; "
                f"min {min(times[f]):.2f} s)"
            )
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
