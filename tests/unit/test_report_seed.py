"""What an analyst would check by hand in the shipped dataset's Hessian facts."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

import ozggraph
from ozggraph.analytics import cooperation_network, restrict_to_land
from ozggraph.report import build_report
from ozggraph.report.build import Report

LAND_HESSEN = "ags-06"
IKZ = "coop-ikz-ozg-giessen-wetzlar-fulda-marburg-limburg"
#: Gießen, Wetzlar, Fulda, Marburg, Limburg (kommune21, 2021-03-12).
IKZ_CITIES = ["ags-06531005", "ags-06532023", "ags-06631009", "ags-06534014", "ags-06533009"]


@pytest.fixture(scope="module")
def seed() -> nx.MultiDiGraph:
    return ozggraph.load_graph()


@pytest.fixture(scope="module")
def hessen(seed: nx.MultiDiGraph) -> Report:
    return build_report(seed, land="HE")


def test_the_land_bridges_the_hessian_cooperations(hessen: Report) -> None:
    """The Land is the only body in both the Land–association agreement and the municipal
    cooperations: it is among the top brokers and its loss would split the network.
    (Landkreis Gießen, a Smart Cities model project, brokers between Hessen and the
    other projects of its round.)"""
    assert LAND_HESSEN in [row["id"] for row in hessen.brokers[:2]]
    assert LAND_HESSEN in {row["id"] for row in hessen.weak_points["cut_points"]}


def test_the_five_ikz_cities_are_all_tied_to_each_other(seed: nx.MultiDiGraph) -> None:
    network = cooperation_network(restrict_to_land(seed, "HE"), land="HE")
    for a, b in itertools.combinations(IKZ_CITIES, 2):
        assert network.has_edge(a, b), (a, b)


def test_the_promised_land_money_is_not_counted_as_awarded(hessen: Report) -> None:
    assert hessen.funding["by_recipient"][IKZ] == {"promised": 100_000.0}


def test_the_ikz_cities_take_part_directly(seed: nx.MultiDiGraph, hessen: Report) -> None:
    assert hessen.coverage["lands"]["HE"]["direct"] >= len(IKZ_CITIES)
    assert all(hessen.nodes[c]["land"] == "HE" for c in IKZ_CITIES)
