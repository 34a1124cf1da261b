"""The report as text, Markdown, JSON or one self-contained HTML file.

The report is laid out once as a :class:`~ozggraph.output.document.Document`
(:func:`document`) and written by the one renderer of
:mod:`ozggraph.output.document`; the HTML form is the interactive explorer of
:mod:`ozggraph.output.explorer` (tables, the charts of
:mod:`ozggraph.output.report_charts`, the network).

>>> import ozggraph
>>> from ozggraph.output.report import build_report
>>> text = render(build_report(ozggraph.load_graph(MINI)), "md", lang="en")
>>> text.splitlines()[0]
'# OZG cooperation report'
"""

from __future__ import annotations

from ozggraph.i18n import _, language
from ozggraph.output import document as doc
from ozggraph.output.document import FORMATS, Document
from ozggraph.output.report_data import Report
from ozggraph.output.report_sections import more_line, sections, stamp_line
from ozggraph.output.stamp import line
from ozggraph.output.stamp import to_json as envelope

__all__ = ["FORMATS", "TITLE", "document", "render"]

TITLE = "OZG cooperation report"


def document(report: Report, *, charts: bool = False) -> Document:
    """The report laid out as a document; ``charts``: with the PNG charts (for HTML)."""
    out = Document()
    out.title(_(TITLE))
    out.note(stamp_line(report))
    for section in sections(report):
        out.heading(section.title)
        out.note(section.note)
        for table in section.tables:
            out.table(table.caption or "", table.columns, table.rows, table.align)
            if more := more_line(table):
                out.note(more)
        if charts and section.chart:
            from ozggraph.output.report_charts import chart_png  # matplotlib only when asked for

            out.image(f"{section.chart} chart", png=chart_png(report, section.chart))
    out.note(f"{_('Cite as')}: {line(report.stamp)}")
    return out


def render(report: Report, fmt: str, *, width: int = 120, lang: str | None = None) -> str:
    """``report`` in format ``fmt`` (one of :data:`FORMATS`), in ``lang`` (``de`` or ``en``;
    ``None``: from the locale)."""
    with language(lang):
        return _render(report, fmt, width)


def _render(report: Report, fmt: str, width: int) -> str:
    if fmt == "json":  # the one envelope: the stamp, then the sections
        data = report.to_dict()
        return envelope(data.pop("stamp"), data, indent=1)
    if fmt == "html":
        from ozggraph.output.explorer import explorer  # matplotlib only when asked for

        return explorer(report)
    return doc.render(document(report, charts=fmt == "html"), fmt, width=width)
