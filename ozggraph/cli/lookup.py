"""``ozggraph find`` and ``ozggraph show``: everyday look-ups in the embedded graph."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from ozggraph.cli.options import dataset_option
from ozggraph.graph import load_graph
from ozggraph.network.lookup import find as find_nodes
from ozggraph.network.lookup import show as show_node
from ozggraph.output.console import found_json, print_found, print_view, view_json

format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)


@click.command()
@click.argument("text")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=25,
    show_default=True,
    help="Show at most this many (the count says how many match).",
)
@click.option("--bodies", is_flag=True, help="Only public bodies, associations and providers.")
@format_option
@dataset_option
def find(text: str, limit: int, bodies: bool, fmt: str, dataset_path: Path | None) -> None:
    """Nodes whose name, alias or id contains TEXT, with Land and id.

    Any case; umlauts may be spelled out (Muenchen finds München, Giessen Gießen).

    \b
    Examples:
      ozggraph find Gießen          # the city, the Kreis and the Regierungsbezirk
      ozggraph find Duesseldorf
      ozggraph find giessen --bodies --format json
    """
    from ozggraph.schema.edges import BODIES

    if not text.strip():
        raise click.BadParameter("give a text to look for", param_hint="TEXT")
    matches = find_nodes(load_graph(dataset_path), text, labels=BODIES if bodies else None)
    total, matches = len(matches), matches[:limit]
    if fmt == "json":
        click.echo(found_json(matches))
        if total > len(matches):
            click.echo(f"{total:,} found, the first {len(matches):,} shown (--limit)", err=True)
        return
    print_found(Console(), matches, total, text)


@click.command()
@click.argument("body")
@format_option
@dataset_option
def show(body: str, fmt: str, dataset_path: Path | None) -> None:
    """A node's ties grouped by kind: relation, role, share, application, dates, end,
    evidence and sources of each; former, planned, historical and ended ties say so.

    BODY is an id, or a name only one node has (else the candidates are listed).

    \b
    Examples:
      ozggraph show ags-06531005               # Gießen, the city
      ozggraph show "Universitätsstadt Gießen" --format json
    """
    view = show_node(load_graph(dataset_path), body)
    if fmt == "json":
        click.echo(view_json(view))
        return
    print_view(Console(), view)


COMMANDS = [find, show]
