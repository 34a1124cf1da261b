"""One model of meaning: one Land rule, one tie rule (with what each tie is made of),
communities from a kept library, meanings declared in the schema."""

from __future__ import annotations

import ast
import random
import re
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest
from click.testing import CliRunner
from spread_world import build, edge, node

import ozggraph
from ozggraph.analytics import cooperation_projection, louvain, modularity
from ozggraph.analytics.communities import to_igraph
from ozggraph.cli import cli
from ozggraph.network.territory import LAND_CODES, Territory
from ozggraph.network.ties import TieIndex
from ozggraph.schema import EDGE_TYPES, MANAGED_LABEL, META_LABEL, NODE_TYPES
from ozggraph.spread import observe, solutions
from ozggraph.spread.cascade_network import from_graph
from ozggraph.spread.seeds import candidates_of

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def shipped() -> nx.MultiDiGraph:
    return ozggraph.load_graph()


@pytest.fixture(scope="module")
def cascade(shipped: nx.MultiDiGraph):  # type: ignore[no-untyped-def]
    return from_graph(shipped)


@pytest.mark.parametrize("land", sorted(LAND_CODES.values()))
def test_report_and_seeds_place_the_same_bodies_in_every_land(
    shipped: nx.MultiDiGraph,
    cascade,
    land: str,  # type: ignore[no-untyped-def]
) -> None:
    by_report = {n for n, code in Territory(shipped).body_lands.items() if code == land}
    by_seeds = {cascade.ids[i] for i in candidates_of(cascade, land=land)}
    assert by_report and by_report == by_seeds


def test_seeds_find_the_bavarian_provider_the_report_ranks(shipped: nx.MultiDiGraph) -> None:
    result = CliRunner().invoke(
        cli, ["seeds", "--land", "BY", "--level", "provider", "--k", "1", "--runs", "20"]
    )
    assert result.exit_code == 0, result.output
    assert "Anstalt für kommunale Datenverarbeitung in Bayern" in result.output  # AKDB


def five_kinds() -> nx.MultiDiGraph:
    """Each pair of bodies tied by exactly one of the five kinds of tie."""
    bodies = [node("Municipality", f"ags-130740{i:02d}", population=1) for i in range(1, 11)]
    nodes = [
        node("State", "ags-13", code="MV"),
        *bodies,
        node("Cooperation", "coop-a"),
        node("Cooperation", "coop-outer"),
        node("Cooperation", "coop-inner"),
        node("Programme", "prog-p"),
        node("Solution", "sol-s"),
        node("Solution", "sol-t"),
    ]
    b = [n.id for n in bodies]
    edges = [
        edge("MEMBER_OF", b[0], "coop-a"),  # shared cooperation: 0-1
        edge("MEMBER_OF", b[1], "coop-a"),
        edge("FUNDS", b[2], "prog-p"),  # money through a programme: 2-3
        edge("FUNDS", "prog-p", b[3]),
        edge("MEMBER_OF", b[4], "coop-inner"),  # a cooperation in another one: 4-5
        edge("MEMBER_OF", "coop-inner", "coop-outer"),
        edge("MEMBER_OF", b[5], "coop-outer"),
        edge("FUNDS", b[6], "sol-s"),  # money paid to a solution: 6-7
        edge("DEVELOPS", b[7], "sol-s"),
        edge("OPERATES", b[8], "sol-t"),  # shared solution (maker and user): 8-9
        edge("REUSES", b[9], "sol-t", stage="live"),
    ]
    return build(nodes, edges)


def test_each_kind_of_tie_names_what_it_is_made_of() -> None:
    ties = TieIndex(five_kinds())
    m = [f"ags-130740{i:02d}" for i in range(1, 11)]
    assert ties.made_of(m[0], m[1]) == ["coop-a"]
    assert ties.made_of(m[2], m[3]) == [f"FUNDS:prog-p->{m[3]}", "prog-p"]
    assert ties.made_of(m[4], m[5]) == ["coop-outer", "coop-inner"]
    assert ties.made_of(m[6], m[7]) == [f"FUNDS:{m[6]}->sol-s", "sol-s"]
    assert ties.made_of(m[8], m[9]) == ["sol-t"]
    assert {c.layer for c in ties.contexts} == {"cooperation", "money", "reuse"}
    assert ties.made_of(m[0], m[9]) == []


def test_every_adoption_path_hop_names_what_the_tie_is_made_of(shipped: nx.MultiDiGraph) -> None:
    hops = 0
    for solution in solutions(shipped):
        for adopter in observe(shipped, solution).adopters:
            assert len(adopter.through) == max(len(adopter.via) - 1, 0)
            for made_of in adopter.through:
                assert made_of, (solution, adopter.id, adopter.via)
                hops += 1
    assert hops > 0


def best_of_ten(graph: ig.Graph) -> float:
    """The reference: igraph's multilevel (Louvain) modularity, best of 10 seeds."""
    best = -1.0
    for seed in range(10):
        ig.set_random_number_generator(random.Random(seed))
        found = graph.community_multilevel(weights="weight")
        best = max(best, graph.modularity(found.membership, weights="weight"))
    ig.set_random_number_generator(random)
    return best


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_modularity_on_the_shipped_data_is_within_a_thousandth_of_igraph_best(
    shipped: nx.MultiDiGraph, seed: int
) -> None:
    net = cooperation_projection(shipped)
    reference = best_of_ten(to_igraph(net))
    assert modularity(net, louvain(net, seed=seed)) == pytest.approx(reference, abs=1e-3)


def test_modularity_on_the_karate_club_is_within_a_thousandth_of_igraph_best() -> None:
    karate = nx.karate_club_graph()
    reference = best_of_ten(to_igraph(karate))
    assert modularity(karate, louvain(karate)) == pytest.approx(reference, abs=1e-3)


KNOWN = {*NODE_TYPES, *EDGE_TYPES, MANAGED_LABEL, META_LABEL}
# Strings compared with, or assigned to, a node's label or a relationship's type.
# (``kind`` is left out: a node property, e.g. GV100AD "Landkreis", not a label.)
_ROLE = re.compile(r"label|type", re.IGNORECASE)
_SHAPE = re.compile(r"^(?:[A-Z][a-z]+(?:[A-Z][a-z]*)*|[A-Z][A-Z_]{2,}[A-Z])$")


def _strings(tree: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def named_in_python(path: Path) -> set[str]:
    """Label/type-shaped strings next to ``label``/``type`` in comparisons, keywords, dicts."""
    source = path.read_text(encoding="utf-8")
    found: set[str] = set()
    for item in ast.walk(ast.parse(source)):
        if isinstance(item, ast.Compare):
            sides = [item.left, *item.comparators]
            if any(_ROLE.search(ast.get_source_segment(source, s) or "") for s in sides):
                for side in sides:
                    if not _ROLE.search(ast.get_source_segment(source, side) or ""):
                        found |= _strings(side)
        elif isinstance(item, ast.keyword) and item.arg in {"label", "type", "labels"}:
            found |= _strings(item.value)
        elif isinstance(item, ast.Dict):
            for key, value in zip(item.keys, item.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in {"label", "type"}:
                    found |= _strings(value)
        elif isinstance(item, ast.Subscript) and isinstance(item.value, ast.Name):
            found |= (
                _strings(item.slice) if item.value.id in {"NODE_TYPES", "EDGE_TYPES"} else set()
            )
    return {s for s in found if _SHAPE.match(s)}


def named_in_cypher(path: Path) -> set[str]:
    text = re.sub(r"//.*", "", path.read_text(encoding="utf-8"))
    labels = re.findall(r"\(\w*((?::\w+)+)", text)
    types = re.findall(r"\[\w*:([A-Z_|]+)", text)
    return {x for group in labels for x in group.split(":") if x} | {
        t for group in types for t in group.split("|") if t
    }


def test_every_label_and_type_named_outside_the_schema_exists_in_it() -> None:
    unknown = {}
    for path in sorted((ROOT / "ozggraph").rglob("*.py")):
        if "schema" not in path.parts and (missing := named_in_python(path) - KNOWN):
            unknown[str(path.relative_to(ROOT))] = sorted(missing)
    for path in sorted((ROOT / "cypher").glob("*.cypher")):
        if missing := named_in_cypher(path) - KNOWN:
            unknown[str(path.relative_to(ROOT))] = sorted(missing)
    assert not unknown


def test_the_scan_sees_labels_and_types(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'if attrs["label"] == "Cooperation" or attrs["type"] in {"FUNDS", "PAYS_FOR"}: pass\n'
    )
    assert named_in_python(sample) == {"Cooperation", "FUNDS", "PAYS_FOR"}
    query = tmp_path / "q.cypher"
    query.write_text("MATCH (a:OzgGraph:Cooperation)-[r:MEMBER_OF|FUNDS]->(:Nope) RETURN a\n")
    assert named_in_cypher(query) == {"OzgGraph", "Cooperation", "MEMBER_OF", "FUNDS", "Nope"}


def test_every_error_class_lives_in_the_one_errors_module() -> None:
    elsewhere = [
        f"{path.relative_to(ROOT)}:{item.name}"
        for path in sorted((ROOT / "ozggraph").rglob("*.py"))
        if path.name != "errors.py"
        for item in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(item, ast.ClassDef) and item.name.endswith(("Error", "Exception"))
    ]
    assert not elsewhere
