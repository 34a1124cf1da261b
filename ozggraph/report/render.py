"""The report as text (rich tables), Markdown, JSON or one self-contained HTML file.

>>> import ozggraph
>>> from ozggraph.report.build import build_report
>>> text = render(build_report(ozggraph.load_graph("tests/fixtures/mini")), "md")
>>> text.splitlines()[0]
'# OZG cooperation report'
"""

from __future__ import annotations

import io
import json

from rich import box
from rich.console import Console
from rich.table import Table as RichTable

from ozggraph.report.build import Report
from ozggraph.report.tables import Section, more_line, sections, stamp_line

FORMATS = ("text", "md", "json", "html")
TITLE = "OZG cooperation report"


def render(report: Report, fmt: str, *, color: bool = False, width: int = 120) -> str:
    """``report`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    if fmt == "md":
        return markdown(report)
    if fmt == "html":
        from ozggraph.report.explorer import explorer  # matplotlib only when asked for

        return explorer(report)
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, width=width, color_system="auto" if color else None
    )
    print_text(report, console)
    return buffer.getvalue()


def print_text(report: Report, console: Console) -> None:
    """The report as rich tables on ``console``."""
    console.rule(f"[bold]{TITLE}")
    console.print(stamp_line(report), style="dim")
    for section in sections(report):
        console.print()
        console.rule(f"[bold cyan]{section.title}", align="left")
        console.print(section.note, style="dim")
        for table in section.tables:
            if table.caption:
                console.print(f"[bold]{table.caption}")
            # narrow terminals: no vertical rules, one space between columns
            narrow = console.width < 100
            rich = RichTable(
                header_style="bold",
                show_edge=False,
                pad_edge=False,
                box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
                padding=(0, 0) if narrow else (0, 1),
            )
            # one line per row: only the name column gives way, cut with "…"
            flexible = table.align.find("l")
            widths = [
                min(max([len(c), *(len(row[i]) for row in table.rows)]), 24 if a == "l" else 99)
                for i, (c, a) in enumerate(zip(table.columns, table.align, strict=True))
            ]
            gaps = (1 if narrow else 3) * (len(widths) - 1)
            room = console.width - gaps - sum(w for i, w in enumerate(widths) if i != flexible)
            for i, (column, align) in enumerate(zip(table.columns, table.align, strict=True)):
                rich.add_column(
                    column,
                    justify="right" if align == "r" else "left",
                    no_wrap=True,
                    overflow="ellipsis",
                    min_width=None if i == flexible else widths[i],
                    max_width=max(min(48, room), 8) if i == flexible else widths[i],
                )
            for row in table.rows:
                rich.add_row(*row)
            if not table.rows:
                rich.add_row("(none)", *[""] * (len(table.columns) - 1))
            console.print(rich)
            if more_line(table):
                console.print(more_line(table), style="dim")
    console.print()
    console.print(f"Cite as: {stamp_line(report)}", style="dim")


def markdown(report: Report) -> str:
    """GitHub-flavoured Markdown that pastes into a wiki."""
    lines = [f"# {TITLE}", "", f"*{stamp_line(report)}*", ""]
    for section in sections(report):
        lines += _md_section(section)
    s = report.stamp
    lines += [
        "---",
        f"ozggraph {s['ozggraph_version']}, dataset `{s['dataset_checksum']}`, "
        f"backend {s['backend']}, as of {s['as_of'] or 'all dates'}"
        + (f", Land {s['land']}" if s["land"] else ""),
        "",
    ]
    return "\n".join(lines)


def _md_section(section: Section) -> list[str]:
    lines = [f"## {section.title}", "", section.note, ""]
    for table in section.tables:
        if table.caption:
            lines += [f"**{table.caption}**", ""]
        lines.append("| " + " | ".join(table.columns) + " |")
        lines.append("|" + "|".join("---:" if a == "r" else "---" for a in table.align) + "|")
        for row in table.rows or [["(none)", *[""] * (len(table.columns) - 1)]]:
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        if more_line(table):
            lines += ["", f"*{more_line(table)}*"]
        lines.append("")
    return lines
