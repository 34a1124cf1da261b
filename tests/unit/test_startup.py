"""Everyday commands start light: ``--help``, ``find`` and ``show`` import neither
igraph, matplotlib, pandas nor the Neo4j driver (each costs tenths of a second to
seconds at start-up). Checked through ``sys.modules`` in a fresh process, never by
the clock; the report imports matplotlib only for the formats that draw charts.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: Packages an everyday command must not import.
HEAVY = ("igraph", "matplotlib", "pandas", "neo4j", "networkit")

_PROBE = """
import json, sys
sys.argv = ["ozggraph", *json.loads(sys.argv[1])]
from ozggraph.cli import cli
try:
    cli.main(standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(name.split(".")[0] for name in sys.modules)), file=sys.stderr)
"""


def imported_by(*args: str) -> set[str]:
    """Top-level packages loaded by ``ozggraph ARGS`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=120,  # a hang fails; no wall-clock assert
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("report", "--help"),
        ("find", "Gießen"),
        ("show", "ags-06531005"),
    ],
)
def test_everyday_commands_import_no_heavy_package(args: tuple[str, ...]) -> None:
    assert imported_by(*args) & set(HEAVY) == set()


def test_help_imports_not_even_networkx_or_pydantic() -> None:
    assert imported_by("--help") & {"networkx", "pydantic", "numpy", "scipy", "yaml"} == set()


def test_the_text_report_draws_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    loaded = imported_by("report", "-o", str(tmp_path / "report.txt"))
    assert loaded & {"matplotlib", "neo4j", "pandas"} == set()


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_report_that_is_not_for_the_terminal_loads_no_terminal_renderer(
    tmp_path, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    """rich lays out the text report's tables; Markdown and JSON are written without it."""
    loaded = imported_by("report", "--format", fmt, "-o", str(tmp_path / f"report.{fmt}"))
    assert loaded & {"rich", "matplotlib", "neo4j"} == set()


def test_help_lists_every_command_with_the_summary_of_its_own_help() -> None:
    import importlib

    import click

    from ozggraph.cli import COMMAND_MODULES, COMMAND_SUMMARIES

    for name, module in COMMAND_MODULES.items():
        commands = importlib.import_module(f"ozggraph.cli.{module}").COMMANDS
        own = next(c for c in commands if c.name == name).get_short_help_str(500)
        listed = click.Command(name, help=COMMAND_SUMMARIES.get(name, own))
        assert listed.get_short_help_str(500) == own, name
