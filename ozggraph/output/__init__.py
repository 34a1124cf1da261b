"""The cooperation report: :func:`build_report` computes it, :func:`render` writes it.

>>> import ozggraph
>>> from ozggraph.report import build_report, render
>>> print(render(build_report(ozggraph.load_graph()), "md"))     # doctest: +SKIP
"""

from __future__ import annotations

from ozggraph.report.build import Report, build_report
from ozggraph.report.render import FORMATS, render

__all__ = ["FORMATS", "Report", "build_report", "render"]
