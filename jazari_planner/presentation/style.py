"""The one place for colours and symbols that every output reads (words: common.words).

The web map, the static figures and the slide deck all take a theme's colour and badge,
a value's class colour and the legend wording from here, so a theme looks the same in every
output and a planner learns the code once. Palettes are colour-blind safe (ColorBrewer
sequential schemes, Paul Tol's qualitative colours); a theme is never told by colour alone:
each carries a two-letter badge.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..common.escaping import printable
from ..common.words import LANGS, Lang, word
from ..common.words.numbers import DASH, number, percent
from ..results.metrics import METRIC_INFO

__all__ = [
    "FONT_STACK",
    "ROOT",
    "ClassScale",
    "Root",
    "ThemeStyle",
    "metric_text",
    "theme_label",
    "theme_style",
    "theme_styles",
]

#: Fonts for every text; DejaVu Sans ships with matplotlib, browsers fall back to their own.
FONT_STACK = "'DejaVu Sans', 'Segoe UI', 'Noto Sans', Arial, sans-serif"
#: Region outlines, the map's sea and land-free background, and ink for text.
OUTLINE = "#ffffff"
BACKGROUND = "#eef2f6"
INK = "#1f2933"
MUTED_INK = "#52606d"


@dataclass(frozen=True)
class ThemeStyle:
    """How a theme is drawn: fill ``color``, ``text_color`` on it and a two-letter ``badge``."""

    color: str
    text_color: str
    badge: str


def _text_on(color: str) -> str:
    """Black or white, whichever contrasts more with ``color`` (WCAG relative luminance)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#111111" if luminance > 0.179 else "#ffffff"


# Paul Tol's muted, vibrant and high-contrast colours (https://personal.sron.nl/~pault/),
# chosen so that neighbours in meaning differ in lightness as well as hue.
_THEMES: dict[str, str] = {
    "energy": "#DDCC77",
    "agrifood": "#117733",
    "fisheries": "#88CCEE",
    "mining": "#882255",
    "industry": "#332288",
    "logistics": "#EE7733",
    "finance": "#AA4499",
    "health": "#CC3311",
    "tourism": "#EE3377",
    "sovereign_ai": "#0077BB",
    "language_education": "#999933",
    "water": "#44AA99",
    "smart_cities": "#555555",
}
# Paul Tol's light colours: for themes from a user's own file, in the order they come.
_FALLBACK_COLORS: tuple[str, ...] = (
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF",
    "#44BB99", "#BBCC33", "#AAAA00", "#DDDDDD",
)


def theme_style(theme_id: str, lang: Lang = "en") -> ThemeStyle:
    """The colour and badge of one theme, as :func:`theme_styles` gives it on its own."""
    return theme_styles([theme_id], lang)[theme_id]


def theme_styles(theme_ids: Iterable[str], lang: Lang = "en") -> dict[str, ThemeStyle]:
    """The colour and badge of each theme of a set (a dataset's themes, in its order).

    The 13 embedded themes always get their own colour and a badge in ``lang`` (the words
    ``badge_<theme id>``: ``HE`` for health in English, ``SA`` for santé in French). Others
    (a user's own themes file) get Tol's light colours in turn and a badge from their id
    (``"T1"`` for ``theme_01``, else the initials: ``"CS"`` for ``cyber_security``), made
    unique within the set; the same set in the same order always gets the same styles.
    """
    ids = list(dict.fromkeys(str(t) for t in theme_ids))
    return dict(_styles(tuple(ids), lang))


def _badge(theme_id: str, lang: Lang) -> str:
    return word(f"badge_{theme_id}", lang)


@lru_cache(maxsize=64)
def _styles(theme_ids: tuple[str, ...], lang: Lang) -> tuple[tuple[str, ThemeStyle], ...]:
    taken = {_badge(theme_id, code) for theme_id in _THEMES for code in LANGS}
    styles: list[tuple[str, ThemeStyle]] = []
    unknown = 0
    for theme_id in theme_ids:
        if theme_id in _THEMES:
            color, badge = _THEMES[theme_id], _badge(theme_id, lang)
        else:
            color = _FALLBACK_COLORS[unknown % len(_FALLBACK_COLORS)]
            unknown += 1
            badge = next(b for b in _badge_candidates(theme_id) if b not in taken)
            taken.add(badge)
        styles.append((theme_id, ThemeStyle(color=color, text_color=_text_on(color),
                                            badge=badge)))
    return tuple(styles)


def _badge_candidates(theme_id: str) -> Iterator[str]:
    """Badges for an unknown theme id, best first: never exhausted."""
    words = [w for w in re.split(r"[^0-9A-Za-z]+", theme_id) if w] or ["X"]
    head = words[0][0].upper()
    number = re.search(r"(\d+)$", theme_id)
    if number:
        yield f"{head}{int(number.group(1))}"
    if len(words) >= 2:
        yield (words[0][0] + words[1][0]).upper()
    letters = "".join(words).upper()
    for letter in letters[1:]:
        yield head + letter
    for counter in itertools.count(1):
        yield f"{head}{counter}"


@dataclass(frozen=True)
class ClassScale:
    """A classed (binned) colour scale: class ``i`` holds the values up to ``uppers[i]``.

    ``ranges`` are the smallest and largest value put in each class (what its legend
    label shows); a value above the last bound takes the last colour. Made by
    :func:`~jazari_planner.presentation.layers.class_scale` from the values drawn.
    """

    uppers: tuple[float, ...]
    ranges: tuple[tuple[float, float], ...]
    colors: tuple[str, ...]
    decimals: int = 2
    missing: str = "#d9d9d9"

    def color(self, value: float | None) -> str:
        """The fill colour of ``value``; grey where it is missing or not a number."""
        if value is None or not math.isfinite(value) or not self.colors:
            return self.missing
        for upper, color in zip(self.uppers, self.colors, strict=True):
            if value <= upper + 1e-12:
                return color
        return self.colors[-1]

    def labels(self, lang: Lang = "en", suffix: str = "") -> list[str]:
        """One legend label per class: ``"0.75–0.77"``, or one value (``"0.42"``); a ``"%"``
        suffix is written the language's way (``"97–100 %"`` in French)."""
        labels = []
        for low, high in self.ranges:
            low_text, high_text = (number(low, self.decimals, lang),
                                   number(high, self.decimals, lang))
            if suffix == "%":
                high_text = percent(high, self.decimals, lang)
                low_text = low_text if low_text != number(high, self.decimals, lang) else ""
                labels.append(f"{low_text}{DASH}{high_text}" if low_text else high_text)
                continue
            shown = low_text if low_text == high_text else f"{low_text}{DASH}{high_text}"
            labels.append(f"{shown}{suffix}")
        return labels


@dataclass(frozen=True)
class Root:
    """JAZARI ROOT, the network's head institute: where it is and how it is drawn."""

    region_code: str
    city: str
    lat: float
    lon: float
    color: str
    label: str


#: JAZARI ROOT sits in Rabat (region "04", Rabat-Salé-Kénitra); Rabat city centre.
ROOT = Root(region_code="04", city="Rabat", lat=34.0209, lon=-6.8416,
            color="#111111", label="JAZARI ROOT")

def theme_label(theme_id: str, labels: Any, lang: Lang = "en") -> str:
    """A theme's label from the dataset's ``themes`` table (``label``, ``label_fr``,
    ``label_ar``).

    ``labels`` is that table (indexed by theme id); a missing translation falls back to
    the English label, and a theme missing from the table to its id.
    """
    columns: Sequence[str] = ("label",) if lang == "en" else (f"label_{lang}", "label")
    for column in columns:
        if labels is not None and column in labels.columns and theme_id in labels.index:
            value = labels.at[theme_id, column]
            if isinstance(value, str) and value.strip():
                return printable(value.strip())
    return printable(theme_id)


def metric_text(name: str, value: float, lang: Lang = "en", *,
                decimals: int | None = None) -> str:
    """A plan metric as shown: scaled, rounded and followed by its unit (``METRIC_INFO``)."""
    info = METRIC_INFO[name]
    shown = number(info.scale * float(value), info.decimals if decimals is None else decimals,
                   lang)
    unit = info.unit[lang]
    return f"{shown} {unit}" if unit else shown
