"""The joint-projects importer and the EfA adoption table: what the shipped data states.

One test per kind of cooperation in ``raw/joint-projects/joint_projects.csv``, read from
the whole shipped dataset (``ozggraph.load_graph()``), plus bad rows and names that
resolve to nothing.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

import ozggraph
from ozggraph.errors import SourceTableError
from ozggraph.importers.joint_projects import COLUMNS, import_joint_projects

REPO = Path(__file__).parents[2]
SEED = REPO / "seed"
TABLE = REPO / "raw" / "joint-projects" / "joint_projects.csv"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return ozggraph.load_graph(SEED)


def members(graph: nx.MultiDiGraph, coop: str) -> dict[str, dict]:
    """Member id -> attributes of its MEMBER_OF the cooperation."""
    return {u: a for u, _, a in graph.in_edges(coop, data=True) if a["type"] == "MEMBER_OF"}


def grants(graph: nx.MultiDiGraph, coop: str) -> list[tuple[str, dict]]:
    return [(u, a) for u, _, a in graph.in_edges(coop, data=True) if a["type"] == "FUNDS"]


def coop_named(graph: nx.MultiDiGraph, words: str) -> str:
    found = [
        n for n, a in graph.nodes(data=True) if a["label"] == "Cooperation" and words in a["name"]
    ]
    assert len(found) == 1, found
    return found[0]


def test_a_hessian_ikz_group_eight_rheingau_towns_with_one_grant(graph: nx.MultiDiGraph) -> None:
    coop = coop_named(graph, "IKZ Verwaltungsdigitalisierung Rheingau")
    assert graph.nodes[coop]["kind"] == "IKZ grant"
    towns = members(graph, coop)
    assert len(towns) == 8 and all(t.startswith("ags-06439") for t in towns)  # Rheingau-Taunus
    assert [a["role"] for a in towns.values()].count("lead") == 1
    # the table repeats the grant on all eight rows: it is paid once, by Hessen
    [(funder, grant)] = grants(graph, coop)
    assert (funder, grant["amount_eur"], grant["amount_kind"]) == ("ags-06", 100000.0, "exact")


def test_a_bavarian_ikz_group_schweinfurter_mainbogen(graph: nx.MultiDiGraph) -> None:
    coop = coop_named(graph, "Allianz Schweinfurter Mainbogen")
    six = members(graph, coop)
    assert len(six) == 6
    gochsheim = six["ags-09678135"]
    assert graph.nodes["ags-09678135"]["name"] == "Gochsheim"
    assert (gochsheim["role"], gochsheim["valid_from"], gochsheim["evidence"]) == (
        "lead",
        "2016-12-23",
        "fact",
    )
    [(funder, grant)] = grants(graph, coop)
    assert funder == "ags-09" and grant["amount_eur"] == 90000.0


def test_a_county_municipal_arrangement_in_lueneburg(graph: nx.MultiDiGraph) -> None:
    coop = coop_named(graph, "IT-Kooperation Landkreis Lüneburg")
    assert graph.nodes[coop]["kind"] == "county–municipal arrangement"
    parts = members(graph, coop)
    assert parts["ags-03355"]["role"] == "lead"
    samtgemeinden = sorted(graph.nodes[m]["name"] for m in parts if m.startswith("ars-"))
    assert samtgemeinden == ["Dahlenburg", "Gellersen", "Ostheide"]
    assert grants(graph, coop) == []  # no grant is stated


def test_modellregionen_join_the_programme_projects_and_darmstadt_is_new(
    graph: nx.MultiDiGraph,
) -> None:
    owl = "coop-dmr-nrw-modellregion-regierungsbezirk-detmold-owl-leitkommune-paderborn"
    assert "ags-05774032" in members(graph, owl)  # Paderborn, from either table
    names = [a["name"] for _, a in graph.nodes(data=True) if a["label"] == "Cooperation"]
    assert not [n for n in names if n.startswith("Digitale Modellregion Ostwestfalen")]
    darmstadt = coop_named(graph, "OZG-Modellregion Darmstadt")
    assert members(graph, darmstadt)["ags-06411000"]["role"] == "lead"
    assert len(members(graph, darmstadt)) == 6


def test_a_laender_agreement_hessen_bremen_ehe_online(graph: nx.MultiDiGraph) -> None:
    coop = coop_named(graph, "Verwaltungsvereinbarung Hessen–Bremen")
    assert graph.nodes[coop]["kind"] == "agreement between Länder"
    parties = members(graph, coop)
    assert parties["ags-06"]["role"] == "lead" and "ags-04" in parties
    agreements = {
        a["name"]
        for _, a in graph.nodes(data=True)
        if a["label"] == "Cooperation" and str(a.get("kind")).startswith("agreement of Bund")
    }
    assert any("Pilot FHH/BMI" in n for n in agreements)


def test_a_themenfeld_lead_pair_with_its_period(graph: nx.MultiDiGraph) -> None:
    coop = coop_named(graph, "OZG-Themenfeld Mobilität & Reisen")
    leads = members(graph, coop)
    assert sorted(leads) == ["ags-06", "ags-08"]  # BMDV is not in the dataset: listed, no edge
    assert {(a["valid_from"], a["valid_to"]) for a in leads.values()} == {("2019-01-17", "2022")}
    topics = [v for _, v, a in graph.out_edges(coop, data=True) if a["type"] == "ADDRESSES"]
    assert topics == ["themenfeld-mobilitaet-reisen"]
    assert "Bundesministerium für Digitales und Verkehr" in graph.nodes[coop]["note"]


def test_a_collectively_named_group_is_a_count(graph: nx.MultiDiGraph) -> None:
    coop = coop_named(graph, "Landkreis Rosenheim – gemeinsamer Informationssicherheit")
    assert graph.nodes[coop]["reported_members"] == [
        "21 Kommunen im Landkreis Rosenheim (collectively): partner"
    ]
    only = members(graph, coop)
    assert list(only) == ["ags-09187"] and only["ags-09187"]["evidence"] == "planned"


def test_amounts_keep_their_kind_and_weak_pages_are_second_best(graph: nx.MultiDiGraph) -> None:
    [(_, academy)] = grants(graph, coop_named(graph, "Digitalakademie@bw"))
    assert (academy.get("amount_eur"), academy["amount_kind"], academy["amount_bound_eur"]) == (
        None,
        "at_least",
        9000000.0,
    )
    [(_, knuell)] = grants(graph, "coop-region-digitaler-knuell")
    assert (knuell["amount_eur"], knuell["amount_kind"]) == (1700000.0, "approximate")
    weak = [
        n
        for n, a in graph.nodes(data=True)
        if a["label"] == "Source" and a.get("quality") == "second-best"
    ]
    cited = {s for _, _, a in graph.edges(data=True) for s in a.get("sources", [])}
    assert set(weak) & cited


def test_an_efa_service_with_its_adopters_and_a_conflict(graph: nx.MultiDiGraph) -> None:
    ifsg = "sol-ifsg-online"
    makers = {u for u, _, a in graph.in_edges(ifsg, data=True) if a["type"] == "DEVELOPS"}
    assert makers == {"ags-05", "min-bund-bmi"}
    reuses = [(u, a) for u, _, a in graph.in_edges(ifsg, data=True) if a["type"] == "REUSES"]
    adopters = {u for u, _ in reuses}
    assert {"ags-08", "ags-04", "ags-06", "ags-11", "ags-12", "ags-10"} <= adopters
    # BB, SL, ST, SH only by exclusion from a weak page: derived, not fact
    assert {u for u, a in reuses if a["evidence"] == "derived"} == {
        "ags-12",
        "ags-10",
        "ags-15",
        "ags-01",
    }
    # Berlin: one page lists it, another says it did not take part; both stay visible
    [berlin] = [a for u, a in reuses if u == "ags-11"]
    assert berlin["stage"] == "planned" and "CONFLICT" in berlin["note"]
    assert "sources disagree (Berlin)" in graph.nodes[ifsg]["note"]


def test_the_two_efa_tables_give_one_relationship_per_pair_and_stage(
    graph: nx.MultiDiGraph,
) -> None:
    stages = [
        a["stage"]
        for u, _, a in graph.in_edges("sol-elterngelddigital", data=True)
        if a["type"] == "REUSES" and u == "ags-14"
    ]
    assert len(stages) == len(set(stages))  # one per stage
    [live] = [
        a
        for u, _, a in graph.in_edges("sol-elterngelddigital", data=True)
        if a["type"] == "REUSES" and u == "ags-14" and a["stage"] == "live"
    ]
    assert len(live["sources"]) >= 2  # efa_reuse.csv and efa_adoption.csv


# --- bad input ------------------------------------------------------------------------

ROW = {
    "cooperation": "IKZ Test",
    "partner": "Gemeinde Gochsheim",
    "partner_type": "Gemeinde",
    "land": "Bayern",
    "ags": "",
    "role": "lead",
    "start_date": "2020",
    "status": "in force",
    "amount_eur": "",
    "funder": "",
    "source": "https://example.org/ikz",
    "source_date": "2020",
    "quote_summary": "",
    "note": "",
}


def write(path: Path, *rows: dict[str, str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "maybe"}, r"jp\.csv:2: status 'maybe' is not understood"),
        ({"start_date": "spring"}, r"jp\.csv:2: not a date"),
        ({"amount_eur": "lots", "funder": "Freistaat Bayern"}, r"jp\.csv:2: amount_eur"),
        ({"partner": ""}, r"jp\.csv:2: missing partner"),
    ],
)
def test_a_bad_row_names_file_and_line(tmp_path: Path, change: dict, message: str) -> None:
    table = write(tmp_path / "jp.csv", ROW | change)
    with pytest.raises(SourceTableError, match=message):
        import_joint_projects(table, tmp_path / "out", SEED)


def test_partners_disagreeing_on_the_grant_are_rejected(tmp_path: Path) -> None:
    grant = {"amount_eur": "1000", "funder": "Freistaat Bayern"}
    other = ROW | grant | {"partner": "Gemeinde Sennfeld", "amount_eur": "2000"}
    table = write(tmp_path / "jp.csv", ROW | grant, other)
    with pytest.raises(SourceTableError, match=r"jp\.csv:3: .*disagree on the grant"):
        import_joint_projects(table, tmp_path / "out", SEED)


def test_unknown_and_ambiguous_names_are_listed_never_guessed(tmp_path: Path) -> None:
    rows = [
        ROW,
        ROW | {"partner": "Reichenbach", "role": "partner"},  # several in Bayern, no hint
        ROW | {"partner": "Fraunhofer IAO", "partner_type": "research institute"},
    ]
    report = import_joint_projects(write(tmp_path / "jp.csv", *rows), tmp_path / "out", SEED)
    listed = "\n".join(report.lines())
    assert "jp.csv:3: 'Reichenbach'" in listed and "jp.csv:4: 'Fraunhofer IAO'" in listed
    text = (tmp_path / "out" / "cooperations.yaml").read_text(encoding="utf-8")
    assert text.count("type: MEMBER_OF") == 1  # Gochsheim only
    assert "also named, not in the dataset: Reichenbach; Fraunhofer IAO" in text
