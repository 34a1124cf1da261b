"""A fact-checker's list: the facts of the five seed documents are in the graph.

Each test names the document it checks (seed/curated/sources.yaml). The graph is
the whole of seed/ (``ozggraph.load_graph()``), so the territorial ids the
curated facts point at must exist in seed/hierarchy/.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest

import ozggraph
from ozggraph.schema.edges import TERRITORIAL

RHEIN_NECKAR = "src-kommune21-2021-03-30-rhein-neckar-kooperation"
RP_DARMSTADT = "src-rp-darmstadt-ozg-modellkommunen-abschluss"
REGIONALKONFERENZEN = "src-kommune21-2020-02-12-hessen-regionalkonferenzen"
IKZ = "src-kommune21-2021-03-12-hessen-ikz"
RLP = "src-kommune21-2018-12-04-rlp-kooperation-ozg"
DOCUMENTS = (RHEIN_NECKAR, RP_DARMSTADT, REGIONALKONFERENZEN, IKZ, RLP)

COOP_RN = "coop-rhein-neckar-ozg"
COOP_IKZ = "coop-ikz-ozg-giessen-wetzlar-fulda-marburg-limburg"
MODELLKOMMUNEN = "prog-he-ozg-modellkommunen"
HMDIS = "min-he-hmdis"
RLP_BASE_SERVICES = [
    "sol-rp-basisdienst-antragsmanagement",
    "sol-rp-basisdienst-bezahlsystem",
    "sol-rp-basisdienst-sichere-kommunikationsdienste",
    "sol-rp-basisdienst-e-rechnung",
]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return ozggraph.load_graph()


def edges(
    graph: nx.MultiDiGraph, kind: str, source: str | None = None, target: str | None = None
) -> list[tuple[str, str, dict[str, Any]]]:
    """Relationships of one type, optionally from ``source`` and/or to ``target``."""
    return [
        (u, v, attrs)
        for u, v, attrs in graph.edges(data=True)
        if attrs["type"] == kind
        and (source is None or u == source)
        and (target is None or v == target)
    ]


def one(graph: nx.MultiDiGraph, kind: str, source: str, target: str) -> dict[str, Any]:
    """The single relationship of ``kind`` from ``source`` to ``target``."""
    found = edges(graph, kind, source, target)
    assert len(found) == 1, f"expected one {kind} {source}->{target}, got {len(found)}"
    return found[0][2]


def members(graph: nx.MultiDiGraph, cooperation: str) -> set[str]:
    return {u for u, _, _ in edges(graph, "MEMBER_OF", target=cooperation)}


def cited_by(graph: nx.MultiDiGraph, source: str) -> Iterator[dict[str, Any]]:
    """Attributes of every node and relationship that cites ``source``."""
    for _, attrs in graph.nodes(data=True):
        if source in attrs.get("sources", []):
            yield attrs
    for _, _, attrs in graph.edges(data=True):
        if source in attrs.get("sources", []):
            yield attrs


# --- all five documents ------------------------------------------------------------


def test_each_document_is_a_source_cited_by_title_publisher_and_kind(
    graph: nx.MultiDiGraph,
) -> None:
    for source in DOCUMENTS:
        node = graph.nodes[source]
        assert node["label"] == "Source"
        assert node["name"] and node["publisher"] in ("Kommune21", "Regierungspräsidium Darmstadt")
        assert "file" not in node, "cited by title, not by a file of a development machine"
        assert node["kind"] in ("news", "press release")
        assert "url" not in node, "the documents do not give their own address"
        assert any(True for _ in cited_by(graph, source)), f"{source} is cited by nothing"


def test_every_curated_node_and_relationship_cites_a_source(graph: nx.MultiDiGraph) -> None:
    for node, attrs in graph.nodes(data=True):
        if attrs["label"] != "Source":
            assert attrs.get("sources"), node
    for u, v, attrs in graph.edges(data=True):
        assert attrs.get("sources"), f"{attrs['type']} {u}->{v}"


def test_curated_facts_create_no_territorial_node(graph: nx.MultiDiGraph) -> None:
    # Territorial units come from seed/hierarchy only; the articles never define one.
    for node, attrs in graph.nodes(data=True):
        if attrs["label"] in TERRITORIAL:
            assert not set(attrs.get("sources", [])) & set(DOCUMENTS), node


def test_named_places_resolve_to_the_official_units(graph: nx.MultiDiGraph) -> None:
    expected = {
        "ags-06431002": "Bensheim",
        "ags-06431020": "Viernheim",
        "ags-06431": "Bergstraße",
        "ags-06531005": "Gießen",
        "ags-06534014": "Marburg",
        "ags-06534": "Marburg-Biedenkopf",
        "ags-06533009": "Limburg",
        "ags-06414000": "Wiesbaden",
        "ags-07": "Rheinland-Pfalz",
    }
    for node, name in expected.items():
        assert name in graph.nodes[node]["name"], node


# --- Kommune21, 30.3.2021: Rhein-Neckar ---------------------------------------------


def test_rhein_neckar_cooperation_members(graph: nx.MultiDiGraph) -> None:
    assert members(graph, COOP_RN) == {"ags-06431002", "ags-06431020", "ags-06431", "assoc-mrn"}
    assert "MRN" in graph.nodes["assoc-mrn"]["aliases"]


def test_rhein_neckar_grant_is_awarded_within_the_programme(graph: nx.MultiDiGraph) -> None:
    grant = one(graph, "FUNDS", HMDIS, COOP_RN)
    # the amount is stated; that the ministry pays it is our inference
    assert (grant["amount_eur"], grant["amount_kind"], grant["evidence"]) == (
        130000,
        "exact",
        "inferred",
    )
    assert grant["programme"] == MODELLKOMMUNEN
    assert "date" not in grant, "the article does not say when the title was conferred"
    assert RHEIN_NECKAR in grant["sources"]


def test_rhein_neckar_is_ikz_viernheim_by_stated_inference(graph: nx.MultiDiGraph) -> None:
    coop = graph.nodes[COOP_RN]
    assert "IKZ-Viernheim" in coop["aliases"]
    assert "inference" in coop["note"]
    named = [n for n, a in graph.nodes(data=True) if "IKZ-Viernheim" in a.get("aliases", [])]
    assert named == [COOP_RN], "IKZ-Viernheim must not be a second node"
    participation = one(graph, "PARTICIPATES_IN", COOP_RN, MODELLKOMMUNEN)
    assert {RHEIN_NECKAR, RP_DARMSTADT} <= set(participation["sources"])


def test_rhein_neckar_topics_and_workshops(graph: nx.MultiDiGraph) -> None:
    topics = {v for _, v, _ in edges(graph, "ADDRESSES", COOP_RN)}
    names = {graph.nodes[t]["name"] for t in topics}
    assert names == {
        "Digitalisierung in Planen und Bauen",
        "Digitaler Straßenraum",
        "Digitale Stadtgesellschaft",
        "Digitale Kompetenzen",
    }
    assert all(graph.nodes[t]["kind"] == "topic" for t in topics)
    assert one(graph, "ORGANISES", "assoc-mrn", "event-rhein-neckar-ozg-fachworkshops")


def test_rhein_neckar_procedures_reuse_only_planned(graph: nx.MultiDiGraph) -> None:
    one(graph, "DEVELOPS", COOP_RN, "sol-rhein-neckar-ozg-verfahren")
    assert one(graph, "REUSES", "ags-06", "sol-rhein-neckar-ozg-verfahren")["stage"] == "planned"


def test_rhein_neckar_office_holders(graph: nx.MultiDiGraph) -> None:
    offices = {
        ("person-christine-klein", "ags-06431002"): "Bürgermeisterin",
        ("person-matthias-baass", "ags-06431020"): "Bürgermeister",
        ("person-christine-brockmann", "assoc-mrn"): "Geschäftsführerin",
    }
    for (person, body), role in offices.items():
        office = one(graph, "HOLDS_OFFICE", person, body)
        assert (office["role"], office["date"]) == (role, "2021-03-30")


# --- RP Darmstadt press release (undated): OZG-Modellkommunen -------------------------


def test_modellkommunen_has_fifteen_participants(graph: nx.MultiDiGraph) -> None:
    participants = {u for u, _, _ in edges(graph, "PARTICIPATES_IN", target=MODELLKOMMUNEN)}
    assert participants == {
        "coop-ikz-darmstadt",
        "ags-06531",  # Landkreis Gießen
        "ags-06636004",  # Großalmerode
        "ags-06433",  # Landkreis Groß-Gerau
        "ags-06631013",  # Hofbieber
        "ags-06534014",  # Marburg, the city
        "ags-06534",  # Landkreis Marburg-Biedenkopf
        "ags-06438009",  # Neu-Isenburg
        "ags-06439015",  # Taunusstein
        "ags-06434011",  # Usingen
        COOP_RN,  # IKZ-Viernheim
        "ags-06635020",  # Volkmarsen
        "ags-06636013",  # Wanfried
        "ags-06532023",  # Wetzlar
        "ags-06414000",  # Wiesbaden
    }


def test_modellkommunen_total_stays_on_the_programme(graph: nx.MultiDiGraph) -> None:
    programme = graph.nodes[MODELLKOMMUNEN]
    # "knapp 1,5 Millionen": approximate, never an invented exact figure
    assert (programme["amount_eur"], programme["amount_kind"], programme["evidence"]) == (
        1500000,
        "approximate",
        "fact",
    )
    assert "knapp" in programme["note"]
    funding = one(graph, "FUNDS", "ags-06", MODELLKOMMUNEN)
    assert funding["evidence"] == "fact" and "amount_eur" not in funding
    # Never divided: the only grant inside the programme is the one a document states.
    grants = [
        attrs
        for _, _, attrs in edges(graph, "FUNDS")
        if attrs.get("programme") == MODELLKOMMUNEN and set(attrs["sources"]) & set(DOCUMENTS)
    ]
    assert [g["amount_eur"] for g in grants] == [130000]
    assert not edges(graph, "FUNDS", source=MODELLKOMMUNEN)


def test_ikz_darmstadt_is_a_cooperation_without_invented_members(
    graph: nx.MultiDiGraph,
) -> None:
    assert graph.nodes["coop-ikz-darmstadt"]["label"] == "Cooperation"
    assert members(graph, "coop-ikz-darmstadt") == set()


def test_undated_release_dates_nothing(graph: nx.MultiDiGraph) -> None:
    assert "date" not in graph.nodes[RP_DARMSTADT]
    for attrs in cited_by(graph, RP_DARMSTADT):
        if set(attrs["sources"]) == {RP_DARMSTADT}:
            assert "date" not in attrs and "valid_from" not in attrs, attrs
    event = graph.nodes["event-ozg-modellkommunen-abschlussveranstaltung"]
    assert "date" not in event and "gestern" in event["note"]


def test_closing_event_and_vice_president(graph: nx.MultiDiGraph) -> None:
    event = "event-ozg-modellkommunen-abschlussveranstaltung"
    assert one(graph, "ORGANISES", MODELLKOMMUNEN, event)
    assert one(graph, "ATTENDS", "person-stefan-fuhrmann", event)
    office = one(graph, "HOLDS_OFFICE", "person-stefan-fuhrmann", "agency-rp-darmstadt")
    assert office["role"] == "Regierungsvizepräsident" and "date" not in office
    assert graph.nodes["person-stefan-fuhrmann"]["title"] == "Dr."


def test_bundid_use_in_hessen_is_planned(graph: nx.MultiDiGraph) -> None:
    assert one(graph, "REUSES", "ags-06", "sol-bundid")["stage"] == "planned"


# --- Kommune21, 12.2.2020: Hessian Regionalkonferenzen ---------------------------------


def test_hessian_agreement_of_september_2019(graph: nx.MultiDiGraph) -> None:
    agreement = "coop-he-ozg-vereinbarung-2019"
    assert graph.nodes[agreement]["date"] == "2019-09"
    assert members(graph, agreement) == {
        "ags-06",
        "assoc-hessischer-staedtetag",
        "assoc-hsgb",
        "assoc-hlt",
        "itp-ekom21",  # named as a partner by the joint-projects table's source
    }
    for association in ("assoc-hessischer-staedtetag", "assoc-hsgb", "assoc-hlt"):
        cites = one(graph, "MEMBER_OF", association, agreement)["sources"]
        assert REGIONALKONFERENZEN in cites
        assert any(c.startswith("src-web-") for c in cites), "the group is named by a 2nd source"


def test_hessian_37_million_are_promised_not_awarded(graph: nx.MultiDiGraph) -> None:
    programme = graph.nodes["prog-he-kommunale-verwaltungsdigitalisierung"]
    # "rund 37 Millionen" under a signed agreement: approximate and agreed
    assert (programme["amount_eur"], programme["amount_kind"], programme["evidence"]) == (
        37000000,
        "approximate",
        "agreed",
    )


def test_regional_conferences_dates(graph: nx.MultiDiGraph) -> None:
    kassel, giessen, darmstadt = (
        graph.nodes[f"event-he-regionalkonferenz-2020-rb-{rb}"]
        for rb in ("kassel", "giessen", "darmstadt")
    )
    assert kassel["date"] == "2020-02-05" and "120" in kassel["note"]
    assert "date" not in giessen and "160" in giessen["note"]
    assert darmstadt["date"] == "2020-02-12" and darmstadt["evidence"] == "announced"
    organised = {v for _, v, _ in edges(graph, "ORGANISES", "ags-06")}
    assert {
        "event-he-regionalkonferenz-2020-rb-kassel",
        "event-he-regionalkonferenz-2020-rb-giessen",
        "event-he-regionalkonferenz-2020-rb-darmstadt",
    } <= organised


def test_hessian_ministers_in_office(graph: nx.MultiDiGraph) -> None:
    beuth = one(graph, "HOLDS_OFFICE", "person-peter-beuth", HMDIS)
    sinemus = one(
        graph,
        "HOLDS_OFFICE",
        "person-kristina-sinemus",
        "min-he-digitale-strategie-und-entwicklung",
    )
    assert (beuth["role"], beuth["date"]) == ("Innenminister", "2020-02-12")
    assert sinemus["date"] == "2020-02-12"


def test_one_hessian_interior_ministry_for_all_wordings(graph: nx.MultiDiGraph) -> None:
    ministry = graph.nodes[HMDIS]
    assert {RHEIN_NECKAR, REGIONALKONFERENZEN, IKZ} <= set(ministry["sources"])
    assert "inference" in ministry["note"]
    assert HMDIS != "min-rp-mdi" and graph.nodes["min-rp-mdi"]["label"] == "Ministry"


# --- Kommune21, 12.3.2021: IKZ of five Hessian cities -----------------------------------


def test_ikz_members_and_initiator(graph: nx.MultiDiGraph) -> None:
    assert members(graph, COOP_IKZ) == {
        "ags-06531005",  # Gießen
        "ags-06532023",  # Wetzlar
        "ags-06631009",  # Fulda
        "ags-06534014",  # Marburg
        "ags-06533009",  # Limburg a. d. Lahn
    }
    assert one(graph, "MEMBER_OF", "ags-06531005", COOP_IKZ)["role"] == "initiator"
    coop = graph.nodes[COOP_IKZ]
    assert (coop["date"], coop["valid_from"]) == ("2021", "2019")


def test_ikz_funding_is_only_promised(graph: nx.MultiDiGraph) -> None:
    grant = one(graph, "FUNDS", "ags-06", COOP_IKZ)
    assert (grant["amount_eur"], grant["evidence"]) == (100000, "promised")


def test_ikz_services_via_ekom21_platform_planned(graph: nx.MultiDiGraph) -> None:
    platform = "sol-ekom21-digitalisierungsplattform"
    assert one(graph, "OPERATES", "itp-ekom21", platform)
    assert one(graph, "REUSES", COOP_IKZ, platform)["stage"] == "planned"


def test_spandau_heads_the_kompetenzzentrum(graph: nx.MultiDiGraph) -> None:
    office = one(
        graph, "HOLDS_OFFICE", "person-claus-spandau", "agency-kompetenzzentrum-ikz-hessen"
    )
    assert (office["role"], office["date"]) == ("Leiter", "2021-03-12")
    assert one(graph, "HOLDS_OFFICE", "person-claus-spandau", HMDIS)


# --- Kommune21, 4.12.2018: Rhineland-Palatinate Kooperationsvertrag ---------------------


def test_rlp_cooperation_contract_parties(graph: nx.MultiDiGraph) -> None:
    parties = {
        "ags-07",
        "assoc-gstb",
        "assoc-landkreistag-rheinland-pfalz",
        "assoc-staedtetag-rheinland-pfalz",
    }
    # LDI, which runs the base services, is a partner by the joint-projects table's source
    assert members(graph, "coop-rp-ozg-kooperationsvertrag-2018") == parties | {"itp-ldi-rlp"}
    assert members(graph, "coop-rp-rlpservicekonto-2018") == parties
    assert graph.nodes["coop-rp-rlpservicekonto-2018"]["date"] == "2018-09"


def test_rlp_base_services_provided_by_land_run_by_ldi(graph: nx.MultiDiGraph) -> None:
    for service in RLP_BASE_SERVICES:
        assert "Planned" in one(graph, "PROVIDES", "ags-07", service)["note"]
        assert one(graph, "OPERATES", "itp-ldi-rlp", service)["valid_from"] == "2019"
        reuse = one(graph, "REUSES", "coop-rp-ozg-kooperationsvertrag-2018", service)
        assert reuse["stage"] == "planned"


def test_rlpservicekonto_agreed_in_september_2018(graph: nx.MultiDiGraph) -> None:
    reuse = one(graph, "REUSES", "coop-rp-rlpservicekonto-2018", "sol-rlpservicekonto")
    assert (reuse["stage"], reuse["date"]) == ("contract", "2018-09")


def test_rlp_office_holders(graph: nx.MultiDiGraph) -> None:
    lewentz = one(graph, "HOLDS_OFFICE", "person-roger-lewentz", "min-rp-mdi")
    soehngen = one(graph, "HOLDS_OFFICE", "person-aloysius-soehngen", "assoc-gstb")
    assert (lewentz["role"], lewentz["date"]) == ("Innenminister", "2018-12-04")
    assert (soehngen["role"], soehngen["date"]) == ("Vorsitzender", "2018-12-04")


def test_no_reuse_in_the_documents_is_live(graph: nx.MultiDiGraph) -> None:
    for _, _, attrs in edges(graph, "REUSES"):
        if set(attrs["sources"]) & set(DOCUMENTS):
            assert attrs["stage"] != "live"
