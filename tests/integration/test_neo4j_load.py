"""Loading into the real Neo4j: round trip, idempotence, replacement, rollback, bad connections."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

import ozggraph
from ozggraph.errors import Neo4jError
from ozggraph.neo4j.connection import Settings, connect
from ozggraph.neo4j.load import BATCH_SIZE, batch_size_for, load
from ozggraph.neo4j.read import read_graph
from ozggraph.schema import EDGE_TYPES

pytestmark = pytest.mark.integration
MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def _db(settings: Settings) -> str:
    return settings.database


def test_batches_fit_the_servers_transaction_memory(neo4j_driver, neo4j_settings) -> None:
    db = _db(neo4j_settings)
    # The dev server: 256 MiB for all transactions at once, room for two full batches.
    assert batch_size_for(neo4j_driver, db, workers=2) == BATCH_SIZE
    # 64 transactions at once share it: 4 MiB each, ~1,000 rows of a few properties.
    assert batch_size_for(neo4j_driver, db, workers=64) == 1024


def test_round_trip_gives_the_same_graph_and_checksum(neo4j_driver, neo4j_settings) -> None:
    G = ozggraph.load_graph(MINI)
    load(neo4j_driver, G, _db(neo4j_settings))
    back = read_graph(neo4j_driver, _db(neo4j_settings))
    assert back.graph["checksum"] == G.graph["checksum"]
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))


def test_loading_twice_changes_nothing(neo4j_driver, neo4j_settings) -> None:
    G = ozggraph.load_graph(MINI)
    load(neo4j_driver, G, _db(neo4j_settings))
    again = load(neo4j_driver, G, _db(neo4j_settings))
    assert not again.changed, again.counters
    assert read_graph(neo4j_driver, _db(neo4j_settings)).graph["checksum"] == G.graph["checksum"]


def test_edited_dataset_replaces_the_old_but_not_foreign_data(neo4j_driver, neo4j_settings):
    db = _db(neo4j_settings)
    load(neo4j_driver, ozggraph.load_graph(MINI), db)
    neo4j_driver.execute_query(
        "MATCH (a:OzgGraph {id: 'ags-06'}) CREATE (:Foreign {id: 'mine'})-[:LIKES]->(a) "
        "WITH a MATCH (b:OzgGraph {id: 'de'}) CREATE (a)-[:PART_OF {mine: true}]->(b)",
        database_=db,
    )
    edited = ozggraph.load_graph(MINI)
    edited.remove_node("sol-ekom21-platform")  # and with it OPERATES and REUSES
    edited.nodes["ags-06532023"]["population"] = 1
    del edited.nodes["ags-06532023"]["area_km2"]
    edited.nodes["he-hmdis"]["label"] = "Agency"  # a body re-classified
    edited.graph["checksum"] = ozggraph.checksum(edited)
    load(neo4j_driver, edited, db)
    back = read_graph(neo4j_driver, db)
    assert back.graph["checksum"] == edited.graph["checksum"]
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (f:Foreign)-[:LIKES]->() OPTIONAL MATCH ()-[r:PART_OF {mine: true}]->() "
        "RETURN count(DISTINCT f) AS foreign, count(r) AS mine",
        database_=db,
    )
    assert (records[0]["foreign"], records[0]["mine"]) == (1, 1)
    labels, _, _ = neo4j_driver.execute_query(
        "MATCH (n {id: 'he-hmdis'}) RETURN labels(n) AS labels", database_=db
    )
    assert sorted(labels[0]["labels"]) == ["Agency", "OzgGraph"]
    neo4j_driver.execute_query("MATCH (f:Foreign) DETACH DELETE f", database_=db)
    neo4j_driver.execute_query("MATCH ()-[r:PART_OF {mine: true}]->() DELETE r", database_=db)


def test_constraints_come_from_the_schema(neo4j_driver, neo4j_settings) -> None:
    load(neo4j_driver, ozggraph.load_graph(MINI), _db(neo4j_settings))
    records, _, _ = neo4j_driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "WHERE type ENDS WITH 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties",
        database_=_db(neo4j_settings),
    )
    unique_on_id = {r["label"] for r in records if r["properties"] == ["id"]}
    assert {"OzgGraph", "Municipality", "Source", "Solution"} <= unique_on_id
    assert set(EDGE_TYPES) <= unique_on_id  # relationships too
    indexes, _, _ = neo4j_driver.execute_query(
        "SHOW INDEXES YIELD name, type RETURN collect([name, type]) AS all",
        database_=_db(neo4j_settings),
    )
    names = dict(indexes[0]["all"])
    assert names["ozggraph_names"] == "FULLTEXT"
    assert names["ozggraph_Municipality_ags"] == "RANGE"


def _cli(*args: str, env_password: str | None = None) -> subprocess.CompletedProcess[str]:
    """``ozggraph ARGS`` in a fresh process; one that hangs fails by its timeout (no clock)."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    if env_password is not None:
        env["NEO4J_PASSWORD"] = env_password
    return subprocess.run(
        [sys.executable, "-c", "from ozggraph.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_server_down_is_one_clear_line() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = _cli(
        "stats",
        "--backend",
        "neo4j",
        "--uri",
        f"bolt://127.0.0.1:{port}",
        env_password="irrelevant-pw",
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip() == f"Error: cannot reach Neo4j at bolt://127.0.0.1:{port}: "
        "is the server running?"
    )


def test_wrong_password_is_refused_without_echoing_it(neo4j_settings) -> None:
    secret = "Wrong-Secret-4711"
    result = _cli("load", "--uri", neo4j_settings.uri, "--dataset", str(MINI), env_password=secret)
    assert result.returncode == 1
    assert "wrong username or password" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert secret not in result.stdout + result.stderr


def test_wrong_database_is_named(neo4j_settings) -> None:
    result = _cli(
        "stats",
        "--backend",
        "neo4j",
        "--uri",
        neo4j_settings.uri,
        "--database",
        "nosuchdb",
        env_password=neo4j_settings.password,
    )
    assert result.returncode == 1
    assert "database 'nosuchdb' does not exist" in result.stderr
    assert neo4j_settings.password not in result.stderr


def test_connect_reports_errors_as_ozggraph_errors(neo4j_settings) -> None:
    bad = Settings(neo4j_settings.uri, "neo4j", "not-the-password", neo4j_settings.database)
    with pytest.raises(Neo4jError, match="refused user 'neo4j'"):
        connect(bad)
    assert isinstance(connect(neo4j_settings), neo4j.Driver)


def test_cli_load_then_stats_from_neo4j(neo4j_settings) -> None:
    args = ("--uri", neo4j_settings.uri, "--database", neo4j_settings.database)
    result = _cli("load", "--dataset", str(MINI), *args, env_password=neo4j_settings.password)
    assert result.returncode == 0, result.stderr
    checksum = ozggraph.load_graph(MINI).graph["checksum"]
    assert checksum in result.stdout
    result = _cli("stats", "--backend", "neo4j", *args, env_password=neo4j_settings.password)
    assert result.returncode == 0 and checksum in result.stdout.replace("\n", "")


@pytest.mark.parametrize(
    ("uri", "says"),
    [
        ("http://127.0.0.1:7474", "is not a Bolt address (that is Neo4j Browser's web address)"),
        ("https://example.org", "is not a Bolt address"),
        ("bolt://neo4j:Secret-In-Uri-1@127.0.0.1:7687", "the Neo4j URI carries a user name"),
    ],
)
def test_uri_mistakes_are_one_line_before_connecting(uri: str, says: str) -> None:
    result = _cli("stats", "--backend", "neo4j", "--uri", uri, env_password="pw-12345678")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr
    assert "Secret-In-Uri-1" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("scheme", ["bolt+s", "neo4j+s", "bolt+ssc"])
def test_tls_to_a_plain_server_is_named(neo4j_settings, scheme: str) -> None:
    uri = neo4j_settings.uri.replace("bolt://", f"{scheme}://")
    result = _cli("stats", "--backend", "neo4j", "--uri", uri, env_password=neo4j_settings.password)
    assert result.returncode == 1
    plain = scheme.split("+")[0]
    assert result.stderr.strip() == (
        f"Error: Neo4j at {uri} does not speak TLS on this port: use {plain}:// for an "
        "unencrypted server, or enable Bolt TLS on it"
    )


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A dev server that requires TLS with a self-signed certificate."""
    import shutil

    from ozggraph.neo4j.devserver import DevServer, DevServerError

    if shutil.which("openssl") is None:
        # Debian ships openssl; only a developer machine without it skips, never CI
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("openssl is needed to make a certificate", pytrace=False)
        pytest.skip("openssl is needed to make a certificate (not under CI)")
    certs = tmp_path_factory.mktemp("certs")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", str(certs / "private.key"),
         "-out", str(certs / "public.crt")],
        check=True, capture_output=True,
    )  # fmt: skip

    class TlsServer(DevServer):
        def _write_conf(self, home: Path) -> Path:
            conf = super()._write_conf(home)
            text = (conf / "neo4j.conf").read_text()
            text = text.replace("server.bolt.tls_level=DISABLED", "server.bolt.tls_level=REQUIRED")
            text += (
                "dbms.ssl.policy.bolt.enabled=true\n"
                f"dbms.ssl.policy.bolt.base_directory={certs}\n"
                "dbms.ssl.policy.bolt.private_key=private.key\n"
                "dbms.ssl.policy.bolt.public_certificate=public.crt\n"
                "dbms.ssl.policy.bolt.client_auth=NONE\n"
            )
            (conf / "neo4j.conf").write_text(text)
            return conf

    server = TlsServer()
    server.uri = "bolt+ssc://"  # _wait_ready connects with self.uri: set after the port
    original = server._wait_ready

    def wait_ready() -> None:
        server.uri = f"bolt+ssc://127.0.0.1:{server.port}"
        original()

    server._wait_ready = wait_ready  # type: ignore[method-assign]
    try:
        server.start()
    except DevServerError as exc:
        pytest.fail(f"TLS dev server did not start: {exc}")
    yield server
    server.stop()


@pytest.mark.parametrize(
    ("scheme", "says"),
    [
        ("bolt", "requires TLS: use bolt+s:// (bolt+ssc:// for a self-signed certificate)"),
        ("neo4j", "requires TLS: use neo4j+s:// (neo4j+ssc:// for a self-signed certificate)"),
        ("bolt+s", "presents a TLS certificate this machine does not trust"),
        ("neo4j+s", "presents a TLS certificate this machine does not trust"),
    ],
)
def test_tls_mistakes_against_a_tls_server_are_named(tls_server, scheme: str, says: str) -> None:
    uri = f"{scheme}://127.0.0.1:{tls_server.port}"
    result = _cli("stats", "--backend", "neo4j", "--uri", uri, env_password=tls_server.password)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert says in result.stderr and tls_server.password not in result.stderr


def test_self_signed_tls_works_with_ssc(tls_server) -> None:
    settings = Settings(f"bolt+ssc://127.0.0.1:{tls_server.port}", "neo4j", tls_server.password)
    with connect(settings) as driver:
        assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1
