"""60 mutated copies of seed/: no traceback, and every failing one names the file it is about.

The mutations (``seed_mutations.py``) truncate, garble, drop or duplicate a line of,
put binary data or invalid UTF-8 into, or empty one CSV or YAML file. To stay fast,
seed/ is read and validated once; each mutation then reads only its own file and is
checked against the rest (``validate_records(..., valid=...)``) — the same checks as
``read_dataset``, never the graph cache. A few run whole through the CLI.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from seed_mutations import Mutation, mutations

from ozggraph.cli import cli
from ozggraph.dataset import validate_records
from ozggraph.dataset.files import read_files
from ozggraph.schema import Edge, Node

SEED = Path(__file__).resolve().parents[2] / "seed"
MUTATIONS = mutations(SEED, 60)
Parsed = dict[str, list[tuple[Node | Edge, object]]]


@pytest.fixture(scope="module")
def seed_by_file() -> Parsed:
    """The validated records of seed/, by file (``seed/hierarchy/State.csv``)."""
    records, problems = read_files(SEED)
    parsed, problems = validate_records(records, problems)
    assert not problems
    by_file: Parsed = defaultdict(list)
    for item, rec in parsed:
        by_file[rec.file].append((item, rec))
    return by_file


def test_the_mutations_cover_every_kind_and_both_formats() -> None:
    assert {m.operation for m in MUTATIONS} == {
        "truncate", "garble", "drop", "duplicate", "binary", "invalid_utf8", "empty"
    }  # fmt: skip
    assert {m.path.suffix for m in MUTATIONS} == {".csv", ".yaml"}
    assert [str(m) for m in mutations(SEED, 60)] == [str(m) for m in MUTATIONS]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=str)
def test_a_mutated_file_is_named_by_the_first_problem(
    mutation: Mutation, seed_by_file: Parsed, tmp_path: Path
) -> None:
    copy = tmp_path / "seed"  # only the mutated file; the rest is the validated seed/
    (copy / mutation.path).parent.mkdir(parents=True)
    mutation.apply(copy)
    shown = str(Path("seed") / mutation.path)
    records, problems = read_files(copy)
    rest = [pair for file, pairs in seed_by_file.items() if file != shown for pair in pairs]
    _, problems = validate_records(records, problems, valid=rest)  # type: ignore[arg-type]
    if problems:  # a mutation may be harmless (a dropped relationship, a garbled name)
        assert shown in str(problems[0]), "\n".join(map(str, problems[:5]))
        assert all(p.file for p in problems)


@pytest.mark.parametrize("index", [4, 16, 20, 27])  # binary CSV, dropped line, empty CSV, YAML
def test_mutated_copies_through_the_cli(index: int, tmp_path: Path) -> None:
    mutation = MUTATIONS[index]
    copy = tmp_path / "seed"
    shutil.copytree(SEED, copy)
    mutation.apply(copy)
    result = CliRunner().invoke(cli, ["report", "--dataset", str(copy)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and f"seed/{mutation.path}" in lines[0], result.stderr
