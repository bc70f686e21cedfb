"""streamlit-folium's map component, fed a frame rendered once.

``st_folium`` renders its whole map to HTML and script on every call: the outlines, the
controls, the stylesheets, ~90 KB and a third of a slider step on a laptop, although a
frame (:func:`~jazari_planner.presentation.webmap.map_frame`) is the same for every plan
of a dataset in a language. :func:`show_frame` renders each frame once per server process
(:func:`frame_parts`, cached by what the frame depends on) and sends the component the
same parts each run, with the plan layer, the only part that changes, as its feature
group; the component keys its map by the frame's script, so the map stays on screen and
only the layer is redrawn, as with ``st_folium``.

The component's frontend reads the frame's script, header and links only when it creates
its map; later runs need only the layer. Yet a component's arguments go to the browser in
full on every run: a frame's script and header (~95 KB) would ride along with each slider
step. :func:`show_frame` therefore publishes each rendered frame once as a static file of
the app (``static/frames/<hash>.js``, named by its content, :func:`published`), which the
component loads like Leaflet itself (and the browser keeps in its cache), and sends a
one-line script that runs it: a step sends the plan layer and a few hundred bytes more.

A frame can also say when it has drawn a layer (``drawn=``): the layer's script then ends
with :func:`_drawn_script`, which sets the component's value to a number once the browser
has painted the new layer, and the component's ``on_change`` runs. The Plan view draws its
map first and the view below it only then (:mod:`.views`): the browser's one thread paints
the map before it lays out the tables below.

This uses streamlit-folium's component and helpers directly (``_component_func``,
``_get_feature_group_string``…, its 0.2x releases); their behaviour is the one
``st_folium`` has, checked by the app's browser tests.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import streamlit as st

from ..common.files import replaced_atomically

__all__ = ["FRAMES_FOLDER", "FRAMES_URL", "Drawn", "FrameParts", "frame_parts", "published",
           "show_frame"]

#: The folder under ``static/`` that holds the published frames (git-ignored: written at run
#: time), and where Streamlit serves it from.
FRAMES_FOLDER = "frames"
FRAMES_URL = f"/app/static/{FRAMES_FOLDER}"


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

    @property
    def digest(self) -> str:
        """The frame's name as a static file: a hash of its header and script."""
        content = f"{self.header}\0{self.script}".encode()
        return hashlib.sha256(content).hexdigest()[:24]


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


@st.cache_resource(show_spinner=False, max_entries=64)
def published(digest: str, static_dir: Path, _parts: FrameParts) -> str:
    """The URL of the frame ``_parts`` as a script of the app's static folder, written once
    per server process (atomically: a browser never reads half of it).

    The script files the frame's header and script under its digest in ``window.jzFrames``;
    :func:`show_frame`'s loader adds the header and runs the script in the page's global
    scope, as the component would have run them (its JSON is pure ASCII: no character
    ends a script early).
    """
    target = static_dir / FRAMES_FOLDER / f"{digest}.js"
    text = (f"(window.jzFrames = window.jzFrames || {{}})[{json.dumps(digest)}] = "
            + json.dumps({"header": _parts.header, "script": _parts.script}) + ";\n")
    if not (target.is_file() and target.read_text(encoding="utf-8") == text):
        with replaced_atomically(target) as temporary:
            temporary.write_text(text, encoding="utf-8")
    return f"{FRAMES_URL}/{digest}.js"


def _loader(digest: str) -> str:
    """The component's script for a published frame: its header, then its script, run in the
    global scope (the component then names the map ``map_div`` there)."""
    return (f"(function (frame) {{ document.head.insertAdjacentHTML('beforeend', frame.header);"
            f" (0, eval)(frame.script); }})(window.jzFrames[{json.dumps(digest)}]);\n")


@dataclass(frozen=True)
class Drawn:
    """Ask a map to report its layer drawn: ``number`` becomes the component's value once the
    browser has painted the layer (a new number each time, so each report is a change), and
    ``then`` runs (the component's ``on_change``)."""

    number: int
    then: Callable[[], None]


def _drawn_script(number: int) -> str:
    """Script that sets the component's value to ``number`` after the next paint.

    ``requestAnimationFrame`` runs just before the browser paints the layer just added; the
    message leaves in the task after that paint. It is the component protocol's own message
    (streamlit-component-lib's ``setComponentValue``, whose component sends none here:
    ``returned_objects`` is empty).
    """
    message = json.dumps({"isStreamlitMessage": True, "type": "streamlit:setComponentValue",
                          "value": number, "dataType": "json"})
    return (f"\nrequestAnimationFrame(function () {{ setTimeout(function () {{"
            f" window.parent.postMessage({message}, '*'); }}, 0); }});\n")


def show_frame(parts: FrameParts, layer: folium.FeatureGroup, *, key: str, height: int,
               static_dir: Path | None = None, drawn: Drawn | None = None) -> None:
    """Draw ``layer`` on the rendered frame ``parts``; a frame on screen under ``key`` is
    kept and only the layer is redrawn. With ``static_dir`` (the folder the app serves at
    ``/app/static``) the frame is sent as a link to its published file; without, inline.
    With ``drawn``, the map reports the layer painted (:class:`Drawn`)."""
    import streamlit_folium as sf

    script, header, js_links = parts.script, parts.header, list(parts.js_links)
    if static_dir is not None:
        digest = parts.digest
        js_links.append(published(digest, static_dir, parts))
        script, header = _loader(digest), ""
    feature_group = _layer_script(layer)
    if drawn is not None:
        feature_group += _drawn_script(drawn.number)
    sf._component_func(
        script=script, header=header, html=parts.html, id=parts.map_id,
        key=sf.generate_js_hash(parts.script, key, False), height=height, width=None,
        returned_objects=[], default={}, zoom=None, center=None,
        feature_group=feature_group, return_on_hover=False, layer_control=None,
        pixelated=False, css_links=list(parts.css_links), js_links=js_links,
        on_change=None if drawn is None else drawn.then, wrap_longitude=False)
