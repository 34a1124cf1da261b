"""Weak points: cut points and bridges equal NetworkX's; single-operator solutions."""

from __future__ import annotations

import networkx as nx
import pytest
from analytics_world import world

from ozggraph.analytics import bridges, cut_points, single_operator_solutions
from ozggraph.analytics.weakpoints import dependence_on_operators


def test_a_star_hangs_on_its_hub() -> None:
    star = nx.star_graph(4)
    assert cut_points(star) == {0: 3}  # without the hub, 3 of 4 leaves lose the biggest piece
    assert len(bridges(star)) == 4 and {b["smaller_side"] for b in bridges(star)} == {1}


def test_a_cycle_has_no_weak_point() -> None:
    assert cut_points(nx.cycle_graph(6)) == {} and bridges(nx.cycle_graph(6)) == []


@pytest.mark.parametrize("seed", range(4))
def test_agreement_with_networkx(seed: int) -> None:
    graph = nx.gnm_random_graph(200, 230, seed=seed)
    assert set(cut_points(graph)) == set(nx.articulation_points(graph))
    assert {(b["u"], b["v"]) for b in bridges(graph)} == {
        tuple(sorted(e)) for e in nx.bridges(graph)
    }


def test_cut_off_counts_the_bodies_separated_from_the_largest_part() -> None:
    graph = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")])
    assert cut_points(graph) == {"c": 2, "d": 1}


def test_solutions_run_by_one_operator_with_their_reusers() -> None:
    graph = world(
        ("OPERATES", "itp-ekom21", "sol-a"),
        ("REUSES", "ags-06531005", "sol-a", {"stage": "live"}),
        ("REUSES", "ags-06532023", "sol-a", {"stage": "interest"}),
        ("OPERATES", "itp-ekom21", "sol-b"),
        ("OPERATES", "itp-dataport", "sol-b"),
        ("REUSES", "ags-06531005", "sol-b", {"stage": "live"}),
    )
    rows = single_operator_solutions(graph)
    assert [(r["solution"], r["operator"], r["reusers"], r["live"]) for r in rows] == [
        ("sol-a", "itp-ekom21", 2, 1)
    ]
    assert dependence_on_operators(rows) == {"itp-ekom21": {"solutions": 1, "reusers": 2}}
