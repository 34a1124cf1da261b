"""The OZG catalogue (Themenfeld > Lebenslage > OZG-Leistung) as kept by KDN.

Reads the CSV extracts of the database in kdn-nrw/OZG-Datenbank-NRW from one
directory: ``ozg_subject.csv`` (Themenfelder), ``ozg_situation.csv``
(Lebenslagen), ``ozg_service_system.csv`` (OZG-Leistungen, ``service_key`` =
OZG-ID) and ``ozg_service.csv`` (LeiKa services linked to an OZG-Leistung).

>>> catalogue = read_catalogue("raw/ozg-katalog-kdn")             # doctest: +SKIP
>>> write_tables(to_tables(catalogue), "seed/catalogue")          # doctest: +SKIP

Rows marked ``hidden`` and the test Lebenslagen (ids 64-66) are left out;
test values in free text ("Test", "sdesf") count as empty.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ozggraph.errors import SourceTableError
from ozggraph.importers.tables import Row, Tables, sorted_rows, write_sources, write_tables
from ozggraph.schema.ids import lebenslage_id, ozg_service_id, slug, themenfeld_id

SOURCE_ID = "src-kdn-ozg-katalog"
SOURCE_NAME = "OZG-Umsetzungskatalog, as kept by KDN (kdn-nrw/OZG-Datenbank-NRW)"
#: Lebenslagen the database kept for testing (named "aaaaabbbbb" and the like).
TEST_SITUATIONS = frozenset({"64", "65", "66"})
TEST_VALUES = frozenset({"test", "sdesf"})
LEIKA_KEY = re.compile(r"[0-9]{14}")
_COMMON = ("id", "hidden", "modified_at")
#: The columns read from each table (others, such as descriptions, are not imported).
COLUMNS = {
    "ozg_subject.csv": (*_COMMON, "name"),
    "ozg_situation.csv": (*_COMMON, "subject_id", "name"),
    "ozg_service_system.csv": (*_COMMON, "situation_id", "service_key", "name"),
    "ozg_service.csv": (*_COMMON, "service_system_id", "service_key"),
}


@dataclass(frozen=True)
class SourceRow:
    """One row of a KDN table, cleaned, with where it was read."""

    file: str
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def fail(self, reason: str) -> SourceTableError:
        return SourceTableError(f"{self.file}:{self.line}: {reason}")

    @property
    def hidden(self) -> bool:
        return self.cells["hidden"] not in ("", "0")


@dataclass(frozen=True)
class Catalogue:
    """The four KDN tables, rows in file order."""

    subjects: list[SourceRow]
    situations: list[SourceRow]
    systems: list[SourceRow]
    services: list[SourceRow]


def clean(value: str | None) -> str:
    """A cell without surrounding blanks; test values count as empty."""
    value = (value or "").strip()
    return "" if value.lower() in TEST_VALUES else value


def read_table(path: Path) -> list[SourceRow]:
    """The rows of one KDN table with the columns the importer needs."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS[path.name] if c not in (reader.fieldnames or [])]
            if missing:
                raise SourceTableError(f"{path}:1: missing column(s) {', '.join(missing)}")
            rows = []
            for row in reader:
                if None in row:
                    raise SourceTableError(f"{path}:{reader.line_num}: more cells than columns")
                cells = {c: clean(row[c]) for c in COLUMNS[path.name]}
                rows.append(SourceRow(str(path), reader.line_num, cells))
            return rows
    except OSError as exc:
        raise SourceTableError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise SourceTableError(f"{path}: not UTF-8 text ({exc.reason})") from None


def read_catalogue(directory: str | Path) -> Catalogue:
    folder = Path(directory)
    return Catalogue(*(read_table(folder / name) for name in COLUMNS))


def _by_id(rows: list[SourceRow]) -> dict[str, SourceRow]:
    """Rows by ``id``; an empty or repeated id is an error."""
    found: dict[str, SourceRow] = {}
    for row in rows:
        if not row["id"] or row["id"] in found:
            raise row.fail(f"id {row['id']!r} is empty or repeated")
        found[row["id"]] = row
    return found


def _named(row: SourceRow) -> str:
    if not row["name"]:
        raise row.fail("the name is empty")
    return row["name"]


def _themenfelder(cat: Catalogue) -> dict[str, str]:
    """Topic id of each kept Themenfeld, by KDN id."""
    ids: dict[str, str] = {}
    for key, row in _by_id(cat.subjects).items():
        if not row.hidden:
            if themenfeld_id(_named(row)) in ids.values():
                raise row.fail(f"Themenfeld {row['name']!r} repeats")
            ids[key] = themenfeld_id(row["name"])
    return ids


def _lebenslagen(cat: Catalogue, themenfelder: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Topic id and Themenfeld id of each kept Lebenslage, by KDN id.

    Ids are ``lebenslage-<slug>``; when Lebenslagen of different Themenfelder
    share a slug, each takes its Themenfeld's slug in front, so that no id
    depends on file order.
    """
    kept = [r for r in _by_id(cat.situations).values() if r["id"] not in TEST_SITUATIONS]
    kept = [r for r in kept if not r.hidden]
    slugs = Counter(slug(_named(row)) for row in kept)
    result: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    for row in kept:
        if row["subject_id"] not in themenfelder:
            raise row.fail(f"Themenfeld {row['subject_id']!r} is not a kept row of ozg_subject")
        parent = themenfelder[row["subject_id"]]
        topic_id = lebenslage_id(row["name"])
        if slugs[slug(row["name"])] > 1:
            topic_id = lebenslage_id(f"{parent.removeprefix('themenfeld-')} {row['name']}")
        if topic_id in taken:
            raise row.fail(f"Lebenslage {row['name']!r} repeats within its Themenfeld")
        taken.add(topic_id)
        result[row["id"]] = (topic_id, parent)
    return result


def _leika_keys(cat: Catalogue) -> dict[str, set[str]]:
    """14-digit LeiKa keys by OZG-Leistung (KDN id); "nicht im LeiKa" and the like are skipped."""
    keys: dict[str, set[str]] = defaultdict(set)
    for row in cat.services:
        if row["service_system_id"] and not row.hidden and LEIKA_KEY.fullmatch(row["service_key"]):
            keys[row["service_system_id"]].add(row["service_key"])
    return keys


def _topic(topic_id: str, name: str, kind: str) -> Row:
    return {"id": topic_id, "name": name, "kind": kind, "sources": [SOURCE_ID]}


def _link(source: str, target: str) -> Row:
    return {"source": source, "target": target, "sources": [SOURCE_ID]}


def to_tables(cat: Catalogue) -> Tables:
    """``Topic``, ``OZGService`` and ``BELONGS_TO`` rows, each sorted."""
    themenfelder = _themenfelder(cat)
    lebenslagen = _lebenslagen(cat, themenfelder)
    subjects, situations = _by_id(cat.subjects), _by_id(cat.situations)
    topics = [_topic(t, subjects[k]["name"], "themenfeld") for k, t in themenfelder.items()]
    topics += [_topic(t, situations[k]["name"], "lebenslage") for k, (t, _) in lebenslagen.items()]
    links = [_link(topic, parent) for topic, parent in lebenslagen.values()]
    leika = _leika_keys(cat)
    services: list[Row] = []
    seen: set[str] = set()
    for key, row in _by_id(cat.systems).items():
        if row.hidden:
            continue
        ozg_id = row["service_key"]
        if not ozg_id.isascii() or not ozg_id.isdigit() or ozg_id in seen:
            raise row.fail(f"OZG-ID {ozg_id!r} is not a number or repeats")
        if row["situation_id"] not in lebenslagen:
            raise row.fail(f"Lebenslage {row['situation_id']!r} is not a kept Lebenslage")
        seen.add(ozg_id)
        service_id = ozg_service_id(ozg_id)
        services.append({"id": service_id, "name": _named(row), "ozg_id": ozg_id,
                         "leika_keys": sorted(leika[key]), "sources": [SOURCE_ID]})  # fmt: skip
        links.append(_link(service_id, lebenslagen[row["situation_id"]][0]))
    return {
        "Topic": sorted_rows(topics),
        "OZGService": sorted_rows(services),
        "BELONGS_TO": sorted_rows(links),
    }


def source_node(cat: Catalogue, tables: Tables) -> dict[str, str]:
    """The ``Source`` every row cites; its date is the last change the tables record."""
    rows = cat.subjects + cat.situations + cat.systems + cat.services
    last = max(r["modified_at"][:10] for r in rows)
    note = (
        "The catalogue of OZG-Leistungen as the NRW municipal IT umbrella body KDN kept it in "
        "its OZG database, read from CSV extracts of the database dump in its public "
        f"repository (MIT licence). A snapshot of {len(tables['OZGService'])} of the 575 "
        f"official OZG-Leistungen; last change recorded: {last}. Test rows and values and "
        "LeiKa entries without a 14-digit key are left out."
    )
    return {
        "id": SOURCE_ID,
        "name": SOURCE_NAME,
        "publisher": "KDN",
        "date": last,
        "url": "https://github.com/kdn-nrw/OZG-Datenbank-NRW",
        "kind": "dataset",
        "note": note,
    }


def run(directory: str | Path, outdir: str | Path) -> dict[str, int]:
    """Import the KDN tables in ``directory`` into ``outdir``; rows per table."""
    cat = read_catalogue(directory)
    tables = to_tables(cat)
    write_tables(tables, outdir)
    comment = "Written by 'ozggraph import catalogue'; do not edit by hand."
    write_sources([source_node(cat, tables)], Path(outdir) / "sources.yaml", comment)
    counts = {name: len(rows) for name, rows in sorted(tables.items())}
    kinds = Counter(str(row["kind"]) for row in tables["Topic"])
    counts.update({f"Topic ({kind})": n for kind, n in sorted(kinds.items())})
    return counts
