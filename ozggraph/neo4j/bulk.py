"""The bulk path: fill an empty database offline with ``neo4j-admin database import full``.

For a first load of a large dataset the offline importer is several times faster
than any transactional load. It needs the server STOPPED and replaces the
database. Two steps, both needed:

1. :func:`import_into` writes the dataset as neo4j-admin CSV
   (:func:`ozggraph.output.export.write_admin_csv`, the same files as
   ``ozggraph export --format csv``) and runs the importer of the Neo4j jars
   the dev server uses (``org.neo4j.cli.AdminTool``) on the server's home.
2. Start the server, then :func:`finish` (``ozggraph load`` does the same):
   constraints and indexes, a check that what was imported is exactly the
   dataset (anything different is written, as in any load), and the dataset
   marker with the checksum, so ``stats``, stamps and later loads work.

With the server stopped, then started (not run as a doctest: it needs the server):

>>> from ozggraph.neo4j.bulk import import_into, finish
>>> import_into(home, graph)                 # doctest: +SKIP
>>> finish(driver, graph, "neo4j")           # doctest: +SKIP
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j
import networkx as nx

from ozggraph.errors import Neo4jError
from ozggraph.neo4j.load import LoadSummary, load
from ozggraph.output.export import ADMIN_IMPORT_OPTION, write_admin_csv

__all__ = ["BulkImport", "finish", "import_command", "import_into"]

_ADMIN_MAIN = "org.neo4j.cli.AdminTool"


@dataclass(frozen=True)
class BulkImport:
    """What :func:`import_into` did."""

    database: str
    nodes: int
    relationships: int
    seconds: float


def import_command(java: str, lib: Path, files: list[Path], database: str) -> list[str]:
    """The ``neo4j-admin database import full`` command line for ``files``."""
    nodes = [f"--nodes={f}" for f in files if f.name.startswith("nodes_")]
    rels = [f"--relationships={f}" for f in files if f.name.startswith("relationships_")]
    return [
        java,
        "-cp",
        f"{lib}/*",
        _ADMIN_MAIN,
        "database",
        "import",
        "full",
        *nodes,
        *rels,
        ADMIN_IMPORT_OPTION,  # lists: items may hold ';' (aliases do)
        "--ignore-empty-strings=true",  # an empty cell is "no property", as in the dataset
        "--multiline-fields=true",  # notes may hold line breaks
        "--overwrite-destination=true",
        database,
    ]


def import_into(
    home: Path,
    graph: nx.MultiDiGraph,
    database: str = "neo4j",
    *,
    conf_dir: Path | None = None,
    lib: Path | None = None,
) -> BulkImport:
    """Replace ``database`` of the STOPPED server at ``home`` with ``graph``, offline.

    ``conf_dir`` defaults to ``home/conf``; ``lib`` to the jars the dev server
    assembles from Maven Central. Afterwards start the server and call
    :func:`finish`. A failure is a :class:`Neo4jError` naming the importer's reason.
    """
    from ozggraph.neo4j.devserver import DevServerError, _tool, assemble

    home = Path(home)
    conf_dir = Path(conf_dir) if conf_dir else home / "conf"
    if not (conf_dir / "neo4j.conf").is_file():
        raise Neo4jError(f"no neo4j.conf in {conf_dir}: is {home} a Neo4j home?")
    if _in_use(home, conf_dir):
        raise Neo4jError(
            f"the Neo4j server of {home} is running: stop it first ('ozggraph server stop', "
            "or 'neo4j stop'); the bulk import replaces its database offline. Or run "
            "'ozggraph load' without --bulk, which writes into the running server"
        )
    started = time.perf_counter()
    try:
        lib = lib or assemble()
        java = _tool("java")
    except DevServerError as exc:
        raise Neo4jError(str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="ozggraph-bulk-") as tmp:
        files = write_admin_csv(graph, Path(tmp))
        env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf_dir)}
        command = import_command(java, lib, files, database)
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise Neo4jError(f"neo4j-admin import into {home} failed: {_reason(result)}")
    return BulkImport(
        database, graph.number_of_nodes(), graph.number_of_edges(), time.perf_counter() - started
    )


def _in_use(home: Path, conf_dir: Path) -> bool:
    """True if a running Neo4j holds the store lock of the home's databases.

    Neo4j locks ``<data>/databases/store_lock`` with ``FileChannel.tryLock``, which on
    Linux and macOS is a POSIX record lock: the same lock ``fcntl.lockf`` asks for.
    """
    data = home / "data"
    for line in (conf_dir / "neo4j.conf").read_text(errors="replace").splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "server.directories.data" and value.strip():
            data = home / value.strip()  # an absolute path stays itself
    lock = data / "databases" / "store_lock"
    if not lock.is_file():
        return False
    with open(lock, "r+b") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.lockf(handle, fcntl.LOCK_UN)
    return False


def _reason(result: subprocess.CompletedProcess[str]) -> str:
    """The importer's own explanation: its last line that is not a stack frame."""
    lines = [ln.strip() for ln in (result.stderr + result.stdout).splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith(("at ", "...", "Caused by: java"))]
    return lines[-1] if lines else f"exit status {result.returncode}"


def finish(driver: neo4j.Driver, graph: nx.MultiDiGraph, database: str = "neo4j") -> LoadSummary:
    """After :func:`import_into` and a server start: schema, check and dataset marker."""
    return load(driver, graph, database)
