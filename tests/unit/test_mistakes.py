"""Every user mistake gets one clear line: exit status not 0, one line on stderr, no traceback.

A table of ordinary mistakes (bad dates, output paths, files that are no dataset) is
run through the CLI in process (CliRunner) and some through a real subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ozggraph.cli import cli

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "fixtures" / "mini")


@pytest.fixture
def places(tmp_path: Path) -> dict[str, str]:
    """A folder, a file, a file posing as a folder, an unwritable place, broken datasets."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.md").write_text("x", "utf-8")
    (tmp_path / "empty.yaml").write_text("", "utf-8")
    (tmp_path / "comments.yaml").write_text("# nothing here\n", "utf-8")
    (tmp_path / "Topic.csv").write_bytes(b"id,name\n\x00\x01\x02binary")
    (tmp_path / "Source.csv").write_bytes(b"id,title\nsrc-a,Stra\xdfe\n")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("# notes", "utf-8")
    return {
        "dir": str(tmp_path / "folder"),
        "file": str(tmp_path / "file.md"),
        "under_file": str(tmp_path / "file.md" / "out.txt"),
        "unwritable": "/proc/ozggraph-nowhere/out.txt",
        "new_dir": str(tmp_path / "new" / "plots"),
        "empty_yaml": str(tmp_path / "empty.yaml"),
        "comments_yaml": str(tmp_path / "comments.yaml"),
        "binary_csv": str(tmp_path / "Topic.csv"),
        "latin1_csv": str(tmp_path / "Source.csv"),
        "no_dataset": str(tmp_path / "notes"),
        "readme": str(ROOT / "README.md"),
    }


# (arguments with {place} slots, what the one line must say)
MISTAKES: list[tuple[str, str]] = [
    ("report --as-of 2023-00", "there is no month 00"),
    ("report --as-of 0000", "there is no year 0000"),
    ("report --as-of 2023-13", "there is no month 13"),
    ("report --as-of 2023-02-30", "February 2023 has no day 30"),
    ("report --as-of abc", "a date is YYYY, YYYY-MM or YYYY-MM-DD"),
    ("spread --as-of 0000", "there is no year 0000"),
    ("simulate --from ags-06 --as-of 2023-00", "there is no month 00"),
    ("seeds --as-of 2023-13", "there is no month 13"),
    ("validate {readme}", "README.md: not a dataset file"),
    ("report --dataset {readme}", "README.md: not a dataset file"),
    ("stats --dataset {no_dataset}", "no dataset files (.yaml, .csv) in this folder"),
    ("report --dataset /no/such/seed", "/no/such/seed: no such file or directory"),
    ("validate {empty_yaml}", "empty.yaml: the file is empty"),
    ("validate {comments_yaml}", "comments.yaml: the file holds no YAML, only comments"),
    ("validate {binary_csv}", "Topic.csv:2: binary data"),
    ("validate {latin1_csv}", "Source.csv:2: not UTF-8 text: byte 0xdf at column 11"),
    ("report -o {dir}", "is a folder; give a file name"),
    ("report -o {under_file}", "file.md is a file, not a folder"),
    ("report -o {unwritable}", "cannot write in /proc"),
    ("export --format json -o {dir}", "is a folder; give a file name"),
    ("export --format csv -o {file}", "is a file; give a folder"),
    ("spread -o {dir}", "is a folder"),
    ("simulate --from ags-06 -o {dir}", "is a folder"),
    ("seeds -o {dir}", "is a folder"),
    ("calibrate -o {dir}/", "is a folder"),
    ("spread sol-x --plot {file}", "--plot"),
    ("spread --plot {new_dir}", "--plot draws the charts of one solution"),
    ("spread sol-x --format json --plot {dir}", "not json"),
    ("query --list -o {file}", "--list shows the query library here"),
    ("query some_query -o {dir}", "is a folder"),
    ("cypher 'RETURN 1' -o {dir}", "is a folder"),
    ("report --format nope", "'nope' is not one of"),
    ("nope", "No such command 'nope'"),
]


def _args(template: str, places: dict[str, str]) -> list[str]:
    import shlex

    return [part.format(**places) for part in shlex.split(template)]


@pytest.mark.parametrize(("template", "says"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_one_line(template: str, says: str, places: dict[str, str]) -> None:
    result = CliRunner().invoke(cli, _args(template, places))
    assert result.exit_code not in (0, None), result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert says in lines[0]
    assert "Traceback" not in result.output
    assert not Path(places["new_dir"]).exists(), "nothing is created for a refused command"


@pytest.mark.parametrize(
    "template",
    ["report --as-of 2023-00", "validate {readme}", "report -o {dir}", "validate {binary_csv}"],
)
def test_mistakes_in_a_real_process(template: str, places: dict[str, str]) -> None:
    code = "from ozggraph.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, *_args(template, places)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.returncode != 0
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr


def test_dates_exit_2_and_bad_data_exit_1(places: dict[str, str]) -> None:
    assert CliRunner().invoke(cli, ["report", "--as-of", "0000"]).exit_code == 2
    assert CliRunner().invoke(cli, ["validate", places["empty_yaml"]]).exit_code == 1


def test_output_folder_is_created_and_a_replaced_file_said(tmp_path: Path) -> None:
    target = tmp_path / "new" / "report.md"
    first = CliRunner().invoke(cli, ["report", "--dataset", MINI, "--format", "md", "-o", target])
    assert first.exit_code == 0, first.output
    assert f"created folder {target.parent}" in first.stderr
    again = CliRunner().invoke(cli, ["report", "--dataset", MINI, "--format", "md", "-o", target])
    assert "replaced the file that was there" in again.stderr


def test_a_dataset_with_many_problems_is_one_line_outside_validate(tmp_path: Path) -> None:
    broken = tmp_path / "seed"
    broken.mkdir()
    (broken / "a.yaml").write_text("nodes:\n  - label: Topic\n    id: t\n", "utf-8")
    (broken / "b.yaml").write_text("nodes:\n  - label: Topic\n    id: u\n", "utf-8")
    result = CliRunner().invoke(cli, ["report", "--dataset", str(broken)])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert f"'ozggraph validate {broken}' lists them" in result.stderr


def test_a_later_command_gets_the_same_output_checks(tmp_path: Path) -> None:
    """A new command declaring -o a folder for csv is checked, whatever the option order."""
    import click

    from ozggraph.cli.options import output_option, read_format_first

    @click.command()
    @click.option("--format", "fmt", type=click.Choice(["md", "csv"]), default="md")
    @output_option(directory_formats=("csv",))
    def table(fmt: str, output: Path | None) -> None:
        click.echo(f"{fmt} {output}")

    read_format_first(table)  # what the ozggraph group does for each command it runs
    (tmp_path / "f.md").write_text("x", "utf-8")
    for args in (["-o", str(tmp_path / "f.md"), "--format", "csv"], ["-o", str(tmp_path)]):
        result = CliRunner().invoke(table, args)
        assert result.exit_code == 2 and "Invalid value for '-o'" in result.output, args
    ok = CliRunner().invoke(table, ["-o", str(tmp_path), "--format", "csv"])
    assert ok.exit_code == 0, ok.output
