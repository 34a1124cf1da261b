"""Shared fixtures. Integration tests run against a REAL Neo4j 5.26 server.

Where it comes from, in order: ``NEO4J_URI`` + ``NEO4J_PASSWORD`` from the
environment (e.g. docker compose), else a throw-away server that
``ozggraph.neo4j.devserver`` assembles from Maven Central jars and starts on
127.0.0.1. Under CI (``CI=true``) a server that cannot be had FAILS the run; on
a developer machine without Java/Maven the integration tests are skipped with
the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from ozggraph.neo4j.connection import Settings, connect

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
UNDER_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


#: Folder of tests -> markers every test in it gets, so no test file can forget them.
#: The quick loop (README) deselects them: ``-m "not slow and not integration and not packaging"``.
FOLDER_MARKERS = {
    "integration": ("integration", "slow"),
    "browser": ("integration", "slow"),
    "packaging": ("packaging", "slow"),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.path)).resolve()
        if ROOT / "tests" not in path.parents:
            continue
        folder = path.relative_to(ROOT / "tests").parts[0]
        for marker in FOLDER_MARKERS.get(folder, ()):
            item.add_marker(marker)


@pytest.fixture(scope="session", autouse=True)
def _graph_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the graph cache of test runs out of the user's ~/.cache."""
    saved = os.environ.get("OZGGRAPH_CACHE_DIR")
    os.environ["OZGGRAPH_CACHE_DIR"] = str(tmp_path_factory.mktemp("graph-cache"))
    yield
    if saved is None:
        del os.environ["OZGGRAPH_CACHE_DIR"]
    else:
        os.environ["OZGGRAPH_CACHE_DIR"] = saved


def _unavailable(reason: str) -> None:
    if UNDER_CI:
        pytest.fail(f"Neo4j is required under CI and is unavailable: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j server (not under CI, so skipping): {reason}")


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """Settings of a live server: from NEO4J_* env, else a dev server started here."""
    if os.environ.get("NEO4J_URI") and os.environ.get("NEO4J_PASSWORD"):
        yield Settings.from_env()
        return
    from ozggraph.errors import DevServerError
    from ozggraph.neo4j.devserver import DevServer

    server = DevServer(heap="1g", pagecache="256m")
    try:
        server.start()
    except DevServerError as exc:
        _unavailable(str(exc))
    try:
        yield Settings(uri=server.uri, username=server.user, password=server.password)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    with connect(neo4j_settings) as driver:
        yield driver


@pytest.fixture(scope="session")
def seed_graph():  # type: ignore[no-untyped-def]
    """The shipped dataset as the embedded graph (read once per test session)."""
    from ozggraph.graph import load_graph

    return load_graph(ROOT / "seed")


@pytest.fixture
def loaded_neo4j(neo4j_driver: neo4j.Driver, neo4j_settings: Settings, seed_graph):  # type: ignore[no-untyped-def]
    """The driver, with the shipped seed/ loaded (reloaded only if a test changed it)."""
    from ozggraph.neo4j.load import load, loaded_checksum

    if loaded_checksum(neo4j_driver, neo4j_settings.database) != seed_graph.graph["checksum"]:
        load(neo4j_driver, seed_graph, neo4j_settings.database)
    return neo4j_driver
