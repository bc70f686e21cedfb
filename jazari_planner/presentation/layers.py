"""What a map can colour the regions by, and class breaks that tell the regions apart.

Four layers: the regions' **fit** (the default: how much strength each region's themes
use), their **balance score** (id ``balance_score``: fit as a share of the region's own
best; "balance" alone is the scenario's λ), the **need index**, and one theme's
**strength**. Each is
classed by natural breaks (Fisher–Jenks, from ``jenkspy``) over the values actually
drawn, so the classes separate the regions of the plan at hand: fixed 10 % bins put ten of
the twelve embedded regions in one class. Small multiples share one classification, so one
colour means one range on every panel.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from ..common.errors import InputError, did_you_mean
from ..common.words import Lang, word
from ..common.words.numbers import DASH, number, percent
from .style import ClassScale, theme_label
from .view import RegionView, theme_labels

if TYPE_CHECKING:
    from ..results.plan import Plan

__all__ = [
    "LAYERS",
    "Layer",
    "LayerStyle",
    "check_layer",
    "class_scale",
    "layer_style",
    "layer_title",
    "layer_unit",
    "layer_values",
    "natural_breaks",
    "strength_theme",
    "written_value",
]

Layer = Literal["fit", "balance_score", "need", "strength"]
#: The layers, in the order of a map's layer switch; the first is shown by default.
LAYERS: tuple[Layer, ...] = ("fit", "balance_score", "need", "strength")
#: Former layer ids and the id that replaced them: "balance" is the scenario's λ alone.
RENAMED: dict[str, Layer] = {"balance": "balance_score"}
#: At most this many classes: five stay apart by eye on a printed slide.
MAX_CLASSES = 5


@dataclass(frozen=True)
class LayerStyle:
    """How a layer is drawn: its palette (light to dark), decimals and unit suffix."""

    palette: tuple[str, ...]
    decimals: int
    suffix: str = ""


# ColorBrewer sequential schemes (colour-blind safe), light to dark, 5 classes; the darkest
# class stays light enough for the theme badges on it to read.
_STYLES: dict[Layer, LayerStyle] = {
    "fit": LayerStyle(("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0"), 2),  # YlGnBu
    "balance_score": LayerStyle(("#f0f9e8", "#ccebc5", "#a8ddb5", "#7bccc4", "#43a2ca"),
                                0, " %"),  # GnBu
    "need": LayerStyle(("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"), 2),  # OrRd
    "strength": LayerStyle(("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"), 2),
}


def check_layer(layer: str) -> Layer:
    """``layer`` itself when it names a layer; else an :class:`InputError` with the fix.

    A former id (``"balance"``) is named with its replacement rather than drawn as another
    layer, so a caller's old code fails loudly instead of showing the wrong map.
    """
    for known in LAYERS:
        if layer == known:
            return known
    if layer in RENAMED:
        new = RENAMED[layer]
        raise InputError(
            f"the map layer {layer!r} is now called {new!r} (the regions' balance score; "
            f"{layer!r} alone is the scenario's λ)", key="layer", fix=f"pass layer={new!r}")
    raise InputError(f"unknown map layer {layer!r}", key="layer",
                     fix=did_you_mean(str(layer), LAYERS) + f"use one of {', '.join(LAYERS)}")


def layer_style(layer: Layer) -> LayerStyle:
    """The palette, decimals and suffix of ``layer``."""
    return _STYLES[layer]


def natural_breaks(values: Iterable[float], *, classes: int = MAX_CLASSES) -> tuple[float, ...]:
    """Upper bounds of at most ``classes`` natural-break classes of ``values`` (Fisher–Jenks).

    Fewer classes where there are fewer distinct values (one class per value then); missing
    values are left out. Exact for the dozen regions of a national map.
    """
    finite = np.array([v for v in values if v is not None and math.isfinite(v)], dtype=float)
    distinct = np.unique(finite)
    if distinct.size <= classes:
        return tuple(float(v) for v in distinct)
    import jenkspy

    # its breaks start at the smallest value; the upper bounds follow
    return tuple(float(b) for b in jenkspy.jenks_breaks(finite, n_classes=classes)[1:])


def _colors(palette: Sequence[str], count: int) -> tuple[str, ...]:
    """``count`` colours spread over ``palette`` (all of it for as many classes)."""
    if count >= len(palette):
        return tuple(palette)
    if count == 1:
        return (palette[len(palette) // 2],)
    step = (len(palette) - 1) / (count - 1)
    return tuple(palette[round(i * step)] for i in range(count))


def class_scale(layer: Layer, values: Iterable[float]) -> ClassScale:
    """The classed colour scale of ``layer`` for ``values`` (all the values drawn with it)."""
    style = _STYLES[layer]
    drawn = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    uppers = natural_breaks(drawn)
    ranges = []
    lower = -math.inf
    for upper in uppers:
        members = [v for v in drawn if lower < v <= upper]
        ranges.append((min(members), max(members)) if members else (upper, upper))
        lower = upper
    return ClassScale(uppers=uppers, ranges=tuple(ranges),
                      colors=_colors(style.palette, len(uppers)), decimals=style.decimals)


def strength_theme(plan: Plan, theme: str | None = None) -> str | None:
    """The theme whose strength a map shows: ``theme`` checked, else the most assigned one."""
    columns = [str(c) for c in plan.strength.columns if c not in ("region_code", "region_name")]
    if theme is not None:
        if theme not in columns:
            raise InputError(
                f"unknown theme {theme!r} for the strength layer",
                key="theme",
                fix=did_you_mean(theme, columns) + f"themes are: {', '.join(columns)}",
            )
        return theme
    counts = plan.assignments["theme_id"].astype(str).value_counts()
    ranked = [t for t in counts.index if t in columns]
    return ranked[0] if ranked else (columns[0] if columns else None)


def layer_values(plan: Plan, views: Sequence[RegionView], layer: Layer, *,
                 theme: str | None = None) -> dict[str, float]:
    """Each region's value in ``layer`` (region code → value; NaN where missing)."""
    layer = check_layer(layer)
    if layer == "fit":
        return {v.code: v.fit for v in views}
    if layer == "balance_score":
        return {v.code: v.balance_score for v in views}
    if layer == "need":
        return {v.code: v.need for v in views}
    chosen = strength_theme(plan, theme)
    if chosen is None:
        return {v.code: math.nan for v in views}
    table = plan.strength
    by_code = {str(c): float(s) for c, s in zip(table["region_code"], table[chosen],
                                                strict=True)}
    return {v.code: by_code.get(v.code, math.nan) for v in views}


def layer_title(layer: Layer, lang: Lang = "en", *, plan: Plan | None = None,
                theme: str | None = None) -> str:
    """The layer's name as a legend title (the strength layer names its theme)."""
    if layer != "strength":
        return word(f"layer_{layer}", lang)
    chosen = strength_theme(plan, theme) if plan is not None else theme
    if chosen is None:
        return word("layer_strength", lang)
    labels = theme_labels(plan) if plan is not None else None
    return word("strength_of", lang, theme=theme_label(chosen, labels, lang))


def layer_unit(layer: Layer, lang: Lang = "en") -> str:
    """What the layer's values mean, under the legend title."""
    return word(f"{layer}_unit", lang)


def written_value(layer: Layer, value: float, lang: Lang = "en") -> str:
    """A region's value in ``layer`` as a tooltip shows it."""
    style = _STYLES[layer]
    if style.suffix == "%":
        return percent(value, style.decimals, lang)
    shown = number(value, style.decimals, lang)
    return shown if shown == DASH else f"{shown}{style.suffix}"
