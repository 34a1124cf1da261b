"""Import the votemanager hosting table (``nds_votemanager_hosting.csv``) into ``seed/hosting/``.

One row is one election authority of Niedersachsen (the Land, a Kreis, a Gemeinde or
a Samtgemeinde) and the body whose server hosts its election-results portal. Each
hosted authority gets ``SERVED_BY`` (``relation`` hosting, ``application``
votemanager) to its host: the IT provider KDO or a Kreis running it for its
Gemeinden. This is a service tie for one application, never a membership.
``evidence`` is ``inferred`` where the table says the host was read from a domain
name, else ``fact``; ``date`` and ``last_confirmed`` are the day of the scrape.

Not written, and reported by the importer: authorities hosting their own portal
(no tie between two bodies), a host that is the authority itself, and codes the
table marks as former units (never guessed onto today's units).
"""

from __future__ import annotations

from pathlib import Path

from ozggraph.importers.folders import HOSTING_DIR
from ozggraph.importers.resolve import (
    Reference,
    keyed_body,
    parse_dated,
    read_table,
    table_error,
)
from ozggraph.importers.seed_yaml import ImportReport, TableImport, run_import

COLUMNS = (
    "authority_code",
    "code_type",
    "gv100ad_name",
    "ags",
    "kreis_key",
    "verband_key",
    "match_status",
    "host",
    "hosting_body",
    "relation",
    "source",
    "source_date",
    "note",
)
APPLICATION = "votemanager (election-results portal)"
#: Hosts as the table names them.
HOSTS = {
    "Zweckverband Kommunale Datenverarbeitung Oldenburg (KDO)": "itp-kdo",
    "Region Hannover": "ags-03241",
    "Landkreis Hildesheim": "ags-03254",
    "Heidekreis": "ags-03358",
}
SELF_HOSTED = "(own instance)"
#: Authorities the table names without an official key of a Gemeinde, Kreis or Verband.
AUTHORITIES = {"Land": "ags-03"}


class HostingImport(TableImport):
    """One run of the importer over one table."""

    command = "hosting"

    def __init__(self, table: Path, reference: Reference) -> None:
        super().__init__(table, reference)
        self.not_written: list[str] = []

    def run(self) -> None:
        for line, row in read_table(self.table, COLUMNS):
            self._row(line, row)

    def _row(self, line: int, row: dict[str, str]) -> None:
        path = self.table
        where = f"{path}:{line}: {row['gv100ad_name'] or row['authority_code']!r}"
        if row["hosting_body"] == SELF_HOSTED:
            self.not_written.append(f"{where} hosts its own portal ({row['host']}): no tie")
            return
        host = HOSTS.get(row["hosting_body"])
        if host is None or host not in self.reference.nodes:
            raise table_error(path, line, f"unknown hosting_body {row['hosting_body']!r}")
        src = self.sources.cite(row["source"], row["source_date"], False, path, line)
        try:
            date, _ = parse_dated(row["source_date"])
        except ValueError as exc:
            raise table_error(path, line, str(exc)) from None
        authority = keyed_body(self.reference, row, path, line)
        if authority is None and row["code_type"] in AUTHORITIES:
            authority = AUTHORITIES[row["code_type"]]
        if authority is None:
            self.not_written.append(f"{where} ({row['match_status']}): unresolved, no tie")
            return
        if authority == host:
            self.not_written.append(f"{where} is its own host ({row['host']}): no tie")
            return
        inferred = "inferred" in row["relation"]
        note = f"the table's wording: {row['relation']!r}; host {row['host']}"
        self.edges.add(
            "SERVED_BY",
            authority,
            host,
            [src],
            note,
            relation="hosting",
            key="hosting-votemanager",
            application=APPLICATION,
            date=date,
            last_confirmed=date,
            evidence="inferred" if inferred else "fact",
        )

    def write(self, out: Path) -> ImportReport:
        edges = self.edges.edges()
        report = self.write_parts(
            out, {"sources.yaml": (list(self.sources.nodes()), []), "hosting.yaml": ([], edges)}
        )
        report.existing_bodies = {e.source for e in edges} | {e.target for e in edges}
        report.unresolved = self.not_written
        return report


def import_hosting(table: Path, out: Path, seed: Path | None = None) -> ImportReport:
    """Read ``table``, resolve against ``seed`` (default: ``out``'s parent), write ``out``."""
    return run_import(lambda ref: HostingImport(table, ref), table, out, seed, HOSTING_DIR)
