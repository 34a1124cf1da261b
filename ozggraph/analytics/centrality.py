"""Centrality of bodies in the cooperation network, each as ``{node_id: value}``.

What each measure says about a body:

* :func:`degree` – how many partners it has.
* :func:`weighted_degree` – how many ties it has (a partner met in three
  cooperations counts three times).
* :func:`betweenness` – how often it lies on the shortest path between two
  others: a go-between whose absence lengthens paths. Normalised like NetworkX.
* :func:`closeness` – how few steps it needs to reach everybody it can reach
  (Wasserman–Faust scaled for disconnected networks, like NetworkX).
* :func:`harmonic` – the sum of 1/steps to every other body; robust when the
  network falls apart into pieces.
* :func:`eigenvector` – whether its partners are themselves well connected.
* :func:`pagerank` – the same idea with damping: where a walker following ties
  spends its time.

Path measures count hops. They are exact up to :data:`EXACT_MAX_NODES` nodes;
above, they are estimated from :data:`SAMPLE_SOURCES` breadth-first searches from
sources drawn with a fixed seed (Brandes & Pich 2007), exactly as NetworkX's
``betweenness_centrality(G, k=..., seed=...)`` draws them, so results repeat.
Eigenvector and PageRank iterate until an explicit tolerance is met or fail
loudly; they never return a half-converged vector.

>>> import networkx as nx
>>> star = nx.star_graph(4)                  # hub 0 with leaves 1..4
>>> betweenness(star)[0], round(closeness(star)[1], 3)
(1.0, 0.571)
>>> round(pagerank(star)[0], 4), round(eigenvector(star)[0], 4)
(0.4757, 0.7071)
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import scipy.sparse as sp

from ozggraph.analytics.paths import PathSums, shortest_paths
from ozggraph.network.sparse import (
    AnalyticsError,
    Network,
    Projection,
    as_projection,
    component_labels,
)

#: Up to this many nodes path measures are exact (all sources); ~1 s on 4,000 nodes.
EXACT_MAX_NODES = 4000
#: Sources sampled above :data:`EXACT_MAX_NODES`.
SAMPLE_SOURCES = 512
#: PageRank stops when the L1 change of one iteration is below this.
PAGERANK_TOL = 1e-10
#: Eigenvector (Lanczos) stops at this relative residual.
EIGENVECTOR_TOL = 1e-10


def degree(network: Network) -> dict[Any, float]:
    """Number of partners."""
    net = as_projection(network)
    return net.values(np.diff(net.weights.indptr).astype(np.float64))


def weighted_degree(network: Network) -> dict[Any, float]:
    """Number of ties: the sum of the weights of a body's links."""
    net = as_projection(network)
    return net.values(np.asarray(net.weights.sum(axis=1)).ravel())


def sources_for(net: Projection, sources: int | None, seed: int) -> list[int] | None:
    """Indices of the BFS sources: ``None`` for all nodes, else a seeded sample."""
    k = SAMPLE_SOURCES if sources is None and net.n > EXACT_MAX_NODES else sources
    if k is None or k >= net.n:
        return None
    return random.Random(seed).sample(range(net.n), k)  # same draw as NetworkX's ``k``


def endpoint_weights(net: Projection) -> np.ndarray:
    """How much each body counts as an end of shortest paths: its ties' weight, at most 1.

    Under the network's weighting (1/(n-1) per context of n) a body whose only tie
    is one of 1,198 memberships of one provider weighs 1/1,198: the pairs it forms
    count that little, so a hub is not a broker by the number of its members
    alone. A body with ties of weight one or more counts fully, and so does one
    without ties (it reaches nobody, as in NetworkX's normalisation); with all
    weights ≥ 1 this is classic betweenness.
    """
    strength = np.asarray(net.weights.sum(axis=1)).ravel()
    return np.where(strength > 0, np.minimum(strength, 1.0), 1.0)


def path_centralities(
    network: Network, *, sources: int | None = None, seed: int = 0, shares: bool = False
) -> dict[str, dict[Any, float]]:
    """Betweenness, closeness and harmonic centrality from one set of searches.

    ``sources``: number of sampled sources (default: exact up to
    :data:`EXACT_MAX_NODES` nodes, else :data:`SAMPLE_SOURCES`). Betweenness is
    NetworkX's; with ``shares`` (weights are shares of a context) it counts each
    pair of bodies with the product of their :func:`endpoint_weights` (Brandes
    2008, betweenness with endpoint weights), normalised by the weight of all pairs
    without the body: still a share of the shortest paths between others, and equal
    to NetworkX's where every body's ties weigh one or more.
    """
    net = as_projection(network)
    n = net.n
    picked = sources_for(net, sources, seed)
    ends = endpoint_weights(net) if shares else np.ones(n)
    sums = shortest_paths(net.weights, range(n) if picked is None else picked, ends)
    between = _normalised_betweenness(sums.dependency, ends, picked)
    k = n if picked is None else len(picked)
    harmonic_ = sums.inverse_distance_sum.copy()
    if picked is not None:  # a source sees k-1 other sources, any other node k
        per_node = np.full(n, (n - 1) / k)
        per_node[picked] = (n - 1) / max(k - 1, 1)
        harmonic_ *= per_node
    return {
        "betweenness": net.values(between),
        "closeness": net.values(_closeness(net, sums, picked)),
        "harmonic": net.values(harmonic_),
    }


def _normalised_betweenness(
    dependency: np.ndarray, ends: np.ndarray, picked: list[int] | None
) -> np.ndarray:
    """Dependencies over the weight of the ordered pairs s ≠ t of others (sampled: scaled up).

    With all endpoint weights 1: 1/((n-1)(n-2)) exact, NetworkX's 1/(k(n-2)) sampled.
    """
    n = len(ends)
    if n <= 2:
        return dependency.copy()
    total, squares = ends.sum(), (ends**2).sum()
    others = total - ends
    pairs = others**2 - (squares - ends**2)
    seen = others.copy()
    if picked is not None:  # the sources' weight, without the body itself
        seen = np.full(n, ends[picked].sum())
        seen[picked] -= ends[picked]
    with np.errstate(divide="ignore", invalid="ignore"):
        result = dependency * others / (seen * pairs)
    return np.where((pairs > 0) & (seen > 0), result, 0.0)


def _closeness(net: Projection, sums: PathSums, picked: list[int] | None) -> np.ndarray:
    """(r-1)/(n-1) · (r-1)/Σd, r = size of the node's component (exact), Σd from the sums."""
    n = net.n
    comp = component_labels(net.weights)
    size = np.bincount(comp)[comp].astype(np.float64)
    reached, dist = sums.reached.copy(), sums.distance_sum.copy()
    if picked is not None:
        missed = np.flatnonzero(reached == 0)  # components no sampled source reached
        if len(missed):
            extra = shortest_paths(net.weights, missed)
            reached[missed], dist[missed] = extra.reached[missed], extra.distance_sum[missed]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = dist / reached  # mean distance to the others of the component
        result = (size - 1) / (n - 1) / mean if n > 1 else np.zeros(n)
    return np.where((reached > 0) & (size > 1), result, 0.0)


def betweenness(network: Network, *, sources: int | None = None, seed: int = 0) -> dict[Any, float]:
    """Share of shortest paths between others through a body (normalised, hops)."""
    return path_centralities(network, sources=sources, seed=seed)["betweenness"]


def closeness(network: Network, *, sources: int | None = None, seed: int = 0) -> dict[Any, float]:
    """Inverse mean distance to reachable bodies, scaled by the reachable share."""
    return path_centralities(network, sources=sources, seed=seed)["closeness"]


def harmonic(network: Network, *, sources: int | None = None, seed: int = 0) -> dict[Any, float]:
    """Σ 1/d(v, u) over the other bodies u (unnormalised, like NetworkX)."""
    return path_centralities(network, sources=sources, seed=seed)["harmonic"]


def eigenvector(
    network: Network, *, weight: bool = True, tol: float = EIGENVECTOR_TOL
) -> dict[Any, float]:
    """Principal eigenvector of the (weighted) adjacency, unit length, non-negative.

    Solved by Lanczos iteration (ARPACK) to relative tolerance ``tol``; small
    networks by a dense solver. On a network in pieces, the piece with the
    largest eigenvalue takes all the weight (as in NetworkX).
    """
    net = as_projection(network)
    matrix = net.weights if weight else net.pattern
    if net.n == 0:
        return {}
    if net.n <= 500:
        _, vectors = np.linalg.eigh(matrix.toarray())
        vector = vectors[:, -1]
    else:
        from scipy.sparse.linalg import ArpackNoConvergence, eigsh  # 0.2 s import: only here

        try:
            # a fixed start (ARPACK's default is random) gives the same digits on every
            # run and backend; all-ones is never orthogonal to a non-negative eigenvector
            start = np.full(net.n, 1.0 / np.sqrt(net.n))
            _, vectors = eigsh(matrix, k=1, which="LA", tol=tol, maxiter=100 * net.n, v0=start)
        except ArpackNoConvergence as exc:
            raise AnalyticsError(f"eigenvector centrality did not reach tol={tol}") from exc
        vector = vectors[:, 0]
    vector = vector * np.sign(vector.sum()) / np.linalg.norm(vector)
    return net.values(np.maximum(vector, 0.0))


def pagerank(
    network: Network,
    *,
    alpha: float = 0.85,
    weight: bool = True,
    shares: bool = False,
    tol: float = PAGERANK_TOL,
    max_iter: int = 1000,
) -> dict[Any, float]:
    """PageRank with uniform teleport; power iteration until the L1 change < ``tol``.

    ``shares``: the weights are shares of contexts (1/(n-1) per context of n): a
    body whose ties weigh one or more in total follows them in proportion (classic
    PageRank); one whose ties weigh less – a member that shares its provider with
    1,197 others holds 1/1,198 of a tie – follows them with their weight and jumps
    anywhere with the rest, so a hub does not collect the whole walk of every
    member. Without ``shares``, or with all weights ≥ 1, this equals NetworkX's.

    >>> import networkx as nx
    >>> hub = nx.star_graph(4)
    >>> nx.set_edge_attributes(hub, 0.25, "weight")   # one context of 4 members
    >>> round(pagerank(hub)[0], 4), round(pagerank(hub, shares=True)[0], 4)
    (0.4757, 0.2761)

    NetworkX stops at an L1 change below ``n·1e-6`` – for 10,000 bodies that is
    0.01, coarser than many of the values. Here the default is 1e-10 absolute.
    """
    net = as_projection(network)
    n = net.n
    if n == 0:
        return {}
    matrix = net.weights if weight else net.pattern
    out = np.asarray(matrix.sum(axis=1)).ravel()
    dangling = out == 0
    with np.errstate(divide="ignore"):
        inv = np.where(dangling, 0.0, 1.0 / (np.maximum(out, 1.0) if shares else out))
    transition_t = sp.csr_array((sp.diags_array(inv) @ matrix).T)
    leak = 1.0 - out * inv  # the share of a walk that jumps: all for dangling bodies
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = alpha * (transition_t @ x) + (alpha * (x * leak).sum() + 1.0 - alpha) / n
        if np.abs(new - x).sum() < tol:
            return net.values(new / new.sum())
        x = new
    raise AnalyticsError(f"PageRank did not reach tol={tol} in {max_iter} iterations")
