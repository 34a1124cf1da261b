"""Writing importer output as seed tables: one CSV per label or type, plus ``sources.yaml``.

Rows are sorted (nodes by ``id``, relationships by ``source``, ``target``,
``key``) and written with ``\\n`` line ends, so that a rerun on the same input
gives byte-identical files.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from ozggraph.atomic import open_atomic, write_text
from ozggraph.dataset.files import LIST_SEPARATOR

#: A cell: text, a whole number, a list (joined with ``|``) or nothing.
Cell = str | int | list[str] | None
Row = dict[str, Cell]
#: Rows by file stem: a node label (``Municipality``) or a relationship type (``PART_OF``).
Tables = dict[str, list[Row]]


def sort_key(row: Mapping[str, Cell]) -> tuple[str, ...]:
    """Nodes sort by id, relationships by their ends and key."""
    if "id" in row:
        return (str(row["id"]),)
    return tuple(str(row.get(k) or "") for k in ("source", "target", "key"))


def sorted_rows(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=sort_key)


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def write_csv(rows: list[Row], path: Path) -> None:
    """One table; the columns are the keys of the rows in first-seen order, minus empty ones."""
    columns = [
        key
        for key in dict.fromkeys(key for row in rows for key in row)
        if any(row.get(key) not in (None, "", []) for row in rows)
    ]
    with open_atomic(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in sorted_rows(rows):
            writer.writerow([_cell(row.get(column)) for column in columns])


def write_tables(tables: Tables, outdir: str | Path) -> list[Path]:
    """Write each table to ``outdir/<name>.csv``; return the paths written."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(tables):
        path = out / f"{name}.csv"
        write_csv(tables[name], path)
        written.append(path)
    return written


def write_sources(sources: list[dict[str, str]], path: Path, comment: str) -> Path:
    """``sources.yaml`` holding the ``Source`` nodes the tables cite."""
    nodes = [{"label": "Source", **source} for source in sources]
    body = yaml.safe_dump({"nodes": nodes}, allow_unicode=True, sort_keys=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, f"# {comment}\n{body}", newline="\n")
    return path
