"""Reading ``seed/`` files into raw records that remember where they came from.

Two formats, both reviewable in a diff:

* YAML (``*.yaml``): a mapping with ``nodes:`` and/or ``edges:`` lists; each
  node names its ``label``, each relationship its ``type``.
* CSV (``Label.csv`` or ``TYPE.csv``, optionally ``Label.part.csv``): one
  record per row of one kind, named by the file; list cells use ``|``.

Plain YAML scalars are read as text (``06431002`` stays an AGS, ``2021-03``
stays a partial date); the schema converts numbers where a field is numeric.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ozggraph.errors import Problem
from ozggraph.schema import EDGE_TYPES, NODE_TYPES, list_fields

LIST_SEPARATOR = "|"
IGNORED_SUFFIXES = {".md", ".txt"}


@dataclass
class Record:
    """One node or relationship as written in a file, before validation."""

    kind: str  # "node" or "edge"
    name: str  # label or relationship type
    data: dict[str, Any]
    file: str
    line: int | None

    def describe(self) -> str:
        if self.kind == "node":
            return f"{self.name} '{self.data.get('id', '?')}'"
        return f"{self.name} {self.data.get('source', '?')}->{self.data.get('target', '?')}"


# libyaml's C parser where PyYAML was built with it: ten times faster on seed/.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """Safe YAML with line numbers on mappings, text scalars and no duplicate keys."""


# Keep only null and bool implicit resolvers: every other plain scalar is text.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.endswith((":null", ":bool"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if not isinstance(key, str | int | float | bool | None):
            raise yaml.constructor.ConstructorError(
                None, None, f"a key is plain text, not {type(key).__name__}", key_node.start_mark
            )
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    mapping: dict[str, Any] = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


#: The suffixes of dataset files; anything else in a dataset folder is a problem.
DATASET_SUFFIXES = (".yaml", ".yml", ".csv")


def dataset_files(root: Path) -> list[Path]:
    """Every file of the dataset at ``root``: ``root`` itself, or the files under it.

    Hidden files and folders (``.git``, ``.venv``) and ``__pycache__`` are no part of a dataset.
    """
    if root.is_file():
        return [root]
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(
            part.startswith(".") or part == "__pycache__" for part in p.relative_to(root).parts
        )
    )


def read_files(root: Path) -> tuple[list[Record], list[Problem]]:
    """Every record under ``root`` (a directory or one file), with the problems met reading.

    A file that cannot be read as a whole (empty, binary, not UTF-8, not YAML)
    gives one problem with ``record=None`` naming the file, and no records.
    """
    records: list[Record] = []
    problems: list[Problem] = []
    for path in dataset_files(root):
        shown = _display(path, root)
        if path.suffix in IGNORED_SUFFIXES:
            continue
        if path.suffix in (".yaml", ".yml"):
            reader = _read_yaml
        elif path.suffix == ".csv":
            reader = _read_csv
        else:
            problems.append(Problem(shown, None, None, "not a .yaml or .csv file"))
            continue
        text = _read_text(path, shown)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        for item in reader(text, path, shown):
            if isinstance(item, Record):
                records.append(item)
            else:
                problems.append(item)
    return records, problems


def _read_text(path: Path, shown: str) -> str | Problem:
    """The text of a dataset file, or the one problem that stops it being read at all."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(shown, None, None, f"cannot be read: {exc.strerror or exc}")
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        return Problem(shown, line, None, "binary data (a NUL byte), not a text file")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark (Excel) is harmless
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start : exc.start + 1].hex()
        return Problem(
            shown, line, None, f"not UTF-8 text: byte 0x{byte} at column {column} (save as UTF-8)"
        )
    if not text.strip():
        kind = (
            "a CSV file starts with a header row"
            if path.suffix == ".csv"
            else ("a seed YAML file holds 'nodes' and/or 'edges'")
        )
        return Problem(shown, None, None, f"the file is empty ({kind})")
    return text


def _display(path: Path, root: Path) -> str:
    base = root if root.is_dir() else root.parent
    try:
        return str(Path(base.name) / path.relative_to(base))
    except ValueError:
        return str(path)


def _read_yaml(text: str, path: Path, shown: str) -> Iterator[Record | Problem]:
    try:
        doc = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        yield Problem(shown, line, None, f"not valid YAML: {exc.problem}")
        return
    except yaml.YAMLError as exc:
        yield Problem(shown, None, None, f"not valid YAML: {exc}")
        return
    if doc is None:
        yield Problem(shown, None, None, "the file holds no YAML, only comments: it is empty")
        return
    if not isinstance(doc, dict):
        yield Problem(shown, 1, None, "a seed YAML file is a mapping with 'nodes' and 'edges'")
        return
    doc.pop("__line__", None)
    for key in sorted(set(doc) - {"nodes", "edges"}):
        yield Problem(shown, None, None, f"unknown top-level key {key!r} (use nodes, edges)")
    for section, kind, tag in (("nodes", "node", "label"), ("edges", "edge", "type")):
        items = doc.get(section) or []
        if not isinstance(items, list):
            yield Problem(shown, None, None, f"'{section}' must be a list")
            continue
        for item in items:
            yield _yaml_record(item, kind, tag, shown)


def _yaml_record(item: Any, kind: str, tag: str, shown: str) -> Record | Problem:
    if not isinstance(item, dict):
        return Problem(shown, None, None, f"each {kind} is a mapping, got {item!r}")
    line = item.pop("__line__", None)
    name = item.pop(tag, None)
    known = NODE_TYPES if kind == "node" else EDGE_TYPES
    if not isinstance(name, str) or name not in known:
        record = Record(kind, str(name), item, shown, line).describe()
        return Problem(shown, line, record, f"unknown {tag} {name!r}")
    return Record(kind, name, item, shown, line)


def _read_csv(text: str, path: Path, shown: str) -> Iterator[Record | Problem]:
    name = path.name.split(".")[0]
    if name in NODE_TYPES:
        kind, model = "node", NODE_TYPES[name]
    elif name in EDGE_TYPES:
        kind, model = "edge", EDGE_TYPES[name]  # type: ignore[assignment]
    else:
        yield Problem(shown, None, None, f"file name {name!r} is not a node label or edge type")
        return
    lists = list_fields(model)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        unknown = [c for c in header if c not in model.model_fields]
        twice = sorted({c for c in header if header.count(c) > 1})
        if twice:
            yield Problem(shown, 1, None, f"column(s) named twice: {', '.join(twice)}")
            return
        if unknown:
            shown_cols = ", ".join(repr(c) for c in unknown)
            yield Problem(shown, 1, None, f"unknown column(s) for {name}: {shown_cols}")
            return
        rows = 0
        for row in reader:
            if not row:
                continue
            rows += 1
            if len(row) != len(header):
                more = "more" if len(row) > len(header) else "fewer"
                counts = f"{len(row)} cells, {len(header)} columns"
                yield Problem(shown, reader.line_num, None, f"{more} cells than columns ({counts})")
                continue
            data = {
                k: (v.split(LIST_SEPARATOR) if k in lists else v)
                for k, v in zip(header, row, strict=True)
                if v != ""
            }
            yield Record(kind, name, data, shown, reader.line_num)
        if not rows:  # importers never write an empty table: rows were lost
            yield Problem(shown, None, None, f"a {name} table with a header and no rows")
    except csv.Error as exc:
        yield Problem(shown, reader.line_num, None, f"not valid CSV: {exc}")
