"""Brokerage: Burt's measures on Borgatti's published example, Gould–Fernandez's five triads."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from ozggraph.analytics import brokerage


@pytest.fixture
def borgatti() -> nx.Graph:
    """The ego network of Borgatti (1997), "Structural holes: unpacking Burt's redundancy
    measures", Connections 20(1); the values below are the published ones (UCINET)."""
    return nx.Graph(
        [
            ("A", "B"),
            ("A", "F"),
            ("A", "G"),
            ("A", "E"),
            ("E", "G"),
            ("F", "G"),
            ("B", "G"),
            ("B", "D"),
            ("D", "G"),
            ("G", "C"),
        ]
    )


WEIGHTS = {
    ("A", "B"): 2,
    ("A", "F"): 3,
    ("A", "G"): 5,
    ("A", "E"): 2,
    ("E", "G"): 8,
    ("F", "G"): 3,
    ("B", "G"): 4,
    ("B", "D"): 1,
    ("D", "G"): 3,
    ("G", "C"): 10,
}


def test_constraint_and_effective_size_of_the_published_example(borgatti: nx.Graph) -> None:
    constraint = brokerage.constraint(borgatti)
    assert constraint["G"] == pytest.approx(0.400, abs=1e-3)
    assert constraint["A"] == pytest.approx(0.595, abs=1e-3)
    assert constraint["C"] == pytest.approx(1.0, abs=1e-3)
    size = brokerage.effective_size(borgatti)
    assert size["G"] == pytest.approx(4.67, abs=1e-2)  # n - 2t/n = 6 - 2*4/6
    assert size["A"] == pytest.approx(2.50, abs=1e-2)
    assert size["C"] == pytest.approx(1.0, abs=1e-2)


def test_weighted_example(borgatti: nx.Graph) -> None:
    nx.set_edge_attributes(borgatti, WEIGHTS, "weight")
    constraint = brokerage.constraint(borgatti)
    assert constraint["G"] == pytest.approx(0.299, abs=1e-3)
    assert constraint["A"] == pytest.approx(0.795, abs=1e-3)
    size = brokerage.effective_size(borgatti)
    assert size["G"] == pytest.approx(5.47, abs=1e-2)
    assert size["A"] == pytest.approx(2.47, abs=1e-2)


def test_unweighted_ignores_weights(borgatti: nx.Graph) -> None:
    plain = brokerage.constraint(borgatti)
    nx.set_edge_attributes(borgatti, WEIGHTS, "weight")
    assert brokerage.constraint(borgatti, weight=False) == pytest.approx(plain)


def test_star_hub_is_unconstrained_and_leaves_fully_constrained() -> None:
    star = nx.star_graph(4)
    constraint = brokerage.constraint(star)
    assert constraint[0] == pytest.approx(0.25) and constraint[1] == pytest.approx(1.0)
    assert brokerage.effective_size(star)[0] == 4.0


def test_isolated_bodies_have_no_constraint() -> None:
    graph = nx.Graph([("a", "b")])
    graph.add_node("alone")
    assert math.isnan(brokerage.constraint(graph)["alone"])
    assert math.isnan(brokerage.effective_size(graph)["alone"])


def test_agreement_with_networkx_on_a_random_weighted_graph() -> None:
    graph = nx.gnm_random_graph(80, 300, seed=5)
    for u, v in graph.edges:
        graph[u][v]["weight"] = (u + 2 * v) % 5 + 1
    reference_c = nx.constraint(graph, weight="weight")
    # nodes= takes NetworkX's per-node path: its sparse path (nodes=None) normalises by
    # the wrong axis for weighted graphs (networkx/networkx#8906, open as of 3.6).
    reference_e = nx.effective_size(graph, weight="weight", nodes=list(graph))
    mine = brokerage.structural_holes(graph)
    for node in graph:
        assert mine["constraint"][node] == pytest.approx(reference_c[node])
        assert mine["effective_size"][node] == pytest.approx(reference_e[node])


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ("AAA", "coordinator"),  # all in one group
        ("ABA", "itinerant"),  # a broker from outside links two of one group
        ("AAB", "representative"),  # b speaks for its own group to the outside
        ("ABB", "gatekeeper"),  # b lets the outside into its group
        ("ABC", "liaison"),  # three groups
    ],
)
def test_gould_fernandez_triads(groups: str, role: str) -> None:
    """The five cases of Gould & Fernandez (1989), Fig. 1: a → b → c, a and c not tied."""
    triad = nx.DiGraph([("a", "b"), ("b", "c")])
    roles = brokerage.brokerage_roles(triad, dict(zip("abc", groups, strict=True)))
    assert roles["b"] == {r: int(r == role) for r in brokerage.ROLES}
    assert sum(roles["a"].values()) == sum(roles["c"].values()) == 0


def test_a_closed_triad_brokers_nothing() -> None:
    triangle = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    assert sum(brokerage.brokerage_roles(triangle, dict.fromkeys("abc", 1))["b"].values()) == 0


def test_undirected_ties_count_both_ways() -> None:
    path = nx.Graph([("he1", "by1"), ("by1", "he2")])
    roles = brokerage.brokerage_roles(path, {"he1": "HE", "he2": "HE", "by1": "BY"})
    assert roles["by1"]["itinerant"] == 2  # he1 → by1 → he2 and back


def test_sparse_counts_equal_the_definition_for_several_groupings() -> None:
    graph = nx.gnm_random_graph(120, 700, seed=1)
    graph.add_node(500)
    land = {v: random.Random(v).choice("ABCD") for v in graph}
    level = {v: v % 3 for v in graph}
    fast = brokerage.brokerage_roles_by(graph, {"land": land, "level": level})
    both_ways = graph.to_directed()
    assert fast["land"] == brokerage.brokerage_roles(both_ways, land)
    assert fast["level"] == brokerage.brokerage_roles(both_ways, level)


def test_dominant_role_prefers_the_cross_group_role_on_ties() -> None:
    assert brokerage.dominant_role({"coordinator": 2, "liaison": 2}) == "liaison"
    assert brokerage.dominant_role(dict.fromkeys(brokerage.ROLES, 0)) is None
