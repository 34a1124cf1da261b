"""Write node measures into Neo4j as properties, like the write mode of Neo4j's graph algorithms.

After ``ozggraph analyze --write`` a Cypher user can sort and filter by them::

    MATCH (n:OzgGraph) WHERE n.pagerank IS NOT NULL
    RETURN n.name, n.pagerank, n.brokerage_role, n.community ORDER BY n.pagerank DESC LIMIT 10

Writing is batched (``UNWIND $rows``) and idempotent: the same analysis writes
the same values, and a body that has left the cooperation network loses its
old values. The dataset checksum ignores these properties (``read_graph``
reads schema properties only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import neo4j

from ozggraph.analytics.summary import MEASURES, Analysis

#: Node properties written; one per measure of :func:`ozggraph.analytics.summary.analyse`.
PROPERTIES: tuple[str, ...] = MEASURES
BATCH = 5000
_WRITE = "UNWIND $rows AS row MATCH (n:OzgGraph {id: row.id}) SET n += row.props"
# Property names are fixed identifiers from this module, never user input.
_STALE = (
    "MATCH (n:OzgGraph) WHERE n.pagerank IS NOT NULL AND NOT n.id IN $ids "
    "REMOVE " + ", ".join(f"n.{name}" for name in PROPERTIES) + " RETURN count(n) AS cleared"
)


@dataclass(frozen=True)
class WriteSummary:
    written: int
    cleared: int


def rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One ``{"id", "props"}`` row per body; None removes a property (e.g. constraint)."""
    return [
        {"id": node, "props": {name: values[name] for name in PROPERTIES}}
        for node, values in sorted(analysis.nodes.items())
    ]


def write_measures(driver: neo4j.Driver, analysis: Analysis, database: str) -> WriteSummary:
    """Store every node measure of ``analysis`` on its node, in one transaction."""
    data = rows(analysis)

    def work(tx: neo4j.ManagedTransaction) -> int:
        for start in range(0, len(data), BATCH):
            tx.run(_WRITE, rows=data[start : start + BATCH]).consume()
        record = tx.run(_STALE, ids=[r["id"] for r in data]).single()
        return int(record["cleared"]) if record else 0

    with driver.session(database=database) as session:
        cleared = session.execute_write(work)
    return WriteSummary(written=len(data), cleared=cleared)
