"""Exporters of the neutral graph: node-link JSON, GraphML, GEXF and neo4j-admin CSV.

>>> import ozggraph, ozggraph.export as ex
>>> G = ozggraph.load_graph("tests/fixtures/mini")               # doctest: +SKIP
>>> ex.write(G, "json", "out/graph.json")                        # doctest: +SKIP
"""

from __future__ import annotations

import csv
import json
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel

from ozggraph.errors import OzgGraphError
from ozggraph.schema import EDGE_STRUCTURE, EDGE_TYPES, MANAGED_LABEL, NODE_TYPES

FORMATS = ("json", "graphml", "gexf", "csv")
LIST_SEPARATOR = "|"  # as in seed CSV files
ADMIN_ARRAY_DELIMITER = ";"  # neo4j-admin import's default --array-delimiter


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """``{"nodes": [{id, labels, properties}], "links": [{source, target, type, ...}]}``."""
    nodes = [
        {"id": n, "labels": [a["label"]], "properties": _without(a, "label")}
        for n, a in sorted(graph.nodes(data=True))
    ]
    links = [
        {"id": k, "source": u, "target": v, "type": a["type"], "properties": _without(a, "type")}
        for u, v, k, a in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2])
    ]
    return {"nodes": nodes, "links": links}


def _without(attrs: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k != key}


def _flat(graph: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """Copy for GraphML/GEXF: lists joined with ``|``; ``neo4j_label`` holds the label and
    ``label`` the name, which Gephi shows.

    GEXF reserves the edge attribute ``type`` (directed/undirected), so there the
    relationship type goes to ``relationship_type`` and to the edge ``label`` Gephi shows;
    ``nx.read_gexf`` reads both back.
    """
    flat = nx.MultiDiGraph()
    for n, attrs in graph.nodes(data=True):
        data = {k: _scalar(v) for k, v in attrs.items() if k != "label"}
        flat.add_node(n, neo4j_label=attrs["label"], label=attrs.get("name", n), **data)
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        data = {key: _scalar(val) for key, val in attrs.items()}
        if gexf:  # the relationship id becomes the GEXF edge id
            data["relationship_type"] = data["label"] = data.pop("type")
            data["id"] = k
        flat.add_edge(u, v, key=k, **data)
    return flat


def _scalar(value: Any) -> Any:
    return LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else value


def write(graph: nx.MultiDiGraph, fmt: str, path: str | Path) -> list[Path]:
    """Write ``graph`` in ``fmt`` to ``path`` (a directory for ``csv``); return files written."""
    path = Path(path)
    if fmt not in FORMATS:
        raise OzgGraphError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "csv":
        return write_admin_csv(graph, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        path.write_text(json.dumps(node_link(graph), ensure_ascii=False, indent=1), "utf-8")
    elif fmt == "graphml":
        nx.write_graphml(_flat(graph), path)
    else:
        nx.write_gexf(_flat(graph, gexf=True), path)
    return [path]


def write_network(network: nx.Graph, fmt: str, path: str | Path) -> list[Path]:
    """Write a body–body network (:func:`~ozggraph.analytics.cooperation_network`).

    Nodes keep ``name``, ``land`` and their schema label as ``neo4j_label``; links
    their ``weight`` (1/(n−1) per shared context); the graph its ``layers`` and
    ``weighting``. ``json`` is node-link JSON; ``graphml`` and ``gexf`` open in Gephi
    with the name as label. The neo4j-admin ``csv`` is for the typed graph.
    """
    path = Path(path)
    if fmt not in FORMATS or fmt == "csv":
        choices = ", ".join(f for f in FORMATS if f != "csv")
        raise OzgGraphError(f"the cooperation network exports as {choices}, not {fmt!r}")
    flat = nx.Graph()
    for n, attrs in network.nodes(data=True):
        data = {k: ("" if v is None else _scalar(v)) for k, v in attrs.items() if k != "label"}
        flat.add_node(n, **data, neo4j_label=attrs.get("label", ""), label=attrs.get("name", n))
    flat.add_weighted_edges_from(network.edges(data="weight", default=1.0))
    if network.graph.get("layers"):  # what the links mean and weigh (ozggraph.schema.layers)
        flat.graph.update(
            layers=",".join(network.graph["layers"]), weighting=network.graph["weighting"]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        data = nx.node_link_data(flat, edges="links")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    elif fmt == "graphml":
        nx.write_graphml(flat, path)
    else:
        nx.write_gexf(flat, path)
    return [path]


def _admin_type(model: type[BaseModel], field: str) -> str:
    """neo4j-admin header type of a schema field (``name``, ``population:long`` ...)."""
    annotation = model.model_fields[field].annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    base = args[0] if isinstance(annotation, types.UnionType) and args else annotation
    if typing.get_origin(base) is list:
        return f"{field}:string[]"
    suffix = {int: "long", float: "double", bool: "boolean"}.get(base)  # type: ignore[arg-type]
    return f"{field}:{suffix}" if suffix else field


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ADMIN_ARRAY_DELIMITER.join(map(str, value))
    return "" if value is None else value


def write_admin_csv(graph: nx.MultiDiGraph, directory: Path) -> list[Path]:
    """One ``nodes_<Label>.csv`` and ``relationships_<TYPE>.csv`` per kind, neo4j-admin headers.

    Import with ``neo4j-admin database import full --nodes=nodes_*.csv
    --relationships=relationships_*.csv``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for label, model in NODE_TYPES.items():
        rows = [(n, a) for n, a in graph.nodes(data=True) if a["label"] == label]
        if not rows:
            continue
        fields = [f for f in model.model_fields if f != "id"]
        header = ["id:ID", *(_admin_type(model, f) for f in fields), ":LABEL"]
        body = (
            [n, *(_cell(a.get(f)) for f in fields), f"{label};{MANAGED_LABEL}"] for n, a in rows
        )
        written.append(_write_csv(directory / f"nodes_{label}.csv", header, body))
    for rtype, emodel in EDGE_TYPES.items():
        rels = [e for e in graph.edges(keys=True, data=True) if e[3]["type"] == rtype]
        if not rels:
            continue
        fields = [f for f in emodel.model_fields if f not in EDGE_STRUCTURE]
        header = [":START_ID", ":END_ID", ":TYPE", "id", *(_admin_type(emodel, f) for f in fields)]
        body = ([u, v, rtype, k, *(_cell(a.get(f)) for f in fields)] for u, v, k, a in rels)
        written.append(_write_csv(directory / f"relationships_{rtype}.csv", header, body))
    return written


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
