"""Vectorised cascade kernels: many Monte-Carlo runs at once, with numpy and scipy.

State is a boolean matrix ``runs x nodes``. A step takes the (run, node) pairs
activated in the previous step, expands them to all their arcs in one gather on
the CSR arrays, and decides every attempt of every run together: work is
proportional to the attempts made, not to ``runs x edges``.

:func:`live_edge_components` is the other classic view of the Independent
Cascade on an undirected network with symmetric probabilities: keep each edge
with its probability, and a cascade reaches exactly the connected components of
its seeds. Per run, the component labels answer the spread of *any* seed set,
which is what greedy seed selection needs (common random numbers, consistent
marginal gains).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

#: Upper bound for one runs x nodes block (bool cells); larger jobs go in chunks.
BLOCK_CELLS = 40_000_000
#: Live-edge samples per connected-components call (measured: 8 amortises scipy's overhead).
RUN_BLOCK = 8


def _expand(
    adjacency: sp.csr_matrix, runs: np.ndarray, nodes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """All arcs out of the given (run, node) pairs: (run of each arc, arc position)."""
    starts = adjacency.indptr[nodes]
    counts = adjacency.indptr[nodes + 1] - starts
    total = int(counts.sum())
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return np.repeat(runs, counts), offsets + np.arange(total)


def independent_cascade(
    adjacency: sp.csr_matrix,
    arc_p: np.ndarray,
    seeds: np.ndarray,
    runs: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Active nodes after ``runs`` Independent Cascades: bool ``runs x n``.

    ``arc_p[k]`` is the chance that arc ``k`` of the CSR arrays passes the
    solution on; each newly active node tries each inactive neighbour once.
    """
    n = adjacency.shape[0]
    active = np.zeros((runs, n), dtype=bool)
    active[:, seeds] = True
    cells = active.reshape(-1)  # flat view: cell = run * n + node
    frontier_r = np.repeat(np.arange(runs), len(seeds))
    frontier_u = np.tile(seeds, runs)
    p32 = arc_p.astype(np.float32)
    while frontier_r.size:
        arc_r, arc = _expand(adjacency, frontier_r, frontier_u)
        flat = arc_r * n + adjacency.indices[arc]
        open_ = ~cells[flat]
        flat, arc = flat[open_], arc[open_]
        hit = rng.random(arc.size, dtype=np.float32) < p32[arc]
        new = _distinct(flat[hit])
        cells[new] = True
        frontier_r, frontier_u = np.divmod(new, n)
    return active


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a sort beats a hash set on these integer arrays)."""
    values = np.sort(values)
    keep = np.ones(values.size, dtype=bool)
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def linear_threshold(
    adjacency: sp.csr_matrix,
    arc_b: np.ndarray,
    seeds: np.ndarray,
    runs: int,
    rng: np.random.Generator,
    thresholds: np.ndarray | None = None,
) -> np.ndarray:
    """Active nodes after ``runs`` Linear Threshold cascades: bool ``runs x n``.

    ``arc_b[k]``: influence of arc ``k`` (u -> v) on v, with the influences into
    each node summing to at most 1. Thresholds are uniform on (0, 1] per run and
    node, unless ``thresholds`` (one per node, every run) is given.
    """
    n = adjacency.shape[0]
    theta = 1.0 - rng.random((runs, n)) if thresholds is None else np.tile(thresholds, (runs, 1))
    influence = np.zeros((runs, n))
    active = np.zeros((runs, n), dtype=bool)
    active[:, seeds] = True
    state, pressure, limit = active.reshape(-1), influence.reshape(-1), theta.reshape(-1)
    frontier_r = np.repeat(np.arange(runs), len(seeds))
    frontier_u = np.tile(seeds, runs)
    while frontier_r.size:
        arc_r, arc = _expand(adjacency, frontier_r, frontier_u)
        flat = arc_r * n + adjacency.indices[arc]
        open_ = ~state[flat]
        flat, arc = flat[open_], arc[open_]
        order = np.argsort(flat, kind="stable")
        flat, weight = flat[order], arc_b[arc][order]
        first = np.ones(flat.size, dtype=bool)
        np.not_equal(flat[1:], flat[:-1], out=first[1:])
        cells = flat[first]
        pushed = pressure[cells] + np.add.reduceat(weight, np.flatnonzero(first))
        pressure[cells] = pushed
        new = cells[pushed >= limit[cells] - 1e-12]
        state[new] = True
        frontier_r, frontier_u = np.divmod(new, n)
    return active


def branching(adjacency: sp.csr_matrix, arc_p: np.ndarray) -> float:
    """Rough offspring number of a cascade (bond-percolation estimate: > 1 spreads widely)."""
    degree = np.diff(adjacency.indptr)
    if degree.sum() == 0:
        return 0.0
    return float((arc_p * (degree[adjacency.indices] - 1)).sum() / degree.sum())


def upper_edges(adjacency: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and CSR arc positions of the undirected edges (upper triangle)."""
    positions = sp.csr_matrix(
        (np.arange(1, adjacency.nnz + 1, dtype=np.float64), adjacency.indices, adjacency.indptr),
        shape=adjacency.shape,
    )
    upper = sp.triu(positions, k=1).tocoo()
    return upper.row, upper.col, upper.data.astype(np.int64) - 1


def edge_classes(p_edge: np.ndarray) -> list[tuple[float, np.ndarray]]:
    """Edges grouped by probability (a few classes: probabilities come from integer weights)."""
    values, klass = np.unique(p_edge, return_inverse=True)
    order = np.argsort(klass, kind="stable")
    bounds = np.searchsorted(klass[order], np.arange(values.size + 1))
    return [(float(q), order[bounds[k] : bounds[k + 1]]) for k, q in enumerate(values) if q > 0]


def live_edges(
    classes: list[tuple[float, np.ndarray]], runs: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """(run, edge) of every edge kept in ``runs`` samples, each with its own probability.

    Each class is sampled over its ``runs x edges`` grid by geometric skipping,
    so the work is proportional to the edges kept, not to the grid.
    """
    run_parts, edge_parts = [], []
    for q, edges in classes:
        space = edges.size * runs
        if q >= 1.0:
            spots = np.arange(space)
        else:
            need = int(space * q + 6 * np.sqrt(space * q) + 16)
            spots = np.cumsum(rng.geometric(q, size=need)) - 1
            while spots[-1] < space:
                spots = np.concatenate([spots, spots[-1] + np.cumsum(rng.geometric(q, size=need))])
            spots = spots[spots < space]
        run, local = np.divmod(spots, edges.size)
        run_parts.append(run)
        edge_parts.append(edges[local])
    if not run_parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(run_parts), np.concatenate(edge_parts)


def live_edge_components(
    adjacency: sp.csr_matrix, arc_p: np.ndarray, runs: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Component labels ``runs x n`` of ``runs`` live-edge samples, and component sizes.

    Labels are global (unique across runs), so ``sizes[labels]`` is each node's
    reach in each run. Needs symmetric probabilities (one coin per undirected
    edge). Runs go in blocks, each block one block-diagonal graph, so scipy is
    called once per block rather than once per run.
    """
    n = adjacency.shape[0]
    rows, cols, arcs = upper_edges(adjacency)
    classes = edge_classes(arc_p[arcs])
    labels = np.empty((runs, n), dtype=np.int64)
    sizes, offset = [], 0
    for first in range(0, runs, RUN_BLOCK):
        block = min(RUN_BLOCK, runs - first)
        run, edge = live_edges(classes, block, rng)
        shift = run * n
        live = sp.csr_matrix(
            (np.ones(edge.size, np.int8), (rows[edge] + shift, cols[edge] + shift)),
            shape=(block * n, block * n),
        )
        count, lab = connected_components(live, directed=False)
        labels[first : first + block] = (lab + offset).reshape(block, n)
        sizes.append(np.bincount(lab, minlength=count))
        offset += count
    return labels, np.concatenate(sizes) if sizes else np.zeros(0, np.int64)


def independent_cascade_live(
    adjacency: sp.csr_matrix,
    arc_p: np.ndarray,
    seeds: np.ndarray,
    runs: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Same distribution as :func:`independent_cascade`, by live-edge components.

    Cheaper when cascades reach most of the network (work per run ~ edges kept,
    not arcs tried); needs symmetric probabilities.
    """
    labels, sizes = live_edge_components(adjacency, arc_p, runs, rng)
    seeded = np.zeros(sizes.size, dtype=bool)
    seeded[labels[:, seeds].ravel()] = True  # labels are unique across runs
    return seeded[labels]
