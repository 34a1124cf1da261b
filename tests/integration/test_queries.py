"""Every library query against the real Neo4j with the shipped dataset, answers asserted.

Also: ad-hoc writes are refused and change nothing; parameter values never reach the
query text. Everything here only reads, or undoes what it wrote (rolled-back
transactions, or a probe label outside ozggraph's data), so the dataset is loaded once.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner

from ozggraph.cli import cli
from ozggraph.errors import QueryError
from ozggraph.neo4j.queries import QueryResult, bind, get_query, list_queries, run_cypher, run_query

pytestmark = pytest.mark.integration

IKZ = "coop-ikz-ozg-giessen-wetzlar-fulda-marburg-limburg"
RHEIN_NECKAR = "coop-rhein-neckar-ozg"
BENSHEIM, VIERNHEIM, LINDENFELS, WETZLAR = (
    "ags-06431002",
    "ags-06431020",
    "ags-06431015",
    "ags-06532023",
)
Run = Callable[..., QueryResult]
#: The command line as a user runs it (a separate process: exit status and stderr as seen).
OZGGRAPH = (sys.executable, "-c", "from ozggraph.cli import main; main()")


@pytest.fixture
def run(loaded_neo4j: neo4j.Driver, neo4j_settings) -> Run:
    """``run(name, **params)``: a library query on the loaded dataset."""

    def run(name: str, /, **params: Any) -> QueryResult:  # find_body takes a "name" too
        return run_query(loaded_neo4j, name, params, neo4j_settings.database)

    return run


@pytest.fixture
def run_after(loaded_neo4j: neo4j.Driver, neo4j_settings) -> Callable[..., list[dict[str, Any]]]:
    """``run_after(setup, name, **params)``: the query's rows after ``setup``, all rolled back."""

    def run_after(setup: str, name: str, /, **params: Any) -> list[dict[str, Any]]:
        query = get_query(name)
        with loaded_neo4j.session(database=neo4j_settings.database) as session:
            tx = session.begin_transaction()
            try:
                tx.run(setup).consume()
                return [record.data() for record in tx.run(query.text, bind(query, params))]
            finally:
                tx.rollback()

    return run_after


def column(rows: QueryResult | list[dict[str, Any]], name: str) -> list[Any]:
    """One column of a result (or of its rows) as a list."""
    return [row[name] for row in (rows.rows if isinstance(rows, QueryResult) else rows)]


# --- the whole library -------------------------------------------------------------------


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_query_runs_as_its_header_shows_and_is_stamped(run: Run, seed_graph, name) -> None:
    query = get_query(name)
    result = run(name, **query.examples)
    assert result.columns == [c for c, _ in query.columns]
    assert result.stamp.dataset_checksum == seed_graph.graph["checksum"]
    assert result.stamp.query_sha256 == query.sha256
    assert result.stamp.server_version.startswith("5.")
    assert result.stamp.mode == "read"
    json.dumps(result.rows)  # plain data, DataFrame-friendly


#: A label or relationship type with at least this many entries in the shipped data is big.
BIG = 1000


def _operators(plan: dict[str, Any]) -> list[tuple[str, str]]:
    found = [(plan["operatorType"].split("@")[0], plan.get("args", {}).get("Details", ""))]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


@pytest.fixture
def big_kinds(loaded_neo4j, neo4j_settings) -> set[str]:
    """Labels and relationship types with at least BIG entries in the loaded shipped data."""
    records, _, _ = loaded_neo4j.execute_query(
        "CALL db.labels() YIELD label CALL (label) { MATCH (n:$(label)) RETURN count(n) AS n } "
        "WITH label AS kind, n WHERE n >= $big RETURN kind "
        "UNION "
        "CALL db.relationshipTypes() YIELD relationshipType AS type "
        "CALL (type) { MATCH ()-[r:$(type)]->() RETURN count(r) AS n } "
        "WITH type AS kind, n WHERE n >= $big RETURN kind",
        big=BIG,
        database_=neo4j_settings.database,
    )
    return {record["kind"] for record in records}


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_query_starts_from_an_index(loaded_neo4j, neo4j_settings, big_kinds, name) -> None:
    query = get_query(name)
    db = neo4j_settings.database
    with loaded_neo4j.session(database=db, default_access_mode=neo4j.READ_ACCESS) as session:
        plan = session.run("EXPLAIN " + query.text, bind(query, query.examples)).consume().plan
    assert {"OzgGraph", "Municipality", "PART_OF"} <= big_kinds
    for operator, details in _operators(plan):
        assert operator != "AllNodesScan", f"{name} scans every node"
        if "LabelScan" in operator or "LabelsScan" in operator:
            scanned = set(re.split(r"[|&]", details.split(":", 1)[1]))
        elif "RelationshipTypeScan" in operator:
            scanned = set(re.findall(r":(\w+)\]", details))
        else:
            continue
        assert not scanned & big_kinds, f"{name}: {operator} over {scanned & big_kinds}"


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_query_returns_rows_with_its_defaults(run: Run, run_after, name) -> None:
    query = get_query(name)
    if name in ("brokers", "central_bodies"):  # they read what 'analyze --write' stores
        assert run_after(ANALYTICS, name, **query.examples)
    else:
        assert run(name, **query.examples).rows


def test_every_query_has_its_answer_tested_here() -> None:
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert {q.name for q in list_queries()} <= tested


# --- one test per query: the answer ------------------------------------------------------


def test_find_body(run: Run) -> None:
    first = run("find_body", name="bensheim").rows[0]
    assert (first["id"], first["label"], first["land"]) == (BENSHEIM, "Municipality", "Hessen")
    by_alias = run("find_body", name='"IKZ-Viernheim"').rows
    assert [row["id"] for row in by_alias] == [RHEIN_NECKAR]
    assert len(run("find_body", name="Bens*", limit=3).rows) == 3
    assert column(run("find_body", name=IKZ), "id") == [IKZ]  # an exact id


def test_cooperation_members(run: Run) -> None:
    rows = run("cooperation_members", cooperation=IKZ).rows
    members = {row["name"]: row for row in rows if row["relation"] == "member"}
    assert set(members) == {"Gießen", "Wetzlar", "Fulda", "Marburg", "Limburg a. d. Lahn"}
    assert members["Gießen"]["role"] == "initiator"
    assert {row["land"] for row in members.values()} == {"Hessen"}
    partners = {(r["relation"], r["direction"], r["id"]) for r in rows if r["relation"] != "member"}
    assert ("FUNDS", "in", "ags-06") in partners
    assert ("REUSES", "out", "sol-ekom21-digitalisierungsplattform") in partners
    assert [row["relation"] for row in rows][:5] == ["member"] * 5  # members first


def test_body_relationships(run: Run) -> None:
    rows = run("body_relationships", body=BENSHEIM).rows
    assert {(r["direction"], r["type"], r["other_id"]) for r in rows} == {
        ("in", "HOLDS_OFFICE", "person-christine-klein"),
        ("out", "MEMBER_OF", RHEIN_NECKAR),
        ("out", "PART_OF", "ags-06431"),
    }


def test_between_two_bodies(run: Run) -> None:
    rows = run("between_two_bodies", a=BENSHEIM, b=VIERNHEIM).rows
    two_hops = {row["path"] for row in rows if row["hops"] == 2}
    assert two_hops == {
        "Bensheim -MEMBER_OF-> OZG-Kooperation Rhein-Neckar (Bensheim, Viernheim, Kreis "
        "Bergstraße, MRN) <-MEMBER_OF- Viernheim",
        "Bensheim -PART_OF-> Bergstraße <-PART_OF- Viernheim",
    }
    assert column(run("between_two_bodies", a=BENSHEIM, b=VIERNHEIM), "hops") == sorted(
        row["hops"] for row in rows
    )
    assert run("between_two_bodies", a=BENSHEIM, b=VIERNHEIM, max_hops=1).rows == []
    no_hierarchy = run("between_two_bodies", a=BENSHEIM, b=VIERNHEIM, exclude_types=["PART_OF"])
    assert column(no_hierarchy, "types") == [["MEMBER_OF", "MEMBER_OF"]]


def test_shortest_path(run: Run) -> None:
    (row,) = run("shortest_path", a=BENSHEIM, b=WETZLAR).rows
    assert row["hops"] == 3
    assert row["via"][1] == "OZG-Modellkommunen"
    assert row["types"] == ["MEMBER_OF", "PARTICIPATES_IN", "PARTICIPATES_IN"]
    with_hierarchy = run("shortest_path", a=BENSHEIM, b=LINDENFELS, exclude_types=[])
    assert column(with_hierarchy, "via") == [["Bergstraße"]]
    assert run("shortest_path", a=BENSHEIM, b="ags-07131001").rows == []  # Adenau: no tie


def test_funding_received(run: Run) -> None:
    (row,) = run("funding_received", body=RHEIN_NECKAR).rows
    assert (row["evidence"], row["via"], row["total_eur"], row["grants"]) == (
        "inferred",  # the amount is stated, the ministry as payer is our reading
        "direct",
        130000,
        1,
    )
    assert row["funders"] == ["Hessisches Ministerium des Innern und für Sport"]
    assert row["programmes"] == ["prog-he-ozg-modellkommunen"]
    (member,) = run("funding_received", body=BENSHEIM).rows
    assert member["via"].startswith("OZG-Kooperation Rhein-Neckar")
    assert member["total_eur"] == 130000
    (ikz,) = run("funding_received", body=IKZ).rows
    assert (ikz["evidence"], ikz["total_eur"], ikz["funders"]) == ("promised", 100000, ["Hessen"])
    assert run("funding_received", body=RHEIN_NECKAR, evidence=["fact"]).rows == []


def test_funding_in_land(run: Run) -> None:
    rows = run("funding_in_land", land="ags-06").rows
    by_key = {(r["evidence"], r["year"], r["flow"]): r for r in rows}
    assert set(by_key) >= {  # and the IKZ grants of joint-projects, by year
        ("inferred", None, "within"),
        ("fact", None, "within"),
        ("fact", "2016", "within"),  # IKZ-Förderung: the Gemeindeverwaltungsverband
        ("fact", None, "out"),  # the Land's ministry funds its IKZ programme
        ("promised", None, "within"),
        ("agreed", "2019", "out"),
    }
    grant = by_key["inferred", None, "within"]
    assert (grant["total_eur"], grant["grants"], grant["grants_without_amount"]) == (130000, 1, 0)
    # the joint Ordnungsbehördenbezirk Grebenau's 100,000, once on the project, and the
    # undated grants of joint-projects (IKZ, Starke Heimat Hessen), each once
    assert by_key["fact", None, "within"]["total_eur"] == 3075000
    assert by_key["fact", "2016", "within"]["total_eur"] == 600000
    assert by_key["promised", None, "within"]["total_eur"] == 100000
    facts = run("funding_in_land", land="ags-06", evidence=["fact"]).rows
    assert {r["evidence"] for r in facts} == {"fact"}


def test_programme_budgets(run: Run) -> None:
    rows = {r["id"]: r for r in run("programme_budgets").rows}
    hessen = rows["prog-he-kommunale-verwaltungsdigitalisierung"]
    assert (hessen["evidence"], hessen["amount_eur"], hessen["amount_kind"]) == (
        "agreed",
        37000000,
        "approximate",
    )
    model = rows["prog-he-ozg-modellkommunen"]
    assert (model["evidence"], model["amount_kind"], model["grants_eur"]) == (
        "fact",
        "approximate",
        130000,
    )
    nrw = rows["prog-nw-digitale-modellregionen"]  # "programme total c. 91 Mio EUR"
    assert (nrw["amount_eur"], nrw["amount_kind"]) == (91000000, "approximate")
    bayern = {(r["year"], r["flow"]): r for r in run("funding_in_land", land="ags-09").rows}
    # Digitales Rathaus, Dec 2020 batch: the 17 amounts of the table, and two IKZ grants
    # of 90,000 from 2020 (joint-projects: VG Theres, Marktheidenfeld)
    assert (bayern["2020", "within"]["grants"], bayern["2020", "within"]["total_eur"]) == (
        19,
        pytest.approx(159107.62 + 2 * 90000),
    )


def test_programme_participants(run: Run) -> None:
    rows = run("programme_participants", programme="prog-he-ozg-modellkommunen").rows
    assert len(rows) == 15  # the 15 OZG-Modellkommunen of the RP Darmstadt release
    assert {r["programme_total_eur"] for r in rows} == {1500000}
    assert {tuple(r["funders"]) for r in rows} == {("Hessen",)}
    received = {r["id"]: r["received_eur"] for r in rows if r["received_eur"] is not None}
    assert received == {RHEIN_NECKAR: 130000}
    assert {r["land"] for r in rows if r["label"] != "Cooperation"} == {"Hessen"}


def test_cross_land_cooperations(run: Run, run_after) -> None:
    # The Smart Cities project of Hamburg, Leipzig and München spans three Länder.
    cut = "coop-mpsc-hamburg-in-kooperation-mit-leipzig-und-muenchen-connected-urban-twins"
    crossing = {r["id"]: r["lands"] for r in run("cross_land_cooperations").rows}
    assert crossing[cut] == ["Bayern", "Hamburg", "Sachsen"]
    assert RHEIN_NECKAR not in crossing
    single = {r["id"]: r["lands"] for r in run("cross_land_cooperations", min_lands=1).rows}
    assert {
        IKZ: ["Hessen"],
        RHEIN_NECKAR: ["Hessen"],
        "coop-he-ozg-vereinbarung-2019": ["Hessen"],
        "coop-rp-ozg-kooperationsvertrag-2018": ["Rheinland-Pfalz"],
        "coop-rp-rlpservicekonto-2018": ["Rheinland-Pfalz"],
    }.items() <= single.items()
    # With Mannheim (Baden-Württemberg) as a member, Rhein-Neckar would cross the border.
    mannheim = (
        "MATCH (m:OzgGraph {id: 'ags-08222000'}), (c:OzgGraph {id: 'coop-rhein-neckar-ozg'}) "
        "CREATE (m)-[:MEMBER_OF {id: 'test-only'}]->(c)"
    )
    row = next(r for r in run_after(mannheim, "cross_land_cooperations") if r["id"] == RHEIN_NECKAR)
    assert row["lands"] == ["Baden-Württemberg", "Hessen"]
    assert (row["members"], row["members_without_land"]) == (5, 1)  # MRN has no Land


def test_provider_members(run: Run) -> None:
    rows = run("provider_members", provider="itp-kisa").rows
    # current members only by default: the former members and the planned accessions (the
    # Saale-Holzland-Kreis; Radeberg, whose council decided to join) are left out
    assert [(r["name"], r["relation"], r["current"]) for r in rows] == [
        ("Großenhain", "member", True),  # seeking to leave (joint-projects table)
    ]
    everyone = run("provider_members", provider="itp-kisa", include_former=True).rows
    relations = {r["name"]: r["relation"] for r in everyone}
    assert relations["Radeberg"] == "accession planned"
    relations = {r["id"]: r["relation"] for r in everyone}
    assert relations["ags-14627360"] == "former member"  # Zeithain
    assert relations["ags-16074"] == "accession planned"
    assert not any(r["current"] for r in everyone if r["relation"] == "former member")
    assert any("more than 250" in c for c in everyone[0]["reported_members"])
    kommone = run("provider_members", provider="itp-komm-one").rows
    assert {(r["id"], r["relation"], r["share_percent"]) for r in kommone} == {
        ("itp-4it", "Träger", 88.0),
        ("ags-08", "Träger", 12.0),
    }
    sit = run("provider_members", provider="itp-suedwestfalen-it").rows
    evidence = {r["id"]: r["evidence"] for r in sit}
    assert evidence["ags-05974040"] == "derived"  # Soest: one of "alle 59 Städte und Gemeinden"
    assert evidence["ags-05378008"] == "fact"  # Burscheid, admitted by name


def test_provider_of_body(run: Run) -> None:
    rows = run("provider_of_body", body="ags-03357045").rows  # Gemeinde Sottrum
    ties = {(r["through_id"], r["level"], r["provider_id"], r["relation"]) for r in rows}
    assert ties == {
        ("ars-033575406", 1, "itp-kdo", "hosting"),  # the Samtgemeinde's election portal
        ("ags-03357", 2, "itp-kdo", "hosting"),  # the Landkreis's
    }
    assert {r["application"] for r in rows} == {"votemanager (election-results portal)"}
    # the Samtgemeinde's proposed accession to KDO is no tie yet
    assert "accession planned" not in {r["relation"] for r in rows}
    meerbusch = run("provider_of_body", body="ags-05162022").rows
    assert ("itp-itk-rheinland", "member", 0) in {
        (r["provider_id"], r["relation"], r["level"]) for r in meerbusch
    }


def test_body_programmes(run: Run) -> None:
    rows = run("body_programmes", body="ags-05974040").rows  # Soest
    by_programme = {r["programme_id"]: r for r in rows}
    assert set(by_programme) == {"prog-mpsc", "prog-nw-digitale-modellregionen"}
    mpsc = by_programme["prog-mpsc"]
    assert (mpsc["round_id"], mpsc["decision_date"], mpsc["role"]) == (
        "prog-mpsc-staffel-1-2019",
        "2019-07-10",
        "partner",
    )
    assert "Arnsberg" in mpsc["partners"]
    assert by_programme["prog-nw-digitale-modellregionen"]["role"] == "lead (Leitkommune)"
    flensburg = run("body_programmes", body="ags-01001000").rows[0]  # consortium partner
    assert flensburg["project_id"] is not None
    # the consortium's "more than 11 Mio" is a lower bound on the project, not an amount
    assert (flensburg["amount_eur"], flensburg["amount_bound_eur"], flensburg["amount_kind"]) == (
        None,
        11_000_000,
        "at_least",
    )
    bavarian = run("body_programmes", body="ags-09183128").rows  # Mühldorf a.Inn
    assert [(r["programme_id"], r["amount_eur"], r["funders"]) for r in bavarian] == [
        ("prog-by-foerdr", 20000, ["Bayerisches Staatsministerium für Digitales"])
    ]


def test_cross_land_solutions(run: Run) -> None:
    rows = {row["id"]: row for row in run("cross_land_solutions").rows}
    assert rows["sol-breitband-portal"]["lands"] == ["Hessen", "Rheinland-Pfalz"]
    # ekom21 built the portal; no source says it runs it
    assert "ekom21 – KGRZ Hessen (develops)" in rows["sol-breitband-portal"]["makers"]
    assert rows["sol-ewaffe"]["lands"] == ["Bayern", "Saarland"]
    assert "sol-bafoeg-digital" not in rows  # Sachsen-Anhalt with a federal ministry: one Land
    assert all(len(row["lands"]) >= 2 for row in rows.values())


def test_solution_reuse(run: Run) -> None:
    rows = run("solution_reuse", solution="sol-wohngeld-online").rows
    nrw = [(r["stage"], r["date"], r["valid_to"]) for r in rows if r["id"] == "ags-05"]
    # NRW paused on 2023-01-01: that ends its stages, it starts none
    assert nrw == [("planned", "2020-01", "2023-01-01"), ("live", "2022", "2023-01-01")]
    facts = run("solution_reuse", solution="sol-wohngeld-online", evidence=["fact"]).rows
    assert [(r["stage"], r["evidence"]) for r in facts if r["id"] == "ags-05"] == [("live", "fact")]
    assert {tuple(r["operators"]) for r in rows} == {("Dataport",)}
    assert "Schleswig-Holstein" in rows[0]["developers"]
    live = next(r for r in rows if r["stage"] == "live")
    assert live["valid_to"] == "2023-01-01"


def test_reuse_across_lands(run: Run) -> None:
    rows = run("reuse_across_lands").rows
    flows = {(r["from_land"], r["to_land"]): r for r in rows}
    assert "Breitband-Portal" in flows["Rheinland-Pfalz", "Hessen"]["solution_names"]
    assert "BAföG Digital" in flows["Sachsen-Anhalt", "Hessen"]["solution_names"]
    assert all(r["from_land"] != r["to_land"] for r in rows)
    assert column(run("reuse_across_lands"), "solutions") == sorted(
        column(run("reuse_across_lands"), "solutions"), reverse=True
    )
    planned = run("reuse_across_lands", stages=["planned"]).rows
    assert planned and {s for r in planned for s in r["stages"]} == {"planned"}


def test_single_provider_dependencies(run: Run) -> None:
    rows = {row["id"]: row for row in run("single_provider_dependencies").rows}
    ewa = rows["sol-elektronische-wohnsitzanmeldung"]
    assert (ewa["operator"], ewa["operator_evidence"]) == ("Dataport", "fact")
    assert "sol-breitband-portal" not in rows  # built by ekom21; who runs it no source says
    assert all(row["dependants"] >= 2 for row in rows.values())
    assert "sol-wohngeld-online" not in rows  # one dependant only (NRW)
    assert "sol-wohngeld-online" in {
        r["id"] for r in run("single_provider_dependencies", min_dependants=1).rows
    }


def test_hierarchy_path(run: Run) -> None:
    path = run("hierarchy_path", municipality="06431002").rows
    assert column(path, "name") == ["Bensheim", "Bergstraße", "Darmstadt", "Hessen"]
    assert column(path, "label") == ["Municipality", "District", "AdministrativeDistrict", "State"]
    assert path[2]["official_name"] == "Reg.-Bez. Darmstadt"
    assert run("hierarchy_path", municipality=BENSHEIM).rows == path  # by id or by AGS
    adenau = run("hierarchy_path", municipality="07131001").rows
    assert column(adenau, "label")[1] == "MunicipalAssociation"  # a Verbandsgemeinde


def test_white_spots(run: Run, seed_graph) -> None:
    rows = run("white_spots", land="ags-06").rows
    ids = {row["id"] for row in rows}
    # the embedded graph as an independent count: Hessian units minus cooperation members
    hessen = {
        n
        for n, a in seed_graph.nodes(data=True)
        if a["label"] in ("Municipality", "District") and a.get("ags", "").startswith("06")
    }
    tied = {
        u
        for u, v, a in seed_graph.edges(data=True)
        if (
            a["type"] == "SERVED_BY"
            or (
                a["type"] == "MEMBER_OF"
                and seed_graph.nodes[v]["label"] in ("Cooperation", "ITProvider")
            )
        )
        and a.get("relation") not in ("former member", "accession planned")
    }
    assert ids == hessen - tied
    # ekom21 members are tied; a former member would not be (none is a Gemeinde in HE)
    assert {"ags-06635006", "ags-06635014"}.isdisjoint(ids)
    assert {BENSHEIM, VIERNHEIM, "ags-06431", "ags-06531005"}.isdisjoint(ids)
    lindenfels = next(row for row in rows if row["id"] == LINDENFELS)
    assert (lindenfels["kreis"], lindenfels["kreis_in_cooperation"]) == ("Bergstraße", True)
    labels = [row["label"] for row in rows]
    assert labels == sorted(labels, key=lambda label: label != "District")  # Kreise first


ANALYTICS = """
MATCH (n:OzgGraph)
REMOVE n.pagerank, n.betweenness, n.brokerage_role, n.community
WITH count(*) AS cleared
UNWIND [
  {id: 'ags-06', pagerank: 0.3, betweenness: 0.5, brokerage_role: 'liaison', community: 1},
  {id: 'coop-rhein-neckar-ozg', pagerank: 0.2, betweenness: 0.2,
   brokerage_role: 'coordinator', community: 2},
  {id: 'coop-ikz-ozg-giessen-wetzlar-fulda-marburg-limburg', pagerank: 0.1, community: 2},
  {id: 'sol-bundid', community: 3},
  {id: 'min-he-hmdis', community: 3},
  {id: 'ags-06431002', community: 1}
] AS row
MATCH (n:OzgGraph {id: row.id})
SET n += row
"""
NO_ANALYTICS = ANALYTICS.split("WITH count(*)")[0]


def test_central_bodies(run_after) -> None:
    assert run_after(NO_ANALYTICS, "central_bodies") == []  # before 'analyze --write'
    rows = run_after(ANALYTICS, "central_bodies")
    assert [row["id"] for row in rows] == ["ags-06", RHEIN_NECKAR, IKZ]
    assert (rows[0]["land"], rows[0]["brokerage_role"], rows[0]["community"]) == (
        "Hessen",
        "liaison",
        1,
    )
    assert rows[2]["betweenness"] is None
    assert len(run_after(ANALYTICS, "central_bodies", limit=1)) == 1


def test_brokers(run_after) -> None:
    assert run_after(NO_ANALYTICS, "brokers") == []
    rows = run_after(ANALYTICS, "brokers")
    assert [(r["id"], r["neighbour_communities"]) for r in rows] == [
        ("ags-06", [2, 3]),  # funds the IKZ (2), plans to reuse BundID (3)
        (RHEIN_NECKAR, [1, 3]),  # Bensheim is a member (1), the ministry funds it (3)
    ]


def test_body_timeline(run: Run) -> None:
    rows = run("body_timeline", body=BENSHEIM).rows
    assert [(r["date"], r["kind"], r["other_id"]) for r in rows] == [
        ("2021", "date", RHEIN_NECKAR),
        ("2021-03-30", "date", "person-christine-klein"),
        ("2021-03-30", "reported", RHEIN_NECKAR),
    ]
    nrw = run("body_timeline", body="ags-05").rows
    assert column(run("body_timeline", body="ags-05"), "date") == sorted(r["date"] for r in nrw)
    assert ("2023-01-01", "valid_to") in {(r["date"], r["kind"]) for r in nrw}


def test_relationship_sources(run: Run) -> None:
    (row,) = run(
        "relationship_sources", relationship="FUNDS:min-he-hmdis->coop-rhein-neckar-ozg"
    ).rows
    assert (row["source_id"], row["publisher"], row["date"]) == (
        "src-kommune21-2021-03-30-rhein-neckar-kooperation",
        "Kommune21",
        "2021-03-30",
    )
    keyed = run("relationship_sources", relationship="REUSES:ags-05->sol-wohngeld-online#live-2022")
    assert column(keyed, "source_id") == [
        "src-web-wallstreet-online-de-16004659-schleswig-holstein-wohngeld-e672cd",
        "src-web-d-nrw-de-wohngeld-aa288f",
    ]
    assert run("relationship_sources", relationship="FUNDS:nobody->nothing").rows == []


def test_services_by_themenfeld(run: Run) -> None:
    # No cooperation of the shipped data reaches a catalogue service (see the report).
    assert run("services_by_themenfeld", labels=["Cooperation"]).rows == []
    assert run("services_by_themenfeld").rows  # the default: States and Ministries
    rows = {r["themenfeld"]: r for r in run("services_by_themenfeld", labels=["State"]).rows}
    assert rows["Bildung"]["service_names"] == ["Ausbildungsförderung (BAföG)"]
    assert {"Sachsen-Anhalt", "Hessen"} <= set(rows["Bildung"]["actors"])
    assert all(row["services"] == len(row["service_names"]) for row in rows.values())


# --- read-only by default ------------------------------------------------------------------

WRITES = [
    "CREATE (:QueryProbe {id: 'probe'})",
    "MATCH (m:OzgGraphMeta) SET m.checksum = 'forged'",
    "MATCH (n:OzgGraph {id: 'ags-06'}) DETACH DELETE n",
    "MERGE (n:OzgGraph {id: 'ags-06'}) SET n.name = 'x'",
    "MATCH (n) WHERE false CREATE (:QueryProbe) RETURN 1",  # the planner calls this a read
    "CALL () { CREATE (:QueryProbe) } IN TRANSACTIONS",
    "CREATE INDEX query_probe IF NOT EXISTS FOR (n:QueryProbe) ON (n.id)",
    "CALL db.createLabel('QueryProbe')",
    "CREATE USER query_probe IF NOT EXISTS SET PASSWORD 'probe-probe-1'",
]


def fingerprint(driver: neo4j.Driver, database: str) -> tuple[Any, ...]:
    """What any write would change: counts, meta, labels, indexes, users."""

    def one(text: str, db: str = database) -> Any:
        return driver.execute_query(text, database_=db).records[0][0]

    return (
        one("MATCH (n) RETURN count(n)"),
        one("MATCH ()-[r]->() RETURN count(r)"),
        one("MATCH (m:OzgGraphMeta) RETURN properties(m)"),
        one("MATCH (n:OzgGraph {id: 'ags-06'}) RETURN properties(n)"),
        one("CALL db.labels() YIELD label RETURN collect(label)"),
        one("SHOW INDEXES YIELD name RETURN collect(name)"),
        one("SHOW USERS YIELD user RETURN collect(user)", "system"),
    )


@pytest.mark.parametrize("text", WRITES)
def test_ad_hoc_writes_are_refused_and_change_nothing(loaded_neo4j, neo4j_settings, text) -> None:
    db = neo4j_settings.database
    before = fingerprint(loaded_neo4j, db)
    with pytest.raises(QueryError, match="rerun with --write"):
        run_cypher(loaded_neo4j, text, database=db)
    assert fingerprint(loaded_neo4j, db) == before


def test_ad_hoc_reads_run_and_are_stamped(loaded_neo4j, neo4j_settings, seed_graph) -> None:
    result = run_cypher(
        loaded_neo4j,
        "MATCH (n:OzgGraph {id: $id}) RETURN n.name AS name, n AS node",
        {"id": "ags-06"},
        neo4j_settings.database,
    )
    assert result.rows[0]["name"] == "Hessen"
    assert result.rows[0]["node"]["_labels"] == ["State"]  # a node becomes a plain dict
    assert result.stamp.dataset_checksum == seed_graph.graph["checksum"]
    indexes = run_cypher(loaded_neo4j, "SHOW INDEXES YIELD name RETURN name", {})
    assert {"name": "ozggraph_names"} in indexes.rows  # describing the schema is a read
    labels = run_cypher(loaded_neo4j, "CALL db.labels() YIELD label RETURN label", {})
    assert {"label": "Municipality"} in labels.rows
    with pytest.raises(QueryError, match=r"Expected parameter.*id"):
        run_cypher(
            loaded_neo4j, "MATCH (n:OzgGraph {id: $id}) RETURN n", {}, neo4j_settings.database
        )


ADMINISTRATION = [
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS",
    "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery",
    "PROFILE SHOW TRANSACTIONS",
    "SHOW USERS",
    "SHOW CURRENT USER",
    "SHOW ROLES",
    "SHOW PRIVILEGES",
    "SHOW DATABASES",
    "SHOW SETTINGS",
    "SHOW SETTINGS YIELD name, value WHERE name CONTAINS 'password' RETURN name, value",
    "CALL dbms.listConfig()",
    "CALL dbms.listConfig() YIELD name RETURN name",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "CALL dbms.killQuery('query-1')",
    "CALL dbms.listConnections()",
    "CALL dbms.killConnection('bolt-1')",
    "CALL dbms.showCurrentUser()",
    "CALL dbms.security.listUsers()",
    "CALL db.clearQueryCaches()",
    "CALL db.stats.collect('QUERIES')",
    "CALL db.checkpoint()",
    "MATCH (n:OzgGraph {id: 'ags-06'}) CALL dbms.listConfig() YIELD name RETURN n, name",
    "LOAD CSV FROM 'http://127.0.0.1:9/secret' AS line RETURN line",
    "LOAD CSV WITH HEADERS FROM 'file:///etc/passwd' AS line RETURN line",
    "MATCH (n:OzgGraph) WITH n LIMIT 1 LOAD CSV FROM 'https://example.org/' AS l RETURN l",
    "EXPLAIN LOAD CSV FROM 'http://127.0.0.1:9/x' AS l RETURN l",
    "STOP DATABASE neo4j",
    "ALTER USER neo4j SET PASSWORD 'changed-by-a-reader'",
    "GRANT ROLE admin TO neo4j",
]
#: Community has no such command or procedure: the planner refuses it, so it never runs.
NOT_IN_COMMUNITY = re.compile(r"Unsupported administration command|There is no procedure")


@pytest.mark.parametrize("text", ADMINISTRATION)
def test_administration_and_load_csv_are_refused_without_write(
    loaded_neo4j, neo4j_settings, text
) -> None:
    before = fingerprint(loaded_neo4j, neo4j_settings.database)
    with pytest.raises(QueryError) as refused:
        run_cypher(loaded_neo4j, text, database=neo4j_settings.database)
    message = str(refused.value)
    assert "rerun with --write" in message or NOT_IN_COMMUNITY.search(message), message
    assert fingerprint(loaded_neo4j, neo4j_settings.database) == before


def test_a_reader_cannot_see_or_end_a_running_load(loaded_neo4j, neo4j_settings) -> None:
    # The transaction stands for a load in progress; the reader must not find or kill it.
    with loaded_neo4j.session(database=neo4j_settings.database) as session:
        tx = session.begin_transaction()
        try:
            tx.run("MATCH (n:OzgGraph {id: 'ags-06'}) SET n.probe = $secret", secret="s3cr3t")
            for text in ("SHOW TRANSACTIONS", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"):
                with pytest.raises(QueryError):
                    run_cypher(loaded_neo4j, text, database=neo4j_settings.database)
            assert tx.run("RETURN 1 AS one").single()["one"] == 1  # still alive
        finally:
            tx.rollback()


def env(settings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password or "",
        "NEO4J_DATABASE": settings.database,
    }


def test_the_cli_refuses_a_write_with_exit_1_and_runs_it_with_write(
    loaded_neo4j, neo4j_settings
) -> None:
    before = fingerprint(loaded_neo4j, neo4j_settings.database)
    refused = subprocess.run(
        [*OZGGRAPH, "cypher", "CREATE (:QueryProbe {id: 'cli'})"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env(neo4j_settings)},
    )
    assert refused.returncode == 1
    assert refused.stderr.strip() == "Error: this query writes; rerun with --write"
    assert fingerprint(loaded_neo4j, neo4j_settings.database) == before
    try:  # a probe label outside ozggraph's data, removed again below
        create = ["cypher", "CREATE (:QueryProbe {id: 'cli'})", "--write", "--format", "json"]
        written = CliRunner().invoke(cli, create, env=env(neo4j_settings))
        assert written.exit_code == 0, written.output
        document = json.loads(written.output)
        assert document["changes"]["nodes_created"] == 1
        assert document["stamp"]["mode"] == "write"
    finally:
        loaded_neo4j.execute_query(
            "MATCH (n:QueryProbe) DETACH DELETE n", database_=neo4j_settings.database
        )
    assert fingerprint(loaded_neo4j, neo4j_settings.database) == before


# --- parameters never reach the query text --------------------------------------------------

EVIL = "'}) DETACH DELETE n //"


def test_parameter_values_never_reach_the_query_text(run: Run, loaded_neo4j, neo4j_settings):
    before = fingerprint(loaded_neo4j, neo4j_settings.database)
    evil = run("find_body", name=EVIL)
    assert evil.rows == []
    assert evil.text == get_query("find_body").text
    assert evil.stamp.query_sha256 == run("find_body", name="Bensheim").stamp.query_sha256
    echoed = run_cypher(loaded_neo4j, "RETURN $x AS x", {"x": EVIL}, neo4j_settings.database)
    assert echoed.rows == [{"x": EVIL}]
    assert fingerprint(loaded_neo4j, neo4j_settings.database) == before


# --- output: every format stamped ------------------------------------------------------------


def test_cli_outputs_are_stamped(loaded_neo4j, neo4j_settings, seed_graph, tmp_path: Path):
    checksum = seed_graph.graph["checksum"]
    args = ["query", "hierarchy_path", "--param", "municipality=06431002"]
    runner = CliRunner()
    table = runner.invoke(cli, args, env={**env(neo4j_settings), "COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "Bergstraße" in table.output
    assert "stamp: ozggraph " in table.output  # the one stamp line of every output
    assert f" · dataset {checksum} · backend neo4j · " in table.output
    as_json = json.loads(
        runner.invoke(cli, [*args, "--format", "json"], env=env(neo4j_settings)).output
    )
    assert as_json["stamp"]["query_sha256"] == get_query("hierarchy_path").sha256
    assert [row["name"] for row in as_json["rows"]][-1] == "Hessen"
    target = tmp_path / "path.csv"
    as_csv = runner.invoke(
        cli, [*args, "--format", "csv", "-o", str(target)], env=env(neo4j_settings)
    )
    assert as_csv.exit_code == 0, as_csv.output
    lines = target.read_text("utf-8").splitlines()
    assert lines[0] == "depth,id,label,name,official_name,kind,key"
    assert lines[1].startswith("0,ags-06431002,Municipality,Bensheim,")
    sidecar = json.loads((tmp_path / "path.csv.stamp.json").read_text("utf-8"))
    assert sidecar["stamp"]["dataset_checksum"] == checksum
    assert sidecar["params"] == {"municipality": "06431002"}


# --- joint projects (seed/joint-projects, seed/efa) -------------------------------------

GOCHSHEIM = "ags-09678135"
MAINBOGEN = "coop-ikz-datenschutz-und-informationssicherheit-allianz-schweinfurter"


def test_joint_projects_of_body(run: Run) -> None:
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


def test_partners_by_layer(run: Run) -> None:
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
