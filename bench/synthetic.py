"""A synthetic Germany-shaped graph for benchmarks (never for seed/: every fact here is made up).

The shape follows Germany: the Federation ``de``, 16 Länder with their real codes
and AGS prefixes, the 19 Regierungsbezirke that exist as authorities (NW 5, HE 3,
BW 4, BY 7), 400 Kreise and ~10,800 Gemeinden distributed as in reality per Land,
with AGS-like ids (``ags-06531005``), populations and areas summing to rounded
Land totals. Names say "synthetic" so nobody mistakes them for data.

On top, ``scale`` × ~30,000 cooperation, funding and reuse relationships, local
like the real ones (neighbours cooperate, providers serve regions):
Cooperations (MEMBER_OF), Programmes (FUNDS with mixed statuses, amounts and
dates; PARTICIPATES_IN) and Solutions (DEVELOPS, OPERATES, REUSES with stages).

>>> G = make_graph(scale=0.05, seed=1)
>>> G.nodes["ags-06"]["code"], G.nodes["de"]["label"]
('HE', 'Federation')

Run ``python bench/synthetic.py --scale 30 --stats`` to see the counts.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter

import networkx as nx
import numpy as np
from synthetic_world import (
    SRC_COOPERATION,
    SRC_FUNDING,
    SRC_ORGANISATIONS,
    SRC_SOLUTIONS,
    SRC_TERRITORY,
    Builder,
    Land,
    Rand,
    cooperations,
    programmes,
    solutions,
)

# code, AGS, name, population, area km², Kreise, Gemeinden, Regierungsbezirke (rounded real figures)
LANDS: tuple[tuple[str, str, str, int, float, int, int, int], ...] = (
    ("SH", "01", "Schleswig-Holstein", 2_953_000, 15_804, 15, 1104, 0),
    ("HH", "02", "Hamburg", 1_892_000, 755, 1, 1, 0),
    ("NI", "03", "Niedersachsen", 8_140_000, 47_710, 45, 941, 0),
    ("HB", "04", "Bremen", 684_000, 419, 2, 2, 0),
    ("NW", "05", "Nordrhein-Westfalen", 18_140_000, 34_112, 53, 396, 5),
    ("HE", "06", "Hessen", 6_391_000, 21_116, 26, 421, 3),
    ("RP", "07", "Rheinland-Pfalz", 4_159_000, 19_858, 36, 2301, 0),
    ("BW", "08", "Baden-Württemberg", 11_281_000, 35_748, 44, 1101, 4),
    ("BY", "09", "Bayern", 13_369_000, 70_542, 96, 2056, 7),
    ("SL", "10", "Saarland", 993_000, 2_571, 6, 52, 0),
    ("BE", "11", "Berlin", 3_755_000, 891, 1, 1, 0),
    ("BB", "12", "Brandenburg", 2_573_000, 29_654, 18, 413, 0),
    ("MV", "13", "Mecklenburg-Vorpommern", 1_628_000, 23_295, 8, 726, 0),
    ("SN", "14", "Sachsen", 4_086_000, 18_450, 13, 418, 0),
    ("ST", "15", "Sachsen-Anhalt", 2_187_000, 20_459, 14, 218, 0),
    ("TH", "16", "Thüringen", 2_127_000, 16_202, 22, 605, 0),
)
# Per unit of scale: contexts and the mean number of relationships each brings.
N_COOPERATIONS = 2800
N_PROGRAMMES = 100
N_SOLUTIONS = 550


def make_graph(scale: float = 1, seed: int = 0) -> nx.MultiDiGraph:
    """The synthetic graph in the project's layout; the same ``seed`` gives the same graph."""
    rng = Rand(seed)
    b = Builder()
    gc.disable()  # millions of small dicts: the cyclic GC would rescan them again and again
    try:
        _sources(b)
        lands = _territory(b, rng)
        _organisations(b, lands)
        cooperations(b, rng, lands, round(N_COOPERATIONS * scale))
        programmes(b, rng, lands, max(1, round(N_PROGRAMMES * scale)))
        solutions(b, rng, lands, max(1, round(N_SOLUTIONS * scale)))
        graph = _assemble(b)
    finally:
        gc.enable()
    graph.graph.update(backend="embedded", synthetic={"scale": scale, "seed": seed})
    return graph


def _assemble(b: Builder) -> nx.MultiDiGraph:
    """The MultiDiGraph, filled through its adjacency dicts.

    ``add_edges_from`` costs ~30 µs per multi-edge (views and key checks); writing
    the dicts it would write costs ~2 µs, which is what keeps scale 30 in seconds.
    Edge ids are unique (see :meth:`Builder.edge`), so no key can collide.
    """
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(b.nodes)
    succ, pred = graph._succ, graph._pred
    for u, v, key, attrs in b.edges:
        succ[u].setdefault(v, {})[key] = attrs
        pred[v].setdefault(u, {})[key] = attrs
    return graph


def _sources(b: Builder) -> None:
    for src, what in (
        (SRC_TERRITORY, "territory"),
        (SRC_COOPERATION, "cooperations"),
        (SRC_FUNDING, "funding"),
        (SRC_SOLUTIONS, "solutions"),
        (SRC_ORGANISATIONS, "organisations"),
    ):
        b.node(
            src,
            "Source",
            None,
            name=f"Synthetic {what} (benchmark data, not facts)",
            publisher="ozggraph bench",
            date="2025-01-01",
            kind="synthetic",
        )


def _split(total: int | float, weights: np.ndarray) -> np.ndarray:
    """``total`` split in proportion to ``weights`` (integers summing exactly when int)."""
    share = weights / weights.sum() * total
    if isinstance(total, float):
        return np.round(share, 2)
    whole = np.floor(share).astype(np.int64)
    rest = np.argsort(whole - share)[: total - int(whole.sum())]
    whole[rest] += 1
    return whole


def _territory(b: Builder, rng: Rand) -> list[Land]:
    b.node(
        "de",
        "Federation",
        SRC_TERRITORY,
        name="Bundesrepublik Deutschland (synthetic)",
        population=sum(x[3] for x in LANDS),
        area_km2=float(sum(x[4] for x in LANDS)),
    )
    lands = []
    for code, ags, name, pop, area, n_dist, n_mun, n_rb in LANDS:
        land = Land(code, ags)
        b.node(
            f"ags-{ags}",
            "State",
            SRC_TERRITORY,
            name=f"{name} (synthetic)",
            ags=ags,
            code=code,
            population=pop,
            area_km2=float(area),
        )
        b.edge("PART_OF", f"ags-{ags}", "de", SRC_TERRITORY)
        _districts(b, rng, land, name, pop, area, n_dist, n_mun, n_rb)
        lands.append(land)
    return lands


def _districts(
    b: Builder,
    rng: Rand,
    land: Land,
    name: str,
    pop: int,
    area: float,
    n_dist: int,
    n_mun: int,
    n_rb: int,
) -> None:
    cities = 0 if n_dist == n_mun else max(1, n_dist // 4)  # kreisfreie Städte first
    sizes = np.ones(n_dist, dtype=np.int64)
    if n_dist > cities:
        rest = n_mun - cities - (n_dist - cities)
        sizes[cities:] += _split(rest, rng.np.lognormal(0, 0.6, n_dist - cities))
    weights = rng.np.lognormal(0, 1.1, n_mun)
    weights[np.cumsum(sizes)[:cities] - 1] *= 25  # cities are big
    mun_pop = _split(pop, weights)
    mun_area = np.maximum(_split(float(area), rng.np.lognormal(0, 0.6, n_mun)), 0.5)
    rb_of = np.minimum(np.arange(n_dist) * max(n_rb, 1) // n_dist, max(n_rb, 1) - 1)
    for rb in range(1, n_rb + 1):
        rb_ags = f"{land.ags}{rb}"
        b.node(
            f"ags-{rb_ags}",
            "AdministrativeDistrict",
            SRC_TERRITORY,
            name=f"Regierungsbezirk {rb_ags} (synthetic)",
            ags=rb_ags,
        )
        b.edge("PART_OF", f"ags-{rb_ags}", f"ags-{land.ags}", SRC_TERRITORY)
    serial: Counter[int] = Counter()
    start = 0
    for d in range(n_dist):
        rb = int(rb_of[d]) + 1 if n_rb else 0
        serial[rb] += 1
        d_ags = f"{land.ags}{rb}{serial[rb]:02d}"
        d_id = f"ags-{d_ags}"
        size = int(sizes[d])
        span = slice(start, start + size)
        city = d < cities or n_dist == n_mun
        b.node(
            d_id,
            "District",
            SRC_TERRITORY,
            name=f"{name} Kreis {d_ags} (synthetic)",
            ags=d_ags,
            kind="Kreisfreie Stadt" if city else "Landkreis",
            population=int(mun_pop[span].sum()),
            area_km2=round(float(mun_area[span].sum()), 2),
        )
        b.edge("PART_OF", d_id, f"ags-{land.ags}{rb}" if n_rb else f"ags-{land.ags}", SRC_TERRITORY)
        land.districts.append(d_id)
        land.municipalities[d_id] = []
        for i in range(size):
            m_ags = f"{d_ags}000" if city else f"{d_ags}{i + 1:03d}"
            m_id = b.node(
                f"ags-{m_ags}",
                "Municipality",
                SRC_TERRITORY,
                name=f"Gemeinde {m_ags} (synthetic)",
                ags=m_ags,
                population=int(mun_pop[start + i]),
                area_km2=float(mun_area[start + i]),
            )
            b.edge("PART_OF", m_id, d_id, SRC_TERRITORY)
            land.municipalities[d_id].append(m_id)
        start += size


def _organisations(b: Builder, lands: list[Land]) -> None:
    """Ministries, IT providers serving blocks of Kreise, associations of Kreise and cities."""
    b.node("min-bund-bmi", "Ministry", SRC_ORGANISATIONS, name="Bundesministerium (synthetic)")
    b.edge("PART_OF", "min-bund-bmi", "de", SRC_ORGANISATIONS)
    b.node("itp-bund", "ITProvider", SRC_ORGANISATIONS, name="Bundes-IT-Dienstleister (synthetic)")
    b.edge("PART_OF", "itp-bund", "de", SRC_ORGANISATIONS)
    for land in lands:
        lc, state = land.code.lower(), f"ags-{land.ags}"
        land.ministry = b.node(
            f"min-{lc}-digital",
            "Ministry",
            SRC_ORGANISATIONS,
            name=f"Digitalministerium {land.code} (synthetic)",
        )
        b.edge("PART_OF", land.ministry, state, SRC_ORGANISATIONS)
        n_prov = 1 + len(land.districts) // 20
        for i in range(n_prov):
            prov = b.node(
                f"itp-{lc}-{i + 1}",
                "ITProvider",
                SRC_ORGANISATIONS,
                name=f"IT-Dienstleister {land.code} {i + 1} (synthetic)",
            )
            b.edge("PART_OF", prov, state, SRC_ORGANISATIONS)
            land.providers.append(prov)
        for j, d in enumerate(land.districts):
            land.region[d] = land.providers[j * n_prov // len(land.districts)]
        assocs = {"landkreistag": "Landkreistag", "staedtetag": "Städtetag"}
        for slug, kind in assocs.items():
            assoc = b.node(
                f"assoc-{lc}-{slug}",
                "Association",
                SRC_ORGANISATIONS,
                name=f"{kind} {land.code} (synthetic)",
                level="state",
            )
            b.edge("PART_OF", assoc, state, SRC_ORGANISATIONS)
        for d in land.districts:
            city = len(land.municipalities[d]) == 1
            b.edge(
                "MEMBER_OF",
                d,
                f"assoc-{lc}-{'staedtetag' if city else 'landkreistag'}",
                SRC_ORGANISATIONS,
                role="member",
            )


def stats(graph: nx.MultiDiGraph) -> dict[str, Counter[str]]:
    """Nodes by label and relationships by type."""
    labels = Counter(label for _, label in graph.nodes(data="label"))
    types = Counter(t for _, _, t in graph.edges(data="type"))
    return {"labels": labels, "types": types}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stats", action="store_true", help="print counts by label and type")
    args = parser.parse_args()
    start = time.perf_counter()
    graph = make_graph(args.scale, args.seed)
    took = time.perf_counter() - start
    print(
        f"scale {args.scale}: {graph.number_of_nodes():,} nodes, "
        f"{graph.number_of_edges():,} relationships in {took:.1f} s"
    )
    if args.stats:
        counts = stats(graph)
        for kind in ("labels", "types"):
            for name, count in sorted(counts[kind].items()):
                print(f"  {name:24} {count:>10,}")
        part_of = counts["types"]["PART_OF"]
        print(f"  {'cooperation/funding/reuse':24} {graph.number_of_edges() - part_of:>10,}")


if __name__ == "__main__":
    main()
