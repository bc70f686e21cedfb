"""Leaflet served by the app itself, so the map draws with no network.

streamlit-folium's component loads every script its map lists in ``default_js`` with a
``<script src>`` tag and adds the map's header with ``innerHTML`` (where inline scripts do
not run). The web map inlines Leaflet in its header for the saved HTML file; in the app that
copy never runs, so the component needs Leaflet as a URL. :func:`install_leaflet` copies
Leaflet from the ``django-js-lib-leaflet`` package into the app's ``static/`` folder at
start-up (Streamlit serves it at ``/app/static/`` with ``server.enableStaticServing``), and
:func:`served_by_app` points a map at that copy instead.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import folium

from ..common.files import replaced_atomically

__all__ = ["LEAFLET_FILES", "LEAFLET_FOLDER", "LEAFLET_URL", "install_leaflet", "served_by_app"]

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


def served_by_app(fmap: folium.Map) -> folium.Map:
    """``fmap`` loading Leaflet from the app's own ``/app/static/leaflet/``.

    The inline copy of Leaflet meant for the saved HTML file is dropped (it cannot run in
    the component and would be sent on every rerun); the inline stylesheets are kept.
    """
    header = fmap.get_root().header  # type: ignore[attr-defined]
    header._children.pop("leaflet_js", None)
    fmap.default_js = [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
    return fmap
