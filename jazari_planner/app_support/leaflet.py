"""Leaflet served by the app itself, so the map draws with no network.

streamlit-folium's component loads every script its map lists in ``default_js`` with a
``<script src>`` tag and adds the map's header with ``innerHTML`` (where inline scripts do
not run). The web map inlines Leaflet in its header for the saved HTML file; in the app that
copy never runs, so the component needs Leaflet as a URL. :func:`install_leaflet` copies
Leaflet from the ``django-js-lib-leaflet`` package into the app's ``static/`` folder at
start-up (Streamlit serves it at ``/app/static/`` with ``server.enableStaticServing``), and
:func:`app_map` points the map at that copy instead of a CDN.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import folium
from branca.element import Element

from .._io import replaced_atomically
from ..presentation import plan_map
from .i18n import Lang

if TYPE_CHECKING:
    from ..plan import Plan

__all__ = ["LEAFLET_FILES", "LEAFLET_FOLDER", "LEAFLET_URL", "app_map", "install_leaflet"]

#: Leaflet's files the app serves, inside the ``js_lib_leaflet`` package data.
LEAFLET_FILES: tuple[str, ...] = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)
#: The folder under ``static/`` that holds them (git-ignored: copied, never committed).
LEAFLET_FOLDER = "leaflet"
#: Where Streamlit serves ``static/leaflet/`` from.
LEAFLET_URL = f"/app/static/{LEAFLET_FOLDER}"

_PACKAGE_DIR = "static/js_lib_leaflet"

#: Smaller panels for the map's frame in the app, narrower than a saved map's full page.
_COMPACT_PANELS = """
.jz-panel { padding: 5px 8px; }
.jz-title-panel { max-width: 230px; }
.jz-title { font-size: 13px; }
.jz-subtitle, .jz-figures, .jz-legend-unit { font-size: 10.5px; }
.jz-legend-row { font-size: 10.5px; line-height: 14px; }
.jz-legend-row .jz-badge { font-size: 9.5px; line-height: 12px; min-width: 19px; }
.jz-swatch { width: 16px; height: 10px; }
.leaflet-control-layers-expanded { padding: 4px 7px; }
.leaflet-control-layers label { font-size: 11px; }
"""


def install_leaflet(static_dir: str | os.PathLike[str]) -> Path:
    """Copy Leaflet into ``static_dir/leaflet`` where missing or different; return that folder.

    Each file is written under a temporary name and renamed, so a browser never reads half
    a script, and two app processes starting together do not clash.
    """
    target = Path(static_dir) / LEAFLET_FOLDER
    source_root = files("js_lib_leaflet").joinpath(_PACKAGE_DIR)
    for name in LEAFLET_FILES:
        data = source_root.joinpath(name).read_bytes()
        destination = target / name
        if destination.is_file() and destination.read_bytes() == data:
            continue
        with replaced_atomically(destination) as temporary:
            temporary.write_bytes(data)
    return target


def app_map(plan: Plan, *, lang: Lang = "en",
            confidence: Mapping[tuple[str, str], float] | None = None) -> folium.Map:
    """The plan's web map, loading Leaflet from the app's own ``/app/static/leaflet/``.

    The inline copy of Leaflet meant for the saved HTML file is dropped (it cannot run in
    the component and would be sent on every rerun); the inline stylesheet is kept.
    ``confidence`` (a robustness sweep's share per pair) puts each one under its badge.
    """
    fmap = plan_map(plan, lang=lang, confidence=confidence)
    header = fmap.get_root().header  # type: ignore[attr-defined]
    header._children.pop("leaflet_js", None)
    header.add_child(Element(f"<style>{_COMPACT_PANELS}</style>"), name="jazari_app_css")
    fmap.default_js = [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
    return fmap

