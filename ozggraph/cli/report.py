"""The cooperation report (``report``) and node measures for Cypher users (``analyze``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ozggraph.cli.options import (
    backend_option,
    dataset_option,
    emit,
    graph_from,
    layers_option,
    neo4j_options,
    output_option,
    selection_options,
)
from ozggraph.neo4j.settings import Settings
from ozggraph.output.document import FORMATS

if TYPE_CHECKING:
    from ozggraph.network.filters import Selection

# The analytics (scipy, networkx) are imported inside the commands, so that every other
# command of the CLI starts without them.
#: The report formats: the documents of every command, and csv (one file per table).
REPORT_FORMATS = (*FORMATS, "csv")


@click.command()
@backend_option
@dataset_option
@selection_options()
@layers_option
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True
)
@click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default=None,
    help="Language of the report (default: from the locale, LANG=de_… gives German).",
)
@output_option(
    directory_formats=("csv",),
    help="Write to this file (a folder for csv; '-' or none: standard output).",
)
@neo4j_options
def report(
    backend: str,
    dataset_path: Path | None,
    selection: Selection,
    layers: tuple[str, ...],
    fmt: str,
    lang: str | None,
    output: Path | None,
    **conn: str,
) -> None:
    """The cooperation report: central and brokering bodies, communities, money, coverage.

    \b
    Examples:
      ozggraph report
      ozggraph report --land HE --as-of 2022 --format md -o hessen.md
      ozggraph report --evidence fact                # facts only
      ozggraph report --confirmed-since 2016         # ties a source confirmed since 2016
      ozggraph report --layers service               # who serves whom (hosting)
      ozggraph report --as-of 2019 --dated-only      # undated claims left out
      ozggraph report --format html -o report.html    # interactive, works offline
      ozggraph report --lang de --format md           # auf Deutsch
      ozggraph report --format csv -o tables/         # every table, uncut, as CSV
      ozggraph report --backend neo4j --format json
    """
    from ozggraph import progress
    from ozggraph.output.render import render
    from ozggraph.output.report import build_report

    if fmt == "csv" and output is None:
        raise click.UsageError("--format csv writes one file per table: give -o DIRECTORY")
    if fmt == "html" and output is None and sys.stdout.isatty():
        raise click.UsageError(
            "--format html is a web page, not for the terminal: give -o report.html "
            "(or redirect: ozggraph report --format html > report.html)"
        )
    graph = graph_from(backend, dataset_path, conn)
    with progress.stage("analysing the network"):
        result = build_report(graph, selection, layers=layers)
    if fmt == "csv":
        from ozggraph.output.export import write_tables
        from ozggraph.output.tables import report_tables

        assert output is not None
        with progress.stage("writing the csv tables"):
            files = write_tables(report_tables(result), output)
        click.echo(f"wrote {len(files)} csv tables to {output}", err=True)
        return
    width = _terminal_width() if output is None and sys.stdout.isatty() else 120
    with progress.stage(f"writing the {fmt} report"):
        text = render(result, fmt, width=width, lang=lang)
    emit(text, output, f"{fmt} report")


@click.command()
@backend_option
@dataset_option
@selection_options("as_of", "land", "evidence", "confirmed_since")
@layers_option
@click.option(
    "--write",
    is_flag=True,
    help="Store the measures as node properties in Neo4j (reads the graph from there).",
)
@neo4j_options
def analyze(
    backend: str,
    dataset_path: Path | None,
    selection: Selection,
    layers: tuple[str, ...],
    write: bool,
    **conn: str,
) -> None:
    """Centrality, brokerage role and community of every body; --write stores them in Neo4j.

    The same measures as ``ozggraph report`` for the same options (latest state by default).

    \b
    Examples:
      ozggraph analyze
      ozggraph analyze --write     # then in Cypher: ORDER BY n.pagerank DESC
    """
    from ozggraph import progress
    from ozggraph.analytics.summary import MEASURES
    from ozggraph.neo4j.connection import connect
    from ozggraph.neo4j.writeback import write_measures
    from ozggraph.network.names import land_shown
    from ozggraph.output.console import measures_table
    from ozggraph.output.report import analysed

    use_neo4j = write or backend == "neo4j"
    graph = graph_from("neo4j" if use_neo4j else backend, dataset_path, conn)
    settings = Settings.resolve(**conn) if use_neo4j else None
    with progress.stage("analysing the network"):
        view, result, rows = analysed(graph, selection, layers=layers)
    if selection.confirmed_since:
        left_out = view.graph["confirmed_since"]["left_out"]
        since = selection.confirmed_since
        click.echo(f"left out {left_out:,} ties not confirmed since {since}", err=True)
    territory = result.ties.territory
    if write and settings is not None:
        with connect(settings) as driver:
            done = write_measures(driver, result.nodes, settings.database, properties=MEASURES)
        click.echo(
            f"wrote measures of {done.written:,} bodies to {settings.shown_uri} database "
            f"{settings.database!r}; cleared {done.cleared:,} stale",
            err=True,
        )
        return
    shown = {node: row["shown"] for node, row in rows.items()}
    lands = {node: land_shown(territory, node) for node in result.nodes}
    from rich.console import Console

    Console().print(measures_table(result.nodes, shown, lands, layers))


def _terminal_width() -> int:
    from rich.console import Console  # rich only where a terminal shows the report

    return Console().width


COMMANDS = [report, analyze]
