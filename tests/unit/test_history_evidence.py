"""History and evidence of the national layers, asserted on the shipped dataset.

Each test is one correction: ties whose row says they ended, were a draft or a decision
to join are not current; statutes count as ties (derived, citing the law); counts that
cannot be expanded stay counts beside the ties; only a published joint decision is a
funding round; lower bounds count as "at least"; ``show`` says what each tie is.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from test_national_layers import edges, into, one  # the dataset's edges by type and ends

import ozggraph
from ozggraph.analytics import funding
from ozggraph.analytics.coverage import coverage, reported_count
from ozggraph.cli import cli
from ozggraph.importers.gv100ad import parse
from ozggraph.importers.programmes import joint_decision
from ozggraph.network.filters import as_of, confirmed, confirmed_since, tie_ages
from ozggraph.network.lookup import show
from ozggraph.network.projections import cooperation_network
from ozggraph.network.ties import TieIndex

REPO = Path(__file__).parents[2]
RAW = REPO / "raw"
GV100AD = RAW / "destatis-gv100ad" / "GV100AD_30112025.txt"
PROGRAMMES = RAW / "funding-programmes" / "funding_digital_programmes.csv"
KIVBF_MEMBERS = {
    "ags-08311000",  # Freiburg im Breisgau
    "ags-08315",
    "ags-08316",
    "ags-08317",  # Ortenaukreis
    "ags-08335",
    "ags-08336",
    "ags-08337",
}
KDO_CUSTOMERS_2001 = {"ags-03251", "ags-03252", "ags-03256", "ags-03257"}
RADEBERG, SCHOENFELD = "ags-14625480", "ags-14627250"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return ozggraph.load_graph()


@pytest.fixture(scope="module")
def current(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The latest state: what the analytics count."""
    return as_of(graph, None)


# --- a merger ends its members' ties and links the successor --------------------------------


def test_kivbf_members_end_with_its_merger_into_4it_and_komm_one(
    graph: nx.MultiDiGraph, current: nx.MultiDiGraph
) -> None:
    members = dict(into(graph, "itp-kivbf", "MEMBER_OF"))
    assert set(members) == KIVBF_MEMBERS
    assert {a["valid_to"] for a in members.values()} == {"2018"}  # "merged into ... 2018"
    for successor in ("itp-4it", "itp-komm-one"):
        link = one(graph, "SUCCEEDED_BY", "itp-kivbf", successor)
        assert (link["relation"], link["date"], link["evidence"]) == ("merged into", "2018", "fact")
    assert graph.nodes["itp-kivbf"]["valid_to"] == "2018"
    assert not any(current.has_edge(m, "itp-kivbf") for m in KIVBF_MEMBERS)
    assert all(graph.has_edge(m, "itp-kivbf") for m in KIVBF_MEMBERS)  # history is kept


def test_owl_it_2017_was_a_draft_and_ended_in_krz_in_2024(
    graph: nx.MultiDiGraph, current: nx.MultiDiGraph
) -> None:
    founders = dict(into(graph, "itp-zv-owl-it-2017", "MEMBER_OF"))
    assert set(founders) == {"itp-gkd-paderborn", "itp-owl-it"}
    for tie in founders.values():  # cited from a Satzungsentwurf: proposed, not stated fact
        assert (tie["relation"], tie["evidence"]) == ("founding member", "planned")
        assert tie["valid_to"] == "2023-12-31"
    link = one(graph, "SUCCEEDED_BY", "itp-zv-owl-it-2017", "itp-owl-it")
    assert link["date"] == "2024-01-01"
    assert not into(current, "itp-zv-owl-it-2017", "MEMBER_OF")


def test_ties_of_the_superseded_itvsh_company_end_in_2018(graph: nx.MultiDiGraph) -> None:
    old = into(graph, "itp-itvsh-gku", "MEMBER_OF")
    assert len(old) == 73  # 74 Träger in the Satzung of 2017, Amt Moorrege has no key
    assert {a["valid_to"] for _, a in old} == {"2018-12-31"}
    dataport = one(graph, "MEMBER_OF", "itp-itvsh-gku", "itp-dataport")
    assert dataport["valid_to"] == "2018-12-31"


# --- historical, draft, decision to join, former ---------------------------------------------


def test_kdo_customers_of_2001_are_historical_not_current(graph: nx.MultiDiGraph) -> None:
    ties = TieIndex(graph)
    for kreis in KDO_CUSTOMERS_2001:
        (tie,) = [
            a for a in edges(graph, "SERVED_BY", kreis, "itp-kdo") if a["relation"] != "hosting"
        ]
        assert (tie["relation"], tie["date"]) == ("historical customer", "2001")
        assert (kreis, "itp-kdo", "historical customer") in ties.not_current
        assert not any(s[0] == kreis and s[3] == "historical customer" for s in ties.services)


def test_a_decision_to_join_is_a_planned_accession(graph: nx.MultiDiGraph) -> None:
    radeberg = one(graph, "MEMBER_OF", RADEBERG, "itp-kisa")
    assert (radeberg["relation"], radeberg["evidence"], radeberg["date"]) == (
        "accession planned",
        "planned",
        "2010",
    )
    assert not cooperation_network(graph).has_edge(RADEBERG, "itp-kisa")


def test_former_and_planned_ties_are_labelled_in_show(graph: nx.MultiDiGraph) -> None:
    (group,) = [g for g in show(graph, SCHOENFELD).groups if g.kind == "MEMBER_OF →"]
    (tie,) = group.ties
    assert (tie.other, tie.status, tie.details["relation"]) == (
        "itp-kisa",
        "former",
        "former member",
    )
    radeberg = next(
        t for g in show(graph, RADEBERG).groups for t in g.ties if t.other == "itp-kisa"
    )
    assert radeberg.status == "planned"
    freiburg = next(
        t for g in show(graph, "ags-08311000").groups for t in g.ties if t.other == "itp-kivbf"
    )
    assert freiburg.status == "ended 2018" and freiburg.details["valid_to"] == "2018"


def test_show_prints_relation_share_application_dates_and_evidence(graph: nx.MultiDiGraph) -> None:
    result = CliRunner().invoke(cli, ["show", "ags-09565000"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    for text in ("relation=Träger", "share_percent=20", "valid_from=2010-01-01", "fact", "current"):
        assert text in result.output
    hosted = CliRunner().invoke(cli, ["show", "ags-03251"], env={"COLUMNS": "250"})
    assert "application=votemanager" in hosted.output and "historical" in hosted.output


def test_rhein_neckar_procedures_are_planned_not_developed(graph: nx.MultiDiGraph) -> None:
    develops = one(graph, "DEVELOPS", "coop-rhein-neckar-ozg", "sol-rhein-neckar-ozg-verfahren")
    assert develops["evidence"] == "planned"  # "werden ... Verfahren entwickelt, die ... sollen"


# --- dates kept -------------------------------------------------------------------------------


def test_dates_in_wording_and_decision_columns_are_kept(graph: nx.MultiDiGraph) -> None:
    assert one(graph, "MEMBER_OF", "itp-kisa", "itp-lecos")["valid_from"] == "2010"
    assert one(graph, "MEMBER_OF", "ags-03", "itp-dataport")["valid_from"] == "2010-01-01"
    assert one(graph, "MEMBER_OF", "ags-15", "itp-dataport")["valid_from"] == "2013-01-01"
    mettmann = one(graph, "MEMBER_OF", "ags-05158", "itp-krzn")  # "member (joined)"
    assert mettmann["valid_from"] == "2019-01-01"
    with PROGRAMMES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    projects: defaultdict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        projects[(row["programme"], row["round"], row["project"])].append(row)
    joint = [
        r
        for group in projects.values()
        if len(group) > 1 and any(not r["recipient_role"].startswith("sole") for r in group)
        for r in group
    ]
    assert len(joint) == 56
    dated = sum(1 for r in joint if r["decision_date"] not in ("", "n.d."))
    project_members = [
        a
        for _, v, a in graph.edges(data=True)
        if a["type"] == "MEMBER_OF" and graph.nodes[v].get("kind", "").startswith("joint project")
    ]
    assert len(project_members) == 56
    assert sum(1 for a in project_members if a.get("date")) == dated == 50


def test_ties_the_rows_cannot_end_carry_last_confirmed(graph: nx.MultiDiGraph) -> None:
    komm_one = one(graph, "MEMBER_OF", "itp-4it", "itp-komm-one")
    assert komm_one["last_confirmed"] == "2018-03-06"
    hosting = [a for _, a in into(graph, "itp-kdo", "SERVED_BY") if a["relation"] == "hosting"]
    assert all(a["last_confirmed"] == a["date"] for a in hosting)
    assert confirmed({"date": "2012", "last_confirmed": "2024-01"}) == "2024-01"


def test_confirmed_since_leaves_out_older_ties(graph: nx.MultiDiGraph) -> None:
    recent = confirmed_since(graph, 2020)
    assert not recent.has_edge("ags-03252", "itp-kdo") or all(
        a["relation"] == "hosting" for a in recent.get_edge_data("ags-03252", "itp-kdo").values()
    )
    assert recent.graph["confirmed_since"]["left_out"] > 0
    assert recent.has_edge("ags-01001000", "itp-itvsh") is False  # the law of 2018
    ages = tie_ages(graph, 2026)
    assert 0 < ages["old"] < ages["counted"]


def test_report_says_what_it_left_out_and_how_old_its_ties_are() -> None:
    result = CliRunner().invoke(
        cli, ["report", "--land", "HB", "--confirmed-since", "2020", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["stamp"]["confirmed_since"]["year"] == 2020
    assert report["stamp"]["confirmed_since"]["left_out"] > 0
    assert {"old", "counted", "undated"} <= set(report["overview"]["tie_ages"])


# --- statutes count, counts stay counts -------------------------------------------------------


def test_every_sh_gemeinde_amt_and_kreis_is_a_traeger_of_the_itvsh(graph: nx.MultiDiGraph) -> None:
    records = [r for r in parse(GV100AD) if r.key.startswith("01")]
    gemeinden = {f"ags-{r.key}" for r in records if r.type == "60" and r.text_key != "66"}
    aemter = {f"ars-{r.ars}" for r in records if r.type == "50" and r.text_key in ("51", "55")}
    kreise = {f"ags-{r.key}" for r in records if r.type == "40" and r.text_key == "43"}
    expected = gemeinden | aemter | kreise
    assert len(expected) == 1104 + 83 + 11
    traeger = dict(into(graph, "itp-itvsh", "MEMBER_OF"))
    assert set(traeger) == expected  # no invented key, none left out
    assert {(a["relation"], a["evidence"], a["valid_from"]) for a in traeger.values()} == {
        ("Träger", "derived", "2019-01-01")
    }
    (law,) = {s for a in traeger.values() for s in a["sources"]}
    assert "ITVG SH, § 1 Abs. 4" in graph.nodes[law]["name"]
    sh = coverage(graph)["lands"]["SH"]
    assert sh["direct"] == sh["municipalities"] == 1104


def test_counts_that_cannot_be_expanded_are_reported_beside_the_ties(
    graph: nx.MultiDiGraph, current: nx.MultiDiGraph
) -> None:
    assert into(graph, "itp-4it", "MEMBER_OF") == []  # never as ties
    bw = coverage(current)["lands"]["BW"]  # KIVBF (merged 2018) reports nothing current
    assert bw["reported"] == [
        {
            "provider": "itp-4it",
            "count": 1078,
            "kind": "approximate",
            "wording": "98 % of the c. 1,100 BW Kommunen",
        }
    ]
    assert bw["direct"] < 100  # the recorded ties alone
    assert reported_count("47 Verbandsmitglieder (aggregate): member (undated, s)")["count"] == 47


# --- grants -----------------------------------------------------------------------------------


def test_only_a_published_joint_decision_is_a_round(graph: nx.MultiDiGraph) -> None:
    assert "prog-by-foerdr-individual-bescheid" not in graph
    assert not joint_decision("individual Bescheid", 5)
    own = [
        a
        for _, _, a in graph.out_edges("min-by-stmd", data=True)
        if a["type"] == "FUNDS" and a.get("programme") == "prog-by-foerdr"
    ]
    assert len(own) == 5  # five separate grants, 2021-2023, each its own decision
    rounds = [n for n, a in graph.nodes(data=True) if a.get("kind") == "funding round"]
    for node in rounds:
        taking_part = into(graph, node, "PARTICIPATES_IN")
        assert len(taking_part) > 1, node


def test_lower_bounds_count_as_at_least(graph: nx.MultiDiGraph) -> None:
    money = funding.summary(graph)
    assert money["by_evidence"]["fact"]["at_least"] == 3  # with Digitalakademie@bw
    academy = "coop-digitalakademie-bw-kompetenznetzwerk-land-kommunen"  # joint-projects
    assert money["at_least_by_recipient"][academy] == ["fact"]
    mayen_koblenz = "ags-07137"
    assert money["by_recipient"][mayen_koblenz]["fact"] >= 11_000_000
    assert money["at_least_by_recipient"][mayen_koblenz] == ["fact"]
    flensburg = [k for k in money["at_least_by_recipient"] if k not in (mayen_koblenz, academy)]
    assert len(flensburg) == 1 and money["by_recipient"][flensburg[0]]["fact"] >= 11_000_000
