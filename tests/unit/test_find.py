"""``ozggraph find`` as a user at an 80-column terminal meets it."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from ozggraph.cli import cli


def find(*args: str, columns: int = 80) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, ["find", *args])
    return result.exit_code, result.stdout, result.stderr


def test_readable_at_80_columns() -> None:
    code, out, _ = find("Gießen")
    assert code == 0, out
    assert max(len(line) for line in out.splitlines()) <= 80
    # whole words, not squeezed to nothing: each body with what tells it apart
    for shown in ("Gießen (Stadt, HE)", "Gießen (Landkreis, HE)", "Gießen (Regierungsbezirk, HE)"):
        assert shown in out
    assert "Universitätsstadt Gießen" in out and "ags-06531005" in out


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Muenchen", "ags-09162000"), ("Duesseldorf", "ags-05111000"), ("GIESSEN", "ags-06531005"),
     ("Göttingen", "ags-03159016"), ("Goettingen", "ags-03159016")],
)  # fmt: skip
def test_umlauts_may_be_spelled_out_either_way(typed: str, expected: str) -> None:
    code, out, _ = find(typed, "--format", "json", "--limit", "100")
    assert code == 0
    assert expected in {m["id"] for m in json.loads(out)}


@pytest.mark.parametrize("limit", ["0", "-5", "x"])
def test_limit_is_checked_before_any_work(limit: str) -> None:
    code, out, err = find("Neustadt", "--limit", limit)
    assert code == 2 and "--limit" in err and "Traceback" not in out + err


def test_the_count_says_how_many_match_not_how_many_are_shown() -> None:
    _, out, _ = find("Neustadt", "--format", "json", "--limit", "1000")
    total = len(json.loads(out))
    assert total > 25
    _, table, _ = find("Neustadt", columns=200)
    assert re.search(rf"\b{total} found for 'Neustadt', the first 25 shown", table)
