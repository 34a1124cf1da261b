"""Which spellings of the reference tables name one IT provider, and how providers ended.

One body is one node across all tables: the public-bodies importer gives the
providers it creates the id, name and aliases listed here, and the IT-provider,
programme and hosting importers resolve the tables' spellings through the same
list. Each entry is a decision read from the tables' notes, not a guess:

* ITEOS (2018-2020) and Komm.ONE are one body, renamed by law in 2020: one node.
* krz Minden-Ravensberg/Lippe absorbed GKD Paderborn on 2024-01-01 and is now
  named Ostwestfalen-Lippe-IT: krz and OWL-IT are one node (renamed); GKD
  Paderborn is another body that ended in it (:data:`SUCCESSIONS`).
* Citkomm and KDZ Westfalen-Süd merged into Südwestfalen-IT on 2018-01-01.
* The statutory IT-Verbund Schleswig-Holstein (since 2019) superseded the
  gemeinsames Kommunalunternehmen of the same name: two bodies.

>>> PROVIDERS["itp-komm-one"].name, "ITEOS" in PROVIDERS["itp-komm-one"].aliases
('Komm.ONE', True)
>>> provider_for(["krz Minden/Ravensberg-Lippe"])
'itp-owl-it'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ozggraph.importers.resolve import key


@dataclass(frozen=True)
class Identity:
    """The node of one IT provider: its current name and every spelling the tables use."""

    name: str
    aliases: tuple[str, ...] = ()
    land: str | None = None
    kind: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    note: str | None = None


PROVIDERS: dict[str, Identity] = {
    "itp-komm-one": Identity(
        "Komm.ONE",
        ("ITEOS", "Komm.ONE AöR", "Komm.ONE AöR (named ITEOS 2018-2020)"),
        "BW",
        note="Named ITEOS from 2018-07-01 until renamed Komm.ONE by law in 2020: one body.",
    ),
    "itp-owl-it": Identity(
        "Ostwestfalen-Lippe-IT",
        (
            "OWL-IT",
            "Ostwestfalen-Lippe-IT (OWL-IT)",
            "Ostwestfalen-Lippe-IT (OWL-IT; formerly krz Minden-Ravensberg/Lippe, Lemgo)",
            "krz Minden/Ravensberg-Lippe",
            "krz Minden-Ravensberg/Lippe",
            "Kommunales Rechenzentrum Minden-Ravensberg/Lippe (krz)",
            "Kommunales Rechenzentrum Minden-Ravensberg/Lippe",
            "krz Lemgo",
            "krz",
        ),
        "NW",
        note=(
            "Formerly Kommunales Rechenzentrum Minden-Ravensberg/Lippe (krz, Lemgo); it "
            "absorbed GKD Paderborn on 2024-01-01 and took the name Ostwestfalen-Lippe-IT: "
            "one body under two names."
        ),
    ),
    "itp-gkd-paderborn": Identity(
        "GKD Paderborn",
        (
            "Gemeinschaft für Kommunikationstechnik, Informations- und Datenverarbeitung "
            "(GKD) Paderborn",
        ),
        "NW",
        valid_to="2023-12-31",
        note="Absorbed by krz, now Ostwestfalen-Lippe-IT, on 2024-01-01.",
    ),
    "itp-zv-owl-it-2017": Identity(
        "Zweckverband Ostwestfalen-Lippe-IT (2017, stage 1)",
        ("Zweckverband Ostwestfalen-Lippe-IT (2017 founding, stage 1)",),
        "NW",
        kind="Zweckverband of two Zweckverbände",
        valid_from="2017",
        note=(
            "Founded 2017 by GKD Paderborn and krz for data-centre and infrastructure "
            "services (first stage); kept apart from today's Ostwestfalen-Lippe-IT, whose "
            "members are Kreise and Kommunen."
        ),
    ),
    "itp-suedwestfalen-it": Identity(
        "Südwestfalen-IT", ("SIT", "Südwestfalen-IT (SIT)"), "NW", valid_from="2018-01-01"
    ),
    "itp-citkomm": Identity(
        "KDVZ Citkomm",
        ("Citkomm",),
        "NW",
        valid_to="2017-12-31",
        note="Merged with KDZ Westfalen-Süd into Südwestfalen-IT on 2018-01-01.",
    ),
    "itp-kdz-westfalen-sued": Identity(
        "KDZ Westfalen-Süd",
        (),
        "NW",
        valid_to="2017-12-31",
        note="Merged with KDVZ Citkomm into Südwestfalen-IT on 2018-01-01.",
    ),
    "itp-itvsh-gku": Identity(
        "IT-Verbund Schleswig-Holstein AöR (gemeinsames Kommunalunternehmen)",
        (
            "IT-Verbund Schleswig-Holstein AöR (old gKU, until 2018)",
            "IT-Verbund Schleswig-Holstein (ITVSH)",
        ),
        "SH",
        kind="gemeinsames Kommunalunternehmen (AöR)",
        valid_to="2018-12-31",
        note=(
            "The Träger-based Kommunalunternehmen; superseded on 2019-01-01 by the statutory "
            "IT-Verbund Schleswig-Holstein (ITVG SH)."
        ),
    ),
    "itp-itvsh": Identity(
        "IT-Verbund Schleswig-Holstein",
        ("ITVSH", "IT-Verbund Schleswig-Holstein (ITVSH, AöR, since 2019)"),
        "SH",
        kind="Anstalt des öffentlichen Rechts (by statute, ITVG SH)",
        valid_from="2019-01-01",
    ),
    "itp-itv-stormarn": Identity(
        "IT-Verbund Stormarn",
        ("ITV Stormarn", "IT-Verbund Stormarn (ITV Stormarn, AöR)"),
        "SH",
        kind="interkommunaler IT-Verbund (AöR)",
        valid_from="2013-01-01",
    ),
    "itp-itk-rheinland": Identity(
        "ITK Rheinland", ("IT-Kooperation Rheinland", "ITK Rheinland (IT-Kooperation Rheinland)")
    ),
    "itp-regio-it-gmbh": Identity(
        "regio iT gmbh",
        ("regio iT", "regio iT gesellschaft für informationstechnologie mbh"),
        "NW",
    ),
    "itp-krzn": Identity(
        "KRZN",
        ("Kommunales Rechenzentrum Niederrhein", "Kommunales Rechenzentrum Niederrhein (KRZN)"),
        "NW",
    ),
    "itp-kdvz-rhein-erft-rur": Identity(
        "kdvz Rhein-Erft-Rur",
        ("kdvz Rhein-Erft-Rur (Kommunale Datenverarbeitungszentrale)",),
        "NW",
    ),
    "itp-kaaw": Identity(
        "KAAW",
        (
            "Kommunale ADV-Anwendergemeinschaft West",
            "KAAW (Kommunale ADV-Anwendergemeinschaft West)",
        ),
        "NW",
    ),
    "itp-infokom-guetersloh": Identity("INFOKOM Gütersloh AöR", ("INFOKOM Gütersloh",), "NW"),
    "itp-dataport": Identity("Dataport", ("Dataport AöR",), "SH"),
    "itp-akdb": Identity(
        "Anstalt für kommunale Datenverarbeitung in Bayern",
        ("AKDB", "Anstalt für Kommunale Datenverarbeitung in Bayern (AKDB)"),
        "BY",
    ),
    "itp-kommunalbit": Identity(
        "KommunalBIT AöR",
        (
            "KommunalBIT",
            "KommunalBIT AöR (Kommunaler Betrieb für Informationstechnik, Fürth)",
        ),
        "BY",
        kind="gemeinsames Kommunalunternehmen (AöR)",
    ),
    "itp-zv-it-franken": Identity(
        "Zweckverband Informationstechnik Franken",
        ("ZV IT Franken", "Zweckverband Informationstechnik Franken (ZV IT Franken)"),
        "BY",
        kind="Zweckverband",
    ),
    "itp-kivbf": Identity(
        "Zweckverband Kommunale Informationsverarbeitung Baden-Franken",
        ("KIVBF", "Zweckverband Kommunale Informationsverarbeitung Baden-Franken (KIVBF)"),
        "BW",
        kind="Zweckverband",
        note="The table notes it went into the Gesamtzweckverband 4IT / Komm.ONE in 2018.",
    ),
    "itp-4it": Identity(
        "Zweckverband 4IT",
        ("4IT", "Zweckverband 4IT (Gesamtzweckverband of KDRS, KIRU, KIVBF)"),
        "BW",
        kind="Gesamtzweckverband (of the Zweckverbände KDRS, KIRU and KIVBF)",
    ),
    "itp-kisa": Identity(
        "Zweckverband Kommunale Informationsverarbeitung Sachsen",
        (
            "KISA",
            "Zweckverband KISA",
            "Zweckverband Kommunale Informationsverarbeitung Sachsen (KISA)",
        ),
        "SN",
        kind="Zweckverband",
    ),
    "itp-lecos": Identity("Lecos GmbH", ("Lecos",), "SN", kind="kommunale GmbH (Leipzig)"),
    "itp-kdo": Identity(
        "Zweckverband Kommunale Datenverarbeitung Oldenburg",
        ("KDO", "Zweckverband Kommunale Datenverarbeitung Oldenburg (KDO)"),
        "NI",
        kind="Zweckverband",
    ),
    "itp-kdo-service": Identity(
        "KDO Service GmbH", (), "NI", kind="subsidiary of the KDO", valid_from="2004-06-23"
    ),
    "itp-ego-mv": Identity(
        "Zweckverband Elektronische Verwaltung in Mecklenburg-Vorpommern",
        (
            "eGo-MV",
            "Zweckverband Elektronische Verwaltung in Mecklenburg-Vorpommern (eGo-MV)",
        ),
        "MV",
        kind="Zweckverband",
        valid_from="2006-03",
    ),
    "itp-govdigital": Identity(
        "govdigital eG",
        ("govdigital",),
        "BE",  # the table's provider_type: "Genossenschaft ... (Berlin)"
        kind="Genossenschaft öffentlicher IT-Dienstleister",
        valid_from="2019-12-12",
    ),
    "itp-bundesdruckerei": Identity("Bundesdruckerei", (), kind="federal company"),
    "itp-governikus": Identity("Governikus", ()),
    "itp-bitbw": Identity("BITBW", ("BITBW (IT Baden-Württemberg)", "IT Baden-Württemberg"), "BW"),
    "itp-itebo": Identity(
        "ITEBO Unternehmensgruppe", ("ITEBO Unternehmensgruppe (Osnabrück)",), "NI"
    ),
    "itp-dvz-mv": Identity("DVZ Datenverarbeitungszentrum Mecklenburg-Vorpommern GmbH", (), "MV"),
}


@dataclass(frozen=True)
class Succession:
    """``predecessor`` ended in ``successor`` on ``date``, as the cited page says."""

    predecessor: str
    successor: str
    relation: str
    date: str
    url: str
    source_date: str
    note: str


SUCCESSIONS: tuple[Succession, ...] = (
    Succession(
        "itp-gkd-paderborn",
        "itp-owl-it",
        "merged into",
        "2024-01-01",
        "https://www.owl-journal.de/wirtschaftsplan-verabschiedet/",
        "2026-03-10",
        "krz absorbed GKD Paderborn and took the name Ostwestfalen-Lippe-IT",
    ),
    Succession(
        "itp-citkomm",
        "itp-suedwestfalen-it",
        "merged into",
        "2018-01-01",
        "https://kommune21.de/k21-meldungen/digital-und-buergernah",
        "2018-04-23",
        "the table's rows on Südwestfalen-IT: a Zweckverband from the 2018 merger of KDVZ "
        "Citkomm and KDZ Westfalen-Süd",
    ),
    Succession(
        "itp-kdz-westfalen-sued",
        "itp-suedwestfalen-it",
        "merged into",
        "2018-01-01",
        "https://kommune21.de/k21-meldungen/digital-und-buergernah",
        "2018-04-23",
        "the table's rows on Südwestfalen-IT: a Zweckverband from the 2018 merger of KDVZ "
        "Citkomm and KDZ Westfalen-Süd",
    ),
    Succession(
        "itp-itvsh-gku",
        "itp-itvsh",
        "superseded by",
        "2019-01-01",
        "https://umwelt-online.de/recht/allgemei/laender/sh/einrgitv18.htm",
        "2018-12-14",
        "the statutory ITVSH (ITVG SH of 2018-12-14) replaced the Kommunalunternehmen",
    ),
)


def provider_for(names: Iterable[str]) -> str | None:
    """Id of the provider one of ``names`` spells (by name or alias), if any."""
    wanted = {key(n) for n in names if n}
    for node_id, identity in PROVIDERS.items():
        if wanted & {key(identity.name), *(key(a) for a in identity.aliases)}:
            return node_id
    return None
