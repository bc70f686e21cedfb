"""The app's maps: a frame that stays on screen, and the plan drawn on it.

Each map is a :func:`~jazari_planner.presentation.webmap.map_frame` (outlines, controls:
the same for every plan of a dataset in a language) and a plan layer
(:func:`~jazari_planner.presentation.webmap.plan_layer`). A frame is rendered once per
dataset and language (:mod:`.map_component`), not on each run. streamlit-folium keys its
component by the frame's script and sends a ``feature_group_to_add`` without reloading the
map, so a re-plan sends only the new plan layer: the map is not rebuilt, the zoom and the
chosen layer stay, and the browser redraws in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import folium
import streamlit as st

import jazari_planner as jp

from ..presentation.layers import LAYERS, Layer
from ..presentation.view import RegionView, region_views
from ..presentation.webmap import PlanLayer, map_frame
from .leaflet import served_by_app
from .map_component import Drawn, FrameParts, frame_parts, show_frame
from .session import lang, leaflet_installed, paths, t

__all__ = ["change_frame", "plan_frame", "show_map", "small_frame"]

#: The app's own lighter panels (the map frame is smaller than a saved map's page), and a
#: map as tall as its frame, which the page's stylesheet may stretch.
_COMPACT_CSS = """
#map_div { min-height: 100vh; }
.jz-panel { padding: 5px 8px; }
.jz-legend-title { font-size: 11.5px; }
.jz-legend-unit { font-size: 10.5px; max-width: 170px; }
.jz-legend-row { font-size: 11px; line-height: 15px; }
.jz-swatch { width: 18px; height: 11px; }
.leaflet-control-layers-expanded { padding: 4px 8px; }
.leaflet-control-layers label { font-size: 12px; }
"""


def _views(plan: jp.Plan) -> list[RegionView]:
    return region_views(plan, lang=lang())


#: Smaller badges for the small multiples, so neighbours' badges do not cover a region.
_SMALL_CSS = """
.jz-badge { min-width: 17px; padding: 0 2px; font-size: 9.5px; line-height: 12px; }
.jz-root-label { display: none; }
"""


def _in_app(fmap: folium.Map, css: str = "") -> folium.Map:
    """A frame served by the app: Leaflet from its static folder, the compact panels."""
    served_by_app(fmap)
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        folium.Element(f"<style>{_COMPACT_CSS}{css}</style>"), name="jazari_app_css")
    return fmap


def _frame(plan: jp.Plan, kind: str, options: tuple[Any, ...],
           build: Callable[[], folium.Map]) -> FrameParts:
    """A frame rendered once per dataset, language, kind and options (never per plan)."""
    dataset = plan.dataset  # held by the cache entry, so its id names it while it lives
    return frame_parts((id(dataset), lang(), kind, *options), build, dataset)


def plan_frame(plan: jp.Plan, *, name: str, layer: Layer = "fit") -> FrameParts:
    """The Plan view's frame: layer switch, legend; zoom and layer kept under ``name``."""
    code = lang()
    return _frame(plan, "plan", (name, layer), lambda: _in_app(map_frame(
        _views(plan), lang=code, first=LAYERS.index(layer), title=False, remember=name)))


def small_frame(plan: jp.Plan, *, name: str) -> FrameParts:
    """A small multiple's frame: no switch and no legend (the page shows one for all)."""
    code = lang()
    return _frame(plan, "small", (name,), lambda: _in_app(map_frame(
        _views(plan), lang=code, layer_control=False, legend=False, title=False,
        remember=name), _SMALL_CSS))


def change_frame(plan: jp.Plan, *, name: str, title: str) -> FrameParts:
    """The frame of a map of what changed: one layer named ``title``, its legend."""
    code = lang()
    return _frame(plan, "change", (name, title), lambda: _in_app(map_frame(
        _views(plan), lang=code, layers=[title], layer_control=False, title=False,
        remember=name)))


def show_map(frame: FrameParts, layer: PlanLayer, *, key: str, height: int,
             drawn: Drawn | None = None) -> bool:
    """Draw ``layer`` on ``frame``; a frame already on screen under ``key`` is kept. Whether
    the map is on the page (else a note says why): only then does ``drawn`` ever report."""
    try:
        leaflet_installed(paths().static)
        serving = bool(st.get_option("server.enableStaticServing"))
        if not serving:
            st.warning(t("static_off"))
        show_frame(frame, layer, key=key, height=height,
                   static_dir=paths().static if serving else None, drawn=drawn)
    except Exception as error:  # the map must never take the rest of the page down
        st.info(t("map_unavailable", reason=str(error) or type(error).__name__))
        return False
    return True
