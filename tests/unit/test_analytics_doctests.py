"""The examples in the analytics and report docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "ozggraph.analytics", "ozggraph.analytics.brokerage", "ozggraph.analytics.centrality",
    "ozggraph.analytics.communities", "ozggraph.analytics.coverage",
    "ozggraph.network.filters", "ozggraph.analytics.funding", "ozggraph.network.sparse",
    "ozggraph.analytics.paths", "ozggraph.network.projections", "ozggraph.analytics.summary",
    "ozggraph.network.territory", "ozggraph.analytics.weakpoints", "ozggraph.output.report",
    "ozggraph.output.render",
]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
