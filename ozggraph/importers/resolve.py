"""Shared parts of the web-table importers (EfA reuse, public bodies).

* reading a table with its line numbers, failing with file, line and reason;
* one :class:`~ozggraph.schema.nodes.Source` per distinct page (:class:`SourceBook`);
* resolving the bodies a table names to nodes of the dataset (:class:`Reference`,
  :class:`Resolver`): Länder to ``ags-XX``, municipalities and districts by name
  within their Land, everything else by id, name or alias.

Writing the result is :mod:`ozggraph.importers.seed_yaml`.

>>> split_remark("Stadt Fulda (HE)")
('Stadt Fulda', 'HE')
>>> parse_dated("n.d. (after 2022-12-15)")
(None, 'after 2022-12-15')
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ozggraph.dataset.files import read_files
from ozggraph.errors import SourceTableError
from ozggraph.schema import EDGE_TYPES, Node, dates, properties
from ozggraph.schema.ids import association_ars_id, slug, territorial_id
from ozggraph.schema.nodes import Source
from ozggraph.schema.types import LAND_SPELLINGS

#: Official Land codes (docs/dataset.md) and the spellings the tables use, to the Land's AGS:
#: the schema's one table of the Länder.
LAND_CODES = LAND_SPELLINGS
#: Labels looked up by name/alias/id; territorial units go through their own index.
ORGANISATIONS = ("Association", "Ministry", "Agency", "ITProvider", "Cooperation", "Federation")
#: Id prefixes tried for a short name ("AKDB" -> itp-akdb), per docs/dataset.md.
ID_PREFIXES = ("itp-", "assoc-", "min-bund-", "agency-", "coop-")
#: Leading words that say which kind of territorial unit is meant.
PREFIXES = {
    "stadt": "Municipality", "landeshauptstadt": "Municipality",
    "landkreis": "District", "landratsamt": "District", "kreis": "District",
}  # fmt: skip
SECOND_BEST = "second-best"
NO_DATE = "n.d."


def table_error(file: Path | str, line: int | None, message: str) -> SourceTableError:
    where = f"{file}:{line}" if line else str(file)
    return SourceTableError(f"{where}: {message}")


def read_table(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV table as ``(line, row)``; every named column must be present."""
    if not path.is_file():
        raise table_error(path, None, "no such file")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise table_error(path, 1, f"missing column(s): {', '.join(missing)}")
        rows = []
        for row in reader:
            if None in row:
                raise table_error(path, reader.line_num, "more cells than columns")
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    return rows


def split_remark(text: str) -> tuple[str, str | None]:
    """``"Stadt Fulda (HE)"`` -> ``("Stadt Fulda", "HE")``; no trailing brackets -> None."""
    match = re.fullmatch(r"(.*?)\s*\((.*)\)", text.strip())
    return (match[1], match[2].strip()) if match else (text.strip(), None)


def parse_dated(text: str) -> tuple[str | None, str | None]:
    """``"2021-03 (dpa)"`` -> ``("2021-03", "dpa")``, ``"n.d. (x)"`` -> ``(None, "x")``.

    Raises ``ValueError`` for anything else, so a typo never becomes a date.
    """
    value, remark = split_remark(text)
    if value.lower() == NO_DATE:
        return None, remark
    if dates.reason(value) is not None:  # the one reading of a date
        raise ValueError(f"not a date (YYYY, YYYY-MM, YYYY-MM-DD or n.d.): {text!r}")
    return value, remark


def key(text: str) -> str:
    """Comparison key of a name: ASCII letters and digits only (``a. d.`` == ``a.d.``)."""
    return slug(text).replace("-", "")


# --- sources --------------------------------------------------------------------------


def source_url(cell: str) -> tuple[str, str | None]:
    """The page address of a ``source`` cell and any remark after it.

    ``github:owner/repo/path@commit`` (how the tables cite a file in a repository)
    becomes the file's GitHub address at that commit.
    """
    url, _, rest = cell.strip().partition(" ")
    remark = split_remark(rest)[1] or rest.strip() or None if rest else None
    if url.startswith("github:"):
        path, _, commit = url.removeprefix("github:").partition("@")
        owner, repo, *parts = path.split("/")
        url = f"https://github.com/{owner}/{repo}/blob/{commit}/{'/'.join(parts)}"
    if not re.match(r"https?://[^/\s]+", url):
        raise ValueError(f"not a web address: {cell!r}")
    return url, remark


def source_id(url: str) -> str:
    """``src-web-<host>-<last path words>-<6 hex of the url>``: readable, unique, stable."""
    host, segment = _host_and_segment(url)
    words = slug(segment)
    words = words[:40].rsplit("-", 1)[0] if len(words) > 40 else words
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:6]  # a name, not a secret
    return "-".join(p for p in ("src-web", slug(host), words, digest) if p)


def source_title(url: str) -> str:
    """A short title derived from the address: the site and the page's last path words."""
    host, segment = _host_and_segment(url)
    if host == "github.com":  # owner/repo/blob/commit/path: name the repository and file
        parts = urlsplit(url).path.split("/")
        return f"github.com: {parts[1]}/{parts[2]}, {parts[-1]}"
    if "=" in segment:  # the page is named only by its query: keep it as it is
        return f"{host}: ?{segment}"
    words = re.sub(r"\d{5,}|[-_+,!]+", " ", segment)
    words = re.sub(r"\s+", " ", words).strip(" .")
    return f"{host}: {words[:80].strip()}" if words else host


#: A remark that names the cited document itself (its designation is its title).
_DOCUMENT = re.compile(
    r"(Vorlage|Beschluss|Satzungsentwurf|Beteiligungsbericht|Staatsanzeiger|Gesetz vom|ADVZG)\b"
)


def page_name(url: str, date: str | None, remarks: list[str]) -> str:
    """The name of a cited page: its title where the table gives enough, else publisher + date.

    The tables give no title column: a title is the ``headline:`` a row's remark quotes,
    else the document a remark names ("Vorlage BM/0016/2014", "Beschluss 2010/84",
    "Staatsanzeiger Hessen Nr. 12/2013"), else the headline words of the address (at
    least four words, as the address spells them); an address without such words is
    named by its publisher (the site) and date.

    >>> page_name("https://buergerkurier.de/?p=290683", "2023-10-01", [])
    'buergerkurier.de, 2023-10-01'
    >>> page_name("https://ratsinfo.meerbusch.de/x/vo0050", "2014", ["Vorlage BM/0016/2014"])
    'Vorlage BM/0016/2014 (ratsinfo.meerbusch.de, 2014)'
    >>> page_name("https://www.d-nrw.de/wohngeld", None, [])
    'd-nrw.de, n.d.'
    >>> page_name("https://x.de/a/erste-kommunen-genehmigen-breitbandausbau-22358", None, [])
    'Erste kommunen genehmigen breitbandausbau (x.de, n.d.)'
    """
    host, _ = _host_and_segment(url)
    when = date or NO_DATE
    for remark in remarks:
        if match := re.search(r"headline:\s*([^;)]+)", remark):
            return f"{match[1].strip()} ({host}, {when})"
    for remark in remarks:  # a document the row names: a council paper, a statute ...
        if _DOCUMENT.match(remark):
            return f"{remark.split(';')[0].strip()} ({host}, {when})"
    title = source_title(url)
    words = title.partition(": ")[2] if ": " in title else ""
    if host != "github.com" and len(words.split()) >= 4 and "?" not in words:
        return f"{words[0].upper()}{words[1:]} ({host}, {when})"
    if host == "github.com":
        return title
    return f"{host}, {when}"


def _host_and_segment(url: str) -> tuple[str, str]:
    """The host (without ``www.``) and the last path segment that says something."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    segments = [
        re.sub(r"\.(html?|jsp|xhtml|aspx|php)$", "", unquote(s)) for s in parts.path.split("/")
    ]
    segments = [s for s in segments if slug(s) and not re.fullmatch(r"[\d-]+|index", slug(s))]
    return host, segments[-1] if segments else unquote(parts.query)


@dataclass
class _Cited:
    url: str
    date: str | None = None
    remarks: list[str] = field(default_factory=list)
    weak: bool = False
    first: str = ""
    #: The page's title where the importer knows it (a law it cites by name).
    title: str | None = None


class SourceBook:
    """One ``Source`` per distinct page; pages already in the dataset keep their node."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self._cited: dict[str, _Cited] = {}

    def cite(
        self,
        cell: str,
        date_cell: str,
        weak: bool,
        file: Path,
        line: int,
        *,
        title: str | None = None,
    ) -> str:
        """Id of the Source for a row's ``source``/``source_date`` cells (``title``: the
        page's title, where the importer knows it)."""
        if not cell:
            raise table_error(file, line, "missing source")
        try:
            url, remark = source_url(cell)
            date, date_remark = parse_dated(date_cell or NO_DATE)
        except ValueError as exc:
            raise table_error(file, line, str(exc)) from None
        if existing := self.reference.sources_by_url.get(url):
            return existing
        sid = source_id(url)
        cited = self._cited.setdefault(sid, _Cited(url, date, first=f"{file}:{line}"))
        if cited.date and date and cited.date != date and date.startswith(cited.date):
            cited.date = date  # the same page dated more precisely by another row: keep that
        elif cited.date and date and cited.date.startswith(date):
            pass
        elif cited.date != date:
            raise table_error(
                file,
                line,
                f"source {url} dated {date or NO_DATE} here, "
                f"{cited.date or NO_DATE} at {cited.first}",
            )
        for text in (remark, date_remark):
            if text and text not in cited.remarks:
                cited.remarks.append(text)
        cited.weak |= weak or is_wiki(url, remark)
        cited.title = cited.title or title
        return sid

    def nodes(self) -> list[Source]:
        return [self._node(sid, c) for sid, c in sorted(self._cited.items())]

    @staticmethod
    def _node(sid: str, cited: _Cited) -> Source:
        notes = ([] if cited.date else ["page gives no date"]) + cited.remarks
        return Source(
            id=sid,
            name=(
                f"{cited.title} ({urlsplit(cited.url).netloc.removeprefix('www.')}, "
                f"{cited.date or NO_DATE})"
                if cited.title
                else page_name(cited.url, cited.date, cited.remarks)
            ),
            url=cited.url,
            date=cited.date,
            publisher=urlsplit(cited.url).netloc.lower().removeprefix("www."),
            kind="repository file" if "://github.com/" in cited.url else "web page",
            quality=SECOND_BEST if cited.weak else None,
            note="; ".join(notes) or None,
        )


def weak_note(note: str) -> bool:
    """The table's note marks the row as weak (a demo database, an indicative figure, a
    private or third-party site...)."""
    words = r"\b(demo|indicative|not official|weak|private site|third-party)\b"
    return bool(re.search(words, note, re.IGNORECASE))


def is_wiki(url: str, remark: str | None) -> bool:
    """Wikipedia, one of its mirrors (wiki.li, wikiup.org, ...) or a document mirror
    (readkong.com): a second-best source."""
    host = urlsplit(url).netloc.lower()
    return "wiki" in host or "readkong" in host or "wikipedia" in (remark or "").lower()


# --- the dataset as it is -------------------------------------------------------------


@dataclass(frozen=True)
class RefNode:
    id: str
    label: str
    name: str
    data: dict[str, Any]


class Reference:
    """The nodes already in the dataset (read raw, so a half-written file of a colleague
    does not stop an import; ``ozggraph validate`` judges the whole dataset)."""

    def __init__(self, nodes: Iterable[RefNode]) -> None:
        self.nodes: dict[str, RefNode] = {}
        self.names: dict[str, set[str]] = {}
        self.places: dict[str, list[RefNode]] = {}
        self.sources_by_url: dict[str, str] = {}
        #: ``(type, source, target)`` of the relationships of the YAML files loaded.
        self.pairs: set[tuple[str, str, str]] = set()
        for node in nodes:
            self.add(node)

    @classmethod
    def load(cls, seed: Path, exclude: Iterable[str] = ()) -> Reference:
        """Nodes of ``seed``, leaving out its top-level entries named in ``exclude``."""
        skip = set(exclude)
        entries = [e for e in sorted(seed.iterdir()) if e.name not in skip] if seed.is_dir() else []
        files = [f for e in entries for f in ([e] if e.is_file() else sorted(e.rglob("*")))]
        nodes, pairs = [], set()
        for path in files:
            if path.suffix == ".csv" and path.name.split(".")[0] in EDGE_TYPES:
                continue  # bulk relationship tables hold no names; skipping them saves time
            records, _ = read_files(path)  # problems are for `ozggraph validate` to report
            nodes += [
                RefNode(str(r.data["id"]), r.name, str(r.data.get("name", "")), r.data)
                for r in records
                if r.kind == "node" and r.data.get("id")
            ]
            pairs |= {
                (r.name, str(r.data.get("source")), str(r.data.get("target")))
                for r in records
                if r.kind == "edge"
            }
        reference = cls(nodes)
        reference.pairs = pairs
        return reference

    def add(self, node: RefNode) -> None:
        self.nodes[node.id] = node
        names = {node.name, *_as_list(node.data.get("aliases"))}
        if node.label == "Source" and node.data.get("url"):
            self.sources_by_url.setdefault(str(node.data["url"]), node.id)
        elif node.label in ORGANISATIONS or node.label in ("Solution", "OZGService", "Topic"):
            for name in names:
                self.names.setdefault(key(name), set()).add(node.id)
        elif node.label in ("State", "District", "Municipality"):
            official = str(node.data.get("official_name") or "")
            for name in names | {official, official.split(",")[0]}:
                if name:
                    self.places.setdefault(key(name), []).append(node)

    def labelled(self, label: str) -> list[RefNode]:
        return [n for n in self.nodes.values() if n.label == label]

    def organisation(self, text: str) -> set[str]:
        """Organisations whose id (by convention), name or alias is ``text``."""
        named = self.names.get(key(text), set())
        found = {i for i in named if self.nodes[i].label in ORGANISATIONS}
        found |= {p + slug(text) for p in ID_PREFIXES if p + slug(text) in self.nodes}
        return found

    def state(self, text: str) -> str | None:
        code = LAND_CODES.get(text.strip().upper())
        if code and territorial_id(code) in self.nodes:
            return territorial_id(code)
        found = [n.id for n in self.places.get(key(text), []) if n.label == "State"]
        return found[0] if len(found) == 1 else None

    def places_named(self, text: str, label: str | None, land: str | None) -> list[RefNode]:
        """Districts and municipalities called ``text`` (optionally of one label and Land)."""
        found = {
            n.id: n
            for n in self.places.get(key(text), [])
            if n.label in ((label,) if label else ("District", "Municipality"))
            and (land is None or n.id.startswith(f"ags-{land}"))
        }
        if label == "District" and len(found) > 1:  # "Landkreis Regensburg" is not the city
            found = {i: n for i, n in found.items() if not _kreisfrei(n)}
        return [found[i] for i in sorted(found)]


def land_code(reference: Reference, text: str, file: Path, line: int) -> str:
    """The Land code (``HE``) of a Land a table names (``Hessen``, ``HE``, ``06``)."""
    state = reference.state(text)
    if state is None and re.fullmatch(r"\d{2}", text) and territorial_id(text) in reference.nodes:
        state = territorial_id(text)
    if state is None:
        raise table_error(file, line, f"unknown Land {text!r}")
    code = reference.nodes[state].data.get("code")
    if not code:
        raise table_error(file, line, f"Land {text!r} ({state}) has no code in the dataset")
    return str(code)


def keyed_body(reference: Reference, row: dict[str, str], file: Path, line: int) -> str | None:
    """The node a row names by official key, if it gives one.

    ``ags`` (8 digits) is the Gemeinde, ``kreis_key`` (5) the Kreis, ``verband_key`` (9)
    the ``MunicipalAssociation`` (Amt, Samtgemeinde, VGem). The row's ``gv100ad_name``,
    where given, must be the node's name or official name.
    """
    keyed = [
        (row.get("ags", ""), territorial_id, 8),
        (row.get("kreis_key", ""), territorial_id, 5),
        (row.get("verband_key", ""), association_ars_id, 9),
    ]
    for value, make_id, digits in keyed:
        if not value:
            continue
        if not re.fullmatch(rf"\d{{{digits}}}", value):
            raise table_error(file, line, f"key {value!r} must have {digits} digits")
        node_id = make_id(value)
        node = reference.nodes.get(node_id)
        if node is None:
            raise table_error(file, line, f"key {value} names no node of the dataset ({node_id})")
        names = {key(node.name), key(str(node.data.get("official_name") or ""))}
        official = row.get("gv100ad_name", "")
        if official and key(official) not in names:
            message = f"gv100ad_name {official!r} is not the name of {node_id} ({node.name})"
            raise table_error(file, line, message)
        return node_id
    return None


def _kreisfrei(node: RefNode) -> bool:
    kind = str(node.data.get("kind") or "").lower()
    return "kreisfrei" in kind or "stadtkreis" in kind


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


# --- bodies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """A resolved body: its node id and what the table said besides the name."""

    id: str
    remark: str | None = None


#: Alias-table value marking a count of unnamed bodies ("11 Länder"): never an edge.
AGGREGATE = "aggregate"


class Resolver:
    """Turns a table's spelling of a body into node ids, or fails with file and line.

    ``aliases`` maps exact table spellings to ids (or :data:`AGGREGATE`); each importer
    documents its entries. Bodies created by the importer are added with :meth:`created`.
    """

    def __init__(self, reference: Reference, aliases: dict[str, str | tuple[str, ...]]) -> None:
        self.reference = reference
        self.aliases = aliases
        self.used: Counter[str] = Counter()
        self.resolved: set[str] = set()

    def created(self, node: Node) -> None:
        data = properties(node)
        self.reference.add(RefNode(node.id, node.label, node.name, data))

    def resolve(self, text: str, file: Path, line: int) -> list[Body] | None:
        """Ids of the body or bodies ``text`` names; ``None`` for an aggregate count."""
        bodies = self._resolve(text, file, line)
        self.resolved |= {b.id for b in bodies or []}
        return bodies

    def _resolve(self, text: str, file: Path, line: int) -> list[Body] | None:
        if text in self.aliases:
            self.used[text] += 1
            target = self.aliases[text]
            if target == AGGREGATE:
                return None
            ids = (target,) if isinstance(target, str) else target
            missing = [i for i in ids if i not in self.reference.nodes]
            if missing:
                raise table_error(file, line, f"alias {text!r} maps to unknown {missing}")
            return [Body(i) for i in ids]
        if re.search(r"\b(aggregate|unnamed)\b", text):  # the tables' own marker for counts
            return None
        return [self.one(text, file, line)]

    def one(self, text: str, file: Path, line: int) -> Body:
        name, remark = split_remark(text)
        land = LAND_CODES.get(remark or "")
        if land is not None:
            remark = None
        if not land and (state := self.reference.state(name)):
            return Body(state, remark)
        found = self.reference.organisation(name)
        if len(found) == 1:
            return Body(found.pop(), remark)
        if len(found) > 1:
            raise table_error(file, line, f"{text!r} is ambiguous: {', '.join(sorted(found))}")
        return self._place(text, name, remark, land, file, line)

    def _place(
        self, text: str, name: str, remark: str | None, land: str | None, file: Path, line: int
    ) -> Body:
        first, _, rest = name.partition(" ")
        label = PREFIXES.get(first.lower()) if rest else None
        places = self.reference.places_named(rest if label else name, label, land)
        if len(places) == 1:
            extra = first if first.lower() in ("landratsamt",) else None
            return Body(places[0].id, "; ".join(p for p in (extra, remark) if p) or None)
        if places:
            ids = ", ".join(p.id for p in places)
            raise table_error(file, line, f"{text!r} is ambiguous: {ids}")
        raise table_error(
            file,
            line,
            f"unknown body {text!r}: no node of the dataset has "
            "this name, alias or id; map it in the importer's alias table",
        )
