"""Static figures of a plan for slides and print: PNG, SVG and PDF, 16:9 (matplotlib).

A figure is read from the back of a room: a large title, regions coloured by their fit (or
another layer of :mod:`.layers`) in natural-break classes with a legend, each region's name
and its themes' badges (the same colours and letters as on the web map; announced,
locked-in institutes outlined dark), the JAZARI ROOT star, a table of the assignments, and
a source line. Arabic names stay out of the static figures (matplotlib does not shape Arabic with
the fonts it ships); the interactive map shows them.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from shapely.geometry.base import BaseGeometry

from ..common.errors import InputError
from ..common.escaping import printable
from ..common.files import replaced_atomically
from ..common.words import Lang, word
from ..common.words.numbers import number, percent
from ..data.dataset import fold
from .layers import (
    Layer,
    check_layer,
    class_scale,
    layer_style,
    layer_title,
    layer_unit,
    layer_values,
)
from .lettering import font_stack, lettered
from .style import INK, MUTED_INK, OUTLINE, ROOT, ClassScale, ThemeStyle, metric_text, theme_label
from .view import (
    RegionView,
    bounds,
    metrics_of,
    plan_theme_ids,
    plan_theme_styles,
    region_views,
    root_shown,
    source_line,
    theme_labels,
)

if TYPE_CHECKING:
    from ..results.plan import Plan

__all__ = ["FORMATS", "plot_comparison", "plot_plan", "save_comparison", "save_figure"]

#: Output formats by file suffix.
FORMATS: dict[str, str] = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: Slide size (inches, 16:9) and PNG resolution: 2000 by 1125 pixels.
SLIDE = (40 / 3, 7.5)
DPI = 150
FONT = "DejaVu Sans"
_HALO = [patheffects.withStroke(linewidth=3, foreground="white")]


def slide_header(figure: Figure, title: str, subtitle: str, *, title_size: float = 24,
                 subtitle_size: float = 13) -> None:
    """A slide's title and the muted line under it, where every slide puts them."""
    figure.text(0.03, 0.94, title, fontsize=title_size, fontweight="bold", color=INK,
                family=FONT, va="center")
    figure.text(0.03, 0.895, subtitle, fontsize=subtitle_size, color=MUTED_INK, family=FONT,
                va="center")


def slide_footer(figure: Figure, line: str, *, size: float = 9) -> None:
    """A slide's source line, at its foot."""
    figure.text(0.03, 0.025, line, fontsize=size, color=MUTED_INK, family=FONT, va="center")

#: Names of the small north-western regions are set in the Atlantic with a leader line
#: (lon, lat of the label's right end), keyed by the start of the folded French name; the
#: others sit under their badges.
_CALLOUTS: dict[str, tuple[float, float]] = {
    "tanger": (-7.4, 36.05),
    "rabat": (-8.2, 35.05),
    "casablanca": (-9.5, 33.35),
    "marrakech": (-10.3, 31.95),
}


def _callout(name: str) -> tuple[float, float] | None:
    """Where the label of the region called ``name`` goes in the sea, if it is a small one."""
    folded = fold(name)
    return next((place for prefix, place in _CALLOUTS.items() if folded.startswith(prefix)), None)


def _polygon_path(geometry: BaseGeometry) -> MplPath:
    """A matplotlib path of a (multi)polygon, holes included."""
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    parts = getattr(geometry, "geoms", [geometry])
    for polygon in parts:
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = list(ring.coords)
            vertices.extend(coords)
            codes.extend([int(MplPath.MOVETO)] + [int(MplPath.LINETO)] * (len(coords) - 2)
                         + [int(MplPath.CLOSEPOLY)])
    return MplPath(vertices, codes)


#: The outline of an announced (locked-in) institute's badge, as on the web map.
LOCKED_EDGE = "#111111"


def _badge_box(style: ThemeStyle, *, locked: bool, pad: float = 0.28,
               linewidth: float = 1.2) -> dict[str, Any]:
    """A badge's box: the theme's colour, outlined dark when the institute is announced."""
    return {"boxstyle": f"round,pad={pad},rounding_size=0.35", "facecolor": style.color,
            "edgecolor": LOCKED_EDGE if locked else "white",
            "linewidth": linewidth * 1.9 if locked else linewidth}


def _badge_row(ax: Axes, anchor: tuple[float, float], themes: Sequence[tuple[ThemeStyle, bool]],
               *, fontsize: float, dy: float = 0.0) -> None:
    """The themes' badges (style, locked) side by side, centred on ``anchor`` (``dy``
    points above it)."""
    step = fontsize * 2.45
    for position, (style, locked) in enumerate(themes):
        ax.annotate(
            style.badge, xy=anchor, xytext=((position - (len(themes) - 1) / 2) * step, dy),
            textcoords="offset points", ha="center", va="center", fontsize=fontsize,
            fontweight="bold", color=style.text_color, family=FONT, zorder=6,
            bbox=_badge_box(style, locked=locked),
        )


def _draw_regions(ax: Axes, views: list[RegionView], fills: dict[str, str], *, names: bool,
                  badge_size: float, name_size: float, lang: Lang = "en") -> None:
    """Regions filled with ``fills`` (by code), with badges, names and the JAZARI ROOT star.

    Names are the regions' names with their Arabic names under them, as on the web map; in
    Arabic, the Arabic names alone.
    """
    for view in views:  # add_artist: the limits are set below, not grown patch by patch
        ax.add_artist(PathPatch(_polygon_path(view.geometry), facecolor=fills[view.code],
                                edgecolor=OUTLINE, linewidth=0.9, zorder=2))
    arabic_font = font_stack("ar")
    for view in views:
        near_root = math.dist(view.anchor, (ROOT.lon, ROOT.lat)) < 0.8
        _badge_row(ax, view.anchor, [(t.style, t.locked) for t in view.themes],
                   fontsize=badge_size, dy=badge_size * 1.6 if near_root else 0.0)
        if not names:
            continue
        name = view.name_in(lang)
        arabic = view.name_ar if lang != "ar" and view.name_ar else ""
        place = _callout(view.name)
        if place is not None:
            ax.annotate(name, xy=view.anchor, xytext=place, textcoords="data",
                        ha="right", va="center", fontsize=name_size, color=INK, family=FONT,
                        zorder=5, path_effects=_HALO,
                        arrowprops={"arrowstyle": "-", "color": MUTED_INK, "linewidth": 0.8,
                                    "shrinkA": 3, "shrinkB": badge_size * 1.2})
            below = (place, (0.0, -name_size * 1.25), "right")
        else:
            shown = _short_name(name)
            dy = -badge_size * (2.2 if "\n" in shown else 1.7)
            ax.annotate(shown, xy=view.anchor, xytext=(0, dy),
                        textcoords="offset points", ha="center", va="center",
                        fontsize=name_size, color=INK, family=FONT, zorder=5,
                        linespacing=1.0, path_effects=_HALO)
            lines = shown.count("\n") + 1
            below = (view.anchor, (0.0, dy - name_size * (0.65 * lines + 0.55)), "center")
        if arabic:
            at, offset, align = below
            ax.annotate(arabic, xy=at, xytext=offset, textcoords="offset points", ha=align,
                        va="center", fontsize=name_size * 0.92, color=MUTED_INK,
                        family=arabic_font, zorder=5, path_effects=_HALO)
    if root_shown(views):
        _draw_root(ax, names=names, badge_size=badge_size, name_size=name_size)
    min_lon, min_lat, max_lon, max_lat = bounds(views)
    pad = 0.3
    ax.set_xlim(min_lon - pad, max_lon + pad)
    ax.set_ylim(min_lat - pad, max_lat + pad)
    ax.set_aspect(1 / math.cos(math.radians((min_lat + max_lat) / 2)))
    ax.set_axis_off()


def _draw_root(ax: Axes, *, names: bool, badge_size: float, name_size: float) -> None:
    """The JAZARI ROOT star in Rabat, named to its left (in the Atlantic)."""
    ax.plot(ROOT.lon, ROOT.lat, marker="*", markersize=badge_size * 2.1, color=ROOT.color,
            markeredgecolor="white", markeredgewidth=1.0, zorder=7, linestyle="none")
    if names:
        ax.annotate(ROOT.label, xy=(ROOT.lon, ROOT.lat), xytext=(-badge_size * 1.3, 0),
                    textcoords="offset points", ha="right", va="center",
                    fontsize=name_size, fontweight="bold", color=ROOT.color, family=FONT,
                    zorder=7, path_effects=_HALO)


def _short_name(name: str) -> str:
    """A region name broken onto two lines near its middle when long, for a map label; an
    Arabic name only at a space (its hyphens join the parts of one name)."""
    arabic = any("\u0600" <= c <= "\u06ff" for c in name)
    breaks = [i for i, c in enumerate(name) if c == " " or (c == "-" and not arabic)]
    if len(name) <= 16 or not breaks:
        return name
    at = min(breaks, key=lambda i: abs(i - len(name) / 2))
    if name[at] == "-":
        return f"{name[: at + 1]}\n{name[at + 1 :]}"
    return f"{name[:at]}\n{name[at + 1 :]}"


def _layer_fills(plan: Plan, views: list[RegionView], layer: Layer, theme: str | None,
                 scale: ClassScale | None = None) -> tuple[dict[str, str], ClassScale]:
    """Each region's fill in ``layer`` and the scale (this plan's own unless given)."""
    values = layer_values(plan, views, layer, theme=theme)
    scale = scale if scale is not None else class_scale(layer, values.values())
    return {code: scale.color(value) for code, value in values.items()}, scale


def plot_plan(plan: Plan, *, ax: Axes | None = None, lang: Lang = "en",
              title: str | None = None, layer: Layer = "fit",
              theme: str | None = None) -> Figure:
    """The plan as a 16:9 slide figure, or only its map drawn on ``ax`` when one is given.

    The slide has a title, the map (regions coloured by ``layer``, by default their fit, in
    natural-break classes; names, theme badges with the announced institutes outlined, the
    JAZARI ROOT star), the assignments beside it, the legends and a source line.
    ``theme`` picks the theme of the strength layer (default: the one assigned most).
    """
    layer = check_layer(layer)
    views = region_views(plan, lang=lang)
    fills, scale = _layer_fills(plan, views, layer, theme)
    if ax is not None:
        _draw_regions(ax, views, fills, names=True, badge_size=8, name_size=8, lang=lang)
        figure = ax.get_figure()
        assert isinstance(figure, Figure)
        return figure
    figure = Figure(figsize=SLIDE, facecolor="white")
    slide_header(figure, title or word("plan_title", lang, scenario=plan.scenario.name),
                 word("subtitle", lang, layer=word(f"layer_{layer}", lang).lower()))
    map_ax = figure.add_axes((0.0, 0.05, 0.49, 0.82))
    _draw_regions(map_ax, views, fills, names=True, badge_size=9, name_size=9.5, lang=lang)
    _assignment_table(figure, views, fills, lang, box=(0.53, 0.44, 0.45, 0.44))
    _key_figures(figure, plan, lang, at=(0.53, 0.405))
    legend = _Legend(title=layer_title(layer, lang, plan=plan, theme=theme),
                     unit=layer_unit(layer, lang), scale=scale, suffix=layer_style(layer).suffix)
    if _is_blank(map_ax, views, _LEGEND_IN_MAP):  # Morocco leaves its south-east corner blank
        _class_legend(figure, legend, lang, box=_LEGEND_IN_MAP[:2], width=0.052)
        _theme_legend(figure, [plan], lang, box=(0.53, 0.285, 0.46), columns=2)
    else:
        _class_legend(figure, legend, lang, box=(0.53, 0.215), width=0.082)
        _theme_legend(figure, [plan], lang, box=(0.53, 0.16, 0.46), columns=3)
    slide_footer(figure, source_line(plan, lang=lang))
    return lettered(figure, lang)


#: Where the class legend goes inside the map frame when no region is there
#: (left, bottom, right, top in figure coordinates).
_LEGEND_IN_MAP = (0.205, 0.15, 0.49, 0.26)


def _is_blank(ax: Axes, views: list[RegionView], box: tuple[float, float, float, float]) -> bool:
    """Whether no region is drawn inside ``box`` (figure coordinates) on the map ``ax``."""
    ax.apply_aspect()
    figure = ax.get_figure()
    assert isinstance(figure, Figure)
    corners = figure.transFigure.transform([box[:2], box[2:]])
    (x0, y0), (x1, y1) = ax.transData.inverted().transform(corners)
    return not shapely.box(x0, y0, x1, y1).intersects(
        shapely.union_all([v.geometry for v in views]))


def _assignment_table(figure: Figure, views: list[RegionView], fills: dict[str, str],
                      lang: Lang, box: tuple[float, float, float, float]) -> None:
    """Region by region: its map colour, name, its themes' badges, fit, balance score."""
    ax = figure.add_axes(box)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    rows = len(views) + 1
    ax.set_ylim(rows - 0.5, -0.5)
    header: dict[str, Any] = {"family": FONT, "fontsize": 10.5, "color": MUTED_INK,
                              "va": "center"}
    ax.text(0.06, 0, word("region", lang), **header)
    ax.text(0.5, 0, word("themes", lang), **header)
    ax.text(0.78, 0, word("fit", lang), ha="right", **header)
    ax.text(1.0, 0, word("balance_score", lang), ha="right", **header)
    ax.axhline(0.5, color="#cccccc", linewidth=0.8)
    for row, view in enumerate(views, start=1):
        ax.add_patch(Rectangle((0.0, row - 0.32), 0.04, 0.64, edgecolor="#999999",
                               linewidth=0.5, facecolor=fills[view.code]))
        ax.text(0.06, row, view.name_in(lang), family=FONT, fontsize=11.5, color=INK, va="center")
        for position, theme in enumerate(view.themes):
            style = theme.style
            ax.text(0.5 + position * 0.055, row, style.badge, family=FONT, fontsize=9,
                    fontweight="bold", color=style.text_color, ha="left", va="center",
                    bbox=_badge_box(style, locked=theme.locked, pad=0.25, linewidth=0.8))
        if not view.themes:
            ax.text(0.5, row, word("none", lang), family=FONT, fontsize=10, color=MUTED_INK,
                    va="center")
        ax.text(0.78, row, number(view.fit, 2, lang), family=FONT, fontsize=11.5, color=INK,
                ha="right", va="center")
        ax.text(1.0, row, percent(view.balance_score, 0, lang), family=FONT,
                fontsize=11.5, fontweight="bold", color=INK, ha="right", va="center")


def _clip(value: str, limit: int) -> str:
    """``value`` cut to ``limit`` characters with an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class _Legend:
    """A classed legend: what the colours show, what its values mean, and its classes."""

    title: str
    unit: str
    scale: ClassScale
    suffix: str = ""


def _class_legend(figure: Figure, legend: _Legend, lang: Lang, box: tuple[float, float], *,
                  width: float = 0.082) -> None:
    """The classes as a row of swatches (each ``width`` wide), with the title and unit."""
    left, bottom = box
    figure.text(left, bottom + 0.078, legend.title, fontsize=10.5, color=INK,
                family=FONT, fontweight="bold", va="center")
    figure.text(left, bottom + 0.05, legend.unit, fontsize=9.5, color=MUTED_INK, family=FONT,
                va="center")
    labels = legend.scale.labels(lang, legend.suffix)
    for position, (color, label) in enumerate(zip(legend.scale.colors, labels, strict=True)):
        x = left + position * (width + 0.006)
        figure.add_artist(Rectangle((x, bottom + 0.01), width, 0.025, facecolor=color,
                                    edgecolor="#999999", linewidth=0.5,
                                    transform=figure.transFigure))
        figure.text(x + width / 2, bottom - 0.008, label, fontsize=8.5 if width < 0.07 else 9.5,
                    color=INK, family=FONT, ha="center", va="center")


def _theme_legend(figure: Figure, plans: Sequence[Plan], lang: Lang,
                  box: tuple[float, float, float], columns: int) -> None:
    """Badge and label of each theme shown, the announced-institute mark, then the JAZARI
    ROOT star, in ``columns`` columns from ``box`` downwards."""
    left, top, width = box
    column_width = width / columns
    theme_ids = plan_theme_ids(plans)
    styles = plan_theme_styles(plans, lang)
    labels = theme_labels(plans[0])
    characters = int((column_width - 0.03) * SLIDE[0] * 72 / 5.2)
    entries: list[tuple[ThemeStyle | None, bool, str]] = [
        (styles[theme_id], False, _clip(theme_label(theme_id, labels, lang), characters))
        for theme_id in theme_ids]
    if any(bool(plan.assignments["locked"].any()) for plan in plans):
        sample = ThemeStyle(color="#eef2f6", text_color=INK, badge="AB")
        entries.append((sample, True, _clip(word("locked_key", lang), characters)))
    if any(root_shown(region_views(plan)) for plan in plans):
        root = word("root", lang, city=word("root_city", lang))
        entries.append((None, False, _clip(root, characters)))
    for position, (style, locked, label) in enumerate(entries):
        row, column = divmod(position, columns)
        x = left + column * column_width
        y = top - row * 0.028
        if style is None:
            figure.text(x + 0.004, y, "\u2605", fontsize=13, color=ROOT.color, family=FONT,
                        va="center")
        else:
            figure.text(x, y, style.badge, fontsize=8.5, fontweight="bold",
                        color=style.text_color, family=FONT, va="center",
                        bbox=_badge_box(style, locked=locked, pad=0.25, linewidth=0.8))
        figure.text(x + 0.024, y, label, fontsize=9.5, color=INK, family=FONT, va="center")


def _key_figures(figure: Figure, plan: Plan, lang: Lang, at: tuple[float, float]) -> None:
    """The plan's headline numbers under the map."""
    metrics = metrics_of(plan)
    colon = word("colon", lang)
    lines = [f"{word(f'metric_{name}', lang)}{colon} "
             f"{metric_text(name, metrics[name], lang, decimals=decimals)}"
             for name, decimals in (("mean_balance_score", 0), ("gini", 2),
                                    ("total_investment", 0))]
    figure.text(at[0], at[1], "\n".join(lines), fontsize=10.5, color=INK, family=FONT,
                va="top", linespacing=1.4)


def plot_comparison(plans: Sequence[Plan], *, lang: Lang = "en", title: str | None = None,
                    layer: Layer = "fit", theme: str | None = None) -> Figure:
    """Several plans side by side on one 16:9 figure, on the same legend (small multiples).

    Up to four plans sit in one row, up to eight in two; each panel is titled with its
    scenario's name and headline numbers. The classes of ``layer`` are computed over all
    the plans together, so one colour means one range on every panel.
    """
    if not plans:
        raise InputError("no plan to compare", key="plans", fix="pass at least one plan")
    if len(plans) > 8:
        raise InputError(f"{len(plans)} plans are too many for one figure", key="plans",
                         fix="compare at most 8 plans per figure")
    layer = check_layer(layer)
    drawn = [(plan, region_views(plan, lang=lang)) for plan in plans]
    scale = class_scale(layer, [value for plan, views in drawn
                                for value in layer_values(plan, views, layer,
                                                          theme=theme).values()])
    figure = Figure(figsize=SLIDE, facecolor="white")
    slide_header(figure, title or word("comparison_title", lang),
                 word("subtitle", lang, layer=word(f"layer_{layer}", lang).lower()))
    rows = 1 if len(plans) <= 4 else 2
    columns = math.ceil(len(plans) / rows)
    grid_bottom, grid_top = 0.25, 0.86
    cell_width = 0.94 / columns
    cell_height = (grid_top - grid_bottom) / rows
    badge = 8.0 if rows == 1 and columns <= 3 else 6.5
    for position, (plan, views) in enumerate(drawn):
        row, column = divmod(position, columns)
        left = 0.03 + column * cell_width
        bottom = grid_top - (row + 1) * cell_height
        ax = figure.add_axes((left, bottom, cell_width - 0.01, cell_height - 0.06))
        fills, _ = _layer_fills(plan, views, layer, theme, scale)
        _draw_regions(ax, views, fills, names=False, badge_size=badge, name_size=badge)
        ax.set_anchor("N")  # the map right under its title
        metrics = metrics_of(plan)
        ax.set_title(
            f"{_clip(printable(plan.scenario.name), 28)}\n"
            f"{word('metric_mean_balance_score', lang)} "
            f"{metric_text('mean_balance_score', metrics['mean_balance_score'], lang, decimals=0)}"
            f" · Gini {metric_text('gini', metrics['gini'], lang, decimals=2)}",
            fontsize=11 if columns <= 3 else 9.5, color=INK, family=FONT, loc="center",
        )
    legend = _Legend(title=layer_title(layer, lang, plan=plans[0], theme=theme),
                     unit=layer_unit(layer, lang), scale=scale, suffix=layer_style(layer).suffix)
    _class_legend(figure, legend, lang, box=(0.03, 0.13), width=0.064)
    _theme_legend(figure, plans, lang, box=(0.40, 0.215, 0.59), columns=3)
    slide_footer(figure, source_line(plans[0], lang=lang).split(". ")[0] + ".")
    return lettered(figure, lang)


def save_figure(plan: Plan, path: str | os.PathLike[str], *, lang: Lang = "en",
                dpi: int = DPI, layer: Layer = "fit") -> Path:
    """Write :func:`plot_plan`'s figure to ``path``: PNG, SVG or PDF by its suffix.

    Written to a temporary name and renamed, so a failure leaves no half-written file.
    """
    return _save(plot_plan(plan, lang=lang, layer=layer), path, dpi=dpi)


def save_comparison(plans: Sequence[Plan], path: str | os.PathLike[str], *, lang: Lang = "en",
                    dpi: int = DPI, layer: Layer = "fit") -> Path:
    """Write :func:`plot_comparison`'s figure to ``path``: PNG, SVG or PDF by its suffix."""
    return _save(plot_comparison(plans, lang=lang, layer=layer), path, dpi=dpi)


def _save(figure: Figure, path: str | os.PathLike[str], *, dpi: int = DPI) -> Path:
    """Write ``figure`` atomically in the format its suffix names."""
    target = Path(path)
    file_format = FORMATS.get(target.suffix.lower())
    if file_format is None:
        raise InputError(
            f"cannot write a figure as {target.suffix or 'a file without suffix'!r}",
            source=target, fix=f"use one of {', '.join(FORMATS)}",
        )
    with replaced_atomically(target) as temporary, matplotlib.rc_context(
            {"pdf.fonttype": 42, "svg.fonttype": "none", "svg.hashsalt": "jazari",
             "path.simplify": True}):
        figure.savefig(temporary, format=file_format, dpi=dpi, facecolor="white",
                       metadata=_metadata(file_format))
    return target


def _metadata(file_format: str) -> dict[str, Any]:
    """Reproducible files: no creation date in PDF and SVG."""
    if file_format == "pdf":
        return {"CreationDate": None, "Creator": "Jazari Planner"}
    if file_format == "svg":
        return {"Date": None, "Creator": "Jazari Planner"}
    return {"Software": "Jazari Planner"}
