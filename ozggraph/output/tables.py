"""The dataset and its analytics as pandas DataFrames, for notebooks and spreadsheets.

pandas is a dependency because this is what analysts hold data in: a DataFrame
displays itself in Jupyter, sorts, filters, joins and writes CSV/Excel, which
the dicts keyed by id of :mod:`ozggraph.analytics` do not.

>>> import ozggraph
>>> from ozggraph import tables
>>> G = ozggraph.load_graph(MINI)
>>> tables.bodies(G)[["name", "land", "level"]].loc["ags-06531005"].tolist()
['Gießen', 'HE', 'gemeinde']
>>> from ozggraph.analytics import cooperation_network, pagerank
>>> ranked = with_names(G, pagerank(cooperation_network(G)), "pagerank")
>>> ranked.columns.tolist(), ranked["name"].iloc[0]
(['name', 'pagerank'], 'Gießen')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from ozggraph.output.rows import CLAIMS, TIE_FIELDS, name_of, tie_rows

if TYPE_CHECKING:
    from ozggraph.network.filters import Selection
    from ozggraph.output.report_data import Report

#: What :func:`ties` tells of each end: ``source_name``, ``source_label`` ...
END_COLUMNS = ("_name", "_label", "_land", "_level")
#: Columns of the report's body rows that are per-group role counts, not one value.
REPORT_ONLY = ("roles_land", "roles_level")


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
    frame.insert(0, "name", [name_of(graph, n) for n in frame.index])
    frame.index.name = "id"
    if len(frame.columns) > 1:
        frame = frame.sort_values(frame.columns[1], ascending=False, kind="stable")
    return frame


def bodies(
    graph: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    seed: int = 0,
    **options: Any,
) -> pd.DataFrame:
    """Every body of the cooperation network: name, label, Land, level and every measure.

    The rows of ``ozggraph report --format json`` (``nodes``) for the same options,
    computed by the same function (:func:`ozggraph.output.report.analysed`):
    ``selection`` or its fields as keywords (``as_of``, default ``"latest"``: ended
    facts left out; ``land``, ``evidence``, ``dated_only``, ``confirmed_since``:
    :class:`~ozggraph.network.filters.Selection`), ``layers`` (default cooperation and
    reuse) and what else the report takes. The measures are those of
    :func:`ozggraph.analytics.analyse` (``pagerank``, ``betweenness``, ``community`` ...).
    """
    from ozggraph.network.filters import Selection
    from ozggraph.output.report import analysed

    chosen, options = Selection.split(options, selection)
    _, _, rows = analysed(graph, chosen, seed=seed, **options)
    frame = pd.DataFrame.from_dict(rows, orient="index").drop(
        columns=list(REPORT_ONLY), errors="ignore"
    )
    return _indexed(frame, "id").sort_values("pagerank", ascending=False, kind="stable")


def find(
    text: str, graph: nx.MultiDiGraph | None = None, *, labels: Iterable[str] | None = None
) -> pd.DataFrame:
    """Nodes whose name, alias or id contains ``text``, best first (as ``ozggraph find``).

    Indexed by id: ``name``, ``shown`` (the name with what tells it apart), ``label``,
    ``kind``, ``land``, ``aliases``, ``matched`` (name, alias or id). ``graph``
    defaults to the shipped dataset (:func:`ozggraph.load_graph`).
    """
    from dataclasses import asdict

    from ozggraph.network.lookup import find as find_nodes

    graph = graph if graph is not None else _default_graph()
    found = find_nodes(graph, text, labels=set(labels) if labels is not None else None)
    columns = ["id", "name", "shown", "label", "kind", "land", "aliases", "matched"]
    rows = [{**asdict(m), "aliases": "|".join(m.aliases)} for m in found]
    return _indexed(pd.DataFrame(rows, columns=columns), "id")


def node_id(graph: nx.MultiDiGraph, text: str) -> str:
    """The id ``text`` names: an id, a name or alias only one node has, or the one node
    whose name or alias contains it; else an error listing the candidates."""
    from ozggraph.errors import OzgGraphError
    from ozggraph.network.lookup import find as find_nodes
    from ozggraph.network.lookup import resolve

    try:
        return resolve(graph, text)
    except OzgGraphError:
        found = [m for m in find_nodes(graph, text) if m.matched != "id" and m.label != "Source"]
        if len(found) == 1:
            return found[0].id
        shown = "; ".join(f"{m.shown} ({m.id})" for m in found[:5])
        raise OzgGraphError(
            f"{len(found)} nodes match {text!r}" + (f": {shown}; give the id" if found else "")
        ) from None


def ties(
    graph: nx.MultiDiGraph,
    types: str | Iterable[str] = CLAIMS,
    *,
    of: str | None = None,
    as_of: str | None = None,
    layers: Iterable[str] | str | None = None,
) -> pd.DataFrame:
    """Claim relationships (membership, money, making, reuse ...) with both ends and sources.

    ``types``: one relationship type or several (default: every claim); ``of``: only
    the ties of this node (an id, or a name: :func:`node_id`); ``as_of``: the state
    (default: the latest, ended ties left out). Each end comes with ``_name``,
    ``_label``, ``_land`` and ``_level`` columns (``source_land`` ...), so no join with
    :func:`bodies` is needed (and nothing drops out of one). ``role`` is the role the
    data gives, else the kind of membership (``relation``: Träger, member ...);
    ``sources`` the ``|``-joined Source ids, ``evidence`` how strongly they support it;
    ``layer`` the layer of its ties; ``layers``: only relationships whose ties lie in
    these layers (default: every claim).
    """
    from ozggraph.network.filters import in_state
    from ozggraph.network.territory import UNKNOWN, Territory

    graph = in_state(graph, as_of)
    wanted = [types] if isinstance(types, str) else list(types)
    nodes = None if of is None else [node_id(graph, of)]
    rows = tie_rows(graph, nodes, wanted)
    if layers is not None:
        from ozggraph.schema.layers import check_layers

        chosen = set(check_layers(layers))  # type: ignore[arg-type]
        rows = [r for r in rows if r["layer"] in chosen]
    territory = Territory(graph)
    for row in rows:
        if row.get("role") is None and row.get("relation") is not None:
            row["role"] = row["relation"]
        for end in ("source", "target"):
            node = row[end]
            land = territory.land(node)
            row[f"{end}_label"] = graph.nodes[node].get("label")
            row[f"{end}_land"] = None if land == UNKNOWN else land
            row[f"{end}_level"] = _level(territory, node)
    frame = pd.DataFrame(rows, columns=_columns(rows))
    frame["sources"] = frame["sources"].map("|".join)
    return _indexed(frame, "id")


def links(
    graph: nx.MultiDiGraph, *, layers: Iterable[str] | str | None = None, land: str | None = None
) -> pd.DataFrame:
    """The links of the network of ``layers`` (default: cooperation and reuse): both
    bodies with names, the ``weight`` (sum of 1/(n−1) per shared context) and the
    ``layers`` they are tied in (``|``-joined).

    >>> import ozggraph
    >>> frame = links(ozggraph.load_graph(MINI), layers="money")
    >>> frame[["source", "target", "layers"]].iloc[0].tolist(), float(frame["weight"].iloc[0])
    (['ags-06531005', 'he-hmdis', 'money'], 0.5)
    """
    from ozggraph.network.filters import in_state
    from ozggraph.network.projections import cooperation_projection, link_layers
    from ozggraph.network.ties import TieIndex

    graph = in_state(graph)
    index = TieIndex(graph)
    net = cooperation_projection(graph, ties=index, layers=layers, land=land)
    kinds = link_layers(net, index)
    rows = [
        {
            "source": u,
            "source_name": name_of(graph, u),
            "target": v,
            "target_name": name_of(graph, v),
            "weight": w,
            "layers": "|".join(kinds.get(f"{u}|{v}", [])),
        }
        for u, v, w in sorted(net.to_networkx().edges(data="weight"))
    ]
    columns = ["source", "source_name", "target", "target_name", "weight", "layers"]
    return pd.DataFrame(rows, columns=columns)


def members(
    graph: nx.MultiDiGraph,
    of: str,
    *,
    land: str | None = None,
    level: str | None = None,
    as_of: str | None = None,
) -> pd.DataFrame:
    """The members of ``of`` (a cooperation, association or IT provider: id or name).

    Indexed by member id: ``name``, ``label``, ``land``, ``level``, ``role`` (the role or
    kind of membership: Träger, member ...), ``evidence``, ``sources``; ``land`` and
    ``level`` (``gemeinde``, ``kreis`` ...) keep only those members; ``as_of`` as in
    :func:`ties` (default: the latest state). Join other tables on the index.
    """
    group = node_id(graph, of)
    frame = ties(graph, "MEMBER_OF", of=group, as_of=as_of)
    frame = frame[frame["target"] == group]
    if land is not None:
        frame = frame[frame["source_land"] == land.upper()]
    if level is not None:
        frame = frame[frame["source_level"] == level]
    frame = frame.rename(columns=lambda c: c.removeprefix("source_")).set_index("source")
    keep = ["name", "label", "land", "level", "role", "evidence", "sources"]
    frame = frame[[c for c in keep if c in frame.columns]]
    frame.index.name = "id"
    return frame


def _level(territory: Any, node: str) -> str | None:
    from ozggraph.schema.edges import BODIES

    return territory.level(node) if territory.labels.get(node) in BODIES else None


def _ends(frame: pd.DataFrame, source: str, target: str) -> pd.DataFrame:
    """``source_*``/``target_*`` columns renamed for what the ends are (funder, recipient)."""
    names = {}
    for column in frame.columns:
        for end, new in (("source", source), ("target", target)):
            if column == end or column.startswith(f"{end}_"):
                names[column] = new + column.removeprefix(end)
    return frame.rename(columns=names)


def funding(graph: nx.MultiDiGraph, *, as_of: str | None = None) -> pd.DataFrame:
    """Every grant (``FUNDS``): funder and recipient (name, label, Land, level), amount
    as given, status, date, sources."""
    frame = ties(graph, types=["FUNDS"], as_of=as_of).drop(columns="type")
    return _ends(frame, "funder", "recipient")


def reuse(graph: nx.MultiDiGraph, *, as_of: str | None = None) -> pd.DataFrame:
    """Every reuse of a solution (``REUSES``): who (name, label, Land, level), which
    solution, stage, date, sources; ``land`` is the reusing body's Land."""
    frame = _ends(
        ties(graph, types=["REUSES"], as_of=as_of).drop(columns="type"), "body", "solution"
    )
    frame.insert(2, "land", frame["body_land"])
    return frame


def _default_graph() -> nx.MultiDiGraph:
    from ozggraph.graph import load_graph

    return load_graph()


def sources(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """The Source nodes: name, publisher, date, kind, url where given."""
    rows = {n: {k: v for k, v in a.items() if k != "label"} for n, a in graph.nodes(data=True)}
    keep = {n: r for n, r in rows.items() if graph.nodes[n]["label"] == "Source"}
    return _indexed(pd.DataFrame.from_dict(keep, orient="index"), "id")


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    present = {k for r in rows for k in r}
    ends = [f"{e}{c}" for e in ("source", "target") for c in ("", *END_COLUMNS)]
    kinds = ["type", *(["layer"] if "layer" in present else [])]
    head = ["id", *kinds, *(c for c in ends if c in present or not c.endswith(END_COLUMNS[1:]))]
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
