"""The one document model (title, headings, notes, lines, tables, images) and its renderer.

Every document ozggraph writes (the cooperation report, the spread documents) is
built as a :class:`Document`; :func:`render` writes it as rich text for the
terminal, Markdown for a wiki, or one self-contained HTML file (images inlined).
JSON output does not go through here: it dumps the results themselves.

>>> doc = Document()
>>> doc.title("Report")
>>> doc.table("Bodies", ["name", "ties"], [["Gießen", "3"]], align="lr")
>>> print(render(doc, "md"))
# Report
<BLANKLINE>
**Bodies**
<BLANKLINE>
| name | ties |
|---|---:|
| Gießen | 3 |
<BLANKLINE>
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

#: The formats of every document ozggraph writes (reports and spread documents).
FORMATS = ("text", "md", "json", "html")
#: What an empty table shows.
NONE = "(none)"


@dataclass
class Block:
    kind: str  #: title, heading, note, line, table or image
    text: str = ""
    headers: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = field(default_factory=list)
    align: str = ""  #: per column: ``r`` right (numbers), ``l`` left
    path: Path | None = None
    png: bytes | None = None


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)

    def title(self, text: str) -> None:
        self.blocks.append(Block("title", text))

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text))

    def note(self, text: str) -> None:
        """A quieter line: what a section means, the stamp."""
        self.blocks.append(Block("note", text))

    def line(self, text: str) -> None:
        self.blocks.append(Block("line", text))

    def table(
        self,
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        align: str = "",
    ) -> None:
        self.blocks.append(Block("table", title, headers, rows, align or "l" * len(headers)))

    def image(self, caption: str, path: Path | None = None, png: bytes | None = None) -> None:
        self.blocks.append(Block("image", caption, path=path, png=png))


def render(doc: Document, fmt: str, width: int | None = None) -> str:
    """The document as ``text``, ``md`` or ``html``."""
    if fmt == "md":
        return _markdown(doc)
    if fmt == "html":
        return _html(doc)
    return _text(doc, width)


def _rows(block: Block) -> Sequence[Sequence[str]]:
    return block.rows or [[NONE, *[""] * (len(block.headers) - 1)]]


def _text(doc: Document, width: int | None) -> str:
    width = width or max(shutil.get_terminal_size((160, 40)).columns, 100)
    console = Console(file=io.StringIO(), width=width, record=True, highlight=False)
    for block in doc.blocks:
        if block.kind == "title":
            console.rule(f"[bold]{escape(block.text)}")
        elif block.kind == "heading":
            console.print()
            console.print(f"[bold]{escape(block.text)}[/bold]")
        elif block.kind == "note":
            console.print(block.text, markup=False, soft_wrap=True, style="dim")
        elif block.kind == "line":
            console.print(block.text, markup=False, soft_wrap=True)
        elif block.kind == "table":
            table = Table(title=escape(block.text), title_justify="left")
            for header, align in zip(block.headers, block.align or "", strict=False):
                table.add_column(
                    escape(header), overflow="fold", justify="right" if align == "r" else "left"
                )
            for row in _rows(block):
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
        if block.kind == "title":
            out += [f"# {block.text}", ""]
        elif block.kind == "heading":
            out += [f"## {block.text}", ""]
        elif block.kind == "note":
            out += [f"*{block.text}*", ""]
        elif block.kind == "line":
            out += [block.text, ""]
        elif block.kind == "table":
            if block.text:
                out += [f"**{block.text}**", ""]
            out += [
                "| " + " | ".join(block.headers) + " |",
                "|" + "".join("---:|" if a == "r" else "---|" for a in block.align) + "",
            ]
            out += ["| " + " | ".join(_cell_md(c) for c in row) + " |" for row in _rows(block)]
            out.append("")
        elif block.kind == "image" and block.path:
            out += [f"![{block.text}]({block.path})", ""]
    return "\n".join(out)


CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{margin-bottom:.2rem} .note{color:#666;font-size:.9rem}
h2{border-bottom:2px solid #3b6ea5;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.9rem}
th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd} th{background:#eef3f8;text-align:left}
td.r,th.r{text-align:right} caption{text-align:left;font-weight:600;padding:.3rem 0}
img{max-width:100%;border:1px solid #eee}
"""


def _html(doc: Document) -> str:
    esc = html.escape
    title = next((b.text for b in doc.blocks if b.kind == "title"), "ozggraph")
    body: list[str] = []
    for block in doc.blocks:
        if block.kind == "title":
            body.append(f"<h1>{esc(block.text)}</h1>")
        elif block.kind == "heading":
            body.append(f"<h2>{esc(block.text)}</h2>")
        elif block.kind == "note":
            body.append(f'<p class="note">{esc(block.text)}</p>')
        elif block.kind == "line":
            body.append(f"<p>{esc(block.text)}</p>")
        elif block.kind == "table":
            cls = [' class="r"' if a == "r" else "" for a in block.align]
            head = "".join(
                f"<th{c}>{esc(h)}</th>" for h, c in zip(block.headers, cls, strict=False)
            )
            rows = "".join(
                "<tr>"
                + "".join(f"<td{c}>{esc(v)}</td>" for v, c in zip(row, cls, strict=False))
                + "</tr>"
                for row in _rows(block)
            )
            caption = f"<caption>{esc(block.text)}</caption>" if block.text else ""
            body.append(
                f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            )
        elif block.kind == "image" and (block.png or block.path):
            png = block.png if block.png is not None else Path(str(block.path)).read_bytes()
            data = base64.b64encode(png).decode("ascii")
            body.append(
                f'<figure><img alt="{esc(block.text)}" src="data:image/png;base64,{data}">'
                f"<figcaption>{esc(block.text)}</figcaption></figure>"
            )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
        f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
