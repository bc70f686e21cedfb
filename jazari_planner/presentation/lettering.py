"""The fonts of every figure and slide, and Arabic set right.

Latin text is set in DejaVu Sans (it ships with matplotlib). Arabic is set in Noto Sans
Arabic, which ships as a package (``fontpkg-noto-sans-arabic``, SIL Open Font License), so
no font is downloaded at run time. Matplotlib (3.11 and later) lays text out with libraqm:
it joins Arabic letters into their contextual forms and orders a mixed line right to left,
so a label is written in its logical order, never reshaped by hand. A figure drawn in
Arabic gets the Arabic font first (its Latin and digits included) with DejaVu Sans behind
it for any glyph it lacks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fontpkg_noto_sans_arabic
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.text import Text

from ..common.words import Lang

__all__ = ["ARABIC_FONT", "LATIN_FONT", "arabic_font_file", "font_stack", "lettered"]

#: The family every figure's Latin text is set in (ships with matplotlib).
LATIN_FONT = "DejaVu Sans"
#: The family Arabic text is set in, in figures, slides and the app's page.
ARABIC_FONT = "Noto Sans Arabic"
#: Noto Sans Arabic's lines are about twice as tall as DejaVu Sans's (room for the marks
#: above and below the letters): a multi-line text keeps its height in Arabic.
_ARABIC_LINES = 0.5
#: A badge (a text in a box) keeps its box's height in Arabic at this share of its size.
_ARABIC_BADGE = 0.8


def arabic_font_file() -> Path:
    """The Noto Sans Arabic font file inside its package (a variable TrueType font)."""
    folder = Path(fontpkg_noto_sans_arabic.ROOT) / "files"
    return sorted(folder.glob("*.ttf"))[0]


@cache
def _registered() -> None:
    """Tell matplotlib where the Arabic font is (once per process)."""
    font_manager.fontManager.addfont(str(arabic_font_file()))


def font_stack(lang: Lang) -> list[str]:
    """The families a figure in ``lang`` is set in, first choice first."""
    if lang == "ar":
        _registered()
        return [ARABIC_FONT, LATIN_FONT]
    return [LATIN_FONT]


def lettered(figure: Figure, lang: Lang) -> Figure:
    """``figure`` with every text (titles, labels, ticks, legends) in ``lang``'s fonts.

    Called by each ``plot_*`` function as its last step; in English and French the figure
    keeps the fonts it was drawn with. The packaged Arabic font has one weight: bold text
    is set in it at its regular weight (size still sets titles apart).
    """
    if lang != "ar":
        return figure
    stack = font_stack(lang)
    for ax in figure.axes:
        ax.tick_params(labelfontfamily=stack)
    for text in figure.findobj(Text):
        text.set_fontfamily(stack)
        text.set_fontweight("normal")
        size = text.get_fontsize()
        if text.get_bbox_patch() is not None and isinstance(size, float | int):
            text.set_fontsize(size * _ARABIC_BADGE)
        spacing = text.get_linespacing()
        if "\n" in text.get_text() and isinstance(spacing, float | int):
            text.set_linespacing(spacing * _ARABIC_LINES)
    return figure
