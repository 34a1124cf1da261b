"""One message catalogue: the compiled .mo is the .po, and every message the code marks is in it."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from ozggraph.i18n import default_language, language, number

PACKAGE = Path(__file__).parents[2] / "ozggraph"
PO = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "ozggraph.po"


def test_the_compiled_catalogue_is_the_po_file() -> None:
    catalog = read_po(PO.open("rb"))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    shipped = read_mo(PO.with_suffix(".mo").open("rb"))
    assert {m.id: m.string for m in shipped if m.id} == {m.id: m.string for m in catalog if m.id}
    assert compiled.getvalue() == PO.with_suffix(".mo").read_bytes(), "run pybabel compile"


def test_every_marked_message_is_translated() -> None:
    keywords = {**DEFAULT_KEYWORDS, "N_": None, "_t": (1,)}
    found = extract_from_dir(str(PACKAGE), keywords=keywords)
    wanted = {message for _, _, message, _, _ in found if isinstance(message, str)}
    translated = {m.id for m in read_po(PO.open("rb")) if m.id and m.string}
    assert wanted - translated == set(), "pybabel update, then translate and compile"


def test_language_follows_the_locale_unless_chosen() -> None:
    assert default_language({"LANG": "de_DE.UTF-8"}) == "de"
    assert default_language({"LC_ALL": "de_AT.UTF-8"}) == "de"
    assert default_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert default_language({}) == "en"
    with language("de"):
        assert number(1234567.891, 2) == "1.234.567,89"
    with language("en"):
        assert number(1234567.891, 2) == "1,234,567.89"
