"""The shared style: every theme distinct and legible, classes and texts as documented."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from jazari_planner.common.words import word
from jazari_planner.common.words.numbers import DASH, number
from jazari_planner.presentation.style import theme_label, theme_style, theme_styles

THEME_IDS = ["energy", "agrifood", "fisheries", "mining", "industry", "logistics", "finance",
             "health", "tourism", "sovereign_ai", "language_education", "water", "smart_cities"]


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_thirteen_themes_have_distinct_colours_and_badges() -> None:
    styles = [theme_style(t) for t in THEME_IDS]
    assert len({s.color.lower() for s in styles}) == 13
    assert len({s.badge for s in styles}) == 13
    assert all(len(s.badge) == 2 and s.badge.isupper() for s in styles)


@pytest.mark.parametrize("theme_id", [*THEME_IDS, "my_own_theme", "cyber", "x"])
def test_badge_text_is_legible_on_its_colour(theme_id: str) -> None:
    style = theme_style(theme_id)
    # Bold badge letters: WCAG asks 3:1 for large or bold text; ours reach more.
    assert _contrast(style.text_color, style.color) >= 4.0


def test_unknown_themes_get_a_stable_fallback() -> None:
    first, again = theme_style("cyber_security"), theme_style("cyber_security")
    assert first == again
    assert first.badge == "CS"
    assert theme_style("robotics").badge == "RO"
    assert first.color not in {theme_style(t).color for t in THEME_IDS}


def test_a_users_own_themes_get_distinct_badges_in_order() -> None:
    ids = [f"theme_{i:02d}" for i in range(1, 21)] + ["energy", "ai_ethics", "agri_tech"]
    styles = theme_styles(ids)
    assert [styles[f"theme_{i:02d}"].badge for i in (1, 2, 20)] == ["T1", "T2", "T20"]
    assert styles["energy"] == theme_style("energy")
    assert len({s.badge for s in styles.values()}) == len(ids)
    assert styles["agri_tech"].badge not in {theme_style("agrifood").badge, "AE"}
    assert theme_styles(ids) == styles  # same set, same styles


def test_texts_exist_in_both_languages_and_fill_placeholders() -> None:
    assert word("balance_score", "fr") == "Score d'équilibre"
    assert word("plan_title", "en", scenario="Baseline") == "Jazari Institutes: Baseline"
    assert word("plan_title", "ar", scenario="Baseline") == "معاهد الجزري: Baseline"
    with pytest.raises(ValueError, match="lang"):
        word("balance_score", "de")  # type: ignore[arg-type]


def test_numbers_are_written_for_each_language() -> None:
    assert number(1234.5, 1, "en") == "1,234.5"
    assert number(1234.5, 1, "fr") == "1\u202f234,5"
    assert number(1234.5, 1, "ar") == "1.234,5"
    assert number(math.nan) == DASH == "\u2013"


def test_theme_labels_come_from_the_dataset_with_fallbacks() -> None:
    labels = pd.DataFrame({"label": ["Water and climate", "Energy"],
                           "label_fr": ["Eau et climat", None],
                           "label_ar": ["الماء والمناخ", None]}, index=["water", "energy"])
    assert theme_label("water", labels, "en") == "Water and climate"
    assert theme_label("water", labels, "fr") == "Eau et climat"
    assert theme_label("energy", labels, "fr") == "Energy"
    assert theme_label("water", labels, "ar") == "الماء والمناخ"
    assert theme_label("health", labels, "en") == "health"


def test_metric_words_and_units_come_from_the_metric_catalogue() -> None:
    from jazari_planner.presentation.style import metric_text
    from jazari_planner.results.metrics import METRIC_INFO

    for name, info in METRIC_INFO.items():
        assert word(f"metric_{name}", "fr") == info.title("fr")
    assert metric_text("coverage", 0.875, "en") == "87.5 %"
    assert metric_text("total_investment", 2860.0, "fr") == "2\u202f860 millions de MAD"
    assert metric_text("gini", 0.61237, "en", decimals=2) == "0.61"
