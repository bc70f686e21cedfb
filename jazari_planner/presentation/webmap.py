"""The interactive map of a plan (folium), and the same map as one self-contained, offline
HTML file.

The map has two parts. The **frame** is what never changes for a dataset and a language: the
regions' outlines, the layer switch (fit, balance score, need index, a theme's strength),
the legend box, the names, JAZARI ROOT, a button that shows the whole country again. A
**plan layer** carries one plan: the fill of each region in each layer, classed by natural
breaks (:mod:`.layers`), tooltips, popups, the legends and the themes' badges, the
announced (locked-in) ones outlined apart. Both are drawn by one small script,
``webmap.js``. A saved map holds both; the app keeps the frame on screen and sends only a
new plan layer when the plan changes (:mod:`jazari_planner.app.leaflet`), so the
zoom and the chosen layer stay.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; a planner presenting in a
ministry room may have no network. A saved map drops those links and inlines Leaflet 1.9.4
(from the ``django-js-lib-leaflet`` package data) with its images as data URIs, so the page
makes no request.

Every text that can come from a user's file (scenario name, region and theme labels) is
HTML-escaped in Python before it reaches the page, and the page's script carries it as
escaped JSON: a label such as ``<img src=x onerror=…>`` shows as text, it never runs.
"""

from __future__ import annotations

import base64
import html
import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
import shapely
from branca.element import Element, Figure, MacroElement
from folium.map import FeatureGroup
from folium.template import Template

from ..common.files import replaced_atomically
from ..common.words import Lang, direction, word
from ..common.words.numbers import DASH, number, percent
from .layers import (
    LAYERS,
    Layer,
    check_layer,
    class_scale,
    layer_style,
    layer_title,
    layer_unit,
    layer_values,
    strength_theme,
    written_value,
)
from .style import (
    BACKGROUND,
    FONT_STACK,
    INK,
    MUTED_INK,
    OUTLINE,
    ROOT,
    ClassScale,
    ThemeStyle,
    metric_text,
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
    from ..results.plan import Plan

__all__ = [
    "KEY_CSS",
    "PlanLayer",
    "badge_html",
    "change_layer",
    "linked_resources",
    "map_frame",
    "offline_html",
    "plan_layer",
    "plan_map",
    "plan_scales",
    "save_map",
    "scale_legend",
    "themes_key",
]

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



@lru_cache(maxsize=1)
def _runtime() -> str:
    """The map's own script (``webmap.js``), shipped with the package."""
    return files("jazari_planner.presentation").joinpath("webmap.js").read_text(encoding="utf-8")


def badge_html(style: ThemeStyle, title: str = "", *, kind: str = "") -> str:
    """A theme's badge as HTML: the same colour and letters as in the static figures.

    ``kind`` adds a mark: ``"locked"`` (an announced or locked-in institute, outlined dark),
    ``"gained"`` or ``"lost"`` (against another plan).
    """
    tip = f' title="{_e(title)}"' if title else ""
    extra = f" jz-{kind}" if kind else ""
    return (
        f'<span class="jz-badge{extra}" style="background:{style.color};'
        f'color:{style.text_color}"{tip}>{_e(style.badge)}</span>'
    )


#: The badges, legends and key, for a page that shows them outside the map.
KEY_CSS = f"""
.jz-badge {{ display: inline-block; min-width: 22px; padding: 1px 4px; margin: 0 1px;
  border-radius: 4px; border: 1.5px solid #ffffff; box-shadow: 0 1px 2px rgba(0,0,0,.45);
  font: bold 11px/14px {FONT_STACK}; text-align: center; letter-spacing: .3px;
  box-sizing: border-box; }}
.jz-badge.jz-locked {{ border: 2px solid #111111; box-shadow: 0 0 0 1.5px #ffffff; }}
.jz-badge.jz-gained {{ box-shadow: 0 0 0 2.5px #d95f02; }}
.jz-badge.jz-lost {{ background: #ffffff !important; color: #7b8794 !important;
  border: 1.5px dashed #7b8794; box-shadow: none; text-decoration: line-through; }}
.jz-root-star {{ color: #111111; font-size: 22px; line-height: 22px;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }}
.jz-legend-title {{ font-weight: bold; font-size: 12px; }}
.jz-legend-row {{ font-size: 12px; line-height: 18px; white-space: nowrap; }}
.jz-legend-themes {{ margin-top: 6px; border-top: 1px solid #ddd; padding-top: 5px; }}
.jz-legend-unit {{ color: {MUTED_INK}; font-size: 11px; margin-bottom: 4px; max-width: 200px;
  white-space: normal; }}
.jz-swatch {{ display: inline-block; width: 22px; height: 13px; vertical-align: -2px;
  margin-right: 6px; border: 1px solid rgba(0,0,0,.25); }}
.jz-conf {{ display: inline-block; width: 31px; margin: 0 2px; text-align: center;
  vertical-align: top; }}
.jz-conf-share {{ display: block; font: bold 10px/13px {FONT_STACK}; color: {INK};
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }}
.jz-unsure .jz-badge {{ border: 1.5px dashed {INK}; opacity: .8; }}
.jz-conf-locked {{ font-size: 8.5px; font-weight: normal; white-space: nowrap;
  letter-spacing: -.2px; }}
"""

_CSS = KEY_CSS + f"""
.leaflet-container {{ background: {BACKGROUND}; font-family: {FONT_STACK}; font-size: 12px; }}
.leaflet-control-layers-expanded {{ padding: 6px 10px; font-size: 12px; line-height: 1.4; }}
.leaflet-control-layers label {{ font-size: 12px; max-width: 260px; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }}
.leaflet-control-scale-line {{ font-size: 10px; }}
.leaflet-popup-pane {{ z-index: 1100; }}
path.leaflet-interactive:focus {{ outline: none; }}
.jz-fit a {{ font-size: 17px; line-height: 30px; color: {INK}; }}
.jz-symbols {{ background: transparent; border: none; white-space: nowrap; text-align: center; }}
.leaflet-marker-icon.jz-symbols.leaflet-interactive {{ pointer-events: none; }}
.leaflet-marker-icon.jz-symbols .jz-badge {{ pointer-events: auto; }}
.jz-root {{ background: transparent; border: none; }}
.jz-name {{ background: transparent; border: none; text-align: center; font: 11px/13px {FONT_STACK};
  color: {INK}; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }}
.jz-root-label {{ position: absolute; right: 22px; top: 3px; white-space: nowrap;
  font: bold 11px {FONT_STACK}; color: #111; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }}
.jz-panel {{ background: rgba(255,255,255,.94); padding: 8px 11px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,.3); color: {INK}; max-width: 300px; }}
.jz-panel:empty {{ display: none; }}
.jz-title {{ font-weight: bold; font-size: 16px; line-height: 1.25; }}
.jz-subtitle {{ color: {MUTED_INK}; font-size: 12px; margin-top: 2px; }}
.jz-figures {{ font-size: 12px; margin-top: 5px; }}
.jz-legend {{ max-height: calc(100vh - 120px); overflow-y: auto; }}
.jz-pop {{ font-size: 12px; color: {INK}; min-width: 230px; }}
.jz-pop-name {{ font-weight: bold; font-size: 14px; }}
.jz-pop-ar {{ font-size: 14px; color: {MUTED_INK}; text-align: right; margin-bottom: 4px; }}
.jz-pop-uncertain {{ font-size: 11px; color: {MUTED_INK}; max-width: 260px; }}
.jz-pop table {{ border-collapse: collapse; width: 100%; margin-top: 4px; }}
.jz-pop th {{ text-align: left; color: {MUTED_INK}; font-weight: normal; font-size: 11px;
  border-bottom: 1px solid #ddd; }}
.jz-pop td {{ padding: 2px 4px 2px 0; vertical-align: middle; }}
.jz-pop td.num {{ text-align: right; white-space: nowrap; }}
.jz-tip-ar {{ color: {MUTED_INK}; }}
.jz-name [lang=ar] {{ white-space: nowrap; }}
"""

#: The map's panels, popups and keys in Arabic: right to left, in the Arabic font first
#: (the page's own font when the app serves it, else the browser's); the map itself,
#: Leaflet's controls and the badges stay as they are.
RTL_CSS = """
.jz-panel, .jz-pop, .jz-key, .jz-legend, .leaflet-tooltip { direction: rtl; text-align: right;
  font-family: 'Noto Sans Arabic', 'DejaVu Sans', sans-serif; }
.jz-pop th, .jz-pop td.num { text-align: right; }
.jz-pop td { padding: 2px 0 2px 4px; }
.jz-pop-ar { text-align: right; }
.jz-swatch { margin-right: 0; margin-left: 6px; }
"""


class _Frame(_RawScript):
    """The map's frame: ``jazariMap(map, config)`` from ``webmap.js`` (see the module doc)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.runtime }}
        jazariMap({{ this._parent.get_name() }}, {{ this.config }});
        {% endmacro %}
        """
    )

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Frame"
        self.runtime = _runtime()
        self.config = _safe_json(config)


class PlanLayer(FeatureGroup, _RawScript):
    """One plan on a map frame: ``jz.update(data)``.

    A folium ``FeatureGroup`` so that streamlit-folium can send it alone
    (``feature_group_to_add``) while the frame stays on screen.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        window.jz.update({{ this.data }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(show=False, control=False)
        self.data = _safe_json(data)


def _name_item(view: RegionView, lang: Lang = "en") -> dict[str, Any]:
    """A region's label under its badges: the French name, the Arabic one below (above in
    Arabic); the Arabic name stays on one line (it would break at its hyphens)."""
    lines = [f"<div>{_e(view.name)}</div>"]
    if view.name_ar:
        arabic = f'<div dir="rtl" lang="ar">{_e(view.name_ar)}</div>'
        lines = [arabic, *lines] if lang == "ar" else [*lines, arabic]
    return {
        "lat": view.anchor[1], "lon": view.anchor[0], "cls": "jz-name", "size": [160, 34],
        "anchor": [80, -12], "tip": "", "html": "".join(lines),
    }


def _root_item(views: Sequence[RegionView], lang: Lang) -> dict[str, Any]:
    """The JAZARI ROOT marker: a black star in Rabat with its name beside it."""
    region = next((v.name for v in views if v.code == ROOT.region_code), "")
    tip = _e(word("root", lang, city=word("root_city", lang)))
    tip += f"<br>{_e(region)}" if region else ""
    return {
        "lat": ROOT.lat, "lon": ROOT.lon, "cls": "jz-root", "size": [22, 22], "anchor": [11, 11],
        "html": '<span class="jz-root-star">\u2605</span>'
                f'<span class="jz-root-label">{_e(ROOT.label)}</span>',
        "tip": tip,
    }


def _geojson(views: Sequence[RegionView]) -> dict[str, Any]:
    """The simplified outlines as GeoJSON, each feature carrying its region code only."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": v.code},
             "geometry": _outline(shapely.to_wkb(v.geometry))}
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


def map_frame(views: Sequence[RegionView], *, lang: Lang = "en",
              layers: Sequence[str] | None = None, first: int = 0, layer_control: bool = True,
              legend: bool = True, title: bool = True, remember: str | None = None,
              tiles: str | None = None) -> folium.Map:
    """The map's frame for the regions ``views`` (of any plan on their dataset).

    ``layers`` names the entries of the layer switch (default: fit, balance score, need
    index, theme strength, in ``lang``), ``first`` is the one shown at first.
    ``layer_control``, ``legend`` and ``title`` say which panels the frame has;
    ``remember`` (a name) keeps the zoom and layer in the browser's session storage for the
    next frame of that name. ``tiles`` (a folium tile name or URL) adds a base map, which
    needs the network; the default is none. Nothing in the frame depends on a plan.
    """
    min_lon, min_lat, max_lon, max_lat = bounds(views)
    fmap = folium.Map(location=[(min_lat + max_lat) / 2, (min_lon + max_lon) / 2],
                      zoom_start=5, tiles=None, control_scale=True, zoom_snap=0.25,
                      zoom_delta=0.5)
    fmap.default_js = []
    fmap.default_css = []
    leaflet_js, leaflet_css, jazari_css = _header_tags()
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(_Raw(leaflet_css), name="leaflet_css")
    root.header.add_child(_Raw(leaflet_js), name="leaflet_js")
    root.header.add_child(_Raw(jazari_css), name="jazari_css")
    if direction(lang) == "rtl":
        root.header.add_child(_Raw(f"<style>{RTL_CSS}</style>"), name="jazari_rtl_css")
    if tiles:
        folium.TileLayer(tiles, control=False).add_to(fmap)
    names = list(layers) if layers is not None else [_e(layer_title(layer, lang))
                                                      for layer in LAYERS]
    config = {
        "outlines": _geojson(views),
        "bounds": [[min_lat, min_lon], [max_lat, max_lon]],
        "views": names,
        "first": first,
        "layerControl": layer_control,
        "legend": legend,
        "title": title,
        "names": [_name_item(v, lang) for v in views],
        "root": _root_item(views, lang) if root_shown(views) else None,
        "layerNames": {"badges": _e(word("specializations", lang)),
                       "root": _e(ROOT.label) if root_shown(views) else "",
                       "names": _e(word("region_names", lang))},
        "fitAll": _e(word("fit_all", lang)),
        "remember": remember,
        "fillOpacity": 0.72 if tiles else 0.92,
        "outline": OUTLINE,
    }
    _Frame(config).add_to(fmap)
    return fmap


def scale_legend(title: str, unit: str, scale: ClassScale, lang: Lang, suffix: str) -> str:
    """A classed legend as HTML: title, unit, one swatch per class (highest first)."""
    rows = "".join(
        f'<div class="jz-legend-row"><span class="jz-swatch" style="background:{color}">'
        f"</span>{_e(label)}</div>"
        for color, label in reversed(list(zip(scale.colors, scale.labels(lang, suffix),
                                              strict=True)))
    )
    return (
        f'<div class="jz-legend-title">{_e(title)}</div>'
        f'<div class="jz-legend-unit">{_e(unit)}</div>{rows}'
    )


def themes_key(plans: Sequence[Plan], lang: Lang, *, root: bool = True,
               kinds: Sequence[str] = ("locked",)) -> str:
    """The key to the badges: each theme assigned in ``plans`` (dataset order) with its
    label, then the marks ``kinds`` used (locked in, gained, lost) and JAZARI ROOT."""
    labels = theme_labels(plans[0])
    styles = plan_theme_styles(plans, lang)
    rows = "".join(
        f'<div class="jz-legend-row" title="{_e(theme_label(theme_id, labels, lang))}">'
        f"{badge_html(styles[theme_id])} {_e(theme_label(theme_id, labels, lang))}</div>"
        for theme_id in plan_theme_ids(plans)
    )
    sample = ThemeStyle(color="#eef2f6", text_color=INK, badge="AB")
    marks = "".join(
        f'<div class="jz-legend-row" title="{_e(word(f"{kind}_key", lang))}">'
        f"{badge_html(sample, kind=kind)} {_e(word(f'{kind}_key', lang))}</div>"
        for kind in kinds
    )
    star = (
        '<div class="jz-legend-row"><span class="jz-root-star" style="font-size:16px">\u2605'
        f"</span> {_e(word('root', lang, city=word('root_city', lang)))}</div>"
    ) if root else ""
    return (
        f'<div class="jz-legend-themes"><div class="jz-legend-title">'
        f"{_e(word('specializations', lang))}</div>{rows}{marks}{star}</div>"
    )


def _popup(view: RegionView, lang: Lang) -> str:
    """A region's popup: names in French and Arabic, its themes and its scores."""
    if view.themes:
        theme_rows = "".join(
            f"<tr><td>{badge_html(t.style, kind='locked' if t.locked else '')} {_e(t.label)}"
            f"{' (' + _e(word('locked', lang)) + ')' if t.locked else ''}"
            f"{_uncertain_note(t.uncertain, lang)}</td>"
            f'<td class="num">{number(t.strength, 2, lang)}</td></tr>'
            for t in view.themes
        )
    else:
        theme_rows = f'<tr><td colspan="2">{_e(word("none", lang))}</td></tr>'
    figures = [
        (word("popup_fit", lang),
         f"{number(view.fit, 2, lang)} / {number(view.best_fit, 2, lang)}"),
        (word("balance_score", lang), percent(view.balance_score, 0, lang)),
        (word("investment_pc", lang),
         f"{number(view.investment_per_capita, 1, lang)} {word('mad', lang)}"),
        (word("popup_need", lang), number(view.need, 2, lang)),
        (word("population", lang), number(view.population, 0, lang)),
    ]
    figure_rows = "".join(
        f'<tr><td>{_e(label)}</td><td class="num">{_e(value)}</td></tr>' for label, value in figures
    )
    names = [f'<div class="jz-pop-name">{_e(view.name)}</div>']
    if view.name_ar:
        arabic = f'<div class="jz-pop-ar" dir="rtl" lang="ar">{_e(view.name_ar)}</div>'
        names = [arabic.replace("jz-pop-ar", "jz-pop-name"), f'<div class="jz-pop-ar">'
                 f"{_e(view.name)}</div>"] if lang == "ar" else [*names, arabic]
    return (
        f'<div class="jz-pop">{"".join(names)}'
        f"<table><tr><th>{_e(word('theme', lang))}</th>"
        f'<th class="num">{_e(word("strength", lang))}</th></tr>{theme_rows}</table>'
        f"<table>{figure_rows}</table></div>"
    )


def _uncertain_note(uncertain: tuple[tuple[str, str], ...], lang: Lang) -> str:
    """Under a theme in a popup: its values here that are not exact, with their confidence."""
    if not uncertain:
        return ""
    shown = ", ".join(f"{_e(label)} ({_e(word('confidence_' + grade, lang))})"
                      for label, grade in uncertain)
    return f'<div class="jz-pop-uncertain">{_e(word("not_exact", lang))} {shown}</div>'


def _tooltip_head(view: RegionView, lang: Lang = "en") -> str:
    """A region's tooltip, above the shown layer's value: its names in French and Arabic
    (the Arabic one first in Arabic)."""
    if lang == "ar" and view.name_ar:
        return (f'<b dir="rtl" lang="ar">{_e(view.name_ar)}</b> '
                f'<span class="jz-tip-ar">{_e(view.name)}</span>')
    arabic = (f' <span class="jz-tip-ar" dir="rtl" lang="ar">{_e(view.name_ar)}</span>'
              if view.name_ar else "")
    return f"<b>{_e(view.name)}</b>{arabic}"


def _badges(views: Sequence[RegionView], marks: Mapping[str, Sequence[tuple[ThemeStyle, str,
                                                                            str]]],
            shares: Mapping[str, Sequence[float | str | None]] | None = None,
            lang: Lang = "en", share_key: str = "confidence") -> list[dict[str, Any]]:
    """One marker per region: its badges side by side at its anchor point.

    ``marks`` gives, per region code, the badges to draw: (style, label, kind); ``shares``,
    where given, each badge's share, written under it (dashed below 90 %; ``"locked"``
    where a lock fixes the pair: no evidence, so no share); ``share_key`` names what the
    share is (:func:`plan_layer`).
    """
    items = []
    for view in views:
        shown = marks.get(view.code, ())
        if not shown:
            continue
        confidence = list(shares.get(view.code, ())) if shares is not None else []
        confidence += [None] * (len(shown) - len(confidence))
        if shares is None:
            badges = "".join(badge_html(style, label, kind=kind)
                             for style, label, kind in shown)
            width, height = 26 * len(shown) + 4, 18
        else:
            badges = "".join(_confidence_badge(badge_html(style, label + _share_words(share,
                                                                                       lang,
                                                                                       share_key),
                                                          kind=kind), share, lang)
                             for (style, label, kind), share in zip(shown, confidence,
                                                                    strict=True))
            width, height = 35 * len(shown) + 4, 32
        lift = 16 if math.dist(view.anchor, (ROOT.lon, ROOT.lat)) < 0.8 else 0
        items.append({
            "code": view.code, "lat": view.anchor[1], "lon": view.anchor[0],
            "html": badges, "cls": f"jz-symbols jz-s-{view.code}",
            "size": [width, height], "anchor": [width / 2, height / 2 + lift],
            "tip": f"<b>{_e(view.name)}</b><br>" + "<br>".join(
                f"{badge_html(style, kind=kind)} {_e(label)}"
                f"{_e(_share_words(share, lang, share_key))}"
                for (style, label, kind), share in zip(shown, confidence, strict=True)),
        })
    return items


#: The acceptability under which a confidence badge is drawn dashed (the stable core's bound).
_STABLE = 0.9


def _share_words(share: float | str | None, lang: Lang, key: str = "confidence") -> str:
    """`` (confidence 92 %)`` for a badge's tooltip, `` (locked: …)`` for a locked pair, or
    nothing without a share."""
    if share is None:
        return ""
    if isinstance(share, str):
        return f" ({word('confidence_locked_words', lang)})"
    return f" ({word(key, lang).lower()} {number(100 * share, 0, lang)} %)"


def _confidence_badge(badge: str, share: float | str | None, lang: Lang) -> str:
    """A badge over its confidence (the share of samples keeping it), dashed if unsure;
    ``locked`` under a pair a lock fixes (its share is 1 by construction, no evidence)."""
    if isinstance(share, str):
        return (f'<span class="jz-conf">{badge}<span class="jz-conf-share jz-conf-locked">'
                f'{_e(word("confidence_locked", lang))}</span></span>')
    shown = DASH if share is None else f"{number(100 * share, 0, lang)}%"
    unsure = " jz-unsure" if share is not None and share < _STABLE else ""
    return (f'<span class="jz-conf{unsure}">{badge}'
            f'<span class="jz-conf-share">{_e(shown)}</span></span>')


def _confidence_key(lang: Lang, key: str = "confidence") -> str:
    """What the figures under the badges mean, for the legend."""
    return (
        f'<div class="jz-legend-themes"><div class="jz-legend-title">'
        f"{_e(word(key, lang))}</div>"
        f'<div class="jz-legend-unit">{_e(word(f"{key}_legend", lang))}</div></div>'
    )


def plan_scales(plans: Sequence[Plan], *, lang: Lang = "en",
                theme: str | None = None) -> dict[Layer, ClassScale]:
    """One class scale per layer over all ``plans`` (for maps that must share a legend)."""
    drawn = [(plan, region_views(plan, lang=lang)) for plan in plans]
    return {layer: class_scale(layer, [value for plan, views in drawn
                                       for value in layer_values(plan, views, layer,
                                                                 theme=theme).values()])
            for layer in LAYERS}


def plan_layer(plan: Plan, *, lang: Lang = "en", theme: str | None = None,
               scales: Mapping[Layer, ClassScale] | None = None, show: Layer | None = None,
               key: bool = True, title: Layer | None = None,
               confidence: Mapping[tuple[str, str], float | str] | None = None,
               share_key: str = "confidence") -> PlanLayer:
    """``plan`` as a layer for a :func:`map_frame` of the default layers.

    Each layer's classes come from ``scales`` (shared by several maps) or from this plan's
    own values. ``show`` forces a layer (maps without a layer switch); ``key`` puts the
    badges' key in the legend; ``title`` writes a title panel (naming that layer).
    ``confidence`` maps ``(region_code, theme_id)`` to a share in [0, 1] (a robustness
    sweep's acceptability), or to ``"locked"`` for a pair a lock fixes, written under each
    badge; ``share_key`` is the text key naming it (``"agreement"``: the share of
    stakeholders whose own plan has the pair).
    """
    show = check_layer(show) if show is not None else None
    title = check_layer(title) if title is not None else None
    views = region_views(plan, lang=lang)
    chosen = strength_theme(plan, theme)
    entries = []
    for layer in LAYERS:
        values = layer_values(plan, views, layer, theme=chosen)
        scale = scales[layer] if scales is not None else class_scale(layer, values.values())
        name = layer_title(layer, lang, plan=plan, theme=chosen)
        entries.append({
            "fills": {code: scale.color(value) for code, value in values.items()},
            "lines": {code: _e(f"{name}: {written_value(layer, value, lang)}")
                      for code, value in values.items()},
            "legend": scale_legend(name, layer_unit(layer, lang), scale, lang,
                                    layer_style(layer).suffix),
        })
    marks = {v.code: [(t.style, t.label, "locked" if t.locked else "") for t in v.themes]
             for v in views}
    any_locked = any(t.locked for v in views for t in v.themes)
    shares = None if confidence is None else {
        v.code: [confidence.get((v.code, t.theme_id)) for t in v.themes] for v in views}
    return PlanLayer({
        "views": entries,
        "heads": {v.code: _tooltip_head(v, lang) for v in views},
        "popups": {v.code: _popup(v, lang) for v in views},
        "badges": _badges(views, marks, shares, lang, share_key),
        "key": (themes_key([plan], lang, root=root_shown(views),
                           kinds=("locked",) if any_locked else ()) if key else "")
        + (_confidence_key(lang, share_key) if confidence is not None else ""),
        "title": _title_html(plan, lang, title) if title is not None else "",
        "show": LAYERS.index(show) if show is not None else None,
    })


#: The fills of the change map: regions whose themes differ, and the others.
CHANGED, UNCHANGED = "#fdb863", "#e7ecf1"


def change_layer(plan: Plan, reference: Plan, *, lang: Lang = "en") -> PlanLayer:
    """What changed from ``reference`` to ``plan``, for a one-layer :func:`map_frame`.

    Regions whose themes differ are filled orange; each region shows the plan's badges
    (the themes it gains ringed) and, struck through, the themes it loses.
    """
    views = region_views(plan, lang=lang)
    before = {v.code: {t.theme_id: t for t in v.themes}
              for v in region_views(reference, lang=lang)}
    marks: dict[str, list[tuple[ThemeStyle, str, str]]] = {}
    fills: dict[str, str] = {}
    lines: dict[str, str] = {}
    for view in views:
        now = {t.theme_id: t for t in view.themes}
        old = before.get(view.code, {})
        gained = [t for theme_id, t in now.items() if theme_id not in old]
        lost = [t for theme_id, t in old.items() if theme_id not in now]
        marks[view.code] = (
            [(t.style, t.label, "gained" if t in gained else ("locked" if t.locked else ""))
             for t in view.themes]
            + [(t.style, t.label, "lost") for t in lost])
        fills[view.code] = CHANGED if gained or lost else UNCHANGED
        words = ([f"+ {t.label}" for t in gained] + [f"\u2212 {t.label}" for t in lost])
        lines[view.code] = _e("; ".join(words) if words else word("unchanged", lang))
    legend = (
        f'<div class="jz-legend-title">{_e(word("change_title", lang))}</div>'
        f'<div class="jz-legend-unit">{_e(word("change_unit", lang, name=reference.scenario.name))}'
        "</div>"
        + "".join(f'<div class="jz-legend-row"><span class="jz-swatch" style="background:{color}">'
                  f"</span>{_e(word(key, lang))}</div>"
                  for color, key in ((CHANGED, "changed"), (UNCHANGED, "unchanged")))
    )
    return PlanLayer({
        "views": [{"fills": fills, "lines": lines, "legend": legend}],
        "heads": {v.code: _tooltip_head(v, lang) for v in views},
        "popups": {v.code: _popup(v, lang) for v in views},
        "badges": _badges(views, marks),
        "key": "",
        "title": "",
        "show": None,
    })


def plan_map(plan: Plan, *, tiles: str | None = None, theme: str | None = None,
             lang: Lang = "en", layer: Layer = "fit",
             confidence: Mapping[tuple[str, str], float | str] | None = None,
             share_key: str = "confidence") -> folium.Map:
    """The interactive map of ``plan``; works offline once saved with :func:`save_map`.

    Regions are coloured by ``layer`` (default their fit; the layer switch offers the
    balance score, the need index and the strength in ``theme``, by default the theme
    assigned most), carry their themes' badges (announced, locked-in ones outlined dark),
    and show a popup and tooltip with names in French and Arabic. ``tiles`` (a folium tile
    name or URL) adds a base map, which needs the network; the default is none.
    ``confidence`` (a robustness sweep's share per pair) is written under each badge;
    ``share_key`` names that share (``"agreement"`` for a consensus's stakeholders).
    """
    layer = check_layer(layer)
    views = region_views(plan, lang=lang)
    fmap = map_frame(views, lang=lang, first=LAYERS.index(layer), tiles=tiles)
    plan_layer(plan, lang=lang, theme=theme, title=layer, confidence=confidence,
               share_key=share_key).add_to(fmap)
    return fmap


def _title_html(plan: Plan, lang: Lang, layer: Layer) -> str:
    """The title panel: scenario name, subtitle, and the plan's key figures."""
    metrics = metrics_of(plan)
    mean_balance = metric_text("mean_balance_score", metrics["mean_balance_score"], lang,
                               decimals=0)
    gini = metric_text("gini", metrics["gini"], lang, decimals=2)
    return (
        f'<div class="jz-title">{_e(word("plan_title", lang, scenario=plan.scenario.name))}</div>'
        f'<div class="jz-subtitle">'
        f'{_e(word("subtitle", lang, layer=word(f"layer_{layer}", lang).lower()))}</div>'
        f'<div class="jz-figures">{_e(word("metric_mean_balance_score", lang))}: '
        f"<b>{_e(mean_balance)}</b><br>"
        f"{_e(word('metric_gini', lang))}: <b>{_e(gini)}</b></div>"
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
