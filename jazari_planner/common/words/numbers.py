"""Numbers and counts as a reader of each language writes them, from Babel's locale data.

English ``1,234.5``; French ``1 234,5`` (narrow no-break space, decimal comma); Arabic as
Morocco writes it (``ar_MA``: ``1.234,5``, Latin digits). Per cents follow the locale too
(``92 %`` in French). Counts take the noun's form for the language's plural category.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from . import LOCALES, Lang, word

__all__ = ["DASH", "count", "figure", "number", "percent", "plural_category"]

#: The en dash of ranges ("70–80") and of missing values.
DASH = "\u2013"
#: Direction marks Babel puts in some locales' numbers (``ar_MA``'s minus sign): the text
#: around a number sets its direction, and a figure's text engine would show them.
_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")


@cache
def _locale(lang: Lang) -> Locale:
    return Locale.parse(LOCALES[lang])


@cache
def _pattern(lang: Lang, decimals: int, percent: bool) -> NumberPattern:
    """The locale's decimal (or per cent) pattern with exactly ``decimals`` decimals."""
    formats = _locale(lang).percent_formats if percent else _locale(lang).decimal_formats
    base = str(formats[None].pattern).split(";")[0]
    fraction = "." + "0" * decimals if decimals > 0 else ""
    return parse_pattern(re.sub(r"[#0,.]+", "#,##0" + fraction, base, count=1))


def number(value: float | None, decimals: int = 0, lang: Lang = "en") -> str:
    """``value`` rounded to ``decimals`` and written in ``lang``; a dash where it is missing."""
    if value is None or not math.isfinite(value):
        return DASH
    return _written(round(float(value), decimals) + 0.0, decimals, lang)  # + 0.0: no "-0"


@lru_cache(maxsize=8192)
def _written(rounded: float, decimals: int, lang: Lang) -> str:
    """A rounded number in ``lang``: Babel's formatting costs ~0.05 ms a call, and a page
    writes the same few hundred figures (strengths, scores) on every run."""
    written: str = _pattern(lang, decimals, False).apply(Decimal(repr(rounded)), _locale(lang))
    return written.translate(_MARKS)


def figure(value: float, lang: Lang = "en") -> str:
    """A figure in a sentence: ``1,190`` / ``1 190``, one decimal only when it has one."""
    return number(value, 0 if float(value).is_integer() else 1, lang)


def percent(value: float | None, decimals: int = 0, lang: Lang = "en") -> str:
    """``value`` per cent (``92`` → ``92%``, ``92 %`` in French), from a value in per cent."""
    if value is None or not math.isfinite(value):
        return DASH
    rounded = round(float(value), decimals) + 0.0
    written: str = _pattern(lang, decimals, True).apply(Decimal(repr(rounded)) / 100,
                                                        _locale(lang))
    return written.translate(_MARKS)


def plural_category(n: int, lang: Lang) -> str:
    """``n``'s plural category in ``lang`` (CLDR: ``one``, ``other``; Arabic also ``zero``,
    ``two``, ``few``, ``many``)."""
    return str(_locale(lang).plural_form(abs(n)))


def count(n: int, noun: str, lang: Lang = "en") -> str:
    """``1 specialization``, ``2 specializations``: ``n`` with the noun's form for it
    (the words ``noun_<noun>_<category>``)."""
    return word(f"noun_{noun}_{plural_category(n, lang)}", lang, n=number(n, 0, lang))
