"""The one stamp every document carries, so a figure can be cited and reproduced.

Keys: ``ozggraph_version``, ``dataset_checksum``, ``backend``, ``as_of``
(``None``: the latest state), ``land``, ``evidence`` (the evidence values kept,
``None``: all), ``undated`` (with an as-of date: undated claims counted as in force
or left out), ``confirmed_since`` (``--confirmed-since``: the year and how many ties
were left out), plus what a command adds (``rule``, ``runs`` ...).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.graph.update(checksum="sha256:abc", backend="embedded")
>>> s = stamp(G, as_of="2022", runs=10)
>>> sorted(s)[:4]
['as_of', 'backend', 'confirmed_since', 'dataset_checksum']
>>> line(s).split(" · ")[1:]
['dataset sha256:abc', 'backend embedded', 'as of 2022', 'runs 10']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

#: Keys every stamp has, in the order :func:`line` shows them.
KEYS = (
    "ozggraph_version",
    "dataset_checksum",
    "backend",
    "as_of",
    "land",
    "evidence",
    "undated",
    "confirmed_since",
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
) -> dict[str, Any]:
    """Version, dataset checksum, backend, as-of date, Land, evidence kept, undated claims
    (plus ``extra``)."""
    import ozggraph  # the package imports this module's users; import late

    return {
        "ozggraph_version": ozggraph.__version__,
        "dataset_checksum": graph.graph.get("checksum") or ozggraph.checksum(graph),
        "backend": graph.graph.get("backend", "embedded"),
        "as_of": as_of,
        "land": land,
        "evidence": evidence,
        "undated": undated,
        "confirmed_since": confirmed_since,
        **extra,
    }


def line(meta: dict[str, Any], *, short: bool = False) -> str:
    """The stamp as one line to cite (``short``: the checksum cut to 19 characters)."""
    checksum = str(meta["dataset_checksum"])
    parts = [
        f"ozggraph {meta['ozggraph_version']}",
        f"dataset {checksum[:19]}…" if short and len(checksum) > 19 else f"dataset {checksum}",
        f"backend {meta['backend']}",
        f"as of {meta['as_of'] or 'latest'}",
    ]
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
    parts += [f"{k} {v}" for k, v in meta.items() if k not in KEYS and v is not None]
    return " · ".join(parts)
