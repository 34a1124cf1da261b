"""``ozggraph import ...``: official reference tables -> seed CSV tables."""

from __future__ import annotations

from pathlib import Path

import click

from ozggraph import progress
from ozggraph.cli.imports_reuse import SUBCOMMANDS as REUSE_SUBCOMMANDS
from ozggraph.dataset import default_seed_path
from ozggraph.importers import catalogue, gv100ad

_out_option = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory to write (default: seed/hierarchy or seed/catalogue of the checkout).",
)


def _report(counts: dict[str, int], out: Path) -> None:
    for name, count in counts.items():
        click.echo(f"{name:>45}: {count:>7,}")
    click.echo(f"written to {out}")


@click.group("import")
def import_group() -> None:
    """Turn an official reference table into seed CSV tables (rerun gives identical files)."""


@import_group.command("gv100ad")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_out_option
def import_gv100ad(file: Path, out: Path | None) -> None:
    """Territorial hierarchy from a Destatis GV100AD file.

    Reads the Hinweise.txt beside FILE too, if there is one (full names the file cuts).

    \b
    Example:
      ozggraph import gv100ad ../shared/data/destatis-gv100ad/GV100AD_30112025.txt
    """
    out = out or default_seed_path() / "hierarchy"
    with progress.task(f"importing {file.name}", None):
        counts = gv100ad.run(file, out)
    _report(counts, out)


@import_group.command("catalogue")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_out_option
def import_catalogue(directory: Path, out: Path | None) -> None:
    """OZG catalogue from KDN's CSV tables in DIRECTORY.

    Themenfelder and Lebenslagen become Topic nodes, OZG-Leistungen OZGService nodes.

    \b
    Example:
      ozggraph import catalogue ../shared/data/ozg-katalog-kdn
    """
    out = out or default_seed_path() / "catalogue"
    with progress.task(f"importing {directory.name}", None):
        counts = catalogue.run(directory, out)
    _report(counts, out)


for _command in REUSE_SUBCOMMANDS:  # efa, bodies: cited web tables (ozggraph.cli.imports_reuse)
    import_group.add_command(_command)

COMMANDS = [import_group]
