"""pandas tables for notebooks: bodies with measures, ties with sources, names on results."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

import ozggraph
from ozggraph import tables
from ozggraph.analytics import betweenness, cooperation_network
from ozggraph.cli import cli
from ozggraph.output import build_report

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def test_bodies_have_names_places_and_measures() -> None:
    frame = tables.bodies(ozggraph.load_graph(MINI))
    assert frame.index.name == "id"
    assert {"name", "label", "land", "level", "pagerank", "betweenness", "community"} <= set(
        frame.columns
    )
    assert frame.loc["ekom21", "label"] == "ITProvider"
    assert frame["pagerank"].is_monotonic_decreasing


def test_ties_carry_sources_and_names() -> None:
    G = ozggraph.load_graph(MINI)
    frame = tables.ties(G)
    assert set(frame["type"]) <= tables.CLAIMS
    grant = frame[frame["type"] == "FUNDS"].iloc[0]
    assert grant["source_name"] and grant["sources"]
    money = tables.funding(G)
    assert money["evidence"].tolist() == ["promised"] and money["amount_eur"].sum() == 100000.0


def test_results_with_names() -> None:
    G = ozggraph.load_graph(MINI)
    ranked = tables.with_names(G, betweenness(cooperation_network(G)), "betweenness")
    assert isinstance(ranked, pd.DataFrame)
    assert ranked.loc["ags-06531005", "name"] == "Gießen"
    assert ranked["betweenness"].iloc[0] == ranked["betweenness"].max()


def test_report_tables_as_csv(tmp_path: Path) -> None:
    report = build_report(ozggraph.load_graph(MINI))
    assert len(tables.report_tables(report)["bodies"]) == len(report.nodes)
    result = CliRunner().invoke(
        cli, ["report", "--dataset", str(MINI), "--format", "csv", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    bodies = pd.read_csv(tmp_path / "bodies.csv", index_col="id")
    assert bodies.loc["ags-06531005", "name"] == "Gießen"
    assert (tmp_path / "stamp.csv").read_text("utf-8").startswith("key,value")


def test_lookup_by_name_and_ties_with_both_ends(seed_graph) -> None:  # type: ignore[no-untyped-def]
    found = tables.find("ekom21", seed_graph)
    assert found.index[0] == "itp-ekom21" and found.iloc[0]["land"] == "HE"
    members = tables.ties(seed_graph, "MEMBER_OF", of="ekom21")  # a name, no id needed
    for end in ("source", "target"):
        assert {f"{end}_name", f"{end}_label", f"{end}_land", f"{end}_level"} <= set(members)
    assert members["role"].notna().all()  # the kind of membership where no role is given
    assert (members.loc[members["target"] == "itp-ekom21", "target_land"] == "HE").all()


def test_the_ekom21_question_in_three_lines(seed_graph) -> None:  # type: ignore[no-untyped-def]
    """Which Hessian Gemeinden are ekom21 members, and what funding did they get?"""
    G = seed_graph
    members = tables.members(G, "ekom21", land="HE", level="gemeinde")
    money = tables.funding(G).set_index("recipient")[["funder_name", "amount_eur", "date"]]
    answer = members[["name", "role"]].join(money, how="left")
    assert set(answer["name"]) >= {"Burgwald", "Hatzfeld (Eder)", "Taunusstein"}
    assert set(answer.index) == set(members.index)  # nobody dropped by the join
    assert (members["land"] == "HE").all() and (members["level"] == "gemeinde").all()
    everyone = tables.members(G, "itp-ekom21")
    assert set(members.index) < set(everyone.index)  # the agencies are members too
