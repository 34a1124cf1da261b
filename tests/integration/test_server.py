"""``ozggraph server``: the analysts' local Neo4j, end to end, as a user runs it.

One server in a temporary ``OZGGRAPH_HOME``, no ``NEO4J_*`` variables: start it,
query it, open Neo4j Browser in headless Chromium, start again (already running),
stop and start again (the database is reused, nothing reloaded), stop.
The tests of this module run in file order and share that server.

The Browser test drives Debian's ``chromium`` with Playwright (``executable_path``:
nothing downloads a browser). Under CI a missing chromium fails; elsewhere it skips.
``OZGGRAPH_SCREENSHOT=1`` also writes the screenshot to docs/img/ for the README.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNDER_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

pytestmark = pytest.mark.integration

CHROMIUM = os.environ.get("OZGGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = ROOT / "docs" / "img" / "neo4j-browser.png"


class Home:
    """The state directory and the environment every command of a test runs with."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        self.env["OZGGRAPH_HOME"] = str(path)
        self.start_seconds: list[float] = []  # cold, then warm
        self.first_output = ""

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-c", "from ozggraph.cli import main; main()", *args]
        res = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=900)
        if check and res.returncode != 0:
            pytest.fail(f"ozggraph {' '.join(args)} failed:\n{res.stdout}\n{res.stderr}")
        return res

    def start(self) -> str:
        began = time.monotonic()
        out = self.run("server", "start").stdout
        self.start_seconds.append(time.monotonic() - began)
        return out

    @property
    def password(self) -> str:
        return (self.path / "password").read_text().strip()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Home]:
    from ozggraph.neo4j.devserver import DevServerError, assemble

    try:
        assemble()
    except DevServerError as exc:
        if UNDER_CI:
            pytest.fail(f"Neo4j is required under CI and is unavailable: {exc}", pytrace=False)
        pytest.skip(f"no Neo4j (not under CI, so skipping): {exc}")
    state = Home(tmp_path_factory.mktemp("ozggraph-home"))
    state.first_output = state.start()
    try:
        yield state
    finally:
        state.run("server", "stop", check=False)
        times = ", ".join(f"{t:.1f} s" for t in state.start_seconds)
        print(f"\nozggraph server start (cold, warm): {times}", file=sys.stderr)


def _address(output: str, what: str) -> str:
    match = re.search(rf"{what}:\s+(\S+)", output)
    assert match, f"no {what} in:\n{output}"
    return match.group(1)


def test_start_prints_where_and_how_to_log_in_never_the_password(home: Home) -> None:
    out = home.first_output
    assert _address(out, "Neo4j Browser").startswith("http://127.0.0.1:")
    assert _address(out, "Bolt URI").startswith("bolt://127.0.0.1:")
    assert "ozggraph server password" in out and "dataset loaded" in out
    assert home.password not in out
    mode = stat.S_IMODE((home.path / "password").stat().st_mode)
    assert mode == 0o600


def test_query_uses_the_local_server_without_neo4j_variables(home: Home) -> None:
    res = home.run("query", "find_body", "--param", "name=Gießen", "--format", "json")
    rows = json.loads(res.stdout)["rows"]
    ids = {row["id"]: row["label"] for row in rows}
    assert ids["ags-06531005"] == "Municipality"
    assert ids["ags-06531"] == "District"
    assert ids["ags-065"] == "AdministrativeDistrict"


def test_status_says_what_runs_where_and_which_dataset(home: Home) -> None:
    from ozggraph.graph import load_graph

    out = home.run("server", "status").stdout
    assert re.search(r"running, pid \d+", out)
    assert str(home.path) in out
    assert load_graph(ROOT / "seed").graph["checksum"] in out


def test_password_only_when_asked(home: Home) -> None:
    assert home.run("server", "password").stdout.strip() == home.password


def test_browser_and_guide_are_served_on_loopback(home: Home) -> None:
    browser = _address(home.first_output, "Neo4j Browser")
    with urllib.request.urlopen(browser, timeout=30) as response:
        assert response.status == 200
        assert b"Neo4j Browser" in response.read()
    guide = browser + "ozggraph/guide.html"
    with urllib.request.urlopen(guide, timeout=30) as response:
        assert b"find_body" in response.read()


def _chromium() -> str:
    if not (Path(CHROMIUM).is_file() and shutil.which(CHROMIUM)):
        if UNDER_CI:
            pytest.fail(f"the Browser test needs {CHROMIUM} under CI (apt-get install chromium)")
        pytest.skip(f"no {CHROMIUM} (not under CI, so skipping)")
    return CHROMIUM


def _loopback(url: str) -> bool:
    """True for an address on this machine (and the page's own data: and blob: URLs)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost")


def test_neo4j_browser_logs_in_and_runs_a_library_query(home: Home, tmp_path: Path) -> None:
    """Log in, open find_body in the guide that opens after login, run it for Gießen.

    Every request the page makes is recorded (and any to another host refused): none may
    leave 127.0.0.1 (no Sentry, Segment, Canny or Google Fonts).
    """
    from playwright.sync_api import sync_playwright  # a dev dependency; drives, never downloads

    executable = _chromium()
    browser_url = _address(home.first_output, "Neo4j Browser")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=executable,
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1400, "height": 900},
        )
        requests: list[str] = []
        outside: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        context.on("websocket", lambda socket: requests.append(socket.url))

        def refuse(route) -> None:  # type: ignore[no-untyped-def]
            outside.append(route.request.url)
            route.abort()

        context.route(lambda url: not _loopback(url), refuse)
        try:
            page = context.new_page()
            page.on("websocket", lambda socket: requests.append(socket.url))
            page.goto(browser_url, timeout=120_000)
            page.fill("input[data-testid=username]", "neo4j", timeout=120_000)
            page.fill("input[data-testid=password]", home.password)
            page.click("button[data-testid=connect]")
            # browser.post_connect_cmd opens the query library in the sidebar
            page.get_by_text("The ozggraph query library").wait_for(timeout=120_000)
            page.locator("li", has_text="find_body").first.wait_for()
            while not page.locator("h3", has_text="find_body").is_visible():
                page.get_by_text("Next", exact=True).click()
            page.locator("pre.runnable", has_text=":param name").click()
            page.locator(".monaco-editor").first.click()
            page.keyboard.press("Control+A")  # the analyst's own value instead of the example
            page.keyboard.type(":param name => 'Gießen'")
            page.click("[data-testid=editor-Run]")
            done = page.get_by_text("Successfully set your parameters")
            done.first.wait_for(timeout=60_000)
            page.locator("pre.runnable", has_text=":param limit").click()
            page.locator(".monaco-editor").first.click()
            page.keyboard.press("Control+Enter")
            page.wait_for_function(
                "n => document.body.innerText.split('Successfully set your parameters').length > n",
                arg=2,
                timeout=60_000,
            )
            page.locator("pre.runnable", has_text="db.index.fulltext.queryNodes").click()
            page.locator(".monaco-editor").first.click()
            page.keyboard.press("Control+Enter")
            cell = page.get_by_text("ags-06531005", exact=False).first
            cell.wait_for(timeout=120_000)
            text = page.locator("main, body").first.inner_text()
            for expected in ("ags-065", "ags-06531", "AdministrativeDistrict", "District"):
                assert expected in text
            page.wait_for_timeout(1500)  # let the table settle for the picture
            page.screenshot(path=str(tmp_path / "neo4j-browser.png"))
            if os.environ.get("OZGGRAPH_SCREENSHOT"):
                page.screenshot(path=str(SCREENSHOT))
            page.wait_for_timeout(3000)  # late loaders (telemetry starts after connecting)
        finally:
            context.close()
    assert any("/browser/" in url for url in requests)  # the recorder saw the page
    assert any(url.startswith("ws://127.0.0.1") for url in requests)  # and Bolt
    assert outside == [] and [url for url in requests if not _loopback(url)] == []


def test_second_start_finds_it_running(home: Home) -> None:
    out = home.run("server", "start").stdout
    assert "already running" in out and "not reloaded" in out


def test_stop_then_start_reuses_the_database(home: Home) -> None:
    assert "stopped" in home.run("server", "stop").stdout
    assert home.run("server", "status", check=False).returncode == 1
    out = home.start()
    assert "not reloaded" in out
    res = home.run("query", "find_body", "--param", "name=Bensheim", "--format", "json")
    assert json.loads(res.stdout)["rows"][0]["id"] == "ags-06431002"


def test_the_cached_assembly_holds_browser_and_is_reused_offline(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ozggraph.neo4j import devserver

    lib = devserver.assemble()
    assert devserver.jar(lib, "neo4j-browser-").name == "neo4j-browser-5.24.0.jar"
    assert (lib / ".pom-sha256").read_text().strip() == devserver.pom_digest()
    monkeypatch.setenv("PATH", "")  # no mvn to be found: a complete cache must not need it
    assert devserver.assemble() == lib
