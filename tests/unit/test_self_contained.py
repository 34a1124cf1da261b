"""The repository speaks only of itself: no sibling folders, no paths of a machine.

A clone with nothing beside it must work, so no code, test, doc, help text or data
file may point outside the repository.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

import ozggraph

REPO = Path(__file__).parents[2]
#: A folder beside the checkout, or an absolute path of a development machine (a path
#: inside a URL is preceded by a host name, so it does not match).
OUTSIDE = re.compile(r"\.\./shared|(?<![\w.:/~-])/(?:work|home|root|Users|mnt|srv)/\w")


def tracked_text_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        # an unpacked sdist has no git; CI always runs on a clone, so there it fails
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("not a git checkout", pytrace=False)
        pytest.skip("not a git checkout (not under CI)")
    paths = [REPO / name for name in listed.decode().split("\0") if name]
    return [p for p in paths if p.is_file() and b"\0" not in p.read_bytes()[:8192]]


def test_no_file_points_outside_the_repository() -> None:
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()[:100]}"
        for path in tracked_text_files()
        for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not found, "\n".join(found)


def test_version_is_the_package_version_string() -> None:
    assert isinstance(ozggraph.__version__, str)
    assert re.match(r"\d+\.\d+", ozggraph.__version__)
    assert not hasattr(ozggraph, "version"), "importlib's function leaked into the package"


def test_one_place_decides_where_the_default_dataset_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ozggraph.dataset import locations

    monkeypatch.delenv("OZGGRAPH_SEED", raising=False)
    assert locations.checkout() == REPO  # an editable install runs from this checkout
    assert locations.default_seed_path() == REPO / "seed"
    assert locations.source_paths() == (REPO / "raw", REPO / "seed")
    monkeypatch.setenv("OZGGRAPH_SEED", str(tmp_path))
    assert locations.default_seed_path() == tmp_path
    # installed (no checkout around the package): the dataset packaged in the wheel
    monkeypatch.delenv("OZGGRAPH_SEED")
    monkeypatch.setattr(locations, "checkout", lambda: None)
    monkeypatch.setattr(locations, "PACKAGED_SEED", tmp_path)
    assert locations.default_seed_path() == tmp_path
    monkeypatch.setattr(locations, "PACKAGED_SEED", tmp_path / "absent")
    with pytest.raises(ozggraph.OzgGraphError, match="no dataset found"):
        locations.default_seed_path()
