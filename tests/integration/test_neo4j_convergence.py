"""The loader's promise on the real Neo4j: big loads, replacement, concurrency, failures.

- a dataset ten times the shipped size loads, and the shipped one replaces it;
- two loads at once both succeed and duplicate nothing;
- a load stopped half-way (an error, or ``kill -9`` of the server) leaves a marker that
  readers warn about, and the next load ends with exactly the dataset's checksum;
- a duplicated relationship (from a loader before the constraints) shows in the
  read-back and is repaired by the next load.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import networkx as nx
import pytest
from at_once import at_once
from click.testing import CliRunner

import ozggraph
from ozggraph.cli import cli
from ozggraph.errors import Neo4jError
from ozggraph.neo4j.connection import Settings, connect
from ozggraph.neo4j.load import load, loaded_checksum
from ozggraph.neo4j.queries import run_query
from ozggraph.neo4j.read import read_graph

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synthetic import make_graph

pytestmark = pytest.mark.integration


def relationship_count(driver, database: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (:OzgGraph)-[r]->(:OzgGraph) WHERE r.id IS NOT NULL RETURN count(r) AS n",
        database_=database,
    )
    return int(records[0]["n"])


def distinct_ids(driver, database: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (:OzgGraph)-[r]->(:OzgGraph) WHERE r.id IS NOT NULL "
        "RETURN count(DISTINCT [type(r), r.id]) AS n",
        database_=database,
    )
    return int(records[0]["n"])


def env(settings: Settings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password or "",
        "NEO4J_DATABASE": settings.database,
    }


class Stop(Exception):
    """Raised from the progress callback: a load interrupted half-way."""


def test_ten_times_the_shipped_size_then_replaced_then_two_loads_at_once(
    neo4j_driver, neo4j_settings, seed_graph
) -> None:
    db = neo4j_settings.database
    big = make_graph(scale=5, seed=5)  # ~165k relationships: ten times the shipped ~13k
    assert big.number_of_edges() >= 10 * seed_graph.number_of_edges()
    done = load(neo4j_driver, big, db)
    assert done.batches > 10  # many transactions, none of them large
    assert read_graph(neo4j_driver, db).graph["checksum"] == ozggraph.checksum(big)

    smaller = load(neo4j_driver, seed_graph, db)  # deletes in batches too
    assert smaller.changes["relationships_deleted"] > 0
    assert loaded_checksum(neo4j_driver, db) == seed_graph.graph["checksum"]
    assert read_graph(neo4j_driver, db).graph["checksum"] == seed_graph.graph["checksum"]

    # The case that duplicated every relationship before: nodes there, relationships not.
    neo4j_driver.execute_query(
        "MATCH (:OzgGraph)-[r]->(:OzgGraph) WHERE r.id IS NOT NULL DELETE r", database_=db
    )
    _, errors = at_once(lambda: load(neo4j_driver, seed_graph, db, batch_size=1000))
    assert errors == []
    assert relationship_count(neo4j_driver, db) == seed_graph.number_of_edges()
    assert distinct_ids(neo4j_driver, db) == seed_graph.number_of_edges()
    back = read_graph(neo4j_driver, db)
    assert (back.graph["checksum"], back.graph["warnings"]) == (seed_graph.graph["checksum"], [])


def test_an_interrupted_load_is_visible_and_the_next_one_finishes_it(
    neo4j_driver, neo4j_settings, seed_graph
) -> None:
    db = neo4j_settings.database
    load(neo4j_driver, seed_graph, db)
    edited = nx.MultiDiGraph(seed_graph)
    edited.remove_nodes_from([n for n in list(edited) if n.startswith("ags-0643")])
    edited.nodes["ags-06"]["name"] = "Hessen (edited)"
    edited.graph["checksum"] = ozggraph.checksum(edited)
    batches = []

    def stop_after_three(step: str, done: int, total: int) -> None:
        batches.append(step)
        if len(batches) == 3:
            raise Stop(step)

    with pytest.raises(Stop):
        load(neo4j_driver, edited, db, progress=stop_after_three, batch_size=5)
    assert loaded_checksum(neo4j_driver, db) is None  # no complete dataset to cite
    back = read_graph(neo4j_driver, db)
    assert back.graph["warnings"] and "unfinished load" in back.graph["warnings"][0]
    result = run_query(neo4j_driver, "find_body", {"name": "Bensheim"}, db)
    assert result.stamp.warning and "UNFINISHED LOAD" in result.stamp.line()
    for args in (["stats", "--backend", "neo4j"], ["query", "find_body", "-p", "name=Hessen"]):
        shown = CliRunner().invoke(cli, args, env=env(neo4j_settings))
        assert shown.exit_code == 0, shown.output
        assert "warning: unfinished load" in shown.output

    finished = load(neo4j_driver, edited, db)
    assert finished.finished_unfinished and finished.changed
    back = read_graph(neo4j_driver, db)
    assert (back.graph["checksum"], back.graph["warnings"]) == (edited.graph["checksum"], [])
    again = load(neo4j_driver, edited, db)
    assert not again.changed and again.batches == 0  # nothing written at all
    load(neo4j_driver, seed_graph, db)  # the shipped data for the next tests


def test_changes_are_counted_property_by_property(neo4j_driver, neo4j_settings, seed_graph):
    db = neo4j_settings.database
    load(neo4j_driver, seed_graph, db)
    renamed = nx.MultiDiGraph(seed_graph)
    renamed.nodes["ags-06431002"]["name"] = "Bensheim (renamed)"
    assert load(neo4j_driver, renamed, db).describe() == "changed: 1 nodes updated"
    neo4j_driver.execute_query(
        "MATCH (n:OzgGraph {id: 'ags-06'}) SET n.pagerank = 0.5", database_=db
    )
    dropped = load(neo4j_driver, seed_graph, db)  # drops pagerank, renames back
    assert dropped.changes["nodes_updated"] == 2, dropped.changes
    assert load(neo4j_driver, seed_graph, db).describe() == "unchanged"


def test_a_duplicated_relationship_shows_and_is_repaired(neo4j_driver, neo4j_settings, seed_graph):
    db = neo4j_settings.database
    load(neo4j_driver, seed_graph, db)
    rid = next(k for *_, k, a in seed_graph.edges(keys=True, data=True) if a["type"] == "FUNDS")
    duplicate = (
        "MATCH (a:OzgGraph)-[r:FUNDS {id: $id}]->(b:OzgGraph) "
        "CREATE (a)-[c:FUNDS]->(b) SET c = properties(r)"
    )
    with pytest.raises(Exception, match="already exists"):  # the constraint forbids it
        neo4j_driver.execute_query(duplicate, id=rid, database_=db)
    # A database written by a loader without constraints: drop it, duplicate, see, repair.
    neo4j_driver.execute_query("DROP CONSTRAINT ozggraph_FUNDS_id", database_=db)
    neo4j_driver.execute_query(duplicate, id=rid, database_=db)
    back = read_graph(neo4j_driver, db)
    assert back.number_of_edges() == seed_graph.number_of_edges() + 1
    assert back.graph["checksum"] != seed_graph.graph["checksum"]
    assert any("stored twice" in warning for warning in back.graph["warnings"])
    repaired = load(neo4j_driver, seed_graph, db)
    assert repaired.changed
    back = read_graph(neo4j_driver, db)
    assert (back.graph["checksum"], back.graph["warnings"]) == (seed_graph.graph["checksum"], [])


def test_a_value_neo4j_cannot_store_is_refused_before_anything_is_written(
    neo4j_driver, neo4j_settings, seed_graph
) -> None:
    db = neo4j_settings.database
    load(neo4j_driver, seed_graph, db)
    broken = nx.MultiDiGraph(seed_graph)
    broken.nodes["ags-06"]["note"] = {"not": "storable"}
    with pytest.raises(Neo4jError, match=r"ags-06: property 'note'.*nothing was written"):
        load(neo4j_driver, broken, db)
    assert loaded_checksum(neo4j_driver, db) == seed_graph.graph["checksum"]


class RestartableServer:
    """A dev server of its own that can be killed with SIGKILL and started again on its store."""

    def __init__(self) -> None:
        from ozggraph.neo4j.devserver import DevServer

        store: dict[str, Path] = {}

        class Server(DevServer):
            def _write_conf(self, home: Path) -> Path:
                conf = super()._write_conf(home)
                if "data" in store:  # a restart: the killed server's store, as it was left
                    shutil.rmtree(home / "data")
                    shutil.copytree(store["data"], home / "data", symlinks=True)
                return conf

        self.store = store
        self.server = Server(startup_timeout=600)  # recovery after kill -9 on a busy machine

    def start(self) -> Settings:
        self.server.start()
        return Settings(uri=self.server.uri, password=self.server.password)

    def kill(self) -> None:
        assert self.server.process is not None and self.server.home is not None
        os.kill(self.server.process.pid, signal.SIGKILL)
        self.server.process.wait()
        self.server.process = None
        self.store["data"] = Path(self.server.home.parent / (self.server.home.name + "-store"))
        shutil.copytree(self.server.home / "data", self.store["data"], symlinks=True)
        self.server.stop()  # removes the old home; the store copy stays

    def stop(self) -> None:
        self.server.stop()
        if "data" in self.store:
            shutil.rmtree(self.store["data"], ignore_errors=True)


def test_kill_9_during_a_large_load_then_restart_and_load_gives_the_exact_checksum() -> None:
    big = make_graph(scale=1, seed=7)  # ~43k relationships, batches of 2,000
    expected = ozggraph.checksum(big)
    server = RestartableServer()
    try:
        settings = server.start()
        batches: list[str] = []

        def kill_mid_load(step: str, done: int, total: int) -> None:
            batches.append(step)
            if len(batches) == 12:  # nodes written, relationships half-way
                server.kill()

        with connect(settings) as driver, pytest.raises(Neo4jError) as lost:
            load(driver, big, "neo4j", progress=kill_mid_load, batch_size=2000)
        message = str(lost.value)
        assert "lost the connection to Neo4j" in message and "run 'ozggraph load'" in message
        assert len(message.splitlines()) == 1 and settings.password not in message

        settings = server.start()  # same store, recovered from its transaction log
        with connect(settings) as driver:
            left = read_graph(driver, "neo4j")
            assert left.graph["warnings"] and "unfinished load" in left.graph["warnings"][0]
            assert left.graph["checksum"] != expected
            finished = load(driver, big, "neo4j")
            assert finished.finished_unfinished
            back = read_graph(driver, "neo4j")
            assert (back.graph["checksum"], back.graph["warnings"]) == (expected, [])
            assert relationship_count(driver, "neo4j") == big.number_of_edges()
    finally:
        server.stop()
