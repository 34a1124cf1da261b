"""The Cypher query library (``cypher/*.cypher``) and a runner that cannot damage the data.

Each ``.cypher`` file is one query; its name is the file stem and its header comment
says what it answers, which parameters it takes (with types and a Neo4j Browser
``:param`` example) and which columns it returns (format: ``cypher/README.md``).
Every result carries the one stamp (:func:`ozggraph.output.stamp.query_stamp`: dataset
checksum, query hash, server version) so an analyst can cite it.

>>> from ozggraph.neo4j.queries import get_query, list_queries, run_query
>>> get_query("hierarchy_path").parameters[0].name
'municipality'
>>> result = run_query(driver, "hierarchy_path", {"municipality": "06431002"})  # doctest: +SKIP
>>> [row["name"] for row in result.rows]                                       # doctest: +SKIP
['Bensheim', 'Bergstraße', 'Darmstadt', 'Hessen']
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
import re
import secrets
import signal
import threading
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from ozggraph.errors import Neo4jError, QueryError
from ozggraph.neo4j.connection import server_version
from ozggraph.neo4j.marker import read_marker
from ozggraph.output.stamp import Stamp, query_stamp
from ozggraph.schema import MANAGED_LABEL

#: Types a parameter may declare in a header.
PARAM_TYPES = ("string", "int", "float", "bool", "list")
WRITE_REFUSED = "this query writes; rerun with --write"
#: The name a result of ad-hoc Cypher carries.
AD_HOC = "ad hoc"
#: Seconds a run may take before the server ends its transaction (``--timeout``; 0: no
#: limit). ``ozggraph server`` sets the same as the server's ``db.transaction.timeout``.
DEFAULT_TIMEOUT_S = 60.0
TIMED_OUT = (
    "the query ran longer than {timeout} and the server ended it: narrow it (a LIMIT, a "
    "start node), or rerun with --timeout SECONDS (0: no limit)"
)
_TIMEOUT_CODES = ("Neo.ClientError.Transaction.TransactionTimedOut",)
#: Transaction metadata key that tags a run, so an interrupt can end exactly that run.
RUN_TAG = "ozggraph_run"

_SECTIONS = ("Question", "Parameters", "Columns", "Notes")
_HEADING = re.compile(rf"^({'|'.join(_SECTIONS)}):\s*(.*)$")
_DECLARATION = re.compile(r"^([a-z_][a-z0-9_]*) \((\w+)(?:, default (.+))?\): (.+)$")
_EXAMPLE = re.compile(r"^:param ([a-z_][a-z0-9_]*) => (.+);$")
_COLUMN = re.compile(r"^([a-z_][a-z0-9_]*): (.+)$")
_LEADING_KEYWORD = re.compile(r"^(\s*(?://[^\n]*\n\s*)*)(EXPLAIN|PROFILE)\b", re.IGNORECASE)
ADMIN_REFUSED = "{what} is administration, not a read; rerun with --write if you mean it"
#: Procedures a read-only run may call: they read the graph or describe the schema.
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.vector.queryNodes",
        "dbms.components",
    }
)
#: Administration the planner shows as its own operator (SHOW INDEXES etc. stay allowed).
_SAFE_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions", "ShowProcedures"})
_PROCEDURE = re.compile(r"^\s*([\w.]+)\s*\(")


@dataclass(frozen=True)
class Parameter:
    """One ``$parameter`` of a library query, as its header declares it."""

    name: str
    type: str
    description: str
    example: Any
    default: Any = None
    required: bool = True


@dataclass(frozen=True)
class Query:
    """One file of the library: header facts plus the exact text sent to the server."""

    name: str
    question: str
    parameters: tuple[Parameter, ...]
    columns: tuple[tuple[str, str], ...]
    notes: str
    text: str
    path: Path

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)

    @property
    def examples(self) -> dict[str, Any]:
        """The header's ``:param`` example values: they run the query as shown."""
        return {p.name: p.example for p in self.parameters}


@dataclass
class QueryResult:
    """Rows as plain dicts (``pandas.DataFrame(result.rows)`` works) plus the stamp."""

    query: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    stamp: Stamp
    text: str = field(repr=False, default="")
    #: What a write changed, from the server's counters (only non-zero ones).
    changes: dict[str, int] = field(default_factory=dict)


def text_sha256(text: str) -> str:
    """Hash of a query text: ``sha256sum cypher/NAME.cypher`` gives the same digits."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def library_dir() -> Path:
    """Where the library is: :func:`ozggraph.dataset.locations.cypher_path`."""
    from ozggraph.dataset.locations import cypher_path

    return cypher_path()


# --- reading the library -------------------------------------------------------------


def parse_literal(text: str) -> Any:
    """A Cypher literal as a ``:param`` line writes it: 'text', 3, 2.5, true, null, [...]."""
    words = {"true": True, "false": False, "null": None}
    if text.strip() in words:
        return words[text.strip()]
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        raise ValueError(f"not a literal: {text.strip()}") from None


def parse_query(path: Path) -> Query:
    """Read one ``.cypher`` file; a malformed header is a :class:`QueryError` naming the line."""
    text = path.read_bytes().decode("utf-8")  # bytes: the hash must match sha256sum
    sections: dict[str, list[tuple[int, str]]] = {name: [] for name in _SECTIONS}
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.startswith("//"):
            break
        line = raw[2:].rstrip()
        if heading := _HEADING.match(line.strip()):
            current = heading.group(1)
            line = heading.group(2)
        if current and line.strip():
            sections[current].append((number, line))
    where = f"{path}"
    for name in ("Question", "Parameters", "Columns"):
        if not sections[name]:
            raise QueryError(f"{where}: the header has no '// {name}:' section")
    return Query(
        name=path.stem,
        question=_join(sections["Question"]),
        parameters=_parameters(where, sections["Parameters"]),
        columns=tuple(_entries(where, sections["Columns"], _COLUMN)),
        notes=_join(sections["Notes"]),
        text=text,
        path=path,
    )


def _join(lines: list[tuple[int, str]]) -> str:
    return " ".join(line.strip() for _, line in lines)


def _entries(
    where: str, lines: list[tuple[int, str]], pattern: re.Pattern[str]
) -> list[tuple[str, str]]:
    """``name: text`` entries; deeper-indented lines continue the entry above."""
    entries: list[tuple[str, str]] = []
    indent = None
    for number, line in lines:
        depth = len(line) - len(line.lstrip())
        if entries and indent is not None and depth > indent:
            entries[-1] = (entries[-1][0], f"{entries[-1][1]} {line.strip()}")
            continue
        match = pattern.match(line.strip())
        if not match:
            raise QueryError(
                f"{where}:{number}: expected 'name: description', got {line.strip()!r}"
            )
        indent = depth
        entries.append((match.group(1), match.group(2)))
    return entries


def _parameters(where: str, lines: list[tuple[int, str]]) -> tuple[Parameter, ...]:
    if _join(lines) == "none":
        return ()
    declared: dict[str, dict[str, Any]] = {}
    examples: dict[str, Any] = {}
    for number, line in lines:
        text = line.strip()
        try:
            if example := _EXAMPLE.match(text):
                examples[example.group(1)] = parse_literal(example.group(2))
            elif declaration := _DECLARATION.match(text):
                name, kind, default, description = declaration.groups()
                if kind not in PARAM_TYPES:
                    raise ValueError(f"type {kind!r} is not one of {', '.join(PARAM_TYPES)}")
                declared[name] = {"type": kind, "description": description}
                if default is not None:
                    declared[name] |= {"default": parse_literal(default), "required": False}
            elif declared:
                last = declared[next(reversed(declared))]
                last["description"] += " " + text
            else:
                raise ValueError("expected 'name (type): description' or ':param name => value;'")
        except ValueError as exc:
            raise QueryError(f"{where}:{number}: {exc}") from None
    if set(declared) != set(examples):
        odd = sorted(set(declared) ^ set(examples))
        raise QueryError(f"{where}: each parameter needs a declaration and a :param example: {odd}")
    params = tuple(Parameter(name, example=examples[name], **d) for name, d in declared.items())
    for param in params:
        for value in (param.example, param.default):
            if value is not None and not _fits(param.type, value):
                raise QueryError(f"{where}: ${param.name}: {value!r} is not a {param.type}")
    return params


def load_library(directory: Path | None = None) -> dict[str, Query]:
    """Every query of the library by name (files other than ``*.cypher`` are ignored)."""
    directory = directory or library_dir()
    if not directory.is_dir():
        raise QueryError(
            f"no query library at {directory}: set OZGGRAPH_CYPHER to a folder of .cypher files"
        )
    return {path.stem: parse_query(path) for path in sorted(directory.glob("*.cypher"))}


def list_queries(directory: Path | None = None) -> list[Query]:
    return list(load_library(directory).values())


def get_query(name: str, directory: Path | None = None) -> Query:
    library = load_library(directory)
    if name not in library:
        close = get_close_matches(name, library, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise QueryError(f"unknown query {name!r}{hint} ('ozggraph query --list' shows all)")
    return library[name]


# --- parameters ----------------------------------------------------------------------


def _fits(kind: str, value: Any) -> bool:
    checks: dict[str, Any] = {
        "string": lambda v: isinstance(v, str),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "list": lambda v: isinstance(v, list | tuple),
    }
    return bool(checks[kind](value))


def coerce(param: Parameter, value: Any) -> Any:
    """``value`` as the declared type; text (from the command line) is converted."""
    if isinstance(value, str) and param.type != "string":
        value = _from_text(param, value)
    if not _fits(param.type, value):
        raise QueryError(f"parameter {param.name}: expected type {param.type}, got {value!r}")
    return list(value) if param.type == "list" else value


def _from_text(param: Parameter, text: str) -> Any:
    try:
        if param.type == "int":
            return int(text)
        if param.type == "float":
            return float(text)
        if param.type == "bool":
            return {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}[
                text.strip().lower()
            ]
        if text.strip().startswith("["):  # list: JSON, else comma-separated text
            return json.loads(text)
        return [item.strip() for item in text.split(",") if item.strip()]
    except (ValueError, KeyError):
        raise QueryError(
            f"parameter {param.name}: expected type {param.type}, got {text!r}"
        ) from None


def guess(text: str) -> Any:
    """An ad-hoc ``--param`` value: JSON if it parses (5, 2.5, true, [..]), else the text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def split_params(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["key=value", ...]`` from ``--param`` into a dict of raw text values."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: write key=value")
        if key.strip() in params:
            raise QueryError(f"--param {key.strip()} is given twice")
        params[key.strip()] = value
    return params


def bind(query: Query, params: dict[str, Any] | None) -> dict[str, Any]:
    """Check names, fill defaults, convert types: the values sent beside the query text."""
    params = dict(params or {})
    known = {p.name: p for p in query.parameters}
    unknown = sorted(set(params) - set(known))
    if unknown:
        accepted = ", ".join(known) or "none"
        raise QueryError(f"query {query.name}: unknown parameter(s) {unknown}; it takes {accepted}")
    missing = [p.name for p in query.parameters if p.required and p.name not in params]
    if missing:
        raise QueryError(
            f"query {query.name}: missing parameter(s) {missing}; pass --param KEY=VALUE"
        )
    return {
        p.name: coerce(p, params[p.name]) if p.name in params else p.default
        for p in query.parameters
    }


# --- running -------------------------------------------------------------------------


def run_query(
    driver: neo4j.Driver,
    name: str | Query,
    params: dict[str, Any] | None = None,
    database: str = "neo4j",
    timeout: float = DEFAULT_TIMEOUT_S,
) -> QueryResult:
    """Run a library query in a READ transaction; parameters travel apart from the text.

    A library file passes the same plan check as ad-hoc Cypher (a changed file may
    write, or ``LOAD CSV``), and the server ends it after ``timeout`` seconds (0: never).
    """
    query = name if isinstance(name, Query) else get_query(name)
    bound = bind(query, params)
    _refuse_writes(driver, query.text, bound, database)
    return _execute(driver, query.name, query.text, bound, database, False, True, timeout)


def run_cypher(
    driver: neo4j.Driver,
    text: str,
    params: dict[str, Any] | None = None,
    database: str = "neo4j",
    write: bool = False,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> QueryResult:
    """Run ad-hoc Cypher; read-only unless ``write`` (refused before it runs, and by the server).

    The server ends the transaction after ``timeout`` seconds (0: no limit); an interrupt
    (Ctrl-C) ends it on the server too, before ``KeyboardInterrupt`` goes on.
    """
    if not write:
        _refuse_writes(driver, text, params or {}, database)
    params = dict(params or {})
    return _execute(driver, AD_HOC, text, params, database, write, False, timeout)


def _session(driver: neo4j.Driver, database: str, write: bool) -> neo4j.Session:
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    # Notifications (e.g. "property key does not exist" before analytics ran) are no errors.
    return driver.session(
        database=database, default_access_mode=mode, notifications_min_severity="OFF"
    )


def _refuse_writes(driver: neo4j.Driver, text: str, params: dict[str, Any], database: str) -> None:
    """Ask the planner what the query does, before it runs (``EXPLAIN`` runs nothing).

    Refused: writes, administration (``SHOW TRANSACTIONS``, ``TERMINATE``, users,
    settings ...), ``LOAD CSV`` (the server would fetch any address) and every
    procedure not in :data:`READ_PROCEDURES`. A Neo4j 5.26 server also refuses
    writes in a READ session (tested), but not administration: this is the lock
    for that, and it gives the clear message.
    """
    explained = _LEADING_KEYWORD.sub(r"\1EXPLAIN", text, count=1)
    if explained == text:
        explained = "EXPLAIN " + text
    try:
        with _session(driver, database, write=False) as session:
            summary = session.run(explained, params).consume()
    except neo4j_errors.Neo4jError as exc:
        raise _query_error(exc) from None  # what would fail anyway is not run at all
    except neo4j_errors.DriverError as exc:
        raise Neo4jError(f"Neo4j failed: {exc}") from None
    if summary.query_type in ("w", "rw"):
        raise QueryError(WRITE_REFUSED)
    operators = _operators(summary.plan or {})
    for operator, details in operators:
        if operator == "ProcedureCall":
            procedure = _PROCEDURE.match(details or "")
            name = procedure.group(1) if procedure else "?"
            if name not in READ_PROCEDURES:
                raise QueryError(ADMIN_REFUSED.format(what=f"CALL {name}"))
        elif operator == "LoadCSV":
            raise QueryError("LOAD CSV makes the server fetch files; rerun with --write to allow")
        elif operator.startswith(("Show", "Terminate")) and operator not in _SAFE_SHOW:
            raise QueryError(ADMIN_REFUSED.format(what=_words(operator)))
        elif operator == "AdministrationCommand":
            raise QueryError(ADMIN_REFUSED.format(what="this command"))
    # "s": a schema change (CREATE INDEX ...); an allowed dbms procedure is one too
    if summary.query_type == "s" and not any(op == "ProcedureCall" for op, _ in operators):
        raise QueryError(WRITE_REFUSED)


def _operators(plan: dict[str, Any]) -> list[tuple[str, str | None]]:
    """``(operator, details)`` of every step of a plan, without the ``@database`` suffix."""
    found = [(plan.get("operatorType", "").split("@")[0], plan.get("args", {}).get("Details"))]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


def _words(operator: str) -> str:
    """``ShowTransactions`` -> ``SHOW TRANSACTIONS``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", operator).upper()


def _execute(
    driver: neo4j.Driver,
    name: str,
    text: str,
    params: dict[str, Any],
    database: str,
    write: bool,
    library: bool,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> QueryResult:
    # A library query reads the checksum in its own transaction, so stamp and rows agree.
    # Ad-hoc text may be an admin command (SHOW USERS), which shares no transaction.
    tag = secrets.token_hex(8)
    metadata = {RUN_TAG: tag}

    def work(tx: neo4j.ManagedTransaction | neo4j.Session) -> tuple[Any, ...]:
        state = read_marker(tx) if library else None
        if isinstance(tx, neo4j.Session):  # auto-commit: the timeout travels with the query
            result = tx.run(neo4j.Query(text, metadata=metadata, timeout=timeout), params)
        else:
            result = tx.run(text, params)
        rows = [{key: plain(value) for key, value in r.items()} for r in result]
        changes = {
            name.lstrip("_"): value
            for name, value in vars(result.consume().counters).items()
            if isinstance(value, int) and not isinstance(value, bool) and value
        }
        return state, list(result.keys()), rows, changes

    read = neo4j.unit_of_work(metadata=metadata, timeout=timeout)(work)
    interrupted = False
    try:
        with _session(driver, database, write) as session:
            before = None if library else session.execute_read(read_marker)
            try:
                # auto-commit for writes, so CALL {...} IN TRANSACTIONS works with --write
                run = work(session) if write else session.execute_read(read)
            except KeyboardInterrupt:
                # before the session closes: closing waits for the query to finish
                interrupted = True
                terminate_run(driver, database, tag)
                raise
            state, columns, rows, changes = run
        version = server_version(driver, database)
    except KeyboardInterrupt:
        if not interrupted:
            terminate_run(driver, database, tag)
        raise
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
        if interrupted:  # the session's clean-up saw the transaction we ended
            raise KeyboardInterrupt from None
        if isinstance(exc, neo4j_errors.DriverError):
            raise Neo4jError(f"Neo4j failed: {exc}") from None
        raise _query_error(exc, timeout) from None
    ran_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    mode = "write" if write else "read"
    state = state or before
    assert state is not None
    stamp = query_stamp(
        state.checksum,
        query_sha256=text_sha256(text),
        server_version=version,
        database=database,
        mode=mode,
        ran_at=ran_at,
        warning=state.warning,
    )
    return QueryResult(name, params, columns, rows, stamp, text, changes)


def terminate_run(driver: neo4j.Driver, database: str, tag: str) -> int:
    """End on the server the transactions of the run tagged ``tag``; how many were ended.

    A client that stops reading does not stop the server: a query that sends nothing
    until it is done (a count over a cartesian product) would run on, for the timeout or
    for ever. A second Ctrl-C during this short clean-up is ignored.
    """
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD transactionId, metaData "
            "WHERE metaData.ozggraph_run = $tag RETURN transactionId",  # RUN_TAG
            tag=tag,
            database_=database,
        )
        for record in records:
            driver.execute_query(
                "TERMINATE TRANSACTION $id", id=record["transactionId"], database_=database
            )
        return len(records)
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
        return 0  # the server is gone, and its transactions with it
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _query_error(exc: neo4j_errors.Neo4jError, timeout: float | None = None) -> QueryError:
    if exc.code == "Neo.ClientError.Statement.AccessMode":
        return QueryError(WRITE_REFUSED)
    if (exc.code or "").startswith(_TIMEOUT_CODES):
        limit = f"{timeout:g} s" if timeout else "the server's transaction timeout"
        return QueryError(TIMED_OUT.format(timeout=limit))
    message = (exc.message or str(exc)).strip()
    if exc.code == "Neo.ClientError.Statement.ParameterMissing":
        return QueryError(f"{message}; pass --param KEY=VALUE")
    return QueryError(f"Neo4j refused the query: {message}")


def plain(value: Any) -> Any:
    """A driver value as plain data: nodes and relationships become dicts, dates text."""
    if isinstance(value, neo4j.graph.Node):
        return {"_labels": sorted(set(value.labels) - {MANAGED_LABEL}), **plain(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        ends = [n.get("id") if n is not None else None for n in (value.start_node, value.end_node)]
        return {"_type": value.type, "_start": ends[0], "_end": ends[1], **plain(dict(value))}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": plain(list(value.nodes)), "relationships": plain(value.relationships)}
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Duration ...
        return value.iso_format()
    if isinstance(value, bytes):
        return value.hex()
    return value
