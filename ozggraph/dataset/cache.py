"""A cache of the validated embedded graph, so reports start fast.

The key hashes the bytes of every seed file and of the schema and reader code,
so any edit to either makes a fresh, fully validated read. Set
``OZGGRAPH_CACHE=0`` to switch it off; ``OZGGRAPH_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from ozggraph.atomic import open_atomic
from ozggraph.dataset.files import dataset_files

#: The code whose output is cached: any edit to it invalidates the cache.
_CODE = [Path(__file__).parents[1] / part for part in ("schema", "dataset", "graph.py")]


def _key(root: Path) -> str:
    digest = hashlib.sha256()
    files = dataset_files(root)  # the files the reader looks at, no more
    code = sorted(p for d in _CODE for p in ([d] if d.is_file() else d.rglob("*.py")))
    for path in [*files, *code]:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _directory() -> Path:
    env = os.environ.get("OZGGRAPH_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "ozggraph" / "graphs"


def _unpickle(handle: BinaryIO) -> Any:
    """``pickle.load`` with the cycle collector paused: unpickling creates a graph's
    hundred thousand dicts at once, and each few hundred of them would start a
    collection that walks everything made so far (six times slower on seed/)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if paused:
            gc.enable()


def cached_graph(root: Path, build: Callable[[Path], nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """``build(root)``, or the pickled result of an earlier build of identical input."""
    if os.environ.get("OZGGRAPH_CACHE", "1") == "0":
        return build(root)
    path = _directory() / f"{_key(root)}.pickle"
    try:
        with path.open("rb") as handle:
            graph: nx.MultiDiGraph = _unpickle(handle)
            return graph
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass  # no cache yet, or an unreadable one: build afresh
    graph = build(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open_atomic(path, "wb") as handle:
            pickle.dump(graph, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only home only costs speed
    return graph
