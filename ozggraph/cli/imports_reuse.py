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
from ozggraph.importers.hosting import HOSTING_DIR, import_hosting
from ozggraph.importers.it_providers import IT_PROVIDERS_DIR, import_it_providers
from ozggraph.importers.programmes import PROGRAMMES_DIR, import_programmes
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


@click.command("it-providers")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--bodies",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Directory of the public-bodies tables (default: public-bodies beside FILE's folder).",
)
@_out_option(IT_PROVIDERS_DIR)
@dataset_option
def it_providers_command(
    file: Path, bodies: Path | None, out: Path | None, dataset_path: Path | None
) -> None:
    """IT providers and their Träger, members, Gesellschafter and customers from FILE.

    Every ITProvider node is written here, also those of the public-bodies table
    (kommunale_it_dienstleister.csv), so one provider is one node. Run after
    'ozggraph import bodies'.

    \b
    Example:
      ozggraph import it-providers raw/it-providers/it_provider_ties.csv
    """
    seed = dataset_path or default_seed_path()
    _show(import_it_providers(file, out or seed / IT_PROVIDERS_DIR, seed, bodies))


@click.command("programmes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_out_option(PROGRAMMES_DIR)
@dataset_option
def programmes_command(file: Path, out: Path | None, dataset_path: Path | None) -> None:
    """Funding programmes, their rounds, joint projects and recipients from FILE.

    \b
    Example:
      ozggraph import programmes raw/funding-programmes/funding_digital_programmes.csv
    """
    seed = dataset_path or default_seed_path()
    _show(import_programmes(file, out or seed / PROGRAMMES_DIR, seed))


@click.command("hosting")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_out_option(HOSTING_DIR)
@dataset_option
def hosting_command(file: Path, out: Path | None, dataset_path: Path | None) -> None:
    """Which body hosts the election-results portal of each authority, from FILE.

    \b
    Example:
      ozggraph import hosting raw/service-hosting/nds_votemanager_hosting.csv
    """
    seed = dataset_path or default_seed_path()
    _show(import_hosting(file, out or seed / HOSTING_DIR, seed))


SUBCOMMANDS = [
    bodies_command,
    it_providers_command,
    programmes_command,
    hosting_command,
    efa_command,
]
