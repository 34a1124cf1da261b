"""The OZG catalogue importer against KDN's tables: counts, the hierarchy, test rows, collisions."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from ozggraph import read_dataset
from ozggraph.errors import SourceTableError
from ozggraph.importers import catalogue
from ozggraph.importers.tables import Row, Tables

REPO = Path(__file__).parents[2]
DATA = REPO / "raw" / "ozg-katalog-kdn"


@pytest.fixture(scope="module")
def tables() -> Tables:
    return catalogue.to_tables(catalogue.read_catalogue(DATA))


@pytest.fixture(scope="module")
def topics(tables: Tables) -> dict[str, Row]:
    return {str(row["id"]): row for row in tables["Topic"]}


@pytest.fixture(scope="module")
def belongs(tables: Tables) -> dict[str, str]:
    return {str(edge["source"]): str(edge["target"]) for edge in tables["BELONGS_TO"]}


def test_counts(tables: Tables) -> None:
    kinds = Counter(row["kind"] for row in tables["Topic"])
    assert kinds == {"themenfeld": 14, "lebenslage": 55}
    assert len(tables["OZGService"]) == 557
    assert len(tables["BELONGS_TO"]) == 557 + 55


def test_themenfeld_ids_follow_the_convention(topics: dict[str, Row]) -> None:
    assert topics["themenfeld-bauen-wohnen"]["name"] == "Bauen & Wohnen"
    assert topics["themenfeld-querschnitt"]["name"] == "Querschnitt"  # trailing blank dropped


def test_test_rows_are_left_out(topics: dict[str, Row]) -> None:
    assert not any(str(t["name"]).startswith("aaa") for t in topics.values())


def test_service_hierarchy(tables: Tables, belongs: dict[str, str]) -> None:
    services = {str(row["id"]): row for row in tables["OZGService"]}
    abbruch = services["ozg-10513"]
    assert (abbruch["name"], abbruch["ozg_id"]) == ("Abbruchgenehmigung", "10513")
    assert belongs["ozg-10513"] == "lebenslage-bauen-immobilien"
    assert belongs["lebenslage-bauen-immobilien"] == "themenfeld-bauen-wohnen"
    assert all(belongs[belongs[service_id]].startswith("themenfeld-") for service_id in services)


def test_leika_keys(tables: Tables) -> None:
    services = {str(row["id"]): row for row in tables["OZGService"]}
    assert "99012001000000" in services["ozg-10513"]["leika_keys"]  # type: ignore[operator]
    keys = [k for row in tables["OZGService"] for k in row["leika_keys"]]  # type: ignore[union-attr]
    assert all(len(k) == 14 and k.isdigit() for k in keys)


def test_every_row_cites_kdn(tables: Tables) -> None:
    assert all(row["sources"] == [catalogue.SOURCE_ID] for rows in tables.values() for row in rows)


def test_clean_treats_test_values_as_empty() -> None:
    assert catalogue.clean(" Test ") == catalogue.clean("sdesf") == ""
    assert catalogue.clean(" Querschnitt ") == "Querschnitt"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A writable copy of the KDN tables, to break on purpose."""
    folder = tmp_path / "kdn"
    shutil.copytree(DATA, folder)
    return folder


def test_colliding_lebenslagen_take_their_themenfeld(copy: Path) -> None:
    path = copy / "ozg_situation.csv"
    text = path.read_text(encoding="utf-8")
    # Lebenslage 52 "Veranstaltungen" (Unternehmensführung) takes the name of 51 (Engagement).
    path.write_text(text.replace(",Veranstaltungen,", ",Veranstaltung durchführen,"), "utf-8")
    ids = {str(r["id"]) for r in catalogue.to_tables(catalogue.read_catalogue(copy))["Topic"]}
    assert "lebenslage-veranstaltung-durchfuehren" not in ids
    assert {
        "lebenslage-engagement-hobby-veranstaltung-durchfuehren",
        "lebenslage-unternehmensfuehrung-entwicklung-veranstaltung-durchfuehren",
    } <= ids


def test_unknown_lebenslage_names_file_and_line(copy: Path) -> None:
    path = copy / "ozg_service_system.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("1,14,1,10513", "1,999,1,10513")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceTableError, match=r"ozg_service_system\.csv:2: Lebenslage '999'"):
        catalogue.to_tables(catalogue.read_catalogue(copy))


def test_rerun_gives_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    catalogue.run(DATA, first)
    catalogue.run(DATA, second)
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
        shipped = REPO / "seed" / "catalogue" / path.name
        assert path.read_bytes() == shipped.read_bytes(), f"{shipped} is stale: rerun the import"
    dataset = read_dataset(first)
    assert dataset.label_counts() == {"OZGService": 557, "Topic": 69, "Source": 1}
