"""The report is the same from the embedded graph and from Neo4j; analyze --write stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import neo4j
import networkx as nx
import pytest
from click.testing import CliRunner

from ozggraph.analytics.summary import MEASURES as PROPERTIES
from ozggraph.analytics.summary import analyse
from ozggraph.cli import cli
from ozggraph.neo4j.backend import get_graph
from ozggraph.neo4j.connection import Settings
from ozggraph.neo4j.read import read_graph
from ozggraph.neo4j.writeback import write_measures
from ozggraph.output import build_report, render

pytestmark = pytest.mark.integration

_CLEAR = "MATCH (n:OzgGraph) REMOVE " + ", ".join(f"n.{p}" for p in PROPERTIES)


def report_json(graph: nx.MultiDiGraph, **options: Any) -> dict[str, Any]:
    data = json.loads(render(build_report(graph, **options), "json"))
    data["stamp"].pop("backend")
    return data


@pytest.mark.parametrize("options", [{}, {"land": "HE", "as_of": "2022"}])
def test_embedded_and_neo4j_reports_are_identical(
    loaded_neo4j: neo4j.Driver,
    neo4j_settings: Settings,
    seed_graph: nx.MultiDiGraph,
    options: dict[str, str],
) -> None:
    from_server = get_graph("neo4j", settings=neo4j_settings)
    assert from_server.graph["backend"] == "neo4j"
    assert report_json(from_server, **options) == report_json(seed_graph, **options)


@pytest.fixture
def clean_measures(loaded_neo4j: neo4j.Driver, neo4j_settings: Settings) -> Iterator[None]:
    """Leave the database as found: no analytics properties before or after."""
    loaded_neo4j.execute_query(_CLEAR, database_=neo4j_settings.database)
    yield
    loaded_neo4j.execute_query(_CLEAR, database_=neo4j_settings.database)


def test_write_back_is_idempotent_and_sortable_in_cypher(
    loaded_neo4j: neo4j.Driver,
    neo4j_settings: Settings,
    seed_graph: nx.MultiDiGraph,
    clean_measures: None,
) -> None:
    db = neo4j_settings.database
    analysis = analyse(seed_graph)
    first = write_measures(loaded_neo4j, analysis.nodes, db, properties=PROPERTIES)
    again = write_measures(loaded_neo4j, analysis.nodes, db, properties=PROPERTIES)
    assert first.written == again.written == len(analysis.nodes) and again.cleared == 0
    records, _, _ = loaded_neo4j.execute_query(
        "MATCH (n:OzgGraph) WHERE n.pagerank IS NOT NULL "
        "RETURN n.id AS id, n.pagerank AS pagerank, n.community AS community, "
        "n.brokerage_role AS role ORDER BY n.pagerank DESC, n.id LIMIT 5",
        database_=db,
    )
    expected = sorted(analysis.nodes, key=lambda n: (-analysis.nodes[n]["pagerank"], n))[:5]
    assert [r["id"] for r in records] == expected
    top = analysis.nodes[expected[0]]
    assert (
        records[0]["community"] == top["community"] and records[0]["role"] == top["brokerage_role"]
    )
    assert read_graph(loaded_neo4j, db).graph["checksum"] == seed_graph.graph["checksum"]


def test_stale_measures_are_cleared(
    loaded_neo4j: neo4j.Driver,
    neo4j_settings: Settings,
    seed_graph: nx.MultiDiGraph,
    clean_measures: None,
) -> None:
    db = neo4j_settings.database
    analysis = analyse(seed_graph)
    write_measures(loaded_neo4j, analysis.nodes, db, properties=PROPERTIES)
    gone = sorted(analysis.nodes)[0]
    del analysis.nodes[gone]
    assert write_measures(loaded_neo4j, analysis.nodes, db, properties=PROPERTIES).cleared == 1
    records, _, _ = loaded_neo4j.execute_query(
        "MATCH (n:OzgGraph {id: $id}) RETURN n.pagerank AS pagerank", id=gone, database_=db
    )
    assert records[0]["pagerank"] is None


def test_cli_analyze_write(
    loaded_neo4j: neo4j.Driver, neo4j_settings: Settings, clean_measures: None
) -> None:
    s = neo4j_settings
    result = CliRunner().invoke(
        cli,
        [
            "analyze",
            "--write",
            "--uri",
            s.uri,
            "--username",
            s.username,
            "--password",
            s.password or "",
            "--database",
            s.database,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "wrote measures of" in result.output and (s.password or "§") not in result.output
