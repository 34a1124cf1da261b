"""Reading ozggraph's part of a Neo4j database back into the neutral NetworkX form.

Only schema properties are read, so values written back by analytics
(``pagerank`` ...) never change the dataset checksum.
"""

from __future__ import annotations

import neo4j
import networkx as nx

from ozggraph.graph import checksum
from ozggraph.schema import EDGE_STRUCTURE, EDGE_TYPES, NODE_TYPES

_NODES = "MATCH (n:OzgGraph) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
_EDGES = (
    "MATCH (a:OzgGraph)-[r]->(b:OzgGraph) WHERE r.id IS NOT NULL "
    "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props"
)


def read_graph(driver: neo4j.Driver, database: str) -> nx.MultiDiGraph:
    """The graph ozggraph loaded, with ``graph.graph['checksum']`` computed afresh."""
    graph = nx.MultiDiGraph()
    read = neo4j.RoutingControl.READ
    for row in driver.execute_query(_NODES, database_=database, routing_=read).records:
        label = next(lbl for lbl in row["labels"] if lbl in NODE_TYPES)
        fields = NODE_TYPES[label].model_fields
        props = {k: v for k, v in row["props"].items() if k in fields and k != "id"}
        graph.add_node(row["id"], label=label, **props)
    for row in driver.execute_query(_EDGES, database_=database, routing_=read).records:
        if row["type"] not in EDGE_TYPES:
            continue  # a relationship type ozggraph never writes
        fields = EDGE_TYPES[row["type"]].model_fields
        props = {k: v for k, v in row["props"].items() if k in fields and k not in EDGE_STRUCTURE}
        graph.add_edge(
            row["source"], row["target"], key=row["props"]["id"], type=row["type"], **props
        )
    graph.graph["checksum"] = checksum(graph)
    return graph
