"""What the two EfA tables share: the solutions they build up, how sure a reuse stage is,
and the run both read into (:class:`EfaRun`).

:mod:`ozggraph.importers.efa` reads ``efa_reuse.csv`` and then, through
:func:`ozggraph.importers.efa_adoption.adopt`, the adoption table into one run; this
module is below both, so neither imports the other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ozggraph.importers.efa_catalogue import Catalogue
from ozggraph.importers.resolve import Reference, Resolver, SourceBook
from ozggraph.importers.seed_yaml import EdgeBook
from ozggraph.schema.nodes import Solution
from ozggraph.schema.types import Evidence

#: How sure a reuse stage is, as the table's wording of it says (see the module docstring).
STAGE_EVIDENCE: dict[str, Evidence] = {
    "interest": "announced",
    "planned": "planned",
    "contract": "agreed",
    "connected": "fact",
    "live": "fact",
}


@dataclass
class SolutionDraft:
    """A solution as the rows of both tables build it up (:meth:`node` makes the node)."""

    node_id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    adopters: list[str] = field(default_factory=list)

    def cite(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def node(self) -> Solution:
        return Solution(
            id=self.node_id,
            name=self.name,
            aliases=self.aliases,
            kind=self.kind,
            sources=self.sources,
            note=" | ".join(self.notes) or None,
            reported_adopters=self.adopters,
        )


class EfaRun(Protocol):
    """The state of one EfA import that the adoption table adds to
    (:class:`ozggraph.importers.efa.EfaImport`)."""

    table: Path
    reference: Reference
    sources: SourceBook
    resolver: Resolver
    edges: EdgeBook
    catalogue: Catalogue
    solutions: dict[str, SolutionDraft]
    adopted_new: set[str]
