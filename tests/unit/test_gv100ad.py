"""The GV100AD importer against Destatis's real file: its known figures, the hierarchy, errors."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from ozggraph import read_dataset
from ozggraph.errors import SourceTableError
from ozggraph.importers import gv100ad
from ozggraph.importers.tables import Row, Tables

REPO = Path(__file__).parents[2]
DATA = REPO / "raw" / "destatis-gv100ad"
GV_FILE = DATA / "GV100AD_30112025.txt"
SRC = "src-destatis-gv100ad-2025-11-30"


@pytest.fixture(scope="module")
def records() -> list[gv100ad.GVRecord]:
    return gv100ad.parse(GV_FILE)


@pytest.fixture(scope="module")
def tables(records: list[gv100ad.GVRecord]) -> Tables:
    return gv100ad.to_tables(records, gv100ad.read_hints(DATA / "Hinweise.txt"))


@pytest.fixture(scope="module")
def nodes(tables: Tables) -> dict[str, Row]:
    node_tables = [rows for name, rows in tables.items() if name != "PART_OF"]
    return {str(row["id"]): row for rows in node_tables for row in rows}


@pytest.fixture(scope="module")
def parent(tables: Tables) -> dict[str, str]:
    return {str(edge["source"]): str(edge["target"]) for edge in tables["PART_OF"]}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hierarchy")
    gv100ad.run(GV_FILE, out)
    return out


def chain(parent: dict[str, str], node_id: str) -> list[str]:
    """``node_id`` and every unit above it, up to the Federation."""
    found = [node_id]
    while found[-1] in parent:
        found.append(parent[found[-1]])
        assert len(found) < 10, f"PART_OF loops at {found}"
    return found


def test_destatis_figures(records: list[gv100ad.GVRecord]) -> None:
    counts = Counter(r.type for r in records)
    assert counts == {"10": 16, "20": 29, "30": 12, "40": 400, "50": 4590, "60": 10953}
    assert sum(r.population or 0 for r in records) == 83_577_140


def test_gemeindefreie_gebiete(records: list[gv100ad.GVRecord], nodes: dict[str, Row]) -> None:
    # 202 gemeindefreie Gebiete: 200 uninhabited are left out, 2 inhabited Bezirke stay.
    free = [r for r in records if r.type == "60" and r.text_key in ("65", "66")]
    assert len(free) == 202
    left_out = gv100ad.uninhabited(records)
    assert len(left_out) == 200 and all(r.population == 0 for r in left_out)
    assert not any(f"ags-{r.key}" in nodes for r in left_out)
    assert nodes["ags-03351501"]["name"] == "Lohheide"
    assert nodes["ags-03351501"]["kind"] == "Gemeindefreies Gebiet, bewohnt"
    # The three with Kreis code 000 (e.g. coastal waters of Mecklenburg-Vorpommern) are uninhabited.
    assert sorted(r.key for r in left_out if r.key[2:5] == "000") == [
        "07000999", "13000998", "13000999",
    ]  # fmt: skip


def test_table_sizes(tables: Tables) -> None:
    sizes = {name: len(rows) for name, rows in tables.items()}
    assert sizes == {
        "Federation": 1, "State": 16, "AdministrativeDistrict": 19, "District": 400,
        "MunicipalAssociation": 1203, "Municipality": 10953 - 200, "PART_OF": 12391,
    }  # fmt: skip


def test_population_adds_up(tables: Tables) -> None:
    federation = tables["Federation"][0]
    assert federation["population"] == 83_577_140
    assert sum(int(str(s["population"])) for s in tables["State"]) == 83_577_140
    assert sum(int(str(m["population"])) for m in tables["Municipality"]) == 83_577_140


def test_only_living_regierungsbezirke(tables: Tables, parent: dict[str, str]) -> None:
    codes = {str(s["id"]): s["code"] for s in tables["State"]}
    per_state = Counter(codes[parent[str(rb["id"])]] for rb in tables["AdministrativeDistrict"])
    assert per_state == {"BW": 4, "BY": 7, "HE": 3, "NW": 5}
    names = {rb["name"] for rb in tables["AdministrativeDistrict"]}
    assert {"Darmstadt", "Oberbayern", "Tübingen", "Arnsberg"} <= names
    assert not any("früher" in str(rb["official_name"]) for rb in tables["AdministrativeDistrict"])


def test_states_have_codes(tables: Tables) -> None:
    codes = {s["code"] for s in tables["State"]}
    assert codes == set("BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH".split())  # noqa: SIM905


def test_district_and_association_kinds(tables: Tables) -> None:
    districts = Counter(d["kind"] for d in tables["District"])
    assert districts == {
        "Landkreis": 251, "Kreisfreie Stadt": 97, "Kreis": 42, "Stadtkreis": 9,
        "Regionalverband": 1,
    }  # fmt: skip
    kinds = Counter(a["kind"] for a in tables["MunicipalAssociation"])
    assert kinds["Verbandsgemeinde"] == 148 and kinds["Amt"] == 207
    assert kinds["Gemeindeverwaltungsverband"] == 114  # Baden-Württemberg's term
    assert "verbandsfreie Gemeinde" not in kinds


@pytest.mark.parametrize(
    ("ags", "expected"),
    [
        # Bensheim -> Kreis Bergstraße -> RB Darmstadt -> Hessen
        ("ags-06431002", ["ags-06431", "ags-064", "ags-06", "de"]),
        # Adenau -> Verbandsgemeinde Adenau -> Kreis Ahrweiler -> Rheinland-Pfalz (no RB any more)
        ("ags-07131001", ["ars-071315001", "ags-07131", "ags-07", "de"]),
        # City-states: the municipality, its Kreis and the Land share a name
        ("ags-11000000", ["ags-11000", "ags-11", "de"]),
        ("ags-02000000", ["ags-02000", "ags-02", "de"]),
        # Niedersachsen's statistical regions are no authorities: Kreis -> Land
        ("ags-03351501", ["ags-03351", "ags-03", "de"]),
    ],
)
def test_hierarchy_chains(parent: dict[str, str], ags: str, expected: list[str]) -> None:
    assert chain(parent, ags)[1:] == expected


def test_every_unit_reaches_the_federation(nodes: dict[str, Row], parent: dict[str, str]) -> None:
    assert all(chain(parent, node_id)[-1] == "de" for node_id in nodes)
    assert set(parent) == set(nodes) - {"de"}
    members = Counter(parent.values())
    assert all(members[a] > 0 for a in nodes if a.startswith("ars-"))


def test_no_two_nodes_share_an_ags(tables: Tables) -> None:
    agss = [row["ags"] for name, rows in tables.items() for row in rows if row.get("ags")]
    assert len(agss) == len(set(agss)) == 16 + 19 + 400 + 10753


def test_names(nodes: dict[str, Row]) -> None:
    bensheim = nodes["ags-06431002"]
    assert (bensheim["name"], bensheim["official_name"]) == ("Bensheim", "Bensheim, Stadt")
    assert nodes["ags-06531005"]["aliases"] == ["Universitätsstadt Gießen"]
    assert nodes["ags-064"]["name"] == "Darmstadt"
    assert nodes["ags-06431"]["name"] == "Bergstraße"


def test_bautzen_full_name_from_hinweise(nodes: dict[str, Row]) -> None:
    bautzen = nodes["ags-14625020"]
    full = "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske město"
    assert bautzen["official_name"] == full  # the file cuts it after "Wysokoš"
    assert bautzen["name"] == "Bautzen / Budyšin"
    assert "Hinweise.txt" in str(bautzen["note"])


def test_area_in_square_kilometres(nodes: dict[str, Row]) -> None:
    assert nodes["ags-06531005"]["area_km2"] == "72.61"  # the file gives 7261 ha


def test_every_row_cites_the_source(tables: Tables) -> None:
    assert all(row["sources"] == [SRC] for rows in tables.values() for row in rows)


def test_rerun_gives_identical_files(written: Path, tmp_path: Path) -> None:
    gv100ad.run(GV_FILE, tmp_path)
    names = sorted(p.name for p in written.iterdir())
    assert names == sorted(p.name for p in tmp_path.iterdir())
    assert "sources.yaml" in names
    for name in names:
        assert (written / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_shipped_seed_is_current(written: Path) -> None:
    shipped = REPO / "seed" / "hierarchy"
    for path in sorted(written.iterdir()):
        assert path.read_bytes() == (shipped / path.name).read_bytes(), (
            f"seed/hierarchy/{path.name} is stale: run 'ozggraph import gv100ad {GV_FILE}'"
        )


def test_written_tables_validate(written: Path) -> None:
    dataset = read_dataset(written)
    assert dataset.label_counts()["Municipality"] == 10753
    assert dataset.nodes[SRC].name == "Gemeindeverzeichnis GV100AD, Stand 30.11.2025"


# A small file from real records of Hessen: Land, RB Darmstadt, Kreis Bergstraße, Bensheim.
SAMPLE_KEYS = ("102025113006 ", "2020251130064", "402025113006431", "6020251130064310020002")


@pytest.fixture
def sample_lines() -> list[str]:
    lines = GV_FILE.read_text(encoding="utf-8").splitlines()
    picked = [line for line in lines if line.startswith(SAMPLE_KEYS)]
    assert len(picked) == len(SAMPLE_KEYS)
    return picked


def test_sample_file(sample_lines: list[str], tmp_path: Path) -> None:
    path = tmp_path / "sample.txt"
    path.write_text("\n".join(sample_lines) + "\n", encoding="utf-8")
    tables = gv100ad.to_tables(gv100ad.parse(path))
    parent = {str(e["source"]): str(e["target"]) for e in tables["PART_OF"]}
    assert chain(parent, "ags-06431002") == ["ags-06431002", "ags-06431", "ags-064", "ags-06", "de"]
    assert tables["State"][0]["population"] == tables["Municipality"][0]["population"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda line: "70" + line[2:], "unknown record type '70'"),
        (lambda line: line + "x", "record has 221 characters"),
        (lambda line: line[:139] + "12345x78901" + line[150:], "population '12345x78901'"),
        (lambda line: line[:122] + "99" + line[124:], "unknown Textkennzeichen '99'"),
        (lambda line: line[:10] + "06A31002" + line[18:], "needs a 8-digit key"),
    ],
)
def test_malformed_line_names_file_and_line(
    sample_lines: list[str], tmp_path: Path, change: Callable[[str], str], reason: str
) -> None:
    path = tmp_path / "broken.txt"
    lines = [*sample_lines[:3], change(sample_lines[3])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceTableError, match=rf"broken\.txt:4: .*{re.escape(reason)}") as err:
        gv100ad.parse(path)
    assert reason in str(err.value)
