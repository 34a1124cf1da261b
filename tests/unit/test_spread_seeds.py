"""Seed selection: CELF picks what plain greedy picks, with fewer evaluations."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from spread_world import world

from ozggraph.errors import SimulationError
from ozggraph.spread.cascade_network import Network, from_edges, from_graph
from ozggraph.spread.seeds import Samples, candidates_of, celf, greedy, select_seeds
from ozggraph.spread.simulate import arc_probabilities


def random_network(seed: int, n: int = 14, m: int = 20) -> Network:
    graph = nx.gnm_random_graph(n, m, seed=seed)
    ids = [f"b{i:02d}" for i in range(n)]
    return from_edges(ids, [(ids[u], ids[v], 1 + (u + v) % 3) for u, v in graph.edges()])


def samples(net: Network, p: float = 0.3, runs: int = 200, seed: int = 0) -> Samples:
    return Samples.draw(net, runs, seed, arc_probabilities(net, p))


@pytest.mark.parametrize("graph_seed", range(6))
def test_celf_picks_exactly_what_plain_greedy_picks(graph_seed: int) -> None:
    net = random_network(graph_seed)
    drawn, pool = samples(net, seed=graph_seed), np.arange(net.n)
    for k in (1, 2, 4):
        picks, gains, evaluations = celf(drawn, pool, k)
        assert picks == greedy(drawn, pool, k)
        assert sum(gains) == drawn.total(picks)  # gains add up to the spread of the set
        assert evaluations <= k * net.n


@pytest.mark.parametrize("graph_seed", range(4))
def test_celf_matches_brute_force_for_one_seed_and_is_near_it_for_two(graph_seed: int) -> None:
    net = random_network(graph_seed, n=10, m=12)
    drawn, pool = samples(net, seed=graph_seed), np.arange(net.n)
    best = {
        k: max(drawn.total(list(c)) for c in itertools.combinations(range(net.n), k))
        for k in (1, 2)
    }
    assert drawn.total(celf(drawn, pool, 1)[0]) == best[1]
    assert drawn.total(celf(drawn, pool, 2)[0]) >= (1 - 1 / np.e) * best[2]


def test_two_stars_get_their_two_centres() -> None:
    spokes = [("c1", f"a{i}", 1) for i in range(5)] + [("c2", f"b{i}", 1) for i in range(4)]
    ids = sorted({x for u, v, _ in spokes for x in (u, v)})
    net = from_edges(ids, spokes)
    picks, _, _ = celf(samples(net, p=0.5, runs=400), np.arange(net.n), 2)
    assert sorted(net.ids[i] for i in picks) == ["c1", "c2"]


def test_selection_restricted_to_a_land_and_a_level() -> None:
    net = from_graph(world())
    assert sorted(net.ids[i] for i in candidates_of(net, land="st")) == [
        "ags-15",
        "ags-15091",
        "ags-15091001",
        "ags-15091002",
        "min-st-mi",
    ]
    assert [net.ids[i] for i in candidates_of(net, land="ST", level="kreis")] == ["ags-15091"]
    chosen = select_seeds(net, 1, runs=100, seed=2, p=0.5, level="land")  # Länder, their ministry
    assert chosen.picks[0].id in {"ags-13", "ags-15", "min-st-mi"} and chosen.candidates == 3
    assert chosen.adopters.low <= chosen.adopters.mean <= chosen.adopters.high
    with pytest.raises(SimulationError, match="unknown Land 'XX'"):
        candidates_of(net, land="XX")
