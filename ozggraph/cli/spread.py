"""Reuse spread: observed adoption, cascade simulation, seed selection, calibration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import networkx as nx

from ozggraph import progress
from ozggraph.cli.options import (
    as_of_option,
    backend_option,
    check_land,
    check_level,
    check_output,
    dataset_option,
    emit,
    graph_from,
    layers_option,
    neo4j_options,
    output_option,
)
from ozggraph.errors import OutputError
from ozggraph.output import spread as report
from ozggraph.output.document import FORMATS, Document
from ozggraph.spread.calibrate import calibrate as fit
from ozggraph.spread.cascade_network import from_graph
from ozggraph.spread.observed import RULES
from ozggraph.spread.seeds import select_seeds
from ozggraph.spread.simulate import CLI_P, MODELS, P_NOTE
from ozggraph.spread.simulate import simulate as run_cascades

format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
)
runs_option = click.option("--runs", type=click.IntRange(1), default=1000, show_default=True)
seed_option = click.option(
    "--seed", type=int, default=0, show_default=True, help="Random seed: same seed, same numbers."
)
p_option = click.option(
    "--p",
    "p",
    type=click.FloatRange(0, 1),
    default=None,
    help=f"Chance per shared tie of passing a solution on [default: {CLI_P:g}, where "
    "`ozggraph calibrate` peaks; it finds no good fit, so this is a what-if].",
)


def _p(p: float | None) -> tuple[float, str | None]:
    """The p to use, and the note that says where a default p comes from."""
    return (CLI_P, P_NOTE) if p is None else (p, None)


def plot_folder(_ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    """``--plot DIR``: a folder we can write to, checked before the work."""
    if value is None:
        return None
    try:
        return check_output(value, directory=True, option="--plot")
    except OutputError as exc:
        raise click.BadParameter(str(exc).removeprefix(f"--plot {value}: ")) from None


def _emit(
    graph: nx.MultiDiGraph,
    result: Any,
    document: Callable[[dict[str, object]], Document],
    fmt: str,
    output: Path | None,
    note: str | None = None,
    **meta: Any,
) -> None:
    emit(report.render_result(graph, result, document, fmt, note, **meta), output)


@click.command("spread")
@click.argument("solution", required=False)
@as_of_option
@click.option(
    "--rule",
    type=click.Choice(RULES),
    default="furthest",
    show_default=True,
    help="furthest: the furthest stage in force; latest: the latest fact in force.",
)
@format_option
@output_option
@click.option(
    "--plot",
    "plot_dir",
    type=click.Path(path_type=Path),
    default=None,
    callback=plot_folder,
    help="Write the adoption curve and spread network PNGs of SOLUTION to this folder.",
)
@backend_option
@dataset_option
@neo4j_options
def spread(
    solution: str | None,
    as_of: str | None,
    rule: str,
    fmt: str,
    output: Path | None,
    plot_dir: Path | None,
    backend: str,
    dataset_path: Path | None,
    **conn: str,
) -> None:
    """Observed spread of SOLUTION (id, name or alias), or of every solution.

    \b
    Examples:
      ozggraph spread
      ozggraph spread sol-digitale-baugenehmigung --plot out/
      ozggraph spread "Digitaler Bauantrag" --as-of 2023-06 --format md -o bau.md
    """
    if plot_dir is not None and solution is None:
        raise click.UsageError("--plot draws the charts of one solution: name it (SOLUTION)")
    if plot_dir is not None and fmt == "json":
        raise click.UsageError("--plot goes with --format text, md or html, not json")
    graph = graph_from(backend, dataset_path, conn)
    new_folder = plot_dir is not None and not plot_dir.exists()
    text = report.spread_output(graph, solution, as_of, rule, fmt, plot_dir)
    if new_folder:  # made by the charts, once the solution was found: say so
        click.echo(f"created folder {plot_dir}", err=True)
    emit(text, output)


@click.command("simulate")
@click.option(
    "--model",
    type=click.Choice(MODELS),
    default="ic",
    show_default=True,
    help="ic: Independent Cascade; lt: Linear Threshold.",
)
@click.option(
    "--from",
    "seeds",
    multiple=True,
    required=True,
    metavar="BODY",
    help="A body the solution starts from (id, name or alias); repeat for several.",
)
@runs_option
@seed_option
@p_option
@as_of_option
@layers_option
@format_option
@output_option
@backend_option
@dataset_option
@neo4j_options
def simulate(
    model: str,
    seeds: tuple[str, ...],
    runs: int,
    seed: int,
    p: float | None,
    as_of: str | None,
    layers: tuple[str, ...],
    fmt: str,
    output: Path | None,
    backend: str,
    dataset_path: Path | None,
    **conn: str,
) -> None:
    """Monte-Carlo spread from some bodies over the cooperation network.

    \b
    Examples:
      ozggraph simulate --from ags-13 --runs 1000 --seed 1
      ozggraph simulate --model lt --from Hessen --from Rheinland-Pfalz
    """
    graph = graph_from(backend, dataset_path, conn)
    with progress.stage("building the cooperation network"):
        net = from_graph(graph, as_of, layers=layers)
    p_used, note = _p(p)
    result = run_cascades(net, list(seeds), model, runs, seed, p_used, graph)
    _emit(
        graph,
        result,
        lambda m: report.simulation_document(graph, result, m),
        fmt,
        output,
        note if model == "ic" else None,
        as_of=as_of,
        layers=",".join(layers),
        weighting="ties counted (one cascade trial per tie)",
    )


@click.command("seeds")
@click.option(
    "--k", type=click.IntRange(1), default=5, show_default=True, help="How many bodies to choose."
)
@click.option(
    "--land",
    default=None,
    metavar="CODE",
    callback=check_land,
    help="Only bodies of this Land (e.g. HE).",
)
@click.option(
    "--level",
    default=None,
    callback=check_level,
    help="Only bodies of this level: bund, land, kreis, gemeinde, verband, provider, or a label.",
)
@click.option("--runs", type=click.IntRange(1), default=500, show_default=True)
@seed_option
@p_option
@as_of_option
@layers_option
@format_option
@output_option
@backend_option
@dataset_option
@neo4j_options
def seeds(
    k: int,
    land: str | None,
    level: str | None,
    runs: int,
    seed: int,
    p: float | None,
    as_of: str | None,
    layers: tuple[str, ...],
    fmt: str,
    output: Path | None,
    backend: str,
    dataset_path: Path | None,
    **conn: str,
) -> None:
    """Which K bodies to fund so that a solution spreads furthest (greedy, CELF).

    \b
    Examples:
      ozggraph seeds --k 10
      ozggraph seeds --k 3 --land HE --level gemeinde --runs 2000
    """
    graph = graph_from(backend, dataset_path, conn)
    with progress.stage("building the cooperation network"):
        net = from_graph(graph, as_of, layers=layers)
    p_used, note = _p(p)
    result = select_seeds(net, k, runs, seed, p_used, land, level)
    _emit(
        graph,
        result,
        lambda m: report.selection_document(graph, result, m),
        fmt,
        output,
        note,
        as_of=as_of,
        layers=",".join(layers),
        weighting="ties counted (one cascade trial per tie)",
    )


@click.command("calibrate")
@click.option("--runs", type=click.IntRange(1), default=200, show_default=True)
@seed_option
@format_option
@output_option
@backend_option
@dataset_option
@neo4j_options
def calibrate(
    runs: int,
    seed: int,
    fmt: str,
    output: Path | None,
    backend: str,
    dataset_path: Path | None,
    **conn: str,
) -> None:
    """Fit the cascade probability p to the observed reuse, and say how well it fits.

    \b
    Example:
      ozggraph calibrate --runs 500
    """
    graph = graph_from(backend, dataset_path, conn)
    result = fit(graph, runs, seed)
    _emit(graph, result, lambda m: report.calibration_document(result, m), fmt, output)


COMMANDS = [spread, simulate, seeds, calibrate]
