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
