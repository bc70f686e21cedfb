"""Arabic in the figures: set in the packaged Arabic font, letters joined, right to left.

Matplotlib (3.11 and later) lays text out with libraqm. These tests look at the glyphs it
draws: a word's letters must take their joined (initial, medial, final) forms, not the
isolated forms a text without shaping shows, and the first letter must be drawn rightmost.
"""

from __future__ import annotations

import pytest
from matplotlib import ft2font
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.text import Text

import jazari_planner as jp
from jazari_planner.presentation.figures import plot_plan
from jazari_planner.presentation.lettering import ARABIC_FONT, arabic_font_file, font_stack

WORD = "الرباط"  # Rabat: six letters, four of them joined


@pytest.fixture(scope="module")
def plan() -> jp.Plan:
    return jp.solve(jp.Scenario(name="عربي"))


def _glyphs(text: str) -> list[tuple[str, int, float]]:
    """(character, glyph index, x) of each glyph matplotlib draws for ``text``.

    ``FT2Font._layout`` is matplotlib's own (private) text layout: the one the Agg
    renderer draws with.
    """
    font = ft2font.FT2Font(str(arabic_font_file()))
    font.set_size(12, 72)
    return [(item.char, item.glyph_index, item.x)
            for item in font._layout(text, ft2font.LoadFlags.DEFAULT)]


def test_the_arabic_font_ships_in_a_package_and_matplotlib_finds_it() -> None:
    font_stack("ar")  # registers it
    assert arabic_font_file().is_file()
    found = findfont(FontProperties(family=ARABIC_FONT), fallback_to_default=False)
    assert found == str(arabic_font_file())


def test_arabic_letters_are_joined_not_isolated() -> None:
    font = ft2font.FT2Font(str(arabic_font_file()))
    isolated = {c: font.get_char_index(ord(c)) for c in WORD}
    drawn = _glyphs(WORD)
    assert {c for c, _, _ in drawn} == set(WORD)  # a letter may take two glyphs (its dots)
    shaped = {c for c, glyph, _ in drawn if glyph != isolated[c]}
    # ل joins forward, ر and the second ا backward, ب both ways: each takes a joined form
    # (the first ا stands alone, and this font draws ط the same joined or not)
    assert shaped >= {"ل", "ر", "ب", "ا"}, drawn


def test_arabic_runs_right_to_left() -> None:
    drawn = _glyphs(WORD)
    x_of = {c: x for c, _, x in drawn}
    assert x_of["ا"] > x_of["ط"]  # the first letter (alif) is drawn to the right of the last


def test_an_arabic_figure_is_set_in_the_arabic_font(plan: jp.Plan) -> None:
    figure = plot_plan(plan, lang="ar")
    FigureCanvasAgg(figure).draw()
    texts = [t for t in figure.findobj(Text) if t.get_text().strip()]
    assert texts and all(t.get_fontfamily()[0] == ARABIC_FONT for t in texts)
    shown = "\n".join(t.get_text() for t in texts)
    assert "الداخلة-وادي الذهب" in shown and "Dakhla" not in shown  # Arabic region names
    assert "معاهد الجزري" in shown


def test_french_and_english_figures_show_the_arabic_names_too(plan: jp.Plan) -> None:
    figure = plot_plan(plan, lang="fr")
    texts = {t.get_text(): t for t in figure.findobj(Text)}
    assert "الداخلة-وادي الذهب" in texts and texts["الداخلة-وادي الذهب"].get_fontfamily()[
        0] == ARABIC_FONT
    assert any(t.startswith("Dakhla") for t in texts)
