"""The spread commands as a user meets them (on the small made-up world)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from spread_world import world

from ozggraph.cli import cli
from ozggraph.cli import spread as commands

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


@pytest.fixture(autouse=True)
def small_world(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = world()
    graph.graph["checksum"] = "sha256:test"
    monkeypatch.setattr(commands, "graph_from", lambda *args: graph)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_spread_of_one_solution_with_charts(tmp_path: Path) -> None:
    out = run("spread", "Digitale Baugenehmigung", "--plot", str(tmp_path))
    assert "Sachsen-Anhalt" in out and "live" in out and "dataset sha256:test" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sol-bau-adoption.png",
        "sol-bau-network.png",
    ]


def test_spread_json_md_and_html(tmp_path: Path) -> None:
    data = json.loads(run("spread", "--format", "json"))
    assert data["stamp"]["dataset_checksum"] == "sha256:test"
    assert [s["id"] for s in data["result"]] == ["sol-bau", "sol-other"]
    assert "| live | 2 | 50,000 | ST |" in run("spread", "sol-bau", "--format", "md")
    page = tmp_path / "bau.html"
    run("spread", "sol-bau", "--format", "html", "-o", str(page))
    assert page.read_text("utf-8").count("data:image/png;base64,") == 2


def test_simulate_and_seeds() -> None:
    out = json.loads(
        run("simulate", "--from", "ags-13", "--runs", "50", "--p", "1", "--format", "json")
    )
    assert out["result"]["adopters"]["mean"] == 5
    assert "seeds chosen by CELF" in run("seeds", "--k", "2", "--runs", "50")


def test_unknown_solution_exits_1_with_close_matches() -> None:
    code = "from ozggraph.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "spread", "ekom21 plattform", "--dataset", str(MINI)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "unknown solution 'ekom21 plattform'; close matches:" in result.stderr
    assert "Traceback" not in result.stderr
