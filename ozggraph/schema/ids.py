"""Id conventions, shared by importers and curated files so that one body is one node.

>>> territorial_id("06431002")
'ags-06431002'
>>> slug("Bauen & Wohnen")
'bauen-wohnen'
>>> themenfeld_id("Bauen & Wohnen"), ozg_service_id("10513")
('themenfeld-bauen-wohnen', 'ozg-10513')
"""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
)

#: Federation node id.
FEDERATION_ID = "de"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by ``-`` (German umlauts transliterated)."""
    text = unicodedata.normalize("NFKD", text.translate(_UMLAUTS))
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def territorial_id(ags: str) -> str:
    """Id of a State (2 digits), Regierungsbezirk (3), District (5) or Municipality (8)."""
    return f"ags-{ags}"


def association_ars_id(ars: str) -> str:
    """Id of a MunicipalAssociation, from its 9-digit Gemeindeverband key."""
    return f"ars-{ars}"


def themenfeld_id(name: str) -> str:
    return f"themenfeld-{slug(name)}"


def lebenslage_id(name: str) -> str:
    return f"lebenslage-{slug(name)}"


def ozg_service_id(ozg_id: str) -> str:
    return f"ozg-{ozg_id}"
