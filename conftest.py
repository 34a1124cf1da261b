"""Fixtures every doctest of the package gets, wherever pytest is started from.

``MINI`` is the small fixture dataset (tests/fixtures/mini) the docstring examples
load: ``ozggraph.load_graph(MINI)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

MINI = str(Path(__file__).resolve().parent / "tests" / "fixtures" / "mini")


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["MINI"] = MINI
