"""ozggraph: how German public bodies cooperate on digital government (OZG).

The flow is seed/ -> :mod:`ozggraph.dataset` -> :mod:`ozggraph.graph` ->
{:mod:`ozggraph.neo4j`, :mod:`ozggraph.analytics`} -> :mod:`ozggraph.output`.

>>> import ozggraph
>>> G = ozggraph.load_graph()                 # doctest: +SKIP
>>> ozggraph.checksum(G)                      # doctest: +SKIP
'sha256:...'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ozggraph.errors import DatasetError, OzgGraphError

if TYPE_CHECKING:
    from ozggraph.dataset import Dataset, read_dataset
    from ozggraph.graph import checksum, load_graph, to_networkx
    from ozggraph.output import tables

    __version__: str


def _version() -> str:
    """The installed version (importlib.metadata costs ~0.1 s: read only when asked)."""
    from importlib import metadata

    try:
        return metadata.version("ozggraph")
    except metadata.PackageNotFoundError:  # running from a checkout without install
        return "0.0.0+unknown"


__all__ = [
    "Dataset",
    "DatasetError",
    "OzgGraphError",
    "__version__",
    "checksum",
    "load_graph",
    "read_dataset",
    "tables",
    "to_networkx",
]


#: Public name -> the module that defines it. They load on first use, so ``import ozggraph``
#: (and ``ozggraph --help``) loads neither pydantic, NetworkX nor pandas.
_LAZY: dict[str, str] = {
    "Dataset": "ozggraph.dataset",
    "read_dataset": "ozggraph.dataset",
    "checksum": "ozggraph.graph",
    "load_graph": "ozggraph.graph",
    "to_networkx": "ozggraph.graph",
}


def __getattr__(name: str) -> object:
    """The public names of :data:`_LAZY`, and ``ozggraph.tables``, imported on first use."""
    if name == "tables":
        return importlib.import_module("ozggraph.output.tables")
    if name == "__version__":
        globals()[name] = version = _version()
        return version
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ozggraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, "tables", "__version__"])
