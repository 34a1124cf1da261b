"""The EfA adoption table (``joint-projects/efa_adoption.csv``), merged into the EfA layer.

:mod:`ozggraph.importers.efa` reads this table after ``efa_reuse.csv`` into the same
run, so that a solution and an adopter have one set of relationships whichever table
names them:

* a row's ``solution`` label is matched to the solution the reuse table already has
  (:data:`SOLUTIONS`: labels of one service differ between rows and tables); a service
  only this table names becomes a new ``Solution``;
* ``developer`` -> ``DEVELOPS`` (:data:`DEVELOPERS`: each cell is a decision; "not
  named in source" stays without a developer); a developer the row says is inferred
  has ``evidence`` inferred;
* ``adopting_body`` at ``stage`` -> ``REUSES`` keyed by stage and date, as the reuse
  table's rows: a stage already recorded for the pair (by either table) gets this
  row's page and date in its sources and note, a new stage adds to the pair's history
  (``planned (2020-04) / live`` is two stages). ``co-developer`` rows are
  ``DEVELOPS``. How far the stage goes is :data:`STAGES`; an adopter "derived by
  exclusion" keeps ``evidence`` derived;
* an adopter that is a developer of the service (a pilot Kreis of the developing Land)
  gets the row on its ``DEVELOPS``: building a service is not reusing it;
* bodies named only as a group ("Sächsische Kommunen", "Pilotbehörden in Bremen") go to
  ``Solution.reported_adopters``, never to edges;
* where a row says its sources disagree (IfSG-Online in Berlin), the relationship's
  note and the solution's note say so: both statements stay visible.
"""

from __future__ import annotations

import re
from pathlib import Path

from ozggraph.importers.efa_solutions import STAGE_EVIDENCE, EfaRun, SolutionDraft
from ozggraph.importers.resolve import (
    AGGREGATE,
    Body,
    parse_dated,
    read_table,
    split_remark,
    table_error,
    weak_note,
)
from ozggraph.schema.ids import slug
from ozggraph.schema.types import Evidence

#: Where the table lives, relative to ``efa_reuse.csv``'s folder of ``raw/``.
ADOPTION_TABLE = Path("joint-projects") / "efa_adoption.csv"
COLUMNS = (
    "solution",
    "ozg_leistung_or_themenfeld",
    "developer",
    "adopting_body",
    "stage",
    "date",
    "source",
    "source_date",
    "quote_summary",
    "note",
)
#: The table's solution labels (before the first bracket or " / ") -> solution ids;
#: a label not here makes a new Solution ``sol-<slug>``.
SOLUTIONS = {
    "Digitale Baugenehmigung": "sol-digitale-baugenehmigung",
    "Digitaler Bauantrag": "sol-digitale-baugenehmigung",
    "Online-Wohngeldantrag": "sol-wohngeld-online",
    "Digitales Wohngeld": "sol-wohngeld-online",
    "Elektronische Wohnsitzanmeldung": "sol-elektronische-wohnsitzanmeldung",
    "ElterngeldDigital": "sol-elterngelddigital",
    "Unterhaltsvorschuss Online": "sol-unterhaltsvorschuss-online",
    "Digitaler Führerscheinantrag": "sol-digitaler-fuehrerscheinantrag",
    "Digitaler Führerschein": "sol-digitaler-fuehrerscheinantrag",
    "BAföG Digital": "sol-bafoeg-digital",
    "Aufenthaltstitel": "sol-aufenthalt-digital",
    "Einbürgerung": "sol-einbuergerung-digital",
    "eWaffe": "sol-ewaffe",
    "rund 50 EfA-Onlinedienste anderer Länder": "sol-50-efa-onlinedienste",
    # Hessen's and Bremen's marriage service under its three labels.
    "Ehe Online": "sol-ehe-online",
    "Ehe-Online": "sol-ehe-online",
    "Eheschließung": "sol-ehe-online",
    "IfSG-Online": "sol-ifsg-online",
}
#: Labels that stand for several unnamed services: a count, not one solution.
AGGREGATE_LABELS = ("EfA-Leistungen allgemein",)
_NONE: tuple[str, ...] = ()
#: Developer cells -> ids (lead first); each entry is a decision on the cell's words.
DEVELOPERS: dict[str, tuple[str, ...]] = {
    "Bremen (Länderallianz)": ("ags-04",),
    "Bremen (Themenfeld Familie & Kind, Länderallianz)": ("ags-04",),
    "Bund (BMFSFJ)": ("min-bund-bmfsfj",),
    "Freie Hansestadt Bremen": ("ags-04",),
    "Freie und Hansestadt Hamburg": ("ags-02",),
    "Hamburg (Senatskanzlei, with BMI)": ("ags-02", "min-bund-bmi"),
    "Hamburg (Senatskanzlei, with BMI; built by Dataport)": ("ags-02", "min-bund-bmi"),
    "Hessen (Ministerium für Wirtschaft, Energie, Verkehr, Wohnen) with BMDV/BMVI and BMI": (
        "ags-06",
        "min-bund-bmvi",
        "min-bund-bmi",
    ),
    "Hessen (technical development) with Bremen (Themenfeld lead)": ("ags-06", "ags-04"),
    "Hessen with Bremen": ("ags-06", "ags-04"),
    "Land Brandenburg (MIK)": ("ags-12",),
    "Land Brandenburg (MIK, mit ZIT-BB, AKDB)": ("ags-12", "itp-akdb"),
    "Land Mecklenburg-Vorpommern": ("ags-13",),
    "Land Nordrhein-Westfalen": ("ags-05",),
    "Mecklenburg-Vorpommern": ("ags-13",),
    "Nordrhein-Westfalen (MAGS, Federführer Themenfeld Gesundheit) with BMI": (
        "ags-05",
        "min-bund-bmi",
    ),
    "Nordrhein-Westfalen with BMI": ("ags-05", "min-bund-bmi"),
    "Sachsen-Anhalt with BMBF": ("ags-15", "min-bund-bmbf"),
    "Schleswig-Holstein": ("ags-01",),
    # No developer named (or only a count of Länder): none is written.
    "andere Länder (not itemised)": _NONE,
    "eWA: Hamburg (not named in this source)": _NONE,
    "not named in source": _NONE,
    "not named in source (eWA originated in Hamburg/BMI, see joint_projects)": _NONE,
    "various": _NONE,
}
#: Adopter cells that need a decision: a body, or AGGREGATE (a group no source itemises).
ADOPTERS: dict[str, str] = {
    "Bundesministerium des Innern (BMI)": "min-bund-bmi",
    "Hamburg (Bezirk Wandsbek)": "agency-bezirk-wandsbek",
    "Land Berlin (Bürgerämter, Senatskanzlei)": "ags-11",
    "Land Berlin (Standesämter)": "ags-11",
    "Land Schleswig-Holstein (Landes- und Kommunalbehörden, z. B. 143 Standesämter)": "ags-01",
    "Baden-Württemberg (Studierendenwerk Stuttgart)": "ags-08",
    "Saarland und saarländische Kommunen": AGGREGATE,
    "Kommunen des Landkreises Saarlouis mit eGo-Saar": AGGREGATE,
    "Kommunen in Mecklenburg-Vorpommern via eGo-MV": AGGREGATE,
    "(unnamed authorities in other Länder)": AGGREGATE,
}
#: The table's stage words (before any bracket) -> the reuse stage of the schema.
STAGES = {
    "live": "live",
    "connected": "connected",
    "connected/live": "connected",  # the weaker of the two words: never more than stated
    "agreed": "contract",
    "planned": "planned",
    "rolling out": "contract",  # after "agreed (contracts)": no more than the contracts
    "presented/planned": "interest",  # a presentation only, adoption not confirmed
    "paused": "interest",  # only on a group (eGo-MV): kept as a count with its words
}
_GROUP = re.compile(r"collectively|^Pilotbehörden|^über \d+|Kommunen\b")


def stages(cell: str, date: str | None) -> list[tuple[str, str | None, str | None]]:
    """``(stage, date, the table's words)`` of a stage cell; ``"planned (2020-04) / live"``
    is two stages, the bracketed date belonging to the first.

    >>> stages("planned (2020-04) / live", "2020-04")
    [('planned', '2020-04', 'planned (2020-04)'), ('live', None, 'live')]
    >>> stages("agreed (contract)", "2023-10")
    [('contract', '2023-10', 'agreed (contract)')]
    """
    parts = [p.strip() for p in cell.split(" / ")]
    result: list[tuple[str, str | None, str | None]] = []
    for index, part in enumerate(parts):
        word = re.split(r"\s*\(|\s+then\b", part)[0].strip()
        stage = STAGES.get(word)
        if stage is None:
            raise ValueError(f"stage {cell!r} is not understood")
        when = date if index == 0 or len(parts) == 1 else None
        result.append((stage, when, part))
    return result


def solution_id(label: str) -> tuple[str, str, bool]:
    """``(id, name, aggregate)`` of a row's solution label."""
    name = re.split(r"\s+/\s+|\s+\(|\s+und Anbindung", label)[0].strip()
    aggregate = name in AGGREGATE_LABELS or "collectively" in label
    return SOLUTIONS.get(name, "sol-" + slug(name)), name, aggregate


def adopt(run: EfaRun, table: Path) -> None:
    """Add the rows of the adoption ``table`` to the EfA import ``run``."""
    for line, cells in read_table(table, COLUMNS):
        _row(run, table, line, cells)


def _row(run: EfaRun, table: Path, line: int, cells: dict[str, str]) -> None:
    if not cells["solution"] or not cells["adopting_body"]:
        raise table_error(table, line, "missing solution or adopting_body")
    weak = cells["note"].startswith("WEAK") or weak_note(cells["note"])
    source = run.sources.cite(cells["source"], _dated(cells["source_date"]), weak, table, line)
    try:
        date, _ = parse_dated(_dated(cells["date"]) or "n.d.")
        steps = stages(cells["stage"], date) if "co-developer" not in cells["stage"] else []
    except ValueError as exc:
        raise table_error(table, line, str(exc)) from None
    sol = _solution(run, table, line, cells, source)
    summary = " — ".join(p for p in (cells["quote_summary"], cells["note"]) if p)
    conflict = _conflict(cells["adopting_body"], cells["note"])
    if conflict:
        text = f"sources disagree ({cells['adopting_body']}): {cells['note']}"
        sol.notes += [] if text in sol.notes else [text]
    _developers(run, table, line, cells, sol, source)
    adopter = cells["adopting_body"]
    bodies = _adopters(run, table, line, adopter)
    if bodies is None:
        sol.adopters.append(f"{adopter}: {cells['stage']} ({date or 'undated'}, {source})")
        return
    for body in bodies:
        if not steps:  # a co-developer of the service: it builds it, it does not reuse it
            run.edges.add(
                "DEVELOPS", body.id, sol.node_id, [source], summary, date=date, evidence="fact"
            )
            continue
        if maker := _maker_edge(run, body.id, sol.node_id):
            # a developer piloting its own service: the row says when, not that it reuses
            text = f"runs it as a pilot: {cells['stage']} ({date or 'n.d.'}): {summary}"
            run.edges.note(maker, text, source)
            continue
        derived = "derived by exclusion" in cells["stage"]
        for stage, when, words in steps:
            note = "; ".join(
                p
                for p in (
                    f"stage as the table words it: {words}" if words != stage else None,
                    f"CONFLICT between sources: {cells['note']}" if conflict else summary,
                )
                if p
            )
            if same := _stage_edge(run, body.id, sol.node_id, stage):
                dated = f"also stated by {source} (dated {when or 'n.d.'})"
                run.edges.note(same, f"{dated}: {note}" if note else dated, source)
                continue
            run.edges.add(
                "REUSES",
                body.id,
                sol.node_id,
                [source],
                note,
                key=f"{stage}-{when or 'undated'}",
                stage=stage,
                date=when,
                evidence="derived" if derived else STAGE_EVIDENCE[stage],
            )


def _maker_edge(run: EfaRun, body: str, solution: str) -> str | None:
    """The body's DEVELOPS of the solution, if it is one of its developers."""
    for rid in run.edges.ids():
        fields = run.edges.get(rid)
        if (fields["type"], fields["source"], fields["target"]) == ("DEVELOPS", body, solution):
            return rid
    return None


def _stage_edge(run: EfaRun, body: str, solution: str, stage: str) -> str | None:
    """The pair's REUSES at ``stage`` already recorded (by either table), if any: one
    relationship per stage of a pair, citing every page that states it."""
    for rid in run.edges.ids():
        fields = run.edges.get(rid)
        if (fields["type"], fields["source"], fields["target"], fields.get("stage")) == (
            "REUSES",
            body,
            solution,
            stage,
        ):
            return rid
    return None


def _conflict(adopter: str, note: str) -> bool:
    """The row's note says the sources disagree about this adopter.

    >>> _conflict("Berlin", "Berlin conflicts with x"), _conflict("Hessen", "Berlin conflicts")
    (True, False)
    """
    name = re.escape(split_remark(adopter)[0].removeprefix("Land "))
    words = r"conflict|disagree|contradict"
    return bool(re.search(rf"\b{name}\b[^;]*({words})|({words})[^;]*\b{name}\b", note, re.I))


def _dated(cell: str) -> str:
    """Half-years and quarters (``2026-H1``) as a year with the rest as a remark."""
    return re.sub(r"^(\d{4})-([HQ]\d)$", r"\1 (\2)", cell)


def _solution(
    run: EfaRun, table: Path, line: int, cells: dict[str, str], source: str
) -> SolutionDraft:
    sol_id, name, aggregate = solution_id(cells["solution"])
    new = sol_id not in run.solutions
    if new and sol_id in run.reference.nodes:
        raise table_error(table, line, f"solution {sol_id} is already in the dataset elsewhere")
    sol = run.solutions.setdefault(sol_id, SolutionDraft(sol_id, name))
    label = cells["solution"]
    if label != sol.name and label not in sol.aliases and not aggregate:
        sol.aliases.append(label)
    if aggregate and sol.kind is None:
        sol.kind = AGGREGATE
        sol.notes.append(f"Not one solution: the table's {label!r} stands for several services.")
    sol.cite(source)
    if new or sol_id in run.adopted_new:
        run.adopted_new.add(sol_id)
        run.catalogue.link(sol_id, cells, line, source, table, run.edges)
    return sol


def _developers(
    run: EfaRun, table: Path, line: int, cells: dict[str, str], sol: SolutionDraft, source: str
) -> None:
    cell = cells["developer"]
    if cell not in DEVELOPERS:
        raise table_error(table, line, f"developer {cell!r}: add a decision to DEVELOPERS")
    inferred = re.search(r"\binferr|\binference\b", cells["note"])
    evidence: Evidence = "inferred" if inferred else "fact"
    for index, body in enumerate(DEVELOPERS[cell]):
        if body not in run.reference.nodes:
            raise table_error(table, line, f"developer {body} is not in the dataset")
        role = None if index == 0 else "partner (the table names it with 'with')"
        note = "; ".join(p for p in (role, f"the table writes {cell!r}") if p)
        run.edges.add("DEVELOPS", body, sol.node_id, [source], note, evidence=evidence)


def _adopters(run: EfaRun, table: Path, line: int, text: str) -> list[Body] | None:
    """The body or bodies an ``adopting_body`` cell names; None for a group."""
    if text in ADOPTERS:
        target = ADOPTERS[text]
        return None if target == AGGREGATE else [Body(target, f"named as {text!r}")]
    if _GROUP.search(text):
        return None
    name, remark = split_remark(text)
    name = re.sub(r"^(Ausländerbehörde|Land)\s+", "", name)
    land = run.reference.state(remark) if remark else None
    if land and not run.reference.state(name):
        # "Stadt Borken (Nordrhein-Westfalen)": a place in that Land
        text = f"{name} ({run.reference.nodes[land].data.get('code')})"
    elif remark and run.reference.state(name):
        # "Nordrhein-Westfalen (Rhein-Kreis Neuss)": the body in brackets adopts
        return [run.resolver.one(remark, table, line)]
    else:
        text = f"{name} ({remark})" if remark else name
    return run.resolver.resolve(text, table, line)
