"""German and English: one gettext catalogue for every report; numbers as each language writes them.

The messages live in ``ozggraph/locale/de/LC_MESSAGES/ozggraph.po`` (English
msgids, German translations), compiled to ``ozggraph.mo`` beside it; both ship
in the wheel. Python's :mod:`gettext` reads the catalogue, Babel formats numbers
(``1.234,5`` in German, ``1,234.5`` in English) and maintains the catalogue::

    pybabel extract -k N_ -o /tmp/ozggraph.pot ozggraph
    pybabel update -i /tmp/ozggraph.pot -d ozggraph/locale -D ozggraph -l de
    pybabel compile -d ozggraph/locale -D ozggraph

The language is chosen per rendering (:func:`language`); without ``--lang`` it
follows the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``de…`` is German).

>>> with language("de"):
...     _("Overview"), number(1234.5, 1)
('Überblick', '1.234,5')
>>> with language("en"):
...     _("Overview"), number(1234.5, 1)
('Overview', '1,234.5')
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources

#: The languages of the report and explorer.
LANGS = ("de", "en")
_current: ContextVar[str] = ContextVar("ozggraph_language", default="en")


def default_language(environ: dict[str, str] | None = None) -> str:
    """``de`` where the locale is German, else ``en``.

    >>> default_language({"LANG": "de_DE.UTF-8"}), default_language({"LANG": "C.UTF-8"})
    ('de', 'en')
    >>> default_language({"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return "de" if env[var].lower().startswith("de") else "en"
    return "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English: the msgids themselves)."""
    if lang == "en":
        return gettext.NullTranslations()
    localedir = resources.files("ozggraph").joinpath("locale")
    return gettext.translation("ozggraph", str(localedir), languages=[lang], fallback=True)


def current() -> str:
    """The language being rendered."""
    return _current.get()


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Render in ``lang`` (``None``: from the locale) inside the ``with`` block."""
    chosen = lang or default_language()
    if chosen not in LANGS:
        raise ValueError(f"language {chosen!r}: choose one of {', '.join(LANGS)}")
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """``message`` in the current language."""
    return translations(current()).gettext(message)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue; translated later with :func:`_`."""
    return message


def number(value: float | int | None, digits: int = 0) -> str:
    """``value`` with ``digits`` decimals, grouped as the current language writes it."""
    from babel.numbers import format_decimal

    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale())


def percent(share: float, digits: int = 1) -> str:
    """``share`` (0..1) as a percentage: ``12,5 %`` / ``12.5 %``."""
    return f"{number(100 * share, digits)} %"


def _locale() -> str:
    return {"de": "de_DE", "en": "en_US"}[current()]


#: Words the data brings (layers, evidence, kinds of body, levels, relationship types,
#: broker roles) and the explorer's page words: listed so the catalogue holds them.
VOCABULARY = (
    *(N_("cooperation"), N_("reuse"), N_("money"), N_("service"), N_("programme")),
    *(N_("fact"), N_("announced"), N_("planned"), N_("promised"), N_("agreed")),
    *(N_("inferred"), N_("derived")),
    *(N_("Federation"), N_("State"), N_("AdministrativeDistrict"), N_("District")),
    *(N_("MunicipalAssociation"), N_("Municipality"), N_("Association"), N_("Ministry")),
    *(N_("Agency"), N_("ITProvider"), N_("Cooperation"), N_("Programme"), N_("Solution")),
    *(N_("OZGService"), N_("Topic"), N_("Event"), N_("Person"), N_("Source")),
    *(N_("bund"), N_("land"), N_("kreis"), N_("gemeinde"), N_("verband"), N_("provider")),
    *(N_("coordinator"), N_("liaison"), N_("itinerant"), N_("gatekeeper")),
    *(N_("representative"), N_("consultant")),
    *(N_("PART_OF"), N_("MEMBER_OF"), N_("FUNDS"), N_("PARTICIPATES_IN"), N_("DEVELOPS")),
    *(N_("OPERATES"), N_("PROVIDES"), N_("SUPPORTS"), N_("REUSES"), N_("SERVED_BY")),
    *(N_("COOPERATES_WITH"), N_("LEADS")),
    *(N_("cooperations"), N_("IT providers"), N_("IT services"), N_("programmes")),
    *(N_("funding"), N_("EfA solutions")),
    *(N_("Network"), N_("Chart"), N_("All bodies"), N_("dataset"), N_("backend")),
    *(N_("as of"), N_("latest"), N_("Land"), N_("Save PNG"), N_("Ties as CSV")),
    *(N_("name, alias or id, e.g. Gießen"), N_("Path between two bodies")),
    *(N_("cooperation network"), N_("layers"), N_("Cite as"), N_("kind")),
)
