"""CLI: ``python -m ozggraph.neo4j.devserver start|stop|status|env``.

``start`` launches a detached dev server and prints shell ``export`` lines
(``eval "$(python -m ozggraph.neo4j.devserver start)"``); the password is never
printed, only the 0600 file holding it.  State lives in ``$OZGGRAPH_DEVSERVER_STATE``
(default ``~/.cache/ozggraph/devserver.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any

from ozggraph.errors import DevServerError

from . import DevServer


def _state_path() -> Path:
    env = os.environ.get("OZGGRAPH_DEVSERVER_STATE")
    return Path(env) if env else Path.home() / ".cache" / "ozggraph" / "devserver.json"


def _alive(pid: int) -> bool:
    """True if *pid* runs and is a Neo4j server (guards against pid reuse)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True  # no /proc: trust the pid
    return b"org.neo4j.server.CommunityEntryPoint" in cmdline


def _load(running: bool = True) -> dict[str, Any] | None:
    """The state file's content; with *running*, only if its server is still alive."""
    try:
        state: dict[str, Any] = json.loads(_state_path().read_text())
        return state if not running or _alive(int(state["pid"])) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _exports(state: dict[str, Any]) -> str:
    pw = shlex.quote(state["password_file"])
    return (
        f"export NEO4J_URI={state['uri']}\n"
        f"export NEO4J_USERNAME={state['user']}\n"
        f"export NEO4J_DATABASE=neo4j\n"
        f'export NEO4J_PASSWORD="$(cat {pw})"\n'
    )


def _cleanup() -> None:
    """Remove the state file, the password file and the run directory they name."""
    path = _state_path()
    state = _load(running=False)
    home = Path(str(state.get("home", ""))) if state else None
    if home and home.name.startswith("ozggraph-neo4j-"):
        shutil.rmtree(home, ignore_errors=True)
    for p in (path, path.with_suffix(".password")):
        p.unlink(missing_ok=True)


def cmd_start(args: argparse.Namespace) -> int:
    state = _load()
    if state:
        print(f"Neo4j dev server already running (pid {state['pid']}).", file=sys.stderr)
        print(_exports(state), end="")
        return 0
    _cleanup()
    srv = DevServer(password=os.environ.get("OZGGRAPH_DEVSERVER_PASSWORD"), heap=args.heap)
    print("Starting Neo4j dev server ...", file=sys.stderr)
    srv.start()
    assert srv.process is not None and srv.home is not None
    path = _state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    pw_file = path.with_suffix(".password")
    fd = os.open(pw_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(srv.password)
    state = {
        "pid": srv.process.pid,
        "uri": srv.uri,
        "port": srv.port,
        "user": srv.user,
        "password_file": str(pw_file),
        "home": str(srv.home),
        "log": str(srv.log_file),
    }
    path.write_text(json.dumps(state, indent=2) + "\n")
    print(
        f"Neo4j dev server ready at {srv.uri} (pid {srv.process.pid}, log {srv.log_file}).",
        file=sys.stderr,
    )
    print(_exports(state), end="")
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    state = _load()
    if not state:
        print("Neo4j dev server is not running.", file=sys.stderr)
        _cleanup()
        return 0
    pid = int(state["pid"])
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.1)
    _cleanup()
    print(f"Neo4j dev server stopped (pid {pid}).", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    state = _load()
    if not state:
        print("not running")
        return 1
    print(f"running pid={state['pid']} uri={state['uri']} home={state['home']}")
    return 0


def cmd_env(args: argparse.Namespace) -> int:
    state = _load()
    if not state:
        print("Neo4j dev server is not running; start it first.", file=sys.stderr)
        return 1
    print(_exports(state), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m ozggraph.neo4j.devserver",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_start = sub.add_parser("start", help="start a detached server and print export lines")
    p_start.add_argument("--heap", default="512m", help="JVM heap (default 512m)")
    p_start.set_defaults(func=cmd_start)
    sub.add_parser("stop", help="stop the server").set_defaults(func=cmd_stop)
    sub.add_parser("status", help="exit 0 if running").set_defaults(func=cmd_status)
    sub.add_parser("env", help="reprint the export lines").set_defaults(func=cmd_env)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except DevServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
