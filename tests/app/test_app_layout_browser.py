"""The Plan view's first screen in headless Chromium, in English, French and Arabic, on a
1366 × 768 laptop and a 1920 × 1080 screen: everything it holds is on screen and no text is
cut (issue 24's layout points).

Each language's screen is measured in the page (bounding boxes, ``scrollWidth`` against
``clientWidth``), not guessed; screenshots are kept in the test's folder to be looked at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import app_page, needs_chromium, settle, wait_for_app
from test_app_browser import MAP_FRAME, ROOT, server

import jazari_planner as jp
from jazari_planner.common.words import LANGUAGE_NAMES, word
from jazari_planner.common.words.numbers import figure

pytestmark = [*needs_chromium, pytest.mark.slow]
__all__ = ["server"]  # the fixture, shared with test_app_browser

SCREENS = [(1366, 768), (1920, 1080)]
_BASELINE = jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")
#: The values of the sidebar's first six sliders on the baseline.
BASELINE_SLIDERS = [_BASELINE.weights["economic"], _BASELINE.weights["academic"],
                    _BASELINE.weights["infrastructure"], _BASELINE.balance, _BASELINE.equity,
                    _BASELINE.min_strength]
LANGUAGES = ("en", "fr", "ar")

#: The page boxes (top, bottom, left, right) of what the first screen must hold.
FIRST_SCREEN = """() => {
    const box = (e) => { const r = e.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    const all = (selector) => [...document.querySelectorAll(selector)].map(box);
    return {tagline: all('.jz-tagline'), title: all('.jz-app-title'),
            map: all('iframe[title="streamlit_folium.st_folium"]').slice(0, 1),
            cards: all("[data-testid='stMetric']"), keyRows: all('.jz-key .jz-legend-row'),
            alerts: all("[data-testid='stMain'] [data-testid='stAlert']")};
}"""

#: The number of lines an element's text runs over (its line boxes' distinct tops).
LINE_COUNT = """(e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const tops = [...range.getClientRects()].filter((r) => r.width > 0)
        .map((r) => r.top).sort((a, b) => a - b);
    return tops.filter((top, i) => i === 0 || top - tops[i - 1] > 5).length;
}"""

#: The number of lines of each element matching ``arg``.
LINES = f"(selector) => [...document.querySelectorAll(selector)].map({LINE_COUNT})"

#: The number of lines of each name in each region's popup, every popup opened in turn.
POPUP_LINES = f"""() => {{
    const counts = [];
    window.jz.regions.eachLayer((layer) => {{
        layer.openPopup();
        counts.push(...[...document.querySelectorAll(
            '.leaflet-popup .jz-pop-name, .leaflet-popup .jz-pop-ar')].map({LINE_COUNT}));
        window.jz.map.closePopup();
    }});
    return counts;
}}"""

#: Every text cut short under the elements matching ``arg``: wider than its box (an
#: ellipsis, or a text running out of it), or taller than a box that hides what overflows
#: (more than a glyph's overhang: a line hidden). Icons drawn from a font's ligature
#: (their name is their text) do not count.
CLIPPED = """(selector) => {
    const cut = [];
    for (const root of document.querySelectorAll(selector)) {
        for (const e of [root, ...root.querySelectorAll('*')]) {
            if (!(e instanceof HTMLElement) || !e.innerText.trim()
                || e.closest("[data-testid='stIconMaterial']")) { continue; }
            const style = getComputedStyle(e);
            if (style.display === 'inline' || style.display === 'contents') { continue; }
            const hides = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
            if (e.scrollWidth > e.clientWidth + 1 && (hides || e.children.length === 0
                                                      || style.display.includes('grid'))) {
                cut.push(['wide', e.innerText.slice(0, 60), e.scrollWidth, e.clientWidth]);
            }
            if (['hidden', 'clip'].includes(style.overflowY)
                && e.scrollHeight > e.clientHeight + 4) {
                cut.push(['tall', e.innerText.slice(0, 60), e.scrollHeight, e.clientHeight]);
            }
        }
    }
    return cut;
}"""

#: Where the first screen's text lives: the header, the status line, the cards, the key and
#: the sidebar's lock tags.
FIRST_SCREEN_TEXT = (".jz-app-title, .jz-tagline, [data-testid='stButtonGroup'], "
                     "[data-testid='stMetric'], .jz-key, [data-testid='stSidebar'] [data-tag]")


def switch_to(page: Any, lang: str) -> None:
    """The page in ``lang`` once its plan and its map are drawn again."""
    if lang != "en":
        page.get_by_text(LANGUAGE_NAMES[lang]).first.click()
    page.get_by_text(word("status_optimal", lang, seconds="")[:8]).first.wait_for()
    show(page)


def show(page: Any) -> None:
    """Wait for the map's badges, the run's end and the fonts (the Arabic one swaps in)."""
    page.frame_locator(MAP_FRAME).first.locator(".jz-symbols").first.wait_for(
        state="attached")
    wait_for_app(page)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    settle(page.locator(MAP_FRAME).first.element_handle().content_frame())


def below(boxes: list[dict[str, float]], height: int) -> list[dict[str, float]]:
    return [b for b in boxes if b["bottom"] > height + 0.5 or b["top"] < 0]


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_first_screen_holds_everything_uncut_in_three_languages(
        server: str, width: int, height: int, tmp_path: Path) -> None:
    """The tagline on one line, the map, the cards and every row of the key above the fold;
    no card title, key row or lock tag cut; the Arabic region names on the map and in its
    popups on one line each (they used to break at their hyphens)."""
    found: dict[str, dict[str, Any]] = {}
    with app_page(server, width=width, height=height) as seen:
        page = seen.page
        for lang in LANGUAGES:
            switch_to(page, lang)
            page.screenshot(path=str(tmp_path / f"first-screen-{lang}-{width}.png"))
            frame = page.locator(MAP_FRAME).first.element_handle().content_frame()
            frame.evaluate("() => window.jz.map.addLayer(window.jz.names)")
            names = frame.evaluate(LINES, ".jz-name [lang=ar]")
            popups = frame.evaluate(POPUP_LINES)
            frame.evaluate("() => { window.jz.map.removeLayer(window.jz.names);"
                           " window.jz.fit(); }")
            found[lang] = {"boxes": page.evaluate(FIRST_SCREEN),
                           "tagline_lines": page.evaluate(LINES, ".jz-tagline"),
                           "cut": page.evaluate(CLIPPED, FIRST_SCREEN_TEXT),
                           "tags": page.locator("[data-testid='stSidebar'] [data-tag]").count(),
                           "sliders": page.locator("[data-testid='stSidebar'] "
                                                   "[data-testid='stSliderThumbValue']")
                                          .all_inner_texts()[:6],
                           "names": names, "popups": popups}
    assert not seen.requests and not seen.errors, (seen.requests[:3], seen.errors[:3])
    for lang, shown in found.items():
        boxes = shown["boxes"]
        assert shown["tagline_lines"] == [1], (lang, "the tagline wraps")
        assert len(boxes["map"]) == 1 and len(boxes["cards"]) == 8, lang
        assert len(boxes["keyRows"]) >= 12, lang
        for part in ("title", "tagline", "map", "cards", "keyRows"):
            assert not below(boxes[part], height), (lang, part, "off the first screen")
        assert all(box["right"] <= width for part in ("tagline", "cards", "keyRows")
                   for box in boxes[part]), (lang, "off the screen's right edge")
        assert shown["tags"] == 21, (lang, "the baseline's 3 + 18 locks as tags")
        # the three weights, balance, equity and the strength floor, written as the page
        # writes numbers (0,3 in French and Arabic), not sprintf's 0.30
        assert shown["sliders"] == [figure(value, lang) for value in BASELINE_SLIDERS], (
            lang, shown["sliders"])
        assert shown["cut"] == [], (lang, shown["cut"][:4])
        if lang == "ar":
            assert len(shown["names"]) == 12 and set(shown["names"]) == {1}, shown["names"]
        assert shown["popups"] and set(shown["popups"]) == {1}, (lang, shown["popups"])


INFEASIBLE = """name: Three in Casablanca
lock_in:
  - {region: "06", theme: finance}
  - {region: "06", theme: logistics}
  - {region: "06", theme: health}
"""


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_a_diagnosis_sits_beside_the_map_not_above_it(server: str, width: int, height: int,
                                                     tmp_path: Path) -> None:
    """Settings with no plan: the diagnosis and the out-of-date warning show beside the map,
    which stays whole on the first screen, in the three languages."""
    upload = tmp_path / "three-in-casablanca.yaml"
    upload.write_text(INFEASIBLE, encoding="utf-8")
    found: dict[str, dict[str, Any]] = {}
    with app_page(server, width=width, height=height) as seen:
        page = seen.page
        switch_to(page, "en")
        page.locator("[data-testid='stSidebar'] input[type=file]").set_input_files(upload)
        for lang in LANGUAGES:
            if lang != "en":
                page.get_by_text(LANGUAGE_NAMES[lang]).first.click()
            page.get_by_text(word("infeasible", lang)).first.wait_for()
            show(page)
            page.screenshot(path=str(tmp_path / f"diagnosis-{lang}-{width}.png"))
            found[lang] = {"boxes": page.evaluate(FIRST_SCREEN),
                           "cut": page.evaluate(CLIPPED, "[data-testid='stMain'] "
                                                         "[data-testid='stAlert']")}
    assert not seen.requests and not seen.errors, (seen.requests[:3], seen.errors[:3])
    for lang, shown in found.items():
        boxes = shown["boxes"]
        (map_box,) = boxes["map"]
        alerts = boxes["alerts"]
        assert len(alerts) == 2, (lang, "the diagnosis and the out-of-date warning")
        assert not below([map_box], height), (lang, "the map is pushed off the first screen")
        assert map_box["top"] < 0.25 * height, (lang, "the map is pushed down")
        for alert in alerts:
            assert alert["top"] < height, (lang, "a message below the fold")
            beside = (alert["left"] >= map_box["right"] if lang != "ar"
                      else alert["right"] <= map_box["left"])
            assert beside, (lang, "a message is not beside the map", alert, map_box)
        assert shown["cut"] == [], (lang, shown["cut"][:4])


#: The region codes whose badges' anchor is outside the map's frame (lon, lat in ``arg``).
OFF_THE_MAP = """(anchors) => { const map = window.jz.map; const size = map.getSize();
    return Object.entries(anchors).filter(([, [lon, lat]]) => {
        const p = map.latLngToContainerPoint([lat, lon]);
        return p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y; }).map(([code]) => code); }"""


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_a_popup_hands_the_whole_country_back_when_it_closes(server: str, width: int,
                                                             height: int) -> None:
    """A northern region's popup pans the map to fit (Dakhla leaves the frame at 1366 × 768);
    once it closes, every region is back on the map."""
    import jazari_planner as jp
    from jazari_planner.presentation.view import region_views

    views = region_views(jp.solve(jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")))
    anchors = {view.code: list(view.anchor) for view in views}
    north = max(views, key=lambda view: view.anchor[1])
    point = north.geometry.representative_point()
    with app_page(server, width=width, height=height) as seen:
        page = seen.page
        switch_to(page, "en")
        frame = page.locator(MAP_FRAME).first.element_handle().content_frame()
        assert frame.evaluate(OFF_THE_MAP, anchors) == [], "the country does not fit at first"
        panned = frame.evaluate("""([code, lon, lat]) => new Promise((done) => {
            const map = window.jz.map;
            let panning = false;
            map.once('autopanstart', () => {
                panning = true;
                map.once('moveend', () => done(true));
            });
            window.jz.regions.eachLayer((layer) => {
                if (layer.feature.properties.code === code) { layer.openPopup([lat, lon]); }
            });
            if (!panning) { done(false); }
        })""", [north.code, point.x, point.y])
        settle(frame)
        while_open = frame.evaluate(OFF_THE_MAP, anchors)
        frame.evaluate("() => window.jz.map.closePopup()")
        settle(frame)
        after = frame.evaluate(OFF_THE_MAP, anchors)
    assert not seen.requests and not seen.errors
    if (width, height) == (1366, 768):  # the popup does not fit above the north unpanned
        assert panned and while_open, "the popup should have panned the map (test premise)"
    assert after == [], f"regions left off the map after the popup closed: {after}"
