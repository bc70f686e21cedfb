"""Pictures of a stakeholders' consensus (docs/model.md §11): the regret bars and the map.

The bars are a static 16:9 figure (matplotlib, like :mod:`.figures`): one bar per
stakeholder, its regret of the consensus as a share of its own optimum, the largest (``ρ``)
marked. The map is the consensus plan's interactive map (:func:`.webmap.plan_map`), each
badge carrying the share of stakeholders whose own plan has that pair: agreed pairs read
100 %, contested ones less, dashed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
from matplotlib.figure import Figure

from ..common.words import Lang, word
from ..common.words.numbers import number
from .figures import DPI, FONT, SLIDE, _save, slide_footer, slide_header
from .style import INK, MUTED_INK
from .view import source_line
from .webmap import plan_map

if TYPE_CHECKING:
    from ..analysis.consensus import Consensus

__all__ = ["agreement", "consensus_map", "plot_regret", "save_regret"]

#: The bar of the stakeholder(s) at the largest regret, and the others.
_WORST, _OTHER = "#c0392b", "#5b8db8"


def plot_regret(result: Consensus, *, lang: Lang = "en") -> Figure:
    """One horizontal bar per stakeholder: its regret of the consensus, in percent."""
    table = result.regret
    names = [str(n) for n in table["stakeholder"]]
    values = [100 * max(float(v), 0.0) for v in table["regret"]]
    top = max(values, default=0.0)
    decimals = 2 if top < 10 else 1  # regrets are often fractions of a percent
    figure = Figure(figsize=SLIDE, facecolor="white")
    slide_header(figure, word("regret_title", lang, scenario=result.scenario.name),
                 word("regret_subtitle", lang), title_size=22, subtitle_size=11.5)
    ax = figure.add_axes((0.22, 0.16, 0.7, 0.66))
    rows = list(range(len(names)))[::-1]
    # within 0.01 percentage point of ρ: at the worst regret (minimax evens out the worst)
    colors = [_WORST if v >= top - 0.01 and top > 0 else _OTHER for v in values]
    ax.barh(rows, values, color=colors, height=0.6)
    for row, value in zip(rows, values, strict=True):
        ax.text(value + top * 0.01 + 0.02, row, f"{number(value, decimals, lang)} %",
                va="center", fontsize=11, family=FONT, color=INK)
    ax.set_yticks(rows, names, fontsize=12, family=FONT)
    ax.set_xlim(0, max(top * 1.18, 1.0))
    ax.set_xlabel(word("regret_axis", lang), fontsize=11, family=FONT, color=MUTED_INK)
    ax.axvline(top, color=_WORST, linestyle="--", linewidth=1)
    worst = word("regret_worst", lang, value=number(top, decimals, lang))
    ax.text(top, len(names) - 0.45, worst,
            ha="right", va="bottom", fontsize=10, family=FONT, color=_WORST)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    slide_footer(figure, source_line(result.plan, lang=lang))
    return figure


def save_regret(result: Consensus, path: str | os.PathLike[str], *, lang: Lang = "en",
                dpi: int = DPI) -> Path:
    """Write :func:`plot_regret`'s figure to ``path`` (PNG, SVG or PDF, atomically)."""
    return _save(plot_regret(result, lang=lang), path, dpi=dpi)


def agreement(result: Consensus) -> dict[tuple[str, str], float]:
    """Per pair of the consensus, the share of stakeholders whose own plan has it."""
    own = [set(plan.cells) for plan in result.plans.values()]
    return {cell: sum(cell in cells for cells in own) / len(own) for cell in result.plan.cells}


def consensus_map(result: Consensus, **options: Any) -> folium.Map:
    """The consensus plan's map, each badge over the share of parties that chose it.

    ``options`` are those of :func:`.webmap.plan_map` (``lang``, ``theme``, ``tiles``).
    """
    return plan_map(result.plan, confidence=agreement(result), share_key="agreement",
                    **options)
