"""A small document model (headings, lines, tables, images) rendered as text, md or html.

The spread commands build a :class:`Document`; :func:`render` writes it as rich
text for the terminal, Markdown for a wiki, or one self-contained HTML file
(images inlined). JSON output does not go through here: it dumps the results.
"""

from __future__ import annotations

import base64
import html
import io
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

FORMATS = ("text", "json", "md", "html")


@dataclass
class Block:
    kind: str  #: heading, line, table or image
    text: str = ""
    headers: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = field(default_factory=list)
    path: Path | None = None


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text))

    def line(self, text: str) -> None:
        self.blocks.append(Block("line", text))

    def table(self, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.blocks.append(Block("table", title, headers, rows))

    def image(self, caption: str, path: Path) -> None:
        self.blocks.append(Block("image", caption, path=path))


def render(doc: Document, fmt: str, width: int | None = None) -> str:
    """The document as ``text``, ``md`` or ``html``."""
    if fmt == "md":
        return _markdown(doc)
    if fmt == "html":
        return _html(doc)
    return _text(doc, width)


def _text(doc: Document, width: int | None) -> str:
    width = width or max(shutil.get_terminal_size((160, 40)).columns, 100)
    console = Console(file=io.StringIO(), width=width, record=True, highlight=False)
    for block in doc.blocks:
        if block.kind == "heading":
            console.print(f"[bold]{escape(block.text)}[/bold]")
        elif block.kind == "line":
            console.print(block.text, markup=False, soft_wrap=True)
        elif block.kind == "table":
            table = Table(title=escape(block.text), title_justify="left")
            for header in block.headers:
                table.add_column(escape(header), overflow="fold")
            for row in block.rows:
                table.add_row(*(escape(cell) for cell in row))
            console.print(table)
        elif block.kind == "image" and block.path:
            console.print(f"{block.text}: {block.path}", markup=False, soft_wrap=True)
    return console.export_text()


def _cell_md(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _markdown(doc: Document) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if block.kind == "heading":
            out += [f"## {block.text}", ""]
        elif block.kind == "line":
            out += [block.text, ""]
        elif block.kind == "table":
            out += [
                f"**{block.text}**",
                "",
                "| " + " | ".join(block.headers) + " |",
                "|" + "---|" * len(block.headers),
            ]
            out += ["| " + " | ".join(_cell_md(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif block.kind == "image" and block.path:
            out += [f"![{block.text}]({block.path})", ""]
    return "\n".join(out)


def _html(doc: Document) -> str:
    """One self-contained page styled like the report: contents bar, sortable tables."""
    from ozggraph.report.explorer import asset, script

    esc = html.escape
    body: list[str] = []
    contents: list[str] = []
    title = "ozggraph spread"
    for i, block in enumerate(doc.blocks):
        if block.kind == "heading":
            if not contents:
                title = block.text
            contents.append(f'<a href="#h{i}">{esc(block.text)}</a>')
            body.append(f'<h2 id="h{i}">{esc(block.text)}</h2>')
        elif block.kind == "line":
            body.append(f'<p class="note">{esc(block.text)}</p>')
        elif block.kind == "table":
            head = "".join(f"<th>{esc(h)}</th>" for h in block.headers)
            rows = "".join(
                "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in block.rows
            )
            body.append(
                f'<table class="sortable searchable"><caption>{esc(block.text)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            )
        elif block.kind == "image" and block.path:
            data = base64.b64encode(block.path.read_bytes()).decode("ascii")
            body.append(
                f'<figure><img alt="{esc(block.text)}" src="data:image/png;base64,{data}">'
                f"<figcaption>{esc(block.text)}</figcaption></figure>"
            )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{asset('explorer.css')}</style></head><body>"
        f'<nav id="contents">{"".join(contents)}</nav><main>{"".join(body)}</main>'
        f"<script>{script(asset('explorer.js'))}</script></body></html>\n"
    )
