"""One answer everywhere: the notebook, the network functions and the report agree.

Every entry point shows the latest state unless asked for a date (ended facts left
out), decided once in :func:`ozggraph.network.filters.in_state`.
"""

from __future__ import annotations

import json
import math

import networkx as nx
import pytest
from click.testing import CliRunner

from ozggraph import tables
from ozggraph.analytics import cooperation_network, pagerank
from ozggraph.cli import cli
from ozggraph.network.filters import as_of, in_state

OPTIONS = [[], ["--land", "HE", "--as-of", "2022"]]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) or (math.isnan(a) and math.isnan(b))
    return a == b


@pytest.mark.parametrize("options", OPTIONS, ids=["latest", "HE-2022"])
def test_notebook_bodies_are_the_report_bodies(seed_graph: nx.MultiDiGraph, options: list[str]):
    result = CliRunner().invoke(cli, ["report", "--format", "json", *options])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    kwargs = {
        o.removeprefix("--").replace("-", "_"): v for o, v in zip(*[iter(options)] * 2, strict=True)
    }
    frame = tables.bodies(seed_graph, **kwargs)
    assert sorted(frame.index) == sorted(report["nodes"])
    for body, row in frame.iterrows():
        expected = report["nodes"][body]
        for column, value in row.items():
            value = None if isinstance(value, float) and math.isnan(value) else value
            assert _same(value, expected[column]), (body, column, value, expected[column])


def test_latest_is_the_default_everywhere(seed_graph: nx.MultiDiGraph) -> None:
    latest = as_of(seed_graph, "latest")
    ended = {k for *_, k, end in seed_graph.edges(keys=True, data="valid_to") if end}
    assert ended, "the seed has memberships that ended"
    assert not ended & {k for *_, k in latest.edges(keys=True)}
    assert cooperation_network(seed_graph).number_of_nodes() == len(tables.bodies(seed_graph))
    assert pagerank(cooperation_network(seed_graph)) == pagerank(cooperation_network(latest))
    assert in_state(latest) is latest  # placed in time once, not again
    assert len(tables.bodies(seed_graph, as_of="latest")) == len(tables.bodies(seed_graph))


def test_stats_says_what_has_ended_and_so_why_the_report_counts_less(
    seed_graph: nx.MultiDiGraph,
) -> None:
    from ozggraph.network.stats import graph_stats
    from ozggraph.output.report import build_report

    summary = graph_stats(seed_graph)
    ended = summary["ended"]
    assert ended["types"]["MEMBER_OF"] > 0 and ended["relationships"] >= ended["types"]["MEMBER_OF"]
    overview = build_report(seed_graph).overview
    for label, count in overview["nodes"].items():
        assert count <= summary["labels"][label] - ended["labels"].get(label, 0), label
    members = summary["types"]["MEMBER_OF"] - ended["types"]["MEMBER_OF"]
    assert overview["relationships"]["MEMBER_OF"] == members
    out = CliRunner().invoke(cli, ["stats"]).stdout
    assert f"{ended['relationships']:,} relationships have ended" in out
