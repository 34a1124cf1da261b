"""ozggraph: how German public bodies cooperate on digital government (OZG).

The flow is seed/ -> :mod:`ozggraph.dataset` -> :mod:`ozggraph.graph` ->
{:mod:`ozggraph.neo4j`, :mod:`ozggraph.analytics`} -> :mod:`ozggraph.output`.

>>> import ozggraph
>>> G = ozggraph.load_graph()                 # doctest: +SKIP
>>> ozggraph.checksum(G)                      # doctest: +SKIP
'sha256:...'
"""

from __future__ import annotations

from importlib import metadata as _metadata

from ozggraph.dataset import Dataset, read_dataset
from ozggraph.errors import DatasetError, OzgGraphError
from ozggraph.graph import checksum, load_graph, to_networkx

try:
    __version__: str = _metadata.version("ozggraph")
except _metadata.PackageNotFoundError:  # running from a checkout without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "Dataset",
    "DatasetError",
    "OzgGraphError",
    "__version__",
    "checksum",
    "load_graph",
    "read_dataset",
    "to_networkx",
]


def __getattr__(name: str) -> object:
    """``ozggraph.tables`` (pandas) loads on first use, so ``import ozggraph`` stays light."""
    if name == "tables":
        import importlib

        return importlib.import_module("ozggraph.tables")
    raise AttributeError(f"module 'ozggraph' has no attribute {name!r}")
