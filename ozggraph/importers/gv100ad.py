"""The official territorial hierarchy from Destatis's municipality directory GV100AD.

GV100AD is fixed-width UTF-8 text, one record of 220 characters per line; the
first two characters give the record type: 10 Land, 20 Regierungsbezirk,
30 Region (Baden-Württemberg only), 40 Kreis, 50 Gemeindeverband,
60 Gemeinde. Positions follow Destatis's ``Datensatzbeschreibung_GV100AD.pdf``
(1-based there, 0-based slices here).

>>> records = parse("GV100AD_30112025.txt")                  # doctest: +SKIP
>>> tables = to_tables(records, read_hints("Hinweise.txt"))  # doctest: +SKIP
>>> write_tables(tables, "seed/hierarchy")                   # doctest: +SKIP

Decisions, each written down where it is made:

* Only the 19 Regierungsbezirke that are authorities become
  ``AdministrativeDistrict`` nodes (:func:`is_authority`); a Kreis under any
  other record of type 20 is part of its Land.
* Type 50 records with text key 50 ("verbandsfreie Gemeinde") are placeholders
  in the key system, not bodies: no node, the Gemeinde is part of its Kreis.
* Uninhabited gemeindefreie Gebiete (text key 66) are left out; the inhabited
  ones (65) stay, with their own ``kind``.
* Records above the Gemeinde carry no population or area: we sum them over the
  Gemeinde records below (uninhabited areas included, they are territory).
* Kreise get the names sources use for them (:func:`district_aliases`): "Kreis X"
  for every Kreis that is no city, and "Landkreis X" for those GV100AD calls
  Landkreis; never for kreisfreie Städte or Stadtkreise (the city's own name) or
  names that already say Kreis or Region.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from ozggraph.errors import SourceTableError
from ozggraph.importers.tables import Cell, Row, Tables, sorted_rows, write_sources, write_tables
from ozggraph.schema.ids import FEDERATION_ID, association_ars_id, territorial_id
from ozggraph.schema.types import LANDS

RECORD_LENGTH = 220
NAME_WIDTH = 50
#: Digits of the Regionalschlüssel (columns 11-18) each record type fills.
KEY_DIGITS = {"10": 2, "20": 3, "30": 4, "40": 5, "50": 5, "60": 8}

STATE_CODES = LANDS  # the schema's one table of the Länder
DISTRICT_KINDS = {
    "41": "Kreisfreie Stadt", "42": "Stadtkreis", "43": "Kreis", "44": "Landkreis",
    "45": "Regionalverband",
}  # fmt: skip
#: Text keys of real Gemeindeverbände; key 50 (verbandsfreie Gemeinde) is no body.
ASSOCIATION_KINDS = {
    "51": "Amt", "52": "Samtgemeinde", "53": "Verbandsgemeinde", "54": "Verwaltungsgemeinschaft",
    "55": "Kirchspielslandgemeinde", "56": "Verwaltungsverband", "57": "VG Trägermodell",
    "58": "Erfüllende Gemeinde",
}  # fmt: skip
NO_ASSOCIATION = "50"
#: Baden-Württemberg's own names for keys 54 and 56 (its records are named "VVG ..."/"GVV ...").
ASSOCIATION_KINDS_BW = {
    "54": "Vereinbarte Verwaltungsgemeinschaft",
    "56": "Gemeindeverwaltungsverband",
}
MUNICIPALITY_KINDS = {
    "60": "Markt", "61": "Kreisfreie Stadt", "62": "Stadtkreis", "63": "Stadt", "64": "Gemeinde",
    "65": "Gemeindefreies Gebiet, bewohnt", "67": "Große Kreisstadt",
}  # fmt: skip
UNINHABITED = "66"
TEXT_KEYS = {
    "40": set(DISTRICT_KINDS),
    "50": {NO_ASSOCIATION, *ASSOCIATION_KINDS},
    "60": {UNINHABITED, *MUNICIPALITY_KINDS},
}
FEDERATION_NAME = "Bundesrepublik Deutschland"

_HINT_NAME = re.compile(r"^\s*([0-9]{12})\s+(\S.*?)\s*$")
_HINT_DATE = re.compile(r"(Bevölkerung|Fläche)\w*\s+basieren.*?Stichtag\s+(\d\d\.\d\d\.\d{4})")


@dataclass(frozen=True, slots=True)
class GVRecord:
    """One line of GV100AD; ``key`` holds only the digits its record type fills."""

    line: int
    type: str
    stand: str  # Gebietsstand, YYYYMMDD
    key: str  # Land(2) RB(1) Kreis(2) Gemeinde(3), as far as the type goes
    verband: str  # Gemeindeverband (4 digits) of types 50 and 60, else ""
    name: str
    seat: str
    text_key: str
    area_ha: int | None = None
    population: int | None = None
    file: str = field(default="", repr=False, compare=False)
    #: Amtlicher Regionalschlüssel: the key with the Gemeindeverband after the Kreis.
    ars: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ars", self.key[:5] + self.verband + self.key[5:])


@dataclass(frozen=True)
class Hints:
    """What Destatis's ``Hinweise.txt`` adds: full names cut in the file, reference dates."""

    #: By the 12 digits of columns 11-22 (AGS, then Gemeindeverband), as Destatis prints them.
    full_names: dict[str, str] = field(default_factory=dict)
    population_date: str | None = None
    area_date: str | None = None


def _fail(path: str | Path, line: int | None, reason: str) -> NoReturn:
    where = f"{path}:{line}" if line is not None else str(path)
    raise SourceTableError(f"{where}: {reason}")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(path, None, f"cannot read: {exc.strerror}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _fail(path, data.count(b"\n", 0, exc.start) + 1, f"not UTF-8 text ({exc.reason})")


def parse(path: str | Path) -> list[GVRecord]:
    """Every record of a GV100AD file; a malformed line raises :class:`SourceTableError`."""
    path = Path(path)
    lines = enumerate(_read_text(path).split("\n"), 1)
    records = [parse_line(text.rstrip("\r"), n, path) for n, text in lines if text.strip()]
    if not records:
        _fail(path, None, "holds no GV100AD records")
    return records


def parse_line(text: str, number: int, path: Path) -> GVRecord:
    """One record. Trailing blanks may be missing (editors strip them); nothing else may."""
    if len(text) > RECORD_LENGTH:
        _fail(path, number, f"record has {len(text)} characters, GV100AD has {RECORD_LENGTH}")
    text = text.ljust(RECORD_LENGTH)
    kind = text[:2]
    if kind not in KEY_DIGITS:
        _fail(path, number, f"unknown record type {kind!r} (expected 10, 20, 30, 40, 50 or 60)")
    digits = KEY_DIGITS[kind]
    key, verband = text[10 : 10 + digits], text[18:22]
    if not _is_digits(text[2:10]):
        _fail(path, number, f"Gebietsstand {text[2:10]!r} is not a date YYYYMMDD")
    if not _is_digits(key) or text[10 + digits : 18].strip():
        _fail(path, number, f"type {kind} needs a {digits}-digit key, got {text[10:18]!r}")
    if kind in ("50", "60") and not _is_digits(verband):
        _fail(path, number, f"Gemeindeverband {verband!r} is not 4 digits")
    name, text_key = text[22:72].strip(), text[122:124].strip()
    if not name:
        _fail(path, number, "the name (columns 23-72) is empty")
    if kind in TEXT_KEYS and text_key not in TEXT_KEYS[kind]:
        _fail(path, number, f"unknown Textkennzeichen {text_key!r} for record type {kind}")
    area = population = None
    if kind == "60":
        area = _number(text[128:139], "area (ha)", path, number)
        population = _number(text[139:150], "population", path, number)
    return GVRecord(
        number, kind, text[2:10], key, verband.strip(), name, text[72:122].strip(), text_key,
        area, population, str(path),
    )  # fmt: skip


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _number(cell: str, what: str, path: Path, number: int) -> int:
    if not _is_digits(cell):
        _fail(path, number, f"{what} {cell!r} is not a whole number")
    return int(cell)


def read_hints(path: str | Path) -> Hints:
    """Full names (lines ``<AGS><Gemeindeverband> <name>``) and reference dates of Hinweise.txt."""
    text = _read_text(Path(path))
    names = {m[1]: m[2] for line in text.splitlines() if (m := _HINT_NAME.match(line))}
    dates = {m[1]: m[2] for m in _HINT_DATE.finditer(text)}
    return Hints(names, dates.get("Bevölkerung"), dates.get("Fläche"))


def is_authority(record: GVRecord) -> bool:
    """Whether a type-20 record is a Regierungsbezirk that exists as an authority.

    The others are Niedersachsen's statistical regions (no seat given) and
    abolished ones kept for statistics (name starts "früher:").
    """
    return bool(record.seat) and not record.name.startswith("früher")


def uninhabited(records: list[GVRecord]) -> list[GVRecord]:
    """The uninhabited gemeindefreie Gebiete, which :func:`to_tables` leaves out."""
    return [r for r in records if r.type == "60" and r.text_key == UNINHABITED]


def source_id(records: list[GVRecord]) -> str:
    stand = records[0].stand
    return f"src-destatis-gv100ad-{stand[:4]}-{stand[4:6]}-{stand[6:]}"


def plain_name(official: str) -> str:
    """The name without the titles Destatis appends: "Bensheim, Stadt" -> "Bensheim"."""
    return official.split(",")[0].strip()


def aliases(official: str) -> list[str]:
    """Other names a source may use for a municipality.

    Each part of a German / Sorbian name, and titles ending in "stadt" put in
    front: "Gießen, Universitätsstadt" -> "Universitätsstadt Gießen".
    """
    name = plain_name(official)
    found = [part.strip() for part in name.split(" / ")] if " / " in name else []
    german = found[0] if found else name
    for title in official.split(",")[1:]:
        title = title.split(" / ")[0].strip()
        if title.lower().endswith("stadt") and " " not in title and title != "Stadt":
            found.append(f"{title} {german}")
    return found


@dataclass
class _Index:
    """The records by key, checked for duplicates and one Gebietsstand."""

    units: dict[int, dict[str, GVRecord]]  # by key length: 2 Land, 3 living RB, 5 Kreis
    associations: dict[str, GVRecord]  # real Gemeindeverbände by 9-digit ARS
    municipalities: list[GVRecord]


def _index(records: list[GVRecord]) -> _Index:
    if not records:
        raise SourceTableError("no GV100AD records to import")
    seen: dict[tuple[str, str], GVRecord] = {}
    ix = _Index({2: {}, 3: {}, 5: {}}, {}, [])
    for rec in records:
        if rec.stand != records[0].stand:
            _fail(rec.file, rec.line, f"Gebietsstand {rec.stand} differs from line 1")
        if (first := seen.get((rec.type, rec.ars))) is not None:
            _fail(rec.file, rec.line, f"key {rec.ars} repeats line {first.line}")
        seen[rec.type, rec.ars] = rec
        if rec.type in ("10", "40") or (rec.type == "20" and is_authority(rec)):
            ix.units[len(rec.key)][rec.key] = rec
        elif rec.type == "50" and rec.text_key != NO_ASSOCIATION:
            ix.associations[rec.ars] = rec
        elif rec.type == "60":
            ix.municipalities.append(rec)
    return ix


def _parent(rec: GVRecord, ix: _Index, levels: tuple[int, ...]) -> str:
    """Id of the nearest existing unit above ``rec``, trying key lengths in ``levels``."""
    for n in levels:
        if rec.key[:n] in ix.units[n]:
            return territorial_id(rec.key[:n])
    _fail(rec.file, rec.line, f"no Land record {rec.key[:2]} for {rec.name!r}")


def _totals(ix: _Index) -> dict[str, tuple[int, int]]:
    """Population and area (ha) of every unit, summed over its Gemeinde records."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for rec in ix.municipalities:
        ids = [FEDERATION_ID, association_ars_id(rec.ars[:9])]
        ids += [territorial_id(rec.key[:n]) for n in (2, 3, 5)]
        for node_id in ids:
            sums[node_id][0] += rec.population or 0
            sums[node_id][1] += rec.area_ha or 0
    return {k: (v[0], v[1]) for k, v in sums.items()}


def _km2(hectares: int) -> str:
    """Hectares as square kilometres, exactly (100 ha = 1 km²)."""
    return f"{hectares // 100}.{hectares % 100:02d}"


def _row(node_id: str, name: str, official: str, totals: tuple[int, int], **fields: Cell) -> Row:
    """A territorial row; columns in one fixed order (later updates keep their place)."""
    row: Row = {"id": node_id, "name": name, "official_name": official, "aliases": None}
    row.update(fields)
    row.update(kind=None, population=totals[0], area_km2=_km2(totals[1]), note=None)
    return row


def _name_note(rec: GVRecord, hints: Hints) -> tuple[str, str | None]:
    """The full official name and, when it is not simply the record's, why."""
    full = hints.full_names.get(rec.key + rec.verband)
    if full is not None:
        if not full.startswith(rec.name):
            _fail(
                rec.file,
                rec.line,
                f"Hinweise.txt names {rec.key}{rec.verband} {full!r}, "
                f"which does not continue the file's {rec.name!r}",
            )
        return full, "Full name from Destatis's Hinweise.txt: the GV100AD name field cuts it."
    if len(rec.name) >= NAME_WIDTH:
        return rec.name, "The name may be cut: GV100AD names hold at most 50 characters."
    return rec.name, None


#: A node row and the id of the unit it is part of (None for the Federation).
_Placed = tuple[Row, str | None]


def _state(rec: GVRecord, totals: dict[str, tuple[int, int]]) -> _Placed:
    node_id = territorial_id(rec.key)
    code = STATE_CODES.get(rec.key)
    row = _row(node_id, rec.name, rec.name, totals[node_id], ags=rec.key, ars=rec.key, code=code)
    return {**row, "kind": "Land"}, FEDERATION_ID


def _regierungsbezirk(rec: GVRecord, ix: _Index, totals: dict[str, tuple[int, int]]) -> _Placed:
    node_id, name = territorial_id(rec.key), rec.name.removeprefix("Reg.-Bez. ")
    row = _row(node_id, name, rec.name, totals[node_id], ags=rec.key, ars=rec.key)
    row.update(aliases=[f"Regierungsbezirk {name}"], kind="Regierungsbezirk")
    return row, _parent(rec, ix, (2,))


def district_aliases(name: str, kind: str) -> list[str]:
    """Names sources use for a Kreis, derived from its official name and kind.

    >>> district_aliases("Bergstraße", "Landkreis")
    ['Kreis Bergstraße', 'Landkreis Bergstraße']
    >>> district_aliases("Steinfurt", "Kreis")
    ['Kreis Steinfurt']
    >>> district_aliases("Darmstadt", "Kreisfreie Stadt")
    []
    >>> district_aliases("Region Hannover", "Landkreis")
    []
    """
    if kind not in ("Kreis", "Landkreis") or re.search(r"kreis|region", name, re.IGNORECASE):
        return []
    return [f"Kreis {name}"] + ([f"Landkreis {name}"] if kind == "Landkreis" else [])


def _district(rec: GVRecord, ix: _Index, totals: dict[str, tuple[int, int]]) -> _Placed:
    node_id, name = territorial_id(rec.key), plain_name(rec.name)
    kind = DISTRICT_KINDS[rec.text_key]
    row = _row(node_id, name, rec.name, totals[node_id], ags=rec.key, ars=rec.key)
    row.update(aliases=district_aliases(name, kind) or None)
    return {**row, "kind": kind}, _parent(rec, ix, (3, 2))


def _association(rec: GVRecord, ix: _Index, totals: dict[str, tuple[int, int]]) -> _Placed:
    node_id = association_ars_id(rec.ars)
    kind = ASSOCIATION_KINDS_BW.get(rec.text_key) if rec.key[:2] == "08" else None
    row = _row(node_id, rec.name, rec.name, totals[node_id], ars=rec.ars)
    return {**row, "kind": kind or ASSOCIATION_KINDS[rec.text_key]}, _parent(rec, ix, (5, 3, 2))


def _municipality(rec: GVRecord, ix: _Index, hints: Hints) -> _Placed:
    official, note = _name_note(rec, hints)
    totals = (rec.population or 0, rec.area_ha or 0)
    node_id, name = territorial_id(rec.key), plain_name(official)
    row = _row(node_id, name, official, totals, ags=rec.key, ars=rec.ars)
    row.update(aliases=aliases(official) or None, kind=MUNICIPALITY_KINDS[rec.text_key], note=note)
    in_association = rec.ars[:9] in ix.associations
    parent = association_ars_id(rec.ars[:9]) if in_association else _parent(rec, ix, (5, 3, 2))
    return row, parent


def to_tables(records: list[GVRecord], hints: Hints | None = None) -> Tables:
    """Seed tables: node rows by label, plus ``PART_OF`` child -> parent; each sorted."""
    hints = hints or Hints()
    ix = _index(records)
    totals = _totals(ix)
    fed = _row(FEDERATION_ID, FEDERATION_NAME, FEDERATION_NAME, totals[FEDERATION_ID])
    placed: dict[str, list[_Placed]] = {
        "Federation": [({**fed, "aliases": ["Bund", "Deutschland"]}, None)],
        "State": [_state(r, totals) for r in ix.units[2].values()],
        "AdministrativeDistrict": [_regierungsbezirk(r, ix, totals) for r in ix.units[3].values()],
        "District": [_district(r, ix, totals) for r in ix.units[5].values()],
        "MunicipalAssociation": [_association(r, ix, totals) for r in ix.associations.values()],
        "Municipality": [
            _municipality(r, ix, hints) for r in ix.municipalities if r.text_key != UNINHABITED
        ],
    }
    src = [source_id(records)]
    tables = {
        label: sorted_rows({**row, "sources": src} for row, _ in rows)
        for label, rows in placed.items()
    }
    tables["PART_OF"] = sorted_rows(
        {"source": row["id"], "target": parent, "sources": src}
        for rows in placed.values()
        for row, parent in rows
        if parent is not None
    )
    return tables


def source_node(records: list[GVRecord], hints: Hints) -> dict[str, str]:
    """The ``Source`` every imported row cites, with the licence terms of Destatis."""
    stand = records[0].stand
    day = f"{stand[6:]}.{stand[4:6]}.{stand[:4]}"
    dates = [f"population as of {hints.population_date}"] if hints.population_date else []
    dates += [f"area as of {hints.area_date}"] if hints.area_date else []
    note = (
        "The directory of all German municipalities and the units above them, "
        f"territorial status {day}{'; ' if dates else ''}{', '.join(dates)}. "
        f"Terms: (c) Statistisches Bundesamt (Destatis), {stand[:4]}; Vervielfältigung und "
        "Verbreitung, auch auszugsweise, mit Quellenangabe gestattet. Imported by the "
        "gv100ad importer of ozggraph: uninhabited gemeindefreie Gebiete are left out; population "
        "and area above the municipality are our sums over its municipality records."
    )
    return {
        "id": source_id(records),
        "name": f"Gemeindeverzeichnis GV100AD, Stand {day}",
        "publisher": "Statistisches Bundesamt (Destatis)",
        "date": f"{stand[:4]}-{stand[4:6]}-{stand[6:]}",
        "kind": "dataset",
        "file": Path(records[0].file).name,
        "note": note,
    }


def run(path: str | Path, outdir: str | Path) -> dict[str, int]:
    """Import one GV100AD file (with the ``Hinweise.txt`` beside it, if any) into ``outdir``.

    Returns the number of rows per table and of the records left out.
    """
    path, out = Path(path), Path(outdir)
    records = parse(path)
    hints_path = path.with_name("Hinweise.txt")
    hints = read_hints(hints_path) if hints_path.is_file() else Hints()
    tables = to_tables(records, hints)
    write_tables(tables, out)
    comment = "Written by 'ozggraph import gv100ad'; do not edit by hand."
    write_sources([source_node(records, hints)], out / "sources.yaml", comment)
    counts = {name: len(rows) for name, rows in sorted(tables.items())}
    counts["uninhabited gemeindefreie Gebiete left out"] = len(uninhabited(records))
    return counts
