"""Observed spread: who has a solution, at which stage, since when, and how it got there."""

from __future__ import annotations

import pytest
from spread_world import edge, world

import ozggraph
from ozggraph.errors import UnknownIdError
from ozggraph.schema.dates import start
from ozggraph.spread.adoption_paths import HIERARCHY
from ozggraph.spread.observed import Fact, observe, state_at


def fact(stage: str, date: str | None, valid_to: str | None = None) -> Fact:
    return Fact(f"REUSES:x->s#{stage}-{date}", "x", stage, date, valid_to, (), None)


def stage(facts: list[Fact], as_of: str | None, rule: str = "furthest") -> str | None:
    found = state_at(facts, start(as_of) if as_of else None, rule)
    return found.stage if found else None


def test_furthest_stage_in_force_wins_and_only_an_explicit_end_undoes_it() -> None:
    history = [fact("live", "2023-10"), fact("connected", "2024-06")]
    assert stage(history, None) == "live"
    assert stage(history, None, rule="latest") == "connected"
    assert stage(history, "2023-09") is None
    paused = [fact("live", "2022", valid_to="2023-01-01"), fact("connected", "2023-01-01")]
    assert stage(paused, "2022-06") == "live"
    assert stage(paused, "2023-01-02") == "connected"


def test_undated_facts_count_only_in_the_latest_view() -> None:
    assert stage([fact("planned", None)], None) == "planned"
    assert stage([fact("planned", None)], "2030") is None


def test_roles_adopters_and_reach_without_double_counting() -> None:
    spread = observe(world(), "Digitaler Bauantrag")  # found by alias
    assert [(r.id, r.role, r.since) for r in spread.roles] == [
        ("ags-13", "developer", "2021-01-01"),
        ("itp-dataport", "operator", None),
    ]
    stages = {a.id: a.stage for a in spread.adopters}
    assert stages == {"ags-15": "live", "ags-15091": "live", "ags-13074001": "planned"}
    live, *_, planned, _ = spread.reach
    # Wittenberg lies in Sachsen-Anhalt: its 50,000 residents are counted once
    assert (live.bodies, live.population, live.lands) == (2, 50_000, ("ST",))
    assert (planned.bodies, planned.population, planned.lands) == (1, 40_000, ("MV",))
    assert spread.reported_adopters == ["10 Länder interested (2023-05)"]


def test_curve_keeps_planned_apart_from_live() -> None:
    curve = {p.date: p for p in observe(world(), "sol-bau").curve}
    assert list(curve) == ["2021-02", "2022-09", "2023-10", "2024-06"]
    assert curve["2022-09"].bodies["planned"] == 1 and curve["2022-09"].bodies["live"] == 0
    assert curve["2023-10"].lands["live"] == ("ST",) and curve["2023-10"].lands["planned"] == ()


def test_as_of_shows_the_state_then_and_lists_undated_facts_apart() -> None:
    spread = observe(world(), "sol-bau", as_of="2023-01")
    assert [(a.id, a.stage, a.since) for a in spread.adopters] == [("ags-15", "planned", "2022-09")]
    assert [f.body for f in spread.undated] == ["ags-13074001"]


def test_time_to_adopt_and_the_paths_it_travelled() -> None:
    adopters = {a.id: a for a in observe(world(), "sol-bau").adopters}
    st = adopters["ags-15"]
    assert (st.days_to_first, st.days_to_live) == (31, 1003)  # from 2021-01-01
    assert st.via == ["ags-13", "ags-15"] and st.through == [["coop-nord", "sol-other"]]
    assert adopters["ags-15091"].via == ["ags-15", "ags-15091"]
    assert adopters["ags-15091"].through == [[HIERARCHY]]


def test_a_paused_reuse_shows_when_it_ended() -> None:
    graph = world(
        [edge("REUSES", "ags-13", "sol-other", key="x", stage="live", date="2020", valid_to="2022")]
    )
    # valid_to "2022": in force to the end of 2022, as in the analytics' as-of filter
    assert {a.id for a in observe(graph, "sol-other", as_of="2022-06").adopters} == {
        "ags-13",
        "ags-15",
    }
    assert [a.id for a in observe(graph, "sol-other", as_of="2023").adopters] == ["ags-15"]


def test_unknown_solution_names_close_matches() -> None:
    with pytest.raises(UnknownIdError, match="close matches: Digitale Baugenehmigung"):
        observe(world(), "Baugenehmigung")


@pytest.fixture(scope="module")
def shipped() -> object:
    return ozggraph.load_graph()


def test_shipped_building_permit_as_the_sources_report_it(shipped: object) -> None:
    spread = observe(shipped, "sol-digitale-baugenehmigung")
    assert {r.id for r in spread.roles if r.role == "developer"} == {"ags-13", "ags-13074"}
    by_stage = {r.stage: r for r in spread.reach}
    assert by_stage["live"].lands == ("BW", "HB", "RP", "SH", "SN", "ST")
    assert by_stage["connected"].lands == ("NI", "NW", "SL")
    assert by_stage["planned"].bodies == 0
    assert len(spread.adopters) == 10  # nine Länder and Landkreis Wittenberg, as named
    assert any("10 Länder" in r for r in spread.reported_adopters)  # aggregate kept as a count
    # in September 2022 seven Länder had only planned it; none was live
    then = {
        r.stage: r
        for r in observe(shipped, "sol-digitale-baugenehmigung", "2022-09", paths=False).reach
    }
    assert (then["planned"].lands, then["live"].bodies) == (
        ("HB", "NW", "RP", "SH", "SL", "SN", "ST"),
        0,
    )


def test_shipped_building_permit_under_the_latest_fact_rule(shipped: object) -> None:
    spread = observe(shipped, "sol-digitale-baugenehmigung", rule="latest", paths=False)
    live = next(r for r in spread.reach if r.stage == "live")
    assert [a.id for a in spread.adopters if a.stage == "live"] == ["ags-15091"]
    assert live.lands == ("ST",)


def test_shipped_wohngeld_paused_in_nrw(shipped: object) -> None:
    def nrw(as_of: str) -> str | None:
        return next(
            (
                a.stage
                for a in observe(shipped, "sol-wohngeld-online", as_of, paths=False).adopters
                if a.id == "ags-05"
            ),
            None,
        )

    # the pause on 2023-01-01 ends NRW's use; it is no new stage
    assert (nrw("2022-06"), nrw("2023-06")) == ("live", None)
