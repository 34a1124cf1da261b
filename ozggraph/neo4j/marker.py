"""The dataset marker: which dataset a database holds, and whether a load is unfinished.

ozggraph keeps one node ``(:OzgGraphMeta {id: 'dataset'})``. A load that is
about to write sets ``loading`` (the checksum it is loading) and
``loading_since`` on it first, and only its last step sets ``checksum`` and
removes ``loading``. A load that failed or was killed therefore leaves
``loading`` behind: readers (``stats``, ``query``, ``report --backend neo4j``)
warn, and the next ``ozggraph load`` finishes the work.

>>> Marker(checksum="sha256:ab", loading=None, loading_since=None).warning is None
True
>>> Marker("sha256:ab", "sha256:cd", "2026-11-25T21:00:00Z").warning.startswith("unfinished load")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from ozggraph.schema import META_LABEL, cypher

__all__ = ["READ_MARKER", "Marker", "marker_from"]

#: Read the marker; works in a transaction, a session and ``driver.execute_query``.
READ_MARKER = cypher(
    "MATCH (m:__META__ {id: 'dataset'}) "
    "RETURN m.checksum AS checksum, m.loading AS loading, "
    "toString(m.loading_since) AS loading_since",
    meta=META_LABEL,
)
#: Set before a load writes anything.
START = cypher(
    "MERGE (m:__META__ {id: 'dataset'}) SET m.loading = $checksum, m.loading_since = datetime()",
    meta=META_LABEL,
)
#: The last step of a load: the database now holds exactly the dataset ``$checksum``.
FINISH = cypher(
    "MERGE (m:__META__ {id: 'dataset'}) "
    "SET m.loaded_at = CASE WHEN m.checksum = $checksum THEN m.loaded_at ELSE datetime() END, "
    "m.checksum = $checksum, m.ozggraph_version = $version "
    "REMOVE m.loading, m.loading_since",
    meta=META_LABEL,
)


class _Runs(Protocol):
    def run(self, query: str, /, *args: Any, **kwargs: Any) -> Any: ...


@dataclass(frozen=True)
class Marker:
    """What the meta node says: the last complete dataset, and an unfinished load if any."""

    checksum: str | None
    loading: str | None
    loading_since: str | None

    @property
    def complete(self) -> bool:
        return self.loading is None

    @property
    def warning(self) -> str | None:
        """One line for users when a load is unfinished, else ``None``."""
        if self.loading is None:
            return None
        return (
            f"unfinished load (of dataset {self.loading}, started {self.loading_since}): "
            "the database may mix two datasets; run 'ozggraph load' to finish it"
        )


def marker_from(records: list[Any]) -> Marker:
    """The marker from the records of :data:`READ_MARKER` (none: nothing loaded yet)."""
    if not records:
        return Marker(None, None, None)
    record = records[0]
    return Marker(record["checksum"], record["loading"], record["loading_since"])


def read_marker(runner: _Runs) -> Marker:
    """The marker, read with ``runner.run`` (a transaction or a session)."""
    return marker_from(list(runner.run(READ_MARKER)))
