"""Commands on the dataset itself: validate, stats, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console

from ozggraph.cli.options import (
    backend_option,
    check_output,
    dataset_option,
    graph_from,
    layers_option,
    make_folder,
    neo4j_options,
    output_option,
    selection_options,
    stdout_asked,
)
from ozggraph.dataset import read_dataset
from ozggraph.errors import DatasetError, OutputError
from ozggraph.neo4j.backend import get_graph
from ozggraph.network.stats import graph_stats
from ozggraph.output.console import print_stats
from ozggraph.output.export import FORMATS, write

if TYPE_CHECKING:
    from ozggraph.network.filters import Selection


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
def validate(path: Path | None) -> None:
    """Check a dataset strictly; list every problem with file, line and record.

    \b
    Example:
      ozggraph validate seed/
    """
    from ozggraph import progress

    try:
        with progress.stage("validating the dataset"):
            dataset = read_dataset(path)
    except DatasetError as exc:
        if len(exc.problems) == 1:  # say it in one line
            raise click.ClickException(str(exc.problems[0])) from None
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(exc.problems)} problem(s) found") from None
    click.echo(
        f"ok: {len(dataset.nodes)} nodes, {len(dataset.edges)} relationships in {dataset.path}"
    )


@click.command()
@backend_option
@dataset_option
@neo4j_options
def stats(backend: str, dataset_path: Path | None, **conn: str) -> None:
    """Counts by label and relationship type, claims by evidence, and the dataset checksum.

    Everything the dataset records, history included; the column "ended" counts what the
    report and analyses leave out, since they show the latest state.

    \b
    Examples:
      ozggraph stats
      ozggraph stats --backend neo4j
    """
    summary = graph_stats(graph_from(backend, dataset_path, conn))
    print_stats(Console(), summary, backend)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
)
@output_option(
    directory_formats=("csv",),
    help="File (a folder for csv; '-': standard output). Default: ozggraph.<format> or "
    "ozggraph-csv/.",
)
@click.option(
    "--network",
    type=click.Choice(["typed", "cooperation"]),
    default="typed",
    show_default=True,
    help="typed: every node and relationship; cooperation: bodies linked by their ties in "
    "--layers (weights 1/(n-1) per shared context).",
)
@selection_options("as_of", "land")
@layers_option
@dataset_option
def export(
    fmt: str,
    output: Path | None,
    network: str,
    selection: Selection,
    layers: tuple[str, ...],
    dataset_path: Path | None,
) -> None:
    """Export the embedded graph: node-link JSON, GraphML, GEXF (Gephi) or neo4j-admin CSV.

    The latest state unless --as-of says otherwise (ended facts left out). The file
    is replaced only when complete: an interrupted export leaves the old one.

    \b
    Examples:
      ozggraph export --format gexf -o ozg.gexf
      ozggraph export --format json -o - | jq '.nodes | length'
      ozggraph export --format csv -o import/   # neo4j-admin import --array-delimiter=U+001F
      ozggraph export --network cooperation --land HE --as-of 2022 --format gexf -o he.gexf
      ozggraph export --network cooperation --layers service --format graphml -o service.graphml
    """
    from ozggraph import progress
    from ozggraph.output.export import dump, network_for_export

    if network == "cooperation" and fmt == "csv":
        raise click.UsageError("the cooperation network exports as json, graphml or gexf, not csv")
    to_stdout = stdout_asked()
    if to_stdout and fmt == "csv":
        raise click.UsageError("--format csv writes one file per kind: give -o FOLDER, not -o -")
    target = output or check_output(
        Path("ozggraph-csv" if fmt == "csv" else f"ozggraph.{fmt}"), directory=fmt == "csv"
    )
    with progress.task(f"export {fmt}", total=3) as advance:
        graph = selection.view(get_graph("embedded", dataset_path))
        advance(1)
        if network == "cooperation":
            from ozggraph.network.projections import cooperation_network

            graph = network_for_export(
                cooperation_network(graph, land=selection.land, layers=layers)
            )
        advance(1)
        if to_stdout:
            sys.stdout.flush()
            dump(graph, fmt, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            advance(1)
            return
        make_folder(target if fmt == "csv" else target.parent)
        there = set(target.iterdir()) if target.is_dir() else {target} if target.exists() else set()
        try:
            written = write(graph, fmt, target)
        except OSError as exc:
            raise OutputError(f"cannot write {exc.filename or target}: {exc.strerror}") from None
        advance(1)
    for path in written:
        replaced = " (replaced the file that was there)" if path in there else ""
        click.echo(f"wrote {path}{replaced}", err=True)
    if fmt == "csv":
        from ozggraph.output.export import ADMIN_IMPORT_OPTION

        click.echo(
            f"import with: neo4j-admin database import full {ADMIN_IMPORT_OPTION} "
            "--nodes=nodes_*.csv --relationships=relationships_*.csv (lists are joined with "
            "U+001F, so aliases may hold ';')",
            err=True,
        )


COMMANDS = [validate, stats, export]
