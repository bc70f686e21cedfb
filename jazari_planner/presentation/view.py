"""A plan read once into what every output shows: per region, its names, themes and scores.

The web map, the figures and the deck each need the same facts about a region in the same
order (the themes with their labels and strengths, the scores, an anchor point for symbols);
reading them here keeps the three outputs consistent and each of them short.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from ..common.errors import InputError
from ..common.escaping import printable
from ..common.words import Lang, has_word, word
from ..common.words.numbers import DASH
from .style import ROOT, ThemeStyle, theme_label, theme_styles

if TYPE_CHECKING:
    from ..results.plan import Plan

__all__ = [
    "RegionView",
    "ThemeInRegion",
    "bounds",
    "metrics_of",
    "plan_theme_ids",
    "plan_theme_styles",
    "region_views",
    "root_shown",
    "simplified_regions",
    "source_line",
    "theme_labels",
]

#: Tolerance (degrees, about 1 km) of the shared-edge simplification of region outlines.
SIMPLIFY_DEGREES = 0.01


@dataclass(frozen=True)
class ThemeInRegion:
    """One specialization of a region, ready to draw."""

    theme_id: str
    label: str
    strength: float
    locked: bool
    style: ThemeStyle
    uncertain: tuple[tuple[str, str], ...] = ()  # (indicator label, confidence) not exact


@dataclass(frozen=True)
class RegionView:
    """What the outputs show of one region of a plan."""

    code: str
    name: str
    name_ar: str
    population: float
    themes: tuple[ThemeInRegion, ...]
    fit: float
    best_fit: float
    balance_score: float
    investment: float
    investment_per_capita: float
    need: float
    geometry: BaseGeometry
    anchor: tuple[float, float]  # (lon, lat) where the region's symbols go

    def name_in(self, lang: Lang) -> str:
        """The region's name to show in ``lang``: its Arabic name in Arabic (where known)."""
        return self.name_ar if lang == "ar" and self.name_ar else self.name


def _number(value: Any) -> float:
    """``value`` as a float, NaN where it is missing."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number


def _text(value: Any) -> str:
    """``value`` as a stripped, :func:`~jazari_planner.common.escaping.printable` string (a name
    from a user's file reaches the drawing libraries), empty where it is missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return printable(str(value).strip())


def _uncertain_values(plan: Any, lang: Lang) -> Callable[[str, str], tuple[tuple[str, str], ...]]:
    """``(region, theme) ->`` the region's values that the theme's profile weighs and that are
    not ``exact``, as (indicator label, confidence) in catalogue order (none for a plan
    without a dataset)."""
    dataset = getattr(plan, "dataset", None)
    if dataset is None:
        return lambda _code, _theme: ()
    table = dataset.confidence()  # read as plain arrays: a plan is drawn on every app run
    rows = {code: index for index, code in enumerate(table.index)}
    columns = {k: index for index, k in enumerate(table.columns)}
    levels = table.to_numpy(dtype=object)
    label = f"label_{lang}" if lang != "en" and f"label_{lang}" in dataset.catalogue else "label"
    labels = dict(zip(dataset.catalogue.index, dataset.catalogue[label].astype(str),
                      strict=True))
    profiles = dataset.profiles
    indicators = np.asarray(profiles.columns, dtype=object)  # iterated once, not per theme
    weighed = {theme: indicators[weights > 0].tolist()
               for theme, weights in zip(profiles.index, profiles.to_numpy(dtype=float),
                                         strict=True)}

    def of(code: str, theme_id: str) -> tuple[tuple[str, str], ...]:
        if theme_id not in weighed or code not in rows:
            return ()
        mine = levels[rows[code]]
        return tuple((str(labels[k]), str(mine[columns[k]]))
                     for k in weighed[theme_id] if mine[columns[k]] != "exact")

    return of


def simplified_regions(regions: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The region outlines simplified along shared edges (no gaps, no overlaps), in EPSG:4326.

    The embedded outlines are far more detailed than a national map can show; simplifying
    the coverage as a whole keeps neighbours touching while cutting the HTML tenfold.
    """
    geometry = regions.geometry
    if geometry.crs is not None and not geometry.crs.equals("EPSG:4326"):
        geometry = geometry.to_crs("EPSG:4326")
    try:
        simplified = geometry.simplify_coverage(SIMPLIFY_DEGREES)
    except Exception:  # not a valid coverage (e.g. user shapes that overlap): simplify each
        simplified = geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    return simplified.make_valid()


def _outlines(regions: gpd.GeoDataFrame
              ) -> tuple[tuple[BaseGeometry, ...], tuple[tuple[float, float], ...]]:
    """The simplified outline and the anchor point of each region, in the regions' order.

    Every plan of a dataset has the same outlines: they are computed once per set of
    shapes (keyed by their WKB and CRS), not once per plan.
    """
    geometry = regions.geometry
    crs = geometry.crs.to_wkt() if geometry.crs is not None else ""
    return _outlines_of(crs, tuple(shapely.to_wkb(geometry.values)))


@lru_cache(maxsize=8)
def _outlines_of(crs: str, shapes: tuple[bytes, ...]
                 ) -> tuple[tuple[BaseGeometry, ...], tuple[tuple[float, float], ...]]:
    series = gpd.GeoSeries(shapely.from_wkb(list(shapes)), crs=crs or None)
    simplified = tuple(simplified_regions(series))
    return simplified, tuple(_anchor(g) for g in simplified)


def _anchor(geometry: BaseGeometry) -> tuple[float, float]:
    """The point deepest inside the region's largest part: room for its badges."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    polygons = [p for p in parts if p.geom_type == "Polygon" and not p.is_empty]
    if not polygons:
        point = geometry.representative_point()
        return (point.x, point.y)
    largest = max(polygons, key=lambda p: p.area)
    point = polylabel(largest, tolerance=0.01)
    return (point.x, point.y)


def theme_labels(plan: Plan) -> pd.DataFrame | None:
    """The dataset's themes table (``label``, ``label_fr``), if the plan carries one."""
    dataset = getattr(plan, "dataset", None)
    themes = getattr(dataset, "themes", None)
    return themes if isinstance(themes, pd.DataFrame) else None


def region_views(plan: Plan, *, lang: Lang = "en") -> list[RegionView]:
    """One :class:`RegionView` per region of ``plan``, in the plan's region order.

    Raises :class:`InputError` for an infeasible plan: there is no assignment to show.
    """
    if getattr(plan, "status", None) == "infeasible":
        raise InputError(
            f"scenario {plan.scenario.name!r} is infeasible: there is no plan to draw",
            key="status",
            fix="relax the rules named in the plan's diagnosis, then solve again",
        )
    labels = theme_labels(plan)
    styles = plan_theme_styles([plan], lang)
    regions = plan.regions
    geometries, anchors = _outlines(regions)
    assignments = plan.assignments
    uncertain = _uncertain_values(plan, lang)
    views: list[RegionView] = []
    by_region: dict[str, list[dict[Any, Any]]] = {}  # rows as plain dicts: a plan is read
    for a in assignments.to_dict("records"):          # on every run of the app's Plan view
        by_region.setdefault(_text(a["region_code"]), []).append(a)
    for position, row in enumerate(regions.to_dict("records")):
        code = _text(row["region_code"])
        mine = sorted(by_region.get(code, []), key=_strongest_first, reverse=True)
        themes = tuple(
            ThemeInRegion(
                theme_id=_text(a["theme_id"]),
                label=_label(_text(a["theme_id"]), labels, lang, _text(a.get("theme_label"))),
                strength=_number(a["strength"]),
                locked=bool(a.get("locked", False)),
                style=styles[_text(a["theme_id"])],
                uncertain=uncertain(code, _text(a["theme_id"])),
            )
            for a in mine
        )
        geometry = geometries[position]
        views.append(
            RegionView(
                code=code,
                name=_text(row["region_name"]),
                name_ar=_text(row.get("region_name_ar")),
                population=_number(row.get("population")),
                themes=themes,
                fit=_number(row.get("fit")),
                best_fit=_number(row.get("best_fit")),
                balance_score=_number(row.get("balance_score")),
                investment=_number(row.get("investment")),
                investment_per_capita=_number(row.get("investment_per_capita")),
                need=_number(row.get("need")),
                geometry=geometry,
                anchor=anchors[position],
            )
        )
    return views


def _strongest_first(assignment: Mapping[str, Any]) -> tuple[bool, float]:
    """The sort key of a region's themes, used with ``reverse=True``: the strongest first,
    ties in the plan's order (a stable sort), a missing strength last."""
    strength = _number(assignment["strength"])
    return (not math.isnan(strength), strength)


def _label(theme_id: str, labels: pd.DataFrame | None, lang: Lang, fallback: str) -> str:
    """The theme's label from the dataset, else the plan's ``theme_label``, else its id."""
    label = theme_label(theme_id, labels, lang)
    if label == theme_id and fallback:
        return fallback
    return label


def plan_theme_styles(plans: Iterable[Plan], lang: Lang = "en") -> dict[str, ThemeStyle]:
    """Colour and badge of every theme of the plans' datasets (and any assigned theme).

    Styles are given over the whole themes table, not only the assigned themes, so a user's
    own theme keeps its colour and badge from one plan, figure or slide to the next.
    """
    ids: list[str] = []
    for plan in plans:
        labels = theme_labels(plan)
        ids += [str(t) for t in labels.index] if labels is not None else []
        ids += [str(t) for t in plan.assignments["theme_id"]]
    return theme_styles(ids, lang)


def plan_theme_ids(plans: Iterable[Plan]) -> list[str]:
    """The theme ids assigned in any of ``plans``, in dataset order, then first-seen order."""
    seen: list[str] = []
    for plan in plans:
        labels = theme_labels(plan)
        order = [str(t) for t in labels.index] if labels is not None else []
        assigned = [str(t) for t in plan.assignments["theme_id"]]
        for theme_id in sorted(set(assigned), key=lambda t: (order.index(t) if t in order
                                                             else len(order), assigned.index(t))):
            if theme_id not in seen:
                seen.append(theme_id)
    return seen


def source_line(plan: Plan, *, lang: Lang = "en") -> str:
    """The figure's source line: the data's origin, the scenario, the solver and its status."""
    data = _data_sources(plan, lang) or word("data_default", lang)
    return word(
        "source",
        lang,
        data=data,
        scenario=plan.scenario.name,
        solver=getattr(plan, "solver", "?"),
        status=_status(str(getattr(plan, "status", "?")), lang),
    )


def _status(status: str, lang: Lang) -> str:
    key = f"status_name_{status}"
    return word(key, lang) if has_word(key) else status


#: A publisher's name at the head of a source: its first word, with a hyphenated name
#: ("Bank Al-Maghrib") or a "du …" complement ("Observatoire du tourisme") that follows.
_PUBLISHER = re.compile(r"^\w[\w.&-]*(?:\s+(?:[A-Z]\w*-[A-Z][\w-]*|(?:du|de|des)\s+\w+))*")


def _data_sources(plan: Plan, lang: Lang) -> str:
    """The data's publishers, years and where each indicator's full source is listed.

    Publishers head each catalogue source (``"HCP, RGPH 2024, …"`` gives ``HCP``,
    ``"Bank Al-Maghrib, credits…"`` ``Bank Al-Maghrib``); sources given as bare web
    addresses are counted, not named.
    """
    dataset = getattr(plan, "dataset", None)
    catalogue = getattr(dataset, "catalogue", None)
    if not isinstance(catalogue, pd.DataFrame) or "source" not in catalogue.columns:
        return ""
    publishers: list[str] = []
    others: set[str] = set()
    for value in catalogue["source"]:
        source = _text(value)
        match = _PUBLISHER.match(source) if source else None
        first = match.group(0) if match else ""
        if first and first[0].isalpha() and not first.lower().startswith("http"):
            if first not in publishers:
                publishers.append(first)
        elif source:
            others.add(source)
    if not publishers and not others:
        return ""
    named = word("list_comma", lang).join(publishers[:4])
    if others:
        named = (word("other_sources", lang, named=named, count=len(others)) if named
                 else word("sources_only", lang, count=len(others)))
    column = catalogue["year"] if "year" in catalogue.columns else pd.Series(dtype=float)
    years = pd.to_numeric(column, errors="coerce").dropna()
    if len(years):
        low, high = int(years.min()), int(years.max())
        named += f", {low}{DASH}{high}" if low != high else f", {low}"
    where = getattr(dataset, "provenance", {}).get("catalogue")
    path = where.get("path") if isinstance(where, dict) else None
    if not path:
        return named
    file = Path(str(path).removeprefix("embedded:")).name
    return f"{named} ({word('source_list', lang, file=file)})"


def bounds(views: Iterable[RegionView]) -> tuple[float, float, float, float]:
    """``(min_lon, min_lat, max_lon, max_lat)`` of all regions."""
    min_lon, min_lat, max_lon, max_lat = shapely.total_bounds([v.geometry for v in views])
    return float(min_lon), float(min_lat), float(max_lon), float(max_lat)


def root_shown(views: Iterable[RegionView]) -> bool:
    """Whether JAZARI ROOT (Rabat) lies on the drawn regions: not on a user's other map."""
    point = Point(ROOT.lon, ROOT.lat)
    return any(v.geometry.distance(point) < 0.1 for v in views)


def metrics_of(plan: Plan) -> Mapping[str, float]:
    """The plan's metrics; :class:`InputError` for an infeasible plan, which has none."""
    if plan.metrics is None:
        raise InputError(
            f"scenario {plan.scenario.name!r} is infeasible: there is no plan to draw",
            key="status",
            fix="relax the rules named in the plan's diagnosis, then solve again",
        )
    return plan.metrics
