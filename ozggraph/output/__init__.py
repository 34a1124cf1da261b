"""The cooperation report: :func:`build_report` computes it, :func:`render` writes it.

>>> import ozggraph
>>> from ozggraph.output import build_report, render
>>> print(render(build_report(ozggraph.load_graph()), "md"))     # doctest: +SKIP

The names load on first use, so that importing one module of this package (say
``ozggraph.output.document`` for the list of formats) does not pull in the analytics.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ozggraph.output.document import FORMATS
    from ozggraph.output.render import render
    from ozggraph.output.report import Report, build_report

__all__ = ["FORMATS", "Report", "build_report", "render"]

#: Public name -> the module of this package that defines it.
_LAZY = {
    "FORMATS": "ozggraph.output.document",
    "render": "ozggraph.output.render",
    "Report": "ozggraph.output.report",
    "build_report": "ozggraph.output.report",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ozggraph.output' has no attribute {name!r}")
