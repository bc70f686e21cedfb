"""Every word a user reads, in one home: one module per language, one lookup.

``en.py``, ``fr.py`` and ``ar.py`` each hold a flat table ``WORDS``: key → text, with
``{placeholders}`` that :func:`word` fills. The app, the CLI, the maps, the figures, the
slides and the rule wording all read their words here, so a language is one file and a key
missing in any language fails a test (``tests/common/test_words.py``). Counts that agree with their
nouns use the language's plural categories (CLDR, through Babel): ``noun_region_one``,
``noun_region_other`` in English; Arabic also has ``zero``, ``two``, ``few`` and ``many``.
Numbers are written by :mod:`.numbers`, with Babel's data for each language's locale.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import import_module
from typing import Any, Literal, get_args

from ..escaping import printable

__all__ = [
    "LANGS",
    "LANGUAGE_NAMES",
    "LOCALES",
    "Lang",
    "direction",
    "has_word",
    "lang_of",
    "word",
    "words",
]

Lang = Literal["en", "fr", "ar"]

#: The languages, in the order the language switch offers them.
LANGS: tuple[Lang, ...] = get_args(Lang)

#: Each language's name, written in that language (the language switch's options).
LANGUAGE_NAMES: dict[Lang, str] = {"en": "English", "fr": "Français", "ar": "العربية"}

#: The locale whose conventions write a language's numbers and plurals: Morocco's for
#: French and Arabic (Babel's ``ar_MA``: Latin digits, decimal comma, ``.`` thousands).
LOCALES: dict[Lang, str] = {"en": "en", "fr": "fr_MA", "ar": "ar_MA"}


@cache
def words(lang: Lang) -> Mapping[str, str]:
    """The whole table of ``lang`` (its module's ``WORDS``)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    table: dict[str, str] = import_module(f"{__name__}.{lang}").WORDS
    return table


def word(key: str, lang: Lang = "en", **values: Any) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values`` (text made
    :func:`~jazari_planner.common.escaping.printable`: a scenario name may hold ESC).

    Raises
    ------
    KeyError
        ``key`` is not in ``lang``'s table (a test keeps every table complete).
    """
    template = words(lang)[key]
    if not values:
        return template
    text = template.format(**{name: printable(value) if isinstance(value, str) else value
                              for name, value in values.items()})
    return _joined_lam(text) if lang == "ar" else text


#: Arabic's preposition ``لـ`` ("for, to") written before a filled-in name: the article ``ال``
#: that starts a name loses its alif after it (ل + الدار → للدار); an Arabic word takes it
#: joined (ل + فاس → لفاس); a Latin name or a number keeps the tatweel (لـ2027).
_LAM_ARTICLE = re.compile("لـال")
_LAM_ARABIC = re.compile("لـ(?=[\u0621-\u064a])")


def _joined_lam(text: str) -> str:
    return _LAM_ARABIC.sub("ل", _LAM_ARTICLE.sub("لل", text))


def has_word(key: str) -> bool:
    """Whether ``key`` is a known text (English, the reference table, holds it)."""
    return key in words("en")


def direction(lang: Lang) -> Literal["ltr", "rtl"]:
    """Which way ``lang`` is written: Arabic right to left."""
    return "rtl" if lang == "ar" else "ltr"


def lang_of(value: object, default: Lang = "en") -> Lang:
    """``value`` as a language when it is one, else ``default`` (a stale session's value)."""
    for lang in LANGS:
        if value == lang:
            return lang
    return default
