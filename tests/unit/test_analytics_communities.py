"""Communities: obvious groups are found, modularity equals NetworkX's, ties across groups."""

from __future__ import annotations

import networkx as nx
import pytest

from ozggraph.analytics import cross_ties, louvain, modularity


def test_two_cliques_joined_by_one_link_are_two_communities() -> None:
    graph = nx.barbell_graph(6, 0)  # nodes 0-5 and 6-11, one link 5-6
    parts = louvain(graph)
    assert len({parts[n] for n in range(6)}) == 1 and len({parts[n] for n in range(6, 12)}) == 1
    assert parts[0] != parts[11]


def test_communities_are_numbered_by_size() -> None:
    graph = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(5))
    parts = louvain(graph)
    assert parts[3] == 0 and parts[0] == 1  # the 5-clique (nodes 3..7) is the largest


def test_same_seed_same_partition() -> None:
    graph = nx.gnm_random_graph(300, 1200, seed=4)
    assert louvain(graph, seed=3) == louvain(graph, seed=3)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_modularity_equals_networkx_and_louvain_finds_as_good_a_partition(seed: int) -> None:
    graph = nx.les_miserables_graph()
    parts = louvain(graph, seed=seed)
    groups: dict[int, set[str]] = {}
    for node, number in parts.items():
        groups.setdefault(number, set()).add(node)
    reference = nx.community.modularity(graph, groups.values(), weight="weight")
    assert modularity(graph, parts) == pytest.approx(reference)
    theirs = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    assert reference >= nx.community.modularity(graph, theirs, weight="weight") - 0.02


def test_cross_ties_count_links_and_ties_across_groups() -> None:
    graph = nx.Graph()
    graph.add_edge("he1", "he2", weight=2)
    graph.add_edge("he1", "by1", weight=3)
    result = cross_ties(graph, {"he1": "HE", "he2": "HE", "by1": "BY"})
    assert (result["within"], result["across"]) == (1, 1)
    assert (result["ties_within"], result["ties_across"]) == (2, 3)
    assert result["by_pair"] == {"BY–HE": 1, "HE–HE": 1}
