"""Cascades on tiny graphs with answers known exactly, and the kernels against the oracle."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from spread_world import world

from ozggraph.spread import engine, naive
from ozggraph.spread.cascade_network import Network, from_edges, from_graph
from ozggraph.spread.simulate import (
    SimulationError,
    arc_probabilities,
    cascades,
    populations,
    simulate,
)

PATH = from_edges(["a", "b", "c", "d"], [("a", "b", 1), ("b", "c", 1), ("c", "d", 1)])
STAR = from_edges(["hub", "x", "y", "z"], [("hub", "x", 1), ("hub", "y", 1), ("hub", "z", 2)])


def exact_ic(net: Network, seeds: list[str], p: float) -> float:
    """Expected adopters by enumerating every live-edge subgraph (the definition of IC)."""
    graph = naive.to_graph(net)
    edges = list(graph.edges(data="weight"))
    total = 0.0
    for keep in itertools.product((False, True), repeat=len(edges)):
        chance, live = 1.0, nx.Graph()
        live.add_nodes_from(graph)
        for (u, v, w), kept in zip(edges, keep, strict=True):
            q = 1 - (1 - p) ** w
            chance *= q if kept else 1 - q
            if kept:
                live.add_edge(u, v)
        total += chance * len(set().union(*(nx.node_connected_component(live, s) for s in seeds)))
    return total


def mean_adopters(net: Network, seeds: list[str], **kw: object) -> np.ndarray:
    return cascades(net, net.indices_of(None, seeds), **kw).sum(axis=1)  # type: ignore[arg-type]


@pytest.mark.parametrize("p", [0.0, 1.0])
def test_p_zero_keeps_the_seeds_and_p_one_takes_the_component(p: float) -> None:
    adopters = mean_adopters(PATH, ["b"], runs=50, p=p)
    assert set(adopters) == {1 if p == 0 else 4}
    live = engine.independent_cascade_live(
        PATH.adjacency, arc_probabilities(PATH, p), np.array([1]), 50, np.random.default_rng(0)
    )
    assert set(live.sum(axis=1)) == {1 if p == 0 else 4}


@pytest.mark.parametrize(("net", "seeds"), [(PATH, ["a"]), (PATH, ["b", "d"]), (STAR, ["x"])])
def test_monte_carlo_mean_meets_the_exact_expectation(net: Network, seeds: list[str]) -> None:
    runs = 20_000
    for kernel_p in (0.3, 0.7):
        got = mean_adopters(net, seeds, runs=runs, seed=3, p=kernel_p)
        sd = got.std() / np.sqrt(runs)
        assert abs(got.mean() - exact_ic(net, seeds, kernel_p)) < 4 * sd + 1e-9


def test_path_expectation_in_closed_form() -> None:
    p = 0.5  # from one end of a path a-b-c-d: 1 + p + p^2 + p^3
    assert exact_ic(PATH, ["a"], p) == pytest.approx(1 + p + p**2 + p**3)


def test_live_edge_kernel_and_naive_loop_agree_with_the_frontier_kernel() -> None:
    runs, p = 20_000, 0.4
    probs = arc_probabilities(STAR, p)
    seeds = STAR.indices_of(None, ["x"])
    frontier = engine.independent_cascade(
        STAR.adjacency, probs, seeds, runs, np.random.default_rng(1)
    ).sum(axis=1)
    live = engine.independent_cascade_live(
        STAR.adjacency, probs, seeds, runs, np.random.default_rng(2)
    ).sum(axis=1)
    loop = [len(s) for s in naive.independent_cascade(naive.to_graph(STAR), ["x"], runs, 3, p)]
    exact = exact_ic(STAR, ["x"], p)
    for sample in (frontier, live, np.asarray(loop)):
        assert abs(sample.mean() - exact) < 4 * sample.std() / np.sqrt(runs)


def test_same_seed_same_numbers() -> None:
    one = cascades(STAR, np.array([1]), runs=200, seed=7, p=0.5)
    assert np.array_equal(one, cascades(STAR, np.array([1]), runs=200, seed=7, p=0.5))
    assert not np.array_equal(one, cascades(STAR, np.array([1]), runs=200, seed=8, p=0.5))


def test_linear_threshold_with_given_thresholds_is_exact() -> None:
    seeds = PATH.indices_of(None, ["a"])
    # b weighs a and c equally (1/2 each): threshold 0.5 is met, 0.6 is not; d follows c fully
    low = cascades(PATH, seeds, "lt", runs=3, thresholds=np.array([1, 0.5, 0.5, 1.0]))
    high = cascades(PATH, seeds, "lt", runs=3, thresholds=np.array([1, 0.6, 0.5, 1.0]))
    assert low.all() and high.sum(axis=1).tolist() == [1, 1, 1]


def test_linear_threshold_expectation_on_a_path() -> None:
    # seed a on a-b-c: b adopts iff its threshold <= 1/2; then c (whose only neighbour is b)
    # surely does: expected adopters 1 + 1/2 + 1/2 = 2
    path = from_edges(["a", "b", "c"], [("a", "b", 1), ("b", "c", 1)])
    got = mean_adopters(path, ["a"], model="lt", runs=20_000, seed=5)
    loop = naive.linear_threshold(naive.to_graph(path), ["a"], 2_000, 5)
    assert got.mean() == pytest.approx(2.0, abs=0.03)
    assert np.mean([len(s) for s in loop]) == pytest.approx(2.0, abs=0.08)


def test_population_and_lands_count_nested_bodies_once() -> None:
    net = from_graph(world())
    both = np.zeros((1, net.n), dtype=bool)
    both[0, [net.index["ags-15"], net.index["ags-15091"]]] = True
    total, per_land = populations(net, both)
    assert total[0] == 50_000  # Wittenberg is inside Sachsen-Anhalt
    assert per_land[0, net.lands.index("ST")] == 50_000


def test_simulate_reports_estimates_with_intervals() -> None:
    sim = simulate(
        from_graph(world()), ["Mecklenburg-Vorpommern"], runs=400, seed=1, p=1.0, graph=world()
    )
    # p = 1: everything tied to MV adopts: ST (coop-nord), and as makers/reusers of sol-bau
    # Dataport, Wittenberg and Wismar
    assert sim.seeds == ["ags-13"] and sim.adopters.mean == 5
    assert sim.population.low <= sim.population.mean <= sim.population.high
    assert {r.land: r.reached for r in sim.lands} == {"MV": 1.0, "ST": 1.0}


def test_bad_parameters_are_clear_errors() -> None:
    with pytest.raises(SimulationError, match="between 0 and 1"):
        arc_probabilities(PATH, 1.5)
    with pytest.raises(SimulationError, match="unknown model"):
        cascades(PATH, np.array([0]), model="sir")
