"""The dataset and its analytics as pandas DataFrames, for notebooks and spreadsheets.

pandas is a dependency because this is what analysts hold data in: a DataFrame
displays itself in Jupyter, sorts, filters, joins and writes CSV/Excel, which
the dicts keyed by id of :mod:`ozggraph.analytics` do not.

>>> import ozggraph
>>> from ozggraph import tables
>>> G = ozggraph.load_graph("tests/fixtures/mini")
>>> tables.bodies(G)[["name", "land", "level"]].loc["ags-06531005"].tolist()
['Gießen', 'HE', 'gemeinde']
>>> from ozggraph.analytics import cooperation_network, pagerank
>>> ranked = with_names(G, pagerank(cooperation_network(G)), "pagerank")
>>> ranked.columns.tolist(), ranked["name"].iloc[0]
(['name', 'pagerank'], 'Gießen')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from ozggraph.atomic import open_atomic
from ozggraph.schema import EDGE_TYPES

if TYPE_CHECKING:
    from ozggraph.output.report import Report

#: Relationship properties shown as columns of :func:`ties`, in this order (when present).
TIE_FIELDS = (
    "role", "stage", "status", "amount_eur", "amount_kind", "amount_bound_eur", "programme",
    "date", "valid_from", "valid_to", "evidence", "note",
)  # fmt: skip
#: Columns of the report's body rows that are per-group role counts, not one value.
REPORT_ONLY = ("roles_land", "roles_level")
#: Relationship types that make a tie between bodies (claims: see ozggraph.schema.edges).
CLAIMS = frozenset(t for t, model in EDGE_TYPES.items() if model.claim)


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("name", node)) if node in graph else node


def with_names(
    graph: nx.MultiDiGraph, result: Mapping[str, Any], column: str = "value"
) -> pd.DataFrame:
    """An analytics result ``{node: value}`` (or ``{node: {measure: value}}``) with names.

    Indexed by node id, ``name`` first, sorted by the first value column, largest first.
    """
    frame = pd.DataFrame.from_dict(
        {k: (v if isinstance(v, Mapping) else {column: v}) for k, v in result.items()},
        orient="index",
    )
    frame.insert(0, "name", [_name(graph, n) for n in frame.index])
    frame.index.name = "id"
    if len(frame.columns) > 1:
        frame = frame.sort_values(frame.columns[1], ascending=False, kind="stable")
    return frame


def bodies(
    graph: nx.MultiDiGraph,
    *,
    as_of: str | None = None,
    land: str | None = None,
    evidence: list[str] | None = None,
    dated_only: bool = False,
    seed: int = 0,
    **options: Any,
) -> pd.DataFrame:
    """Every body of the cooperation network: name, label, Land, level and every measure.

    The rows of ``ozggraph report --format json`` (``nodes``) for the same options,
    computed by the same function (:func:`ozggraph.output.report.analysed`):
    ``as_of`` (default ``"latest"``: ended facts left out), ``land``, ``evidence``,
    ``dated_only`` and what else the report takes. The measures are those of
    :func:`ozggraph.analytics.analyse` (``pagerank``, ``betweenness``, ``community`` ...).
    """
    from ozggraph.output.report import analysed

    _, _, rows = analysed(
        graph,
        as_of=as_of,
        land=land,
        evidence=evidence,
        dated_only=dated_only,
        seed=seed,
        **options,
    )
    frame = pd.DataFrame.from_dict(rows, orient="index").drop(
        columns=list(REPORT_ONLY), errors="ignore"
    )
    return _indexed(frame, "id").sort_values("pagerank", ascending=False, kind="stable")


def tie_rows(
    graph: nx.MultiDiGraph,
    nodes: Iterable[str] | None = None,
    types: Iterable[str] = CLAIMS,
) -> list[dict[str, Any]]:
    """Relationships of ``types`` (default: every claim) touching ``nodes`` (default: all).

    One dict per relationship: ``id``, ``type``, ``source``/``target`` with names,
    the properties of :data:`TIE_FIELDS` that it has, and its ``sources`` as a list.
    """
    wanted = set(types)
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    if nodes is None:
        found = {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}
    else:
        for n in nodes:
            if n in graph:
                for u, v, k, d in graph.out_edges(n, keys=True, data=True):
                    found[(u, v, k)] = d
                for u, v, k, d in graph.in_edges(n, keys=True, data=True):
                    found[(u, v, k)] = d
    edges = [(u, v, k, d) for (u, v, k), d in found.items()]
    rows = []
    for u, v, k, d in edges:
        if d["type"] not in wanted:
            continue
        rows.append(
            {
                "id": k,
                "type": d["type"],
                "source": u,
                "source_name": _name(graph, u),
                "target": v,
                "target_name": _name(graph, v),
                **{f: d[f] for f in TIE_FIELDS if d.get(f) is not None},
                "sources": list(d.get("sources", ())),
            }
        )
    return sorted(rows, key=lambda r: r["id"])


def ties(graph: nx.MultiDiGraph, types: Iterable[str] = CLAIMS) -> pd.DataFrame:
    """Every claim relationship (membership, money, making, reuse ...) with its sources.

    ``sources`` is the ``|``-joined list of Source ids, ``evidence`` how strongly they
    support the claim where the dataset says so.
    """
    rows = tie_rows(graph, types=types)
    frame = pd.DataFrame(rows, columns=_columns(rows))
    frame["sources"] = frame["sources"].map("|".join)
    return _indexed(frame, "id")


def funding(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Every grant (``FUNDS``): funder, recipient, amount as given, status, date, sources."""
    frame = ties(graph, types=["FUNDS"]).drop(columns="type")
    return frame.rename(
        columns={
            "source": "funder",
            "source_name": "funder_name",
            "target": "recipient",
            "target_name": "recipient_name",
        }
    )


def reuse(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Every reuse of a solution (``REUSES``): who, which solution, stage, date, Land."""
    from ozggraph.network.territory import land_of

    frame = ties(graph, types=["REUSES"]).drop(columns="type")
    frame = frame.rename(
        columns={
            "source": "body",
            "source_name": "body_name",
            "target": "solution",
            "target_name": "solution_name",
        }
    )
    lands = land_of(graph)
    frame.insert(2, "land", frame["body"].map(lambda b: lands.get(b)))
    return frame


def sources(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """The Source nodes: name, publisher, date, kind, url where given."""
    rows = {n: {k: v for k, v in a.items() if k != "label"} for n, a in graph.nodes(data=True)}
    keep = {n: r for n, r in rows.items() if graph.nodes[n]["label"] == "Source"}
    return _indexed(pd.DataFrame.from_dict(keep, orient="index"), "id")


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    present = {k for r in rows for k in r}
    head = ["id", "type", "source", "source_name", "target", "target_name"]
    return [*head, *(f for f in TIE_FIELDS if f in present), "sources"]


def _indexed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    if name in frame.columns:
        frame = frame.set_index(name)
    frame.index.name = name
    return frame


# --- the cooperation report's tables, whole (the text and html show the first rows) ---


def report_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Every table of the report, uncut, by file stem (``bodies``, ``funding_by_land`` ...)."""
    money = report.funding
    weak = report.weak_points

    def totals(key: str, index: str) -> pd.DataFrame:
        frame = pd.DataFrame.from_dict(money[key], orient="index")
        frame.insert(0, "name", [report.names.get(k, k) for k in frame.index])
        frame.index.name = index
        return frame

    frames = {
        "stamp": pd.DataFrame({"key": list(report.stamp), "value": list(report.stamp.values())}),
        "bodies": _indexed(
            pd.DataFrame.from_dict(report.nodes, orient="index").drop(
                columns=list(REPORT_ONLY), errors="ignore"
            ),
            "id",
        ).sort_values("pagerank", ascending=False, kind="stable"),
        "communities": pd.DataFrame(
            [
                {
                    **{k: v for k, v in c.items() if k not in ("lands", "levels", "leading")},
                    "lands": ", ".join(f"{k} {v}" for k, v in c["lands"].items()),
                    "leading": "; ".join(c["leading"]),
                }
                for c in report.communities
            ]
        ),
        "funding_by_evidence": _indexed(
            pd.DataFrame.from_dict(money["by_evidence"], orient="index"), "evidence"
        ),
        "programme_budgets": _indexed(
            pd.DataFrame.from_dict(
                {
                    k: {
                        **{f: v for f, v in b.items() if f not in ("by_evidence", "funders")},
                        "funders": "|".join(b.get("funders", ())),
                        **{f"amount_{e}": a for e, a in b.get("by_evidence", {}).items()},
                    }
                    for k, b in money["programme_budgets"].items()
                },
                orient="index",
            ),
            "programme",
        ),
        "funding_by_funder": totals("by_funder", "funder"),
        "funding_by_recipient": totals("by_recipient", "recipient"),
        "funding_by_land": _indexed(
            pd.DataFrame.from_dict(money["by_land"], orient="index"), "land"
        ),
        "coverage_by_land": _indexed(
            pd.DataFrame.from_dict(report.coverage["lands"], orient="index"), "land"
        ),
        "white_spots": pd.DataFrame(report.coverage["white_spots"]),
        "cut_points": pd.DataFrame(weak["cut_points"]),
        "bridges": pd.DataFrame(weak["bridges"]),
        "single_operator_solutions": pd.DataFrame(weak["single_operator_solutions"]),
    }
    return frames


def write_csv(report: Report, directory: str | Path) -> list[Path]:
    """Write :func:`report_tables` as ``DIRECTORY/<table>.csv`` (UTF-8); return the files."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, frame in report_tables(report).items():
        path = directory / f"{stem}.csv"
        with open_atomic(path, newline="") as handle:
            frame.to_csv(handle, index=frame.index.name is not None)
        written.append(path)
    return written
