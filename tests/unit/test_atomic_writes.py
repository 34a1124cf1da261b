"""Nothing a user has is lost: an interrupted command leaves the previous file intact.

Every writer goes through :mod:`ozggraph.atomic` (a temporary file in the same
folder, then ``os.replace``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from ozggraph.cli import cli

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
OLD = "<the export a user made yesterday>"


def _writing(folder: Path, pattern: str) -> bool:
    """Whether a temporary file of ``pattern`` in ``folder`` has bytes in it yet."""
    for part in folder.glob(pattern):
        try:
            if part.stat().st_size:
                return True
        except FileNotFoundError:  # renamed into place meanwhile
            pass
    return False


def test_ctrl_c_during_an_export_keeps_the_old_file(tmp_path: Path) -> None:
    """SIGINT while the new file is being written (its temporary file has bytes).

    The real writer is held after its first bytes, so the signal always lands midway
    however fast or busy the machine is; the child takes SIGINT even where it was
    started with SIGINT ignored (background jobs of a script are)."""
    keep = tmp_path / "keep.gexf"
    keep.write_text(OLD)
    run_cli = (  # Ctrl-C as a user sends it, also when pytest runs as a background job
        "import signal, time\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from ozggraph.output import export\n"
        "real = export.dump\n"
        "def held(graph, fmt, handle):\n"
        "    handle.write(b'<?xml'); handle.flush(); time.sleep(600); real(graph, fmt, handle)\n"
        "export.dump = held\n"
        "from ozggraph.cli import cli; cli()\n"
    )
    command = [sys.executable, "-c", run_cli, "export", "--format", "gexf", "-o", str(keep)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not _writing(tmp_path, ".keep.gexf.*.part"):
        assert process.poll() is None, f"export ended before writing: {process.stderr.read()}"
        assert time.monotonic() < deadline, "the export never started writing"
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode != 0, err
    assert keep.read_text() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.gexf"]  # no half file left


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf"])
def test_a_writer_that_fails_midway_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    from ozggraph.output import export

    def half_then_fail(_graph: nx.Graph, _fmt: str, handle) -> None:  # type: ignore[no-untyped-def]
        handle.write(b"<half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "dump", half_then_fail)
    keep = tmp_path / f"keep.{fmt}"
    keep.write_text(OLD)
    args = ["export", "--dataset", str(MINI), "--format", fmt, "-o", str(keep)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert keep.read_text() == OLD
    assert [p.name for p in tmp_path.iterdir()] == [keep.name]


def test_report_and_csv_tables_are_replaced_whole(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(OLD)
    result = CliRunner().invoke(
        cli, ["report", "--dataset", str(MINI), "--format", "md", "-o", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "replaced the file that was there" in result.stderr
    assert report.read_text("utf-8").startswith("# ")
    assert report.stat().st_mode & 0o777 == (tmp_path / "report.md").stat().st_mode & 0o777
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
