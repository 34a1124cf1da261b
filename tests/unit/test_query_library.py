"""The Cypher query library without a server: headers, vocabulary, parameter typing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ozggraph.cli import cli
from ozggraph.errors import QueryError
from ozggraph.neo4j.queries import (
    bind,
    get_query,
    guess,
    library_dir,
    list_queries,
    load_library,
    parse_query,
    split_params,
)
from ozggraph.schema import EDGE_TYPES, MANAGED_LABEL, NODE_TYPES

QUERIES = list_queries()
NAMES = [q.name for q in QUERIES]
#: Written back by 'ozggraph analyze --write'; not part of the dataset schema.
ANALYTICS = {"pagerank", "betweenness", "brokerage_role", "community"}
PROPERTIES = (
    {name for model in NODE_TYPES.values() for name in model.model_fields}
    | {name for model in EDGE_TYPES.values() for name in model.model_fields}
    | ANALYTICS
)


def body(text: str) -> str:
    """The query without its comments (no query here has '//' inside a string)."""
    return re.sub(r"//[^\n]*", "", text)


def test_the_library_covers_the_analysts_questions() -> None:
    assert len(QUERIES) >= 15
    assert len({name.lower() for name in NAMES}) == len(NAMES)
    for required in (
        "cooperation_members",
        "between_two_bodies",
        "funding_received",
        "funding_in_land",
        "cross_land_cooperations",
        "solution_reuse",
        "hierarchy_path",
        "white_spots",
        "central_bodies",
        "brokers",
        "body_timeline",
        "relationship_sources",
        "single_provider_dependencies",
        "shortest_path",
        "services_by_themenfeld",
    ):
        assert required in NAMES


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_every_header_has_question_parameters_with_examples_and_columns(query) -> None:
    assert query.question.endswith("?"), query.question
    assert query.columns, "no columns"
    for name, description in query.columns:
        assert description, name
    for param in query.parameters:
        assert param.description
        assert f":param {param.name} => " in query.text  # the Neo4j Browser line
        if not param.required:
            assert param.example == param.default  # the Browser line shows the default
    # the header's examples bind without complaint
    assert set(bind(query, query.examples)) == {p.name for p in query.parameters}


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_every_parameter_is_declared_and_every_declared_one_used(query) -> None:
    # (that each query returns exactly its declared columns is checked against the server)
    used = set(re.findall(r"\$([A-Za-z_]\w*)", body(query.text)))
    assert used == {p.name for p in query.parameters}


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_queries_speak_the_schema_vocabulary(query) -> None:
    cypher = body(query.text)
    labels = re.findall(r"\(\s*\w*\s*:\s*([A-Za-z|]+)", cypher)
    types = re.findall(r"\[\s*\w*\s*:\s*([A-Z_|]+)", cypher)
    quoted = re.findall(r"'([A-Za-z_]+)'", cypher)
    names = {n for group in labels + types for n in group.split("|")}
    allowed = {*NODE_TYPES, *EDGE_TYPES, MANAGED_LABEL}
    assert names <= allowed, names - allowed
    assert {q for q in quoted if q.isupper() or q[0].isupper()} <= allowed
    procedures = re.sub(r"\b(?:db|dbms)(?:\.\w+)+\s*\(", "(", cypher)  # names, not properties
    properties = set(re.findall(r"\b[a-z_]\w*\.([a-z_]\w*)\b", procedures))
    assert properties <= PROPERTIES, properties - PROPERTIES


def test_the_query_hash_is_the_files_sha256() -> None:
    query = get_query("hierarchy_path")
    digest = hashlib.sha256(query.path.read_bytes()).hexdigest()
    assert query.sha256 == f"sha256:{digest}"


def test_parameters_from_the_command_line_take_the_declared_type() -> None:
    hierarchy = get_query("hierarchy_path")
    # an AGS stays text: the leading zero matters
    assert bind(hierarchy, {"municipality": "06431002"}) == {"municipality": "06431002"}
    between = get_query("between_two_bodies")
    raw = split_params(["a=ags-06431002", "b=ags-06431020", "max_hops=2", "exclude_types=PART_OF"])
    assert bind(between, raw) == {
        "a": "ags-06431002",
        "b": "ags-06431020",
        "max_hops": 2,
        "exclude_types": ["PART_OF"],
    }
    assert bind(between, {"a": "x", "b": "y", "exclude_types": '["PART_OF", "FUNDS"]'})[
        "exclude_types"
    ] == ["PART_OF", "FUNDS"]
    assert bind(between, {"a": "x", "b": "y", "exclude_types": ""})["exclude_types"] == []
    assert bind(between, {"a": "x", "b": "y"})["max_hops"] == 3  # the declared default


def test_parameter_mistakes_are_named() -> None:
    between = get_query("between_two_bodies")
    with pytest.raises(QueryError, match=r"missing parameter\(s\) \['b'\]"):
        bind(between, {"a": "x"})
    with pytest.raises(QueryError, match=r"unknown parameter\(s\) \['c'\].*takes a, b"):
        bind(between, {"a": "x", "b": "y", "c": "z"})
    with pytest.raises(QueryError, match="max_hops: expected type int, got 'three'"):
        bind(between, {"a": "x", "b": "y", "max_hops": "three"})
    with pytest.raises(QueryError, match=r"max_hops: expected type int, got 2\.5"):
        bind(between, {"a": "x", "b": "y", "max_hops": 2.5})
    with pytest.raises(QueryError, match="write key=value"):
        split_params(["max_hops"])
    with pytest.raises(QueryError, match="given twice"):
        split_params(["a=1", "a=2"])
    with pytest.raises(QueryError, match="did you mean hierarchy_path"):
        get_query("hierarchy_paths")


def test_ad_hoc_values_are_json_else_text() -> None:
    assert guess("5") == 5
    assert guess("2.5") == 2.5
    assert guess("true") is True
    assert guess('["a", "b"]') == ["a", "b"]
    assert guess("Bensheim") == "Bensheim"
    assert guess("'}) DETACH DELETE n //") == "'}) DETACH DELETE n //"
    assert split_params(["text=a=b"]) == {"text": "a=b"}  # only the first '=' splits


def test_a_broken_header_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text(
        "// Question: What?\n// Parameters:\n//   n (number): a count\n"
        "//   :param n => 3;\n// Columns:\n//   x: y\nRETURN $n AS x\n",
        "utf-8",
    )
    with pytest.raises(QueryError, match=r"bad.cypher:3: type 'number' is not one of"):
        parse_query(bad)
    bad.write_text("// Question: What?\n// Columns:\n//   x: y\nRETURN 1 AS x\n", "utf-8")
    with pytest.raises(QueryError, match="no '// Parameters:' section"):
        parse_query(bad)
    bad.write_text(
        "// Question: What?\n// Parameters:\n//   n (int): a count\n// Columns:\n//   x: y\n"
        "RETURN $n AS x\n",
        "utf-8",
    )
    with pytest.raises(QueryError, match="needs a declaration and a :param example"):
        parse_query(bad)


def test_the_library_directory_can_be_moved(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "one.cypher").write_text(
        "// Question: One?\n// Parameters: none\n// Columns:\n//   one: the number 1\n"
        "RETURN 1 AS one\n",
        "utf-8",
    )
    (tmp_path / "README.md").write_text("not a query", "utf-8")
    monkeypatch.setenv("OZGGRAPH_CYPHER", str(tmp_path))
    assert library_dir() == tmp_path
    assert list(load_library()) == ["one"]
    assert get_query("one").parameters == ()


def test_cli_lists_and_shows_the_library_without_a_server() -> None:
    listing = CliRunner().invoke(cli, ["query", "--list"], terminal_width=200)
    assert listing.exit_code == 0, listing.output
    for name in NAMES:
        assert name in listing.output
    shown = CliRunner().invoke(cli, ["query", "white_spots", "--show"])
    assert shown.exit_code == 0
    assert shown.output == get_query("white_spots").text
