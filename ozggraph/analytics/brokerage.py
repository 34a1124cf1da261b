"""Brokerage: who bridges structural holes, and between which groups.

* :func:`constraint` (Burt 1992): how much a body's ties run into the same
  closed circle. Near 1: all partners know each other (no room to broker);
  low: partners are unconnected and depend on it to meet.
* :func:`effective_size` (Burt 1992): the number of partners, minus the
  redundancy of partners tied to each other (Borgatti 1997 for unweighted ties).
* :func:`brokerage_roles` (Gould & Fernandez 1989): for each body *b*, the open
  two-steps ``a → b → c`` (``a`` and ``c`` not tied) it sits on, classified by
  groups (Land, or government level):

  ===============  =================================================
  coordinator      a, b, c in one group
  itinerant        a and c in one group, b outside (the consultant)
  representative   b in a's group, c elsewhere: b speaks for its group
  gatekeeper       b in c's group, a elsewhere: b lets the outside in
  liaison          a, b, c in three different groups
  ===============  =================================================

  An undirected tie counts in both directions, so each open pair {a, c} is two
  two-steps and gatekeeper equals representative on the cooperation network.

Weights: constraint and effective size use tie weights (pass ``weight=False``
for the unweighted textbook definitions); brokerage roles count ties, not weights.

>>> import networkx as nx
>>> star = nx.star_graph(3)                  # hub 0, leaves 1..3
>>> round(constraint(star)[0], 4), effective_size(star)[0]
(0.3333, 3.0)
>>> groups = {0: "HE", 1: "HE", 2: "BY", 3: "BY"}
>>> brokerage_roles(star, groups)[0]
{'coordinator': 0, 'itinerant': 2, 'representative': 2, 'gatekeeper': 2, 'liaison': 0}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any, TypeAlias

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ozggraph.network.sparse import Network, Projection, as_projection

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
#: Group of each node (a Land code, a level ...).
Groups: TypeAlias = Mapping[Any, Hashable]
#: Role counts of each node.
Roles: TypeAlias = dict[Any, dict[str, int]]


def structural_holes(network: Network, *, weight: bool = True) -> dict[str, dict[Any, float]]:
    """Constraint and effective size together (one sparse product for both)."""
    net = as_projection(network)
    if net.n == 0:
        return {"constraint": {}, "effective_size": {}}
    w = net.weights if weight else net.pattern
    strength = np.asarray(w.sum(axis=1)).ravel()
    strongest = w.max(axis=1).toarray().ravel()
    partners = np.diff(w.indptr).astype(np.float64)
    with np.errstate(divide="ignore"):
        inv_s = np.where(strength > 0, 1.0 / strength, 0.0)
        inv_m = np.where(strongest > 0, 1.0 / strongest, 0.0)
    # One complex product gives both two-step sums on the ties only:
    # real part Σ_q w_iq w_qj / s_q (constraint), imaginary Σ_q w_iq w_qj (redundancy).
    right = sp.csr_array(sp.diags_array(inv_s) @ w).astype(np.complex128) + 1j * w
    two_step = sp.csr_array((w.astype(np.complex128) @ right).multiply(net.pattern))
    p = sp.csr_array(sp.diags_array(inv_s) @ w)
    local = sp.csr_array(p + sp.diags_array(inv_s) @ two_step.real)
    burt = np.asarray(local.multiply(local).sum(axis=1)).ravel()
    redundancy = inv_s * (two_step.imag @ inv_m)
    isolated = partners == 0
    return {
        "constraint": net.values(np.where(isolated, np.nan, burt)),
        "effective_size": net.values(np.where(isolated, np.nan, partners - redundancy)),
    }


def constraint(network: Network, *, weight: bool = True) -> dict[Any, float]:
    """Burt's constraint c_i = Σ_j (p_ij + Σ_q p_iq p_qj)² over partners j; NaN when isolated.

    p_ij is the share of i's ties (by weight) that go to j.
    """
    return structural_holes(network, weight=weight)["constraint"]


def effective_size(network: Network, *, weight: bool = True) -> dict[Any, float]:
    """Burt's effective size Σ_j (1 − Σ_q p_iq m_jq); NaN when isolated.

    m_jq is j's tie to q relative to j's strongest tie. Unweighted this is
    Borgatti's n − 2t/n (n partners with t ties among them).
    """
    return structural_holes(network, weight=weight)["effective_size"]


def brokerage_roles(network: Network | nx.DiGraph, groups: Groups) -> Roles:
    """Gould–Fernandez role counts per node; ``groups`` maps every node to its group.

    Directed graphs are counted as drawn; undirected ones fast, by sparse products.
    """
    if isinstance(network, nx.Graph) and network.is_directed():
        return _roles_directed(network, groups)
    return brokerage_roles_by(as_projection(network), {"": groups})[""]


def brokerage_roles_by(network: Network, groupings: Mapping[str, Groups]) -> dict[str, Roles]:
    """Role counts for several groupings at once (e.g. ``{"land": ..., "level": ...}``)."""
    net = as_projection(network)
    labels = {name: _labels(net, groups) for name, groups in groupings.items()}
    same = {name: _same_group(net, lab) for name, lab in labels.items()}
    common, in_c_group = _common_partners(net, list(same.values()))
    return {
        name: _roles(net, labels[name], common, same[name], in_c_group[k])
        for k, name in enumerate(groupings)
    }


def _labels(net: Projection, groups: Groups) -> np.ndarray:
    """Group of each node as a small integer."""
    return np.unique(np.array([str(groups[x]) for x in net.ids]), return_inverse=True)[1]


def _same_group(net: Projection, labels: np.ndarray) -> sp.csr_array:
    """The ties between two members of one group."""
    coo = net.pattern.tocoo()
    keep = labels[coo.row] == labels[coo.col]
    return sp.csr_array((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=coo.shape)


def _common_partners(
    net: Projection, same: list[sp.csr_array]
) -> tuple[sp.csr_array, list[sp.csr_array]]:
    """On each tie (b, c): the common partners, and per grouping those in c's group.

    Both are counts below 2**bits, so several products are packed into one
    float64 product ``A @ (A + K·S₁ + K²·S₂ …)`` with K = 2**bits and taken apart
    exactly afterwards: one sparse product instead of one per grouping.
    """
    a = net.pattern
    bits = max(int(np.diff(a.indptr).max(initial=0)).bit_length(), 1)
    per_product = max(52 // bits - 1, 1)
    common: sp.csr_array | None = None
    in_c_group: list[sp.csr_array] = []
    for start in range(0, max(len(same), 1), per_product):
        chunk = same[start : start + per_product]
        right = sp.csr_array(a.copy())
        for k, s in enumerate(chunk, start=1):
            right = sp.csr_array(right + float(2 ** (bits * k)) * s)
        packed = sp.csr_array((a @ right).multiply(a))
        values = np.rint(packed.data).astype(np.int64)
        for k in range(len(chunk) + 1):
            part = packed.copy()
            part.data = ((values >> (bits * k)) & ((1 << bits) - 1)).astype(np.float64)
            if k:
                in_c_group.append(part)
            elif common is None:
                common = part
    assert common is not None
    return common, in_c_group


def _rowsum(x: sp.csr_array, y: sp.csr_array) -> np.ndarray:
    return np.asarray(x.multiply(y).sum(axis=1)).ravel()


def _roles(
    net: Projection,
    labels: np.ndarray,
    common: sp.csr_array,
    same: sp.csr_array,
    in_c_group: sp.csr_array,
) -> Roles:
    """All ordered partner pairs (a, c) by group, minus the closed ones (a and c tied).

    On a tie (b, c) the common partners a split into those in b's group, those
    in c's group (the same when b and c share a group) and the rest.
    """
    a = net.pattern
    cross = sp.csr_array(a - same)
    cross.eliminate_zeros()
    in_b_group = sp.csr_array(in_c_group.T)
    partners = np.diff(a.indptr).astype(np.float64)
    own = np.diff(same.indptr).astype(np.float64)
    other = partners - own
    groups = int(labels.max(initial=-1)) + 1
    one_hot = sp.csr_array((np.ones(net.n), (np.arange(net.n), labels)), shape=(net.n, groups))
    per_group = sp.csr_array(cross @ one_hot)
    other_sq = np.asarray(per_group.multiply(per_group).sum(axis=1)).ravel()
    closed_rep = _rowsum(cross, in_b_group)
    closed_itin = _rowsum(cross, in_c_group)
    closed_liaison = _rowsum(cross, common) - closed_rep - closed_itin
    counts = {
        "coordinator": own * (own - 1) - _rowsum(same, in_c_group),
        "itinerant": other_sq - other - closed_itin,
        "representative": own * other - closed_rep,
        "gatekeeper": own * other - (_rowsum(same, common) - _rowsum(same, in_b_group)),
        "liaison": other**2 - other_sq - closed_liaison,
    }
    rounded = {role: np.rint(v).astype(np.int64).tolist() for role, v in counts.items()}
    return {node: {role: rounded[role][i] for role in ROLES} for i, node in enumerate(net.ids)}


def _roles_directed(graph: nx.DiGraph, groups: Groups) -> Roles:
    """The definition itself, pair by pair (also the reference the fast path is tested on)."""
    result = {}
    for b in graph:
        counts: Counter[str] = Counter()
        for a in graph.predecessors(b):
            for c in graph.successors(b):
                if a != c and a != b and c != b and not graph.has_edge(a, c):
                    counts[_role(groups[a], groups[b], groups[c])] += 1
        result[b] = {role: counts[role] for role in ROLES}
    return result


def _role(ga: Hashable, gb: Hashable, gc: Hashable) -> str:
    if ga == gb == gc:
        return "coordinator"
    if ga == gc:
        return "itinerant"
    if ga == gb:
        return "representative"
    if gb == gc:
        return "gatekeeper"
    return "liaison"


def dominant_role(counts: Mapping[str, int]) -> str | None:
    """The role with the most two-steps (ties: the rarer, cross-group role wins); None if none."""
    best = max(reversed(ROLES), key=lambda role: counts.get(role, 0))
    return best if counts.get(best, 0) > 0 else None
