"""The interactive map of a plan (folium), saved as one self-contained, offline HTML file.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; a planner presenting in a
ministry room may have no network. This module drops those links, inlines Leaflet 1.9.4 (from
the ``django-js-lib-leaflet`` package data) with its images as data URIs, and draws every
layer, popup and legend with its own small scripts, so the saved page makes no request.

Every text that can come from a user's file (scenario name, region and theme labels) is
HTML-escaped in Python before it reaches the page, and the page's scripts carry it as
escaped JSON: a label such as ``<img src=x onerror=…>`` shows as text, it never runs.
"""

from __future__ import annotations

import base64
import html
import json
import math
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
import shapely
from branca.element import Element, Figure, MacroElement
from folium.map import Layer
from folium.template import Template

from .._io import replaced_atomically
from ..errors import InputError, did_you_mean
from .style import (
    BACKGROUND,
    BALANCE,
    DASH,
    FONT_STACK,
    INK,
    MUTED_INK,
    NEED,
    OUTLINE,
    ROOT,
    STRENGTH,
    ClassScale,
    Lang,
    ThemeStyle,
    metric_text,
    number,
    text,
    theme_label,
)
from .view import (
    RegionView,
    bounds,
    metrics_of,
    plan_theme_ids,
    plan_theme_styles,
    region_views,
    root_shown,
    theme_labels,
)

if TYPE_CHECKING:
    from ..plan import Plan

__all__ = ["linked_resources", "offline_html", "plan_map", "save_map"]

_LEAFLET_PACKAGE = "js_lib_leaflet"
_LEAFLET_DIR = "static/js_lib_leaflet"


@lru_cache(maxsize=1)
def _leaflet_assets() -> tuple[str, str]:
    """Leaflet's script and stylesheet, the stylesheet's images inlined as data URIs."""
    root = files(_LEAFLET_PACKAGE).joinpath(_LEAFLET_DIR)
    script = root.joinpath("leaflet.js").read_text(encoding="utf-8")
    script = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", script)
    css = root.joinpath("leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        data = root.joinpath(match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)
    return script, css


@lru_cache(maxsize=1)
def _header_tags() -> tuple[str, str, str]:
    """The page header's tags: Leaflet's script, its stylesheet and the map's own styles."""
    script, css = _leaflet_assets()
    return f"<script>{script}</script>", f"<style>{css}</style>", f"<style>{_CSS}</style>"


class _Raw(Element):
    """A fixed piece of the page, written out as it is.

    ``Element(text)`` would compile ``text`` as a Jinja template on every map; for Leaflet's
    150 kB script that alone took a third of the time of :func:`plan_map`.
    """

    def __init__(self, html_text: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.html_text = html_text

    def render(self, **kwargs: Any) -> str:
        return self.html_text


#: The openings of Jinja's tags. folium compiles every element's rendered script as a Jinja
#: template once more, so a user's ``{{ 7*7 }}`` would be evaluated (as 49, or worse).
_JINJA_OPENING = re.compile(r"\{(?=[{%#])")


def _safe_json(value: Any) -> str:
    """``value`` as JSON that cannot close the ``<script>`` element it sits in.

    A ``{`` that opens a Jinja tag can only sit inside a JSON string (an object's ``{`` is
    followed by ``"`` or ``}``); it is written ``\\u007b``, the same character for JSON.
    """
    written = (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _JINJA_OPENING.sub(r"\\u007b", written)


def _e(value: object) -> str:
    """HTML-escaped text of ``value`` (quotes included; braces too, never a Jinja tag)."""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


class _RawScript(MacroElement):
    """An element whose rendered script joins the page as it is.

    ``MacroElement.render`` wraps the script in ``Element(script)``, which compiles it as a
    Jinja template again: slow for the regions' GeoJSON, and a second pass over user text.
    """

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        figure = self.get_root()
        assert isinstance(figure, Figure)
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_Raw(script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def _badge_html(style: ThemeStyle, title: str = "") -> str:
    """A theme's badge as HTML: the same colour and letters as in the static figures."""
    tip = f' title="{_e(title)}"' if title else ""
    return (
        f'<span class="jz-badge" style="background:{style.color};color:{style.text_color}"'
        f"{tip}>{_e(style.badge)}</span>"
    )


_CSS = f"""
.leaflet-container {{ background: {BACKGROUND}; font-family: {FONT_STACK}; font-size: 12px; }}
.leaflet-control-layers-expanded {{ padding: 6px 10px; font-size: 12px; line-height: 1.4; }}
.leaflet-control-layers label {{ font-size: 12px; max-width: 260px; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }}
.leaflet-control-scale-line {{ font-size: 10px; }}
path.leaflet-interactive:focus {{ outline: none; }}
.jz-badge {{ display: inline-block; min-width: 22px; padding: 1px 4px; margin: 0 1px;
  border-radius: 4px; border: 1.5px solid #ffffff; box-shadow: 0 1px 2px rgba(0,0,0,.45);
  font: bold 11px/14px {FONT_STACK}; text-align: center; letter-spacing: .3px;
  box-sizing: border-box; }}
.jz-symbols {{ background: transparent; border: none; white-space: nowrap; text-align: center; }}
.jz-root {{ background: transparent; border: none; }}
.jz-name {{ background: transparent; border: none; text-align: center; font: 11px/13px {FONT_STACK};
  color: {INK}; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }}
.jz-root-star {{ color: #111111; font-size: 22px; line-height: 22px;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }}
.jz-root-label {{ position: absolute; right: 22px; top: 3px; white-space: nowrap;
  font: bold 11px {FONT_STACK}; color: #111; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }}
.jz-panel {{ background: rgba(255,255,255,.94); padding: 8px 11px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,.3); color: {INK}; max-width: 300px; }}
.jz-title {{ font-weight: bold; font-size: 16px; line-height: 1.25; }}
.jz-subtitle {{ color: {MUTED_INK}; font-size: 12px; margin-top: 2px; }}
.jz-figures {{ font-size: 12px; margin-top: 5px; }}
.jz-legend {{ max-height: calc(100vh - 190px); overflow-y: auto; }}
@media (max-width: 700px) {{
  .jz-panel {{ max-width: 190px; padding: 5px 7px; }}
  .jz-title {{ font-size: 13px; }}
  .jz-subtitle, .jz-figures {{ display: none; }}
  .jz-legend-themes {{ display: none; }}
  .leaflet-control-layers label {{ max-width: 170px; }}
}}
.jz-legend-title {{ font-weight: bold; font-size: 12px; }}
.jz-legend-unit {{ color: {MUTED_INK}; font-size: 11px; margin-bottom: 4px; }}
.jz-legend-row {{ font-size: 12px; line-height: 18px; white-space: nowrap; }}
.jz-swatch {{ display: inline-block; width: 22px; height: 13px; vertical-align: -2px;
  margin-right: 6px; border: 1px solid rgba(0,0,0,.25); }}
.jz-legend-themes {{ margin-top: 6px; border-top: 1px solid #ddd; padding-top: 5px; }}
.jz-pop {{ font-size: 12px; color: {INK}; min-width: 230px; }}
.jz-pop-name {{ font-weight: bold; font-size: 14px; }}
.jz-pop-ar {{ font-size: 14px; color: {MUTED_INK}; text-align: right; margin-bottom: 4px; }}
.jz-pop table {{ border-collapse: collapse; width: 100%; margin-top: 4px; }}
.jz-pop th {{ text-align: left; color: {MUTED_INK}; font-weight: normal; font-size: 11px;
  border-bottom: 1px solid #ddd; }}
.jz-pop td {{ padding: 2px 4px 2px 0; vertical-align: middle; }}
.jz-pop td.num {{ text-align: right; white-space: nowrap; }}
.jz-tip-ar {{ color: {MUTED_INK}; }}
.jz-conf {{ display: inline-block; width: 31px; margin: 0 2px; text-align: center;
  vertical-align: top; }}
.jz-conf-share {{ display: block; font: bold 10px/13px {FONT_STACK}; color: {INK};
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }}
.jz-unsure .jz-badge {{ border: 1.5px dashed {INK}; opacity: .8; }}
"""


class _Regions(_RawScript):
    """The regions, drawn once as one GeoJSON layer that every view restyles.

    Each feature carries its region code and one fill colour per view (balance score, need
    index, a theme's strength); :class:`_View` switches which colour is shown, with
    ``setStyle``, so the outlines are sent once however many views the map has. Tooltips
    (the region's names, then the shown view's value) and popups are tables keyed by region
    code, embedded as escaped JSON; the GeoJSON itself never carries user text.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_view = 0;
        var {{ this.get_name() }}_heads = {{ this.heads }};
        var {{ this.get_name() }}_lines = {{ this.lines }};
        var {{ this.get_name() }}_pops = {{ this.popups }};
        function {{ this.get_name() }}_style(feature) {
            return {fillColor: feature.properties.fill[{{ this.get_name() }}_view],
                    fillOpacity: {{ this.fill_opacity }}, color: {{ this.outline }},
                    weight: 1.2, opacity: 1};
        }
        var {{ this.get_name() }} = L.geoJSON({{ this.data }}, {
            style: {{ this.get_name() }}_style,
            onEachFeature: function (feature, layer) {
                var code = feature.properties.region_code;
                layer.bindTooltip(function () {
                    return {{ this.get_name() }}_heads[code] + "<br>"
                        + {{ this.get_name() }}_lines[code][{{ this.get_name() }}_view];
                }, {sticky: true, direction: "top", opacity: 0.95});
                layer.bindPopup({{ this.get_name() }}_pops[code], {maxWidth: 360});
                layer.on({
                    mouseover: function (e) {
                        e.target.setStyle({weight: 3, color: "#1f2933"});
                        e.target.bringToFront();
                    },
                    mouseout: function (e) { {{ this.get_name() }}.resetStyle(e.target); }
                });
            }
        }).addTo({{ this._parent.get_name() }});
        function {{ this.get_name() }}_show(view) {
            {{ this.get_name() }}_view = view;
            {{ this.get_name() }}.setStyle({{ this.get_name() }}_style);
        }
        {% endmacro %}
        """
    )

    def __init__(self, *, data: dict[str, Any], heads: dict[str, str],
                 lines: dict[str, list[str]], popups: dict[str, str],
                 fill_opacity: float) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Regions"
        self.data = _safe_json(data)
        self.heads = _safe_json(heads)
        self.lines = _safe_json(lines)
        self.popups = _safe_json(popups)
        self.fill_opacity = _safe_json(fill_opacity)
        self.outline = _safe_json(OUTLINE)


class _View(Layer, _RawScript):
    """One entry of the layer switch (balance score, need index, strength): no shapes of its
    own; shown, it restyles the :class:`_Regions` layer with its colours and tooltips."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup();
        {{ this.get_name() }}.on("add", function () {
            {{ this.regions.get_name() }}_show({{ this.index }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, *, name: str, regions: _Regions, index: int, show: bool) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "View"
        self.regions = regions
        self.index = index


class _MarkerLayer(Layer, _RawScript):
    """Markers drawn as HTML (``L.divIcon``), each with an optional tooltip; all text escaped."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup();
        {{ this.items }}.forEach(function (item) {
            var marker = L.marker([item.lat, item.lon], {
                icon: L.divIcon({html: item.html, className: item.cls,
                                 iconSize: item.size, iconAnchor: item.anchor}),
                keyboard: false, riseOnHover: true
            });
            if (item.tip) { marker.bindTooltip(item.tip, {direction: "top", offset: [0, -8]}); }
            marker.addTo({{ this.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, *, name: str, items: list[dict[str, Any]], show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "MarkerLayer"
        self.items = _safe_json(items)


class _Panels(_RawScript):
    """The title panel (top left) and the legend (bottom right) that follows the base layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var title = L.control({position: "topleft"});
            title.onAdd = function () {
                var div = L.DomUtil.create("div", "jz-panel jz-title-panel");
                div.innerHTML = {{ this.title }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            title.addTo(map);
            var legends = {{ this.legends }};
            var themes = {{ this.themes }};
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "jz-panel jz-legend");
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo(map);
            function show(name) {
                legend.getContainer().innerHTML = (legends[name] || "") + themes;
            }
            show({{ this.first }});
            map.on("baselayerchange", function (e) { show(e.name); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, title: str, legends: dict[str, str], first: str, themes: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Panels"
        self.title = _safe_json(title)
        self.legends = _safe_json(legends)
        self.first = _safe_json(first)
        self.themes = _safe_json(themes)


def _scale_legend(title: str, unit: str, scale: ClassScale, suffix: str = "") -> str:
    """A classed legend as HTML: title, unit, one swatch per class (highest first)."""
    rows = "".join(
        f'<div class="jz-legend-row"><span class="jz-swatch" style="background:{color}">'
        f"</span>{_e(label)}{_e(suffix)}</div>"
        for color, label in reversed(list(zip(scale.colors, scale.labels(), strict=True)))
    )
    return (
        f'<div class="jz-legend-title">{_e(title)}</div>'
        f'<div class="jz-legend-unit">{_e(unit)}</div>{rows}'
    )


def _themes_legend(plan: Plan, lang: Lang, *, root: bool) -> str:
    """The themes assigned in the plan (dataset order), badge and label, and JAZARI ROOT."""
    labels = theme_labels(plan)
    styles = plan_theme_styles([plan])
    rows = "".join(
        f'<div class="jz-legend-row">{_badge_html(styles[theme_id])} '
        f"{_e(theme_label(theme_id, labels, lang))}</div>"
        for theme_id in plan_theme_ids([plan])
    )
    star = (
        '<div class="jz-legend-row"><span class="jz-root-star" style="font-size:16px">\u2605'
        f"</span> {_e(text('root', lang, city=ROOT.city))}</div>"
    ) if root else ""
    return (
        f'<div class="jz-legend-themes"><div class="jz-legend-title">'
        f"{_e(text('specializations', lang))}</div>{rows}{star}</div>"
    )


def _popup(view: RegionView, lang: Lang) -> str:
    """A region's popup: names in French and Arabic, its themes and its scores."""
    if view.themes:
        theme_rows = "".join(
            f"<tr><td>{_badge_html(t.style)} {_e(t.label)}"
            f"{' (' + _e(text('locked', lang)) + ')' if t.locked else ''}</td>"
            f'<td class="num">{number(t.strength, 2, lang)}</td></tr>'
            for t in view.themes
        )
    else:
        theme_rows = f'<tr><td colspan="2">{_e(text("none", lang))}</td></tr>'
    figures = [
        (text("fit", lang), f"{number(view.fit, 2, lang)} / {number(view.best_fit, 2, lang)}"),
        (text("balance_score", lang), f"{number(view.balance_score, 0, lang)} %"),
        (text("investment_pc", lang),
         f"{number(view.investment_per_capita, 1, lang)} {text('mad', lang)}"),
        (text("need", lang), number(view.need, 2, lang)),
        (text("population", lang), number(view.population, 0, lang)),
    ]
    figure_rows = "".join(
        f'<tr><td>{_e(label)}</td><td class="num">{_e(value)}</td></tr>' for label, value in figures
    )
    arabic = (f'<div class="jz-pop-ar" dir="rtl" lang="ar">{_e(view.name_ar)}</div>'
              if view.name_ar else "")
    return (
        f'<div class="jz-pop"><div class="jz-pop-name">{_e(view.name)}</div>{arabic}'
        f"<table><tr><th>{_e(text('theme', lang))}</th>"
        f'<th class="num">{_e(text("strength", lang))}</th></tr>{theme_rows}</table>'
        f"<table>{figure_rows}</table></div>"
    )


def _tooltip_head(view: RegionView) -> str:
    """A region's tooltip, above the shown view's value: its names in French and Arabic."""
    arabic = (f' <span class="jz-tip-ar" dir="rtl" lang="ar">{_e(view.name_ar)}</span>'
              if view.name_ar else "")
    return f"<b>{_e(view.name)}</b>{arabic}"


def _geojson(views: list[RegionView], fills: dict[str, list[str]]) -> dict[str, Any]:
    """The simplified outlines as GeoJSON: per region, its code and one fill per view."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"region_code": v.code, "fill": fills[v.code]},
                "geometry": _outline(shapely.to_wkb(v.geometry)),
            }
            for v in views
        ],
    }


@lru_cache(maxsize=64)
def _outline(wkb: bytes) -> dict[str, Any]:
    """A region's outline as a GeoJSON geometry, to 1e-4° (about 10 m); the same for every
    plan of a dataset, so it is computed once (callers only read it)."""
    geometry = shapely.set_precision(shapely.from_wkb(wkb), 1e-4)
    outline: dict[str, Any] = json.loads(shapely.to_geojson(geometry))
    return outline


def _strength_theme(plan: Plan, theme: str | None) -> str | None:
    """The theme whose strength layer is drawn: ``theme`` checked, else the most assigned one."""
    columns = [str(c) for c in plan.strength.columns if c not in ("region_code", "region_name")]
    if theme is not None:
        if theme not in columns:
            raise InputError(
                f"unknown theme {theme!r} for the strength layer",
                key="theme",
                fix=did_you_mean(theme, columns)
                + f"themes are: {', '.join(columns)}",
            )
        return theme
    counts = plan.assignments["theme_id"].astype(str).value_counts()
    ranked = [t for t in counts.index if t in columns]
    return ranked[0] if ranked else (columns[0] if columns else None)


def plan_map(plan: Plan, *, tiles: str | None = None, theme: str | None = None,
             lang: Lang = "en",
             confidence: Mapping[tuple[str, str], float] | None = None) -> folium.Map:
    """The interactive map of ``plan``; works offline once saved with :func:`save_map`.

    Regions are coloured by balance score (with a layer switch to the need index and to the
    strength in ``theme``, by default the theme assigned most), carry their themes' badges,
    and show a popup and tooltip with names in French and Arabic. ``tiles`` (a folium tile
    name or URL) adds a base map, which needs the network; the default is none.
    ``confidence`` maps ``(region_code, theme_id)`` to a share in [0, 1] (a robustness
    sweep's acceptability): each badge then shows it, dashed below 90 %.
    """
    views = region_views(plan, lang=lang)
    min_lon, min_lat, max_lon, max_lat = bounds(views)
    fmap = folium.Map(
        location=[(min_lat + max_lat) / 2, (min_lon + max_lon) / 2],
        zoom_start=5,
        tiles=None,
        control_scale=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    fmap.default_js = []
    fmap.default_css = []
    leaflet_js, leaflet_css, jazari_css = _header_tags()
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(_Raw(leaflet_css), name="leaflet_css")
    root.header.add_child(_Raw(leaflet_js), name="leaflet_js")
    root.header.add_child(_Raw(jazari_css), name="jazari_css")
    fill_opacity = 0.72 if tiles else 0.92
    if tiles:
        folium.TileLayer(tiles, control=False).add_to(fmap)

    # One view per entry of the layer switch: its name, scale, values and legend.
    views_shown: list[tuple[str, ClassScale, dict[str, float], int, str, str]] = []
    balance = text("balance_score", lang)
    views_shown.append((balance, BALANCE, {v.code: v.balance_score for v in views}, 0, " %",
                        text("balance_unit", lang)))
    need = text("need_index", lang)
    views_shown.append((need, NEED, {v.code: v.need for v in views}, 2, "",
                        text("need_unit", lang)))
    strength_theme = _strength_theme(plan, theme)
    if strength_theme is not None:
        name = text("strength_of", lang, theme=_label_of(plan, strength_theme, lang))
        views_shown.append((name, STRENGTH, _strength_values(plan, strength_theme), 2, "",
                            text("strength_unit", lang)))

    regions = _Regions(
        data=_geojson(views, {v.code: [scale.color(values[v.code])
                                       for _, scale, values, *_ in views_shown]
                              for v in views}),
        heads={v.code: _tooltip_head(v) for v in views},
        lines={v.code: [_e(f"{name}: {number(values[v.code], decimals, lang)}{suffix}")
                        for name, _, values, decimals, suffix, _ in views_shown]
               for v in views},
        popups={v.code: _popup(v, lang) for v in views},
        fill_opacity=fill_opacity,
    )
    regions.add_to(fmap)
    legends: dict[str, str] = {}
    for index, (name, scale, _, _, suffix, unit) in enumerate(views_shown):
        _View(name=_e(name), regions=regions, index=index, show=index == 0).add_to(fmap)
        legends[_e(name)] = _scale_legend(name, unit, scale, suffix)

    _MarkerLayer(name=_e(text("specializations", lang)),
                 items=_symbol_items(views, confidence, lang)).add_to(fmap)
    show_root = root_shown(views)
    if show_root:
        _MarkerLayer(name=_e(ROOT.label), items=[_root_item(views, lang)]).add_to(fmap)
    _MarkerLayer(name=_e(text("region_names", lang)), items=_name_items(views),
                 show=False).add_to(fmap)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    _Panels(
        title=_title_html(plan, lang),
        legends=legends,
        first=_e(balance),
        themes=_themes_legend(plan, lang, root=show_root)
        + (_confidence_legend(lang) if confidence is not None else ""),
    ).add_to(fmap)
    fmap.fit_bounds([[min_lat, min_lon], [max_lat, max_lon]], padding=(12, 12))
    return fmap


def _label_of(plan: Plan, theme_id: str, lang: Lang) -> str:
    return theme_label(theme_id, theme_labels(plan), lang)


def _strength_values(plan: Plan, theme_id: str) -> dict[str, float]:
    table = plan.strength
    return {str(code): float(value) for code, value in zip(table["region_code"], table[theme_id],
                                                           strict=True)}


def _symbol_items(views: list[RegionView],
                  confidence: Mapping[tuple[str, str], float] | None = None,
                  lang: Lang = "en") -> list[dict[str, Any]]:
    """One marker per region: its themes' badges side by side at its anchor point.

    With ``confidence``, each badge carries its pair's share under it (dashed below 90 %).
    """
    items = []
    for view in views:
        if not view.themes:
            continue
        shares = [None if confidence is None else confidence.get((view.code, t.theme_id))
                  for t in view.themes]
        if confidence is None:
            badges = "".join(_badge_html(t.style, t.label) for t in view.themes)
            width, height = 26 * len(view.themes) + 4, 18
        else:
            badges = "".join(_confidence_badge(t.style, t.label, share, lang)
                             for t, share in zip(view.themes, shares, strict=True))
            width, height = 35 * len(view.themes) + 4, 32
        lift = 16 if math.dist(view.anchor, (ROOT.lon, ROOT.lat)) < 0.8 else 0
        items.append({
            "lat": view.anchor[1], "lon": view.anchor[0], "html": badges, "cls": "jz-symbols",
            "size": [width, height], "anchor": [width / 2, height / 2 + lift],
            "tip": f"<b>{_e(view.name)}</b><br>" + "<br>".join(
                f"{_badge_html(t.style)} {_e(t.label)}{_e(_share_words(share, lang))}"
                for t, share in zip(view.themes, shares, strict=True)),
        })
    return items


#: The acceptability under which a badge is drawn dashed (the stable core's threshold).
_STABLE = 0.9


def _share_words(share: float | None, lang: Lang) -> str:
    """`` (confidence 92 %)`` for a badge's tooltip, or nothing without a share."""
    if share is None:
        return ""
    return f" ({text('confidence', lang).lower()} {number(100 * share, 0, lang)} %)"


def _confidence_badge(style: ThemeStyle, title: str, share: float | None, lang: Lang) -> str:
    """A theme's badge over its confidence (the share of samples keeping it), dashed if unsure."""
    shown = DASH if share is None else f"{number(100 * share, 0, lang)}%"
    unsure = " jz-unsure" if share is not None and share < _STABLE else ""
    return (
        f'<span class="jz-conf{unsure}">{_badge_html(style, title + _share_words(share, lang))}'
        f'<span class="jz-conf-share">{_e(shown)}</span></span>'
    )


def _confidence_legend(lang: Lang) -> str:
    """What the figures under the badges mean."""
    return (
        f'<div class="jz-legend-themes"><div class="jz-legend-title">'
        f"{_e(text('confidence', lang))}</div>"
        f'<div class="jz-legend-unit">{_e(text("confidence_legend", lang))}</div></div>'
    )


def _name_items(views: list[RegionView]) -> list[dict[str, Any]]:
    """One label per region under its badges: the French name, the Arabic one below."""
    return [
        {
            "lat": view.anchor[1], "lon": view.anchor[0], "cls": "jz-name", "size": [160, 34],
            "anchor": [80, -12], "tip": "",
            "html": f"<div>{_e(view.name)}</div>"
                    + (f'<div dir="rtl" lang="ar">{_e(view.name_ar)}</div>'
                       if view.name_ar else ""),
        }
        for view in views
    ]


def _root_item(views: list[RegionView], lang: Lang) -> dict[str, Any]:
    """The JAZARI ROOT marker: a black star in Rabat with its name beside it."""
    region = next((v.name for v in views if v.code == ROOT.region_code), "")
    tip = _e(text("root", lang, city=ROOT.city)) + (f"<br>{_e(region)}" if region else "")
    return {
        "lat": ROOT.lat, "lon": ROOT.lon, "cls": "jz-root", "size": [22, 22], "anchor": [11, 11],
        "html": '<span class="jz-root-star">\u2605</span>'
                f'<span class="jz-root-label">{_e(ROOT.label)}</span>',
        "tip": tip,
    }


def _title_html(plan: Plan, lang: Lang) -> str:
    """The title panel: scenario name, subtitle, and the plan's key figures."""
    metrics = metrics_of(plan)
    mean_balance = metric_text("mean_balance_score", metrics["mean_balance_score"], lang,
                               decimals=0)
    gini = metric_text("gini", metrics["gini"], lang, decimals=2)
    return (
        f'<div class="jz-title">{_e(text("plan_title", lang, scenario=plan.scenario.name))}</div>'
        f'<div class="jz-subtitle">{_e(text("subtitle", lang))}</div>'
        f'<div class="jz-figures">{_e(text("metric_mean_balance_score", lang))}: '
        f"<b>{_e(mean_balance)}</b><br>"
        f"{_e(text('metric_gini', lang))}: <b>{_e(gini)}</b></div>"
    )


class _ResourceLinks(HTMLParser):
    """Collects the URLs a page loads by itself: scripts, stylesheets, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "img": "src", "iframe": "src", "link": "href"}.get(tag)
        for name, value in attrs:
            if name == wanted and value and not value.startswith("data:"):
                self.urls.append(value)


def linked_resources(page: str) -> list[str]:
    """The non-inline resources ``page`` loads through its tags (empty for a saved map)."""
    parser = _ResourceLinks()
    parser.feed(page)
    return parser.urls


def offline_html(fmap: folium.Map) -> str:
    """The map's whole page as one HTML string; raises if a tag would load a resource."""
    page: str = fmap.get_root().render()
    linked = linked_resources(page)
    if linked:
        raise RuntimeError(f"the map page links external resources: {linked[:3]}")
    return page


def save_map(plan: Plan, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write the plan's map to ``path`` as one self-contained HTML file; returns the path.

    ``options`` are those of :func:`plan_map`. The file is written to a temporary name and
    renamed, so an interrupted run never leaves half a map.
    """
    target = Path(path)
    page = offline_html(plan_map(plan, **options))
    with replaced_atomically(target) as temporary:
        temporary.write_text(page, encoding="utf-8")
    return target
