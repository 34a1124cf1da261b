"""Commands for analysts: the query library (``query``) and ad-hoc Cypher (``cypher``).

Every result is stamped (dataset checksum, query hash, server version): a footer line
under the table, a ``"stamp"`` object in JSON, and for CSV a ``# stamp:`` line on stderr plus,
with ``-o PATH``, the sidecar ``PATH.stamp.json`` (the CSV itself stays plain).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console

from ozggraph.cli.options import emit, neo4j_options, output_option
from ozggraph.errors import QueryError
from ozggraph.neo4j.connection import Settings, connect
from ozggraph.neo4j.queries import (
    DEFAULT_TIMEOUT_S,
    QueryResult,
    get_query,
    guess,
    list_queries,
    run_cypher,
    run_query,
    split_params,
)
from ozggraph.output.query import FORMATS, library_table, print_table, render, stamp_json

param_option = click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter; repeat for more. Lists: a,b or JSON ['a','b'].",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True
)
timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    metavar="SECONDS",
    help="The server ends the query after this long (0: no limit). Ctrl-C ends it at once.",
)
INTERRUPTED = "interrupted: the query was ended on the server too"


@click.command()
@click.argument("name", required=False)
@click.option("--list", "show_list", is_flag=True, help="List the library with descriptions.")
@click.option("--show", is_flag=True, help="Print the query's Cypher instead of running it.")
@param_option
@timeout_option
@format_option
@output_option
@neo4j_options
def query(
    name: str | None,
    show_list: bool,
    show: bool,
    params: tuple[str, ...],
    timeout: float,
    fmt: str,
    output: Path | None,
    **conn: str,
) -> None:
    """Run a query of the library (cypher/*.cypher) in a READ transaction.

    \b
    Examples:
      ozggraph query --list
      ozggraph query hierarchy_path --param municipality=06431002
      ozggraph query funding_in_land -p land=ags-06 --format csv -o funding.csv
      ozggraph query white_spots --show        # the Cypher, to paste into Neo4j Browser
    """
    if (show_list or not name) and output is not None:
        raise click.UsageError("--list shows the query library here; -o is for a query's result")
    if show_list or not name:
        _print_library()
    elif show:
        emit(get_query(name).text, output, f"the Cypher of {name}")
    else:
        settings = Settings.resolve(**conn)
        values = split_params(params)
        with connect(settings) as driver, _interruptible():
            result = run_query(driver, name, values, settings.database, timeout=timeout)
        _emit(result, fmt, output)


@click.command("cypher")
@click.argument("text")
@param_option
@click.option("--write", is_flag=True, help="Allow the query to change the database.")
@timeout_option
@format_option
@output_option
@neo4j_options
def cypher_command(
    text: str,
    params: tuple[str, ...],
    write: bool,
    timeout: float,
    fmt: str,
    output: Path | None,
    **conn: str,
) -> None:
    """Run ad-hoc Cypher, read-only unless --write ('-' reads the text from stdin).

    \b
    Examples:
      ozggraph cypher "MATCH (c:Cooperation) RETURN c.id AS id, c.name AS name"
      ozggraph cypher 'MATCH (n:OzgGraph {id: $id}) RETURN n' -p id=ags-06
      ozggraph cypher - < my_query.cypher --format json
      ozggraph cypher "MATCH (a), (b) WHERE a.id < b.id RETURN count(*)" --timeout 5
    """
    text = sys.stdin.read() if text == "-" else text
    values = {key: guess(value) for key, value in split_params(params).items()}
    settings = Settings.resolve(**conn)
    with connect(settings) as driver, _interruptible():
        result = run_cypher(driver, text, values, settings.database, write, timeout)
    _emit(result, fmt, output)


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C: the runner has ended the server's transaction; say so in one line."""
    try:
        yield
    except KeyboardInterrupt:
        error = QueryError(INTERRUPTED)
        error.exit_code = 130  # type: ignore[attr-defined]  # the shell's code for SIGINT
        raise error from None


def _print_library() -> None:
    Console().print(library_table(list_queries()))


def _emit(result: QueryResult, fmt: str, output: Path | None) -> None:
    """Write the result in ``fmt`` to ``output`` (or stdout), always with its stamp."""
    if result.stamp.warning:
        click.echo(f"warning: {result.stamp.warning}", err=True)
    if fmt == "table" and output is None:
        print_table(Console(), result)  # the terminal's width
        return
    if fmt == "csv":
        click.echo(f"# stamp: {result.stamp.line()}", err=True)
    emit(render(result, fmt), output, f"{len(result.rows)} rows")
    if fmt == "csv" and output is not None:
        emit(stamp_json(result), output.with_name(output.name + ".stamp.json"), "its stamp")


COMMANDS = [query, cypher_command]
