"""The dataset: validated nodes and relationships read from ``seed/``.

>>> from ozggraph.dataset import read_dataset
>>> ds = read_dataset("tests/fixtures/mini")          # doctest: +SKIP
>>> ds.nodes["ags-06"].name                           # doctest: +SKIP
'Hessen'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ozggraph.dataset.files import read_files
from ozggraph.dataset.validate import check, parse
from ozggraph.errors import DatasetError, Problem
from ozggraph.locations import default_seed_path
from ozggraph.schema import Edge, Node


@dataclass
class Dataset:
    """Validated nodes by id and relationships by relationship id."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    path: Path | None = None

    def label_counts(self) -> Counter[str]:
        return Counter(n.label for n in self.nodes.values())

    def type_counts(self) -> Counter[str]:
        return Counter(e.type for e in self.edges.values())


def read_dataset(path: str | Path | None = None) -> Dataset:
    """Read and validate a dataset; raise :class:`DatasetError` listing every problem."""
    root = Path(path) if path is not None else default_seed_path()
    if not root.exists():
        raise DatasetError([Problem(str(root), None, None, "no such file or directory")])
    records, problems = read_files(root)
    parsed, field_problems = parse(records)
    problems += field_problems + check(parsed, records)
    if problems:
        raise DatasetError(problems)
    dataset = Dataset(path=root)
    for item, _ in parsed:
        if isinstance(item, Node):
            dataset.nodes[item.id] = item
        else:
            dataset.edges[item.id] = item
    return dataset


__all__ = ["Dataset", "default_seed_path", "read_dataset"]
