"""What the cooperation network is: each tie rule, dates (as_of) and one Land with its partners."""

from __future__ import annotations

import networkx as nx
import pytest
from analytics_world import world

from ozggraph.analytics import (
    AnalyticsError,
    as_of,
    bipartite_network,
    cooperation_network,
    restrict_to_land,
    typed_network,
)

GIESSEN, WETZLAR, MARBURG = "ags-06531005", "ags-06532023", "ags-06534014"
BAMBERG = "ags-09461000"


def links(graph: nx.MultiDiGraph, **kwargs: str) -> dict[tuple[str, str], float]:
    network = cooperation_network(graph, **kwargs)
    return {tuple(sorted((u, v))): w for u, v, w in network.edges(data="weight")}


def test_co_members_of_a_cooperation_are_tied_once_per_cooperation() -> None:
    graph = world(
        ("MEMBER_OF", GIESSEN, "coop-a"),
        ("MEMBER_OF", WETZLAR, "coop-a"),
        ("MEMBER_OF", GIESSEN, "coop-b"),
        ("MEMBER_OF", WETZLAR, "coop-b"),
        ("MEMBER_OF", MARBURG, "coop-b"),
    )
    assert links(graph) == {(GIESSEN, WETZLAR): 2, (GIESSEN, MARBURG): 1, (WETZLAR, MARBURG): 1}


def test_reusers_are_tied_to_the_makers_not_to_each_other() -> None:
    graph = world(
        ("OPERATES", "itp-ekom21", "sol-x"),
        ("DEVELOPS", "ags-06", "sol-x"),
        ("REUSES", GIESSEN, "sol-x", {"stage": "live"}),
        ("REUSES", WETZLAR, "sol-x", {"stage": "planned"}),
    )
    assert links(graph) == {
        ("ags-06", "itp-ekom21"): 1,  # co-makers
        ("ags-06", GIESSEN): 1,
        ("ags-06", WETZLAR): 1,
        (GIESSEN, "itp-ekom21"): 1,
        (WETZLAR, "itp-ekom21"): 1,
    }


def test_programme_money_ties_the_programme_funder_to_the_recipient() -> None:
    graph = world(
        ("FUNDS", "min-he-digital", "prog-p", {"evidence": "agreed"}),
        ("FUNDS", "prog-p", GIESSEN, {"evidence": "fact", "amount_eur": 10.0}),
        ("PARTICIPATES_IN", GIESSEN, "prog-p"),
        ("PARTICIPATES_IN", WETZLAR, "prog-p"),
    )
    assert links(graph) == {
        (GIESSEN, "min-he-digital"): 1,  # the grant
        (GIESSEN, WETZLAR): 1,  # co-participants
    }


def test_a_cooperation_acting_as_one_stands_for_its_members() -> None:
    graph = world(
        ("MEMBER_OF", GIESSEN, "coop-ikz"),
        ("MEMBER_OF", WETZLAR, "coop-ikz"),
        ("REUSES", "coop-ikz", "sol-x", {"stage": "planned"}),
        ("OPERATES", "itp-ekom21", "sol-x"),
        ("FUNDS", "min-he-digital", "coop-ikz", {"evidence": "promised"}),
    )
    found = links(graph)
    assert found[(GIESSEN, "itp-ekom21")] == 1 and found[(WETZLAR, "itp-ekom21")] == 1
    assert found[(GIESSEN, "min-he-digital")] == 1
    assert found[(GIESSEN, WETZLAR)] == 1


def test_association_members_are_tied_to_the_association_only() -> None:
    graph = world(("MEMBER_OF", "ags-06531", "assoc-hlt"), ("MEMBER_OF", "ags-06532", "assoc-hlt"))
    assert links(graph) == {("ags-06531", "assoc-hlt"): 1, ("ags-06532", "assoc-hlt"): 1}


def test_bipartite_network_links_bodies_to_their_cooperations() -> None:
    graph = world(
        ("MEMBER_OF", GIESSEN, "coop-a"),
        ("MEMBER_OF", WETZLAR, "coop-a"),
        ("REUSES", GIESSEN, "sol-x", {"stage": "live"}),
    )
    two_mode = bipartite_network(graph)
    assert nx.is_bipartite(two_mode)
    assert sorted(two_mode["coop-a"]) == [GIESSEN, WETZLAR]
    assert "sol-x" not in two_mode
    assert "sol-x" in bipartite_network(graph, contexts=("Cooperation", "Solution"))


def test_typed_network_keeps_every_relationship_type() -> None:
    graph = world(("MEMBER_OF", GIESSEN, "coop-a"), ("PART_OF", GIESSEN, "ags-06531"))
    assert typed_network(graph)[GIESSEN]["coop-a"]["types"] == ["MEMBER_OF"]


@pytest.fixture
def dated() -> nx.MultiDiGraph:
    return world(
        ("MEMBER_OF", GIESSEN, "coop-a", {"valid_from": "2019-06", "valid_to": "2021"}),
        ("MEMBER_OF", WETZLAR, "coop-a", {"valid_from": "2020-02-15"}),
        ("FUNDS", "min-he-digital", "coop-a", {"evidence": "fact", "date": "2022-03"}),
        ("MEMBER_OF", MARBURG, "coop-a"),  # undated: always
    )


@pytest.mark.parametrize(
    ("date", "members"),
    [
        ("2019-05-31", {MARBURG}),
        ("2019", {GIESSEN, MARBURG}),  # a year means its end
        ("2020-02-14", {GIESSEN, MARBURG}),
        ("2021-12-31", {GIESSEN, WETZLAR, MARBURG}),  # valid_to 2021 includes all of 2021
        ("2022-01", {WETZLAR, MARBURG}),
    ],
)
def test_as_of_keeps_what_was_valid_then(
    dated: nx.MultiDiGraph, date: str, members: set[str]
) -> None:
    view = as_of(dated, date)
    assert {u for u, _, t in view.edges(data="type") if t == "MEMBER_OF"} == members
    assert view.graph["as_of"] == date and "as_of" not in dated.graph


def test_grants_count_from_their_date(dated: nx.MultiDiGraph) -> None:
    assert not any(t == "FUNDS" for *_, t in as_of(dated, "2022-02").edges(data="type"))
    assert any(t == "FUNDS" for *_, t in as_of(dated, "2022-03-01").edges(data="type"))


@pytest.mark.parametrize("bad", ["2021-13", "21.03.2021", "2021-02-30"])
def test_bad_dates_are_refused_with_the_value(dated: nx.MultiDiGraph, bad: str) -> None:
    with pytest.raises(AnalyticsError, match=bad):
        as_of(dated, bad)


@pytest.fixture
def two_lands() -> nx.MultiDiGraph:
    return world(
        ("MEMBER_OF", GIESSEN, "coop-border"),
        ("MEMBER_OF", BAMBERG, "coop-border"),
        ("MEMBER_OF", "ags-09462000", "coop-border"),
        ("MEMBER_OF", BAMBERG, "coop-franken"),
        ("MEMBER_OF", "ags-09463000", "coop-franken"),
        ("FUNDS", "min-by-digital", "coop-franken", {"evidence": "fact"}),
        ("PART_OF", "min-by-digital", "ags-09"),
        ("PART_OF", GIESSEN, "ags-06531"),
    )


def test_restrict_to_land_keeps_cross_border_partners_only(two_lands: nx.MultiDiGraph) -> None:
    view = restrict_to_land(two_lands, "HE")
    assert "coop-border" in view and BAMBERG in view
    assert "coop-franken" not in view and "min-by-digital" not in view
    found = links(view, land="HE")
    assert set(found) == {(GIESSEN, BAMBERG), (GIESSEN, "ags-09462000")}  # no Bavarian pair


def test_unknown_land_is_refused_naming_the_known_ones(two_lands: nx.MultiDiGraph) -> None:
    with pytest.raises(AnalyticsError, match=r"'NW'.*BY, HE"):
        restrict_to_land(two_lands, "NW")
