"""The analysts' local Neo4j: one persistent server with Neo4j Browser, ``ozggraph server``.

Everything lives in one state directory, :func:`home_dir` (``$OZGGRAPH_HOME``, else the
user's data directory, e.g. ``~/.local/share/ozggraph`` on Linux)::

    server.json     pid, ports, started, dataset checksum held (no secrets)
    password        the generated password of user neo4j, mode 0600
    neo4j/          Neo4j's home: conf, data (the database, kept between starts), logs
    browser/        Neo4j Browser with the query-library guide (ozggraph.neo4j.browser)

:func:`start` runs the real Neo4j Community server of :mod:`ozggraph.neo4j.devserver`
(jars cached once, offline afterwards) on 127.0.0.1 only, and loads the dataset when
the database does not hold its checksum. :func:`local_settings` is how every command
that talks to Neo4j finds it; it reads two small files and imports no driver.

``platformdirs`` gives the platform's data directory (XDG on Linux, ``Library/Application
Support`` on macOS, ``AppData`` on Windows) instead of us re-implementing those rules.

>>> from ozggraph.neo4j import server
>>> server.home_dir().name                                # doctest: +SKIP
'ozggraph'
>>> result = server.start()                                # doctest: +SKIP
>>> result.state.browser_url                               # doctest: +SKIP
'http://127.0.0.1:7474/browser/'
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import signal
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ozggraph.atomic import write_text
from ozggraph.errors import Neo4jError
from ozggraph.neo4j.settings import Settings

__all__ = [
    "START_HINT",
    "ServerState",
    "StartResult",
    "home_dir",
    "local_settings",
    "password",
    "running",
    "start",
    "stop",
]

#: The one line a command prints when it finds no server to talk to.
START_HINT = (
    "no Neo4j server: start the local one with 'ozggraph server start' "
    "(or set NEO4J_URI and NEO4J_PASSWORD for another server)"
)
USER = "neo4j"
DATABASE = "neo4j"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
_STATE = "server.json"
_PASSWORD = "password"


def home_dir() -> Path:
    """``$OZGGRAPH_HOME``, else the platform's user data directory for ozggraph."""
    if env := os.environ.get("OZGGRAPH_HOME"):
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("ozggraph", appauthor=False))


@dataclass
class ServerState:
    """What ``server.json`` records about the local server."""

    home: str
    pid: int | None = None
    bolt_port: int = 0
    http_port: int = 0
    started_at: str | None = None
    neo4j_version: str = ""
    checksum: str | None = None  #: dataset checksum the database holds (after the last load)
    log: str = ""

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    @property
    def password_file(self) -> Path:
        return Path(self.home) / _PASSWORD


@dataclass
class StartResult:
    state: ServerState
    already_running: bool
    loaded: bool  #: the dataset was (re)loaded by this start
    seconds: float


def _state_file(home: Path) -> Path:
    return home / _STATE


def _read_state(home: Path) -> ServerState | None:
    try:
        data = json.loads(_state_file(home).read_text())
        return ServerState(**{k: v for k, v in data.items() if k in ServerState.__annotations__})
    except (OSError, ValueError, TypeError):
        return None


def _write_state(home: Path, state: ServerState) -> None:
    write_text(_state_file(home), json.dumps(asdict(state), indent=2) + "\n")


def _alive(pid: int | None, home: Path) -> bool:
    """True if *pid* is the Neo4j server of *home* (guards against pid reuse)."""
    if not pid:
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True  # no /proc: trust the pid
    return f"--home-dir={home / 'neo4j'}".encode() in cmdline


def running(home: Path | None = None) -> ServerState | None:
    """The state of the local server if it runs, else ``None``."""
    home = home or home_dir()
    state = _read_state(home)
    return state if state is not None and _alive(state.pid, home) else None


def password(home: Path | None = None) -> str:
    """The password of user ``neo4j`` on the local server (read from its 0600 file)."""
    path = (home or home_dir()) / _PASSWORD
    try:
        return path.read_text().strip()
    except OSError:
        raise Neo4jError(
            f"no password file at {path}: the local server was never started"
        ) from None


def local_settings(home: Path | None = None) -> Settings | None:
    """Settings of the running local server, or ``None`` if it does not run."""
    home = home or home_dir()
    state = running(home)
    if state is None:
        return None
    return Settings(uri=state.uri, username=USER, password=password(home), database=DATABASE)


def _make_password(home: Path) -> str:
    path = home / _PASSWORD
    if path.is_file():
        return path.read_text().strip()
    secret = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secret + "\n")
    return secret


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _pick_port(wanted: int, previous: int, default: int) -> int:
    """*wanted* if given (must be free); else the previous port, the default, or any free one."""
    if wanted:
        if not _port_free(wanted):
            raise Neo4jError(f"port {wanted} on 127.0.0.1 is in use; choose another")
        return wanted
    for port in (previous, default):
        if port and _port_free(port):
            return port
    return 0  # the dev server picks a free one


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[None]:
    """One ``start``/``stop`` at a time per state directory."""
    with open(home / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def start(
    dataset_path: str | Path | None = None,
    *,
    home: Path | None = None,
    bolt_port: int = 0,
    http_port: int = 0,
    heap: str = "1g",
    pagecache: str = "256m",
    startup_timeout: float = 300.0,
    say: Callable[[str], None] = lambda _line: None,
) -> StartResult:
    """Start the local server (or find it running) and make it hold the dataset.

    The dataset is validated first, so a bad dataset starts nothing. It is loaded
    only when the database does not hold its checksum already.
    """
    from ozggraph.graph import load_graph
    from ozggraph.neo4j.devserver import NEO4J_VERSION, DevServer, DevServerError, assemble, jar

    began = time.monotonic()
    home = home or home_dir()
    home.mkdir(parents=True, exist_ok=True)
    graph = load_graph(dataset_path)
    with _locked(home):
        state = running(home)
        already = state is not None
        if state is None:
            previous = _read_state(home) or ServerState(home=str(home))
            secret = _make_password(home)
            try:
                lib = assemble()
                from ozggraph.neo4j.browser import browser_jar, browser_settings

                guide_jar = browser_jar(jar(lib, "neo4j-browser-"), home / "browser")
                bolt = _pick_port(bolt_port, previous.bolt_port, DEFAULT_BOLT_PORT)
                http = _pick_port(http_port, previous.http_port, DEFAULT_HTTP_PORT) or _free()
                say("Starting Neo4j ...")
                server = DevServer(
                    secret,
                    home=home / "neo4j",
                    bolt_port=bolt,
                    http_port=http,
                    heap=heap,
                    pagecache=pagecache,
                    settings={**browser_settings(http), **analyst_settings()},
                    classpath=(guide_jar,),
                    startup_timeout=startup_timeout,
                )
                server.start()
            except DevServerError as exc:
                hint = ""
                if "rejected" in str(exc):
                    hint = (
                        f" (the password in {home / _PASSWORD} is not the database's; "
                        f"remove {home} to start afresh)"
                    )
                raise Neo4jError(f"the local Neo4j did not start: {exc}{hint}") from None
            assert server.process is not None
            state = ServerState(
                home=str(home),
                pid=server.process.pid,
                bolt_port=server.port,
                http_port=http,
                started_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                neo4j_version=NEO4J_VERSION,
                checksum=previous.checksum,
                log=str(server.log_file),
            )
            _write_state(home, state)
        loaded = _ensure_loaded(home, state, graph, say)
    return StartResult(state, already, loaded, time.monotonic() - began)


def analyst_settings() -> dict[str, str]:
    """``neo4j.conf`` lines for analysts: a runaway query ends, ``LOAD CSV`` reads no file.

    A transaction ends after :data:`~ozggraph.neo4j.queries.DEFAULT_TIMEOUT_S` seconds unless
    its client asks for another limit (``ozggraph load`` asks for none; ``ozggraph query
    --timeout`` for its own); Neo4j Browser's queries get the default.
    """
    from ozggraph.neo4j.queries import DEFAULT_TIMEOUT_S

    return {
        "db.transaction.timeout": f"{DEFAULT_TIMEOUT_S:g}s",
        "dbms.security.allow_csv_import_from_file_urls": "false",
    }


def _free() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ensure_loaded(home: Path, state: ServerState, graph: Any, say: Callable[[str], None]) -> bool:
    """Load *graph* unless the database holds its checksum; record the checksum held."""
    from ozggraph.neo4j.connection import connect
    from ozggraph.neo4j.load import load, loaded_checksum

    settings = Settings(state.uri, USER, password(home), DATABASE)
    wanted = graph.graph["checksum"]
    with connect(settings) as driver:
        held = loaded_checksum(driver, DATABASE)
        loaded = held != wanted
        if loaded:
            say(f"Loading the dataset ({graph.number_of_nodes():,} nodes) ...")
            load(driver, graph, DATABASE)
            held = loaded_checksum(driver, DATABASE)
    if state.checksum != held:
        state.checksum = held
        _write_state(home, state)
    return loaded


def stop(home: Path | None = None, timeout: float = 30.0) -> int | None:
    """Stop the local server; its pid, or ``None`` if it was not running. The data stays."""
    home = home or home_dir()
    if not home.is_dir():
        return None
    with _locked(home):
        state = running(home)
        if state is None or state.pid is None:
            return None
        pid = state.pid
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid, home) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid, home):
            os.kill(pid, signal.SIGKILL)
            while _alive(pid, home):
                time.sleep(0.1)
        state.pid = None
        _write_state(home, state)
        return pid


def held_checksum(state: ServerState, home: Path | None = None) -> str | None:
    """The dataset checksum the running server's database holds, asked of the server."""
    from ozggraph.neo4j.connection import connect
    from ozggraph.neo4j.load import loaded_checksum

    settings = Settings(state.uri, USER, password(home), DATABASE)
    with connect(settings) as driver:
        return loaded_checksum(driver, DATABASE)
