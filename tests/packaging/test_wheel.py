"""The wheel carries the dataset and the query library: built, installed, run from elsewhere.

This is what a user who runs ``pip install ozggraph`` (or ``pip install .``) gets: no
checkout, no seed/ beside them. The wheel is built offline from a copy of the
repository (no build isolation; setuptools comes with the ``dev`` extra) and installed
without network: the fresh venv sees this environment's packages for the dependencies
only (a ``.pth`` line, so this environment's editable ozggraph stays invisible).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import networkx as nx
import pytest

import ozggraph

pytestmark = pytest.mark.packaging

REPO = Path(__file__).parents[2]
#: What the build needs: the rest of the repository (tests, raw/, docs) stays out.
BUILD_INPUTS = (
    "pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "ozggraph", "seed", "cypher",
)  # fmt: skip


def run(*args: str | Path, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(bin folder of a fresh venv with the built wheel installed, environment to run it)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    source.mkdir()
    for name in BUILD_INPUTS:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
        copy(REPO / name, source / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OZGGRAPH_", "PYTHON"))}
    env["OZGGRAPH_CACHE_DIR"] = str(tmp / "cache")
    dist = tmp / "dist"
    pip = (sys.executable, "-m", "pip")
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", dist, source,
        cwd=tmp, env=env)  # fmt: skip
    (wheel,) = dist.glob("ozggraph-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ozggraph/_seed/hierarchy/Municipality.csv" in names
    assert "ozggraph/_seed/curated/sources.yaml" in names
    assert "ozggraph/_cypher/find_body.cypher" in names

    target = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    bin_dir = target / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
               cwd=tmp, env=env).strip()  # fmt: skip
    (Path(site) / "deps-of-the-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(*pip, "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=tmp, env=env)
    return bin_dir, env


def test_installed_wheel_runs_the_report_from_any_folder(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    report = run(bin_dir / "ozggraph", "report", cwd=tmp_path, env=env)
    assert "ozggraph" in report and "sha256:" in report
    stats = run(bin_dir / "ozggraph", "stats", cwd=tmp_path, env=env)
    assert "Municipality" in stats


def test_installed_library_loads_the_packaged_dataset(
    installed: tuple[Path, dict[str, str]], tmp_path: Path, seed_graph: nx.MultiDiGraph
) -> None:
    bin_dir, env = installed
    code = (
        "import ozggraph, ozggraph.dataset.locations as loc\n"
        "G = ozggraph.load_graph()\n"
        "assert loc.checkout() is None, loc.checkout()\n"
        "print(ozggraph.__version__, G.nodes['ags-06431002']['name'], G.graph['checksum'])\n"
    )
    out = run(bin_dir / "python", "-c", code, cwd=tmp_path, env=env).split()
    assert out == [ozggraph.__version__, "Bensheim", seed_graph.graph["checksum"]]


def test_installed_wheel_lists_and_guides_the_query_library(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """``query --list`` and the Browser guide of ``server start`` need no checkout."""
    bin_dir, env = installed
    listed = run(bin_dir / "ozggraph", "query", "--list", cwd=tmp_path, env=env)
    names = sorted(p.stem for p in (REPO / "cypher").glob("*.cypher"))
    assert all(name in listed for name in names), listed
    code = (
        "import ozggraph.dataset.locations as loc\n"
        "from ozggraph.neo4j.browser import guide_html\n"
        "from ozggraph.neo4j.queries import library_dir\n"
        "assert library_dir() == loc.PACKAGED_CYPHER, library_dir()\n"
        "print(guide_html())\n"
    )
    guide = run(bin_dir / "python", "-c", code, cwd=tmp_path, env=env)
    assert all(f"<code>{name}</code>" in guide for name in names)
