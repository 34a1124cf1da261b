"""Turning spread results into documents and JSON, stamped so a figure can be cited."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from ozggraph.network.names import shown_name
from ozggraph.network.territory import Territory
from ozggraph.output.document import Block, Document, render
from ozggraph.output.plots import adoption_chart, network_chart
from ozggraph.output.stamp import line as stamp_line
from ozggraph.output.stamp import stamp
from ozggraph.output.stamp import to_json as envelope
from ozggraph.schema import dates
from ozggraph.schema.types import REUSE_STAGES
from ozggraph.spread.calibrate import Calibration
from ozggraph.spread.observed import Adopter, Spread, observe, solutions
from ozggraph.spread.seeds import Selection
from ozggraph.spread.simulate import Estimate, Simulation


def to_json(result: Any, meta: dict[str, object]) -> str:
    """Results as JSON: ``{"stamp": ..., "result": ...}``, in the one envelope of every
    JSON document (:func:`ozggraph.output.stamp.to_json`)."""
    body = (
        [dataclasses.asdict(r) for r in result]
        if isinstance(result, list)
        else dataclasses.asdict(result)
    )
    return envelope(meta, {"result": body})


def render_result(
    graph: nx.MultiDiGraph,
    result: Any,
    document: Callable[[dict[str, object]], Document],
    fmt: str,
    note: str | None = None,
    **meta: Any,
) -> str:
    """``result`` of a run on ``graph`` in ``fmt``, stamped with ``meta``: JSON in the one
    envelope, else the document ``document`` lays out; ``note`` (where a default comes
    from) goes into the stamp, or under the heading, the stamp and the run line."""
    stamped = stamp(graph, **meta)
    if fmt == "json":
        return to_json(result, {**stamped, "note": note} if note else stamped)
    doc = document(stamped)
    if note:
        doc.blocks.insert(min(3, len(doc.blocks)), Block("line", note))
    return render(doc, fmt)


def name(graph: nx.MultiDiGraph, node: str) -> str:
    """The name, with what tells it apart where it is shared (:mod:`ozggraph.network.names`)."""
    return shown_name(graph, node) if node in graph else node


def short(graph: nx.MultiDiGraph, node: str) -> str:
    """Land code for a State, else the name."""
    attrs = graph.nodes[node] if node in graph else {}
    return str(attrs.get("code") or attrs.get("name", node))


def _people(n: int | None) -> str:
    return "unknown" if n is None else f"{n:,}"


def _days(n: int | None) -> str:
    return "" if n is None else f"{n:,} d"


def _path(graph: nx.MultiDiGraph, a: Adopter) -> str:
    if not a.via:
        return ""
    parts = [name(graph, a.via[0])]
    for body, through in zip(a.via[1:], a.through, strict=True):
        parts.append(
            f"–[{', '.join(name(graph, t) if t in graph else t for t in through)}]→ "
            f"{name(graph, body)}"
        )
    return " ".join(parts)


def spread_document(graph: nx.MultiDiGraph, s: Spread, meta: dict[str, object]) -> Document:
    doc = Document()
    doc.heading(f"{s.name} ({s.id}) as of {s.as_of or 'the latest fact'}")
    doc.line(stamp_line(meta))
    doc.table(
        "Who built and runs it",
        ["role", "body", "Land", "since"],
        [[r.role, r.name, ", ".join(r.lands), r.since or ""] for r in s.roles],
    )
    if s.reported_adopters:
        doc.line(
            "Reported only as aggregates (never expanded to bodies): "
            + "; ".join(s.reported_adopters)
        )
    doc.table(
        "Reach: each body, resident and Land counted once, at its furthest stage",
        ["stage", "bodies", "population", "Länder"],
        [
            [
                r.stage,
                str(r.bodies),
                f"{r.population:,}" + (" + unknown" if r.population_unknown else ""),
                ", ".join(r.lands),
            ]
            for r in s.reach
        ],
    )
    doc.table(
        f"Adopters (time to adopt counted from {s.start or 'no known start date'})",
        [
            "body",
            "level",
            "Land",
            "stage",
            "since",
            "first fact",
            "to first fact",
            "to live",
            "population",
            "path (earlier holder → adopter)",
        ],
        [
            [
                a.name,
                a.label,
                ", ".join(a.lands) or ("DE" if a.nationwide else ""),
                a.stage,
                a.since or "undated",
                a.first or "",
                _days(a.days_to_first),
                _days(a.days_to_live),
                _people(a.population),
                _path(graph, a),
            ]
            for a in s.adopters
        ],
    )
    doc.table(
        "Adoption curve: bodies per stage (Länder at their furthest stage)",
        ["date", *REUSE_STAGES, "Länder live", "Länder planned"],
        [
            [
                p.date,
                *(str(p.bodies[st]) for st in REUSE_STAGES),
                ", ".join(p.lands["live"]),
                ", ".join(p.lands["planned"]),
            ]
            for p in s.curve
        ],
    )
    if s.undated:
        doc.table(
            "Undated facts (not placed in time, not in the view at this date)",
            ["body", "stage", "relationship"],
            [[name(graph, f.body), f.stage, f.id] for f in s.undated],
        )
    return doc


def overview_document(
    graph: nx.MultiDiGraph, spreads: Sequence[Spread], meta: dict[str, object]
) -> Document:
    doc = Document()
    doc.heading("Reuse of solutions: observed spread")
    doc.line(stamp_line(meta))
    rows = []
    for s in spreads:
        by = {r.stage: r for r in s.reach}
        rows.append(
            [
                s.name,
                ", ".join(short(graph, r.id) for r in s.roles if r.role == "developer"),
                *(
                    f"{by[st].bodies} ({', '.join(by[st].lands)})" if by[st].bodies else "0"
                    for st in reversed(REUSE_STAGES)
                ),
                f"{by['live'].population:,}",
                str(len(s.reported_adopters)),
            ]
        )
    doc.table(
        "Bodies per stage (Länder in brackets); planned and live never summed",
        ["solution", "developed by", *reversed(REUSE_STAGES), "population live", "aggregates"],
        rows,
    )
    return doc


def _est(e: Estimate, fmt: str = "{:,.1f}") -> list[str]:
    return [
        fmt.format(e.mean),
        f"{fmt.format(e.low)} – {fmt.format(e.high)}",
        f"{fmt.format(e.p05)} – {fmt.format(e.p95)}",
    ]


def simulation_document(
    graph: nx.MultiDiGraph, sim: Simulation, meta: dict[str, object]
) -> Document:
    doc = Document()
    model = "Independent Cascade" if sim.model == "ic" else "Linear Threshold"
    doc.heading(f"{model} from {', '.join(name(graph, s) for s in sim.seeds)}")
    doc.line(stamp_line(meta))
    doc.line(
        f"{sim.runs:,} runs, seed {sim.seed}"
        + (f", p = {sim.p:g} per tie" if sim.p is not None else "")
        + "; adopters include the seeds."
    )
    heads = ["", "mean", "95 % CI of the mean", "5–95 % of runs"]
    doc.table(
        "Expected reach",
        heads,
        [["adopters", *_est(sim.adopters)], ["population", *_est(sim.population, "{:,.0f}")]],
    )
    doc.table(
        "Per Land",
        ["Land", "adopters (mean)", "95 % CI", "population (mean)", "share of runs reached"],
        [
            [
                r.land,
                f"{r.adopters.mean:,.2f}",
                f"{r.adopters.low:,.2f} – {r.adopters.high:,.2f}",
                f"{r.population.mean:,.0f}",
                f"{r.reached:.0%}",
            ]
            for r in sim.lands
        ],
    )
    doc.table(
        "Most likely adopters",
        ["body", "share of runs"],
        [[name(graph, b), f"{share:.1%}"] for b, share in sim.likely],
    )
    return doc


def selection_document(graph: nx.MultiDiGraph, sel: Selection, meta: dict[str, object]) -> Document:
    doc = Document()
    doc.heading(f"{len(sel.picks)} seeds chosen by CELF among {sel.candidates:,} candidates")
    doc.line(stamp_line(meta))
    doc.table(
        "Picks in order",
        ["#", "body", "marginal gain", "expected adopters so far"],
        [
            [str(i), name(graph, p.id), f"{p.gain:,.2f}", f"{p.spread:,.2f}"]
            for i, p in enumerate(sel.picks, 1)
        ],
    )
    doc.line(
        f"On {sel.runs:,} fresh runs (seed {sel.seed + 1}): adopters {sel.adopters.mean:,.1f}"
        f" (95 % CI {sel.adopters.low:,.1f} – {sel.adopters.high:,.1f}), population "
        f"{sel.population.mean:,.0f}. p = {sel.p:g} per tie; {sel.evaluations:,} gain "
        "evaluations (plain greedy would need k × candidates)."
    )
    return doc


def calibration_document(cal: Calibration, meta: dict[str, object]) -> Document:
    doc = Document()
    doc.heading("Calibrating the cascade probability p against observed reuse")
    doc.line(stamp_line(meta))
    doc.line(cal.verdict)
    doc.table(
        "Log-likelihood by p",
        ["p", "log-likelihood"],
        [[f"{p:g}", f"{ll:,.1f}"] for p, ll in cal.grid],
    )
    doc.table(
        "Per solution, at the fitted p",
        ["solution", "seeds", "observed", "eligible", "expected", "log-lik", "baseline"],
        [
            [
                f.solution,
                ", ".join(f.seeds),
                str(f.observed),
                f"{f.eligible:,}",
                f"{f.expected:.2f}",
                f"{f.loglik:.1f}",
                f"{f.baseline:.1f}",
            ]
            for f in cal.fits
        ],
    )
    if cal.skipped:
        doc.table("Not used", ["solution", "why"], [list(s) for s in cal.skipped])
    return doc


def spread_output(
    graph: nx.MultiDiGraph,
    solution: str | None,
    as_of: str | None,
    rule: str,
    fmt: str,
    plot_dir: Path | None = None,
) -> str:
    """``ozggraph spread``: one solution in detail, or all of them in a table; charts to PNG."""
    if as_of:
        dates.check(as_of)
    meta = stamp(graph, as_of=as_of, rule=rule)
    terr = Territory(graph)
    if solution is None:
        spreads = [observe(graph, s, as_of, rule, terr, paths=False) for s in solutions(graph)]
        if fmt == "json":
            return to_json(spreads, meta)
        return render(overview_document(graph, spreads, meta), fmt)
    result = observe(graph, solution, as_of, rule, terr)
    if fmt == "json":
        return to_json(result, meta)
    doc = spread_document(graph, result, meta)
    with tempfile.TemporaryDirectory() as scratch:
        where = plot_dir or (Path(scratch) if fmt == "html" else None)
        if where is not None:
            for caption, png in charts(graph, result, where, meta):
                doc.image(caption, png)
        return render(doc, fmt)


def charts(
    graph: nx.MultiDiGraph, s: Spread, directory: Path, meta: dict[str, object]
) -> list[tuple[str, Path]]:
    """Adoption chart and spread network of ``s`` as PNG files in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    line = stamp_line(meta)
    return [
        ("Adoption Land by Land", adoption_chart(s, directory / f"{s.id}-adoption.png", line)),
        ("Spread network", network_chart(s, graph, directory / f"{s.id}-network.png", line)),
    ]
