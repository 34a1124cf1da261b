"""Import the public-bodies tables into ``seed/bodies/``.

From a directory holding the three public-bodies tables (``raw/public-bodies``):

* ``kommunale_spitzenverbaende.csv`` -> ``Association`` nodes (``level`` bund/land);
  ``MEMBER_OF`` only where the table's note says so (:data:`MEMBERSHIPS`);
* ``kommunale_it_dienstleister.csv``: read by ``ozggraph import it-providers``
  (:mod:`ozggraph.importers.it_providers`), which owns every ``ITProvider`` node so that
  one provider is one node across both tables; :func:`it_provider` builds the node;
* ``ozg_themenfelder_leads.csv`` -> ``LEADS`` from the lead Land(s) and the lead
  federal ministries (``Ministry``, ``min-bund-<short name>``) to the Themenfeld.

A body another seed file already has (by id, name or alias) is used, not created
again. Rows resting on Wikipedia, a mirror or a page the table marks weak cite a
``Source`` of quality ``second-best``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ozggraph.importers.folders import BODIES_DIR
from ozggraph.importers.identity import PROVIDERS, provider_for
from ozggraph.importers.resolve import (
    Reference,
    key,
    land_code,
    read_table,
    split_remark,
    table_error,
    weak_note,
)
from ozggraph.importers.seed_yaml import ImportReport, TableImport, run_import
from ozggraph.schema import Edge
from ozggraph.schema.ids import FEDERATION_ID, slug
from ozggraph.schema.nodes import Association, ITProvider, Ministry, Node

SPITZENVERBAENDE = "kommunale_spitzenverbaende.csv"
IT_PROVIDERS = "kommunale_it_dienstleister.csv"
LEADS = "ozg_themenfelder_leads.csv"
ASSOCIATION_COLUMNS = ("name", "short_name", "level", "land", "source", "source_date", "note")
IT_PROVIDER_COLUMNS = (
    "name", "short_name", "legal_form", "seat", "land", "serves", "source", "source_date", "note",
)  # fmt: skip
LEAD_COLUMNS = ("themenfeld", "lead_land", "lead_bundesressort", "source", "source_date", "note")

#: Memberships the table states in a row's note: (member, association, why), both as the
#: table names them (name or short name). Read by hand; notes are not parsed.
MEMBERSHIPS: tuple[tuple[str, str, str], ...] = (
    ("Städte- und Gemeindebund Brandenburg", "DST", "note: Landesverband of DST and DStGB"),
    ("Städte- und Gemeindebund Brandenburg", "DStGB", "note: Landesverband of DST and DStGB"),
    # The DStGB membership is only "sought" per the note: no edge for it.
    ("Niedersächsischer Städtetag", "DST", "note: member of DST (of DStGB only sought)"),
    ("Gemeinde- und Städtebund Thüringen e. V.", "DStGB", "note: member of DStGB and DST"),
    ("Gemeinde- und Städtebund Thüringen e. V.", "DST", "note: member of DStGB and DST"),
    ("Städtebund Schleswig-Holstein", "Städteverband Schleswig-Holstein", "note: member"),
    ("Städtetag Schleswig-Holstein", "Städteverband Schleswig-Holstein", "note: member"),
)
#: Further names of a federal ministry that the table mentions besides the one it gives.
MINISTRY_ALIASES = {
    # The Umwelt row is corroborated by a 2021-06-18 press release of the "BMU", the
    # ministry's short name before it became BMUV in 12/2021.
    "BMUV": ("BMU",),
}
MINISTRY_NOTE = (
    "Federal ministry under the name the cited page gives; federal ministries were "
    "renamed in 12/2021 and 05/2025, and no other name is assumed here."
)


@dataclass
class _Ministry:
    name: str
    short: str
    aliases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def node(self) -> Ministry:
        aliases = [self.short, *self.aliases, *MINISTRY_ALIASES.get(self.short, ())]
        return Ministry(
            id=f"min-bund-{slug(self.short)}",
            name=self.name,
            aliases=aliases,
            kind="Bundesministerium",
            sources=self.sources,
            note=MINISTRY_NOTE,
        )


class BodiesImport(TableImport):
    """One run of the importer over the three tables of one directory."""

    command = "bodies"

    def __init__(self, directory: Path, reference: Reference) -> None:
        super().__init__(directory, reference)
        self.nodes: dict[str, list[Node]] = {"associations": []}
        self.ministries: dict[str, _Ministry] = {}
        self.existing: set[str] = set()

    def _find(self, names: list[str], file: Path, line: int) -> str | None:
        """The one existing organisation called by any of ``names``, if there is one."""
        found = set().union(*(self.reference.organisation(n) for n in names if n))
        if len(found) > 1:
            raise table_error(file, line, f"{names[0]!r} matches several nodes: {sorted(found)}")
        if found:
            self.existing.add(next(iter(found)))
        return next(iter(found), None)

    def _create(self, group: str, node: Node, file: Path, line: int) -> str:
        if node.id in self.reference.nodes:
            raise table_error(file, line, f"{node.id} already exists under another name")
        self.resolver.created(node)
        self.nodes[group].append(node)
        return node.id

    def _land(self, text: str, file: Path, line: int) -> str:
        return land_code(self.reference, text, file, line)

    def run(self) -> None:
        self.associations()
        self.leads()

    def associations(self) -> None:
        path = self.table / SPITZENVERBAENDE
        ids: dict[str, str] = {}  # name and short name as the table writes them -> node id
        first_source: dict[str, str] = {}
        for line, row in read_table(path, ASSOCIATION_COLUMNS):
            if row["level"] not in ("bund", "land"):
                raise table_error(path, line, f"level must be bund or land, got {row['level']!r}")
            land = self._land(row["land"], path, line) if row["level"] == "land" else None
            weak = weak_note(row["note"])
            src = self.sources.cite(row["source"], row["source_date"], weak, path, line)
            plain = _without_legal_form(row["name"])
            node_id = self._find([row["name"], plain, row["short_name"]], path, line)
            if node_id is None:
                node_id = self._create("associations", association(row, src, land), path, line)
            ids |= {name: node_id for name in (row["name"], row["short_name"]) if name}
            first_source.setdefault(node_id, src)
        for member, target, why in MEMBERSHIPS:
            if member not in ids or target not in ids:
                message = f"MEMBERSHIPS names {member!r} -> {target!r}, not both in the table"
                raise table_error(path, None, message)
            sources = [first_source[ids[member]]]
            note = f"the table's {why}"
            # The row's page states the membership as it stands: a stated fact.
            self.edges.add("MEMBER_OF", ids[member], ids[target], sources, note, evidence="fact")

    def leads(self) -> None:
        path = self.table / LEADS
        topics = {
            key(n.name): n.id
            for n in self.reference.labelled("Topic")
            if n.id.startswith("themenfeld-")
        }
        for line, row in read_table(path, LEAD_COLUMNS):
            weak = not row["note"].lower().startswith("official")  # the table's convention
            src = self.sources.cite(row["source"], row["source_date"], weak, path, line)
            topic = topics.get(key(row["themenfeld"]))
            if topic is None:
                raise table_error(
                    path,
                    line,
                    f"unknown Themenfeld {row['themenfeld']!r} (is the catalogue imported?)",
                )
            weak_text = "second-best: the table does not mark this row's source as official"
            for text in filter(None, re.split(r";\s*", row["lead_land"])):
                body = self.resolver.one(text, path, line)
                if self.reference.nodes[body.id].label != "State":
                    raise table_error(path, line, f"lead Land {text!r} is not a Land")
                self.existing.add(body.id)
                acting = f"acting through: {body.remark}" if body.remark else None
                note = "; ".join(p for p in (acting, weak_text if weak else None) if p)
                self.edges.add("LEADS", body.id, topic, [src], note or None)
            for text in filter(None, re.split(r";\s*|\s+and\s+", row["lead_bundesressort"])):
                ministry = self._ministry(text, src, path, line)
                self.edges.add("LEADS", ministry, topic, [src], weak_text if weak else None)

    def _ministry(self, text: str, src: str, path: Path, line: int) -> str:
        name, short = split_remark(text)
        if not short:
            raise table_error(path, line, f"federal ministry {text!r} lacks its short name")
        if existing := self._find([short, name], path, line):
            return existing
        ministry = self.ministries.setdefault(short, _Ministry(name, short))
        if name != ministry.name and name not in ministry.aliases:
            ministry.aliases.append(name)
        ministry.sources += [] if src in ministry.sources else [src]
        return f"min-bund-{slug(short)}"

    def write(self, out: Path) -> ImportReport:
        ministries = [m.node() for m in self.ministries.values()]
        for node in ministries:
            if FEDERATION_ID in self.reference.nodes:
                self.edges.add(
                    "PART_OF",
                    node.id,
                    FEDERATION_ID,
                    node.sources,
                    "a ministry of the federal government",
                )
        edges = self.edges.edges()
        parts: dict[str, tuple[list[Node], list[Edge]]] = {
            "sources.yaml": (list(self.sources.nodes()), []),
            "associations.yaml": (
                self.nodes["associations"],
                [e for e in edges if e.type == "MEMBER_OF"],
            ),
            "themenfeld_leads.yaml": (
                list(ministries),
                [e for e in edges if e.type in ("LEADS", "PART_OF")],
            ),
        }
        report = self.write_parts(out, parts)
        created = self.nodes["associations"] + ministries
        report.created_bodies = {n.id for n in created}
        report.existing_bodies = self.existing
        return report


def association(row: dict[str, str], src: str, land: str | None) -> Association:
    """A kommunaler Spitzenverband from its table row (id from the short name, else the name)."""
    plain = _without_legal_form(row["name"])
    where = f"kommunaler Spitzenverband in {row['land']}" if row["land"] else None
    return Association(
        id="assoc-" + slug(row["short_name"] or plain),
        name=row["name"],
        aliases=[a for a in dict.fromkeys((row["short_name"], plain)) if a and a != row["name"]],
        kind="kommunaler Spitzenverband",
        level=row["level"],
        land=land,
        sources=[src],
        note="; ".join(p for p in (where, row["note"]) if p) or None,
    )


def it_provider(row: dict[str, str], src: str, weak: bool, land: str) -> ITProvider:
    """An IT provider from its table row; its clients go into the note.

    A provider of :data:`~ozggraph.importers.identity.PROVIDERS` gets the id, current
    name, aliases and dates listed there (Komm.ONE answers to ITEOS, krz is OWL-IT).
    """
    short = row["short_name"]
    names = [row["name"], short]
    node_id = provider_for(names) or "itp-" + slug(short or row["name"])
    identity = PROVIDERS.get(node_id)
    notes = [
        "second-best: the table marks this row as indicative only" if weak else None,
        f"serves: {row['serves']}" if row["serves"] else None,
        row["note"] or None,
        identity.note if identity else None,
    ]
    name = identity.name if identity else row["name"]
    spellings = [*names, *(identity.aliases if identity else ())]
    return ITProvider(
        id=node_id,
        name=name,
        aliases=[a for a in dict.fromkeys(spellings) if a and a != name],
        seat=row["seat"] or None,
        legal_form=row["legal_form"] or None,
        land=land,
        sources=[src],
        note="; ".join(n for n in notes if n),
        valid_from=identity.valid_from if identity else None,
        valid_to=identity.valid_to if identity else None,
    )


def _without_legal_form(name: str) -> str:
    return re.sub(r"\s+e\.\s?V\.$", "", name)


def import_bodies(directory: Path, out: Path, seed: Path | None = None) -> ImportReport:
    """Read the tables in ``directory``, resolve against ``seed``, write ``out``."""
    return run_import(lambda ref: BodiesImport(directory, ref), directory, out, seed, BODIES_DIR)
