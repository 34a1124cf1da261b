"""The relationships are read once into an index; every view made from it shows what
NetworkX shows, and the tie index reads the same ties from it as from the view."""

from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

from ozggraph.cli import cli
from ozggraph.network.filters import Selection, as_of, tie_ages
from ozggraph.network.relationships import relationships, shown
from ozggraph.network.ties import TieIndex

SELECTIONS = [
    Selection(),
    Selection(as_of="2022"),
    Selection(as_of="2021", dated_only=True),
    Selection(evidence=("fact",)),
    Selection(confirmed_since=2020),
    Selection(land="HE"),
    Selection(as_of="2023", land="BY", evidence=("fact", "agreed"), confirmed_since=2015),
]


def edge_ids(graph: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    return list(graph.edges(keys=True))


@pytest.mark.parametrize("selection", SELECTIONS, ids=repr)
def test_a_view_shows_what_networkx_iterates(
    seed_graph: nx.MultiDiGraph, selection: Selection
) -> None:
    view = selection.view(seed_graph)
    rel = relationships(view)
    edges, nodes = shown(view)
    assert rel.edge_ids(edges) == edge_ids(view)
    assert rel.node_ids(nodes) == list(view)


@pytest.mark.parametrize("selection", SELECTIONS[:4], ids=repr)
def test_a_view_made_elsewhere_is_read_through_its_filters(
    seed_graph: nx.MultiDiGraph, selection: Selection
) -> None:
    """A view NetworkX made (not through the filters) gives the same tie index."""
    view = selection.view(seed_graph)
    hidden_nodes = [n for n in seed_graph if n not in view]
    shown_edges = set(edge_ids(view))
    hidden_edges = [e for e in edge_ids(seed_graph) if e not in shown_edges]
    copy = nx.restricted_view(seed_graph, hidden_nodes, hidden_edges)
    ours, theirs = TieIndex(view), TieIndex(copy)
    assert ours.contexts == theirs.contexts
    assert ours.types == theirs.types and ours.claims == theirs.claims
    assert tie_ages(view, 2026) == tie_ages(copy, 2026)


def test_the_index_follows_a_graph_that_changed() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", type="MEMBER_OF", valid_to="2020")
    assert as_of(G, None).number_of_edges() == 0
    G.add_edge("c", "b", type="MEMBER_OF")
    assert edge_ids(as_of(G, None)) == [("c", "b", 0)]


def test_dated_only_needs_an_as_of_date() -> None:
    result = CliRunner().invoke(cli, ["report", "--dated-only"])
    assert result.exit_code == 2
    assert "--dated-only needs --as-of" in result.output
