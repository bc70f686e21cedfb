"""streamlit-folium's map component, fed a frame rendered once.

``st_folium`` renders its whole map to HTML and script on every call: the outlines, the
controls, the stylesheets, ~90 KB and a third of a slider step on a laptop, although a
frame (:func:`~jazari_planner.presentation.webmap.map_frame`) is the same for every plan
of a dataset in a language. :func:`show_frame` renders each frame once per server process
(:func:`frame_parts`, cached by what the frame depends on) and sends the component the
same parts each run, with the plan layer, the only part that changes, as its feature
group; the component keys its map by the frame's script, so the map stays on screen and
only the layer is redrawn, as with ``st_folium``.

This uses streamlit-folium's component and helpers directly (``_component_func``,
``_get_feature_group_string``…, its 0.2x releases); their behaviour is the one
``st_folium`` has, checked by the app's browser tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import folium
import streamlit as st

__all__ = ["FrameParts", "frame_parts", "show_frame"]


@dataclass(frozen=True)
class FrameParts:
    """What the component needs of a frame, rendered: its script, header and HTML, its
    map's id, the stylesheets and scripts it links, and the key the component keys it by.
    ``owner`` holds what the frame was built from, so the objects its cache key names by
    identity live as long as the entry."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    owner: object = None


@st.cache_resource(show_spinner=False, max_entries=32)
def frame_parts(key: tuple[Any, ...], _build: Callable[[], folium.Map],
                _owner: object = None) -> FrameParts:
    """The frame ``_build`` makes, rendered once per ``key`` (what the frame depends on)."""
    import streamlit_folium as sf

    fmap = _build()
    fmap.get_root().render()
    fmap.render()  # type: ignore[no-untyped-call]
    html, header = sf._get_html(fmap), sf._get_header(fmap)  # before: the next alters fmap
    script = sf._get_map_string(fmap)
    css: list[str] = []
    js: list[str] = []
    for element in _elements(fmap):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return FrameParts(script, header, html, sf.get_full_id(fmap), tuple(dict.fromkeys(css)),
                      tuple(dict.fromkeys(js)), _owner)


def _elements(element: Any) -> Any:
    """``element`` and everything under it."""
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


def _layer_script(layer: folium.FeatureGroup) -> str:
    """The plan layer as the component's feature group: a script that adds it to the map."""
    import streamlit_folium as sf

    holder = folium.Map(tiles=None)  # a throwaway map: the script names the frame's map_div
    return str(sf._get_feature_group_string(layer, map=holder, idx=0))


def show_frame(parts: FrameParts, layer: folium.FeatureGroup, *, key: str, height: int) -> None:
    """Draw ``layer`` on the rendered frame ``parts``; a frame on screen under ``key`` is
    kept and only the layer is redrawn."""
    import streamlit_folium as sf

    sf._component_func(
        script=parts.script, header=parts.header, html=parts.html, id=parts.map_id,
        key=sf.generate_js_hash(parts.script, key, False), height=height, width=None,
        returned_objects=[], default={}, zoom=None, center=None,
        feature_group=_layer_script(layer), return_on_hover=False, layer_control=None,
        pixelated=False, css_links=list(parts.css_links), js_links=list(parts.js_links),
        on_change=None, wrap_longitude=False)
