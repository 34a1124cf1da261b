"""Options and output shared by several commands (written once, used everywhere)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import networkx as nx

from ozggraph.backend import get_graph
from ozggraph.dates import check as check_date
from ozggraph.neo4j.settings import Settings

F = Callable[..., Any]

dataset_option = click.option(
    "--dataset",
    "dataset_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Seed directory or file (default: $OZGGRAPH_SEED or the checkout's seed/).",
)

backend_option = click.option(
    "--backend",
    type=click.Choice(["embedded", "neo4j"]),
    default="embedded",
    show_default=True,
    help="embedded: the in-memory graph from seed/; neo4j: read the graph from the server.",
)

output_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file."
)

# A bad date raises DateError (an OzgGraphError): one clear line and exit 1.
as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    default=None,
    callback=lambda _c, _p, value: check_date(value) if value else None,
    help="Only what was valid then (YYYY, YYYY-MM or YYYY-MM-DD; the end of that period).",
)

land_option = click.option(
    "--land",
    metavar="CODE",
    default=None,
    callback=lambda _c, _p, value: value.upper() if value else value,
    help="One Land (HE, BY ...) with its partners in other Länder.",
)


def graph_from(backend: str, dataset_path: Path | None, conn: dict[str, str]) -> nx.MultiDiGraph:
    """The graph the --backend/--dataset/Neo4j options of a command point at."""
    settings = Settings.resolve(**conn) if backend == "neo4j" else None
    return get_graph(backend, dataset_path, settings)


def emit(text: str, output: Path | None, what: str = "output") -> None:
    """Print ``text``, or write it to ``output`` and say so on stderr."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {what} to {output}", err=True)


def neo4j_options(func: F) -> F:
    """--uri/--username/--password/--database, each falling back to its NEO4J_* variable.

    With none of them given, the command talks to the local server of ``ozggraph server
    start`` (:meth:`Settings.resolve`); unset ones take the defaults shown.
    """
    for option in reversed(
        [
            click.option(
                "--uri",
                envvar="NEO4J_URI",
                default=None,
                help="Bolt URI [env NEO4J_URI; default: the local 'ozggraph server', "
                "else bolt://localhost:7687]; neo4j+s:// works.",
            ),
            click.option(
                "--username",
                envvar="NEO4J_USERNAME",
                default=None,
                help="[env NEO4J_USERNAME; default: neo4j]",
            ),
            click.option(
                "--password",
                envvar="NEO4J_PASSWORD",
                default=None,
                help="[env NEO4J_PASSWORD] never printed.",
            ),
            click.option(
                "--database",
                envvar="NEO4J_DATABASE",
                default=None,
                help="[env NEO4J_DATABASE; default: neo4j]",
            ),
        ]
    ):
        func = option(func)
    return func
