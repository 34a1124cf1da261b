"""The cooperation report: :func:`build_report` computes it, :func:`render` writes it.

>>> import ozggraph
>>> from ozggraph.output import build_report, render
>>> print(render(build_report(ozggraph.load_graph()), "md"))     # doctest: +SKIP
"""

from __future__ import annotations

from ozggraph.output.document import FORMATS
from ozggraph.output.render import render
from ozggraph.output.report import Report, build_report

__all__ = ["FORMATS", "Report", "build_report", "render"]
