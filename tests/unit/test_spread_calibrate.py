"""Calibration says plainly whether the cooperation network explains observed reuse."""

from __future__ import annotations

import networkx as nx
from spread_world import build, edge, node

from ozggraph.spread.calibrate import calibrate

LANDS = ["ags-01", "ags-02", "ags-03", "ags-04", "ags-05", "ags-06"]


def six_lands(adopters: list[str]) -> nx.MultiDiGraph:
    """Two cooperations of three Länder each; ags-01 builds a solution the adopters reuse."""
    nodes = [
        node("Federation", "de"),
        node("Solution", "sol-x"),
        node("Cooperation", "coop-a"),
        node("Cooperation", "coop-b"),
    ]
    nodes += [
        node("State", land, code=code, population=1000)
        for land, code in zip(LANDS, ["SH", "HH", "NI", "HB", "NW", "HE"], strict=True)
    ]
    edges = [edge("PART_OF", land, "de") for land in LANDS]
    edges += [
        edge("MEMBER_OF", land, "coop-a" if i < 3 else "coop-b") for i, land in enumerate(LANDS)
    ]
    edges += [edge("DEVELOPS", "ags-01", "sol-x")]
    edges += [edge("REUSES", a, "sol-x", stage="live", date="2022") for a in adopters]
    return build(nodes, edges)


def test_reuse_along_the_ties_is_fitted() -> None:
    result = calibrate(six_lands(["ags-02", "ags-03"]), runs=100)
    assert result.p == 1.0
    assert result.loglik > result.baseline + 1.92
    assert result.verdict.startswith("p = 1 (at the edge of the grid) fits better")


def test_reuse_across_the_ties_is_reported_as_no_fit() -> None:
    result = calibrate(six_lands(["ags-04", "ags-05"]), runs=100)
    assert result.loglik < result.baseline
    assert result.verdict.startswith(
        "no fit: the cooperation network explains observed "
        "adoption no better than a network-free baseline"
    )
    assert [(f.solution, f.observed, f.eligible) for f in result.fits] == [("sol-x", 2, 5)]
