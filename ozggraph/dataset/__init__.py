"""The dataset: validated nodes and relationships read from ``seed/``.

>>> from ozggraph.dataset import read_dataset
>>> ds = read_dataset(MINI)          # doctest: +SKIP
>>> ds.nodes["ags-06"].name                           # doctest: +SKIP
'Hessen'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from ozggraph.dataset.files import DATASET_SUFFIXES, Record, dataset_files, read_files
from ozggraph.dataset.locations import default_seed_path
from ozggraph.dataset.validate import check, parse
from ozggraph.errors import DatasetError, NotADatasetError, Problem
from ozggraph.schema import Edge, Node


@dataclass
class Dataset:
    """Validated nodes by id and relationships by relationship id."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    path: Path | None = None

    def label_counts(self) -> Counter[str]:
        return Counter(n.label for n in self.nodes.values())


def read_dataset(path: str | Path | None = None) -> Dataset:
    """Read and validate a dataset; raise :class:`DatasetError` listing every problem."""
    root = Path(path) if path is not None else default_seed_path()
    check_dataset_path(root)
    records, problems = read_files(root)
    parsed, problems = validate_records(records, problems)
    if problems:
        raise DatasetError(problems, str(root))
    dataset = Dataset(path=root)
    for item, _ in parsed:
        if isinstance(item, Node):
            dataset.nodes[item.id] = item
        else:
            dataset.edges[item.id] = item
    return dataset


def validate_records(
    records: list[Record],
    read_problems: list[Problem],
    valid: list[tuple[Node | Edge, Record]] | None = None,
) -> tuple[list[tuple[Node | Edge, Record]], list[Problem]]:
    """Validate records read by :func:`~ozggraph.dataset.files.read_files`; all problems found.

    The reading problems come first, then each record's field problems, then the
    whole-dataset checks. A file that gave no records because it could not be read
    at all (empty, binary, not UTF-8 ...) makes references to the ids it held one
    summary line on that file instead of hundreds of consequential ones.

    ``valid``: records of other files validated before (the ``parsed`` of an earlier
    call), to check one changed file against the rest without parsing all again.
    """
    parsed, field_problems = parse(records)
    parsed += valid or []
    records = records + [rec for _, rec in valid or []]
    read = {rec.file for rec in records}
    unreadable = list(
        dict.fromkeys(
            p.file
            for p in read_problems
            if p.file not in read and PurePath(p.file).suffix in DATASET_SUFFIXES
        )
    )
    return parsed, [*read_problems, *field_problems, *check(parsed, records, unreadable)]


def check_dataset_path(root: Path) -> None:
    """Raise :class:`NotADatasetError` unless ``root`` may hold a dataset (read nothing yet).

    A dataset is a folder of ``.yaml`` and ``.csv`` files (see docs/dataset.md), or one
    such file: ``README.md`` or a folder without any of them is no dataset, and saying
    "ok: 0 nodes" for it would hide the mistake.
    """
    shown = str(root)
    if not root.exists():
        raise NotADatasetError(shown, "no such file or directory")
    if root.is_file() and root.suffix not in DATASET_SUFFIXES:
        raise NotADatasetError(
            shown,
            "not a dataset file: a dataset is a folder of .yaml and .csv files "
            "(like seed/), or one such file",
        )
    if root.is_dir() and not any(p.suffix in DATASET_SUFFIXES for p in dataset_files(root)):
        raise NotADatasetError(
            shown, "no dataset files (.yaml, .csv) in this folder: it is not a dataset"
        )


__all__ = [
    "Dataset",
    "check_dataset_path",
    "default_seed_path",
    "read_dataset",
    "validate_records",
]
