"""``ozggraph import efa`` and ``ozggraph import bodies``: cited web tables -> seed YAML.

Registered on the ``import`` group of :mod:`ozggraph.cli.imports` via :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from ozggraph.cli.options import F, dataset_option
from ozggraph.dataset import default_seed_path
from ozggraph.importers.efa import EFA_DIR, import_efa
from ozggraph.importers.public_bodies import BODIES_DIR, import_bodies
from ozggraph.importers.seed_yaml import ImportReport


def _out_option(default: str) -> Callable[[F], F]:
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"Directory to write (default: seed/{default} of the dataset).",
    )


def _show(report: ImportReport) -> None:
    for line in report.lines():
        click.echo(line)


@click.command("efa")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_out_option(EFA_DIR)
@dataset_option
def efa_command(file: Path, out: Path | None, dataset_path: Path | None) -> None:
    """EfA solutions, their developers, operators and reusers from FILE (efa_reuse.csv).

    Bodies resolve against the dataset; run 'ozggraph import bodies' first.

    \b
    Example:
      ozggraph import efa ../shared/data/efa-reuse/efa_reuse.csv
    """
    seed = dataset_path or default_seed_path()
    _show(import_efa(file, out or seed / EFA_DIR, seed))


@click.command("bodies")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_out_option(BODIES_DIR)
@dataset_option
def bodies_command(directory: Path, out: Path | None, dataset_path: Path | None) -> None:
    """Municipal associations, IT providers and Themenfeld leads from DIRECTORY.

    \b
    Example:
      ozggraph import bodies ../shared/data/public-bodies
    """
    seed = dataset_path or default_seed_path()
    _show(import_bodies(directory, out or seed / BODIES_DIR, seed))


SUBCOMMANDS = [bodies_command, efa_command]
