"""Fixtures every doctest of the package gets, wherever pytest is started from.

``MINI`` is the small fixture dataset (tests/fixtures/mini) the docstring examples
load: ``ozggraph.load_graph(MINI)``. The locale is English (``LC_ALL=C.UTF-8``) so
reports render in English unless a test asks for German.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

MINI = str(Path(__file__).resolve().parent / "tests" / "fixtures" / "mini")

# Reports follow the locale (German where it is German); tests and doctests expect the
# English texts unless they ask for a language, whatever the machine's locale.
os.environ["LC_ALL"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["MINI"] = MINI
