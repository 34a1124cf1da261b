"""``ozggraph find`` and ``ozggraph show``: everyday look-ups in the embedded graph."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ozggraph.cli.options import dataset_option
from ozggraph.graph import load_graph
from ozggraph.network.lookup import find as find_nodes
from ozggraph.network.lookup import show as show_node

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
        click.echo(json.dumps([asdict(m) for m in matches], ensure_ascii=False, indent=2))
        if total > len(matches):
            click.echo(f"{total:,} found, the first {len(matches):,} shown (--limit)", err=True)
        return
    if not matches:
        click.echo(f"nothing found for {text!r}")
        return
    more = f", the first {len(matches):,} shown (--limit)" if total > len(matches) else ""
    table = Table(
        title=f"{total:,} found for {text!r}{more}; 'ozggraph show ID' lists the ties",
        expand=False,
    )
    table.add_column("name (kind where names are shared)", overflow="fold", ratio=3, min_width=20)
    table.add_column("Land", no_wrap=True, min_width=4)
    table.add_column("id", overflow="fold", ratio=2, min_width=12)
    for m in matches:
        name = escape(m.shown)
        if m.aliases:
            name += f"\n[dim]also: {escape(', '.join(m.aliases))}[/dim]"
        table.add_row(name, m.land or "–", escape(m.id))
    Console().print(table)


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
    from ozggraph.schema import EDGE_TYPES

    view = show_node(load_graph(dataset_path), body)
    if fmt == "json":
        click.echo(json.dumps(asdict(view), ensure_ascii=False, indent=2, default=str))
        return
    node = view.node
    console = Console()
    console.print(
        f"[bold]{node.name}[/bold] ({node.label}, {node.land or 'no Land'}, {node.id})",
        highlight=False,
    )
    if not view.groups:
        console.print("no ties")
    for group in view.groups:
        table = Table(title=f"{group.kind} ({len(group.ties)})", title_justify="left")
        for column in ("other", "date", "status", "evidence", "details", "sources"):
            table.add_column(column, overflow="fold")
        for tie in group.ties:
            details = ", ".join(f"{k}={_value(v)}" for k, v in tie.details.items())
            table.add_row(
                f"{tie.other_name} ({tie.other_label}, {tie.other})",
                tie.date or "",
                tie.status,
                tie.evidence or ("not stated" if EDGE_TYPES[tie.type].claim else ""),
                details,
                ", ".join(tie.sources),
            )
        console.print(table)
    if view.sources:
        console.print("Sources:", highlight=False)
        for source, title in view.sources.items():
            console.print(f"  {source}: {title}", highlight=False, soft_wrap=True)


def _value(value: object) -> str:
    """130000.0 as 130,000; other values as they are."""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


COMMANDS = [find, show]
