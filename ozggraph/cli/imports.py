"""``ozggraph import ...``: the reference tables of raw/ -> the imported parts of seed/.

One command per entry of :data:`ozggraph.importers.IMPORTERS`, plus ``import all``,
which rebuilds every imported part at once. Nothing here names an importer: adding
an entry to the registry adds its command.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from ozggraph import progress
from ozggraph.dataset.locations import source_paths
from ozggraph.errors import OzgGraphError
from ozggraph.importers import IMPORTERS, Importer, import_all

_seed_option = click.option(
    "--seed",
    "--dataset",
    "seed",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dataset folder to write into and resolve bodies against "
    "(default: $OZGGRAPH_SEED, else seed/ of the checkout or of the current folder).",
)


@click.group("import")
def import_group() -> None:
    """Rebuild seed/ from the reference tables in raw/ (reruns give identical files).

    \b
    Example:
      ozggraph import all                 # every imported part of seed/
      ozggraph import gv100ad             # one part; --help of each says what it reads
    """


@import_group.command("all")
@click.option(
    "--raw",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of the reference tables (default: raw/ of the checkout or current folder).",
)
@_seed_option
def import_all_command(raw: Path | None, seed: Path | None) -> None:
    """Every imported part of seed/ from raw/, in dependency order; all or nothing.

    Hand-written folders (seed/curated) are read, never written.

    \b
    Example:
      ozggraph import all
      ozggraph import all --raw raw --seed build/seed   # rebuild a copy
    """
    default_raw, default_seed = source_paths()
    seed = seed or default_seed
    started = time.perf_counter()
    with progress.task("importing raw/ into seed/", len(IMPORTERS)) as advance:
        for line in import_all(raw or default_raw, seed):
            click.echo(line)
            if line.startswith(tuple(f"{e.name}: " for e in IMPORTERS)):
                advance(1)  # a new part begins
    click.echo(f"rebuilt {len(IMPORTERS)} parts of {seed} in {time.perf_counter() - started:.1f} s")


def _command(entry: Importer) -> click.Command:
    """``ozggraph import NAME [SOURCE]`` for one registry entry."""

    def run(source: Path | None, out: Path | None, seed: Path | None) -> None:
        default_raw, default_seed = source_paths()
        seed = seed or default_seed
        out = out or seed / entry.out
        if source is None:
            source = default_raw / entry.source
            if not source.exists():
                raise OzgGraphError(f"{source}: no such file or folder; pass SOURCE")
        with progress.task(f"importing {entry.name}", None):
            for line in entry.run(source, out, seed):
                click.echo(line)
        click.echo(f"written to {out}")

    run.__doc__ = (
        f"{entry.summary}\n\nSOURCE defaults to raw/{entry.source}; writes "
        f"SEED/{entry.out}.\n\n\b\nExample:\n  ozggraph import {entry.name} raw/{entry.source}"
    )
    run = click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"Folder to write (default: SEED/{entry.out}).",
    )(run)
    run = _seed_option(run)
    run = click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))(
        run
    )
    return click.command(entry.name)(run)


for _entry in IMPORTERS:
    import_group.add_command(_command(_entry))

COMMANDS = [import_group]
