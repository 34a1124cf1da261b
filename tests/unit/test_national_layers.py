"""The national layers: IT-provider ties, funding programmes, service hosting.

The importers (bad rows, byte-identical reruns) and the facts the shipped dataset
must state: named ties with their dates and sources, derived ties flagged, counts
never expanded, former members never current, amounts never copied to partners,
one node per body.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

import ozggraph
from ozggraph.errors import SourceTableError
from ozggraph.importers.hosting import import_hosting
from ozggraph.importers.it_providers import COLUMNS, import_it_providers, tie
from ozggraph.importers.programmes import import_programmes
from ozggraph.network.projections import cooperation_network
from ozggraph.network.ties import TieIndex
from ozggraph.schema.types import EVIDENCE

REPO = Path(__file__).parents[2]
SEED = REPO / "seed"
RAW = REPO / "raw"
TIES = RAW / "it-providers" / "it_provider_ties.csv"
PROGRAMMES = RAW / "funding-programmes" / "funding_digital_programmes.csv"
HOSTING = RAW / "service-hosting" / "nds_votemanager_hosting.csv"

AMT_SIEK, ZEITHAIN, SOEST, BURSCHEID = (
    "ars-010625262",
    "ags-14627360",
    "ags-05974040",
    "ags-05378008",
)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return ozggraph.load_graph()


def edges(graph: nx.MultiDiGraph, type_: str, u: str, v: str) -> list[dict[str, Any]]:
    return [a for a in (graph.get_edge_data(u, v) or {}).values() if a["type"] == type_]


def one(graph: nx.MultiDiGraph, type_: str, u: str, v: str) -> dict[str, Any]:
    (found,) = edges(graph, type_, u, v)
    return found


def into(graph: nx.MultiDiGraph, node: str, type_: str) -> list[tuple[str, dict[str, Any]]]:
    return [(u, a) for u, _, a in graph.in_edges(node, data=True) if a["type"] == type_]


# --- importers ---------------------------------------------------------------------------


def _yaml(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.yaml"))}


def test_reruns_are_byte_identical_and_match_the_shipped_files(tmp_path: Path) -> None:
    for run in ("first", "second"):
        import_it_providers(TIES, tmp_path / run / "it-providers", seed=SEED)
        import_programmes(PROGRAMMES, tmp_path / run / "programmes", seed=SEED)
        import_hosting(HOSTING, tmp_path / run / "hosting", seed=SEED)
    for name in ("it-providers", "programmes", "hosting"):
        first, second = _yaml(tmp_path / "first" / name), _yaml(tmp_path / "second" / name)
        assert first == second
        assert first == _yaml(SEED / name), f"seed/{name} is stale: rerun the importer"


def _table(tmp_path: Path, **changes: str) -> Path:
    with TIES.open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    directory = tmp_path / "it-providers"
    directory.mkdir()
    path = directory / "it_provider_ties.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerow({**row, **changes})
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"relation": "friend"}, "relation 'friend' is not understood"),
        ({"derived": "maybe"}, "derived must be yes or no"),
        ({"verband_key": "0106252"}, "must have 9 digits"),
        ({"verband_key": "010625999"}, "names no node"),
        ({"gv100ad_name": "Viöl"}, "is not the name of ars-010625262"),
        ({"share": "a lot"}, "share must read like"),
        ({"as_of": "early 2017"}, "not a date"),
    ],
)
def test_a_malformed_row_is_refused_with_file_and_line(
    tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    table = _table(tmp_path, **changes)
    with pytest.raises(SourceTableError, match=message) as error:
        import_it_providers(table, tmp_path / "out", seed=SEED, bodies=RAW / "public-bodies")
    assert str(error.value).startswith(f"{table}:2: ")
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_unresolved_names_are_reported_never_guessed(tmp_path: Path) -> None:
    report = import_it_providers(TIES, tmp_path / "it-providers", seed=SEED)
    assert [u.split(": ")[1] for u in report.unresolved] == [
        "'Amt Moorrege' (not found)",
        "'Amt Doberan-Land' (not found (Amt name not in GV100AD 2025; merged/renamed))",
    ]
    assert all(line.startswith(f"{TIES}:") for line in report.unresolved)


def test_every_wording_of_the_table_is_understood() -> None:
    with TIES.open(encoding="utf-8") as handle:
        wordings = {row["relation"] for row in csv.DictReader(handle)}
    assert all(tie(w) is not None for w in wordings)
    assert tie("customer (took over services of dissolved KDSW in 2001)").type == "SERVED_BY"
    assert tie("merged into regio iT (fusion)").type == "SUCCEEDED_BY"


# --- named ties with dates and sources ----------------------------------------------------


def test_named_ties_carry_kind_date_and_source(graph: nx.MultiDiGraph) -> None:
    siek = one(graph, "MEMBER_OF", AMT_SIEK, "itp-itvsh-gku")
    assert (siek["relation"], siek["date"], siek["evidence"]) == ("Träger", "2017-01-01", "fact")
    source, ended_by = siek["sources"]  # the Satzung; the law that superseded the gKU
    assert graph.nodes[source]["url"].startswith("https://www.itvsh.de/")
    assert siek["valid_to"] == "2018-12-31" and "umwelt-online" in graph.nodes[ended_by]["url"]
    assert graph.nodes[AMT_SIEK]["label"] == "MunicipalAssociation"  # 9-digit key
    schwabach = one(graph, "MEMBER_OF", "ags-09565000", "itp-kommunalbit")
    assert (schwabach["relation"], schwabach["share_percent"], schwabach["valid_from"]) == (
        "Träger",
        20.0,
        "2010-01-01",
    )
    leipzig = one(graph, "MEMBER_OF", "ags-14713000", "itp-lecos")
    assert (leipzig["relation"], leipzig["share_percent"]) == ("Gesellschafter", 90.0)
    founding = one(
        graph, "MEMBER_OF", "ags-12052000", "itp-zweckverband-digitale-kommunen-brandenburg"
    )
    assert (founding["relation"], founding["date"], founding["valid_from"]) == (
        "founding member",
        "2020-04-09",
        "2020-04-09",
    )


def test_land_to_provider_and_provider_to_provider_ties(graph: nx.MultiDiGraph) -> None:
    traeger = {u for u, a in into(graph, "itp-dataport", "MEMBER_OF") if a["relation"] == "Träger"}
    assert {"ags-01", "ags-02", "ags-03", "ags-04", "ags-13", "ags-15", "itp-itvsh-gku"} <= traeger
    assert one(graph, "MEMBER_OF", "itp-4it", "itp-komm-one")["share_percent"] == 88.0
    govdigital = {u for u, _ in into(graph, "itp-govdigital", "MEMBER_OF")}
    assert {"itp-akdb", "itp-dataport", "itp-owl-it", "itp-komm-one", "ags-05315000"} <= govdigital


def test_customers_and_hosting_are_service_ties_not_memberships(graph: nx.MultiDiGraph) -> None:
    (customer,) = [  # Hameln-Pyrmont, 2001 (its election portal is hosted there too)
        a
        for a in edges(graph, "SERVED_BY", "ags-03252", "itp-kdo")
        if a["relation"] == "historical customer"  # the table: "Historical."
    ]
    assert customer["date"] == "2001"
    assert not edges(graph, "MEMBER_OF", "ags-03252", "itp-kdo")
    hosted = [a for _, a in into(graph, "itp-kdo", "SERVED_BY") if a["relation"] == "hosting"]
    assert len(hosted) >= 350
    assert {a["application"] for a in hosted} == {"votemanager (election-results portal)"}
    heidekreis = [a for _, a in into(graph, "ags-03358", "SERVED_BY")]
    assert heidekreis and {a["evidence"] for a in heidekreis} == {"inferred"}


# --- derived ties flagged, counts not expanded ----------------------------------------------


def test_derived_rows_are_flagged_as_derived(graph: nx.MultiDiGraph) -> None:
    sit = dict(into(graph, "itp-suedwestfalen-it", "MEMBER_OF"))
    derived = [u for u, a in sit.items() if a["evidence"] == "derived"]
    assert len(derived) == 64  # "alle 59 Städte und Gemeinden sowie fünf Kreise"
    assert sit[SOEST]["evidence"] == "derived"
    assert sit[BURSCHEID]["evidence"] == "fact"  # admitted by name in 2019
    with TIES.open(encoding="utf-8") as handle:
        marked = sum(row["derived"] == "yes" for row in csv.DictReader(handle))
    flagged = sum(
        1
        for _, v, a in graph.edges(data=True)
        if a["type"] == "MEMBER_OF"
        and graph.nodes[v]["label"] == "ITProvider"
        and a.get("evidence") == "derived"
    )
    by_statute = len(into(graph, "itp-itvsh", "MEMBER_OF"))  # § 1 Abs. 4 ITVG SH
    assert flagged == marked + by_statute


def test_aggregates_stay_counts_on_the_provider(graph: nx.MultiDiGraph) -> None:
    # the ITVSH count is a statute, expanded (tests/unit/test_history_evidence.py)
    assert not graph.nodes["itp-itvsh"].get("reported_members")
    assert any("98 %" in c for c in graph.nodes["itp-4it"]["reported_members"])
    assert into(graph, "itp-4it", "MEMBER_OF") == []
    assert any("58 Kommunen" in c for c in graph.nodes["itp-owl-it"]["reported_members"])
    assert any("97 Kommunen" in c for c in graph.nodes["itp-ego-mv"]["reported_members"])
    # kdvz Rhein-Erft-Rur: two Kreise and Kreuzau by name; "31 kreisangehörige Städte und
    # Gemeinden" stays a count
    assert len(into(graph, "itp-kdvz-rhein-erft-rur", "MEMBER_OF")) == 3
    assert any(
        "31 kreisangehörige" in c
        for c in graph.nodes["itp-kdvz-rhein-erft-rur"]["reported_members"]
    )


# --- former members are not current ---------------------------------------------------------


def test_former_members_are_kept_but_never_current(graph: nx.MultiDiGraph) -> None:
    zeithain = one(graph, "MEMBER_OF", ZEITHAIN, "itp-kisa")
    assert zeithain["relation"] == "former member"
    ekom21 = one(graph, "MEMBER_OF", "agency-abwasserverband-oberhessen", "itp-ekom21")
    assert ekom21["relation"] == "former member"
    ties = TieIndex(graph)
    assert (ZEITHAIN, "itp-kisa") not in ties.associations
    assert ZEITHAIN not in ties.taking_part()
    network = cooperation_network(graph)
    assert not network.has_edge(ZEITHAIN, "itp-kisa")
    radeberg = one(graph, "MEMBER_OF", "ags-14625480", "itp-kisa")  # a decision to join
    assert radeberg["relation"] == "accession planned"
    assert not network.has_edge("ags-14625480", "itp-kisa")
    planned = one(graph, "MEMBER_OF", "ags-16074", "itp-kisa")
    assert (planned["relation"], planned["evidence"]) == ("accession planned", "planned")
    assert not network.has_edge("ags-16074", "itp-kisa")


# --- programmes: rounds, projects, amounts once ----------------------------------------------


def test_programmes_have_funders_and_dated_rounds(graph: nx.MultiDiGraph) -> None:
    assert edges(graph, "FUNDS", "min-bund-bmi", "prog-mpsc")
    rounds = {u: graph.nodes[u] for u, _ in into(graph, "prog-mpsc", "PART_OF")}
    assert {r["date"] for r in rounds.values()} == {"2019-07-10", "2020-09-08", "2021-07-15"}
    assert graph.nodes["prog-nw-digitale-modellregionen"]["amount_kind"] == "approximate"


def test_a_joint_project_is_a_cooperation_with_lead_and_partners(graph: nx.MultiDiGraph) -> None:
    region = "coop-dmr-nrw-modellregion-regierungsbezirk-arnsberg-leitkommune-soest"
    roles = {u: a["role"] for u, a in into(graph, region, "MEMBER_OF")}
    assert roles[SOEST] == "lead (Leitkommune)"
    assert roles["ags-05962024"] == "partner"  # Iserlohn
    assert edges(graph, "PARTICIPATES_IN", region, "prog-nw-digitale-modellregionen-2018-2023")


def test_amounts_stand_once_on_the_project_never_on_partners(graph: nx.MultiDiGraph) -> None:
    grants = [(u, v, a) for u, v, a in graph.edges(data=True) if a["type"] == "FUNDS"]
    for funder, v, grant in grants:
        for member, _ in (
            into(graph, v, "MEMBER_OF") if graph.nodes[v]["label"] == "Cooperation" else []
        ):
            # the project's grant is not repeated on a partner (another grant may be)
            amount = (grant.get("amount_eur"), grant.get("amount_bound_eur"))
            same = (funder, member, grant.get("programme"), amount)
            assert not any(
                (f, x, g.get("programme"), (g.get("amount_eur"), g.get("amount_bound_eur"))) == same
                for f, x, g in grants
            ), member
    consortium = (
        "coop-mpsc-konsortium-stadt-flensburg-kreis-nordfriesland-kreis-schleswig-flensburg"
    )
    (grant,) = [a for _, v, a in grants if v == consortium]
    assert "amount_eur" not in grant
    assert (grant["amount_bound_eur"], grant["amount_kind"]) == (11_000_000, "at_least")
    for partner in ("ags-01001000", "ags-01054", "ags-01059"):
        assert not [a for _, v, a in grants if v == partner]
    mayen = one(graph, "FUNDS", "min-bund-bmi", "ags-07137")
    assert "amount_eur" not in mayen and mayen["amount_bound_eur"] == 11_000_000
    grebenau = "coop-ikz-foerderung-gemeindeverwaltungsverband-grebenau-romrod-feldatal-schwalmtal"
    assert [a["amount_eur"] for _, v, a in grants if v == grebenau] == [600_000]
    mpsc = [a for *_, a in grants if str(a.get("programme", "")).startswith("prog-mpsc-")]
    assert len(mpsc) == 3  # most Smart Cities amounts are unknown and stay empty


# --- identity ------------------------------------------------------------------------------


def test_one_node_per_body_across_the_tables(graph: nx.MultiDiGraph) -> None:
    kommone = graph.nodes["itp-komm-one"]
    assert "ITEOS" in kommone["aliases"]
    assert "itp-iteos" not in graph
    owl = graph.nodes["itp-owl-it"]
    assert "krz Minden/Ravensberg-Lippe" in owl["aliases"]
    merger = one(graph, "SUCCEEDED_BY", "itp-gkd-paderborn", "itp-owl-it")
    assert (merger["relation"], merger["date"]) == ("merged into", "2024-01-01")
    for old in ("itp-citkomm", "itp-kdz-westfalen-sued"):
        assert one(graph, "SUCCEEDED_BY", old, "itp-suedwestfalen-it")["date"] == "2018-01-01"
    names = [a["name"] for _, a in graph.nodes(data=True) if a["label"] == "ITProvider"]
    assert len(names) == len(set(names))


def test_every_new_relationship_cites_a_source_and_states_its_evidence() -> None:
    for folder in ("it-providers", "programmes", "hosting"):
        for path in sorted((SEED / folder).glob("*.yaml")):
            for edge in yaml.safe_load(path.read_text(encoding="utf-8"))["edges"]:
                assert edge["sources"], (path.name, edge)
                if edge["type"] != "PART_OF":
                    assert edge["evidence"] in EVIDENCE, (path.name, edge)


def test_the_cooperation_network_spans_most_laender(graph: nx.MultiDiGraph) -> None:
    network = cooperation_network(graph)
    lands = {d.get("land") for _, d in network.nodes(data=True)}
    # cooperation and reuse in the latest state: funding rounds and ended memberships are no tie
    assert network.number_of_nodes() > 250
    assert len(lands & {"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP",
                        "SL", "SN", "ST", "SH", "TH"}) >= 14  # fmt: skip
