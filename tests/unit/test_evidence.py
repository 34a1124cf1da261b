"""Every claim of the shipped dataset says how sure it is, in every output."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import ozggraph
from ozggraph.network.filters import as_of, with_evidence
from ozggraph.output.export import write
from ozggraph.schema import EDGE_TYPES, EVIDENCE

CLAIMS = {t for t, model in EDGE_TYPES.items() if model.claim}


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return ozggraph.load_graph()


@pytest.fixture(scope="module")
def exported(graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("export") / "ozg.json"
    write(graph, "json", path)
    return json.loads(path.read_text("utf-8"))


def test_every_claim_and_event_in_the_export_carries_evidence(exported: dict) -> None:
    kinds = {"MEMBER_OF", "FUNDS", "PARTICIPATES_IN", "DEVELOPS", "OPERATES", "PROVIDES"}
    assert kinds | {"REUSES", "SUPPORTS"} <= CLAIMS
    claims = [link for link in exported["edges"] if link["type"] in CLAIMS]
    assert claims and all(link.get("evidence") in EVIDENCE for link in claims)
    events = [n for n in exported["nodes"] if n["label"] == "Event"]
    assert events and all(n.get("evidence") in EVIDENCE for n in events)


def test_planned_operations_and_provisions_are_not_stated_as_fact(graph: nx.MultiDiGraph) -> None:
    ldi = [a for _, _, a in graph.out_edges("itp-ldi-rlp", data=True) if a["type"] == "OPERATES"]
    assert len(ldi) == 4 and {a["evidence"] for a in ldi} == {"planned"}
    provides = [a for _, _, a in graph.out_edges("ags-07", data=True) if a["type"] == "PROVIDES"]
    assert provides and {a["evidence"] for a in provides} == {"planned"}
    ikz = "coop-ikz-ozg-giessen-wetzlar-fulda-marburg-limburg"
    (develops,) = [a for _, _, a in graph.out_edges(ikz, data=True) if a["type"] == "DEVELOPS"]
    assert develops["evidence"] == "planned"
    # nothing that begins after its only source was written is a fact
    for u, v, attrs in graph.edges(data=True):
        if attrs["type"] in ("OPERATES", "PROVIDES") and "planned" in str(attrs.get("note", "")):
            assert attrs["evidence"] != "fact", (u, v)


def test_announced_event_and_inferred_readings(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes["event-he-regionalkonferenz-2020-rb-darmstadt"]["evidence"] == "announced"
    assert graph.nodes["event-he-regionalkonferenz-2020-rb-kassel"]["evidence"] == "fact"
    ikz = "coop-ikz-ozg-giessen-wetzlar-fulda-marburg-limburg"
    assert graph.edges["ags-06531005", ikz, f"MEMBER_OF:ags-06531005->{ikz}"]["evidence"] == (
        "inferred"
    )


def test_facts_only_and_dated_only_views(graph: nx.MultiDiGraph) -> None:
    facts = with_evidence(graph, ["fact"])
    assert all(
        a.get("evidence") == "fact" for *_, a in facts.edges(data=True) if a["type"] in CLAIMS
    )
    before = as_of(graph, "1985")  # the oldest dated claim: Landkreis Cham's network, 1989
    assert before.graph["undated"]["relationships"] > 0
    dated = as_of(graph, "1985", dated_only=True)
    assert not [a for *_, a in dated.edges(data=True) if a["type"] in CLAIMS]


def test_report_shows_budgets_apart_and_never_sums_evidence(graph: nx.MultiDiGraph) -> None:
    from ozggraph.output.report import build_report

    money = build_report(graph, land="HE").funding
    budgets = money["programme_budgets"]
    assert budgets["prog-he-kommunale-verwaltungsdigitalisierung"]["by_evidence"] == {
        "agreed": 37_000_000.0
    }
    assert budgets["prog-he-ozg-modellkommunen"]["amount_kind"] == "approximate"
    assert money["budgets_by_evidence"]["fact"]["amount_eur"] == 1_500_000.0
    assert money["by_evidence"]["promised"]["amount_eur"] == 100_000.0


def test_cli_evidence_filter_and_undated_count(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ozggraph.cli import cli

    out = CliRunner().invoke(cli, ["report", "--as-of", "1990", "--format", "json"])
    stamp = json.loads(out.output)["stamp"]
    assert stamp["undated"]["relationships"] > 0 and not stamp["undated"]["left_out"]
    bad = CliRunner().invoke(cli, ["report", "--evidence", "rumour"])
    assert bad.exit_code != 0 and "rumour" in bad.output
