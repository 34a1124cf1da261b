"""``ozggraph import all``: raw/ rebuilds the committed seed/ byte for byte.

If this fails after an importer or a raw table changed, run ``ozggraph import all``
and commit the regenerated seed/ with the change.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ozggraph.errors import OzgGraphError, SourceTableError
from ozggraph.importers import IMPORTERS, import_all, importer

REPO = Path(__file__).parents[2]
RAW, SEED = REPO / "raw", REPO / "seed"


def files(root: Path, folders: list[str]) -> dict[str, bytes]:
    """Relative path -> bytes of every file in ``folders`` of ``root``."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for folder in folders
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "seed"
    shutil.copytree(SEED, copy)
    return copy


def test_every_raw_source_is_imported_by_one_registry_entry() -> None:
    names = [entry.name for entry in IMPORTERS]
    assert len(names) == len(set(names)) and "all" not in names
    for entry in IMPORTERS:
        assert (RAW / entry.source).exists(), entry
        assert (SEED / entry.out).is_dir(), entry
    assert importer("efa").out == "efa"
    with pytest.raises(OzgGraphError, match="no importer 'nope'"):
        importer("nope")


def test_import_all_rebuilds_the_committed_seed_byte_for_byte(seed_copy: Path) -> None:
    for folder in [entry.out for entry in IMPORTERS]:
        shutil.rmtree(seed_copy / folder)  # rebuilt from nothing, not patched in place
    lines = list(import_all(RAW, seed_copy))
    assert lines[0].startswith("gv100ad: ")
    imported = [entry.out for entry in IMPORTERS]
    rebuilt, committed = files(seed_copy, imported), files(SEED, imported)
    assert sorted(rebuilt) == sorted(committed), "seed/ is stale: run 'ozggraph import all'"
    stale = [name for name in committed if rebuilt[name] != committed[name]]
    assert not stale, f"seed/ is stale ({stale}): run 'ozggraph import all'"
    # hand-written folders are read, never written
    assert files(seed_copy, ["curated"]) == files(SEED, ["curated"])


def test_a_failing_importer_leaves_the_dataset_as_it_was(tmp_path: Path, seed_copy: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    table = raw / "efa-reuse" / "efa_reuse.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",live,", ",lived,", 1), "utf-8")
    before = files(seed_copy, ["."])
    with pytest.raises(SourceTableError, match=r"efa_reuse\.csv:\d+: bad stage 'lived'"):
        list(import_all(raw, seed_copy))
    assert files(seed_copy, ["."]) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".import-")] == []


def test_cli_import_all_names_a_missing_raw_source(tmp_path: Path, seed_copy: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    code = "from ozggraph.cli import main; main()"
    args = ["import", "all", "--raw", str(raw), "--seed", str(seed_copy)]
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "missing raw source(s)" in result.stderr and "destatis-gv100ad" in result.stderr
