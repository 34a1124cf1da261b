"""PNG charts of a solution's spread (matplotlib, Agg; no display needed).

- :func:`adoption_chart`: Land by Land over time, each Land coloured by the
  furthest stage its adopters had reached, with the number of Länder per stage
  below. Planned and live are different colours, never summed.
- :func:`network_chart`: developers and operators, adopters by stage, and the
  ties through which adopters are connected to earlier holders.
"""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap
from pathlib import Path

import matplotlib.dates as mdates
import networkx as nx
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ozggraph.atomic import replacing
from ozggraph.schema import dates
from ozggraph.schema.types import REUSE_STAGES
from ozggraph.spread.observed import CurvePoint, Spread

STAGE_COLOURS = {
    "interest": "#d5dbe0",
    "planned": "#fdd38a",
    "contract": "#f39c4a",
    "connected": "#6fa8dc",
    "live": "#2e7d32",
}
DEVELOPER = "#6a3d9a"
MARGIN = dt.timedelta(days=120)
Point = tuple[dt.date, CurvePoint]


def adoption_chart(spread: Spread, path: Path, stamp: str = "") -> Path:
    """Swimlanes per Land plus Länder per stage over time; written to ``path``."""
    points = [(dates.start(p.date), p) for p in spread.curve]
    developer_lands = sorted({c for r in spread.roles if r.role == "developer" for c in r.lands})
    first_seen: dict[str, dt.date] = {}
    for when, point in points:
        for stage in REUSE_STAGES:
            for land in point.lands[stage]:
                first_seen.setdefault(land, when)
    lands = developer_lands + sorted(
        (c for c in first_seen if c not in developer_lands), key=lambda c: (first_seen[c], c)
    )
    last = max([w for w, _ in points], default=dt.date.today())
    begin = min([w for w, _ in points] + _role_dates(spread), default=last) - MARGIN
    end = dates.end(spread.as_of) if spread.as_of else last + MARGIN
    fig = Figure(figsize=(11, 0.36 * len(lands) + 3.8), dpi=150, layout="constrained")
    lanes, counts = fig.subplots(2, 1, sharex=True, height_ratios=[max(len(lands), 1) * 0.36, 1.9])
    _lanes(lanes, spread, points, lands, developer_lands, (begin, last, end))
    _counts(counts, points, last, end)
    lanes.set_xlim(_x(begin), _x(end))
    fig.suptitle(
        f"{spread.name}: which Länder reuse it, and how far",
        x=0.01,
        ha="left",
        fontsize=13,
        fontweight="bold",
    )
    handles = [Patch(color=STAGE_COLOURS[s], label=s) for s in reversed(REUSE_STAGES)]
    lanes.legend(
        handles=handles,
        loc="lower left",
        frameon=True,
        framealpha=0.9,
        edgecolor="none",
        fontsize=8,
        title="stage",
        title_fontsize=8,
    )
    fig.supxlabel(
        textwrap.fill(_footer(spread, stamp), 180), x=0.01, ha="left", fontsize=7, color="#555555"
    )
    with replacing(path) as tmp:
        fig.savefig(tmp, format=Path(path).suffix.lstrip(".") or None)
    return path


def _x(day: dt.date) -> float:
    """A date as a matplotlib axis value (days)."""
    return float(mdates.date2num(day))


def _role_dates(spread: Spread) -> list[dt.date]:
    return [dates.start(r.since) for r in spread.roles if r.since]


def _segments(land: str, points: list[Point], end: dt.date) -> list[tuple[dt.date, dt.date, str]]:
    """(from, to, stage) of one Land, equal neighbours merged."""
    out: list[tuple[dt.date, dt.date, str]] = []
    for k, (when, point) in enumerate(points):
        stage = next((s for s in REUSE_STAGES if land in point.lands[s]), None)
        until = points[k + 1][0] if k + 1 < len(points) else end
        if stage and out and out[-1][2] == stage and out[-1][1] == when:
            out[-1] = (out[-1][0], until, stage)
        elif stage:
            out.append((when, until, stage))
    return out


def _lanes(
    ax: Axes,
    spread: Spread,
    points: list[Point],
    lands: list[str],
    developer_lands: list[str],
    span: tuple[dt.date, dt.date, dt.date],
) -> None:
    begin, last, end = span
    for row, land in enumerate(lands):
        y = len(lands) - 1 - row
        for start, until, stage in _segments(land, points, end):
            known = min(until, last) if until > last else until
            ax.barh(
                y, (known - start).days, left=_x(start), height=0.72, color=STAGE_COLOURS[stage]
            )
            if until > last:  # no later fact: the state is carried forward, drawn faded
                ax.barh(
                    y,
                    (until - last).days,
                    left=_x(last),
                    height=0.72,
                    alpha=0.35,
                    color=STAGE_COLOURS[stage],
                )
        if land in developer_lands:
            since = [
                dates.start(r.since)
                for r in spread.roles
                if r.role == "developer" and land in r.lands and r.since
            ]
            label = "developer" + (
                f" since {min(since):%Y-%m}" if since else " (start date not in the data)"
            )
            ax.annotate(
                label,
                (_x(min(since) if since else begin), y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color=DEVELOPER,
                fontweight="bold",
            )
    ax.axvline(_x(last), color="#777777", linestyle=":", linewidth=1)
    ax.annotate(
        "latest fact",
        (_x(last), len(lands) - 0.4),
        xytext=(3, 0),
        textcoords="offset points",
        fontsize=7,
        color="#555555",
    )
    ax.set_yticks(range(len(lands)), list(reversed(lands)))
    for tick in ax.get_yticklabels():
        if tick.get_text() in developer_lands:
            tick.set_color(DEVELOPER)
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(lands) - 0.4)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def _counts(ax: Axes, points: list[Point], last: dt.date, end: dt.date) -> None:
    xs = [_x(w) for w, _ in points] + [_x(end)]
    below = [0] * len(xs)
    for stage in reversed(REUSE_STAGES):  # live at the bottom: the number that matters most
        ys = [len(p.lands[stage]) for _, p in points]
        ys.append(ys[-1] if ys else 0)
        top = [b + y for b, y in zip(below, ys, strict=True)]
        if any(ys):
            ax.fill_between(xs, below, top, step="post", color=STAGE_COLOURS[stage], linewidth=0)
            if ys[-1]:
                ax.annotate(
                    f"{ys[-1]} {stage}",
                    (_x(end), (below[-1] + top[-1]) / 2),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8,
                )
        below = top
    ax.axvline(_x(last), color="#777777", linestyle=":", linewidth=1)
    ax.set_ylabel("Länder")
    ax.set_ylim(0, max(max(below, default=0), 1) + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="y", color="#eeeeee")
    ax.set_axisbelow(True)
    ax.set_title("Länder at each stage", loc="left", fontsize=9, color="#333333")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _footer(spread: Spread, stamp: str) -> str:
    aggregates = "; ".join(spread.reported_adopters) or "none"
    return (
        f"Each Land at the furthest stage any body in it has reached (rule: {spread.rule}); "
        f"dates as precise as the sources, mostly months; after the latest fact the state is "
        f"carried forward (faded). Reported only as counts, not drawn: {aggregates}. {stamp}"
    )


def network_chart(spread: Spread, graph: nx.MultiDiGraph, path: Path, stamp: str = "") -> Path:
    """Makers and operators, adopters by stage, and the tie paths between them."""
    net = nx.Graph()
    net.add_node(spread.id, kind="solution")
    for role in spread.roles:
        net.add_node(role.id, kind=role.role)
        net.add_edge(role.id, spread.id, kind=role.role)
    for a in spread.adopters:
        net.add_node(a.id, kind=a.stage)
        net.add_edge(a.id, spread.id, kind=a.stage)
        for u, v in itertools.pairwise(a.via):
            for node in (u, v):
                if node not in net:
                    net.add_node(node, kind="tie")
            net.add_edge(u, v, kind="tie")
    pos = nx.kamada_kawai_layout(net) if net.number_of_nodes() > 2 else nx.circular_layout(net)
    fig = Figure(figsize=(10, 8), dpi=150, layout="constrained")
    ax = fig.subplots()
    for u, v, kind in net.edges(data="kind"):
        style = ":" if kind == "tie" else "-"
        colour = STAGE_COLOURS.get(kind, DEVELOPER if kind != "tie" else "#999999")
        ax.plot(*zip(pos[u], pos[v], strict=True), style, color=colour, linewidth=1.2, zorder=1)
    for node, kind in net.nodes(data="kind"):
        colour = STAGE_COLOURS.get(
            kind, DEVELOPER if kind in ("developer", "operator", "provider") else "#bbbbbb"
        )
        size = 260 if kind == "solution" else 90
        x, y = pos[node]
        ax.scatter(
            x,
            y,
            s=size,
            color="black" if kind == "solution" else colour,
            zorder=2,
            edgecolors="white",
        )
        ax.annotate(
            _short(graph, node), pos[node], xytext=(5, 4), textcoords="offset points", fontsize=7
        )
    handles = [Patch(color=DEVELOPER, label="developer / operator")]
    handles += [Patch(color=STAGE_COLOURS[s], label=s) for s in REUSE_STAGES]
    handles.append(Patch(color="#bbbbbb", label="body on a tie path (dotted)"))
    ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=False)
    ax.set_title(
        f"{spread.name}: who has it, and how they are tied",
        loc="left",
        fontsize=12,
        fontweight="bold",
    )
    ax.set_axis_off()
    fig.text(0.01, 0.003, stamp, fontsize=7, color="#555555")
    with replacing(path) as tmp:
        fig.savefig(tmp, format=Path(path).suffix.lstrip(".") or None)
    return path


def _short(graph: nx.MultiDiGraph, node: str) -> str:
    attrs = graph.nodes[node] if node in graph else {}
    name = str(attrs.get("code") or attrs.get("name") or node)
    return name if len(name) <= 28 else name[:26] + "…"
