"""The local server's state directory: where it is, whether the server runs, its password.

Everything ``ozggraph server`` keeps lives in one directory, :func:`home_dir`
(``$OZGGRAPH_HOME``, else the user's data directory, e.g. ``~/.local/share/ozggraph``
on Linux)::

    server.json     pid, ports, started, dataset checksum held (no secrets)
    password        the generated password of user neo4j, mode 0600
    neo4j/          Neo4j's home: conf, data (the database, kept between starts), logs
    browser/        Neo4j Browser with the query-library guide (ozggraph.neo4j.browser)

Reading it imports no driver and nothing else of :mod:`ozggraph.neo4j`: every command
that talks to Neo4j asks it first (:meth:`ozggraph.neo4j.settings.Settings.resolve`),
and :mod:`ozggraph.neo4j.server`, which starts and stops the server, writes it.

``platformdirs`` gives the platform's data directory (XDG on Linux, ``Library/Application
Support`` on macOS, ``AppData`` on Windows) instead of us re-implementing those rules.

>>> state = ServerState(home="/tmp/ozg", bolt_port=7687, http_port=7474)
>>> state.uri, state.browser_url
('bolt://127.0.0.1:7687', 'http://127.0.0.1:7474/browser/')
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from ozggraph.atomic import write_text
from ozggraph.errors import Neo4jError

__all__ = [
    "DATABASE",
    "PASSWORD_FILE",
    "START_HINT",
    "USER",
    "ServerState",
    "alive",
    "home_dir",
    "password",
    "read_state",
    "running",
    "write_state",
]

#: The one line a command prints when it finds no server to talk to.
START_HINT = (
    "no Neo4j server: start the local one with 'ozggraph server start' "
    "(or set NEO4J_URI and NEO4J_PASSWORD for another server)"
)
USER = "neo4j"
DATABASE = "neo4j"
_STATE = "server.json"
PASSWORD_FILE = "password"


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
    dataset: str | None = None  #: stamp of the dataset files that checksum was computed from
    log: str = ""

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    @property
    def password_file(self) -> Path:
        return Path(self.home) / PASSWORD_FILE


def read_state(home: Path) -> ServerState | None:
    """What ``server.json`` says, or ``None`` (never started, or unreadable)."""
    try:
        data = json.loads((home / _STATE).read_text())
        return ServerState(**{k: v for k, v in data.items() if k in ServerState.__annotations__})
    except (OSError, ValueError, TypeError):
        return None


def write_state(home: Path, state: ServerState) -> None:
    write_text(home / _STATE, json.dumps(asdict(state), indent=2) + "\n")


def alive(pid: int | None, home: Path) -> bool:
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
    state = read_state(home)
    return state if state is not None and alive(state.pid, home) else None


def password(home: Path | None = None) -> str:
    """The password of user ``neo4j`` on the local server (read from its 0600 file)."""
    path = (home or home_dir()) / PASSWORD_FILE
    try:
        return path.read_text().strip()
    except OSError:
        raise Neo4jError(
            f"no password file at {path}: the local server was never started"
        ) from None
