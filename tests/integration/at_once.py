"""Run one piece of work in several threads at once (two analysts loading together).

>>> results, errors = at_once(lambda: 1 + 1, times=3)
>>> results, errors
([2, 2, 2], [])
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def at_once(work: Callable[[], T], times: int = 2) -> tuple[list[T], list[BaseException]]:
    """Start ``work`` in ``times`` threads, wait for all; what they returned and raised."""
    results: list[T] = []
    errors: list[BaseException] = []

    def one() -> None:
        try:
            results.append(work())
        except BaseException as exc:  # reported to the caller, which asserts on it
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
