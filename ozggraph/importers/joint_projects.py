"""Import the joint-projects table (``joint_projects.csv``) into ``seed/joint-projects/``.

One row is one partner of one cooperation (an IKZ grant, a "Starke Heimat Hessen"
project, a county–municipal arrangement, a Digitale Modellregion, a municipal network,
an agreement of a Land with its municipal associations, an agreement between Länder or
with the Bund, an OZG 1.0 Themenfeld lead pair). The importer writes:

* one ``Cooperation`` per cooperation (``coop-<slug>``; ``kind`` from :func:`kind_of`),
  or none where the dataset already holds it (:data:`KNOWN`: the NRW Modellregionen of
  the programmes table, the curated Land agreements, Zweckverbände that are IT
  providers): the table's rows then add to that node;
* each named partner ``MEMBER_OF`` it with its ``role`` (lead, partner, founding
  member, pilot municipality ...), ``valid_from`` the row's ``start_date``, ``evidence``
  from the row's ``status`` (:func:`evidence_of`: planned stays planned, a signature is
  ``agreed``, an announcement ``announced``, in force / active / ended is ``fact``) and
  ``valid_to`` where the status says it ended (Themenfeld pairs: 2018 to 2022);
* the grant once, on the cooperation: ``FUNDS`` from the funder (:func:`funder_id`) with
  the amount the rows repeat, ``amount_kind`` from the note (:func:`amount_of`: a lower
  bound is ``at_least`` in ``amount_bound_eur``, "rund"/"knapp"/"approx." is
  ``approximate``), ``evidence`` planned where the grant is only expected or applied for;
* a Themenfeld pair ``ADDRESSES`` its Themenfeld;
* a group the source names only collectively ("18 kreisangehörige Kommunen") as an
  entry of ``Cooperation.reported_members``, never as members.

Partners resolve against the dataset: Länder and the Bund's ministries by name,
municipalities, Kreise and Verwaltungsgemeinschaften by their GV100AD name within the
row's Land (the table's ``ags`` is an older register's key: it only picks one of
several places of one name). A name that resolves to nothing is listed by the import
("not written: file:line ...") and in the cooperation's note; no edge is guessed.
Rows whose note starts with WEAK cite a ``second-best`` source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ozggraph.importers.folders import JOINT_PROJECTS_DIR
from ozggraph.importers.resolve import (
    LAND_CODES,
    Reference,
    RefNode,
    key,
    parse_dated,
    read_table,
    split_remark,
    table_error,
    weak_note,
)
from ozggraph.importers.seed_yaml import ImportReport, TableImport, run_import
from ozggraph.schema import Edge
from ozggraph.schema.ids import slug, territorial_id
from ozggraph.schema.nodes import Cooperation, Node
from ozggraph.schema.types import Evidence

COLUMNS = (
    "cooperation",
    "partner",
    "partner_type",
    "land",
    "ags",
    "role",
    "start_date",
    "status",
    "amount_eur",
    "funder",
    "source",
    "source_date",
    "quote_summary",
    "note",
)

#: Cooperations of the table the dataset already holds (same body, same date).
KNOWN: dict[str, str] = {
    "Digitale Modellregion Aachen (Stadt Aachen & StädteRegion Aachen)": (
        "coop-dmr-nrw-modellregion-regierungsbezirk-koeln-leitkommune-aachen"
    ),
    "Digitale Modellregion Bergisches Städtedreieck (Leitkommune Wuppertal)": (
        "coop-dmr-nrw-modellregion-regierungsbezirk-duesseldorf-leitkommune-wuppertal"
    ),
    "Digitale Modellregion Ostwestfalen-Lippe (Leitkommune Paderborn)": (
        "coop-dmr-nrw-modellregion-regierungsbezirk-detmold-owl-leitkommune-paderborn"
    ),
    "Digitale Modellregion Südwestfalen (Leitkommune Soest)": (
        "coop-dmr-nrw-modellregion-regierungsbezirk-arnsberg-leitkommune-soest"
    ),
    "Kooperationsvereinbarung Land Rheinland-Pfalz – Kommunen zur OZG-Umsetzung "
    "(Basisdienste)": "coop-rp-ozg-kooperationsvertrag-2018",
    "Vereinbarung Land Hessen – kommunale Spitzenverbände zur Unterstützung der Kommunen "
    "bei der Digitalisierung (OZG Kommunal, Digitalisierungsfabriken)": (
        "coop-he-ozg-vereinbarung-2019"
    ),
    "Zweckverband Kommunale Informationsverarbeitung Sachsen (KISA)": "itp-kisa",
    "Zweckverband Elektronische Verwaltung in Mecklenburg-Vorpommern (eGo-MV)": "itp-ego-mv",
    "Zweckverband Digitale Kommunen Brandenburg (DIKOM)": (
        "itp-zweckverband-digitale-kommunen-brandenburg"
    ),
}
#: Partner spellings that need a decision (the table's words -> node ids).
ALIASES: dict[str, str | tuple[str, ...]] = {
    "ekom21 – KGRZ Hessen": "itp-ekom21",
    "Landesbetrieb Daten und Information (LDI)": "itp-ldi-rlp",
    "Bund (Verordnungsgeber, BMI)": "min-bund-bmi",
    "Bezirksregierung Detmold": "agency-bezirksregierung-detmold",
    "KSM Kommunalservice Mecklenburg AöR": "agency-ksm-kommunalservice-mecklenburg",
    "Neubrandenburger Stadtwerke GmbH": "agency-neubrandenburger-stadtwerke",
    "Zweckverband eGo-MV": "itp-ego-mv",
    "ITK Rheinland (Zweckverband)": "itp-itk-rheinland",
    "kdvz Rhein-Erft-Rur (Zweckverband)": "itp-kdvz-rhein-erft-rur",
    "Kommunale DatenNetz GmbH (KDN)": "itp-kdn",
}
#: Words before a place's name that say which kind of unit it is.
PLACE_WORDS = {
    "gemeinde/stadt": "Municipality", "gemeinde": "Municipality", "stadt": "Municipality",
    "markt": "Municipality", "marktgemeinde": "Municipality", "marktflecken": "Municipality",
    "landeshauptstadt": "Municipality", "lutherstadt": None, "hansestadt": None,
    "landkreis": "District", "kreis": "District", "stadtkreis": "Municipality",
    "verwaltungsgemeinschaft": "MunicipalAssociation", "vg": "MunicipalAssociation",
    "amt": "MunicipalAssociation", "samtgemeinde": "MunicipalAssociation",
}  # fmt: skip
#: The table's ``partner_type`` -> the label a place of that name must have.
TYPE_LABELS = {
    "Gemeinde": "Municipality", "Stadt": "Municipality", "Markt": "Municipality",
    "Marktgemeinde": "Municipality", "Kommune": "Municipality",
    "Kommune (kreisfreie Stadt)": "Municipality", "kreisfreie Stadt": "Municipality",
    "Landkreis": "District", "Kreis": "District",
    "Verwaltungsgemeinschaft": "MunicipalAssociation", "Amt": "MunicipalAssociation",
    "Samtgemeinde": "MunicipalAssociation",
}  # fmt: skip
#: Funders a ``funder`` cell names by a ministry's full name (before its brackets).
FUNDER_ALIASES = {"Hessisches Ministerium des Innern": "min-he-hmdis"}
LAND_WORDS = ("Freie und Hansestadt ", "Freie Hansestadt ", "Freistaat ", "Land ")
#: OZG 1.0 ran its Themenfeld structure from 2018 to 2022 (the table's own reading).
THEMENFELD_PERIOD = ("2018", "2022")
_COLLECTIVE = re.compile(r"\(collectively|collectively\)")
_QUARTER = re.compile(r"^(\d{4})-(Q[1-4])$")


def evidence_of(status: str) -> Evidence:
    """How strongly a row's ``status`` states the tie.

    >>> [evidence_of(s) for s in ("in force", "signed", "planned (feasibility study)",
    ...                           "in force (announced)", "ended (funding to mid-2023)")]
    ['fact', 'agreed', 'planned', 'announced', 'fact']
    """
    text = status.lower()
    if "planned" in text:
        return "planned"
    if "announced" in text:
        return "announced"
    if text.startswith("signed"):
        return "agreed"
    if re.match(r"(in force|active|ended|completed|live|funded|rollout|dispute|leaving)", text):
        return "fact"
    raise ValueError(f"status {status!r} is not understood")


def ended(status: str) -> str | None:
    """The end a status gives: ``"ended (funding ended 2023-06-30)"`` -> ``"2023-06-30"``.

    >>> ended("ended (funding to mid-2023)"), ended("ended? (until 2023)"), ended("active")
    ('2023', None, None)
    """
    if not status.startswith("ended") or status.startswith("ended?"):
        return None
    dates = re.findall(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?!\d)", status)
    return dates[-1] if dates else None


def amount_of(cell: str, note: str) -> tuple[float | None, str | None, float | None]:
    """``(amount_eur, amount_kind, amount_bound_eur)`` of a row's amount and note.

    >>> amount_of("9000000", "'über neun Millionen' = lower bound")
    (None, 'at_least', 9000000.0)
    >>> amount_of("1700000", "amount approx ('knapp 1,7 Mio')")
    (1700000.0, 'approximate', None)
    >>> amount_of("90000", "official press release")
    (90000.0, 'exact', None)
    """
    if not cell:
        return None, None, None
    try:
        value = float(cell)
    except ValueError:
        raise ValueError(f"amount_eur must be a number, got {cell!r}") from None
    if re.search(r"lower bound|\bmehr als\b|\büber\b|at least", note, re.IGNORECASE):
        return None, "at_least", value
    if re.search(r"approx|\brund\b|\bknapp\b|\bfast\b|\bc\.\s*\d", note, re.IGNORECASE):
        return value, "approximate", None
    return value, "exact", None


def funder_id(reference: Reference, text: str) -> str | None:
    """The node that pays, as a ``funder`` cell names it: a ministry named by its
    abbreviation or name, else the Land (or the Bund) the cell begins with.

    >>> ref = Reference([RefNode("ags-09", "State", "Bayern", {"code": "BY"}),
    ...                  RefNode("de", "Federation", "Bundesrepublik Deutschland", {})])
    >>> funder_id(ref, "Regierung von Unterfranken (IKZ-Förderrichtlinie Bayern)")
    'ags-09'
    >>> funder_id(ref, "Bund (Pakt ÖGD)")
    'de'
    """
    for word in re.findall(r"[A-Za-zÄÖÜäöü]+", text):
        found = reference.organisation(word) if word.isupper() or word[:3] == "HMd" else set()
        if len(found) == 1 and reference.nodes[next(iter(found))].label == "Ministry":
            return found.pop()
    if alias := FUNDER_ALIASES.get(re.split(r"\s*[(–]", text)[0]):
        return alias
    if re.match(r"Bund\b", text):
        return "de" if "de" in reference.nodes else None
    for word in re.findall(r"\b[A-Z]{2,3}\b", text):
        if (code := LAND_CODES.get(word)) and territorial_id(code) in reference.nodes:
            return territorial_id(code)
    for state in reference.labelled("State"):
        if re.search(rf"\b{re.escape(state.name)}\b", text):
            return state.id
    return None


#: Partner types that are a Land's or the Bund's government or one of its authorities.
GOVERNMENTS = frozenset({
    "Land", "Land/ministry", "Landesministerium", "Bundesministerium", "federal ministry",
    "Bundesbehörde", "Bundesprojekt", "Land authority", "Landesbehörde",
})  # fmt: skip


def kind_of(partners: list[tuple[str, str]], name: str, funder: str) -> str:
    """What kind of cooperation this is, from its name, funder and ``(partner_type,
    land)`` of its partners: governments of two or more Länder (or a Land and the Bund)
    make an agreement between them, whatever pilots take part.

    >>> kind_of([("Land", "Hessen"), ("Land", "Bremen"), ("Stadt", "Hessen")], "Ehe", "")
    'agreement between Länder'
    >>> kind_of([("Gemeinde", "Bayern"), ("Gemeinde", "Bayern")], "IKZ Datenschutz", "")
    'IKZ grant'
    """
    partner_types = [t for t, _ in partners]
    governments = {land for t, land in partners if t in GOVERNMENTS}
    if name.startswith("OZG-Themenfeld"):
        return "Themenfeld lead pair (OZG 1.0)"
    if len(governments) > 1:
        bund = "Bund" in governments
        return "agreement of Bund and Länder" if bund else "agreement between Länder"
    if "Modellregion" in name:
        return "Digitale Modellregion" if "NRW" in funder else "OZG-Modellregion"
    if "Starke Heimat" in funder:
        return "Starke Heimat Hessen project"
    if "IKZ" in funder or "IKZ" in name or "Landesausgleichsstock" in funder:
        return "IKZ grant"
    associations = {"association", "kommunaler Spitzenverband"}
    if any(t in GOVERNMENTS for t in partner_types) and any(
        t in associations for t in partner_types
    ):
        return "agreement of a Land with its municipal associations"
    if any(t in ("Landkreis", "Kreis") for t in partner_types) and any(
        t.startswith(("Gemeinde", "Stadt", "Markt", "Kommune", "Samtgemeinde", "Verwaltungs"))
        for t in partner_types
    ):
        return "county–municipal arrangement"
    return "municipal network"


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    source: str
    evidence: Evidence
    start: str | None


@dataclass
class _Coop:
    id: str
    name: str
    rows: list[_Row] = field(default_factory=list)
    counted: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


class JointProjectsImport(TableImport):
    """One run of the importer over one table."""

    command = "joint-projects"

    def __init__(self, table: Path, reference: Reference) -> None:
        super().__init__(table, reference, ALIASES)
        self.coops: dict[str, _Coop] = {}
        self.nodes: list[Node] = []
        self.unresolved: list[str] = []
        #: Rows whose tie the dataset already has (another table or a curated file).
        self.known: list[str] = []
        self.associations = _associations(reference)
        self.bilingual = _bilingual(reference)

    def run(self) -> None:
        groups: defaultdict[str, list[_Row]] = defaultdict(list)
        for line, cells in read_table(self.table, COLUMNS):
            groups[cells["cooperation"]].append(self._row(line, cells))
        for name, rows in groups.items():
            self._cooperation(name, rows)

    def _row(self, line: int, cells: dict[str, str]) -> _Row:
        for column in ("cooperation", "partner", "status", "source"):
            if not cells[column]:
                raise table_error(self.table, line, f"missing {column}")
        weak = cells["note"].startswith("WEAK") or weak_note(cells["note"])
        date = _QUARTER.sub(r"\1 (\2)", cells["source_date"])
        source = self.sources.cite(cells["source"], date, weak, self.table, line)
        try:
            evidence = evidence_of(cells["status"])
            start, _ = parse_dated(cells["start_date"] or "n.d.")
            amount_of(cells["amount_eur"], cells["note"])
        except ValueError as exc:
            raise table_error(self.table, line, str(exc)) from None
        return _Row(line, cells, source, evidence, start)

    def _cooperation(self, name: str, rows: list[_Row]) -> None:
        coop_id = KNOWN.get(name) or _coop_id(name, self.reference, self.coops)
        coop = self.coops.setdefault(coop_id, _Coop(coop_id, name))
        coop.rows += rows
        themenfeld = name.startswith("OZG-Themenfeld")
        for row in rows:
            self._member(coop, row, themenfeld)
        self._grant(coop, rows)
        if coop_id not in KNOWN.values():
            self.nodes.append(self._node(coop, rows))
        if themenfeld:
            self._topic(coop, name, rows)

    def _member(self, coop: _Coop, row: _Row, themenfeld: bool) -> None:
        partner, role = row.cells["partner"], row.cells["role"]
        if _COLLECTIVE.search(partner) or _COLLECTIVE.search(row.cells["partner_type"]):
            coop.counted.append(f"{partner}: {role}" if role else partner)
            return
        body = self._body(row)
        if body is None:
            where = f"{self.table}:{row.line}"
            self.unresolved.append(f"{where}: {partner!r} ({row.cells['land']}): no such body")
            coop.unresolved.append(partner)
            return
        body_id, remark = body
        if ("MEMBER_OF", body_id, coop.id) in self.reference.pairs:
            self.known.append(f"{self.table}:{row.line}: {body_id} -> {coop.id}")
            return
        start, end = row.start, ended(row.cells["status"])
        if themenfeld:
            start, end = start or THEMENFELD_PERIOD[0], end or THEMENFELD_PERIOD[1]
        note = "; ".join(
            p
            for p in (
                f"named as {partner!r}" if remark else None,
                f"status: {row.cells['status']}",
                row.cells["note"],
            )
            if p
        )
        self.edges.add(
            "MEMBER_OF",
            body_id,
            coop.id,
            [row.source],
            note,
            role=role or None,
            relation="founding member" if role.startswith("founding member") else "member",
            valid_from=start,
            valid_to=end,
            evidence=row.evidence,
        )

    def _body(self, row: _Row) -> tuple[str, bool] | None:
        """The node a partner names and whether the table said more than its name."""
        text = row.cells["partner"]
        if text in ALIASES:
            bodies = self.resolver.resolve(text, self.table, row.line)
            return (bodies[0].id, False) if bodies else None
        name, remark = split_remark(text)
        if state := self._state(name):
            return state, bool(remark)
        for candidate in (name, *re.split(r"[,/]\s*|,? formerly ", remark or "")):
            found = self.reference.organisation(candidate) if candidate else set()
            if len(found) == 1:
                return found.pop(), candidate != text
        place = self._place(text, row) or (self._place(name, row) if remark else None)
        return (place, False) if place else None

    def _state(self, name: str) -> str | None:
        for word in LAND_WORDS:
            name = name.removeprefix(word)
        return self.reference.state(name)

    def _place(self, text: str, row: _Row) -> str | None:
        land = self.reference.state(row.cells["land"])
        code = land.removeprefix("ags-") if land else None
        first, _, rest = text.partition(" ")
        label = TYPE_LABELS.get(row.cells["partner_type"])
        if first.lower() in PLACE_WORDS and rest:
            label, text = PLACE_WORDS[first.lower()] or label, rest
        if label == "MunicipalAssociation":
            found = [n.id for n in self.associations.get(key(text), []) if _in(n.id, code)]
        else:
            found = [p.id for p in self.reference.places_named(text, label, code)]
            if not found and label in (None, "Municipality"):
                found = [n.id for n in self.bilingual.get(key(text), []) if _in(n.id, code)]
        if len(found) > 1 and row.cells["ags"]:
            hinted = [i for i in found if i == territorial_id(row.cells["ags"])]
            found = hinted or found
        return found[0] if len(found) == 1 else None

    def _grant(self, coop: _Coop, rows: list[_Row]) -> None:
        amounts = {r.cells["amount_eur"] for r in rows}
        funders = {r.cells["funder"] for r in rows} - {""}
        if len(amounts) > 1 or len(funders) > 1:
            line = rows[-1].line
            raise table_error(self.table, line, f"{coop.name!r}: partners disagree on the grant")
        funder_text = next(iter(funders), "")
        paid = [p for p in self.reference.pairs if p[0] == "FUNDS" and p[2] == coop.id]
        if paid:  # the grant is in the dataset already (e.g. the programmes table)
            self.known.append(f"{self.table}:{rows[0].line}: grant {paid[0][1]} -> {coop.id}")
            return
        if not funder_text:
            if amounts != {""}:
                raise table_error(self.table, rows[0].line, "an amount without a funder")
            return
        funder = funder_id(self.reference, funder_text)
        if funder is None:
            self.unresolved.append(f"{self.table}:{rows[0].line}: funder {funder_text!r}")
            return
        first = rows[0]
        value, kind, bound = amount_of(first.cells["amount_eur"], first.cells["note"])
        expected = re.search(r"expected|applied|voraussichtlich", funder_text + first.cells["note"])
        evidence: Evidence = "planned" if expected else first.evidence
        dates = sorted(r.start for r in rows if r.start)
        self.edges.add(
            "FUNDS",
            funder,
            coop.id,
            list(dict.fromkeys(r.source for r in rows)),
            f"funder: {funder_text}; the table repeats the grant on each of "
            f"{len(rows)} partner rows",
            amount_eur=value,
            amount_kind=kind,
            amount_bound_eur=bound,
            evidence=evidence,
            date=dates[0] if dates else None,
        )

    def _topic(self, coop: _Coop, name: str, rows: list[_Row]) -> None:
        field_name = re.sub(r"^OZG-Themenfeld\s+", "", name).split(" (")[0].split(" – ")[0]
        topics = [
            i
            for i in self.reference.names.get(key(field_name), set())
            if self.reference.nodes[i].label == "Topic"
        ]
        if len(topics) == 1:
            sources = list(dict.fromkeys(r.source for r in rows))
            self.edges.add("ADDRESSES", coop.id, topics[0], sources, "its Themenfeld")
        else:
            self.unresolved.append(f"{self.table}:{rows[0].line}: Themenfeld {field_name!r}")

    def _node(self, coop: _Coop, rows: list[_Row]) -> Cooperation:
        partners = [(r.cells["partner_type"], r.cells["land"]) for r in rows]
        lands = {r.cells["land"] for r in rows if r.cells["land"]}
        funder = next((r.cells["funder"] for r in rows if r.cells["funder"]), "")
        land = {LAND_CODE_BY_NAME.get(x) for x in lands} - {None}
        starts = sorted(r.start for r in rows if r.start)
        notes = [f"status: {s}" for s in dict.fromkeys(r.cells["status"] for r in rows)]
        if coop.unresolved:
            notes.append("also named, not in the dataset: " + "; ".join(coop.unresolved))
        return Cooperation(
            id=coop.id,
            name=coop.name,
            kind=kind_of(partners, coop.name, funder),
            land=next(iter(land)) if len(land) == 1 else None,
            date=starts[0] if starts else None,
            reported_members=coop.counted,
            note="; ".join(notes) or None,
            sources=list(dict.fromkeys(r.source for r in rows)),
        )

    def write(self, out: Path) -> ImportReport:
        edges = self.edges.edges()
        parts: dict[str, tuple[list[Node], list[Edge]]] = {
            "sources.yaml": (list(self.sources.nodes()), []),
            "cooperations.yaml": (
                self.nodes,
                [e for e in edges if e.type in ("MEMBER_OF", "ADDRESSES")],
            ),
            "grants.yaml": ([], [e for e in edges if e.type == "FUNDS"]),
        }
        report = self.write_parts(out, parts)
        report.existing_bodies = {e.source for e in edges if e.type == "MEMBER_OF"}
        report.unresolved = self.unresolved
        report.already = self.known
        return report


#: Land names as the table's ``land`` column writes them -> Land codes.
LAND_CODE_BY_NAME = {
    "Baden-Württemberg": "BW", "Bayern": "BY", "Berlin": "BE", "Brandenburg": "BB",
    "Bremen": "HB", "Hamburg": "HH", "Hessen": "HE", "Mecklenburg-Vorpommern": "MV",
    "Niedersachsen": "NI", "Nordrhein-Westfalen": "NW", "Rheinland-Pfalz": "RP",
    "Saarland": "SL", "Sachsen": "SN", "Sachsen-Anhalt": "ST", "Schleswig-Holstein": "SH",
    "Thüringen": "TH",
}  # fmt: skip
assert set(LAND_CODE_BY_NAME.values()) <= set(LAND_CODES)


def _associations(reference: Reference) -> dict[str, list[RefNode]]:
    """Verwaltungsgemeinschaften, Ämter, Samtgemeinden by name key."""
    index: dict[str, list[RefNode]] = {}
    for node in reference.labelled("MunicipalAssociation"):
        names = {node.name, str(node.data.get("official_name") or "")} - {""}
        for name in names | {split_remark(n)[0] for n in names}:  # "Theres (VGem)"
            index.setdefault(key(name), []).append(node)
    return index


def _bilingual(reference: Reference) -> dict[str, list[RefNode]]:
    """Municipalities with a name in two languages ("Senftenberg/Zły Komorow") by the first."""
    index: dict[str, list[RefNode]] = {}
    for node in reference.labelled("Municipality"):
        if "/" in node.name:
            index.setdefault(key(node.name.split("/")[0]), []).append(node)
    return index


def _in(node_id: str, code: str | None) -> bool:
    return code is None or node_id.split("-", 1)[-1].startswith(code)


def _coop_id(name: str, reference: Reference, made: dict[str, _Coop]) -> str:
    base = slug(name)
    base = base[:70].rsplit("-", 1)[0] if len(base) > 70 else base
    coop_id = f"coop-{base}"
    n = 2
    while coop_id in reference.nodes or (coop_id in made and made[coop_id].name != name):
        coop_id, n = f"coop-{base}-{n}", n + 1
    return coop_id


def import_joint_projects(table: Path, out: Path, seed: Path | None = None) -> ImportReport:
    """Read ``table``, resolve against ``seed`` (default: ``out``'s parent), write ``out``."""
    return run_import(
        lambda ref: JointProjectsImport(table, ref), table, out, seed, JOINT_PROJECTS_DIR
    )
