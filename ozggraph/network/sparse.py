"""The undirected weighted network the measures run on, in two interchangeable forms.

Users hand the measures a plain :class:`networkx.Graph` (edge attribute
``weight``). Internally each measure works on a :class:`Projection`: the node ids
plus a symmetric ``scipy.sparse`` matrix of weights, which skips building millions
of Python objects on a country-sized network. Both forms give the same numbers.

>>> import networkx as nx
>>> P = as_projection(nx.path_graph(["a", "b", "c"]))
>>> P.ids, P.weights.toarray().tolist()
(['a', 'b', 'c'], [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeAlias

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ozggraph.errors import AnalyticsError

if TYPE_CHECKING:
    import igraph as ig


@dataclass(frozen=True, eq=False)
class Projection:
    """Node ids and a symmetric CSR matrix of positive weights without self loops."""

    ids: list[Any]  # node ids: str in ozggraph graphs, anything hashable in nx graphs
    weights: sp.csr_array
    #: What the network was built from (e.g. the as-of date and Land); copied into reports.
    meta: dict[str, object] = field(default_factory=dict)

    @cached_property
    def index(self) -> dict[Any, int]:
        return {node: i for i, node in enumerate(self.ids)}

    @cached_property
    def pattern(self) -> sp.csr_array:
        """The adjacency matrix with every weight replaced by 1."""
        ones = self.weights.copy()
        ones.data[:] = 1.0
        return ones

    @cached_property
    def igraph(self) -> ig.Graph:
        """The network as an undirected :class:`igraph.Graph` (vertex i = ``ids[i]``,
        edge attribute ``weight``), built once and shared by the measures that use igraph."""
        from ozggraph.network.igraph_import import ig  # only for the measures that need it

        upper = sp.triu(self.weights, k=1).tocoo()
        edges = list(zip(upper.row.tolist(), upper.col.tolist(), strict=True))
        return ig.Graph(n=self.n, edges=edges, edge_attrs={"weight": upper.data.tolist()})

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def number_of_edges(self) -> int:
        return int(self.weights.nnz // 2)

    def values(self, array: np.ndarray) -> dict[Any, float]:
        """A per-node array as ``{node_id: value}``."""
        return dict(zip(self.ids, array.tolist(), strict=True))

    def to_networkx(self) -> nx.Graph:
        """The same network as a :class:`networkx.Graph` with ``weight`` on every edge."""
        graph = nx.Graph()
        graph.add_nodes_from(self.ids)
        upper = sp.triu(self.weights, k=1).tocoo()
        ids = self.ids
        graph.add_weighted_edges_from(
            (ids[i], ids[j], w)
            for i, j, w in zip(
                upper.row.tolist(), upper.col.tolist(), upper.data.tolist(), strict=True
            )
        )
        graph.graph.update(self.meta)
        return graph


Network: TypeAlias = "nx.Graph | Projection"


def as_projection(network: Network, weight: str | None = "weight") -> Projection:
    """``network`` as a :class:`Projection` (node order kept; missing weights count 1)."""
    if isinstance(network, Projection):
        return network
    if network.is_directed() or network.is_multigraph():
        raise AnalyticsError("the measures need an undirected simple graph (nx.Graph)")
    ids = list(network)
    if not ids:
        return Projection([], sp.csr_array((0, 0)), dict(network.graph))
    matrix = nx.to_scipy_sparse_array(network, nodelist=ids, weight=weight, format="csr")
    matrix.setdiag(0)
    matrix.eliminate_zeros()
    return Projection(ids, sp.csr_array(matrix, dtype=np.float64), dict(network.graph))


def component_labels(matrix: sp.csr_array) -> np.ndarray:
    """Connected component number of each node of a symmetric matrix."""
    if matrix.shape[0] > 2000:  # scipy's C code; its import costs 0.2 s, so not for small graphs
        from scipy.sparse.csgraph import connected_components

        return connected_components(matrix, directed=False)[1]
    parent = list(range(matrix.shape[0]))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    coo = matrix.tocoo()
    for i, j in zip(coo.row.tolist(), coo.col.tolist(), strict=True):
        parent[root(i)] = root(j)
    return np.unique([root(i) for i in range(matrix.shape[0])], return_inverse=True)[1]


def from_pairs(
    ids: list[str], rows: np.ndarray, cols: np.ndarray, counts: np.ndarray | None = None
) -> sp.csr_array:
    """A symmetric weight matrix: each ``(row, col)`` pair adds its count to both cells."""
    n = len(ids)
    data = np.ones(len(rows)) if counts is None else counts.astype(np.float64)
    half = sp.coo_array((data, (rows, cols)), shape=(n, n)).tocsr()
    return sp.csr_array(half + half.T)
