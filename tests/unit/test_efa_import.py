"""The EfA-reuse and public-bodies importers: bad rows, reruns, and the facts they ship.

The fact checks read the whole shipped dataset (``ozggraph.load_graph()``), so they
also prove that ``seed/efa`` and ``seed/bodies`` resolve against the other seed files.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import networkx as nx
import pytest

import ozggraph
from ozggraph.errors import SourceTableError
from ozggraph.importers.efa import COLUMNS, import_efa, parties
from ozggraph.importers.public_bodies import import_bodies
from ozggraph.schema.types import REUSE_STAGES

REPO = Path(__file__).parents[2]
SEED = REPO / "seed"
DATA = REPO / "raw"
EFA_TABLE = DATA / "efa-reuse" / "efa_reuse.csv"
BODIES_TABLES = DATA / "public-bodies"
BAUGENEHMIGUNG = "sol-digitale-baugenehmigung"

GOOD_ROW = {
    "solution": "Digitale Baugenehmigung / Digitaler Bauantrag",
    "ozg_leistung_or_themenfeld": "Baugenehmigung (Themenfeld Bauen & Wohnen)",
    "developer": "Mecklenburg-Vorpommern",
    "operator": "",
    "reusing_body": "Bremen",
    "relation": "reuses",
    "stage": "live",
    "date": "2023-10",
    "source": "https://example.org/bauantrag",
    "source_date": "2023-10",
    "quote_summary": "in use in Bremen",
    "note": "",
}


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return ozggraph.load_graph(SEED)


def write_table(path: Path, **changes: str) -> Path:
    """A one-row EfA table: GOOD_ROW with ``changes``; the row is on line 2."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(GOOD_ROW | changes)
    return path


# --- malformed rows fail with file, line and reason ------------------------------------


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"stage": "productive"}, "bad stage 'productive'"),
        ({"source": ""}, "missing source"),
        ({"reusing_body": "Stadt Atlantis (HE)"}, "unknown body 'Stadt Atlantis (HE)'"),
        ({"reusing_body": "Landkreis Regensburg"}, None),  # the Landkreis, not the city: fine
        ({"reusing_body": "Stadt Lorch"}, "ambiguous"),  # one in HE, one in BW
        ({"reusing_body": "Stadt Lorch (BW)"}, None),
        ({"date": "Sept. 2023"}, "not a date"),
    ],
)
def test_malformed_row_is_rejected_with_file_line_and_reason(
    tmp_path: Path, changes: dict[str, str], reason: str | None
) -> None:
    table = write_table(tmp_path / "efa.csv", **changes)
    if reason is None:
        import_efa(table, tmp_path / "efa", seed=SEED)
        return
    with pytest.raises(SourceTableError, match=rf"efa\.csv:2: .*{re.escape(reason)}"):
        import_efa(table, tmp_path / "efa", seed=SEED)


def test_partial_dates_stay_as_precise_as_given(tmp_path: Path) -> None:
    import_efa(write_table(tmp_path / "efa.csv"), tmp_path / "efa", seed=SEED)
    reuse = (tmp_path / "efa" / "reuse.yaml").read_text(encoding="utf-8")
    assert "date: 2023-10\n" in reuse
    assert "key: live-2023-10\n" in reuse


def test_developer_cells_name_joint_developers_and_partners() -> None:
    assert parties("Hessen; Rheinland-Pfalz") == [("Hessen", None), ("Rheinland-Pfalz", None)]
    assert parties("Bayern (StMD) with Saarland as co-lead, with BMI") == [
        ("Bayern (StMD)", None),
        ("Saarland", "co-lead"),
        ("BMI", "partner"),
    ]
    assert parties("Schleswig-Holstein (with BMI)") == [
        ("Schleswig-Holstein", None),
        ("BMI", "partner"),
    ]


# --- reruns ------------------------------------------------------------------------------


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_reruns_are_byte_identical_and_match_the_shipped_files(tmp_path: Path) -> None:
    for run in ("first", "second"):
        import_bodies(BODIES_TABLES, tmp_path / run / "bodies", seed=SEED)
        import_efa(EFA_TABLE, tmp_path / run / "efa", seed=SEED)
    for name in ("bodies", "efa"):
        first, second = _files(tmp_path / "first" / name), _files(tmp_path / "second" / name)
        assert first == second
        assert first == _files(SEED / name), f"seed/{name} is stale: rerun the importer"


# --- facts the shipped data must state ---------------------------------------------------


def _reuses(graph: nx.MultiDiGraph, solution: str) -> list[tuple[str, dict[str, str]]]:
    return [
        (u, attrs)
        for u, _, attrs in graph.in_edges(solution, data=True)
        if attrs["type"] == "REUSES"
    ]


def stage_as_of(graph: nx.MultiDiGraph, solution: str, date: str) -> dict[str, str]:
    """Highest stage each body had reached by ``date``, ended facts (``valid_to``) left out."""
    stages: dict[str, str] = {}
    for body, attrs in _reuses(graph, solution):
        started = attrs.get("date")
        ended = attrs.get("valid_to")
        if started is None or started > date or (ended is not None and ended <= date):
            continue
        if REUSE_STAGES.index(attrs["stage"]) >= REUSE_STAGES.index(stages.get(body, "interest")):
            stages[body] = attrs["stage"]
    return stages


def test_digital_building_permit_was_developed_by_mecklenburg_vorpommern(
    graph: nx.MultiDiGraph,
) -> None:
    developers = {
        u for u, _, a in graph.in_edges(BAUGENEHMIGUNG, data=True) if a["type"] == "DEVELOPS"
    }
    assert "ags-13" in developers
    assert graph.nodes["ags-13"]["name"] == "Mecklenburg-Vorpommern"


def test_digital_building_permit_spread_land_by_land(graph: nx.MultiDiGraph) -> None:
    latest = max(a["date"] for _, a in _reuses(graph, BAUGENEHMIGUNG) if a.get("date"))
    assert latest == "2024-06"
    lands = {
        body: stage
        for body, stage in stage_as_of(graph, BAUGENEHMIGUNG, latest).items()
        if graph.nodes[body]["label"] == "State"
    }
    live = sorted(graph.nodes[b]["name"] for b, s in lands.items() if s == "live")
    assert live == [
        "Baden-Württemberg",
        "Bremen",
        "Rheinland-Pfalz",
        "Sachsen",
        "Sachsen-Anhalt",
        "Schleswig-Holstein",
    ]
    # Earlier, only two Länder had said they were interested.
    assert stage_as_of(graph, BAUGENEHMIGUNG, "2021-12") == {
        "ags-07": "interest",
        "ags-15": "interest",
    }


def test_aggregates_stay_counts_and_are_not_expanded(graph: nx.MultiDiGraph) -> None:
    elterngeld = graph.nodes["sol-elterngelddigital"]
    assert any(a.startswith("11 Länder") for a in elterngeld["reported_adopters"])
    # Only the Länder a source names: Berlin (twice), Sachsen, Thüringen, Bremen, MV, RP.
    assert len(_reuses(graph, "sol-elterngelddigital")) == 7
    permit = graph.nodes[BAUGENEHMIGUNG]
    assert any(a.startswith("10 Länder") for a in permit["reported_adopters"])


def test_wohngeld_in_nrw_ends_on_2023_01_01_and_starts_nothing(graph: nx.MultiDiGraph) -> None:
    edges = {
        key: attrs
        for u, v, key, attrs in graph.out_edges("ags-05", keys=True, data=True)
        if v == "sol-wohngeld-online"
    }
    live = edges["REUSES:ags-05->sol-wohngeld-online#live-2022"]
    assert (live["valid_to"], live["evidence"]) == ("2023-01-01", "fact")
    # the pause ends the earlier stages; it is no new "connected" from that day
    assert all(a.get("valid_to") == "2023-01-01" for a in edges.values()), edges
    assert not any("2023-01-01" in key for key in edges)
    assert stage_as_of(graph, "sol-wohngeld-online", "2022-06")["ags-05"] == "live"
    assert "ags-05" not in stage_as_of(graph, "sol-wohngeld-online", "2023-06")


def relation_types(graph: nx.MultiDiGraph, body: str, solution: str) -> set[str]:
    return {t for _, v, t in graph.out_edges(body, data="type") if v == solution}


def test_bayern_co_develops_naturalisation_with_nrw(graph: nx.MultiDiGraph) -> None:
    assert relation_types(graph, "ags-09", "sol-einbuergerung-digital") == {"DEVELOPS"}
    assert "DEVELOPS" in relation_types(graph, "ags-05", "sol-einbuergerung-digital")


def test_brandenburg_only_supports_naturalisation(graph: nx.MultiDiGraph) -> None:
    assert relation_types(graph, "ags-12", "sol-einbuergerung-digital") == {"SUPPORTS"}


def test_ekom21_built_the_breitband_portal_and_no_source_says_it_runs_it(
    graph: nx.MultiDiGraph,
) -> None:
    assert relation_types(graph, "itp-ekom21", "sol-breitband-portal") == {"DEVELOPS"}
    assert not [
        u for u, _, t in graph.in_edges("sol-breitband-portal", data="type") if t == "OPERATES"
    ]


def test_reuse_stages_carry_their_evidence(graph: nx.MultiDiGraph) -> None:
    seen = {
        (attrs["stage"], attrs["evidence"])
        for _, v, attrs in graph.edges(data=True)
        if attrs["type"] == "REUSES" and v.startswith("sol-") and "stage" in attrs
    }
    assert ("live", "fact") in seen and ("interest", "announced") in seen
    assert ("contract", "agreed") in seen and ("planned", "planned") in seen
    assert not {(s, e) for s, e in seen if s in ("interest", "planned") and e == "fact"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"relation": "adopts"}, "bad relation 'adopts'"),
        ({"stage": "paused"}, "no earlier reuse to end"),
        ({"stage": "paused", "relation": "supports"}, "only a reuse can be paused"),
        ({"reusing_body": "", "relation": "reuses"}, "without a reusing_body"),
    ],
)
def test_relation_and_pause_mistakes_name_file_and_line(
    tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    table = write_table(tmp_path / "efa.csv", **changes)
    with pytest.raises(SourceTableError, match=rf"efa\.csv:2: .*{re.escape(message)}"):
        import_efa(table, tmp_path / "out", SEED)


def test_every_leads_edge_cites_a_source_and_weak_rows_say_so(graph: nx.MultiDiGraph) -> None:
    leads = [(u, v, a) for u, v, a in graph.edges(data=True) if a["type"] == "LEADS"]
    assert len(leads) >= 13
    for _, _, attrs in leads:
        assert attrs["sources"]
        assert all(graph.nodes[s]["label"] == "Source" for s in attrs["sources"])
    gesundheit = [a for u, v, a in leads if v == "themenfeld-gesundheit"]
    assert gesundheit and all("second-best" in a["note"] for a in gesundheit)
    led_by = {u for u, v, _ in leads if v == "themenfeld-recht-ordnung"}
    assert led_by == {"ags-14", "min-bund-bmi", "min-bund-bmj"}


def test_weak_and_undated_sources_are_marked(graph: nx.MultiDiGraph) -> None:
    civitec = graph.nodes["itp-civitec"]
    assert graph.nodes[civitec["sources"][0]]["quality"] == "second-best"
    dataport = graph.nodes["itp-dataport"]  # from Wikipedia
    assert graph.nodes[dataport["sources"][0]]["quality"] == "second-best"
    lindenfels = next(a for u, a in _reuses(graph, "sol-breitband-portal") if u == "ags-06431015")
    source = graph.nodes[lindenfels["sources"][0]]
    assert "date" not in source and "page gives no date" in source["note"]
