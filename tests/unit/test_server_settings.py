"""Which server a command talks to, the state directory, the cached assembly and the guide.

Nothing here starts Neo4j; tests/integration/test_server.py runs the real server.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ozggraph.errors import Neo4jError
from ozggraph.neo4j import devserver, server
from ozggraph.neo4j.browser import (
    BROWSER_EDITS,
    GUIDE_PATH,
    browser_jar,
    guide_html,
    param_commands,
)
from ozggraph.neo4j.queries import list_queries, parse_literal
from ozggraph.neo4j.settings import Settings


@pytest.fixture
def no_neo4j_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OZGGRAPH_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_home_is_ozggraph_home_else_the_user_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OZGGRAPH_HOME", str(tmp_path))
    assert server.home_dir() == tmp_path
    monkeypatch.delenv("OZGGRAPH_HOME")
    assert server.home_dir().name == "ozggraph"


def test_options_or_variables_name_the_server(
    no_neo4j_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = Settings.resolve(uri="neo4j+s://db.example:7687", password="secret")
    assert (given.uri, given.username, given.database) == (
        "neo4j+s://db.example:7687",
        "neo4j",
        "neo4j",
    )
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    from_env = Settings.resolve()
    assert (from_env.uri, from_env.password) == ("bolt://localhost:7687", "from-env")
    assert Settings.resolve(password="option").password == "option"  # an option wins


def test_with_neither_one_line_says_how_to_start_one(no_neo4j_env: Path) -> None:
    with pytest.raises(Neo4jError, match=r"ozggraph server start") as err:
        Settings.resolve()
    assert "\n" not in str(err.value)


def test_commands_print_that_line_and_exit_1(no_neo4j_env: Path) -> None:
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("NEO4J_")}
    for args in (["query", "find_body", "-p", "name=x"], ["stats", "--backend", "neo4j"]):
        res = subprocess.run(
            [sys.executable, "-c", "from ozggraph.cli import main; main()", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert res.returncode == 1
        assert res.stderr.strip().splitlines() == [f"Error: {server.START_HINT}"]


def test_a_state_file_of_a_dead_server_is_not_running(no_neo4j_env: Path) -> None:
    no_neo4j_env.mkdir(parents=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    ).stdout.strip()
    (no_neo4j_env / "server.json").write_text(f'{{"home": "{no_neo4j_env}", "pid": {dead}}}')
    assert server.running() is None and server.local_settings() is None
    assert server.stop() is None


def test_password_is_asked_for_by_name(no_neo4j_env: Path) -> None:
    with pytest.raises(Neo4jError, match="never started"):
        server.password()


def _fake_lib(tmp_path: Path, digest: str) -> Path:
    lib = tmp_path / f"neo4j-{devserver.NEO4J_VERSION}" / "lib"
    lib.mkdir(parents=True)
    (lib / "neo4j-x.jar").write_bytes(b"")
    (lib / ".assembled").write_text("neo4j-x.jar\n")
    (lib / ".pom-sha256").write_text(digest + "\n")
    return lib


def test_a_cached_assembly_is_used_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = _fake_lib(tmp_path, devserver.pom_digest())

    def no_maven(name: str) -> str:
        raise AssertionError(f"{name} must not run for a complete cache")

    monkeypatch.setattr(devserver, "_tool", no_maven)
    assert devserver.assemble(tmp_path) == lib


def test_a_cache_from_another_pom_is_assembled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_lib(tmp_path, "0123456789abcdef")  # e.g. resolved before Neo4j Browser was added

    def maven(name: str) -> str:
        raise devserver.DevServerError(f"{name} asked for")

    monkeypatch.setattr(devserver, "_tool", maven)
    with pytest.raises(devserver.DevServerError, match="mvn asked for"):
        devserver.assemble(tmp_path)


def test_the_pom_brings_neo4j_browser() -> None:
    pom = (Path(devserver.__file__).parent / "pom.xml").read_text()
    assert "<artifactId>neo4j-browser</artifactId>" in pom and "5.24.0" in pom


def test_guide_has_every_library_query_with_param_commands_browser_accepts() -> None:
    html = guide_html()
    for query in list_queries():
        assert f"<h3>{query.name}</h3>" in html
        commands = param_commands(query)
        assert [c.split()[1] for c in commands] == [p.name for p in query.parameters]
        for command in commands:  # the form the query headers document, evaluated as Cypher
            assert command.startswith(":param ") and " => " in command
            parse_literal(command.split(" => ", 1)[1])
    find_body = next(q for q in list_queries() if q.name == "find_body")
    assert param_commands(find_body) == [":param name => 'Bensheim'", ":param limit => 25"]


def fake_browser_jar(tmp_path: Path, edits: tuple[tuple[str, str, str], ...] = ()) -> Path:
    """A Browser jar with the texts :data:`BROWSER_EDITS` looks for (or only ``edits``)."""
    original = tmp_path / "neo4j-browser-5.24.0.jar"
    files: dict[str, str] = {}
    for prefix, text, _replacement in edits or BROWSER_EDITS:
        name = prefix + "e7b1.bundle.js"
        files[name] = files.get(name, "/* bundle */") + text + ";"
    with zipfile.ZipFile(original, "w") as jar:
        jar.writestr("browser/", b"")
        jar.writestr("browser/index.html", b"<html>Neo4j Browser</html>")
        jar.writestr("META-INF/INDEX.LIST", b"JarIndex-Version: 1.0\n")
        for name, text in files.items():
            jar.writestr(name, text)
    return original


def test_a_browser_that_would_call_out_is_refused_in_one_line(tmp_path: Path) -> None:
    original = fake_browser_jar(tmp_path, BROWSER_EDITS[:1])  # Sentry and fonts unknown
    with pytest.raises(Neo4jError, match="cannot switch off Neo4j Browser's outside calls"):
        browser_jar(original, tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.jar"))


def test_browser_jar_adds_the_guide_and_is_rebuilt_only_when_it_changes(tmp_path: Path) -> None:
    original = fake_browser_jar(tmp_path)
    built = browser_jar(original, tmp_path / "out")
    with zipfile.ZipFile(built) as jar:
        names = set(jar.namelist())
        assert {"browser/index.html", GUIDE_PATH.lstrip("/")} <= names
        assert "META-INF/INDEX.LIST" not in names  # would hide the copy behind the original
        served = b"".join(jar.read(name) for name in names if name.endswith(".js"))
    for _file, text, replacement in BROWSER_EDITS:  # no Sentry, Segment, Canny, web fonts
        assert text.encode() not in served and replacement.encode() in served
    stamp = built.stat().st_mtime_ns
    assert browser_jar(original, tmp_path / "out") == built
    assert built.stat().st_mtime_ns == stamp
