"""Reuse-spread speed on the synthetic Germany-shaped graph: vectorised vs naive, CELF.

In one run, on the cooperation network of ``bench/synthetic.py`` (scale 1):

- 1,000 Independent Cascade runs from five bodies, vectorised
  (:func:`ozggraph.spread.simulate.cascades`), beside the naive NetworkX loop
  (:mod:`ozggraph.spread.naive`). The loop is timed on fewer runs and its time
  extrapolated linearly to 1,000 (said so in the output). Both at the default
  ``p`` (cascades stay local) and at ``p = 0.05`` (cascades reach a third of
  the network, the expensive regime).
- 1,000 Linear Threshold runs, likewise.
- CELF for k = 10 (live-edge samples), with the evaluations plain greedy would make.

    python bench/spread.py [--scale 1] [--runs 1000] [--celf-runs 500]

Targets: 1,000 IC runs <= 0.5 s; CELF k = 10 <= 60 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import make_graph

from ozggraph.spread import engine, naive
from ozggraph.spread.cascade_network import Network, from_graph
from ozggraph.spread.seeds import select_seeds
from ozggraph.spread.simulate import DEFAULT_P, arc_probabilities, cascades


def timed(func: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def compare(
    name: str, net: Network, seeds: np.ndarray, runs: int, naive_runs: int, model: str, p: float
) -> None:
    graph = naive.to_graph(net)
    ids = [net.ids[i] for i in seeds]
    fast, active = timed(lambda: cascades(net, seeds, model, runs, seed=1, p=p), repeat=3)
    if model == "ic":
        slow, sets = timed(lambda: naive.independent_cascade(graph, ids, naive_runs, 1, p))
    else:
        slow, sets = timed(lambda: naive.linear_threshold(graph, ids, naive_runs, 1))
    per_1000 = slow / naive_runs * runs
    kernel = ""
    if model == "ic":
        wide = engine.branching(net.adjacency, arc_probabilities(net, p)) > 2.0
        kernel = " [live-edge kernel]" if wide else " [frontier kernel]"
    print(f"{name}{kernel}")
    print(
        f"  vectorised  {runs:>5,} runs  {fast:8.3f} s   mean adopters "
        f"{active.sum(axis=1).mean():8.1f}"
    )
    print(
        f"  naive loop  {naive_runs:>5,} runs  {slow:8.3f} s   mean adopters "
        f"{np.mean([len(s) for s in sets]):8.1f}   -> {per_1000:8.2f} s per {runs:,} "
        "(extrapolated)"
    )
    verdict = "" if model != "ic" else f"   target <= 0.5 s: {'met' if fast <= 0.5 else 'MISSED'}"
    print(f"  speed-up {per_1000 / fast:8.1f}x{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--celf-runs", type=int, default=500)
    args = parser.parse_args()
    took, graph = timed(lambda: make_graph(args.scale, 0))
    took_net, net = timed(lambda: from_graph(graph))
    degree = np.diff(net.adjacency.indptr)
    print(
        f"synthetic graph scale {args.scale}: {graph.number_of_nodes():,} nodes, "
        f"{graph.number_of_edges():,} relationships ({took:.1f} s); cooperation network "
        f"{net.n:,} bodies, {net.adjacency.nnz // 2:,} ties, mean degree {degree.mean():.1f} "
        f"({took_net:.1f} s)"
    )
    seeds = np.sort(np.random.default_rng(0).choice(np.flatnonzero(degree > 0), 5, replace=False))
    print(f"seeds: {', '.join(net.ids[i] for i in seeds)}\n")
    compare(f"IC, p = {DEFAULT_P} (default)", net, seeds, args.runs, 100, "ic", DEFAULT_P)
    compare("IC, p = 0.05", net, seeds, args.runs, 3, "ic", 0.05)
    compare("LT", net, seeds, args.runs, 3, "lt", DEFAULT_P)
    took_celf, chosen = timed(lambda: select_seeds(net, 10, args.celf_runs, seed=1))
    print(
        f"\nCELF k = 10 on {args.celf_runs:,} live-edge samples, {chosen.candidates:,} "
        f"candidates: {took_celf:.1f} s (incl. {args.celf_runs:,} fresh runs to re-estimate)"
    )
    print(
        f"  gain evaluations {chosen.evaluations:,}; plain greedy would make "
        f"{10 * chosen.candidates:,} ({10 * chosen.candidates / chosen.evaluations:.1f}x more)"
    )
    print(
        f"  expected adopters of the 10 seeds {chosen.adopters.mean:.1f} "
        f"(95 % CI {chosen.adopters.low:.1f}-{chosen.adopters.high:.1f})"
    )
    print("\ntargets: 1,000 IC runs <= 0.5 s; CELF k = 10 <= 60 s")


if __name__ == "__main__":
    main()
