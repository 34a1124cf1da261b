"""The synthetic benchmark graph stays valid under the schema, so benchmarks measure real shapes."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from ozggraph.schema import EDGE_TYPES, NODE_TYPES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synthetic import make_graph


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return make_graph(scale=0.05, seed=3)


def test_every_node_validates_against_its_schema_model(sample: nx.MultiDiGraph) -> None:
    for node_id, attrs in sample.nodes(data=True):
        props = {k: v for k, v in attrs.items() if k != "label"}
        NODE_TYPES[attrs["label"]].model_validate({"id": node_id, **props})


def test_every_relationship_validates_and_keeps_the_id_convention(
    sample: nx.MultiDiGraph,
) -> None:
    labels = dict(sample.nodes(data="label"))
    for u, v, rel_id, attrs in sample.edges(keys=True, data=True):
        model = EDGE_TYPES[attrs["type"]]
        key = rel_id.partition("#")[2] or None
        props = {k: v for k, v in attrs.items() if k != "type"}
        edge = model.model_validate({"source": u, "target": v, "key": key, **props})
        assert edge.id == rel_id
        assert labels[u] in model.source_labels and labels[v] in model.target_labels
        assert all(labels[s] == "Source" for s in edge.sources)


def test_the_territory_is_germany_shaped(sample: nx.MultiDiGraph) -> None:
    labels = Counter(label for _, label in sample.nodes(data="label"))
    assert labels["Federation"] == 1 and labels["State"] == 16
    assert labels["AdministrativeDistrict"] == 19 and labels["District"] == 400
    assert 10_000 < labels["Municipality"] < 12_000
    hessen = sample.nodes["ags-06"]
    gemeinden = [
        n
        for n, a in sample.nodes(data=True)
        if a["label"] == "Municipality" and n.startswith("ags-06")
    ]
    assert sum(sample.nodes[m]["population"] for m in gemeinden) == hessen["population"]


def test_same_seed_same_graph_other_seed_other_graph() -> None:
    a, b, c = make_graph(0.02, seed=1), make_graph(0.02, seed=1), make_graph(0.02, seed=2)
    assert nx.utils.graphs_equal(a, b)
    assert sorted(a.edges(keys=True)) != sorted(c.edges(keys=True))


def test_the_fast_assembly_equals_networkx_own(sample: nx.MultiDiGraph) -> None:
    rebuilt = nx.MultiDiGraph()
    rebuilt.add_nodes_from(sample.nodes(data=True))
    rebuilt.add_edges_from(sample.edges(keys=True, data=True))
    assert nx.utils.edges_equal(
        rebuilt.edges(keys=True, data=True), sample.edges(keys=True, data=True)
    )
    assert rebuilt.in_degree("ags-06") == sample.in_degree("ags-06")


def test_scale_multiplies_cooperation_funding_and_reuse() -> None:
    small, large = make_graph(0.02), make_graph(0.2)

    def ties(g: nx.MultiDiGraph) -> int:  # hierarchy and associations do not scale
        return sum(
            1 for _, v, t in g.edges(data="type") if t != "PART_OF" and not v.startswith("assoc-")
        )

    assert 7 < ties(large) / ties(small) < 13
