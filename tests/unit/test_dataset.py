"""Reading and validating a dataset: every problem found, each located precisely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ozggraph
from ozggraph.errors import DatasetError

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def test_mini_fixture_reads_into_models() -> None:
    ds = ozggraph.read_dataset(MINI)
    assert ds.nodes["ags-06531005"].name == "Gießen"
    assert ds.nodes["ags-06531005"].ags == "06531005"  # text, leading zero kept
    funds = ds.edges["FUNDS:he-hmdis->coop-ikz-mittelhessen-ozg"]
    assert (funds.amount_eur, funds.evidence, funds.date) == (100000.0, "promised", "2021-03-12")
    assert ds.label_counts()["Municipality"] == 2


BROKEN = """\
nodes:
  - label: Cooperation
    id: coop-a
    name: A
    colour: blue
    sources: [src-kommune21-2021-03-12-hessen-ikz]
  - label: Cooperation
    id: coop-a
    name: A again
    sources: [src-kommune21-2021-03-12-hessen-ikz]
  - label: Municipality
    id: ags-0653100
    name: Short AGS
    ags: 0653100
    sources: [src-kommune21-2021-03-12-hessen-ikz]
  - label: Solution
    id: sol-x
    name: No source
  - label: Programme
    id: prog-x
    name: Bad amount
    amount_eur: lots
    date: 2021-13
    sources: [src-nowhere]
edges:
  - type: FUNDS
    source: he-hmdis
    target: coop-a
    evidence: rumoured
    sources: [src-kommune21-2021-03-12-hessen-ikz]
  - type: MEMBER_OF
    source: ags-99999999
    target: coop-a
    evidence: fact
    sources: [src-kommune21-2021-03-12-hessen-ikz]
  - type: REUSES
    source: coop-a
    target: ags-06
    stage: live
    evidence: fact
    sources: [src-kommune21-2021-03-12-hessen-ikz]
"""


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "seed"
    shutil.copytree(MINI, root)
    (root / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return root


def test_every_problem_is_listed_with_file_line_and_record(broken: Path) -> None:
    with pytest.raises(DatasetError) as info:
        ozggraph.read_dataset(broken)
    text = str(info.value)
    expected = [
        "seed/broken.yaml:2: Cooperation 'coop-a': unknown field 'colour'",
        "seed/broken.yaml:7: Cooperation 'coop-a': duplicate id, first at seed/broken.yaml:2",
        "seed/broken.yaml:11: Municipality 'ags-0653100': field 'ags': "
        "Value error, AGS of a Municipality has 8 digits",
        "seed/broken.yaml:16: Solution 'sol-x': a curated node needs at least one source",
        "seed/broken.yaml:19: Programme 'prog-x': field 'amount_eur'",
        "seed/broken.yaml:19: Programme 'prog-x': field 'date': there is no month 13",
        "seed/broken.yaml:19: Programme 'prog-x': source 'src-nowhere' is not a Source",
        "seed/broken.yaml:26: FUNDS he-hmdis->coop-a: field 'evidence': Input should be 'fact'",
        "seed/broken.yaml:31: MEMBER_OF ags-99999999->coop-a: source 'ags-99999999' is not a node",
        "seed/broken.yaml:36: REUSES coop-a->ags-06: target 'ags-06' is a State; REUSES target "
        "must be one of Solution",
    ]
    for fragment in expected:
        assert fragment.replace("Value error, ", "") in text, fragment
    assert len(info.value.problems) >= len(expected)


def test_csv_problems_name_the_row(tmp_path: Path) -> None:
    root = tmp_path / "seed"
    shutil.copytree(MINI, root)
    with (root / "hierarchy" / "Municipality.csv").open("a", encoding="utf-8") as handle:
        handle.write("ags-1,Bad,,1,,,,,src-destatis-gv100ad-2025-11-30\n")
    (root / "hierarchy" / "Kreis.csv").write_text("id\nx\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        ozggraph.read_dataset(root)
    text = str(info.value)
    assert "seed/hierarchy/Municipality.csv:4: Municipality 'ags-1': field 'ags'" in text
    assert "seed/hierarchy/Kreis.csv: file name 'Kreis' is not a node label or edge type" in text


def test_yaml_syntax_error_and_duplicate_key_are_located(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("nodes:\n  - label: Topic\n    id: [unclosed\n", "utf-8")
    (tmp_path / "b.yaml").write_text("nodes:\n  - label: Topic\n    label: Topic\n", "utf-8")
    with pytest.raises(DatasetError) as info:
        ozggraph.read_dataset(tmp_path)
    messages = [str(p) for p in info.value.problems]
    assert any(m.startswith(f"{tmp_path.name}/a.yaml:") and "not valid YAML" in m for m in messages)
    assert any(m.startswith(f"{tmp_path.name}/b.yaml:3") and "duplicate key" in m for m in messages)


def test_derived_relationships_are_refused_in_seed(tmp_path: Path) -> None:
    root = tmp_path / "seed"
    shutil.copytree(MINI, root)
    (root / "derived.yaml").write_text(
        "edges:\n  - type: COOPERATES_WITH\n    source: ags-06531005\n    target: ags-06532023\n",
        "utf-8",
    )
    with pytest.raises(DatasetError, match="derived by ozggraph, never curated"):
        ozggraph.read_dataset(root)


def test_two_grants_between_one_pair_need_keys(tmp_path: Path) -> None:
    root = tmp_path / "seed"
    shutil.copytree(MINI, root)
    (root / "again.yaml").write_text(
        "edges:\n  - type: FUNDS\n    source: he-hmdis\n    target: coop-ikz-mittelhessen-ozg\n"
        "    evidence: fact\n    sources: [src-kommune21-2021-03-12-hessen-ikz]\n",
        "utf-8",
    )
    with pytest.raises(DatasetError, match="give them distinct 'key' values"):
        ozggraph.read_dataset(root)
    text = (root / "again.yaml").read_text("utf-8").replace("evidence:", "key: 2022\n    evidence:")
    (root / "again.yaml").write_text(text, "utf-8")
    assert "FUNDS:he-hmdis->coop-ikz-mittelhessen-ozg#2022" in ozggraph.read_dataset(root).edges


def test_a_claim_without_evidence_is_rejected_with_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "seed"
    shutil.copytree(MINI, root)
    (root / "claim.yaml").write_text(
        "edges:\n  - type: DEVELOPS\n    source: ekom21\n    target: sol-ekom21-platform\n"
        "    sources: [src-kommune21-2021-03-12-hessen-ikz]\n"
        "nodes:\n  - label: Event\n    id: event-x\n    name: A conference\n"
        "    sources: [src-kommune21-2021-03-12-hessen-ikz]\n",
        "utf-8",
    )
    with pytest.raises(DatasetError) as caught:
        ozggraph.read_dataset(root)
    text = str(caught.value)
    assert "claim.yaml:2: DEVELOPS ekom21->sol-ekom21-platform: a DEVELOPS is a claim and " in text
    assert "needs 'evidence': one of fact, announced, planned" in text
    assert "claim.yaml:7: Event 'event-x': missing field 'evidence'" in text
