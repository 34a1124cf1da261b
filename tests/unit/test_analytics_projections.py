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


def test_co_members_of_a_cooperation_are_tied_with_newman_weights() -> None:
    graph = world(
        ("MEMBER_OF", GIESSEN, "coop-a"),
        ("MEMBER_OF", WETZLAR, "coop-a"),
        ("MEMBER_OF", GIESSEN, "coop-b"),
        ("MEMBER_OF", WETZLAR, "coop-b"),
        ("MEMBER_OF", MARBURG, "coop-b"),
    )
    # coop-a: 2 members, 1/(2-1) = 1; coop-b: 3 members, 1/(3-1) = 1/2 per pair
    assert links(graph) == {
        (GIESSEN, WETZLAR): 1.5,
        (GIESSEN, MARBURG): 0.5,
        (WETZLAR, MARBURG): 0.5,
    }
    assert links(graph, layers="money,service,programme") == {}


def test_reusers_are_tied_to_the_makers_not_to_each_other() -> None:
    graph = world(
        ("OPERATES", "itp-ekom21", "sol-x"),
        ("DEVELOPS", "ags-06", "sol-x"),
        ("REUSES", GIESSEN, "sol-x", {"stage": "live"}),
        ("REUSES", WETZLAR, "sol-x", {"stage": "planned"}),
    )
    third = pytest.approx(1 / 3)  # the solution joins 2 makers and 2 users: 1/(4-1)
    assert links(graph) == {
        ("ags-06", "itp-ekom21"): 1,  # co-makers: 1/(2-1)
        ("ags-06", GIESSEN): third,
        ("ags-06", WETZLAR): third,
        (GIESSEN, "itp-ekom21"): third,
        (WETZLAR, "itp-ekom21"): third,
    }
    assert links(graph, layers="cooperation") == {}


def test_a_funding_round_ties_each_recipient_to_the_funder_not_to_each_other() -> None:
    graph = world(
        ("FUNDS", "min-he-digital", "prog-p", {"evidence": "agreed"}),
        ("FUNDS", "prog-p", GIESSEN, {"evidence": "fact", "amount_eur": 10.0}),
        ("FUNDS", "prog-p", WETZLAR, {"evidence": "fact", "amount_eur": 10.0}),
        ("PARTICIPATES_IN", GIESSEN, "prog-p"),
        ("PARTICIPATES_IN", WETZLAR, "prog-p"),
    )
    assert links(graph) == {}  # neither money nor the round is working together
    assert links(graph, layers="money") == {
        (GIESSEN, "min-he-digital"): 1,  # one grant each: funder and recipient, 1/(2-1)
        (WETZLAR, "min-he-digital"): 1,
    }
    assert links(graph, layers="programme") == {(GIESSEN, WETZLAR): 1}  # its own layer


def test_a_cooperation_acting_as_one_stands_for_its_members() -> None:
    graph = world(
        ("MEMBER_OF", GIESSEN, "coop-ikz"),
        ("MEMBER_OF", WETZLAR, "coop-ikz"),
        ("REUSES", "coop-ikz", "sol-x", {"stage": "planned"}),
        ("OPERATES", "itp-ekom21", "sol-x"),
        ("FUNDS", "min-he-digital", "coop-ikz", {"evidence": "promised"}),
    )
    found = links(graph)
    # sol-x joins its maker and the two members: 1/(3-1) each
    assert found[(GIESSEN, "itp-ekom21")] == 0.5 and found[(WETZLAR, "itp-ekom21")] == 0.5
    assert found[(GIESSEN, WETZLAR)] == 1
    assert links(graph, layers="money")[(GIESSEN, "min-he-digital")] == 0.5


def test_members_of_a_big_body_tie_to_it_with_one_over_n() -> None:
    graph = world(
        ("MEMBER_OF", "ags-06531", "assoc-hlt"),
        ("MEMBER_OF", "ags-06532", "assoc-hlt"),
        ("MEMBER_OF", "ags-06533", "assoc-hlt"),
        ("MEMBER_OF", "ags-06534", "assoc-hlt"),
    )
    # members are tied to the association only; 4 members + the association: 1/(5-1)
    assert links(graph) == {(f"ags-0653{i}", "assoc-hlt"): 0.25 for i in range(1, 5)}


def test_service_ties_point_from_client_to_provider() -> None:
    from ozggraph.network.projections import dependence_projection
    from ozggraph.network.ties import TieIndex

    graph = world(
        ("SERVED_BY", GIESSEN, "itp-ekom21", {"relation": "hosting", "application": "votes"}),
        ("SERVED_BY", WETZLAR, "itp-ekom21", {"relation": "hosting", "application": "votes"}),
    )
    assert links(graph) == {}
    # one hosted application with 2 clients: 1/(3-1) each
    assert links(graph, layers="service") == {
        (GIESSEN, "itp-ekom21"): 0.5,
        (WETZLAR, "itp-ekom21"): 0.5,
    }
    net = dependence_projection(TieIndex(graph), "service")
    i, j = net.index[GIESSEN], net.index["itp-ekom21"]
    assert net.weights[i, j] == 0.5 and net.weights[j, i] == 0  # client → provider only


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
