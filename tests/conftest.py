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


#: Unit tests (file, or file::test) that take more than a few seconds: measured with
#: ``pytest tests/unit --durations=60``; they run in the full suite, not in the quick loop.
SLOW_UNIT_TESTS = (
    "test_rebuild.py",
    "test_seed_mutations.py",
    "test_spread_cli.py",
    "test_report_explorer.py",
    "test_report_seed.py",
    "test_national_layers.py",
    "test_efa_import.py",
    "test_evidence.py",
    "test_server_settings.py::test_commands_print_that_line_and_exit_1",
    "test_one_model.py::test_every_adoption_path_hop_names_what_the_tie_is_made_of",
    "test_one_model.py::test_every_label_and_type_named_outside_the_schema_exists_in_it",
    "test_one_model.py::test_seeds_find_the_bavarian_provider_the_report_ranks",
    "test_one_model.py::test_report_and_seeds_place_the_same_bodies_in_every_land",
    "test_feedback.py::test_default_p_says_where_it_comes_from",
    "test_self_contained.py::test_no_file_points_outside_the_repository",
    "test_readme.py::test_readme_python_blocks_run",
    "test_mistakes.py::test_mistakes_in_a_real_process",
    "test_report.py::test_every_format_carries_the_stamp",
    "test_analytics_brokerage.py::test_agreement_with_networkx_on_a_random_weighted_graph",
    "test_gv100ad.py::test_written_tables_validate",
    "test_startup.py::test_the_text_report_draws_nothing",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.path)).resolve()
        if ROOT / "tests" not in path.parents:
            continue
        folder = path.relative_to(ROOT / "tests").parts[0]
        for marker in FOLDER_MARKERS.get(folder, ()):
            item.add_marker(marker)
        name = f"{path.name}::{getattr(item, 'originalname', item.name)}"
        if folder == "unit" and (path.name in SLOW_UNIT_TESTS or name in SLOW_UNIT_TESTS):
            item.add_marker("slow")


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
