"""Where output goes: ``-o -`` is standard output, messages go to stderr, html is no
terminal text, and bad options fail before any work."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from ozggraph.cli import cli

MINI = str(Path(__file__).parents[1] / "fixtures" / "mini")


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf"])
def test_dash_o_dash_is_standard_output_for_every_format(fmt: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "--dataset", MINI, "--format", fmt, "-o", "-"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.iterdir()) and not Path(f"ozggraph.{fmt}").exists()
    if fmt == "json":
        back = nx.node_link_graph(json.loads(result.stdout), edges="edges")
        assert back.is_directed() and back.is_multigraph()
        assert back.nodes["ags-06531005"]["name"] == "Gießen"  # flat attributes
    else:
        assert result.stdout.startswith("<?xml")
    assert result.stderr == ""


def test_wrote_messages_go_to_stderr(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    result = CliRunner().invoke(cli, ["export", "--dataset", MINI, "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == "" and f"wrote {out}" in result.stderr


def test_csv_export_to_standard_output_is_refused() -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "-o", "-"])
    assert result.exit_code == 2 and "give -o FOLDER" in result.stderr


def test_html_is_not_poured_onto_a_terminal() -> None:
    """Refused with a hint, before the report is built (stdout is a real pty here)."""
    leader, follower = pty.openpty()
    command = [sys.executable, "-c", "from ozggraph.cli import cli; cli()", "report",
               "--dataset", MINI, "--format", "html"]  # fmt: skip
    done = subprocess.run(command, stdout=follower, stderr=subprocess.PIPE, text=True, timeout=120)
    os.close(follower)
    os.close(leader)
    assert done.returncode == 2
    assert "-o report.html" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [["report", "--land", "XX"], ["export", "--land", "XX"], ["seeds", "--level", "city"],
     ["seeds", "--land", "XX"], ["analyze", "--land", "ZZ"]],
)  # fmt: skip
def test_unknown_land_or_level_fails_at_once(args: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ozggraph.cli.dataset
    import ozggraph.cli.options

    def no_loading(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("the dataset was read before the option was checked")

    for module in (ozggraph.cli.options, ozggraph.cli.dataset):
        monkeypatch.setattr(module, "get_graph", no_loading)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert ("no Land code" in result.stderr) or ("is no level" in result.stderr)
