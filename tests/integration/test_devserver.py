"""Integration test: a real Neo4j 5.26 Community server assembled from Maven Central."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

neo4j = pytest.importorskip("neo4j")

from ozggraph.neo4j.devserver import DevServer  # noqa: E402

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("java") is None, reason="java not installed"),
]


@pytest.fixture(scope="module")
def server() -> Iterator[DevServer]:
    with DevServer(password="ozggraph-test-pw") as srv:
        yield srv
    assert srv.home is None and srv.process is None


def test_return_1_and_version(server: DevServer) -> None:
    assert server.uri.startswith("bolt://127.0.0.1:")
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS x", database_="neo4j")
        assert records[0]["x"] == 1
        records, _, _ = driver.execute_query("CALL dbms.components()", database_="neo4j")
        assert records[0]["name"] == "Neo4j Kernel"
        assert records[0]["versions"][0].startswith("5.26")
        assert records[0]["edition"] == "community"


def test_wrong_password_rejected(server: DevServer) -> None:
    auth = (server.user, "wrong-password")
    with (
        neo4j.GraphDatabase.driver(server.uri, auth=auth) as driver,
        pytest.raises(neo4j.exceptions.AuthError),
    ):
        driver.verify_connectivity()
