"""A tiny made-up world for the spread tests, built through the schema like seed/ is.

Two Länder (MV 13, ST 15) under the Federation, a Kreis and two Gemeinden in each,
one solution developed by MV and reused over time, one cooperation tying the Länder.
Populations are round made-up numbers, not statistics.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ozggraph.dataset import Dataset
from ozggraph.graph import to_networkx
from ozggraph.importers.efa import STAGE_EVIDENCE
from ozggraph.schema import EDGE_TYPES, NODE_TYPES

SRC = ["src-test"]


def node(label: str, id: str, **props: Any) -> Any:
    if id.startswith("ags-"):  # territorial units carry their AGS, as in seed/
        props.setdefault("ags", id.removeprefix("ags-"))
    return NODE_TYPES[label](id=id, name=props.pop("name", id), sources=SRC, **props)


def edge(kind: str, source: str, target: str, **props: Any) -> Any:
    if EDGE_TYPES[kind].claim:  # how sure a claim is: as the EfA importer maps a stage
        props.setdefault("evidence", STAGE_EVIDENCE.get(props.get("stage", ""), "fact"))
    return EDGE_TYPES[kind](source=source, target=target, sources=SRC, **props)


def build(nodes: list[Any], edges: list[Any]) -> nx.MultiDiGraph:
    data = Dataset()
    data.nodes = {n.id: n for n in [NODE_TYPES["Source"](id="src-test", name="test"), *nodes]}
    data.edges = {e.id: e for e in edges}
    return to_networkx(data)


def world(extra_edges: list[Any] | None = None) -> nx.MultiDiGraph:
    nodes = [
        node("Federation", "de", name="Deutschland"),
        node("State", "ags-13", name="Mecklenburg-Vorpommern", code="MV"),
        node("State", "ags-15", name="Sachsen-Anhalt", code="ST"),
        node("District", "ags-13074", name="Nordwestmecklenburg"),
        node("District", "ags-15091", name="Wittenberg"),
        node("Municipality", "ags-13074001", name="Wismar", population=40_000),
        node("Municipality", "ags-13074002", name="Grevesmühlen", population=10_000),
        node("Municipality", "ags-15091001", name="Lutherstadt Wittenberg", population=45_000),
        node("Municipality", "ags-15091002", name="Zahna", population=5_000),
        node("Ministry", "min-st-mi", name="Ministerium für Inneres ST"),
        node("ITProvider", "itp-dataport", name="Dataport"),
        node(
            "Solution",
            "sol-bau",
            name="Digitale Baugenehmigung",
            aliases=["Digitaler Bauantrag"],
            reported_adopters=["10 Länder interested (2023-05)"],
        ),
        node("Solution", "sol-other", name="Other solution"),
        node("Cooperation", "coop-nord", name="Nordverbund"),
    ]
    part_of = [
        ("ags-13", "de"),
        ("ags-15", "de"),
        ("ags-13074", "ags-13"),
        ("ags-15091", "ags-15"),
        ("ags-13074001", "ags-13074"),
        ("ags-13074002", "ags-13074"),
        ("ags-15091001", "ags-15091"),
        ("ags-15091002", "ags-15091"),
        ("min-st-mi", "ags-15"),
    ]
    edges = [edge("PART_OF", c, p) for c, p in part_of] + [
        edge("DEVELOPS", "ags-13", "sol-bau", date="2021-01-01"),
        edge("OPERATES", "itp-dataport", "sol-bau"),
        edge("REUSES", "ags-15", "sol-bau", key="a", stage="interest", date="2021-02"),
        edge("REUSES", "ags-15", "sol-bau", key="b", stage="planned", date="2022-09"),
        edge("REUSES", "ags-15", "sol-bau", key="c", stage="live", date="2023-10"),
        edge("REUSES", "ags-15091", "sol-bau", key="a", stage="live", date="2024-06"),
        edge("REUSES", "ags-13074001", "sol-bau", stage="planned"),  # undated
        edge("MEMBER_OF", "ags-13", "coop-nord"),
        edge("MEMBER_OF", "ags-15", "coop-nord"),
        edge("REUSES", "ags-15", "sol-other", stage="live", date="2020"),
        edge("DEVELOPS", "ags-13", "sol-other", date="2019"),
        *(extra_edges or []),
    ]
    return build(nodes, edges)
