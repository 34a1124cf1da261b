"""The analysts' local Neo4j: one persistent server with Neo4j Browser, ``ozggraph server``.

Its state directory (:func:`~ozggraph.neo4j.state.home_dir`) is described in
:mod:`ozggraph.neo4j.state`, which every command reads to find the server.
:func:`start` runs the real Neo4j Community server of :mod:`ozggraph.neo4j.devserver`
(jars cached once, offline afterwards) on 127.0.0.1 only, and loads the dataset when
the database does not hold its checksum.

A warm start (server stopped, database kept) costs Neo4j's own boot and little more:
the dataset is not even read when its files are untouched since the checksum the
database holds was recorded (:func:`ozggraph.dataset.cache.stamp`); the server is ready
when its log says ``Started.`` and Bolt answers; one query reads the checksum held; and
the JVM maps the classes the first start loaded (:class:`~ozggraph.neo4j.devserver.
ClassArchive`, written when that server stops). :attr:`StartResult.timings` says where
the time went (``ozggraph server start --timings``).

>>> from ozggraph.neo4j import server
>>> result = server.start()                                # doctest: +SKIP
>>> result.state.browser_url                               # doctest: +SKIP
'http://127.0.0.1:7474/browser/'
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import signal
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ozggraph.errors import Neo4jError
from ozggraph.neo4j.settings import Settings, local_settings
from ozggraph.neo4j.state import (
    DATABASE,
    PASSWORD_FILE,
    START_HINT,
    USER,
    ServerState,
    alive,
    home_dir,
    password,
    read_state,
    running,
    write_state,
)

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

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474


@dataclass
class StartResult:
    state: ServerState
    already_running: bool
    loaded: bool  #: the dataset was (re)loaded by this start
    seconds: float
    #: step -> seconds, in the order they ran (``server start --timings``)
    timings: dict[str, float] = field(default_factory=dict)


class _Clock:
    """Seconds per named step, in order: ``with clock("jars"): ...``."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        began = time.monotonic()
        try:
            yield
        finally:
            self.steps[step] = self.steps.get(step, 0.0) + time.monotonic() - began


def _make_password(home: Path) -> str:
    path = home / PASSWORD_FILE
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

    The dataset is validated first, so a bad dataset starts nothing (files untouched
    since the last start were valid then and are not read again). It is loaded only
    when the database does not hold its checksum already.
    """
    from ozggraph.dataset import check_dataset_path, default_seed_path
    from ozggraph.dataset.cache import stamp

    began = time.monotonic()
    clock = _Clock()
    home = home or home_dir()
    home.mkdir(parents=True, exist_ok=True)
    root = Path(dataset_path) if dataset_path is not None else default_seed_path()
    with clock("dataset stamp"):
        check_dataset_path(root)
        files = stamp(root)
    known = read_state(home)
    graph = None
    if known is None or known.checksum is None or known.dataset != files:
        graph = _read(root, clock)
    with _locked(home):
        state = running(home)
        already = state is not None
        if state is None:
            say("Starting Neo4j ...")
            state, steps = _launch(
                home, known, bolt_port, http_port, heap, pagecache, startup_timeout
            )
            clock.steps.update(steps)
        wanted = graph_checksum(graph, known.checksum if known else None)
        loaded = _ensure_loaded(home, state, root, files, wanted, graph, clock, say)
    return StartResult(state, already, loaded, time.monotonic() - began, clock.steps)


def _read(root: Path, clock: _Clock) -> Any:
    """The validated graph of the dataset at *root* (through the dataset cache)."""
    from ozggraph.graph import load_graph

    with clock("dataset read"):
        return load_graph(root)


def _launch(
    home: Path,
    known: ServerState | None,
    bolt_port: int,
    http_port: int,
    heap: str,
    pagecache: str,
    startup_timeout: float,
) -> tuple[ServerState, dict[str, float]]:
    """Start Neo4j for *home*: its state (already written) and the seconds of each step."""
    from ozggraph.neo4j.browser import browser_jar, browser_settings
    from ozggraph.neo4j.devserver import NEO4J_VERSION, DevServer, DevServerError, assemble, jar

    clock = _Clock()
    previous = known or ServerState(home=str(home))
    secret = _make_password(home)
    try:
        with clock("jars"):
            lib = assemble()
        with clock("browser guide"):
            guide_jar = browser_jar(jar(lib, "neo4j-browser-"), home / "browser")
        bolt = _pick_port(bolt_port, previous.bolt_port, DEFAULT_BOLT_PORT)
        http = _pick_port(http_port, previous.http_port, DEFAULT_HTTP_PORT) or _free()
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
            class_archive=_class_archive_dir(home),
            bolt_check=False,  # connecting to read the checksum held is the check
        )
        server.start()
    except DevServerError as exc:
        hint = ""
        if "rejected" in str(exc):
            hint = (
                f" (the password in {home / PASSWORD_FILE} is not the database's; "
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
        dataset=previous.dataset,
        log=str(server.log_file),
    )
    write_state(home, state)
    return state, {**clock.steps, **server.timings}


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


def _ensure_loaded(
    home: Path,
    state: ServerState,
    root: Path,
    files: str,
    wanted: str | None,
    graph: Any,
    clock: _Clock,
    say: Callable[[str], None],
) -> bool:
    """Load the dataset unless the database holds checksum *wanted*; record what it holds.

    *graph* is ``None`` when the dataset was not read (its files as when *wanted* was
    recorded); it is read only if the database turns out to hold something else.
    """
    from ozggraph.neo4j.connection import connect
    from ozggraph.neo4j.load import load, loaded_checksum

    settings = Settings(state.uri, USER, password(home), DATABASE)
    with clock("Bolt connect"):
        try:
            driver = connect(settings)
        except Neo4jError as exc:
            if "wrong username or password" not in str(exc):
                raise
            raise Neo4jError(
                f"{exc} (the password in {home / PASSWORD_FILE} is not the database's; "
                f"remove {home} to start afresh)"
            ) from None
    with driver:
        with clock("checksum query"):
            held = loaded_checksum(driver, DATABASE)
        loaded = held != wanted
        if loaded:
            if graph is None:
                graph = _read(root, clock)
            say(f"Loading the dataset ({graph.number_of_nodes():,} nodes) ...")
            with clock("load"):
                load(driver, graph, DATABASE)
                held = loaded_checksum(driver, DATABASE)
    recorded = files if held == graph_checksum(graph, wanted) else None
    if (state.checksum, state.dataset) != (held, recorded):
        state.checksum, state.dataset = held, recorded
        write_state(home, state)
    return loaded


def graph_checksum(graph: Any, otherwise: str | None) -> str | None:
    """The checksum of *graph* if it was read, else *otherwise* (the one recorded)."""
    return str(graph.graph["checksum"]) if graph is not None else otherwise


def _class_archive_dir(home: Path) -> Path:
    """Where the server's :class:`~ozggraph.neo4j.devserver.ClassArchive` is kept."""
    return home / "neo4j" / "classes"


def stop(
    home: Path | None = None,
    timeout: float = 30.0,
    say: Callable[[str], None] = lambda _line: None,
) -> int | None:
    """Stop the local server; its pid, or ``None`` if it was not running. The data stays.

    A server that records its class archive writes it as it exits: that stop waits longer.
    """
    from ozggraph.neo4j.devserver import ARCHIVE_STOP_TIMEOUT_S, ClassArchive

    home = home or home_dir()
    if not home.is_dir():
        return None
    with _locked(home):
        state = running(home)
        if state is None or state.pid is None:
            return None
        pid = state.pid
        archive = ClassArchive(_class_archive_dir(home))
        if archive.pending:
            say("Stopping Neo4j; it saves its classes for faster starts (once) ...")
            timeout = max(timeout, ARCHIVE_STOP_TIMEOUT_S)
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while alive(pid, home) and time.monotonic() < deadline:
            time.sleep(0.1)
        clean = not alive(pid, home)
        if not clean:
            os.kill(pid, signal.SIGKILL)
            while alive(pid, home):
                time.sleep(0.1)
        archive.finish(clean=clean)
        state.pid = None
        write_state(home, state)
        return pid


def held_checksum(state: ServerState, home: Path | None = None) -> str | None:
    """The dataset checksum the running server's database holds, asked of the server."""
    from ozggraph.neo4j.connection import connect
    from ozggraph.neo4j.load import loaded_checksum

    settings = Settings(state.uri, USER, password(home), DATABASE)
    with connect(settings) as driver:
        return loaded_checksum(driver, DATABASE)
