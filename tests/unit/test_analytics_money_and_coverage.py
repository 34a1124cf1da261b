"""Funding kept apart by evidence; coverage per Land, direct or via Kreis; white spots."""

from __future__ import annotations

import networkx as nx
import pytest
from analytics_world import world

from ozggraph.analytics import AnalyticsError, coverage, member_shares, totals
from ozggraph.analytics.funding import summary

GIESSEN, WETZLAR, LOLLAR = "ags-06531005", "ags-06532023", "ags-06531011"


@pytest.fixture
def money() -> nx.MultiDiGraph:
    return world(
        (
            "FUNDS",
            "min-he-digital",
            "prog-starke-heimat",
            {"evidence": "agreed", "amount_eur": 1_000_000.0},
        ),  # a budget, not a grant
        (
            "FUNDS",
            "prog-starke-heimat",
            GIESSEN,
            {"evidence": "fact", "amount_eur": 100_000.0, "date": "2021-05"},
        ),
        (
            "FUNDS",
            "prog-starke-heimat",
            WETZLAR,
            {"evidence": "planned", "amount_eur": 50_000.0, "date": "2022"},
        ),
        (
            "FUNDS",
            "min-he-digital",
            "coop-ikz",
            {"evidence": "promised", "amount_eur": 90_000.0, "programme": "prog-starke-heimat"},
        ),
        ("FUNDS", "min-he-digital", GIESSEN, {"evidence": "fact"}),  # amount unknown
        ("MEMBER_OF", GIESSEN, "coop-ikz"),
        ("MEMBER_OF", WETZLAR, "coop-ikz"),
        ags_06={"population": 6_000_000},
        ags_06531005={"population": 90_000},
        ags_06532023={"population": 60_000},
    )


def test_evidence_values_are_never_added_up(money: nx.MultiDiGraph) -> None:
    assert totals(money, "programme") == {
        "prog-starke-heimat": {"fact": 100_000.0, "planned": 50_000.0, "promised": 90_000.0},
    }
    assert totals(money, "recipient")[GIESSEN] == {"fact": 100_000.0}


def test_budgets_stay_apart_from_grants(money: nx.MultiDiGraph) -> None:
    result = summary(money)
    budget = result["programme_budgets"]["prog-starke-heimat"]
    assert (budget["by_evidence"], budget["source"]) == ({"agreed": 1_000_000.0}, "funds")
    assert result["budgets_by_evidence"]["agreed"]["amount_eur"] == 1_000_000.0
    assert result["by_evidence"]["agreed"] == {
        "amount_eur": 0.0,
        "grants": 0,
        "approximate": 0,
        "at_least": 0,
    }
    assert result["grants"] == 4 and result["without_amount"] == 1


def test_by_year_and_land_and_per_capita(money: nx.MultiDiGraph) -> None:
    assert totals(money, "year") == {
        "2021": {"fact": 100_000.0},
        "2022": {"planned": 50_000.0},
        "undated": {"promised": 90_000.0},
    }
    assert summary(money)["per_capita_by_land"]["HE"]["fact"] == pytest.approx(100_000 / 6e6)


def test_unknown_grouping_is_refused(money: nx.MultiDiGraph) -> None:
    with pytest.raises(AnalyticsError, match="by 'colour'"):
        totals(money, "colour")


def test_member_shares_need_an_explicit_rule(money: nx.MultiDiGraph) -> None:
    assert member_shares(money, rule="equal")[WETZLAR] == {"promised": 45_000.0}
    by_population = member_shares(money, rule="population")
    assert by_population[GIESSEN]["promised"] == pytest.approx(90_000 * 90 / 150)
    with pytest.raises(TypeError):
        member_shares(money)  # type: ignore[call-arg]
    with pytest.raises(AnalyticsError, match="'fair'"):
        member_shares(money, rule="fair")  # type: ignore[arg-type]


def test_population_rule_fails_when_a_member_has_no_population(money: nx.MultiDiGraph) -> None:
    del money.nodes[WETZLAR]["population"]
    with pytest.raises(AnalyticsError, match=f"coop-ikz.*{WETZLAR}"):
        member_shares(money, rule="population")


@pytest.fixture
def hessen() -> nx.MultiDiGraph:
    """Kreis Gießen takes part itself; Lollar (in it) does not; Wetzlar does; Kreis Fulda: none."""
    return world(
        ("PART_OF", GIESSEN, "ags-06531"),
        ("PART_OF", LOLLAR, "ags-06531"),
        ("PART_OF", WETZLAR, "ags-06532"),
        ("PART_OF", "ags-06631001", "ags-06631"),
        ("PART_OF", "ags-06531", "ags-06"),
        ("PART_OF", "ags-06532", "ags-06"),
        ("PART_OF", "ags-06631", "ags-06"),
        ("MEMBER_OF", "ags-06531", "coop-a"),
        ("REUSES", WETZLAR, "sol-x", {"stage": "live"}),
        ("MEMBER_OF", "ags-06631001", "assoc-hstgb"),  # an association is no cooperation
        ags_06531005={"population": 90_000},
        ags_06531011={"population": 10_000},
        ags_06532023={"population": 50_000},
        ags_06631001={"population": 50_000},
    )


def test_coverage_direct_and_via_kreis_are_kept_apart(hessen: nx.MultiDiGraph) -> None:
    row = coverage(hessen)["lands"]["HE"]
    assert (row["municipalities"], row["direct"], row["via_kreis"]) == (4, 1, 2)
    assert row["direct_population_share"] == pytest.approx(50 / 200)
    assert row["via_kreis_population_share"] == pytest.approx(100 / 200)


def test_white_spots_are_kreise_where_nobody_takes_part(hessen: nx.MultiDiGraph) -> None:
    spots = coverage(hessen)["white_spots"]
    assert [(s["kreis"], s["population"]) for s in spots] == [("ags-06631", 50_000)]
