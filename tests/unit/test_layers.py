"""The layered network model: layers declared in the schema, weights, rankings per layer,
robustness, and what the shipped report's rankings rest on."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from analytics_world import world
from click.testing import CliRunner

from ozggraph.analytics.centrality import pagerank
from ozggraph.analytics.layers import contexts_that_bridge, layer_rankings, robustness
from ozggraph.cli import cli
from ozggraph.network.projections import cooperation_projection, link_layers
from ozggraph.network.ties import TieIndex
from ozggraph.output.report import build_report
from ozggraph.schema import EDGE_TYPES
from ozggraph.schema.layers import DEFAULT_LAYERS, LAYERS, parse_layers

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
GIESSEN, WETZLAR, MARBURG = "ags-06531005", "ags-06532023", "ags-06534014"
KDO = "itp-kdo"


def test_the_schema_declares_one_layer_vocabulary_next_to_each_role() -> None:
    assert tuple(LAYERS) == ("cooperation", "reuse", "money", "service", "programme")
    assert DEFAULT_LAYERS == ("cooperation", "reuse")
    for name, model in EDGE_TYPES.items():
        assert bool(model.layers) == (model.tie is not None), name
        assert {rule.layer for rule in model.layers.values()} <= set(LAYERS)
    assert EDGE_TYPES["MEMBER_OF"].layers["Cooperation"].shape == "clique"
    assert EDGE_TYPES["MEMBER_OF"].layers["ITProvider"].shape == "star"
    assert EDGE_TYPES["PARTICIPATES_IN"].layers["Programme"].layer == "programme"
    assert EDGE_TYPES["SERVED_BY"].layers["*"].layer == "service"
    assert [layer for layer, spec in LAYERS.items() if spec.directed] == [
        "reuse",
        "money",
        "service",
    ]


def test_layers_are_checked_before_any_work() -> None:
    assert parse_layers(None) == parse_layers("") == DEFAULT_LAYERS
    assert parse_layers("programme,cooperation") == ("cooperation", "programme")
    result = CliRunner().invoke(cli, ["report", "--dataset", str(MINI), "--layers", "hosting"])
    assert result.exit_code == 2
    assert "unknown layer 'hosting'" in result.output and "Traceback" not in result.output


def test_a_hand_built_network_by_layer_with_worked_weights() -> None:
    graph = world(
        ("MEMBER_OF", GIESSEN, "coop-a"),  # joint body of 3: 1/2 per pair
        ("MEMBER_OF", WETZLAR, "coop-a"),
        ("MEMBER_OF", MARBURG, "coop-a"),
        ("MEMBER_OF", GIESSEN, "itp-ekom21", {"relation": "Träger"}),  # 2 Träger: 1/2 each
        ("MEMBER_OF", WETZLAR, "itp-ekom21", {"relation": "Träger"}),
        ("MEMBER_OF", MARBURG, "itp-ekom21", {"relation": "former member"}),  # no tie
        ("OPERATES", "itp-ekom21", "sol-x"),
        ("REUSES", MARBURG, "sol-x", {"stage": "live"}),  # maker → user, 1/(2-1)
        ("FUNDS", "min-he-digital", GIESSEN, {"evidence": "fact"}),
    )
    ties = TieIndex(graph)
    net = cooperation_projection(graph, ties=ties)
    w = {
        (net.ids[i], net.ids[j]): net.weights[i, j]
        for i, j in zip(*net.weights.nonzero(), strict=True)
    }
    assert w[(GIESSEN, WETZLAR)] == 0.5
    assert w[(GIESSEN, "itp-ekom21")] == 0.5
    assert w[("itp-ekom21", MARBURG)] == 1.0  # reuse, not the ended membership
    assert "min-he-digital" not in net.ids  # money is not in the default layers
    layers = link_layers(net, ties)
    assert layers[f"{GIESSEN}|itp-ekom21"] == ["cooperation"]
    assert layers[f"{MARBURG}|itp-ekom21"] == ["reuse"]
    assert ties.layers_between(GIESSEN, "min-he-digital") == ["money"]
    counted = cooperation_projection(graph, ties=ties, weighting="count")
    assert counted.weights[counted.index[GIESSEN], counted.index[WETZLAR]] == 1.0  # coop-a
    assert counted.weights[counted.index[GIESSEN], counted.index["itp-ekom21"]] == 1.0


def hosting_world(clients: int) -> nx.MultiDiGraph:
    """A provider hosting one application for many; a few bodies that work together."""
    towns = [f"ags-0653{i:01d}{j:03d}" for i in range(1, 4) for j in range(1, 1 + clients // 3)]
    edges = [
        ("SERVED_BY", town, KDO, {"relation": "hosting", "application": "votes"}) for town in towns
    ]
    edges += [
        ("MEMBER_OF", GIESSEN, "coop-a"),
        ("MEMBER_OF", WETZLAR, "coop-a"),
        ("MEMBER_OF", GIESSEN, "coop-b"),
        ("MEMBER_OF", MARBURG, "coop-b"),
        ("SERVED_BY", GIESSEN, KDO, {"relation": "hosting", "application": "votes"}),
    ]
    return world(*edges, itp_kdo={"label": "ITProvider"})


def test_the_hosting_hub_leads_the_service_layer_only() -> None:
    graph = hosting_world(30)
    ties = TieIndex(graph)
    ranking = layer_rankings(ties, top=3)
    assert ranking["service"]["leading"][0]["id"] == KDO
    assert ranking["cooperation"]["leading"][0]["id"] == GIESSEN
    assert KDO not in pagerank(cooperation_projection(graph, ties=ties))


def test_robustness_reports_overlap_and_kendall_tau() -> None:
    graph = hosting_world(6)
    ties = TieIndex(graph)
    net = cooperation_projection(graph, ties=ties)
    result = robustness(graph, ties, pagerank(net), layers=DEFAULT_LAYERS, top=2)
    names = [r["alternative"] for r in result["alternatives"]]
    assert names == ["ties counted 1 (no size weighting)", "cooperation ×2", "reuse ×2",
                     "money added at ½"]  # fmt: skip
    for row in result["alternatives"]:
        assert row["top_overlap"] == 1.0  # Gießen leads and one of its partners follows
        assert row["kendall_tau"] == pytest.approx(1.0) or row["kendall_tau"] != row["kendall_tau"]


def test_two_mode_betweenness_names_the_context_that_joins() -> None:
    graph = hosting_world(3)
    found = contexts_that_bridge(TieIndex(graph), layers=["cooperation"])
    assert [r["context"] for r in found["leading"]] == ["coop-a", "coop-b"]  # Gießen's two


@pytest.fixture(scope="module")
def shipped_reports(seed_graph: nx.MultiDiGraph) -> dict[str, object]:
    return {land: build_report(seed_graph, land=land or None) for land in ("", "HE", "BY", "NI")}


def without(graph: nx.MultiDiGraph, types: set[str]) -> nx.MultiDiGraph:
    hidden = [(u, v, k) for u, v, k, t in graph.edges(keys=True, data="type") if t in types]
    return nx.restricted_view(graph, [], hidden)


def test_default_rankings_are_not_driven_by_hosting_or_funding_rounds(
    seed_graph: nx.MultiDiGraph, shipped_reports: dict[str, object]
) -> None:
    """The rule: the top 10 by PageRank and by betweenness are the same when every
    service tie (hosting), every grant and every programme participation is taken
    out of the data, and no link of the default network is made of them."""
    report = shipped_reports[""]
    stripped = build_report(without(seed_graph, {"SERVED_BY", "FUNDS", "PARTICIPATES_IN"}))
    for table in ("central", "brokers"):
        ids = [r["id"] for r in getattr(report, table)]
        assert ids == [r["id"] for r in getattr(stripped, table)], table
    assert report.central[0]["id"] != "itp-kdo"  # the hosting hub leads only the service layer
    layers = {x for found in report.explorer["layers"].values() for x in found}
    assert layers <= set(DEFAULT_LAYERS)


def test_the_hosting_hub_is_first_when_the_service_layer_is_asked_for(
    seed_graph: nx.MultiDiGraph, shipped_reports: dict[str, object]
) -> None:
    hub = build_report(seed_graph, layers="service").central[0]
    assert "Oldenburg" in hub["name"] and hub["label"] == "ITProvider"
    assert shipped_reports[""].layers["service"]["leading"][0]["id"] == hub["id"]


@pytest.mark.parametrize("land", ["HE", "BY", "NI"])
def test_land_rankings_rest_on_cooperation_ties(
    land: str, shipped_reports: dict[str, object]
) -> None:
    report = shipped_reports[land]
    assert report.stamp["layers"] == "cooperation,reuse"
    for row in report.central:
        partners = [k for k in report.explorer["layers"] if row["id"] in k.split("|")]
        assert partners, row["name"]
        assert all(set(report.explorer["layers"][k]) <= {"cooperation", "reuse"} for k in partners)


def test_kendall_tau_is_scipys_tau_b() -> None:
    import numpy as np
    from scipy.stats import kendalltau

    from ozggraph.analytics.layers import kendall_tau

    rng = np.random.default_rng(7)
    for n in (2, 5, 40, 999):
        x = rng.integers(0, max(2, n // 4), n).astype(float)  # many ties
        for y in (x + rng.integers(0, 3, n), rng.random(n), -x):
            expected = kendalltau(x, y).statistic  # nan where one side is all ties
            assert kendall_tau(x, y) == pytest.approx(expected, abs=1e-12, nan_ok=True)


def test_the_stamp_and_the_json_name_the_layers_and_the_weighting() -> None:
    import json

    result = CliRunner().invoke(
        cli, ["report", "--dataset", str(MINI), "--layers", "money,cooperation", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["stamp"]["layers"] == "cooperation,money"
    assert data["stamp"]["weighting"].startswith("1/(n-1)")
    assert data["network_model"]["layers"] == ["cooperation", "money"]
    assert "he-hmdis" in data["nodes"]  # the funder, through the money layer
    text = CliRunner().invoke(cli, ["report", "--dataset", str(MINI), "--layers", "money"]).output
    assert "layers money" in text and "Leading bodies per layer" in text


def test_a_joint_body_is_not_central_by_its_member_count_alone(
    shipped_reports: dict[str, object],
) -> None:
    """The ITVSH has 1,198 Träger by statute (every SH Gemeinde, Amt and Kreis), most
    with no other tie: counted in full they would send it every walk and every path
    of Schleswig-Holstein (betweenness 0.68, PageRank 0.37). Read as shares of one
    context it is no leader: it brokers only between members with ties of their own."""
    report = shipped_reports[""]
    node = report.nodes["itp-itvsh"]
    assert node["degree"] >= 1198
    by_rank = sorted(report.nodes, key=lambda b: -report.nodes[b]["pagerank"])
    assert "itp-itvsh" not in by_rank[:10]
    by_paths = sorted(report.nodes, key=lambda b: -report.nodes[b]["betweenness"])
    assert by_paths[0] != "itp-itvsh" and node["betweenness"] < 0.1


def test_two_mode_betweenness_equals_networkx_bipartite() -> None:
    from networkx.algorithms import bipartite

    from ozggraph.analytics.layers import _two_mode_betweenness

    graph = nx.bipartite.random_graph(40, 25, 0.1, seed=3)
    contexts = {n for n, side in graph.nodes(data="bipartite") if side == 1}
    reference = bipartite.betweenness_centrality(graph, contexts)
    mine = _two_mode_betweenness(graph, contexts)
    assert mine is not None and mine.keys() == contexts
    assert all(mine[c] == pytest.approx(reference[c], abs=1e-12) for c in contexts)
