"""``ozggraph find`` / ``ozggraph show``: everyday answers from the embedded graph, no server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ozggraph.cli import cli
from ozggraph.errors import OzgGraphError
from ozggraph.graph import load_graph
from ozggraph.network.lookup import find, resolve, show

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def graph():  # type: ignore[no-untyped-def]
    return load_graph(MINI)


def test_three_giessen_told_apart_by_label_and_land(graph) -> None:  # type: ignore[no-untyped-def]
    found = find(graph, "Gießen", labels={"Municipality", "District", "AdministrativeDistrict"})
    assert [(m.id, m.label, m.land, m.name) for m in found] == [
        ("ags-065", "AdministrativeDistrict", "HE", "Gießen"),
        ("ags-06531", "District", "HE", "Gießen"),
        ("ags-06531005", "Municipality", "HE", "Gießen"),
    ]


def test_find_ignores_case_and_sharp_s(graph) -> None:  # type: ignore[no-untyped-def]
    ids = [m.id for m in find(graph, "GIESSEN")]
    assert ids[:3] == ["ags-065", "ags-06531", "ags-06531005"]


def test_find_by_alias_says_so(graph) -> None:  # type: ignore[no-untyped-def]
    best = find(graph, "Universitätsstadt Gießen")[0]
    assert (best.id, best.matched) == ("ags-06531005", "alias")


def test_find_by_id_and_limit(graph) -> None:  # type: ignore[no-untyped-def]
    assert find(graph, "ags-06531005")[0].id == "ags-06531005"
    assert len(find(graph, "a", limit=3)) == 3


def test_show_groups_ties_with_date_evidence_and_sources(graph) -> None:  # type: ignore[no-untyped-def]
    view = show(graph, "ags-06531005")
    assert view.node.name == "Gießen" and view.node.land == "HE"
    kinds = {g.kind: g for g in view.groups}
    assert set(kinds) == {"MEMBER_OF →", "PART_OF →"}
    member = kinds["MEMBER_OF →"].ties[0]
    assert member.other == "coop-ikz-mittelhessen-ozg"
    assert member.details == {"role": "initiator"}
    assert member.evidence == "inferred"  # "initiator" is our reading of the article
    assert member.sources and all(s in view.sources for s in member.sources)


def test_show_ties_of_old_data_without_evidence(graph) -> None:  # type: ignore[no-untyped-def]
    old = graph.copy()
    for *_, attrs in old.edges(data=True):
        attrs.pop("evidence", None)  # data written before evidence was recorded
    member = show(old, "ags-06531005").groups[0].ties[0]
    assert member.evidence is None and member.sources


def test_show_incoming_ties_of_a_cooperation(graph) -> None:  # type: ignore[no-untyped-def]
    view = show(graph, "coop-ikz-mittelhessen-ozg")
    members = next(g for g in view.groups if g.kind == "← MEMBER_OF")
    assert {t.other for t in members.ties} >= {"ags-06531005"}
    assert all(not t.outgoing for t in members.ties)


def test_show_by_unique_alias_and_ambiguous_name(graph) -> None:  # type: ignore[no-untyped-def]
    assert resolve(graph, "Universitätsstadt Gießen") == "ags-06531005"
    with pytest.raises(OzgGraphError, match=r"3 nodes are named 'Gießen'.*ags-06531005"):
        show(graph, "Gießen")
    with pytest.raises(OzgGraphError, match="ozggraph find"):
        show(graph, "Atlantis")


def test_find_cli_table_and_json() -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["find", "Gießen", "--bodies", "--dataset", str(MINI)])
    assert table.exit_code == 0, table.output
    assert "AdministrativeDistrict" in table.output and "ags-06531005" in table.output
    as_json = runner.invoke(cli, ["find", "giessen", "--format", "json", "--dataset", str(MINI)])
    rows = json.loads(as_json.output)
    assert {r["id"] for r in rows} >= {"ags-065", "ags-06531", "ags-06531005"}


def test_show_cli_json_and_one_line_for_an_ambiguous_name() -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["show", "ags-06531005", "--format", "json", "--dataset", str(MINI)])
    assert json.loads(res.output)["groups"][0]["kind"] == "MEMBER_OF →"
    text = runner.invoke(cli, ["show", "ags-06531005", "--dataset", str(MINI)])
    assert "MEMBER_OF →" in text.output and "inferred" in text.output
    bad = runner.invoke(cli, ["show", "Gießen", "--dataset", str(MINI)])
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines() == [
        "Error: 3 nodes are named 'Gießen': ags-065 (AdministrativeDistrict, HE); "
        "ags-06531 (District, HE); ags-06531005 (Municipality, HE); give the id"
    ]
