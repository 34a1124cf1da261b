"""The cooperation report as data: the sections every renderer reads, and the stamp.

:func:`~ozggraph.output.report.build_report` fills a :class:`Report`; the renderers
(:mod:`~ozggraph.output.render`, :mod:`~ozggraph.output.explorer` ...) read it. It lives
apart from the builder so that the renderers sit below it and the builder above them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

import numpy as np


@dataclass
class Report:
    """Sections of the report; :meth:`to_dict` is the complete machine-readable form."""

    stamp: dict[str, Any]
    overview: dict[str, Any]
    central: list[dict[str, Any]]
    brokers: list[dict[str, Any]]
    communities: list[dict[str, Any]]
    cross_ties: dict[str, Any]
    funding: dict[str, Any]
    coverage: dict[str, Any]
    weak_points: dict[str, Any]
    nodes: dict[str, dict[str, Any]]
    picture: dict[str, Any]
    #: Names of every other node the sections mention (funders, programmes, solutions …).
    names: dict[str, str]
    #: The layers of the network, their meaning and how links are weighted.
    network_model: dict[str, Any] = field(default_factory=dict)
    #: Per layer (all of them): size and leading bodies (:func:`layer_rankings`).
    layers: dict[str, Any] = field(default_factory=dict)
    #: How the PageRank ranking holds under other weightings (:func:`robustness`).
    robustness: dict[str, Any] = field(default_factory=dict)
    #: Two-mode betweenness of the contexts (:func:`contexts_that_bridge`).
    two_mode: dict[str, Any] = field(default_factory=dict)
    #: Builds the explorer's data on first use (only html and json read it).
    _explorer: Callable[[], dict[str, Any]] | None = field(default=None, repr=False)

    @cached_property
    def explorer(self) -> dict[str, Any]:
        """For the html explorer: each body's ties with sources and layer, the sources,
        each link's layers (:func:`~ozggraph.output.facts.explorer_facts`)."""
        return self._explorer() if self._explorer else {}

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (NaN becomes None), the explorer's data included."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}
        return _clean({**data, "explorer": self.explorer})

    #: Renders the report as Markdown (set by the builder: the renderers import this module).
    _markdown: Callable[[Report], str] | None = field(default=None, repr=False)

    def _repr_markdown_(self) -> str | None:
        """Jupyter shows a report as its Markdown tables."""
        return self._markdown(self) if self._markdown else None


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, np.generic):
        return _clean(value.item())
    return value
