"""The data stakes as a slide (docs/model.md §13): the figures worth measuring, largest first.

A static 16:9 horizontal bar chart (matplotlib, like :mod:`.figures`): one bar per value
whose stake is above 0, labelled with its region, indicator and confidence, the pairs it
would change written beside it.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from ..common.words import Lang, word
from ..common.words.numbers import number
from .figures import DPI, FONT, SLIDE, _save, slide_footer, slide_header
from .style import INK, MUTED_INK
from .view import source_line

if TYPE_CHECKING:
    from ..analysis.stakes import DataStakes

__all__ = ["plot_stakes", "save_stakes"]

#: Bar colour by confidence: the less sure the value, the warmer (colour-blind-safe).
_COLORS = {"secondary": "#4477AA", "derived": "#EE7733", "gap": "#CC3311"}


def plot_stakes(stakes: DataStakes, *, top: int = 15, lang: Lang = "en") -> Figure:
    """The ``top`` largest stakes as bars (a slide saying so when none is above 0)."""
    plan = stakes.plan
    shown = stakes.worth_measuring.head(top).iloc[::-1]
    figure = Figure(figsize=SLIDE, facecolor="white")
    slide_header(figure, word("stakes_figure_title", lang, scenario=plan.scenario.name),
                 word("stakes_subtitle", lang, worth=number(len(stakes.worth_measuring), 0, lang),
                      values=number(len(stakes.table), 0, lang)),
                 title_size=22, subtitle_size=11.5)
    if shown.empty:
        figure.text(0.5, 0.5, word("stakes_figure_none", lang), ha="center", va="center",
                    fontsize=16, color=MUTED_INK, family=FONT)
        slide_footer(figure, source_line(plan, lang=lang))
        return figure
    ax = figure.add_axes((0.34, 0.1, 0.34, 0.74))
    labels = [textwrap.shorten(f"{row.region_name} · {row.indicator_label} ({row.confidence})",
                               70, placeholder="…") for row in shown.itertuples()]
    positions = range(len(shown))
    ax.barh(positions, shown["stake"].astype(float),
            color=[_COLORS.get(str(c), INK) for c in shown["confidence"]])
    ax.set_yticks(positions, labels, fontsize=9, family=FONT)
    top_stake = float(shown["stake"].max())
    stake_of = shown["stake"].astype(float).tolist()
    changes = [_change(str(gained), str(lost))
               for gained, lost in zip(shown["gained"], shown["lost"], strict=True)]
    for position, stake, change in zip(positions, stake_of, changes, strict=True):
        ax.text(stake + top_stake * 0.02, position,
                f"{number(stake, 3, lang)} %\n" + textwrap.fill(
                    textwrap.shorten(change, 90, placeholder="…"), 48),
                va="center", fontsize=8, family=FONT, color=INK, clip_on=False)
    ax.set_xlim(0, top_stake * 1.05)
    ax.set_xlabel(word("stakes_axis", lang), fontsize=10, family=FONT)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    slide_footer(figure, source_line(plan, lang=lang))
    return figure


def _change(gained: str, lost: str) -> str:
    """``"+ gained; − lost"``, either part left out where empty."""
    return "; ".join(part for part in (f"+ {gained}" if gained else "",
                                       f"− {lost}" if lost else "") if part)


def save_stakes(stakes: DataStakes, path: str | os.PathLike[str], *, lang: Lang = "en",
                dpi: int = DPI) -> Path:
    """Write :func:`plot_stakes`'s figure to ``path`` (PNG, SVG or PDF, atomically)."""
    return _save(plot_stakes(stakes, lang=lang), path, dpi=dpi)
