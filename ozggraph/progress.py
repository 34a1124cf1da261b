"""Progress bars for long work (simulate, calibrate, seeds, load, import), on stderr.

Library code reports what it does through :func:`task` / :func:`steps`; nothing is
shown unless the command line switched bars on (:func:`configure`): only when
stderr is a terminal and ``--quiet`` was not given, so pipes, files, CI logs and
notebooks stay clean. rich draws the bars (it is already the CLI's table printer).

>>> with task("counting", total=3) as advance:   # off: a no-op
...     for _ in range(3):
...         advance(1)
>>> enabled()
False
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_STATE: dict[str, Any] = {"on": False, "bar": None}


def configure(*, quiet: bool = False, stream: Any = None) -> bool:
    """Bars on when ``stream`` (default stderr) is a terminal and not ``quiet``; returns it."""
    stream = sys.stderr if stream is None else stream
    _STATE["on"] = not quiet and bool(getattr(stream, "isatty", lambda: False)())
    return _STATE["on"]


def enabled() -> bool:
    return _STATE["on"]


def _bar() -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


@contextmanager
def _active() -> Iterator[Any]:
    """The bar display in use; nested work adds its own line to it (rich allows one)."""
    if _STATE.get("bar") is not None:
        yield _STATE["bar"]
        return
    with _bar() as bar:
        _STATE["bar"] = bar
        try:
            yield bar
        finally:
            _STATE["bar"] = None


@contextmanager
def task(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """``advance(n)`` for one piece of work of ``total`` units (a no-op when bars are off)."""
    if not _STATE["on"]:
        yield lambda n: None
        return
    with _active() as bar:
        tid = bar.add_task(description, total=total)
        try:
            yield lambda n: bar.advance(tid, n)
        finally:
            bar.remove_task(tid)


@contextmanager
def stage(description: str) -> Iterator[None]:
    """One piece of work of unknown length: a bar that pulses while it runs (no-op when off).

    For the seconds spent before a counted bar can start (reading the dataset, building
    a network), so the terminal never sits still.
    """
    with task(description, None):
        yield


@contextmanager
def steps() -> Iterator[Callable[[str, int, int], None]]:
    """``show(step, done, total)``: one bar per named step (the loader's batches)."""
    if not _STATE["on"]:
        yield lambda step, done, total: None
        return
    with _active() as bar:
        tasks: dict[str, Any] = {}

        def show(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done)

        yield show
