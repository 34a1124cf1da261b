"""Feedback on long work: progress bars only on a terminal, honest defaults and intervals."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import numpy as np

from ozggraph import progress
from ozggraph.spread.simulate import CLI_P, Estimate


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bars_only_on_a_terminal_and_never_when_quiet() -> None:
    try:
        assert progress.configure(stream=_Tty()) is True
        assert progress.configure(stream=_Tty(), quiet=True) is False
        assert progress.configure(stream=io.StringIO()) is False
        progress.configure(stream=_Tty())
        with progress.task("outer", 2) as outer, progress.task("inner", 3) as inner:
            inner(3)  # nested work shares one display (rich allows one)
            outer(2)
    finally:
        progress.configure(stream=io.StringIO())


def test_count_intervals_never_go_below_zero() -> None:
    rare = np.zeros(1000)
    rare[0] = 1.0
    estimate = Estimate.of(rare)
    assert estimate.low == 0.0 < estimate.high
    assert Estimate.of(np.array([-1.0, 1.0, -3.0])).low < 0  # not counts: left alone


def ozggraph(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from ozggraph.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


def test_default_p_says_where_it_comes_from() -> None:
    result = ozggraph("simulate", "--from", "ags-13", "--runs", "50", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["result"]["p"] == CLI_P
    assert "calibrate" in data["stamp"]["note"] and "no good fit" in data["stamp"]["note"]
    assert "\x1b[" not in result.stderr  # no bar drawn into a pipe
    given = ozggraph("simulate", "--from", "ags-13", "--runs", "50", "--p", "0.2")
    assert "p = 0.2 per tie" in given.stdout and "no good fit" not in given.stdout
