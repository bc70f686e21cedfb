"""The tornado chart of a plan's stability intervals (docs/model.md §12), for slides.

One row per setting, widest band first: its range in grey, the band where the plan holds in
colour, its value as a dot, each end labelled (an end that is a tipping point in bold).
Each setting is drawn relative to its own range, so a weight (0 to 10 times the largest) and
λ (0 to 1) share one axis.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from ..common.words import Lang, word
from ..common.words.numbers import number
from .figures import DPI, FONT, SLIDE, _save, slide_footer, slide_header
from .style import INK, MUTED_INK
from .view import source_line

if TYPE_CHECKING:
    from ..analysis.stability import Stability

__all__ = ["plot_tornado", "save_tornado"]

_BAND, _RANGE = "#5b8db8", "#e7ecf1"


def plot_tornado(result: Stability, *, lang: Lang = "en") -> Figure:
    """The tornado chart of ``result``: each setting's band within its range."""
    table = result.table.copy()
    span = (table["range_hi"] - table["range_lo"]).where(lambda s: s > 0, 1.0)
    table["width"] = (table["hi"] - table["lo"]) / span
    table = table.sort_values("width", kind="stable")
    figure = Figure(figsize=SLIDE, facecolor="white")
    slide_header(figure, word("tornado_title", lang, scenario=result.scenario.name),
                 word("tornado_subtitle", lang, tol=number(100 * result.tol, 0, lang)),
                 title_size=22, subtitle_size=11.5)
    ax = figure.add_axes((0.2, 0.16, 0.74, 0.66))
    for row, record in enumerate(table.to_dict("records")):
        low, width = float(record["range_lo"]), float(span[table.index[row]])

        def rel(v: float, low: float = low, width: float = width) -> float:
            return (v - low) / width

        ax.barh(row, 1.0, left=0.0, color=_RANGE, height=0.55)
        ax.barh(row, rel(record["hi"]) - rel(record["lo"]), left=rel(record["lo"]),
                color=_BAND, height=0.55)
        ax.plot([rel(record["value"])], [row], "o", color=INK, markersize=7)
        for side, align, shift in (("lo", "right", -0.01), ("hi", "left", 0.01)):
            tipping = not record[f"{side}_is_range_end"]
            ax.text(rel(record[side]) + shift, row, number(record[side], 2, lang),
                    ha=align, va="center", fontsize=10, family=FONT,
                    color=INK if tipping else MUTED_INK,
                    fontweight="bold" if tipping else "normal")
    ax.set_yticks(range(len(table)),
                  [word(f"param_{p}", lang) for p in table["parameter"]],
                  fontsize=12, family=FONT)
    ax.set_xlim(-0.12, 1.12)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0],
                  [f"{number(100 * v, 0, lang)} %" for v in (0, 0.25, 0.5, 0.75, 1.0)])
    ax.set_xlabel(word("tornado_axis", lang), fontsize=11, family=FONT, color=MUTED_INK)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    ax.tick_params(axis="y", length=0)
    slide_footer(figure, source_line(result.plan, lang=lang))
    return figure


def save_tornado(result: Stability, path: str | os.PathLike[str], *, lang: Lang = "en",
                 dpi: int = DPI) -> Path:
    """Write :func:`plot_tornado`'s figure to ``path`` (PNG, SVG or PDF, atomically)."""
    return _save(plot_tornado(result, lang=lang), path, dpi=dpi)
