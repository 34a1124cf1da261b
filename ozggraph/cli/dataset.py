"""Commands on the dataset itself: validate, stats, export."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ozggraph.backend import get_graph
from ozggraph.cli.options import (
    as_of_option,
    backend_option,
    check_output,
    dataset_option,
    graph_from,
    land_option,
    layers_option,
    make_folder,
    neo4j_options,
    output_option,
)
from ozggraph.dataset import read_dataset
from ozggraph.errors import DatasetError, OutputError
from ozggraph.export import FORMATS, write, write_network
from ozggraph.stats import graph_stats


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
def validate(path: Path | None) -> None:
    """Check a dataset strictly; list every problem with file, line and record.

    \b
    Example:
      ozggraph validate seed/
    """
    try:
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

    \b
    Examples:
      ozggraph stats
      ozggraph stats --backend neo4j
    """
    summary = graph_stats(graph_from(backend, dataset_path, conn))
    console = Console()
    for title, counts in (
        ("label", summary["labels"]),
        ("type", summary["types"]),
        ("evidence (claims and events)", summary["evidence"]),
    ):
        table = Table(title=f"by {title}")
        table.add_column(title)
        table.add_column("count", justify="right")
        for name, count in counts.items():
            table.add_row(name, f"{count:,}")
        console.print(table)
    console.print(f"backend {backend}  checksum {summary['checksum']}", soft_wrap=True)


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
    help="File (a folder for csv). Default: ozggraph.<format> or ozggraph-csv/.",
)
@click.option(
    "--network",
    type=click.Choice(["typed", "cooperation"]),
    default="typed",
    show_default=True,
    help="typed: every node and relationship; cooperation: bodies linked by their ties in "
    "--layers (weights 1/(n-1) per shared context).",
)
@as_of_option
@land_option
@layers_option
@dataset_option
def export(
    fmt: str,
    output: Path | None,
    network: str,
    as_of: str | None,
    land: str | None,
    layers: tuple[str, ...],
    dataset_path: Path | None,
) -> None:
    """Export the embedded graph: node-link JSON, GraphML, GEXF (Gephi) or neo4j-admin CSV.

    \b
    Examples:
      ozggraph export --format gexf -o ozg.gexf
      ozggraph export --format csv -o import/   # for neo4j-admin database import
      ozggraph export --network cooperation --land HE --as-of 2022 --format gexf -o he.gexf
      ozggraph export --network cooperation --layers service --format graphml -o service.graphml
    """
    from ozggraph.network.filters import view_of

    if network == "cooperation" and fmt == "csv":
        raise click.UsageError("the cooperation network exports as json, graphml or gexf, not csv")
    target = output or check_output(
        Path("ozggraph-csv" if fmt == "csv" else f"ozggraph.{fmt}"), directory=fmt == "csv"
    )
    graph = view_of(get_graph("embedded", dataset_path), date=as_of, land=land)
    make_folder(target if fmt == "csv" else target.parent)
    there = set(target.iterdir()) if target.is_dir() else {target} if target.exists() else set()
    try:
        if network == "cooperation":
            from ozggraph.network.projections import cooperation_network

            network_ = cooperation_network(graph, land=land, layers=layers)
            written = write_network(network_, fmt, target)
        else:
            written = write(graph, fmt, target)
    except OSError as exc:
        raise OutputError(f"cannot write {exc.filename or target}: {exc.strerror}") from None
    for path in written:
        click.echo(
            f"wrote {path}" + (" (replaced the file that was there)" if path in there else "")
        )


COMMANDS = [validate, stats, export]
