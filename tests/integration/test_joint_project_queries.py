"""The joint-project queries of cypher/ against the real Neo4j with the shipped dataset.

Answers are asserted on rows the shipped ``seed/joint-projects`` and ``seed/efa`` hold
(see tests/unit/test_joint_projects.py for the same facts in the embedded graph).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import neo4j
import pytest

from ozggraph.queries import QueryResult, run_query

pytestmark = pytest.mark.integration

GOCHSHEIM = "ags-09678135"
MAINBOGEN = "coop-ikz-datenschutz-und-informationssicherheit-allianz-schweinfurter"
Run = Callable[..., QueryResult]


@pytest.fixture
def run(loaded_neo4j: neo4j.Driver, neo4j_settings) -> Run:
    def run(name: str, /, **params: Any) -> QueryResult:
        return run_query(loaded_neo4j, name, params, neo4j_settings.database)

    return run


def test_joint_projects_of_a_bavarian_municipality(run: Run) -> None:
    rows = run("joint_projects_of_body", body=GOCHSHEIM).rows
    [mainbogen] = [r for r in rows if r["cooperation"] == MAINBOGEN]
    assert mainbogen["kind"] == "IKZ grant"
    assert (mainbogen["role"], mainbogen["valid_from"], mainbogen["evidence"]) == (
        "lead",
        "2016-12-23",
        "fact",
    )
    assert mainbogen["partners"] == 5
    assert mainbogen["funders"] == ["Bayern"]
    assert mainbogen["amount_eur"] == 90000.0  # once, not six times


def test_joint_projects_keep_collective_groups_and_evidence(run: Run) -> None:
    rows = run("joint_projects_of_body", body="ags-09187").rows  # Landkreis Rosenheim
    [isb] = [r for r in rows if r["name"].startswith("Landkreis Rosenheim")]
    assert isb["partners"] == 0 and isb["evidence"] == "planned"
    assert isb["reported_members"] == ["21 Kommunen im Landkreis Rosenheim (collectively): partner"]
    assert run("joint_projects_of_body", body="ags-09187", evidence=["fact"]).rows == [
        r for r in rows if r["evidence"] == "fact"
    ]


def test_partners_of_a_body_by_layer(run: Run) -> None:
    rows = run("partners_by_layer", body="ags-06").rows  # Hessen
    layers = {r["layer"] for r in rows}
    assert {"cooperation", "reuse", "money"} <= layers
    cooperation = {r["partner"]: r for r in rows if r["layer"] == "cooperation"}
    assert "ags-04" in cooperation  # Bremen: Ehe Online, Themenfeld Familie & Kind
    assert cooperation["ags-04"]["contexts"] >= 2
    reuse = {r["partner"] for r in rows if r["layer"] == "reuse"}
    assert "ags-05" in reuse  # Hessen adopts IfSG-Online of Nordrhein-Westfalen
    money = {r["partner"] for r in rows if r["layer"] == "money"}
    assert "coop-ikz-verwaltungsdigitalisierung-rheingau-kooperationsverbund-ozg" in money
    only = run("partners_by_layer", body="ags-06", layers=["reuse"]).rows
    assert {r["layer"] for r in only} == {"reuse"}


def test_laender_agreements(run: Run) -> None:
    rows = run("laender_agreements").rows
    by_name = {r["name"]: r for r in rows}
    [ehe] = [r for n, r in by_name.items() if n.startswith("Verwaltungsvereinbarung Hessen–Bremen")]
    assert ehe["laender"] == ["Bremen", "Hessen"] and ehe["bund"] == []
    assert ehe["other_members"] == 2  # the pilot towns
    [dialog] = [r for n, r in by_name.items() if n.startswith("Digitaldialog Bayern")]
    assert dialog["laender"] == ["Bayern", "Nordrhein-Westfalen"]
    assert dialog["evidence"] == ["announced"]
    [familie] = [r for n, r in by_name.items() if n.startswith("OZG-Themenfeld Familie")]
    assert familie["kind"] == "Themenfeld lead pair (OZG 1.0)"
    assert "Bundesministerium für Familie, Senioren, Frauen und Jugend" in familie["bund"]
    hessen = run("laender_agreements", lands=["ags-06"]).rows
    assert all("Hessen" in r["laender"] for r in hessen)
    assert ehe in hessen and dialog not in hessen
