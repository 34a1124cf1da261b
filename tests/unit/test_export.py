"""Exports of the embedded graph that other tools open."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

import ozggraph
from ozggraph.output.export import write

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def test_json_is_networkx_node_link_of_a_directed_multigraph(tmp_path: Path) -> None:
    G = ozggraph.load_graph(MINI)
    (path,) = write(G, "json", tmp_path / "g.json")
    data = json.loads(path.read_text("utf-8"))
    node = next(n for n in data["nodes"] if n["id"] == "ags-06531005")
    assert node["label"] == "Municipality"
    assert node["aliases"] == ["Universitätsstadt Gießen"]
    link = next(link for link in data["edges"] if link["type"] == "FUNDS")
    assert (link["source"], link["target"]) == ("he-hmdis", "coop-ikz-mittelhessen-ozg")
    assert link["evidence"] == "promised" and link["key"].startswith("FUNDS:")
    back = nx.node_link_graph(data, edges="edges")
    assert back.is_directed() and back.is_multigraph()
    assert sorted(back.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))


def test_graphml_and_gexf_keep_list_properties(tmp_path: Path) -> None:
    G = ozggraph.load_graph(MINI)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        (path,) = write(G, fmt, tmp_path / f"g.{fmt}")
        back = reader(path)
        attrs = back.nodes["ags-06531005"]
        assert attrs["neo4j_label"] == "Municipality"
        assert attrs["aliases"] == "Universitätsstadt Gießen"
        assert attrs["sources"] == "src-destatis-gv100ad-2025-11-30"
        assert back.number_of_edges() == G.number_of_edges()


def test_csv_uses_neo4j_admin_import_headers(tmp_path: Path) -> None:
    G = ozggraph.load_graph(MINI)
    files = {p.name: p for p in write(G, "csv", tmp_path / "import")}
    with files["nodes_Municipality.csv"].open(encoding="utf-8") as handle:
        header, first = next(csv.reader(handle)), next(csv.reader(handle))
    assert header[0] == "id:ID" and header[-1] == ":LABEL"
    assert "population:long" in header and "aliases:string[]" in header
    # labels and list items are joined with U+001F (--array-delimiter=U+001F): an alias
    # may hold ';', the importer's default delimiter
    assert first[-1] == "Municipality\x1fOzgGraph"
    with files["relationships_FUNDS.csv"].open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"] and "amount_eur:double" in header


def test_gexf_keeps_every_relationship_type(tmp_path: Path) -> None:
    """GEXF's own edge ``type`` means directed/undirected: ours is ``relationship_type``."""
    G = ozggraph.load_graph(MINI)
    (path,) = write(G, "gexf", tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    types = sorted(t for *_, t in back.edges(data="relationship_type"))
    assert types == sorted(t for *_, t in G.edges(data="type"))
    assert all(d["label"] == d["relationship_type"] for *_, d in back.edges(data=True))
    assert {d["id"] for *_, d in back.edges(data=True)} == {k for *_, k in G.edges(keys=True)}


def test_cooperation_network_exports_with_land_and_date(tmp_path: Path) -> None:
    from ozggraph.analytics import cooperation_network
    from ozggraph.network.filters import view_of
    from ozggraph.output.export import write_network

    G = ozggraph.load_graph(MINI)
    network = cooperation_network(view_of(G, date="2030", land="HE"), land="HE")
    (path,) = write_network(network, "gexf", tmp_path / "c.gexf")
    back = nx.read_gexf(path)
    assert set(back) == set(network)
    assert back.nodes["ags-06531005"]["label"] == "Gießen"
    assert back.nodes["ags-06531005"]["neo4j_label"] == "Municipality"
    (path,) = write_network(network, "json", tmp_path / "c.json")
    back = nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="edges")
    assert back.number_of_edges() == network.number_of_edges()
    assert back.nodes["ags-06531005"]["name"] == "Gießen"
