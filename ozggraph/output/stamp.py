"""The one stamp every result carries, so a figure can be cited and reproduced.

A stamp is a dict (JSON writes it as it is; its keys also read as attributes):
``ozggraph_version``, ``dataset_checksum`` and ``backend`` always; an analysis of
the graph (:func:`stamp`: report, spread, exports) adds the view it read: ``as_of``
(``None``: the latest state), ``land``, ``evidence`` (the evidence values kept,
``None``: all), ``undated`` (with an as-of date: undated claims counted as in force
or left out), ``confirmed_since`` (``--confirmed-since``: the year and how many ties
were left out); a query of the database (:func:`query_stamp`) adds the query's hash,
the server, the database, the access mode and when it ran; a command adds what else
it chose (``rule``, ``runs`` ...). :func:`to_json` writes every JSON document in the
one envelope, the stamp first.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.graph.update(checksum="sha256:abc", backend="embedded")
>>> s = stamp(G, as_of="2022", runs=10)
>>> sorted(s)[:4]
['as_of', 'backend', 'confirmed_since', 'dataset_checksum']
>>> s.line().split(" · ")[1:]
['dataset sha256:abc', 'backend embedded', 'as of 2022', 'runs 10']
>>> q = query_stamp("sha256:abc", query_sha256="sha256:def", server_version="5.26.0",
...                 database="neo4j", mode="read", ran_at="2026-01-01T00:00:00+00:00")
>>> q.query_sha256, q.line().split(" · ")[2:5]
('sha256:def', ['backend neo4j', 'query sha256:def', 'Neo4j 5.26.0'])
>>> list(json.loads(to_json(q, {"rows": []})))
['stamp', 'rows']
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

#: Keys every stamp has, first.
BASE = ("ozggraph_version", "dataset_checksum", "backend")
#: Keys a stamp of an analysis has: the view of the graph it read.
VIEW = ("as_of", "land", "evidence", "undated", "confirmed_since")
#: Keys every stamp of an analysis has, in the order :func:`line` shows them.
KEYS = (*BASE, *VIEW)
#: How :func:`line` names the keys of a query's stamp (``None``: the value alone).
QUERY = {
    "query_sha256": "query",
    "server_version": "Neo4j",
    "database": "database",
    "mode": None,
    "ran_at": None,
}
#: Shown as part of the dataset (``warning``: the database holds an unfinished load).
_WITH_DATASET = ("warning",)


class Stamp(dict[str, Any]):
    """A stamp: a plain dict (as JSON writes it) whose keys also read as attributes."""

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def line(self, *, short: bool = False) -> str:
        """The stamp as one line to cite (:func:`line`)."""
        return line(self, short=short)


def base_stamp(dataset_checksum: str | None, backend: str, **keys: Any) -> Stamp:
    """Version, dataset checksum and backend, then ``keys`` in their order."""
    import ozggraph  # the package imports this module's users; import late

    return Stamp(
        ozggraph_version=ozggraph.__version__,
        dataset_checksum=dataset_checksum,
        backend=backend,
        **keys,
    )


def stamp(
    graph: nx.MultiDiGraph,
    *,
    as_of: str | None = None,
    land: str | None = None,
    evidence: list[str] | None = None,
    undated: dict[str, Any] | None = None,
    confirmed_since: dict[str, Any] | None = None,
    **extra: Any,
) -> Stamp:
    """The stamp of an analysis of ``graph``: version, dataset checksum, backend, as-of
    date, Land, evidence kept, undated claims, ties confirmed since (plus ``extra``)."""
    from ozggraph.graph import checksum

    return base_stamp(
        graph.graph.get("checksum") or checksum(graph),
        graph.graph.get("backend", "embedded"),
        as_of=as_of,
        land=land,
        evidence=evidence,
        undated=undated,
        confirmed_since=confirmed_since,
        **extra,
    )


def query_stamp(
    dataset_checksum: str | None,
    *,
    query_sha256: str,
    server_version: str,
    database: str,
    mode: str,
    ran_at: str,
    warning: str | None = None,
) -> Stamp:
    """The stamp of a query's result: which data (the checksum the database holds,
    ``None``: no ozggraph dataset), which query, which server, when; ``warning``: the
    database holds an unfinished load (:mod:`ozggraph.neo4j.marker`)."""
    return base_stamp(
        dataset_checksum,
        "neo4j",
        query_sha256=query_sha256,
        server_version=server_version,
        database=database,
        mode=mode,
        ran_at=ran_at,
        warning=warning,
    )


def to_json(stamp: dict[str, Any], content: dict[str, Any], *, indent: int | None = 2) -> str:
    """The one JSON envelope: ``{"stamp": ..., **content}`` (report sections, a query's
    rows, a spread ``result`` ...), UTF-8 text, values JSON lacks as text."""
    document = {"stamp": stamp, **content}
    return json.dumps(document, ensure_ascii=False, indent=indent, default=str) + "\n"


def line(meta: dict[str, Any], *, short: bool = False) -> str:
    """The stamp as one line to cite (``short``: the checksum cut to 19 characters)."""
    checksum = str(meta["dataset_checksum"] or "none (no ozggraph dataset loaded)")
    dataset = f"{checksum[:19]}…" if short and len(checksum) > 19 else checksum
    if meta.get("warning"):
        dataset += " (UNFINISHED LOAD)"
    parts = [
        f"ozggraph {meta['ozggraph_version']}",
        f"dataset {dataset}",
        f"backend {meta['backend']}",
    ]
    if "as_of" in meta:
        parts.append(f"as of {meta['as_of'] or 'latest'}")
    if meta.get("land"):
        parts.append(f"Land {meta['land']}")
    if meta.get("evidence"):
        parts.append(f"evidence {', '.join(meta['evidence'])}")
    if meta.get("undated"):
        u = meta["undated"]
        what = "left out" if u["left_out"] else "counted as in force"
        parts.append(
            f"{u['relationships']:,} undated claims and {u['events']:,} undated events {what}"
        )
    if meta.get("confirmed_since"):
        c = meta["confirmed_since"]
        parts.append(f"ties confirmed since {c['year']} ({c['left_out']:,} older ties left out)")
    for key, value in meta.items():
        if key in KEYS or key in _WITH_DATASET or value is None:
            continue
        name = QUERY.get(key, key)
        parts.append(str(value) if name is None else f"{name} {value}")
    return " · ".join(parts)
