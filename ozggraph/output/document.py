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
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    from rich.console import Console  # rich only for text: md, html and json go without
    from rich.markup import escape

    width = width or max(shutil.get_terminal_size((160, 40)).columns, 100)
    console = Console(file=io.StringIO(), width=width, record=True, highlight=False)
    for block in doc.blocks:
        if block.kind == "title":
            console.rule(f"[bold]{escape(block.text)}")
        elif block.kind == "heading":
            console.print()
            console.print(f"[bold]{escape(block.text)}[/bold]")
        elif block.kind == "note":
            console.print(block.text, markup=False, style="dim")
        elif block.kind == "line":
            console.print(block.text, markup=False)
        elif block.kind == "table":
            console.print(_text_table(block, console.width))
        elif block.kind == "image" and block.path:
            console.print(f"{block.text}: {block.path}", markup=False)
    return console.export_text()


def _text_table(block: Block, width: int) -> Table:
    """One line per row: only the name (first left-aligned) column gives way, cut with "…"."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    align = block.align or "l" * len(block.headers)
    narrow = width < 100  # narrow terminals: no vertical rules, one space between columns
    table = Table(
        title=escape(block.text),
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
        padding=(0, 0) if narrow else (0, 1),
    )
    rows = _rows(block)
    natural = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(block.headers)]
    gaps = (1 if narrow else 3) * (len(natural) - 1)
    lefts = [i for i, a in enumerate(align) if a == "l"]
    # the widest left-aligned column (the name) gives way; others cut at 24 when short of room
    flexible = max(lefts, key=lambda i: natural[i]) if lefts else -1
    fits = sum(natural) + gaps <= width
    widths = [
        w if fits or a != "l" or i == flexible else min(w, 24)
        for i, (w, a) in enumerate(zip(natural, align, strict=True))
    ]
    room = width - gaps - sum(w for i, w in enumerate(widths) if i != flexible)
    for i, (header, a) in enumerate(zip(block.headers, align, strict=True)):
        table.add_column(
            escape(header),
            justify="right" if a == "r" else "left",
            no_wrap=True,
            overflow="ellipsis",
            min_width=None if i == flexible else widths[i],
            max_width=max(room, 8) if i == flexible else widths[i],
        )
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # plain: no markup or emoji to parse
    return table


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


def _html(doc: Document) -> str:
    """One self-contained page styled like the report's explorer: contents bar, sortable
    and searchable tables (its CSS and script inline, no request leaves the file)."""
    esc = html.escape
    title = next((b.text for b in doc.blocks if b.kind == "title"), None)
    body: list[str] = []
    contents: list[str] = []
    for i, block in enumerate(doc.blocks):
        if block.kind == "title":
            body.append(f"<h1>{esc(block.text)}</h1>")
        elif block.kind == "heading":
            title = title or block.text
            contents.append(f'<a href="#h{i}">{esc(block.text)}</a>')
            body.append(f'<h2 id="h{i}">{esc(block.text)}</h2>')
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
                f'<table class="sortable searchable">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table>"
            )
        elif block.kind == "image" and (block.png or block.path):
            png = block.png if block.png is not None else Path(str(block.path)).read_bytes()
            data = base64.b64encode(png).decode("ascii")
            body.append(
                f'<figure><img alt="{esc(block.text)}" src="data:image/png;base64,{data}">'
                f"<figcaption>{esc(block.text)}</figcaption></figure>"
            )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title or 'ozggraph')}</title><style>{asset('explorer.css')}</style>"
        f'</head><body><nav id="contents">{"".join(contents)}</nav><main>\n'
        + "\n".join(body)
        + f"\n</main><script>{script(asset('explorer.js'))}</script></body></html>\n"
    )


def asset(name: str) -> str:
    """Text of a file in ``ozggraph/output/assets``."""
    return resources.files("ozggraph.output").joinpath("assets", name).read_text("utf-8")


def script(text: str) -> str:
    """Script text safe inside ``<script>``: nothing can close the element early.

    JSON may escape every ``</``; code only ever has ``</script`` inside strings.
    """
    if text.lstrip().startswith(("{", "[")):
        return text.replace("</", "<\\/")
    return re.sub(r"</(script)", lambda m: "<\\/" + m.group(1), text, flags=re.IGNORECASE)
