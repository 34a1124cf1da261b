"""Commands that talk to a Neo4j server: load."""

from __future__ import annotations

from pathlib import Path

import click

from ozggraph import progress
from ozggraph.cli.options import dataset_option, neo4j_options
from ozggraph.graph import load_graph
from ozggraph.neo4j.connection import Settings, connect


@click.command()
@dataset_option
@click.option(
    "--bulk",
    "bulk_home",
    metavar="NEO4J_HOME",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Import offline with neo4j-admin into the STOPPED server at NEO4J_HOME "
    "(replaces the database); start the server and run 'ozggraph load' after.",
)
@click.option(
    "--verify",
    is_flag=True,
    help="Read everything back and compare, even when the database's checksum and counts "
    "say it holds the dataset (finds properties changed by hand).",
)
@neo4j_options
def load(dataset_path: Path | None, bulk_home: Path | None, verify: bool, **conn: str) -> None:
    """Load the dataset into Neo4j: only the difference, in batches, convergent.

    A load that fails or is killed leaves a marker; 'stats', 'query' and
    'report --backend neo4j' warn, and the next 'ozggraph load' finishes it.

    \b
    Examples:
      export NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=...
      ozggraph load
      ozggraph load --verify                # compare everything, not checksum and counts
      ozggraph load --bulk /var/lib/neo4j   # first load of a big dataset, server stopped
    """
    if bulk_home is not None:  # offline: no server to find, only its home
        from ozggraph.neo4j.bulk import import_into

        database = conn.get("database") or "neo4j"
        graph = load_graph(dataset_path)
        done = import_into(bulk_home, graph, database)
        click.echo(
            f"imported {done.nodes:,} nodes, {done.relationships:,} relationships into database "
            f"{database!r} of {bulk_home} in {done.seconds:.0f} s; now start the "
            "server and run 'ozggraph load' (constraints, indexes, dataset marker)"
        )
        return
    settings = Settings.resolve(**conn)
    graph = load_graph(dataset_path)  # validate before touching the server
    from ozggraph.neo4j.load import load as load_into

    with connect(settings) as driver, progress.steps() as show:  # bars on stderr, if a tty
        summary = load_into(driver, graph, settings.database, progress=show, verify=verify)
    click.echo(
        f"loaded {summary.nodes:,} nodes, {summary.relationships:,} relationships into "
        f"{settings.shown_uri} database {settings.database!r} ({summary.describe()}); "
        f"checksum {summary.checksum}"
    )


COMMANDS = [load]
