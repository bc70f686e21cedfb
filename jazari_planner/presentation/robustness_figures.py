"""Pictures of a robustness sweep: the acceptability heat map and the confidence map.

The heat map is a static 16:9 figure (matplotlib, like :mod:`.figures`): regions by themes,
each cell the share of the perturbed samples that choose the pair, the plan's own pairs
outlined. The map is the plan's interactive map (:func:`.webmap.plan_map`) whose badges
carry their confidence.
"""

from __future__ import annotations

import math
import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..common.escaping import printable
from ..common.files import replaced_atomically
from ..common.words import Lang, word
from ..common.words.numbers import number, percent
from .figures import DPI, FONT, SLIDE, _save, slide_footer, slide_header
from .lettering import lettered
from .style import INK, theme_label
from .view import source_line, theme_labels
from .webmap import offline_html, plan_map

if TYPE_CHECKING:
    from ..analysis.robustness import Robustness

__all__ = ["confidence_map", "plot_acceptability", "save_acceptability", "save_confidence_map"]

#: A sequential, colour-blind-safe scale from "never chosen" (light) to "always" (dark).
_COLORMAP = "YlGnBu"
#: A locked pair's cell: neutral grey, hatched (no share drawn on the scale).
LOCKED_FILL = "#d9dde2"


def plot_acceptability(robustness: Robustness, *, lang: Lang = "en") -> Figure:
    """The acceptability heat map: regions × themes, each cell's share written in it.

    The plan's pairs are outlined in black; a cell reads white on the dark end of the scale.
    A pair a lock fixes is hatched grey and reads ``locked``: its share is no evidence.
    """
    plan = robustness.plan
    shares = robustness.acceptability
    labels = theme_labels(plan)
    regions = [printable(str(plan.dataset.regions.at[code, "region_name_ar"]) if lang == "ar"
                         else plan.dataset.region_name(code)) for code in shares.index]
    themes = [theme_label(str(t), labels, lang) for t in shares.columns]
    figure = Figure(figsize=SLIDE, facecolor="white")
    slide_header(figure, word("acceptability_title", lang, scenario=plan.scenario.name),
                 word("acceptability_subtitle", lang,
                      samples=number(len(robustness.samples), 0, lang),
                      sigma=number(robustness.weight_spread, 2, lang),
                      nu=number(robustness.value_noise, 2, lang)),
                 title_size=22, subtitle_size=11.5)
    ax = figure.add_axes((0.2, 0.3, 0.7, 0.55))
    values = shares.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=_COLORMAP, vmin=0.0, vmax=1.0, aspect="auto")
    cmap = matplotlib.colormaps[_COLORMAP]
    locked = robustness.locked
    for i, region in enumerate(shares.index):
        for j, theme in enumerate(shares.columns):
            share = values[i, j]
            if (str(region), str(theme)) in locked:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=LOCKED_FILL,
                                       edgecolor="white", hatch="////", linewidth=0.5))
                ax.text(j, i, word("confidence_locked", lang), ha="center", va="center",
                        fontsize=6.5, family=FONT, color=INK)
                continue
            if math.isnan(share):
                continue
            red, green, blue, _ = cmap(share)
            dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
            ax.text(j, i, number(100 * share, 0, lang), ha="center", va="center", fontsize=8,
                    family=FONT, color="white" if dark else INK)
    confidence = robustness.confidence
    rows = shares.index.get_indexer(pd.Index(confidence["region_code"]))
    columns = shares.columns.get_indexer(pd.Index(confidence["theme_id"]))
    for i, j in zip(rows.tolist(), columns.tolist(), strict=True):
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="black",
                               linewidth=2.2))
    ax.set_xticks(range(len(themes)), [textwrap.fill(t, 20) for t in themes], rotation=40,
                  ha="right", rotation_mode="anchor", fontsize=9.5, family=FONT,
                  linespacing=1.0)
    ax.set_yticks(range(len(regions)), regions, fontsize=10, family=FONT)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar_ax = figure.add_axes((0.92, 0.3, 0.015, 0.55))
    bar = figure.colorbar(image, cax=bar_ax, ticks=[0, 0.1, 0.5, 0.9, 1.0])
    bar.ax.set_yticklabels([percent(100 * t, 0, lang) for t in (0, 0.1, 0.5, 0.9, 1.0)],
                           fontsize=9, family=FONT)
    bar.set_label(word("acceptability", lang), fontsize=10, family=FONT)
    slide_footer(figure, source_line(plan, lang=lang))
    return lettered(figure, lang)


def save_acceptability(robustness: Robustness, path: str | os.PathLike[str], *,
                       lang: Lang = "en", dpi: int = DPI) -> Path:
    """Write :func:`plot_acceptability`'s figure to ``path`` (PNG, SVG or PDF, atomically)."""
    return _save(plot_acceptability(robustness, lang=lang), path, dpi=dpi)


def confidence_map(robustness: Robustness, **options: Any) -> folium.Map:
    """The plan's map, each badge showing the share of samples that keep it (dashed < 90 %),
    or ``locked`` where a lock fixes the pair.

    ``options`` are those of :func:`.webmap.plan_map` (``lang``, ``theme``, ``tiles``).
    """
    return plan_map(robustness.plan, confidence=robustness.confidence_of(), **options)


def save_confidence_map(robustness: Robustness, path: str | os.PathLike[str],
                        **options: Any) -> Path:
    """Write :func:`confidence_map` as one self-contained, offline HTML file (atomically)."""
    target = Path(path)
    page = offline_html(confidence_map(robustness, **options))
    with replaced_atomically(target) as temporary:
        temporary.write_text(page, encoding="utf-8")
    return target
