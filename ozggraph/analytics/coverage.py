"""Coverage: how much of each Land has a recorded tie, and which layers the data holds there.

A body *has a recorded tie* when it is the source of ``MEMBER_OF`` (to a Cooperation,
or a current one to an IT provider), ``SERVED_BY``, ``PARTICIPATES_IN``,
``DEVELOPS``, ``OPERATES``, ``PROVIDES`` or ``REUSES``, or receives ``FUNDS``;
through a Cooperation it belongs to, it takes part in what that Cooperation does.
The dataset is not complete: a Gemeinde or Kreis without a recorded tie is a gap
in the data as much as in cooperation, so it is called exactly that (``no recorded
tie``), never a place where nobody takes part. ``layers`` says, per Land, how many
bodies of the Land have a tie in each layer of the network model (cooperation,
reuse, money, service, programme; see :data:`~ozggraph.schema.layers.LAYERS`), so a
reader sees which layers exist there.

Per Land, a Gemeinde counts as **direct** when it takes part itself, and as
**via Kreis** when it does not but its Kreis or Gemeindeverband (a ``PART_OF``
parent below the Land) does: a Kreis's online services often reach its
Gemeinden, but that is an inference the dataset does not state, so the two
columns are never added up. **White spots** are Kreise where neither the Kreis
nor any of its Gemeinden has a recorded tie (``status``: no recorded tie).

**Reported counts** are members an IT provider reports without naming them ("98 %
of the c. 1,100 BW Kommunen are members of 4IT", ``ITProvider.reported_members``).
They cannot be expanded into ties, so they are never counted as ties: each Land's
row lists them apart (``reported``: provider, count, whether the count is a lower
bound or rounded, and the wording), beside the recorded ties. Providers that have
ended (a merger) report nothing current.

>>> import ozggraph
>>> G = ozggraph.load_graph(MINI)
>>> row = coverage(G)["lands"]["HE"]
>>> row["municipalities"], row["direct"], row["direct_population_share"]
(2, 2, 1.0)
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import networkx as nx

from ozggraph.network.filters import in_state
from ozggraph.network.territory import Territory, kreis_of
from ozggraph.network.ties import TieIndex
from ozggraph.schema.layers import LAYERS

#: What a Kreis without any tie in the data is called: the data may simply lack it.
NO_RECORDED_TIE = "no recorded tie"


_SHARE_OF = re.compile(r"(\d+(?:[.,]\d+)?)\s*%\s+of\s+(?:the\s+)?(?:c\.\s*)?(\d[\d,.]*)")
_COUNT = re.compile(r"^(?:(over|more than|c\.|about|approx\.)\s+)?(\d[\d,.]*)\b")


def reported_count(text: str) -> dict[str, Any] | None:
    """The count of unnamed members in one ``reported_members`` entry, or None.

    >>> reported_count("98 % of the c. 1,100 BW Kommunen (aggregate): member (2018-07, src)")
    {'count': 1078, 'kind': 'approximate', 'wording': '98 % of the c. 1,100 BW Kommunen'}
    >>> reported_count("over 300 kreisangehörige Städte (aggregate): member (2012, src)")["kind"]
    'at_least'
    """
    wording = re.sub(r"\s*\(aggregate[^)]*\)", "", text.split(": ", 1)[0]).strip()
    if share := _SHARE_OF.search(wording):
        of = float(share[2].replace(",", ""))
        count = round(float(share[1].replace(",", ".")) / 100 * of)
        return {"count": count, "kind": "approximate", "wording": wording}
    if match := _COUNT.match(wording):
        qualifier = match[1] or ""
        kind = {"over": "at_least", "more than": "at_least"}.get(qualifier, "exact")
        kind = "approximate" if qualifier in ("c.", "about", "approx.") else kind
        count = int(match[2].replace(",", "").replace(".", ""))
        return {"count": count, "kind": kind, "wording": wording}
    return None


def reported(graph: nx.MultiDiGraph, lands: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Per Land, the member counts current IT providers report without names."""
    out: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") != "ITProvider":
            continue
        for text in attrs.get("reported_members") or ():
            if (found := reported_count(text)) is not None:
                out[lands.get(node, attrs.get("land") or "?")].append({"provider": node, **found})
    return {land: sorted(rows, key=lambda r: r["provider"]) for land, rows in out.items()}


def taking_part(graph: nx.MultiDiGraph, *, ties: TieIndex | None = None) -> set[str]:
    """Bodies that take part in any cooperation, programme, solution or funding."""
    return (TieIndex(in_state(graph)) if ties is None else ties).taking_part()


def coverage(
    graph: nx.MultiDiGraph,
    *,
    ties: TieIndex | None = None,
    lands: dict[str, str] | None = None,
    territory: Territory | None = None,
) -> dict[str, Any]:
    """Per Land: Gemeinden and inhabitants taking part directly or via their Kreis; white spots.

    ``ties``, ``lands`` and ``territory`` may be passed when already computed (the
    territory of the whole graph when ``graph`` is a filtered view).
    """
    ties = TieIndex(in_state(graph)) if ties is None else ties
    active = ties.taking_part()
    terr = territory or ties.territory
    lands = terr.body_lands if lands is None else lands
    kreis = kreis_of(graph, terr)
    rows: defaultdict[str, dict[str, Any]] = defaultdict(_empty_row)
    kreis_active: defaultdict[str, bool] = defaultdict(bool)
    kreis_population: defaultdict[str, int] = defaultdict(int)
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label == "District":
            kreis_active[node] |= node in active
        if label != "Municipality":
            continue
        row = rows[lands.get(node, "?")]
        population = int(attrs.get("population") or 0)
        row["municipalities"] += 1
        row["population"] += population
        row["population_missing"] += 0 if attrs.get("population") else 1
        if node in active:
            row["direct"] += 1
            row["direct_population"] += population
        elif any(p in active for p in terr.local_parents(node)):
            row["via_kreis"] += 1
            row["via_kreis_population"] += population
        if node in kreis:
            kreis_active[kreis[node]] |= node in active
            kreis_population[kreis[node]] += population
    layer_counts: defaultdict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LAYERS, 0))
    for body, body_layers in ties.layers_of().items():
        for layer in body_layers:
            layer_counts[lands.get(body, "?")][layer] += 1
    counts = reported(graph, lands)
    for code in list(rows):
        _shares(rows[code])
        rows[code]["layers"] = layer_counts.get(code, dict.fromkeys(LAYERS, 0))
        rows[code]["reported"] = counts.get(code, [])
    return {
        "lands": dict(sorted(rows.items())),
        "layers": list(LAYERS),
        "germany": _shares(_total(rows.values())),
        "white_spots": _white_spots(graph, lands, kreis_active, kreis_population),
    }


def _empty_row() -> dict[str, Any]:
    keys = (
        "municipalities",
        "population",
        "population_missing",
        "direct",
        "direct_population",
        "via_kreis",
        "via_kreis_population",
    )
    return dict.fromkeys(keys, 0)


def _total(rows: Any) -> dict[str, Any]:
    total = _empty_row()
    for row in rows:
        for key in total:
            total[key] += row[key]
    return total


def _shares(row: dict[str, Any]) -> dict[str, Any]:
    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    row["direct_share"] = ratio(row["direct"], row["municipalities"])
    row["direct_population_share"] = ratio(row["direct_population"], row["population"])
    row["via_kreis_share"] = ratio(row["via_kreis"], row["municipalities"])
    row["via_kreis_population_share"] = ratio(row["via_kreis_population"], row["population"])
    return row


def _white_spots(
    graph: nx.MultiDiGraph,
    lands: dict[str, str],
    kreis_active: dict[str, bool],
    population: dict[str, int],
) -> list[dict[str, Any]]:
    """Kreise with no recorded tie; population summed over their Gemeinden."""
    spots = [
        {
            "kreis": k,
            "name": graph.nodes[k].get("name", k),
            "kind": graph.nodes[k].get("kind"),
            "land": lands.get(k, "?"),
            "population": population.get(k, 0),
            "status": NO_RECORDED_TIE,
        }
        for k, is_active in kreis_active.items()
        if not is_active
    ]
    return sorted(spots, key=lambda s: (s["land"], s["kreis"]))
