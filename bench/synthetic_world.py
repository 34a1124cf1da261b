"""Building blocks of the synthetic graph, and its cooperation, funding and reuse facts.

See :mod:`synthetic` (``make_graph``) for what the graph looks like and why.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ozggraph.importers.efa import STAGE_EVIDENCE
from ozggraph.schema import EDGE_TYPES

CLAIMS = frozenset(t for t, model in EDGE_TYPES.items() if model.claim)

SRC_TERRITORY = "src-synthetic-2025-01-01-territory"
SRC_COOPERATION = "src-synthetic-2025-01-01-cooperations"
SRC_FUNDING = "src-synthetic-2025-01-01-funding"
SRC_SOLUTIONS = "src-synthetic-2025-01-01-solutions"
SRC_ORGANISATIONS = "src-synthetic-2025-01-01-organisations"
STATUSES = ("fact", "promised", "planned", "agreed")  # evidence of money (fact = awarded)
STATUS_P = (0.55, 0.2, 0.15, 0.1)
STAGES = ("interest", "planned", "contract", "connected", "live")
STAGE_P = (0.1, 0.15, 0.15, 0.2, 0.4)
#: Länder that share a border (for cross-border cooperations).
_NEIGHBOURS = (
    "SH-HH SH-NI SH-MV HH-NI NI-HB NI-NW NI-HE NI-TH NI-ST NI-BB NI-MV NW-HE NW-RP HE-RP "
    "HE-BW HE-BY HE-TH RP-BW RP-SL BW-BY BY-TH BY-SN BB-BE BB-MV BB-SN BB-ST SN-ST SN-TH ST-TH"
)
BORDERS: tuple[tuple[str, str], ...] = tuple((p[:2], p[3:]) for p in _NEIGHBOURS.split())


class Rand:
    """Python's ``random`` for single draws (~10× faster than numpy's), numpy for vectors."""

    def __init__(self, seed: int) -> None:
        self.py = random.Random(seed)
        self.np = np.random.default_rng(seed)

    def integer(self, lo: int, hi: int | None = None) -> int:
        """An integer in ``[lo, hi)``, or in ``[0, lo)`` when ``hi`` is omitted."""
        return self.py.randrange(lo) if hi is None else self.py.randrange(lo, hi)

    def sample(self, items: list[str], k: int) -> list[str]:
        """``k`` distinct items, in their original order."""
        picked = sorted(self.py.sample(range(len(items)), min(k, len(items))))
        return [items[i] for i in picked]

    def picks(self, values: tuple[str, ...], p: tuple[float, ...], n: int) -> list[str]:
        return self.py.choices(values, weights=p, k=n)

    def dates(self, n: int, lo: int = 2015, hi: int = 2025) -> list[str]:
        """``n`` dates as precise as a source might give them: a year, a month or a day."""
        out = []
        for _ in range(n):
            y, p = self.py.randrange(lo, hi + 1), self.py.random()
            m, d = self.py.randrange(1, 13), self.py.randrange(1, 29)
            out.append(f"{y}" if p < 0.3 else f"{y}-{m:02d}" if p < 0.7 else f"{y}-{m:02d}-{d:02d}")
        return out


@dataclass
class Land:
    code: str
    ags: str
    districts: list[str] = field(default_factory=list)  # district ids, in AGS order
    municipalities: dict[str, list[str]] = field(default_factory=dict)  # district -> ids
    providers: list[str] = field(default_factory=list)
    region: dict[str, str] = field(default_factory=dict)  # district -> serving provider
    ministry: str = ""


class Builder:
    """Collects nodes and edges with shared source lists (memory) and unique edge ids."""

    def __init__(self) -> None:
        self.nodes: list[tuple[str, dict[str, Any]]] = []
        self.edges: list[tuple[str, str, str, dict[str, Any]]] = []
        self._sources = {
            s: [s]
            for s in (SRC_TERRITORY, SRC_COOPERATION, SRC_FUNDING, SRC_SOLUTIONS, SRC_ORGANISATIONS)
        }
        self._seen: set[str] = set()

    def node(self, node_id: str, label: str, source: str | None, **props: Any) -> str:
        attrs = {"label": label, **{k: v for k, v in props.items() if v is not None}}
        if source:
            attrs["sources"] = self._sources[source]
        self.nodes.append((node_id, attrs))
        return node_id

    def edge(
        self, type_: str, u: str, v: str, source: str, key: str | None = None, **props: Any
    ) -> None:
        rel_id = f"{type_}:{u}->{v}" + (f"#{key}" if key else "")
        if rel_id in self._seen:  # a random draw repeated a pair: one fact is enough
            return
        self._seen.add(rel_id)
        attrs = {"type": type_, **{k: v for k, v in props.items() if v is not None}}
        if type_ in CLAIMS and "evidence" not in attrs:  # every claim carries its evidence
            attrs["evidence"] = STAGE_EVIDENCE.get(attrs.get("stage", ""), "fact")
        attrs["sources"] = self._sources[source]
        self.edges.append((u, v, rel_id, attrs))


def _window(rng: Rand, items: list[str], k: int) -> list[str]:
    """``k`` neighbours: a contiguous run in AGS order (our stand-in for geography)."""
    k = min(k, len(items))
    start = rng.integer(0, len(items) - k + 1)
    return items[start : start + k]


def cooperations(b: Builder, rng: Rand, lands: list[Land], n: int) -> None:
    by_code = {land.code: land for land in lands}
    kinds = rng.py.choices(range(5), weights=(0.65, 0.2, 0.08, 0.04, 0.03), k=n)
    founded = rng.dates(n)
    for i, kind in enumerate(kinds):
        land = lands[rng.integer(len(lands))]
        district = land.districts[rng.integer(len(land.districts))]
        if kind == 0:  # interkommunale Zusammenarbeit of neighbours
            members = _window(rng, land.municipalities[district], rng.integer(2, 9))
        elif kind == 1:  # a Kreis with some of its Gemeinden
            k = rng.integer(4, 26)
            members = [district, *_window(rng, land.municipalities[district], k)]
        elif kind == 2:  # neighbouring Kreise of one Land
            members = _window(rng, land.districts, rng.integer(2, 6))
        elif kind == 3:  # across a Land border
            a, c = BORDERS[rng.integer(len(BORDERS))]
            members = [
                *_window(rng, by_code[a].districts, 2),
                *_window(rng, by_code[c].districts, 2),
            ]
        else:  # Länder working together
            members = rng.sample([f"ags-{x.ags}" for x in lands], rng.integer(2, 9))
        if len(members) < 2:
            members = [district, *land.municipalities[district][:1]]
        coop = b.node(
            f"coop-syn-{i}",
            "Cooperation",
            SRC_COOPERATION,
            name=f"Kooperation {i} (synthetic)",
            date=founded[i],
            kind=("IKZ", "Kreis", "Region", "Grenzregion", "Länder")[kind],
        )
        ended = rng.py.random() < 0.1
        valid_to = f"{max(int(founded[i][:4]), 2023) + rng.integer(0, 2)}" if ended else None
        for j, member in enumerate(members):
            b.edge(
                "MEMBER_OF",
                member,
                coop,
                SRC_COOPERATION,
                role="lead" if j == 0 else "member",
                valid_to=valid_to,
            )


def programmes(b: Builder, rng: Rand, lands: list[Land], n: int) -> None:
    for i in range(n):
        federal = rng.py.random() < 0.2
        land = lands[rng.integer(len(lands))]
        funder = "min-bund-bmi" if federal else land.ministry
        total = float(round(rng.np.lognormal(16, 1.0), -3))
        prog = b.node(
            f"prog-syn-{i}",
            "Programme",
            SRC_FUNDING,
            name=f"Programm {i} (synthetic)",
            amount_eur=total,
            amount_kind="exact",
            evidence=rng.picks(STATUSES, STATUS_P, 1)[0],
            date=rng.dates(1, 2017, 2024)[0],
        )
        b.edge(
            "FUNDS",
            funder,
            prog,
            SRC_FUNDING,
            amount_eur=total,
            amount_kind="exact",
            evidence="agreed",
            date=rng.dates(1, 2017, 2024)[0],
        )
        participants = _participants(rng, lands, land, federal, int(rng.np.poisson(80)))
        k = len(participants)
        shares = (rng.np.dirichlet(np.ones(k)) * total * 0.8).round(-2).tolist()
        joined, paid = rng.dates(k, 2017, 2024), rng.dates(k, 2018, 2025)
        statuses = rng.picks(STATUSES, STATUS_P, k)
        for j, body in enumerate(participants):
            b.edge("PARTICIPATES_IN", body, prog, SRC_FUNDING, valid_from=joined[j])
            if rng.py.random() < 0.85:  # most participants receive money, some only advice
                # some money is paid by the ministry itself under the programme
                direct = rng.py.random() < 0.2
                b.edge(
                    "FUNDS",
                    funder if direct else prog,
                    body,
                    SRC_FUNDING,
                    key=f"p{i}",
                    amount_eur=shares[j],
                    amount_kind="exact",
                    evidence=statuses[j],
                    date=paid[j],
                    programme=prog if direct else None,
                )


def _participants(rng: Rand, lands: list[Land], land: Land, federal: bool, k: int) -> list[str]:
    """Federal programmes pick Kreise and cities across Germany, Land programmes a few Kreise."""
    if federal:
        pool = [d for x in lands for d in x.districts]
        return rng.sample(pool, max(k // 4, 2))
    districts = _window(rng, land.districts, rng.integer(2, 7))
    pool = [m for d in districts for m in land.municipalities[d]]
    return [*districts, *rng.sample(pool, max(k, 2))]


def solutions(b: Builder, rng: Rand, lands: list[Land], n: int) -> None:
    states = [f"ags-{x.ags}" for x in lands]
    sizes = np.minimum(np.floor(rng.np.pareto(1.2, n) * 8 + 1), 400).astype(np.int64).tolist()
    developed = rng.dates(n, 2018, 2023)
    for i in range(n):
        land = lands[rng.integer(len(lands))]
        district = land.districts[rng.integer(len(land.districts))]
        efa = rng.py.random() < 0.15
        provider = land.region[district]
        sol = b.node(f"sol-syn-{i}", "Solution", SRC_SOLUTIONS, name=f"Lösung {i} (synthetic)")
        # an "Einer für Alle" service is built by a Land for the others
        b.edge(
            "DEVELOPS",
            f"ags-{land.ags}" if efa else provider,
            sol,
            SRC_SOLUTIONS,
            date=developed[i],
        )
        if rng.py.random() < 0.3:  # a Gemeinde co-develops
            b.edge("DEVELOPS", land.municipalities[district][0], sol, SRC_SOLUTIONS)
        federal_op = efa and rng.py.random() < 0.3
        b.edge("OPERATES", "itp-bund" if federal_op else provider, sol, SRC_SOLUTIONS)
        reusers = _reusers(rng, land, provider, states, efa, sizes[i])
        stages = rng.picks(STAGES, STAGE_P, len(reusers))
        dates = rng.dates(len(reusers), 2019, 2025)
        for j, body in enumerate(reusers):
            b.edge("REUSES", body, sol, SRC_SOLUTIONS, stage=stages[j], date=dates[j])


def _reusers(
    rng: Rand, land: Land, provider: str, states: list[str], efa: bool, k: int
) -> list[str]:
    """EfA services go to other Länder; the rest to Gemeinden the provider serves."""
    if efa:
        return rng.sample(states, k)
    served = [d for d in land.districts if land.region[d] == provider]
    near = _window(rng, served, 1 + k // 30)
    return rng.sample([m for d in near for m in land.municipalities[d]], k)
