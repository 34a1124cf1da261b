"""Neo4j for analysts, hardened: runaway queries end, the bulk path keeps every value, the
password never shows in the process list, a load counts only what it wrote.

The query tests share the session's server (``loaded_neo4j``); the bulk and password
tests run their own server in a kept home: started (the process list scanned while the
password is set), stopped, bulk-imported, started again, loaded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from at_once import at_once

from ozggraph.errors import Neo4jError, OzgGraphError, QueryError
from ozggraph.neo4j.connection import Settings, connect
from ozggraph.neo4j.devserver import DevServer
from ozggraph.neo4j.load import load, loaded_checksum
from ozggraph.neo4j.queries import run_cypher, run_query
from ozggraph.neo4j.read import read_graph

pytestmark = pytest.mark.integration

UNDER_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
#: Three-way cartesian product the count store cannot answer: minutes of work.
RUNAWAY = (
    "MATCH (a:OzgGraph), (b:OzgGraph), (c:OzgGraph) "
    "WHERE a.id < b.id AND b.id < c.id RETURN count(*) AS n"
)


def env(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password or "",
        "NEO4J_DATABASE": settings.database,
    }


def ozggraph_command(*args: str) -> list[str]:
    """``ozggraph ARGS`` as from a terminal: Ctrl-C is KeyboardInterrupt even if the test
    runner was started with SIGINT ignored (as background jobs of a script are)."""
    code = (
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "from ozggraph.cli import main; main()"
    )
    return [sys.executable, "-c", code, *args]


def running_queries(driver, database: str, text: str) -> list[str]:
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
        "WHERE currentQuery CONTAINS $text RETURN transactionId",
        text=text,
        database_=database,
    )
    return [record["transactionId"] for record in records]


def wait_for(condition, seconds: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


# --- query timeouts and Ctrl-C ---------------------------------------------------------


def test_a_runaway_read_ends_at_its_timeout_with_one_line(loaded_neo4j, neo4j_settings) -> None:
    db = neo4j_settings.database
    with pytest.raises(QueryError, match=r"ran longer than 2 s .* --timeout SECONDS"):
        run_cypher(loaded_neo4j, RUNAWAY, database=db, timeout=2)
    done = subprocess.run(
        ozggraph_command("cypher", RUNAWAY, "--timeout", "2"),
        env=env(neo4j_settings),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "ran longer than 2 s" in done.stderr
    assert wait_for(lambda: not running_queries(loaded_neo4j, db, "a.id < b.id"), 30)


def test_the_first_ctrl_c_ends_the_server_transaction(loaded_neo4j, neo4j_settings) -> None:
    db = neo4j_settings.database
    query = RUNAWAY.replace("count(*)", "count(*) + 0")  # its own text, to find it
    child = subprocess.Popen(
        ozggraph_command("cypher", query, "--timeout", "0"),  # no limit: only Ctrl-C ends it
        env=env(neo4j_settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: running_queries(loaded_neo4j, db, "count(*) + 0"), 120)
        child.send_signal(signal.SIGINT)  # once
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert wait_for(lambda: not running_queries(loaded_neo4j, db, "count(*) + 0"), 10)


def test_library_files_pass_the_same_plan_check(
    loaded_neo4j, neo4j_settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = "// Question: changed by hand\n// Parameters: none\n// Columns:\n//   n: a count\n"
    (tmp_path / "load_csv.cypher").write_text(
        header + "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN count(row) AS n\n"
    )
    (tmp_path / "writes.cypher").write_text(header + "CREATE (x:Intruder) RETURN 1 AS n\n")
    (tmp_path / "admin.cypher").write_text(header + "SHOW USERS YIELD user RETURN user AS n\n")
    monkeypatch.setenv("OZGGRAPH_CYPHER", str(tmp_path))
    db = neo4j_settings.database
    with pytest.raises(QueryError, match="LOAD CSV"):
        run_query(loaded_neo4j, "load_csv", {}, db)
    with pytest.raises(QueryError, match="writes"):
        run_query(loaded_neo4j, "writes", {}, db)
    with pytest.raises(QueryError, match="administration"):
        run_query(loaded_neo4j, "admin", {}, db)
    records, _, _ = loaded_neo4j.execute_query("MATCH (x:Intruder) RETURN count(x) AS n")
    assert records[0]["n"] == 0


# --- what a load says it wrote -------------------------------------------------------------


def test_two_loads_at_once_each_count_only_what_they_wrote(
    neo4j_driver, neo4j_settings, seed_graph
) -> None:
    db = neo4j_settings.database
    with neo4j_driver.session(database=db) as session:  # auto-commit: IN TRANSACTIONS
        session.run(
            "MATCH (n:OzgGraph) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS"
        ).consume()
        session.run("MATCH (m:OzgGraphMeta) DELETE m").consume()
    summaries, errors = at_once(lambda: load(neo4j_driver, seed_graph, db, batch_size=500))
    assert errors == []
    created = sum(s.changes["nodes_created"] for s in summaries)
    related = sum(s.changes["relationships_created"] for s in summaries)
    assert (created, related) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    assert read_graph(neo4j_driver, db).graph["checksum"] == seed_graph.graph["checksum"]


def test_an_unchanged_reload_skips_the_read_back_unless_verify(
    neo4j_driver, neo4j_settings, seed_graph
) -> None:
    db = neo4j_settings.database
    load(neo4j_driver, seed_graph, db)
    neo4j_driver.execute_query(  # a change by hand, invisible to checksum and counts
        "MATCH (n:OzgGraph {id: 'ags-06'}) SET n.name = 'Hessen (by hand)'", database_=db
    )
    assert load(neo4j_driver, seed_graph, db).describe() == "unchanged"
    assert load(neo4j_driver, seed_graph, db, verify=True).describe() == (
        "changed: 1 nodes updated"
    )
    assert read_graph(neo4j_driver, db).graph["checksum"] == seed_graph.graph["checksum"]


# --- one server of our own: the password at first start, the bulk path ---------------------


class PasswordWatch:
    """Scans ``ps -eo args`` as fast as it can while a server starts."""

    def __init__(self, secret: str) -> None:
        self.secret, self.scans, self.seen = secret, 0, []
        self.java_seen = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._scan, daemon=True)

    def _scan(self) -> None:
        while not self._stop.is_set():
            ps = ["ps", "-ww", "-eo", "args"]  # -ww: whole lines, whatever $COLUMNS says
            lines = subprocess.run(ps, capture_output=True, text=True).stdout
            self.scans += 1
            self.java_seen |= ".admin-" in lines  # java -cp ... @HOME/.admin-XXXX.args
            self.seen += [line for line in lines.splitlines() if self.secret in line]

    def __enter__(self) -> PasswordWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture(scope="module")
def own_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[DevServer, PasswordWatch]]:
    from ozggraph.errors import DevServerError

    home = tmp_path_factory.mktemp("bulk") / "neo4j"
    secret = "never-on-a-command-line-" + os.urandom(6).hex()
    server = DevServer(secret, home=home)
    try:
        with PasswordWatch(secret) as watch:
            server.start()
    except DevServerError as exc:
        if UNDER_CI:
            pytest.fail(f"Neo4j is required under CI and is unavailable: {exc}", pytrace=False)
        pytest.skip(f"no Neo4j (not under CI, so skipping): {exc}")
    settings = Settings(uri=server.uri, username=server.user, password=secret)
    with connect(settings):
        pass  # the password set at first start is the one that works
    try:
        yield server, watch
    finally:
        server.stop()


def test_the_initial_password_never_shows_in_the_process_list(own_server) -> None:
    _server, watch = own_server
    assert watch.scans > 3 and watch.java_seen  # it looked while neo4j-admin ran
    assert watch.seen == []


def test_bulk_import_keeps_every_value_then_load_finds_nothing_to_change(
    own_server, seed_graph
) -> None:
    from ozggraph.neo4j.bulk import import_into

    server, _watch = own_server
    home = server.home
    semicolons = [
        (n, k)
        for n, a in seed_graph.nodes(data=True)
        for k, v in a.items()
        if isinstance(v, list) and any(";" in item for item in v)
    ]
    assert semicolons, "the shipped data has list items with ';' (aliases, reported_members)"
    settings = Settings(uri=server.uri, username=server.user, password=server.password)
    with pytest.raises(Neo4jError, match="is running: stop it first") as refused:
        import_into(home, seed_graph)  # the server of the home runs
    assert "\n" not in str(refused.value)
    server.stop()
    done = import_into(home, seed_graph)
    assert (done.nodes, done.relationships) == (
        seed_graph.number_of_nodes(),
        seed_graph.number_of_edges(),
    )
    server.start()
    with connect(settings) as driver:
        first = load(driver, seed_graph, "neo4j")
        assert not any(first.changes.values()), first.changes  # nothing to correct
        assert first.describe() == "data unchanged, dataset marker recorded"
        assert load(driver, seed_graph, "neo4j").describe() == "unchanged"
        back = read_graph(driver, "neo4j")
        assert back.graph["checksum"] == seed_graph.graph["checksum"]
        assert loaded_checksum(driver, "neo4j") == seed_graph.graph["checksum"]
        for node, key in semicolons:
            assert back.nodes[node][key] == seed_graph.nodes[node][key]


def test_csv_export_joins_lists_with_a_delimiter_no_value_holds(seed_graph, tmp_path) -> None:
    from ozggraph.output.export import ADMIN_ARRAY_DELIMITER, ADMIN_IMPORT_OPTION, write_admin_csv

    files = write_admin_csv(seed_graph, tmp_path)
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert ADMIN_ARRAY_DELIMITER in text and ADMIN_IMPORT_OPTION.endswith("U+001F")
    bad = nx.MultiDiGraph(seed_graph)
    node = next(n for n, a in bad.nodes(data=True) if a.get("aliases"))
    bad.nodes[node]["aliases"] = ["a\x1fb"]
    with pytest.raises(OzgGraphError, match=rf"{node} aliases: .*U\+001F"):
        write_admin_csv(bad, tmp_path / "bad")
