"""The server the tests use is the real Neo4j 5.26 Community, with auth enabled."""

from __future__ import annotations

import neo4j
import pytest

from ozggraph.neo4j.connection import Settings, server_version

pytestmark = pytest.mark.integration


def test_it_is_neo4j_community_5_26(neo4j_driver: neo4j.Driver) -> None:
    records, _, _ = neo4j_driver.execute_query("CALL dbms.components()", database_="neo4j")
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["edition"] == "community"
    assert server_version(neo4j_driver).startswith("5.26")


def test_wrong_password_rejected(neo4j_settings: Settings) -> None:
    auth = (neo4j_settings.username, "wrong-password")
    with (
        neo4j.GraphDatabase.driver(neo4j_settings.uri, auth=auth) as driver,
        pytest.raises(neo4j.exceptions.AuthError),
    ):
        driver.verify_connectivity()
