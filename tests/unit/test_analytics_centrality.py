"""Centrality: known answers on stars and paths, and agreement with NetworkX."""

from __future__ import annotations

import networkx as nx
import pytest

from ozggraph.analytics import centrality
from ozggraph.errors import AnalyticsError
from ozggraph.network.sparse import as_projection


def close(mine: dict, reference: dict, tol: float = 1e-9) -> bool:
    return mine.keys() == reference.keys() and all(
        mine[k] == pytest.approx(reference[k], abs=tol) for k in reference
    )


@pytest.fixture
def messy() -> nx.Graph:
    """A random weighted graph with a second component and an isolated node."""
    graph = nx.gnm_random_graph(150, 450, seed=7)
    graph.add_edges_from([(900, 901), (901, 902)])
    graph.add_node(999)
    for u, v in graph.edges:
        graph[u][v]["weight"] = (u * 7 + v) % 4 + 1
    return graph


def test_star_hub_holds_every_path_and_leaves_hold_none() -> None:
    star = nx.star_graph(5)
    between = centrality.betweenness(star)
    assert between[0] == 1.0 and all(between[leaf] == 0.0 for leaf in range(1, 6))
    assert centrality.degree(star)[0] == 5
    assert centrality.closeness(star)[0] == 1.0
    assert centrality.harmonic(star)[1] == pytest.approx(1 + 4 / 2)


def test_path_middle_lies_between_the_ends() -> None:
    path = nx.path_graph(["a", "b", "c", "d", "e"])
    assert centrality.betweenness(path) == pytest.approx(
        {"a": 0.0, "b": 0.5, "c": 4 / 6, "d": 0.5, "e": 0.0}
    )


def test_weighted_degree_counts_ties_not_partners() -> None:
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=3)
    graph.add_edge("a", "c", weight=1)
    assert centrality.degree(graph)["a"] == 2
    assert centrality.weighted_degree(graph)["a"] == 4


def test_path_measures_equal_networkx_exactly(messy: nx.Graph) -> None:
    assert close(centrality.betweenness(messy), nx.betweenness_centrality(messy))
    assert close(centrality.closeness(messy), nx.closeness_centrality(messy))
    assert close(centrality.harmonic(messy), nx.harmonic_centrality(messy))


def test_sampled_betweenness_draws_the_same_sources_as_networkx(messy: nx.Graph) -> None:
    mine = centrality.betweenness(messy, sources=40, seed=11)
    assert close(mine, nx.betweenness_centrality(messy, k=40, seed=11))


def test_large_networks_are_sampled_with_a_fixed_seed(
    monkeypatch: pytest.MonkeyPatch, messy: nx.Graph
) -> None:
    monkeypatch.setattr(centrality, "EXACT_MAX_NODES", 100)
    monkeypatch.setattr(centrality, "SAMPLE_SOURCES", 60)
    first = centrality.path_centralities(messy)
    assert first == centrality.path_centralities(messy)
    assert close(first["betweenness"], nx.betweenness_centrality(messy, k=60, seed=0))
    exact = nx.harmonic_centrality(messy)
    hub = max(exact, key=exact.get)
    assert first["harmonic"][hub] == pytest.approx(exact[hub], rel=0.25)


def test_pagerank_converges_to_a_tight_tolerance(messy: nx.Graph) -> None:
    reference = nx.pagerank(messy, tol=1e-15, max_iter=10_000)
    assert close(centrality.pagerank(messy), reference, tol=1e-10)
    unweighted = nx.pagerank(messy, weight=None, tol=1e-15, max_iter=10_000)
    assert close(centrality.pagerank(messy, weight=False), unweighted, tol=1e-10)


def test_pagerank_that_cannot_converge_fails_loudly(messy: nx.Graph) -> None:
    with pytest.raises(AnalyticsError, match="did not reach"):
        centrality.pagerank(messy, max_iter=3)


def test_eigenvector_equals_networkx_on_small_and_large_networks() -> None:
    small = nx.karate_club_graph()
    assert close(
        centrality.eigenvector(small), nx.eigenvector_centrality_numpy(small, weight="weight")
    )
    large = nx.gnm_random_graph(900, 4000, seed=2)  # above the dense-solver size
    assert close(centrality.eigenvector(large), nx.eigenvector_centrality_numpy(large))


def test_projection_and_graph_give_the_same_numbers(messy: nx.Graph) -> None:
    projection = as_projection(messy)
    assert centrality.pagerank(projection) == centrality.pagerank(messy)
    assert projection.to_networkx().number_of_edges() == messy.number_of_edges()


def test_an_empty_network_has_empty_results() -> None:
    from ozggraph.analytics import brokerage_roles_by, louvain, structural_holes

    empty = nx.Graph()
    assert centrality.pagerank(empty) == {} and centrality.betweenness(empty) == {}
    assert structural_holes(empty) == {"constraint": {}, "effective_size": {}}
    assert louvain(empty) == {} and brokerage_roles_by(empty, {"land": {}}) == {"land": {}}


@pytest.fixture
def shared() -> nx.Graph:
    """``messy`` with Newman-like shares: many ties weigh less than one."""
    graph = nx.gnm_random_graph(60, 90, seed=3)
    for u, v in graph.edges:
        graph[u][v]["weight"] = 1 / ((u + v) % 5 + 1)
    graph.add_edges_from((100, leaf, {"weight": 1 / 20}) for leaf in range(101, 121))
    graph.add_edge(100, 0, weight=1 / 20)
    return graph


def test_betweenness_with_shares_is_the_pair_weighted_definition(shared: nx.Graph) -> None:
    """Reference: every ordered pair s, t of others counts e_s·e_t, e = min(1, strength)."""
    strength = dict(shared.degree(weight="weight"))
    ends = {v: min(1.0, s) if s > 0 else 1.0 for v, s in strength.items()}
    expected = dict.fromkeys(shared, 0.0)
    for s in shared:
        for t in shared:
            if s == t or not nx.has_path(shared, s, t):
                continue
            paths = list(nx.all_shortest_paths(shared, s, t))
            for path in paths:
                for v in path[1:-1]:
                    expected[v] += ends[s] * ends[t] / len(paths)
    total, squares = sum(ends.values()), sum(e * e for e in ends.values())
    for v in expected:
        expected[v] /= (total - ends[v]) ** 2 - (squares - ends[v] ** 2)
    mine = centrality.path_centralities(shared, shares=True)["betweenness"]
    assert close(mine, expected)
    assert mine[100] < nx.betweenness_centrality(shared)[100] / 5  # the hub of 20 shares


def test_pagerank_with_shares_lets_small_shares_jump() -> None:
    """Worked by hand: hub 0 holds one context with leaves 1-4 (each tie 1/4). A leaf
    follows its tie with 1/4 and jumps with 3/4, so x_leaf = α·x_hub/4 + c and
    x_hub = α·Σ x_leaf/4 + c with c = (α·3·x_leaf + 1 - α)/5."""
    hub = nx.star_graph(4)
    nx.set_edge_attributes(hub, 0.25, "weight")
    rank = centrality.pagerank(hub, shares=True)
    leaf, alpha = rank[1], 0.85
    c = (alpha * 3 * leaf + 1 - alpha) / 5
    assert rank[0] == pytest.approx(alpha * leaf + c)
    assert leaf == pytest.approx(alpha * rank[0] / 4 + c)
    assert rank[0] + 4 * leaf == pytest.approx(1.0)
    whole = nx.star_graph(4)  # ties of weight 1: classic PageRank, as NetworkX
    reference = nx.pagerank(whole, tol=1e-13, max_iter=10_000)
    assert close(centrality.pagerank(whole, shares=True), reference, tol=1e-9)
