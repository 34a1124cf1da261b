"""Reading ozggraph's part of a Neo4j database back into the neutral NetworkX form.

Only schema properties are read, so values written back by analytics
(``pagerank`` ...) never change the dataset checksum. Every relationship is
read, so duplicates show: the second copy of ``id`` ``X`` comes back as
``X#2``, which changes the counts and the checksum. The dataset marker comes
along: ``graph.graph["warnings"]`` says when a load is unfinished.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import neo4j
import networkx as nx

from ozggraph.graph import checksum
from ozggraph.neo4j import marker
from ozggraph.schema import EDGE_STRUCTURE, EDGE_TYPES, MANAGED_LABEL, NODE_TYPES, cypher

#: Every node ozggraph wrote: ``id``, ``labels``, ``props`` (the loader's diff reads it too).
NODES = cypher(
    "MATCH (n:__MANAGED__) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props",
    managed=MANAGED_LABEL,
)
_EDGES = cypher(
    "MATCH (a:__MANAGED__)-[r]->(b:__MANAGED__) WHERE r.id IS NOT NULL "
    "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props",
    managed=MANAGED_LABEL,
)


def read_graph(driver: neo4j.Driver, database: str) -> nx.MultiDiGraph:
    """The graph ozggraph loaded, with ``graph.graph['checksum']`` computed afresh."""
    graph = nx.MultiDiGraph()
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        # one read transaction: the marker and the data describe the same moment
        state, nodes, edges = session.execute_read(_read_all)
    for row in nodes:
        label = next(lbl for lbl in row["labels"] if lbl in NODE_TYPES)
        fields = NODE_TYPES[label].model_fields
        props = {k: v for k, v in row["props"].items() if k in fields and k != "id"}
        graph.add_node(row["id"], label=label, **props)
    copies: Counter[str] = Counter()
    for row in edges:
        if row["type"] not in EDGE_TYPES:
            continue  # a relationship type ozggraph never writes
        fields = EDGE_TYPES[row["type"]].model_fields
        props = {k: v for k, v in row["props"].items() if k in fields and k not in EDGE_STRUCTURE}
        key = row["props"]["id"]
        copies[key] += 1
        if copies[key] > 1:
            key = f"{key}#{copies[key]}"
        graph.add_edge(row["source"], row["target"], key=key, type=row["type"], **props)
    graph.graph["checksum"] = checksum(graph)
    graph.graph["loaded_checksum"] = state.checksum
    warnings = [state.warning] if state.warning else []
    duplicates = sum(n - 1 for n in copies.values())
    if duplicates:
        warnings.append(
            f"{duplicates:,} relationships are stored twice (shown as ID#2 ...): "
            "run 'ozggraph load' to repair"
        )
    graph.graph["warnings"] = warnings
    return graph


def _read_all(tx: neo4j.ManagedTransaction) -> tuple[marker.Marker, list[Any], list[Any]]:
    state = marker.read_marker(tx)
    return state, list(tx.run(NODES)), list(tx.run(_EDGES))
