"""A query's result as a table, JSON or CSV, always with its stamp; the query library as a table.

The table ends with the stamp as one footer line, the JSON is the one envelope
(:func:`ozggraph.output.stamp.to_json`: the stamp, then ``query``, ``params``,
``columns``, ``rows``, ``changes``), and CSV stays plain: its stamp goes beside it
(:func:`stamp_json`, the sidecar ``PATH.stamp.json``).

>>> from ozggraph.neo4j.queries import QueryResult
>>> from ozggraph.output.stamp import query_stamp
>>> stamp = query_stamp("sha256:abc", query_sha256="sha256:def", server_version="5.26.0",
...                     database="neo4j", mode="read", ran_at="2026-01-01T00:00:00+00:00")
>>> result = QueryResult("find_body", {}, ["id", "aliases"], [{"id": "a", "aliases": ["x", "y"]}],
...                      stamp)
>>> print(to_csv(result), end="")
id,aliases
a,x|y
>>> "stamp: ozggraph" in to_text(result)
True
>>> import json
>>> list(json.loads(to_json(result)))
['stamp', 'query', 'params', 'columns', 'rows', 'changes']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table

from ozggraph.neo4j.queries import Query, QueryResult
from ozggraph.output.stamp import to_json as envelope

#: The formats of a query's result.
FORMATS = ("table", "json", "csv")


def render(result: QueryResult, fmt: str, *, width: int = 200) -> str:
    """``result`` in ``fmt`` (one of :data:`FORMATS`); a table ``width`` characters wide."""
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    return to_text(result, width=width)


def to_json(result: QueryResult) -> str:
    """The result in the one JSON envelope, rows included."""
    return envelope(result.stamp, _content(result))


def stamp_json(result: QueryResult) -> str:
    """Everything but the rows: the sidecar of a CSV file."""
    return envelope(result.stamp, {k: v for k, v in _content(result).items() if k != "rows"})


def _content(result: QueryResult) -> dict[str, Any]:
    return {
        "query": result.query,
        "params": result.params,
        "columns": result.columns,
        "rows": result.rows,
        "changes": result.changes,
    }


def to_text(result: QueryResult, *, width: int = 200) -> str:
    """The table and its stamp as text ``width`` characters wide (:func:`print_table`)."""
    buffer = io.StringIO()
    print_table(Console(file=buffer, width=width), result)
    return buffer.getvalue()


def print_table(console: Console, result: QueryResult) -> None:
    """The rows as a table, then the stamp as one footer line (never wrapped, so it copies)."""
    console.print(_table(result))
    console.print(f"stamp: {result.stamp.line()}", soft_wrap=True, highlight=False)
    if result.changes:
        changes = ", ".join(f"{k}={v}" for k, v in result.changes.items())
        console.print(f"changed: {changes}", soft_wrap=True, highlight=False)


def _table(result: QueryResult) -> Table:
    table = Table(title=f"{result.query}: {len(result.rows)} rows")
    if not result.columns:  # rich prints nothing, not even the caption, for no columns
        table.add_column("result")
        table.add_row("the query returns no columns")
    for column in result.columns:
        table.add_column(column, overflow="fold")  # never cut an id short
    for row in result.rows:
        table.add_row(*(_cell(row.get(column)) for column in result.columns))
    return table


def _cell(value: Any, sep: str = ", ") -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return sep.join(_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def to_csv(result: QueryResult) -> str:
    """Header plus rows; lists joined with ``|`` as in the seed CSV files."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_cell(row.get(column), sep="|") for column in result.columns])
    return buffer.getvalue()


def library_table(queries: Iterable[Query]) -> Table:
    """The query library: name, question and parameters (``?``: optional) of each query."""
    table = Table(title="ozggraph query library (ozggraph query NAME --param key=value)")
    table.add_column("name", no_wrap=True)
    table.add_column("question")
    table.add_column("parameters")
    for q in queries:
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.parameters)
        table.add_row(q.name, q.question, params)
    return table
