"""Fitting the cascade probability ``p`` to the reuse actually observed.

For every shipped solution: seeds are its developers, operators and providers;
observed adopters are the bodies that ever reached ``min_stage`` (default
``planned``) in a ``REUSES`` fact; the cooperation network is taken *without*
the solution (its own reuse ties would explain themselves). The bodies that
could have adopted are those of the levels (labels) its adopters belong to.

For each ``p`` of a grid, Independent Cascades from the seeds give each body a
chance ``pi`` of adopting; the fit is the (pseudo) log-likelihood
``sum log pi`` over adopters plus ``sum log(1 - pi)`` over the others, summed
over solutions (adoptions treated as independent, a simplification; ``pi`` is
smoothed to ``(hits + 0.5) / (runs + 1)``). It is compared with a network-free
baseline in which every eligible body adopts with the same chance (the observed
share). The verdict says plainly whether the network explains adoption better
than that baseline, and whether ``p`` is pinned down at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from ozggraph import progress
from ozggraph.network.territory import Territory
from ozggraph.schema.edges import BODIES
from ozggraph.schema.types import REUSE_STAGES
from ozggraph.spread.cascade_network import from_graph
from ozggraph.spread.observed import ROLES, solutions
from ozggraph.spread.simulate import cascades

GRID = (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0)
#: A log-likelihood gain below this is no evidence (about a likelihood-ratio test at 5 %).
MIN_GAIN = 1.92


@dataclass(frozen=True)
class SolutionFit:
    solution: str
    seeds: tuple[str, ...]
    observed: int  #: adopters observed
    eligible: int  #: bodies that could have adopted
    expected: float  #: adopters expected at the fitted p
    loglik: float  #: at the fitted p
    baseline: float  #: network-free baseline


@dataclass
class Calibration:
    p: float | None  #: best p on the grid; None when nothing could be fitted
    loglik: float
    baseline: float
    grid: list[tuple[float, float]]
    fits: list[SolutionFit]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    verdict: str = ""


def calibrate(
    graph: nx.MultiDiGraph,
    runs: int = 200,
    seed: int = 0,
    min_stage: str = "planned",
    grid: tuple[float, ...] = GRID,
) -> Calibration:
    """Grid-search maximum (pseudo) likelihood fit of ``p`` (see module docstring)."""
    floor = REUSE_STAGES.index(min_stage)
    tables, skipped = [], []
    terr = Territory(graph)
    every = solutions(graph)
    with progress.task("calibrating p (solutions x grid)", len(every) * len(grid)) as advance:
        for sol in every:
            seeds, adopters = _parties(graph, sol, floor)
            if not adopters or not seeds:
                why = "developer, operator or provider" if adopters else "observed adopter"
                skipped.append((sol, f"no {why} that is a body"))
                advance(len(grid))
                continue
            net = from_graph(graph, exclude={sol}, territory=terr)
            start = np.asarray([net.index[s] for s in seeds], dtype=np.int64)
            levels = sorted({graph.nodes[a]["label"] for a in adopters})
            eligible = np.setdiff1d(np.flatnonzero(np.isin(net.labels, levels)), start)
            observed = np.isin(eligible, [net.index[a] for a in adopters])
            hits = []
            for p in grid:
                hits.append(cascades(net, start, "ic", runs, seed, p)[:, eligible].sum(axis=0))
                advance(1)
            tables.append((sol, tuple(seeds), eligible.size, observed, hits))
    return _fit(tables, skipped, runs, grid)


def _parties(graph: nx.MultiDiGraph, sol: str, floor: int) -> tuple[list[str], list[str]]:
    """Bodies that make ``sol`` (the seeds) and bodies that reached ``floor`` (the adopters)."""
    seeds, adopters = set(), set()
    for u, _, attrs in graph.in_edges(sol, data=True):
        if graph.nodes[u].get("label") not in BODIES:
            continue
        if attrs.get("type") in ROLES:
            seeds.add(u)
        elif attrs.get("type") == "REUSES" and REUSE_STAGES.index(attrs["stage"]) >= floor:
            adopters.add(u)
    return sorted(seeds), sorted(adopters - seeds)


def _loglik(hits: np.ndarray, observed: np.ndarray, runs: int) -> float:
    chance = (hits + 0.5) / (runs + 1.0)
    return float(np.log(chance[observed]).sum() + np.log1p(-chance[~observed]).sum())


def _baseline(observed: np.ndarray) -> float:
    q = observed.mean()
    if q in (0.0, 1.0):
        return 0.0
    return float(observed.sum() * np.log(q) + (~observed).sum() * np.log1p(-q))


def _fit(
    tables: list, skipped: list[tuple[str, str]], runs: int, grid: tuple[float, ...]
) -> Calibration:
    if not tables:
        return Calibration(
            None,
            float("nan"),
            float("nan"),
            [],
            [],
            skipped,
            "nothing to fit: no solution has both seeds and observed adopters",
        )
    curve = [sum(_loglik(t[4][k], t[3], runs) for t in tables) for k in range(len(grid))]
    best = int(np.argmax(curve))
    baseline = sum(_baseline(t[3]) for t in tables)
    fits = [
        SolutionFit(
            sol,
            seeds,
            int(obs.sum()),
            size,
            float(hits[best].sum() / runs),
            _loglik(hits[best], obs, runs),
            _baseline(obs),
        )
        for sol, seeds, size, obs, hits in tables
    ]
    return Calibration(
        grid[best],
        curve[best],
        baseline,
        list(zip(grid, curve, strict=True)),
        fits,
        skipped,
        _verdict(grid, curve, best, baseline),
    )


def _verdict(grid: tuple[float, ...], curve: list[float], best: int, baseline: float) -> str:
    gain = curve[best] - baseline
    flat = [p for p, ll in zip(grid, curve, strict=True) if curve[best] - ll < MIN_GAIN]
    span = (
        f"p between {min(flat):g} and {max(flat):g} fit about equally well"
        if len(flat) > 1
        else f"within the model the likelihood peaks clearly at p = {grid[best]:g}"
    )
    if gain < MIN_GAIN:
        return (
            f"no fit: the cooperation network explains observed adoption no better than "
            f"a network-free baseline (log-likelihood {curve[best]:.1f} vs {baseline:.1f}); "
            f"{span}"
        )
    edge = " (at the edge of the grid)" if best in (0, len(grid) - 1) else ""
    return (
        f"p = {grid[best]:g}{edge} fits better than the network-free baseline by "
        f"{gain:.1f} log-likelihood units; {span}"
    )
