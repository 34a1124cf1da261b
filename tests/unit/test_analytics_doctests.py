"""The examples in the analytics and report docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "ozggraph.analytics", "ozggraph.analytics.brokerage", "ozggraph.analytics.centrality",
    "ozggraph.analytics.communities", "ozggraph.analytics.coverage",
    "ozggraph.analytics.filters", "ozggraph.analytics.funding", "ozggraph.analytics.network",
    "ozggraph.analytics.paths", "ozggraph.analytics.projections", "ozggraph.analytics.summary",
    "ozggraph.analytics.territory", "ozggraph.analytics.weakpoints", "ozggraph.report.build",
    "ozggraph.report.render",
]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
