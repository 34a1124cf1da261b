"""Commands that talk to a Neo4j server: load."""

from __future__ import annotations

from pathlib import Path

import click

from ozggraph import progress
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
    settings = Settings(**conn)
    graph = load_graph(dataset_path)  # validate before touching the server
    with connect(settings) as driver, progress.steps() as show:  # bars on stderr, if a tty
        summary = load_into(driver, graph, settings.database, progress=show)
    state = "changed" if summary.changed else "unchanged"
    click.echo(
        f"loaded {summary.nodes:,} nodes, {summary.relationships:,} relationships into "
        f"{settings.shown_uri} database {settings.database!r} ({state}); "
        f"checksum {summary.checksum}"
    )


COMMANDS = [load]
