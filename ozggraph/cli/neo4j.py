"""Commands that talk to a Neo4j server: load."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from ozggraph.cli.options import dataset_option, neo4j_options
from ozggraph.graph import load_graph
from ozggraph.neo4j.connection import Settings, connect
from ozggraph.neo4j.load import load as load_into


@click.command()
@dataset_option
@neo4j_options
def load(dataset_path: Path | None, **conn: str) -> None:
    """Load the dataset into Neo4j: idempotent, replacing, all-or-nothing.

    \b
    Example:
      export NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=...
      ozggraph load
    """
    settings = Settings.resolve(**conn)
    graph = load_graph(dataset_path)  # validate before touching the server
    with connect(settings) as driver:
        if sys.stdout.isatty():
            with Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()
            ) as bar:
                tasks: dict[str, TaskID] = {}

                def show(step: str, done: int, total: int) -> None:
                    if step not in tasks:
                        tasks[step] = bar.add_task(step, total=total)
                    bar.update(tasks[step], completed=done)

                summary = load_into(driver, graph, settings.database, progress=show)
        else:
            summary = load_into(driver, graph, settings.database)
    state = "changed" if summary.changed else "unchanged"
    click.echo(
        f"loaded {summary.nodes:,} nodes, {summary.relationships:,} relationships into "
        f"{settings.shown_uri} database {settings.database!r} ({state}); "
        f"checksum {summary.checksum}"
    )


COMMANDS = [load]
