"""The embedded graph and its checksum."""

from __future__ import annotations

import shutil
from pathlib import Path

import ozggraph
from ozggraph.graph import canonical

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def test_graph_layout_labels_types_and_properties() -> None:
    G = ozggraph.load_graph(MINI)
    assert G.nodes["ags-06"] | {} == G.nodes["ags-06"]
    assert G.nodes["ags-06"]["label"] == "State"
    assert G.nodes["ags-06"]["code"] == "HE"
    edge = G.edges[
        "he-hmdis", "coop-ikz-mittelhessen-ozg", "FUNDS:he-hmdis->coop-ikz-mittelhessen-ozg"
    ]
    assert edge["type"] == "FUNDS" and edge["evidence"] == "promised"
    assert "note" not in edge  # empty properties are not stored


def test_checksum_identifies_content_not_file_order(tmp_path: Path) -> None:
    G = ozggraph.load_graph(MINI)
    copy = tmp_path / "seed"
    shutil.copytree(MINI, copy)
    (copy / "curated.yaml").rename(copy / "zz-curated.yaml")  # read order changes
    assert ozggraph.load_graph(copy).graph["checksum"] == G.graph["checksum"]
    text = (copy / "zz-curated.yaml").read_text("utf-8").replace("100000", "100001")
    (copy / "zz-curated.yaml").write_text(text, "utf-8")
    assert ozggraph.load_graph(copy).graph["checksum"] != G.graph["checksum"]


def test_checksum_is_of_the_canonical_form() -> None:
    G = ozggraph.load_graph(MINI)
    assert ozggraph.checksum(G) == G.graph["checksum"]
    nodes = canonical(G)["nodes"]
    assert nodes == sorted(nodes)
