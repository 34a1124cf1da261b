"""What the everyday commands print: ``find``, ``show``, ``stats``, ``analyze`` and
``server status``, as rich tables and lines for the terminal (and JSON where asked).

The commands in :mod:`ozggraph.cli` compute, then hand the result to one function here.

>>> import io
>>> from rich.console import Console
>>> from ozggraph.network.lookup import Match
>>> console = Console(file=io.StringIO(), width=80, record=True)
>>> found = Match("ags-06531005", "Municipality", "Gießen", "HE", shown="Gießen")
>>> print_found(console, [found], 1, "giessen")
>>> "ags-06531005" in console.export_text()
True
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ozggraph.network.lookup import Match, View

if TYPE_CHECKING:
    from ozggraph.neo4j.server import ServerState


# --- ozggraph find / show ------------------------------------------------------------


def found_json(matches: Sequence[Match]) -> str:
    """The matches as a JSON list (``ozggraph find --format json``)."""
    return json.dumps([asdict(m) for m in matches], ensure_ascii=False, indent=2)


def print_found(console: Console, matches: Sequence[Match], total: int, text: str) -> None:
    """The matches of ``text`` as a table: name (and aliases), Land, id; ``total``: how
    many matched (``matches`` may be the first of them)."""
    if not matches:
        console.print(f"nothing found for {text!r}", highlight=False, markup=False)
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
    console.print(table)


def view_json(view: View) -> str:
    """A node's ties as JSON (``ozggraph show --format json``)."""
    return json.dumps(asdict(view), ensure_ascii=False, indent=2, default=str)


def print_view(console: Console, view: View) -> None:
    """A node, then one table of its ties per kind, then the titles of their sources."""
    from ozggraph.schema import EDGE_TYPES

    node = view.node
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


# --- ozggraph stats ------------------------------------------------------------------


def print_stats(console: Console, summary: dict[str, Any], backend: str) -> None:
    """:func:`~ozggraph.network.stats.graph_stats` as tables: by label and by type (with
    how many have ended), claims by evidence, then the checksum."""
    ended = summary["ended"]
    for title, counts, gone in (
        ("label", summary["labels"], ended["labels"]),
        ("type", summary["types"], ended["types"]),
        ("evidence (claims and events)", summary["evidence"], None),
    ):
        table = Table(title=f"by {title}")
        table.add_column(title)
        table.add_column("count", justify="right")
        if gone is not None:
            table.add_column("ended", justify="right")
        for name, count in counts.items():
            extra = [f"{gone.get(name, 0):,}" if gone.get(name) else ""] if gone is not None else []
            table.add_row(name, f"{count:,}", *extra)
        console.print(table)
    console.print(
        f"ended: {ended['nodes']:,} nodes and {ended['relationships']:,} relationships have "
        "ended (a valid_to); the report and every analysis show the latest state and leave "
        "them out, so their counts are lower (use --as-of DATE there for an earlier state).",
        highlight=False,
    )
    console.print(f"backend {backend}  checksum {summary['checksum']}", soft_wrap=True)


# --- ozggraph analyze ----------------------------------------------------------------


def measures_table(
    measures: dict[str, dict[str, Any]],
    shown: dict[str, str],
    lands: dict[str, str],
    layers: Sequence[str],
    top: int = 20,
) -> Table:
    """The ``top`` bodies by PageRank with their measures (``ozggraph analyze``);
    ``shown``: each body's name, ``lands``: the Land as shown."""
    table = Table(
        "body",
        "Land",
        "PageRank",
        "betweenness",
        "role",
        "community",
        title=f"Top {top} bodies by PageRank, layers {','.join(layers)} (--write stores all)",
    )
    ranked = sorted(measures, key=lambda n: (-measures[n]["pagerank"], n))[:top]
    for node in ranked:
        row = measures[node]
        table.add_row(
            shown[node],
            lands[node],
            f"{row['pagerank']:.4f}",
            f"{row['betweenness']:.3f}",
            row["brokerage_role"] or "–",
            str(row["community"]),
        )
    return table


# --- ozggraph server status ----------------------------------------------------------


def server_status(state: ServerState, home: Path, dataset: str | None) -> str:
    """Where the local server runs, its state and log, and the dataset its database holds."""
    return (
        f"Neo4j {state.neo4j_version} running, pid {state.pid}, since {state.started_at}\n"
        f"  Neo4j Browser: {state.browser_url}\n"
        f"  Bolt URI:      {state.uri}\n"
        f"  state:         {home}\n"
        f"  log:           {state.log}\n"
        f"  dataset:       {dataset or 'none loaded'}"
    )
