"""The report: complete JSON with a stamp, the same whatever the node order, every format."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import ozggraph
from ozggraph.cli import cli
from ozggraph.output import build_report, render
from ozggraph.schema.layers import LAYERS, WEIGHTING

MINI = "tests/fixtures/mini"


@pytest.fixture(scope="module")
def mini() -> nx.MultiDiGraph:
    return ozggraph.load_graph(MINI)


def shuffled(graph: nx.MultiDiGraph, seed: int) -> nx.MultiDiGraph:
    """The same graph built in another order, as a read from Neo4j would return it."""
    nodes, edges = list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))
    random.Random(seed).shuffle(nodes)
    random.Random(seed).shuffle(edges)
    other = nx.MultiDiGraph()
    other.add_nodes_from(nodes)
    other.add_edges_from(edges)
    other.graph.update(graph.graph)
    return other


def test_json_is_complete_and_stamped(mini: nx.MultiDiGraph) -> None:
    data = json.loads(render(build_report(mini), "json"))
    assert set(data) >= {
        "stamp",
        "overview",
        "central",
        "brokers",
        "communities",
        "cross_ties",
        "funding",
        "coverage",
        "weak_points",
        "nodes",
    }
    assert data["stamp"] == {
        "ozggraph_version": ozggraph.__version__,
        "dataset_checksum": mini.graph["checksum"],
        "backend": "embedded",
        "as_of": None,
        "land": None,
        "evidence": None,  # all evidence values kept
        "undated": None,  # no as-of date: nothing to count
        "confirmed_since": None,  # no --confirmed-since: every tie counted
        "layers": "cooperation,reuse",  # the default layers: working together
        "weighting": WEIGHTING,
    }
    assert set(data["nodes"]) == {"ags-06531005", "ags-06532023", "ekom21"}  # no money
    assert data["network_model"]["layers"] == ["cooperation", "reuse"]
    assert set(data["layers"]) == set(LAYERS) and data["robustness"]["alternatives"]
    # the explorer holds every layer (switched on in the browser), the report's shown first
    assert {t["layer"] for ts in data["explorer"]["ties"].values() for t in ts} >= {
        "cooperation",
        "reuse",
    }
    assert data["funding"]["by_evidence"]["promised"]["amount_eur"] == 100_000.0


def test_node_order_does_not_change_a_single_figure(mini: nx.MultiDiGraph) -> None:
    expected = render(build_report(mini), "json")
    for seed in range(3):
        assert render(build_report(shuffled(mini, seed)), "json") == expected


def test_every_format_carries_the_stamp(mini: nx.MultiDiGraph) -> None:
    report = build_report(mini, as_of="2022", land="HE")
    for fmt in ("text", "md", "html"):
        out = render(report, fmt)
        assert "sha256:" in out and "as of 2022" in out and "Land HE" in out, fmt
    html = render(report, "html")
    assert html.count('chart" src="data:image/png;base64,') == 2 and "<script src" not in html


def test_as_of_before_the_cooperation_leaves_no_cooperation(mini: nx.MultiDiGraph) -> None:
    early = build_report(mini, as_of="2020")
    assert early.overview["network"]["links"] < build_report(mini).overview["network"]["links"]


def test_cli_report_writes_the_chosen_format(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    result = CliRunner().invoke(
        cli, ["report", "--dataset", MINI, "--format", "md", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# OZG cooperation report")
    text = CliRunner().invoke(cli, ["report", "--dataset", MINI])
    assert "Most central bodies" in text.output and "Gießen" in text.output


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--land", "xx"], "'xx' is no Land code"), (["--as-of", "2021-13"], "2021-13")],
)
def test_cli_bad_options_give_one_clear_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["report", "--dataset", MINI, *args])
    assert result.exit_code != 0 and result.stderr.count("\n") == 1 and message in result.stderr


def test_cli_analyze_lists_the_top_bodies() -> None:
    result = CliRunner().invoke(cli, ["analyze", "--dataset", MINI])
    assert result.exit_code == 0, result.output
    assert "PageRank" in result.output and "Wetzlar" in result.output


def test_a_date_before_any_cooperation_gives_an_empty_but_whole_report() -> None:
    empty = nx.MultiDiGraph()
    empty.graph["checksum"] = "sha256:empty"
    report = build_report(empty)
    assert report.overview["network"]["bodies"] == 0
    for fmt in ("text", "md", "json", "html"):
        assert "sha256:empty" in render(report, fmt)
