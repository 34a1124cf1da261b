"""Exporters: the neutral graph as node-link JSON, GraphML, GEXF and neo4j-admin CSV; tables as CSV.

Every file is written atomically (:mod:`ozggraph.atomic`): an interrupted export
leaves the file that was there before. The JSON is NetworkX node-link data that
reads back as the same directed multigraph, attributes flat as in the graph
(``label`` is the schema label, ``type`` the relationship type, ``key`` its id):

>>> import json, ozggraph, networkx as nx
>>> G = ozggraph.load_graph(MINI)
>>> back = nx.node_link_graph(json.loads(dumps(G, "json")), edges="edges")
>>> back.is_directed(), back.is_multigraph(), back.number_of_edges() == G.number_of_edges()
(True, True, True)
>>> back.nodes["ags-06531005"]["label"], back.nodes["ags-06531005"]["aliases"]
('Municipality', ['Universitätsstadt Gießen'])
"""

from __future__ import annotations

import csv
import io
import json
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx
from pydantic import BaseModel

from ozggraph.atomic import open_atomic
from ozggraph.errors import OzgGraphError
from ozggraph.schema import EDGE_STRUCTURE, EDGE_TYPES, MANAGED_LABEL, NODE_TYPES

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("json", "graphml", "gexf", "csv")
LIST_SEPARATOR = "|"  # as in seed CSV files
#: Between the items of a list in neo4j-admin CSV: the ASCII unit separator, which no
#: name, alias or note holds (``;``, the importer's default, is in real aliases). Import
#: with ``--array-delimiter=U+001F`` (:data:`ADMIN_IMPORT_OPTION`).
ADMIN_ARRAY_DELIMITER = "\x1f"
ADMIN_IMPORT_OPTION = "--array-delimiter=U+001F"


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """NetworkX node-link data of ``graph`` (``edges="edges"``), nodes and edges by id.

    Read it back with ``networkx.node_link_graph(data, edges="edges")``: a directed
    multigraph whose nodes and edges carry the graph's attributes as they are.
    """
    ordered = nx.MultiDiGraph()
    ordered.graph.update(_graph_attrs(graph))
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]))
    return nx.node_link_data(ordered, edges="edges")


def _graph_attrs(graph: nx.Graph) -> dict[str, Any]:
    """The graph's own attributes a file keeps: checksum, as-of date, Land, evidence."""
    keep = ("checksum", "as_of", "land", "evidence")
    return {k: graph.graph[k] for k in keep if graph.graph.get(k) is not None}


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


def dumps(graph: nx.Graph, fmt: str) -> bytes:
    """``graph`` (typed, or a cooperation network) in ``fmt`` as bytes (UTF-8)."""
    buffer = io.BytesIO()
    dump(graph, fmt, buffer)
    return buffer.getvalue()


def dump(graph: nx.Graph, fmt: str, handle: IO[bytes]) -> None:
    """Write ``graph`` in ``fmt`` (json, graphml, gexf) to a binary ``handle``."""
    typed = graph.is_multigraph()
    if fmt == "json":
        data = node_link(graph) if typed else nx.node_link_data(graph, edges="edges")
        text = json.dumps(data, ensure_ascii=False, indent=1)
        handle.write(text.encode("utf-8"))
    elif fmt == "graphml":
        nx.write_graphml(_flat(graph) if typed else graph, handle)
    elif fmt == "gexf":
        nx.write_gexf(_flat(graph, gexf=True) if typed else graph, handle)
    else:
        raise OzgGraphError(f"{fmt} is no single-file format; use json, graphml or gexf")


def write(graph: nx.MultiDiGraph, fmt: str, path: str | Path) -> list[Path]:
    """Write ``graph`` in ``fmt`` to ``path`` (a directory for ``csv``); return files written."""
    path = Path(path)
    if fmt not in FORMATS:
        raise OzgGraphError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "csv":
        return write_admin_csv(graph, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_atomic(path, "wb") as handle:
        dump(graph, fmt, handle)
    return [path]


def network_for_export(network: nx.Graph) -> nx.Graph:
    """A body–body network (:func:`~ozggraph.analytics.cooperation_network`) as exported.

    Nodes keep ``name``, ``land`` and their schema label as ``neo4j_label``, with the
    name as ``label`` (what Gephi shows); links their ``weight`` (1/(n−1) per shared
    context); the graph its ``layers`` and ``weighting``.
    """
    flat = nx.Graph()
    flat.graph.update(_graph_attrs(network))
    for n, attrs in network.nodes(data=True):
        data = {k: ("" if v is None else _scalar(v)) for k, v in attrs.items() if k != "label"}
        flat.add_node(n, **data, neo4j_label=attrs.get("label", ""), label=attrs.get("name", n))
    flat.add_weighted_edges_from(network.edges(data="weight", default=1.0))
    if network.graph.get("layers"):  # what the links mean and weigh (ozggraph.schema.layers)
        flat.graph.update(
            layers=",".join(network.graph["layers"]), weighting=network.graph["weighting"]
        )
    return flat


def write_network(network: nx.Graph, fmt: str, path: str | Path) -> list[Path]:
    """Write a body–body network (:func:`network_for_export`) in ``fmt`` to ``path``.

    ``json`` is node-link JSON; ``graphml`` and ``gexf`` open in Gephi with the name
    as label. The neo4j-admin ``csv`` is for the typed graph.
    """
    path = Path(path)
    if fmt not in FORMATS or fmt == "csv":
        choices = ", ".join(f for f in FORMATS if f != "csv")
        raise OzgGraphError(f"the cooperation network exports as {choices}, not {fmt!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_atomic(path, "wb") as handle:
        dump(network_for_export(network), fmt, handle)
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


def _cell(value: Any, where: str = "") -> Any:
    """One CSV cell as neo4j-admin reads it back to the same value."""
    if isinstance(value, list):
        if any(ADMIN_ARRAY_DELIMITER in str(item) for item in value):
            raise OzgGraphError(
                f"{where}: a list item holds the ASCII unit separator (U+001F), which "
                "neo4j-admin CSV uses between list items; remove it from the dataset"
            )
        return ADMIN_ARRAY_DELIMITER.join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_admin_csv(graph: nx.MultiDiGraph, directory: Path) -> list[Path]:
    """One ``nodes_<Label>.csv`` and ``relationships_<TYPE>.csv`` per kind, neo4j-admin headers.

    Import with ``neo4j-admin database import full --array-delimiter=U+001F
    --nodes=nodes_*.csv --relationships=relationships_*.csv`` (lists are joined with
    :data:`ADMIN_ARRAY_DELIMITER`, so an item may hold ``;``, ``,`` or ``|``).
    """
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for label, model in NODE_TYPES.items():
        rows = [(n, a) for n, a in graph.nodes(data=True) if a["label"] == label]
        if not rows:
            continue
        fields = [f for f in model.model_fields if f != "id"]
        header = ["id:ID", *(_admin_type(model, f) for f in fields), ":LABEL"]
        labels = ADMIN_ARRAY_DELIMITER.join((label, MANAGED_LABEL))
        body = ([n, *(_cell(a.get(f), f"{n} {f}") for f in fields), labels] for n, a in rows)
        written.append(_write_csv(directory / f"nodes_{label}.csv", header, body))
    for rtype, emodel in EDGE_TYPES.items():
        rels = [e for e in graph.edges(keys=True, data=True) if e[3]["type"] == rtype]
        if not rels:
            continue
        fields = [f for f in emodel.model_fields if f not in EDGE_STRUCTURE]
        header = [":START_ID", ":END_ID", ":TYPE", "id", *(_admin_type(emodel, f) for f in fields)]
        body = (
            [u, v, rtype, k, *(_cell(a.get(f), f"{k} {f}") for f in fields)] for u, v, k, a in rels
        )
        written.append(_write_csv(directory / f"relationships_{rtype}.csv", header, body))
    return written


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    with open_atomic(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_tables(frames: Mapping[str, pd.DataFrame], directory: str | Path) -> list[Path]:
    """Write each DataFrame as ``DIRECTORY/<name>.csv`` (UTF-8; the index where it is named),
    each file replaced only when complete; return the files. The report's tables:
    ``write_tables(ozggraph.tables.report_tables(report), "tables/")``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, frame in frames.items():
        path = directory / f"{stem}.csv"
        with open_atomic(path, newline="") as handle:
            frame.to_csv(handle, index=frame.index.name is not None)
        written.append(path)
    return written
