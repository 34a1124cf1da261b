"""Linking an EfA solution to the OZG catalogue from the table's free-text wording.

The cell reads like ``"Elterngeld (Themenfeld Familie & Kind)"``: the Leistung
before the brackets, the Themenfeld after the word ``Themenfeld``. A Leistung
is linked (``IMPLEMENTS``) only when the wording is unambiguous:

* an explicit ``OZG-ID 10257``;
* a name equal to one catalogue name, or to the bracketed short name of exactly
  one (``BAföG`` -> ``Ausbildungsförderung (BAföG)``);
* an entry of :data:`LEISTUNGEN`, where we decided by hand.

Anything else is linked to its Themenfeld only (``ADDRESSES``), and the
solution's note says which wording matched no catalogue entry.
"""

from __future__ import annotations

import re
from pathlib import Path

from ozggraph.importers.resolve import Reference, key, split_remark, table_error
from ozggraph.importers.seed_yaml import EdgeBook

#: Table wordings that name a catalogue entry in other words; each entry is a decision.
LEISTUNGEN = {
    # The catalogue's "Bauvorbescheid und Baugenehmigung": the same two Leistungen.
    "Baugenehmigung, Bauvorbescheid": "10519",
}


class Catalogue:
    """OZG-Leistungen and Themenfelder of the dataset, matched against table wording."""

    def __init__(self, reference: Reference) -> None:
        self.services: dict[str, set[str]] = {}
        self.short: dict[str, set[str]] = {}
        self.ids: set[str] = set()
        for node in reference.labelled("OZGService"):
            ozg_id = str(node.data.get("ozg_id") or node.id.removeprefix("ozg-"))
            self.ids.add(ozg_id)
            self.services.setdefault(key(node.name), set()).add(ozg_id)
            _, short = split_remark(node.name)
            if short:
                self.short.setdefault(key(short), set()).add(ozg_id)
        self.themenfelder = {
            n.name: n.id for n in reference.labelled("Topic") if n.id.startswith("themenfeld-")
        }
        self.unmatched: dict[str, list[str]] = {}
        self.linked: dict[str, set[str]] = {}
        self.addressed: dict[str, set[str]] = {}

    def link(
        self,
        sol_id: str,
        cells: dict[str, str],
        line: int,
        source: str,
        table: Path,
        edges: EdgeBook,
    ) -> None:
        """Add the solution's IMPLEMENTS/ADDRESSES edges that this row's cell states."""
        cell = cells["ozg_leistung_or_themenfeld"]
        if not self.ids or not self.themenfelder:
            raise table_error(
                table,
                line,
                "the OZG catalogue is not in the dataset: run 'ozggraph import catalogue' first",
            )
        wording = cell.split(" (")[0].strip()
        for ozg_id in self._services(wording, sol_id, table, line):
            edges.add("IMPLEMENTS", sol_id, f"ozg-{ozg_id}", [source])
            self.linked.setdefault(sol_id, set()).add(ozg_id)
        for topic in self._themenfelder(cell, table, line):
            edges.add("ADDRESSES", sol_id, topic, [source])
            self.addressed.setdefault(sol_id, set()).add(topic)

    def _services(self, wording: str, sol_id: str, table: Path, line: int) -> list[str]:
        if wording in LEISTUNGEN:
            return [LEISTUNGEN[wording]]
        found = []
        for part in re.split(r",\s*", wording):
            part = re.sub(r"\s+(etc\.|u\.\s?a\.)$", "", part).strip()
            if match := re.fullmatch(r"OZG-ID (\d+)", part):
                if match[1] not in self.ids:
                    raise table_error(table, line, f"OZG-ID {match[1]} is not in the catalogue")
                found.append(match[1])
            elif len(ids := self.services.get(key(part)) or self.short.get(key(part), set())) == 1:
                found.append(next(iter(ids)))
            elif part:
                unmatched = self.unmatched.setdefault(sol_id, [])
                unmatched += [] if part in unmatched else [part]
        return sorted(set(found))

    def _themenfelder(self, cell: str, table: Path, line: int) -> list[str]:
        found = {
            self.themenfelder[name]
            for start in (m.end() for m in re.finditer(r"Themenfeld\s+", cell))
            for name in self.themenfelder
            if cell.startswith(name, start)
        }
        if "Themenfeld" in cell and not found and "not stated" not in cell:
            raise table_error(table, line, f"names a Themenfeld the catalogue lacks: {cell!r}")
        return sorted(found)

    def notes(self, sol_id: str) -> list[str]:
        """What the solution's note should say about Leistungen left unlinked."""
        words = self.unmatched.get(sol_id, [])
        if not words or sol_id in self.linked:
            return []
        shown = ", ".join(repr(w) for w in words)
        topics = ", ".join(sorted(self.addressed.get(sol_id, ())))
        linked = f"linked to {topics} only" if topics else "not linked (no Themenfeld named)"
        return [
            f"Leistung as the table words it ({shown}) matches no OZG catalogue entry "
            f"unambiguously: {linked}."
        ]
