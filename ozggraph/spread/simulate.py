"""What-if spread on the cooperation network: Independent Cascade and Linear Threshold.

Edge probabilities from tie strength (the default, overridable with ``p``):
every tie two bodies share (a cooperation, programme, funding tie or solution;
``weight`` of the network edge) is an independent chance ``p`` that one passes a
solution on to the other, so an edge of weight ``w`` passes it with
``1 - (1 - p) ** w``; the same both ways (a tie works in both directions).

``DEFAULT_P = 0.01`` is a modelling choice, not a fitted value: the shipped data
cannot pin ``p`` down (``ozggraph calibrate``: the likelihood peaks near 0.075,
but a network-free baseline explains the observed reuse better). 0.01 keeps
cascades local on a Germany-scale network, like the slow, partial adoption the
sources report; at 0.05 a cascade from five bodies of the synthetic
Germany-scale network reaches about a third of all bodies. Pass ``p`` to explore,
or ``arc_p`` for probabilities of your own.

Linear Threshold: body ``v`` weighs each neighbour ``u`` by ``w_uv / sum_u w_uv``
and adopts once the weights of its adopting neighbours reach its threshold,
uniform on (0, 1] per run unless given.

Every estimate is a Monte-Carlo mean over ``runs`` with a 95 % confidence
interval of the mean (normal approximation, ``mean +- 1.96 sd / sqrt(runs)``) and
the 5th-95th percentile of single runs (how different one future can look).
Adopters include the seeds. Same ``seed``, same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from ozggraph import progress
from ozggraph.errors import SimulationError
from ozggraph.spread import engine
from ozggraph.spread.cascade_network import Network

#: Chance per shared tie that a body passes a solution on (see the module docstring).
DEFAULT_P = 0.01
#: What ``ozggraph simulate`` and ``ozggraph seeds`` use when ``--p`` is not given: the
#: p at which ``ozggraph calibrate`` finds the likelihood highest on the shipped data.
#: At 0.01 a cascade on the shipped network rarely leaves its seed (1.1 adopters on
#: average from Mecklenburg-Vorpommern); at 0.075 it reaches a few partners (about 3.6,
#: up to 11 in 5 % of runs), which is worth looking at. Not a fitted truth: see P_NOTE.
CLI_P = 0.075
#: Said with every result that used :data:`CLI_P` because ``--p`` was not given.
P_NOTE = (
    f"p = {CLI_P:g} per tie by default: where `ozggraph calibrate` finds the likelihood "
    "highest on the shipped data. Calibration also finds that a network-free baseline "
    "explains the observed reuse better (no good fit), so read the numbers as what-if, "
    "not forecast; pass --p to explore."
)
MODELS = ("ic", "lt")
#: Above this branching estimate the live-edge kernel is used (measured cross-over).
WIDE = 2.0


@dataclass(frozen=True)
class Estimate:
    """Mean of a Monte-Carlo quantity, its 95 % CI and the 5-95 % range of single runs."""

    mean: float
    low: float
    high: float
    p05: float
    p95: float

    @classmethod
    def of(cls, values: np.ndarray) -> Estimate:
        values = np.asarray(values, dtype=np.float64)
        mean = float(values.mean()) if values.size else 0.0
        half = 1.96 * float(values.std(ddof=1)) / np.sqrt(values.size) if values.size > 1 else 0.0
        p05, p95 = np.percentile(values, [5, 95]) if values.size else (0.0, 0.0)
        low = mean - half
        if values.size and values.min() >= 0:  # counts and residents: never below 0
            low = max(low, 0.0)
        return cls(mean, float(low), float(mean + half), float(p05), float(p95))


@dataclass(frozen=True)
class LandReach:
    land: str
    adopters: Estimate
    population: Estimate
    reached: float  #: share of runs in which some body of the Land adopts


@dataclass
class Simulation:
    model: str
    runs: int
    seed: int
    p: float | None
    seeds: list[str]
    adopters: Estimate
    population: Estimate
    lands: list[LandReach] = field(default_factory=list)
    likely: list[tuple[str, float]] = field(default_factory=list)  #: top adopters, share of runs
    unknown_population: list[str] = field(default_factory=list)


def arc_probabilities(net: Network, p: float = DEFAULT_P) -> np.ndarray:
    """Per-arc probability ``1 - (1 - p) ** weight``, aligned with the CSR arrays."""
    if not 0.0 <= p <= 1.0:
        raise SimulationError(f"probability p must be between 0 and 1, got {p}")
    return 1.0 - (1.0 - p) ** net.adjacency.data


def arc_influence(net: Network) -> np.ndarray:
    """Per-arc LT weight ``w_uv / sum_u w_uv`` (influences into a node sum to 1)."""
    into = np.asarray(net.adjacency.sum(axis=0)).ravel()
    return net.adjacency.data / into[net.adjacency.indices]


def cascades(
    net: Network,
    seeds: np.ndarray,
    model: str = "ic",
    runs: int = 1000,
    seed: int = 0,
    p: float = DEFAULT_P,
    arc_p: np.ndarray | None = None,
    thresholds: np.ndarray | None = None,
) -> np.ndarray:
    """Active nodes after each run, bool ``runs x n`` (in blocks, to bound memory)."""
    if model not in MODELS:
        raise SimulationError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
    if runs < 1:
        raise SimulationError(f"runs must be at least 1, got {runs}")
    rng = np.random.default_rng(seed)
    block = max(1, engine.BLOCK_CELLS // max(net.n, 1))
    parts = []
    with progress.task(f"{model.upper()} cascades", runs) as advance:
        for done in range(0, runs, block):
            size = min(block, runs - done)
            if model == "ic":
                probs = arc_probabilities(net, p) if arc_p is None else arc_p
                # both kernels are exact; live-edge components win once cascades go wide
                wide = engine.branching(net.adjacency, probs) > WIDE
                kernel = engine.independent_cascade_live if wide else engine.independent_cascade
                parts.append(kernel(net.adjacency, probs, seeds, size, rng))
            else:
                influence = arc_influence(net)
                parts.append(
                    engine.linear_threshold(net.adjacency, influence, seeds, size, rng, thresholds)
                )
            advance(size)
    return np.concatenate(parts) if len(parts) > 1 else parts[0]


def simulate(
    net: Network,
    seeds: Sequence[str],
    model: str = "ic",
    runs: int = 1000,
    seed: int = 0,
    p: float = DEFAULT_P,
    graph: nx.MultiDiGraph | None = None,
) -> Simulation:
    """Run ``runs`` cascades from ``seeds`` (ids; names too when ``graph`` is given)."""
    start = net.indices_of(graph, seeds)
    active = cascades(net, start, model, runs, seed, p)
    return summarise(net, active, model, seed, p if model == "ic" else None, start)


def summarise(
    net: Network, active: np.ndarray, model: str, seed: int, p: float | None, start: np.ndarray
) -> Simulation:
    """Estimates over the runs of ``active`` (bool runs x n)."""
    adopters = active.sum(axis=1)
    population, land_pop = populations(net, active)
    land_adopters = np.zeros((active.shape[0], len(net.lands)))
    placed = net.node_land >= 0
    for k in range(len(net.lands)):
        land_adopters[:, k] = active[:, placed & (net.node_land == k)].sum(axis=1)
    lands = [
        LandReach(
            code,
            Estimate.of(land_adopters[:, k]),
            Estimate.of(land_pop[:, k]),
            float((land_adopters[:, k] > 0).mean()),
        )
        for k, code in enumerate(net.lands)
        if land_adopters[:, k].any() or land_pop[:, k].any()
    ]
    share = active.mean(axis=0)
    top = [i for i in np.argsort(-share, kind="stable")[:20] if share[i] > 0]
    return Simulation(
        model=model,
        runs=int(active.shape[0]),
        seed=seed,
        p=p,
        seeds=[net.ids[i] for i in start],
        adopters=Estimate.of(adopters),
        population=Estimate.of(population),
        lands=lands,
        likely=[(net.ids[i], float(share[i])) for i in top],
        unknown_population=list(net.unknown_population),
    )


def populations(net: Network, active: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Residents reached per run, in total and per Land (no nested territory counted twice)."""
    runs, lands = active.shape[0], max(len(net.lands), 1)
    if net.cover is None or not net.territory_ids:
        return np.zeros(runs), np.zeros((runs, lands))
    covered = np.asarray(net.cover.T @ active.T.astype(np.float32)) > 0  # territory x run
    padded = np.vstack([covered, np.zeros((1, runs), dtype=bool)])
    nested = np.zeros_like(covered)
    for level in range(net.ancestors.shape[1]):
        nested |= padded[net.ancestors[:, level]]
    counted = (covered & ~nested).T.astype(np.float64)  # run x territory
    per_land = np.zeros((len(net.territory_ids), lands))
    placed = net.territory_land >= 0
    per_land[np.flatnonzero(placed), net.territory_land[placed]] = net.population[placed]
    return counted @ net.population, counted @ per_land
