"""The trade-off frontier as a 16:9 figure: efficiency against balance (matplotlib).

Each kept point of :func:`jazari_planner.analysis.frontier.frontier` is a numbered dot, from the
most efficient (1) to the most balanced; the knee is ringed (or, where no point lies above the
chord between the extremes, the chart says there is none) and the scenario's own plan starred.
Beside the chart, what changes at each step: the regions whose themes change from the
previous point, in the planner's words. English or French, like the other figures.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..analysis.frontier import plan_point
from ..common.escaping import printable
from ..common.words import Lang, word
from ..common.words.numbers import number
from .figures import DPI, FONT, SLIDE, _save, slide_footer, slide_header
from .lettering import lettered
from .style import INK, MUTED_INK, theme_label
from .view import source_line

if TYPE_CHECKING:
    from ..analysis.frontier import Frontier
    from ..results.plan import Plan

__all__ = ["plot_frontier", "save_frontier", "scale_note", "step_changes"]

#: The points' fill, the knee's ring and the scenario's star.
POINT = "#1d91c0"
KNEE = "#c2185b"
SCENARIO = "#DDCC77"
LINE = "#9aa5b1"


def _themes_by_region(plan: Plan) -> dict[str, list[str]]:
    themes: dict[str, list[str]] = {}
    for region, theme in plan.cells:
        themes.setdefault(region, []).append(theme)
    return themes


def step_changes(previous: Plan, current: Plan, *, lang: Lang = "en") -> list[str]:
    """One line per region whose themes differ between two plans, in the dataset's order.

    ``"Region: old → new"`` for a swap, ``"Region: + new"`` or ``"Region: − old"`` where the
    region gains or loses a specialization; theme labels in ``lang``.
    """
    dataset = current.dataset
    before, after = _themes_by_region(previous), _themes_by_region(current)

    def labels(themes: Sequence[str]) -> str:
        return word("list_comma", lang).join(theme_label(t, dataset.themes, lang)
                                             for t in themes)

    lines = []
    colon = word("colon", lang)
    for code in dataset.region_codes:
        old, new = before.get(code, []), after.get(code, [])
        lost = [t for t in old if t not in new]
        gained = [t for t in new if t not in old]
        if not lost and not gained:
            continue
        if lost and gained:
            change = f"{labels(lost)} {word('arrow_to', lang)} {labels(gained)}"
        else:
            change = f"+ {labels(gained)}" if gained else f"− {labels(lost)}"
        name = (str(dataset.regions.at[code, "region_name_ar"]) if lang == "ar"
                else dataset.region_name(code))
        lines.append(f"{printable(name)}{colon} {change}")
    return lines


def scale_note(frontier: Frontier, *, lang: Lang = "en") -> str:
    """How far the chart's axes reach, in words: a frontier's efficiency often varies by a
    couple of per cent, and an axis that starts near the points makes that look steep."""
    table = frontier.table
    efficiency = table["efficiency"].to_numpy(dtype=float)
    balance = table["balance"].to_numpy(dtype=float)
    low, high = float(efficiency.min()), float(efficiency.max())
    span = 100 * (high - low) / abs(high) if high else 0.0
    return word("frontier_scale", lang, low=number(low, 3, lang), high=number(high, 3, lang),
                span=number(span, 1, lang), b_low=number(float(balance.min()), 3, lang),
                b_high=number(float(balance.max()), 3, lang))


def plot_frontier(frontier: Frontier, *, lang: Lang = "en", title: str | None = None,
                  ax: Axes | None = None) -> Figure:
    """The frontier as a slide, or only its chart drawn on ``ax`` when one is given."""
    own = frontier.scenario_plan
    if ax is not None:
        _draw_chart(ax, frontier, lang=lang)
        figure = ax.get_figure()
        assert isinstance(figure, Figure)
        return lettered(figure, lang)
    figure = Figure(figsize=SLIDE, facecolor="white")
    slide_header(figure, title or word("frontier_title", lang, scenario=own.scenario.name),
                 word("frontier_subtitle", lang), title_size=22)
    chart = figure.add_axes((0.07, 0.13, 0.50, 0.71))
    if frontier.plans:
        _draw_chart(chart, frontier, lang=lang)
        _draw_steps(figure, frontier, lang=lang, box=(0.61, 0.84, 0.37, 0.74))
        figure.text(0.07, 0.045, scale_note(frontier, lang=lang), fontsize=9.5, color=INK,
                    family=FONT, style="italic", wrap=True)
    else:
        chart.set_axis_off()
        chart.text(0.5, 0.5, word("frontier_none", lang), ha="center", va="center",
                   fontsize=16, color=INK, family=FONT, transform=chart.transAxes)
    slide_footer(figure, source_line(own, lang=lang))
    return lettered(figure, lang)


def _axis_labels(frontier: Frontier, lang: Lang) -> tuple[str, str]:
    scenario = frontier.scenario
    focus = frontier.scenario_plan.inputs.balance_focus
    x = (word("frontier_x_floor", lang) if focus == 1
         else word("frontier_x", lang, q=focus))
    y = word("frontier_y_equity" if scenario.equity > 0 and scenario.need else "frontier_y",
             lang)
    return x, y


def _draw_chart(ax: Axes, frontier: Frontier, *, lang: Lang) -> None:
    """The points, numbered, joined in order; the knee ringed; the scenario's plan starred."""
    table = frontier.table
    balance = table["balance"].to_numpy(dtype=float)
    efficiency = table["efficiency"].to_numpy(dtype=float)
    ax.plot(balance, efficiency, color=LINE, linewidth=1.5, linestyle="--", zorder=1)
    own_e, own_b = plan_point(frontier.scenario_plan)
    ax.scatter([own_b], [own_e], s=1700, marker="*", color=SCENARIO, edgecolors=INK,
               linewidths=0.8, zorder=2)
    ax.scatter(balance, efficiency, s=330, color=POINT, edgecolors="white", linewidths=1.2,
               zorder=3)
    for rank, b, e in zip(table["rank"], balance, efficiency, strict=True):
        ax.text(b, e, str(rank), ha="center", va="center", fontsize=10, fontweight="bold",
                color="white", family=FONT, zorder=4)
    span_b = float(balance.max() - balance.min()) or 1.0
    span_e = float(efficiency.max() - efficiency.min()) or 1.0
    knees = np.flatnonzero(table["knee"].to_numpy(dtype=bool))
    if len(knees):
        knee = int(knees[0])
        ax.scatter([balance[knee]], [efficiency[knee]], s=650, facecolors="none",
                   edgecolors=KNEE, linewidths=2.2, zorder=3)
        ax.annotate(word("frontier_knee", lang), (balance[knee], efficiency[knee]),
                    **_beside(balance[knee], balance, above=True), fontsize=11, color=KNEE,
                    family=FONT, fontweight="bold")
    else:  # no point above the chord: say so rather than ring a bad trade
        ax.text(0.98, 0.98, textwrap.fill(word("frontier_no_knee", lang), 38), ha="right",
                va="top", fontsize=11, color=KNEE, family=FONT, fontweight="bold",
                transform=ax.transAxes, zorder=5)
    ax.annotate(word("frontier_scenario", lang,
                     balance=number(frontier.scenario.balance, 2, lang)),
                (own_b, own_e), **_beside(own_b, balance, above=False), fontsize=11,
                color=INK, family=FONT)
    ax.set_xlim(balance.min() - 0.12 * span_b, balance.max() + 0.12 * span_b)
    ax.set_ylim(efficiency.min() - 0.15 * span_e, efficiency.max() + 0.15 * span_e)
    x_label, y_label = _axis_labels(frontier, lang)
    ax.set_xlabel(x_label, fontsize=12, color=INK, family=FONT)
    ax.set_ylabel(y_label, fontsize=12, color=INK, family=FONT)
    formatter = FuncFormatter(lambda value, _: number(value, 3, lang))
    ax.xaxis.set_major_formatter(formatter)
    ax.yaxis.set_major_formatter(formatter)
    ax.tick_params(labelsize=10, colors=INK)
    ax.grid(True, color="#e4e7eb", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _beside(x: float, xs: np.ndarray, *, above: bool) -> dict[str, Any]:
    """Where a point's label goes: above or below it, towards the middle of the chart."""
    right_half = x > (float(xs.min()) + float(xs.max())) / 2
    return {"xytext": (-16 if right_half else 16, 16 if above else -24),
            "textcoords": "offset points", "ha": "right" if right_half else "left"}


def _draw_steps(figure: Figure, frontier: Frontier, *, lang: Lang,
                box: tuple[float, float, float, float]) -> None:
    """Beside the chart: each point's number and what changes from the previous point."""
    left, top, width, height = box
    steps: list[tuple[str, list[str]]] = []
    for index, plan in enumerate(frontier.plans):
        rank = str(index + 1)
        if index == 0:
            steps.append((rank, [word("frontier_first", lang)]))
        else:
            steps.append((rank, step_changes(frontier.plans[index - 1], plan, lang=lang)))
    figure.text(left, top, word("frontier_changes", lang), fontsize=14, fontweight="bold",
                color=INK, family=FONT, va="top")
    head = 30 / (SLIDE[1] * 72)  # the heading's height in figure coordinates
    indent = 0.025
    size, wrapped = _fit_steps(steps, width=width - indent, height=height - head)
    line = size * 1.45 / (SLIDE[1] * 72)  # one line in figure coordinates
    y, bottom = top - head, top - height
    for shown, (rank, body) in enumerate(wrapped):
        if y - line * len(body) < bottom:
            figure.text(left, y, word("frontier_more", lang, count=len(wrapped) - shown),
                        fontsize=size, color=MUTED_INK, family=FONT, va="top")
            return
        figure.text(left, y, rank, fontsize=size, fontweight="bold", color=POINT,
                    family=FONT, va="top")
        figure.text(left + indent, y, "\n".join(body), fontsize=size, color=INK,
                    family=FONT, va="top", linespacing=1.45)
        y -= line * (len(body) + 0.4)


def _fit_steps(steps: list[tuple[str, list[str]]], *, width: float, height: float
               ) -> tuple[float, list[tuple[str, list[str]]]]:
    """The largest font size (11 down to 6.5 points) at which the wrapped steps fit in the
    box (figure fractions), and the steps wrapped at it; the smallest size if none fits."""
    size = 11.0
    while True:
        characters = max(24, int(width * SLIDE[0] * 72 / (0.62 * size)))
        wrapped = [(rank, [piece for line in body
                           for piece in textwrap.wrap(line, characters,
                                                      subsequent_indent="   ")])
                   for rank, body in steps]
        lines = sum(len(body) + 0.4 for _, body in wrapped)
        if lines * size * 1.45 <= height * SLIDE[1] * 72 or size <= 6.5:
            return size, wrapped
        size -= 0.5


def save_frontier(frontier: Frontier, path: str | os.PathLike[str], *, lang: Lang = "en",
                  dpi: int = DPI) -> Path:
    """Write :func:`plot_frontier`'s figure to ``path`` (PNG, SVG or PDF), atomically."""
    return _save(plot_frontier(frontier, lang=lang), path, dpi=dpi)
