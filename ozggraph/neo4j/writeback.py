"""Write node measures into Neo4j as properties, like the write mode of Neo4j's graph algorithms.

After ``ozggraph analyze --write`` a Cypher user can sort and filter by them::

    MATCH (n:OzgGraph) WHERE n.pagerank IS NOT NULL
    RETURN n.name, n.pagerank, n.brokerage_role, n.community ORDER BY n.pagerank DESC LIMIT 10

Writing is batched (``UNWIND $rows``) and idempotent: the same analysis writes
the same values, and a body that has left the cooperation network loses its
old values. The dataset checksum ignores these properties (``read_graph``
reads schema properties only).

This module knows no analysis: the caller (``ozggraph analyze --write``) passes the
values per node and the names of the measures, so Neo4j sits below the analytics.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import neo4j

from ozggraph.schema import MANAGED_LABEL, cypher

BATCH = 5000
_WRITE = cypher(
    "UNWIND $rows AS row MATCH (n:__MANAGED__ {id: row.id}) SET n += row.props",
    managed=MANAGED_LABEL,
)
#: Nodes that carry measures from an earlier write but are not written now lose them: the
#: measure names travel as parameters (a map of nulls removes them), never in the text.
_STALE = cypher(
    "MATCH (n:__MANAGED__) WHERE n[$marker] IS NOT NULL AND NOT n.id IN $ids "
    "SET n += $nulls RETURN count(n) AS cleared",
    managed=MANAGED_LABEL,
)


@dataclass(frozen=True)
class WriteSummary:
    written: int
    cleared: int


def rows(
    measures: Mapping[str, Mapping[str, Any]], properties: Sequence[str]
) -> list[dict[str, Any]]:
    """One ``{"id", "props"}`` row per body; None removes a property (e.g. constraint)."""
    return [
        {"id": node, "props": {name: values[name] for name in properties}}
        for node, values in sorted(measures.items())
    ]


def write_measures(
    driver: neo4j.Driver,
    measures: Mapping[str, Mapping[str, Any]],
    database: str,
    *,
    properties: Sequence[str],
) -> WriteSummary:
    """Store ``measures`` (node id -> {property: value}) on the nodes, in one transaction.

    ``properties`` names the measures (e.g. :data:`ozggraph.analytics.summary.MEASURES`);
    nodes that carry them from an earlier write but are not in ``measures`` lose them.
    """
    if not properties:
        raise ValueError("not measure names: none given")
    data = rows(measures, properties)
    nulls = dict.fromkeys(properties)

    def work(tx: neo4j.ManagedTransaction) -> int:
        for start in range(0, len(data), BATCH):
            tx.run(_WRITE, rows=data[start : start + BATCH]).consume()
        ids = [r["id"] for r in data]
        record = tx.run(_STALE, marker=properties[0], ids=ids, nulls=nulls).single()
        return int(record["cleared"]) if record else 0

    with driver.session(database=database) as session:
        cleared = session.execute_write(work)
    return WriteSummary(written=len(data), cleared=cleared)
