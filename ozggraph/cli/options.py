"""Options shared by several commands (written once, used everywhere)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

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


def neo4j_options(func: F) -> F:
    """--uri/--username/--password/--database, each falling back to its NEO4J_* variable."""
    for option in reversed(
        [
            click.option(
                "--uri",
                envvar="NEO4J_URI",
                default="bolt://localhost:7687",
                show_default=True,
                help="Bolt URI [env NEO4J_URI]; neo4j+s:// works.",
            ),
            click.option(
                "--username",
                envvar="NEO4J_USERNAME",
                default="neo4j",
                show_default=True,
                help="[env NEO4J_USERNAME]",
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
                default="neo4j",
                show_default=True,
                help="[env NEO4J_DATABASE]",
            ),
        ]
    ):
        func = option(func)
    return func
