"""One home for the words: every language has every key, with the same placeholders.

A language is one module of :mod:`jazari_planner.common.words`; English is the reference.
A key missing in French or Arabic, or a translation that drops or misspells a
``{placeholder}``, fails here, before any page shows a KeyError.
"""

from __future__ import annotations

import string

import pytest
from babel import Locale

from jazari_planner.common.words import LANGS, LOCALES, Lang, direction, word, words
from jazari_planner.common.words.numbers import count, number, percent, plural_category

NOUN = "noun_"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _nouns() -> set[str]:
    return {key[len(NOUN):].rsplit("_", 1)[0] for key in words("en") if key.startswith(NOUN)}


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_every_key_and_no_other(lang: Lang) -> None:
    english = {k for k in words("en") if not k.startswith(NOUN)}
    own = {k for k in words(lang) if not k.startswith(NOUN)}
    assert sorted(english - own) == [], f"missing in {lang}"
    assert sorted(own - english) == [], f"unknown to English, in {lang}"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_their_placeholders(lang: Lang) -> None:
    wrong = {key: (sorted(_fields(text)), sorted(_fields(words(lang)[key])))
             for key, text in words("en").items()
             if not key.startswith(NOUN) and _fields(text) != _fields(words(lang)[key])}
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_noun_has_a_form_for_each_plural_category(lang: Lang) -> None:
    categories = set(Locale.parse(LOCALES[lang]).plural_form.tags) | {"other"}
    missing = [f"{NOUN}{noun}_{c}" for noun in sorted(_nouns()) for c in sorted(categories)
               if f"{NOUN}{noun}_{c}" not in words(lang)]
    assert missing == []


def test_a_missing_key_is_an_error_not_a_silent_english() -> None:
    with pytest.raises(KeyError):
        word("no_such_key", "ar")
    with pytest.raises(ValueError, match="lang must be one of"):
        words("de")  # type: ignore[arg-type]


def test_counts_agree_with_each_language_plural_rules() -> None:
    assert [count(n, "region", "en") for n in (0, 1, 2)] == ["0 regions", "1 region",
                                                             "2 regions"]
    assert [count(n, "region", "fr") for n in (0, 1, 2)] == ["0 région", "1 région",
                                                             "2 régions"]
    assert [plural_category(n, "ar") for n in (0, 1, 2, 3, 11, 100)] == [
        "zero", "one", "two", "few", "many", "other"]
    assert count(2, "region", "ar") == "جهتان"
    assert count(3, "region", "ar") == "3 جهات"
    assert count(11, "specialization", "ar") == "11 تخصصًا"


def test_numbers_follow_each_locale() -> None:
    assert number(1234.567, 2, "en") == "1,234.57"
    assert number(1234.567, 2, "fr") == "1\u202f234,57"
    assert number(1234.567, 2, "ar") == "1.234,57"  # Babel's ar_MA: Morocco's convention
    assert number(-0.0001, 2, "fr") == "0,00"
    assert number(float("nan"), 1, "ar") == "\u2013"
    assert percent(92, 0, "en") == "92%"
    assert percent(92, 0, "fr") == "92\u00a0%"
    assert percent(97.45, 1, "ar") == "97,5%"


def test_arabic_reads_right_to_left() -> None:
    assert [direction(lang) for lang in LANGS] == ["ltr", "ltr", "rtl"]


def test_arabics_lam_joins_a_filled_in_name_as_arabic_writes_it() -> None:
    """لـ before a name: the article's alif drops (للدار البيضاء), an Arabic word joins
    (لفاس), a Latin name or a number keeps the tatweel; never the glued لـال."""
    casablanca = word("rule_region_max_one", "ar", region="الدار البيضاء-سطات", n=2)
    assert "للدار البيضاء-سطات" in casablanca and "لـال" not in casablanca
    assert "لفاس-مكناس" in word("rule_region_max_one", "ar", region="فاس-مكناس", n=2)
    assert "لـAI" in word("fix_theme_max", "ar", theme="AI", n=2)
    assert "لـال" in word("fix_region_max", "fr", region="لـال", n=2)  # Arabic's rule alone
