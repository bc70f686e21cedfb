"""A phased plan's roadmap as static figures (docs/model.md §10): PNG, SVG and PDF, 16:9.

Two pictures a ministry can put on a slide. The **timeline**: one row per region, ordered by
when it is first served, each specialization a bar from its opening year to the roadmap's
end, in its theme's colour and badge (the same as on every map), announced or locked-in ones
outlined, and each year's spending and openings under its column. A roadmap revised as of a
year (``phasing.as_of``, docs/model.md §10) draws its history apart: the years up to it
hatched and labelled *history* (what opened, not a choice, spending without a budget), the
plan after a solid line. The **maps by year**: small multiples of what is open at the end
of each year, the year's openings ringed, a history year's title saying so.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.transforms import blended_transform_factory

from ..common.errors import InputError
from ..common.words import Lang, word
from ..common.words.numbers import number
from .figures import (
    DPI,
    FONT,
    LOCKED_EDGE,
    SLIDE,
    _badge_box,
    _draw_root,
    _polygon_path,
    _save,
    _theme_legend,
    slide_footer,
    slide_header,
)
from .layers import layer_style
from .lettering import lettered
from .style import INK, MUTED_INK, OUTLINE, ROOT, ThemeStyle
from .view import RegionView, bounds, plan_theme_styles, region_views, root_shown, source_line

if TYPE_CHECKING:
    from ..results.plan import Plan

__all__ = [
    "plot_roadmap_maps",
    "plot_roadmap_year",
    "plot_timeline",
    "save_roadmap_maps",
    "save_timeline",
]

#: Fill of a region served by the end of a year (the fit layer's light green), and of one not
#: yet served.
SERVED = layer_style("fit").palette[1]
NOT_SERVED = "#e4e7eb"
#: The most yearly maps one figure holds (beyond, evenly spaced years and the last).
MAX_PANELS = 12
#: The shade of the timeline's highlighted year.
HIGHLIGHT = "#fff3bf"
#: The ring of a specialization opened in the year a map shows (announced ones are outlined
#: dark, as on every map: :data:`~.figures.LOCKED_EDGE`).
NEW_RING = "#f08c00"
#: A single year's map (the app's year slider): square, for a column beside the figures.
YEAR_MAP = (6.0, 6.0)
#: The veil over the timeline's history years (hatched, the bars seen through it) and the
#: line where the plan starts.
HISTORY_VEIL = (1.0, 1.0, 1.0, 0.5)
HISTORY_HATCH = "#8a96a3"
TODAY = "#1f2933"


@dataclass(frozen=True)
class _Opening:
    """One specialization of the roadmap, ready to draw."""

    region: str
    theme: str
    year: int
    locked: bool
    style: ThemeStyle


def _as_of(plan: Plan) -> int | None:
    """The last history year of the plan's roadmap (``None`` without a history)."""
    phasing = plan.scenario.phasing
    return phasing.as_of if phasing is not None else None


def _roadmap(plan: Plan, lang: Lang = "en") -> tuple[list[_Opening], pd.DataFrame, int, int]:
    """The plan's openings, its year-by-year table and its first and last years."""
    phasing = plan.scenario.phasing
    if plan.schedule is None or plan.by_year is None or phasing is None:
        raise InputError(f"scenario {plan.scenario.name!r} has no roadmap to draw",
                         key="phasing", fix="add a `phasing:` block (docs/model.md §10)")
    if plan.status == "infeasible":
        raise InputError(f"scenario {plan.scenario.name!r} is infeasible: there is no roadmap "
                         "to draw", key="status",
                         fix="relax the rules named in the plan's diagnosis, then solve again")
    styles = plan_theme_styles([plan], lang)
    locked = {(str(r), str(t)) for r, t, flag in plan.assignments[
        ["region_code", "theme_id", "locked"]].itertuples(index=False) if flag}
    openings = [
        _Opening(str(row["region_code"]), str(row["theme_id"]), int(row["year"]),
                 (str(row["region_code"]), str(row["theme_id"])) in locked,
                 styles[str(row["theme_id"])])
        for row in plan.schedule.to_dict(orient="records")
    ]
    return openings, plan.by_year, phasing.first_year, phasing.last_year


# --------------------------------------------------------------------------- timeline


def plot_timeline(plan: Plan, *, lang: Lang = "en", title: str | None = None,
                  highlight: int | None = None) -> Figure:
    """The roadmap as a 16:9 timeline: a row per region, a bar per specialization.

    ``highlight`` shades one year's column (the app's year slider). Raises
    :class:`InputError` for a plan without a roadmap (no ``phasing:``, or infeasible).
    """
    openings, by_year, first, last = _roadmap(plan, lang)
    as_of = _as_of(plan)
    views = {v.code: v for v in region_views(plan, lang=lang)}
    figure = Figure(figsize=SLIDE, facecolor="white")
    subtitle = (word("timeline_subtitle", lang, last=last) if as_of is None
                else word("timeline_history", lang, last=last, as_of=as_of))
    slide_header(figure, title or word("roadmap_title", lang, scenario=plan.scenario.name),
                 subtitle)
    ax = figure.add_axes((0.2, 0.2, 0.53, 0.64))
    first_year = {code: min((o.year for o in openings if o.region == code), default=last + 1)
                  for code in views}
    order = sorted(views, key=lambda code: (first_year[code], code))
    for row, code in enumerate(order):
        mine = sorted((o for o in openings if o.region == code), key=lambda o: (o.year, o.theme))
        height = 0.8 / max(len(mine), 1)
        for k, opening in enumerate(mine):
            bottom = row - 0.4 + k * height
            ax.add_patch(Rectangle(
                (opening.year, bottom), last + 1 - opening.year, height * 0.92,
                facecolor=opening.style.color,
                edgecolor=LOCKED_EDGE if opening.locked else OUTLINE,
                linewidth=1.6 if opening.locked else 0.8, zorder=2))
            ax.text(opening.year + 0.08, bottom + height * 0.46, opening.style.badge,
                    fontsize=9 if height > 0.3 else 7.5, fontweight="bold", family=FONT,
                    color=opening.style.text_color, va="center", ha="left", zorder=3)
    ax.set_xlim(first, last + 1)
    ax.set_ylim(len(order) - 0.5, -0.5)
    names = [views[code].name_in(lang) + (" \u2605" if code == ROOT.region_code and root_shown(
        views.values()) else "") for code in order]
    ax.set_yticks(range(len(order)), names, fontsize=10.5, family=FONT, color=INK)
    ax.set_xticks([y + 0.5 for y in range(first, last + 1)],
                  [str(y) for y in range(first, last + 1)], fontsize=11, family=FONT,
                  color=INK, fontweight="bold")
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for year in range(first, last + 2):
        ax.axvline(year, color="#d0d5db", linewidth=0.8, zorder=1)
    if highlight is not None and first <= highlight <= last:
        ax.axvspan(highlight, highlight + 1, color=HIGHLIGHT, zorder=0)
    if as_of is not None:
        _history(ax, first, as_of, len(order), lang)
    for side in ("left", "right", "bottom", "top"):
        ax.spines[side].set_visible(False)
    _year_figures(ax, by_year, lang, as_of=as_of)
    _theme_legend(figure, [plan], lang, box=(0.755, 0.84, 0.24), columns=1)
    slide_footer(figure, source_line(plan, lang=lang), size=8.5)
    return lettered(figure, lang)


def _history(ax: Axes, first: int, as_of: int, rows: int, lang: Lang) -> None:
    """The history years veiled and hatched (the bars seen through), a solid line where the
    plan starts, and each side named at the bottom of its columns."""
    ax.add_patch(Rectangle((first, -0.5), as_of + 1 - first, rows, facecolor=HISTORY_VEIL,
                           edgecolor=HISTORY_HATCH, hatch="//", linewidth=0, zorder=2.5))
    ax.axvline(as_of + 1, color=TODAY, linewidth=2.2, zorder=4)
    ax.text((first + as_of + 1) / 2, rows - 0.55, word("history_label", lang), ha="center",
            va="bottom", fontsize=10, fontstyle="italic", fontweight="bold", color=MUTED_INK,
            family=FONT, zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
    ax.text(as_of + 1.08, rows - 0.55, word("plan_label", lang), ha="left", va="bottom",
            fontsize=10, fontweight="bold", color=TODAY, family=FONT, zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})


def _year_figures(ax: Axes, by_year: pd.DataFrame, lang: Lang, *,
                  as_of: int | None = None) -> None:
    """Under each year's column: what was spent of the budget (of a history year, what was
    spent: its budget was not a rule), and how many opened."""
    below = blended_transform_factory(ax.transData, ax.transAxes)
    budgeted = by_year["budget"].notna().any()
    head = word("year_money", lang) if budgeted else word("year_money_spent", lang)
    ax.text(-0.012, -0.03, f"{head}\n{word('year_openings', lang)}", transform=ax.transAxes,
            ha="right", va="top", fontsize=8.5, color=MUTED_INK, family=FONT, linespacing=1.4)
    for row in by_year.to_dict(orient="records"):
        money = number(float(row["spending"]), 0, lang)
        history = as_of is not None and int(row["year"]) <= as_of
        if math.isfinite(float(row["budget"])) and not history:
            money += f" / {number(float(row['budget']), 0, lang)}"
        ax.text(int(row["year"]) + 0.5, -0.03, f"{money}\n{int(row['openings'])}",
                transform=below,
                ha="center", va="top", fontsize=8.5, color=INK, family=FONT, linespacing=1.4)


# --------------------------------------------------------------------------- maps by year


def _panel_years(first: int, last: int) -> list[int]:
    """Every year, or at most :data:`MAX_PANELS` evenly spaced ones ending on the last."""
    years = list(range(first, last + 1))
    if len(years) <= MAX_PANELS:
        return years
    step = math.ceil(len(years) / MAX_PANELS)
    return sorted({*years[::-1][::step]})


def plot_roadmap_maps(plan: Plan, *, lang: Lang = "en", title: str | None = None) -> Figure:
    """What is open at the end of each year, one small map per year, on one 16:9 figure.

    Served regions are filled, the others grey; each region shows the badges of its open
    specializations, those opened that year ringed. Raises :class:`InputError` for a plan
    without a roadmap.
    """
    openings, by_year, first, last = _roadmap(plan, lang)
    views = region_views(plan, lang=lang)
    years = _panel_years(first, last)
    figure = Figure(figsize=SLIDE, facecolor="white")
    slide_header(figure, title or word("roadmap_maps_title", lang, scenario=plan.scenario.name),
            word("roadmap_maps_subtitle", lang))
    rows = 1 if len(years) <= 4 else (2 if len(years) <= 8 else 3)
    columns = math.ceil(len(years) / rows)
    grid_bottom, grid_top = 0.2, 0.86
    cell_width, cell_height = 0.94 / columns, (grid_top - grid_bottom) / rows
    badge = 7.0 if rows == 1 else (5.5 if rows == 2 else 4.5)
    for position, year in enumerate(years):
        row, column = divmod(position, columns)
        ax = figure.add_axes((0.03 + column * cell_width, grid_top - (row + 1) * cell_height,
                              cell_width - 0.01, cell_height - 0.05))
        _year_map(ax, views, [o for o in openings if o.year <= year], year, badge=badge)
        served = _served(by_year, year)
        as_of = _as_of(plan)
        name = (f"{year} · {word('history_label', lang)}"
                if as_of is not None and year <= as_of else str(year))
        ax.set_title(f"{name}\n{word('regions_served', lang, served=served, total=len(views))}",
                     fontsize=10 if rows < 3 else 8.5, color=INK, family=FONT, loc="center")
    _maps_key(figure, lang)
    _theme_legend(figure, [plan], lang, box=(0.2, 0.165, 0.79), columns=4)
    slide_footer(figure, source_line(plan, lang=lang), size=8.5)
    return lettered(figure, lang)


def plot_roadmap_year(plan: Plan, year: int, *, lang: Lang = "en") -> Figure:
    """What is open at the end of ``year``, on one map (the year's openings ringed).

    The panel of :func:`plot_roadmap_maps` for one year, for a year slider. Raises
    :class:`InputError` for a plan without a roadmap or a year outside it.
    """
    openings, by_year, first, last = _roadmap(plan, lang)
    if not first <= year <= last:
        raise InputError(f"{year} is outside the roadmap's years {first}–{last}", key="year",
                         fix=f"choose a year from {first} to {last}")
    views = region_views(plan, lang=lang)
    figure = Figure(figsize=YEAR_MAP, facecolor="white")
    ax = figure.add_axes((0.02, 0.02, 0.96, 0.88))
    _year_map(ax, views, [o for o in openings if o.year <= year], year, badge=8.0)
    served = _served(by_year, year)
    as_of = _as_of(plan)
    history = f" ({word('history_label', lang)})" if as_of is not None and year <= as_of else ""
    figure.text(0.5, 0.955, f"{year}{history} · "
                f"{word('regions_served', lang, served=served, total=len(views))}",
                fontsize=13, fontweight="bold", color=INK, family=FONT, ha="center",
                va="center")
    return lettered(figure, lang)


def _served(by_year: pd.DataFrame, year: int) -> int:
    """The regions served by the end of ``year``."""
    return next(int(row["regions_served"]) for row in by_year.to_dict(orient="records")
                if int(row["year"]) == year)


def _year_map(ax: Axes, views: Sequence[RegionView], open_now: Sequence[_Opening], year: int,
              *, badge: float) -> None:
    """The regions at the end of ``year``: served ones filled, badges of what is open."""
    for view in views:
        served = any(o.region == view.code for o in open_now)
        ax.add_patch(PathPatch(_polygon_path(view.geometry),
                               facecolor=SERVED if served else NOT_SERVED,
                               edgecolor=OUTLINE, linewidth=0.6, zorder=2))
    for view in views:
        mine = [o for o in open_now if o.region == view.code]
        step = badge * 2.45
        # above the JAZARI ROOT star, as on the plan's map
        dy = badge * 1.6 if math.dist(view.anchor, (ROOT.lon, ROOT.lat)) < 0.8 else 0.0
        for k, opening in enumerate(sorted(mine, key=lambda o: (o.year, o.theme))):
            new = opening.year == year
            ax.annotate(opening.style.badge, xy=view.anchor,
                        xytext=((k - (len(mine) - 1) / 2) * step, dy),
                        textcoords="offset points", ha="center", va="center", fontsize=badge,
                        fontweight="bold", color=opening.style.text_color, family=FONT,
                        zorder=6 if new else 5, bbox=_ring(opening, new=new))
    if root_shown(views):
        _draw_root(ax, names=False, badge_size=badge, name_size=badge)
    min_lon, min_lat, max_lon, max_lat = bounds(views)
    ax.set_xlim(min_lon - 0.3, max_lon + 0.3)
    ax.set_ylim(min_lat - 0.3, max_lat + 0.3)
    ax.set_aspect(1 / math.cos(math.radians((min_lat + max_lat) / 2)))
    ax.set_anchor("N")
    ax.set_axis_off()


def _ring(opening: _Opening, *, new: bool) -> dict[str, object]:
    """A badge's box on a year's map: ringed orange when it opened that year, else as on
    every map (outlined dark when announced)."""
    box = _badge_box(opening.style, locked=opening.locked)
    if new:
        box.update(edgecolor=NEW_RING, linewidth=2.2)
    return box


def _maps_key(figure: Figure, lang: Lang) -> None:
    """Served and not-served swatches and the ring of a year's openings."""
    left, top = 0.03, 0.165
    for k, (color, key) in enumerate(((SERVED, "served"), (NOT_SERVED, "not_served"))):
        y = top - k * 0.035
        figure.add_artist(Rectangle((left, y - 0.011), 0.025, 0.022, facecolor=color,
                                    edgecolor="#999999", linewidth=0.5,
                                    transform=figure.transFigure))
        figure.text(left + 0.033, y, word(key, lang), fontsize=9.5, color=INK, family=FONT,
                    va="center")
    y = top - 2 * 0.035
    figure.text(left + 0.0125, y, "AB", fontsize=7, fontweight="bold", color=INK, family=FONT,
                ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.28,rounding_size=0.35", "facecolor": "white",
                      "edgecolor": NEW_RING, "linewidth": 2.2})
    figure.text(left + 0.033, y, word("opened_that_year", lang), fontsize=9.5, color=INK,
                family=FONT, va="center")


# --------------------------------------------------------------------------- files


def save_timeline(plan: Plan, path: str | os.PathLike[str], *, lang: Lang = "en",
                  dpi: int = DPI) -> Path:
    """Write :func:`plot_timeline`'s figure to ``path`` (PNG, SVG or PDF by its suffix)."""
    return _save(plot_timeline(plan, lang=lang), path, dpi=dpi)


def save_roadmap_maps(plan: Plan, path: str | os.PathLike[str], *, lang: Lang = "en",
                      dpi: int = DPI) -> Path:
    """Write :func:`plot_roadmap_maps`'s figure to ``path`` (PNG, SVG or PDF by its suffix)."""
    return _save(plot_roadmap_maps(plan, lang=lang), path, dpi=dpi)
