"""The command line as a user meets it: help, validate, stats, export, errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ozggraph.cli import cli

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def ozggraph(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point the way a user does."""
    code = "from ozggraph.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60
    )


def test_help_lists_every_command_with_an_example() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    names = cli.list_commands(None)  # type: ignore[arg-type]
    assert {"report", "validate", "load", "query", "spread", "import"} <= set(names)
    for name in names:
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and name in result.output
        sub = command.commands.values() if hasattr(command, "commands") else [command]
        for each in sub:
            assert "ozggraph " in (each.help or ""), f"{each.name} has no example"


def test_validate_ok_and_broken(tmp_path: Path) -> None:
    ok = ozggraph("validate", str(MINI))
    assert ok.returncode == 0 and "ok: 13 nodes" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes:\n  - label: Topic\n    id: t\n    name: T\n", "utf-8")
    result = ozggraph("validate", str(bad))
    assert result.returncode == 1
    assert "bad.yaml:2: Topic 't': a curated node needs at least one source" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_is_a_clear_error() -> None:
    result = ozggraph("stats", "--dataset", "/no/such/seed")
    assert result.returncode == 1
    assert "/no/such/seed: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_export_writes_files(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    result = ozggraph("export", "--format", fmt, "-o", str(target), "--dataset", str(MINI))
    assert result.returncode == 0, result.stderr
    assert target.exists()


def test_export_cooperation_network_of_one_land(tmp_path: Path) -> None:
    target = tmp_path / "he.gexf"
    args = ["--network", "cooperation", "--land", "he", "--as-of", "2030", "--format", "gexf"]
    result = ozggraph("export", *args, "-o", str(target), "--dataset", str(MINI))
    assert result.returncode == 0, result.stderr
    assert "ags-06531005" in target.read_text("utf-8")
    csv = ozggraph("export", "--network", "cooperation", "--format", "csv", "--dataset", str(MINI))
    assert csv.returncode == 2 and "not csv" in csv.stderr and "Traceback" not in csv.stderr


def test_stats_counts_by_label_and_type() -> None:
    result = CliRunner().invoke(cli, ["stats", "--dataset", str(MINI)])
    assert result.exit_code == 0
    assert "Municipality" in result.output and "MEMBER_OF" in result.output
    assert "checksum sha256:" in result.output
