"""igraph, imported without matplotlib: the one place ozggraph imports igraph.

igraph 1.0 imports ``matplotlib.pyplot`` when it is imported (for its drawing
functions, which ozggraph never calls); that costs 0.3–2.5 s, more than the
whole shipped report. So, unless matplotlib is loaded already, igraph is imported
here with matplotlib hidden: its drawing then says matplotlib is missing, every
algorithm works the same. The report's charts import matplotlib themselves.

>>> ig.Graph.Famous("Zachary").vcount()
34
"""

from __future__ import annotations

import importlib.abc
import sys
from types import ModuleType


class _HideMatplotlib(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError("matplotlib is not imported with igraph (see ozggraph)")


def _import() -> ModuleType:
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    hide = _HideMatplotlib()
    sys.meta_path.insert(0, hide)
    try:
        import igraph
    finally:
        sys.meta_path.remove(hide)
    return igraph


ig = _import()
