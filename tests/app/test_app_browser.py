"""The app end to end: ``streamlit run app.py`` in a real server, seen by headless Chromium.

Every request that does not go to the app's own server on 127.0.0.1 is aborted and
recorded, so the tests prove the app works with no network: Leaflet must come from the
app's ``/app/static/leaflet/`` (copied at start-up), not from a CDN. They look at the page
as a planner on a 1366 × 768 laptop would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser import PATIENCE_MS, app_page, needs_chromium, settle, streamlit_server, wait_for_app

import jazari_planner as jp
from jazari_planner.app.saved import HOME_VARIABLE

pytestmark = [*needs_chromium, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = PATIENCE_MS // 1000
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` on a free port of 127.0.0.1; yields its URL.

    Saved scenarios go to a folder of the test's own (``JAZARI_PLANNER_HOME``).
    """
    folder = tmp_path_factory.mktemp("app-server")
    try:
        with streamlit_server(ROOT, folder / "streamlit.log",
                              env={HOME_VARIABLE: str(folder / "home")},
                              startup_seconds=STARTUP_SECONDS) as url:
            yield url
    except RuntimeError as error:
        pytest.fail(str(error))


def wait_for_map(page: Any) -> Any:
    """The plan map's frame, once its regions are drawn."""
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator(".leaflet-overlay-pane path").first.wait_for(
        state="attached")
    return frame


#: True once the scenario's YAML on the page holds the line ``arg`` (a run's own result).
YAML_SHOWS = """(line) => [...document.querySelectorAll('pre.jz-yaml')]
    .some((e) => e.textContent.startsWith('name:') && e.textContent.includes(line))"""


def scenario_on_screen(page: Any) -> dict[str, Any]:
    """The scenario the page shows as YAML (the text of the YAML download)."""
    text = page.evaluate(
        """() => [...document.querySelectorAll('pre.jz-yaml')]
                 .map((e) => e.textContent).find((t) => t.startsWith('name:')) || ''""")
    data: dict[str, Any] = yaml.safe_load(text) or {}
    return data


def locks(page: Any) -> tuple[int, int]:
    shown = scenario_on_screen(page)
    return len(shown.get("lock_in", [])), len(shown.get("lock_out", []))


def test_the_app_draws_its_map_with_no_network(server: str) -> None:
    with app_page(server, width=1600, height=1000) as seen:
        served: dict[str, int] = {}
        seen.page.on("response", lambda response: served.__setitem__(response.url,
                                                                       response.status))
        seen.page.reload(wait_until="domcontentloaded")
        frame = wait_for_map(seen.page)
        assert frame.locator(".leaflet-overlay-pane path").count() >= 12  # the 12 regions
        seen.page.get_by_text("Optimal plan").first.wait_for()
        seen.page.get_by_text("Français").first.click()
        seen.page.get_by_text("Plan optimal").first.wait_for()
        wait_for_map(seen.page)
    assert not seen.requests, f"the app tried to reach the network: {seen.requests[:5]}"
    leaflet = [url for url in served if url.endswith("/app/static/leaflet/leaflet.js")]
    assert leaflet and all(served[url] == 200 for url in leaflet)
    assert not seen.errors, seen.errors


def test_switching_language_keeps_every_lock(server: str) -> None:
    """English → Français → one slider step → English: every lock survives (issue 13.1)."""
    with app_page(server) as seen:
        page = seen.page
        wait_for_map(page)
        wait_for_app(page)
        before = locks(page)
        assert before == (3, 18)  # the baseline's announced institutes and exclusions
        page.get_by_text("Français").first.click()
        page.get_by_text("Plan optimal").first.wait_for()
        wait_for_app(page)
        assert locks(page) == before
        balance = scenario_on_screen(page).get("balance", jp.Scenario(name="default").balance)
        page.locator('input[type=range][aria-label^="Équilibre"]').focus()
        page.keyboard.press("ArrowRight")  # one step of 0.05
        page.wait_for_function(YAML_SHOWS, arg=f"balance: {round(balance + 0.05, 2)}\n")
        wait_for_app(page)
        assert locks(page) == before
        page.get_by_text("English").first.click()
        page.get_by_text("Optimal plan").first.wait_for()
        wait_for_app(page)
        assert locks(page) == before
    assert not seen.requests and not seen.errors



def test_a_language_switch_then_a_quick_click_keeps_every_setting(server: str) -> None:
    """Français, then a view chosen a moment later, in four fresh sessions: the weights and
    the name stay the scenario's (the browser once sent the sliders' defaults back, 0 for
    every weight, in one switch out of three or four)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with app_page(server) as seen:
        for attempt in range(4):
            page = seen.page.context.new_page()
            page.goto(server, wait_until="domcontentloaded")
            page.get_by_text("Optimal plan").first.wait_for()
            page.get_by_text("Français").first.click()
            page.get_by_text("Plan optimal").first.wait_for()
            # the stimulus, not a wait: the click lands at another moment of the switch's run
            page.wait_for_timeout(300 * attempt)
            view = page.locator("[data-testid='stButtonGroup']").get_by_text(
                "Robustesse", exact=True)
            for _ in range(3):  # a click during the switch's rerun may be lost: click again
                view.click()  # (clicking the chosen view keeps it chosen)
                try:
                    page.get_by_label("Tirages").wait_for(timeout=60_000)
                    break
                except PlaywrightTimeout:
                    continue
            wait_for_app(page)
            weights = page.locator("[data-testid='stSliderThumbValue']").all_text_contents()[:3]
            assert weights == ["1"] * 3, (attempt, weights)  # not 0: the scenario's
            assert page.get_by_label("Nom du scénario").input_value() == "Baseline", attempt
            page.close()
    assert not seen.requests and not seen.errors


#: For each region, the page position of a point inside it (its representative point, and
#: the anchor its badges sit on) and what the page shows topmost there.
PROBE = """(points) => {
    const map = window.jz.map;
    const box = map.getContainer().getBoundingClientRect();
    return Object.entries(points).flatMap(([code, places]) => places.map(([lon, lat]) => {
        const p = map.latLngToContainerPoint([lat, lon]);
        const x = box.left + p.x, y = box.top + p.y;
        const top = document.elementFromPoint(x, y);
        const own = top && (top.closest('.jz-s-' + code) ? 'badge'
            : (top.classList && top.classList.contains('jz-r-' + code) ? 'region'
               : (top.getAttribute('class') || top.tagName)));
        return {code: code, x: x, y: y, top: own};
    }));
}"""

#: The rectangles of the panels drawn over a map (zoom, layer switch, legend, scale…).
CONTROLS = """() => [...document.querySelectorAll('.leaflet-control')]
    .filter((e) => !e.classList.contains('leaflet-control-attribution'))
    .map((e) => e.getBoundingClientRect())
    .filter((r) => r.width > 0)
    .map((r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom}))"""


def inner_points(plan: jp.Plan) -> dict[str, list[tuple[float, float]]]:
    """Per region code: its representative point and its badges' anchor (lon, lat)."""
    from jazari_planner.presentation.view import region_views

    return {view.code: [(view.geometry.representative_point().x,
                         view.geometry.representative_point().y), view.anchor]
            for view in region_views(plan)}


def map_frame_of(page: Any, index: int = 0) -> tuple[Any, dict[str, float]]:
    """The ``index``-th map's frame and its iframe's position on the page."""
    element = page.locator(MAP_FRAME).nth(index)
    return element.element_handle().content_frame(), element.bounding_box()


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (a["right"] <= b["left"] or b["right"] <= a["left"]
                or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_the_whole_country_fits_the_first_screen(server: str, width: int, height: int) -> None:
    """Each region's inner points are on screen and nothing covers them but the region or
    its own badges; the legend and the badge key are on screen too (issue 13.3)."""
    baseline = jp.solve(jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml"))
    with app_page(server, width=width, height=height) as seen:
        page = seen.page
        wait_for_map(page)
        wait_for_app(page)
        frame, box = map_frame_of(page)
        frame.locator(".jz-symbols").first.wait_for(state="attached")
        settle(frame)
        box = map_frame_of(page)[1]  # where the frame is once the page is still
        probes = frame.evaluate(PROBE, inner_points(baseline))
        legend = frame.locator(".jz-legend").bounding_box()
        collapsed = frame.locator(".leaflet-control-layers-expanded").count() == 0
        key = page.locator(".jz-key").bounding_box()
        on_top = [page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.getAttribute('title')",
            [box["x"] + p["x"], box["y"] + p["y"]]) for p in probes]
    assert len(probes) == 24
    for probe, top in zip(probes, on_top, strict=True):
        x, y = box["x"] + probe["x"], box["y"] + probe["y"]
        assert 0 <= x < width and 0 <= y < height, f"region {probe['code']} off screen"
        assert top == "streamlit_folium.st_folium", f"region {probe['code']} covered: {top}"
        assert probe["top"] in ("region", "badge"), probe
    assert collapsed, "the layer switch starts folded"
    assert legend is not None and legend["y"] + legend["height"] <= height  # page coordinates
    assert key is not None and key["y"] + key["height"] <= height, "the badge key is below"
    assert not seen.requests and not seen.errors


def test_popups_open_clear_of_the_controls(server: str) -> None:
    baseline = jp.solve(jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml"))
    with app_page(server) as seen:
        wait_for_map(seen.page)
        wait_for_app(seen.page)
        frame, _ = map_frame_of(seen.page)
        frame.locator(".jz-symbols").first.wait_for(state="attached")
        clashes = []
        settle(frame)
        for code, (point, _anchor) in inner_points(baseline).items():
            # resolves once the popup is open and the map's pan that moves it clear has ended
            frame.evaluate(
                """([code, lon, lat]) => new Promise((done) => {
                    const map = window.jz.map;
                    window.jz.fit();
                    let panning = false;
                    map.once('autopanstart', () => {
                        panning = true;
                        map.once('moveend', () => done(true));
                    });
                    window.jz.regions.eachLayer((layer) => {
                        if (layer.feature.properties.code === code) {
                            layer.openPopup([lat, lon]);
                        }
                    });
                    if (!panning) { done(false); }
                })""", [code, *point])
            settle(frame)
            rect = frame.evaluate("""() => {
                const r = document.querySelector('.leaflet-popup').getBoundingClientRect();
                return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
            }""")  # in the frame's coordinates, as the controls'
            clashes += [code for control in frame.evaluate(CONTROLS) if overlaps(rect, control)]
            frame.evaluate("() => window.jz.map.closePopup()")
    assert clashes == [], f"popups under a control: {clashes}"


def test_a_replan_keeps_the_zoom_and_the_chosen_layer(server: str) -> None:
    with app_page(server) as seen:
        page = seen.page
        wait_for_map(page)
        wait_for_app(page)
        frame, _ = map_frame_of(page)
        frame.locator(".jz-symbols").first.wait_for(state="attached")
        settle(frame)
        frame.evaluate("() => { window.__sameFrame = true; }")
        fitted = frame.evaluate("() => window.jz.map.getZoom()")
        frame.locator(".leaflet-control-zoom-in").click()
        frame.wait_for_function("(fitted) => window.jz.map.getZoom() > fitted", arg=fitted)
        frame.hover(".leaflet-control-layers")
        frame.get_by_label("Balance score", exact=True).check()
        page.mouse.move(5, 5)
        frame.wait_for_function("() => window.jz.view === 1"
                                " && !document.querySelector('.leaflet-control-layers-expanded')")
        settle(frame)
        zoom = frame.evaluate("() => window.jz.map.getZoom()")
        fills = frame.evaluate("() => JSON.stringify(window.jz.data.views[1].fills)")
        page.locator('input[type=range][aria-label^="Economic"]').focus()
        for _ in range(10):  # economic weight 1.0 -> 1.5: a different plan
            page.keyboard.press("ArrowRight")
        page.wait_for_function(YAML_SHOWS, arg="\n  economic: 1.5\n")
        wait_for_app(page)
        frame.wait_for_function(
            "(old) => JSON.stringify(window.jz.data.views[1].fills) !== old", arg=fills)
        settle(frame)
        same = frame.evaluate("() => window.__sameFrame === true")
        after = frame.evaluate("() => [window.jz.map.getZoom(), window.jz.view]")
        legend = frame.locator(".jz-legend").inner_text()
    assert same, "the map was rebuilt on a re-plan"
    assert after == [zoom, 1], "the zoom or the chosen layer was lost"
    assert "Balance score" in legend
    assert not seen.requests and not seen.errors


def test_the_compare_maps_leave_every_region_in_view(server: str) -> None:
    """The small maps carry no panel over the country: every inner point shows its region or
    its badges."""
    plans = {"current": jp.solve(jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")),
             "cohesion": jp.solve(jp.Scenario.from_yaml(ROOT / "scenarios" / "cohesion.yaml"))}
    with app_page(server) as seen:
        page = seen.page
        wait_for_map(page)
        page.locator("[data-testid=stButtonGroup] button", has_text="Compare").click()
        page.locator(MAP_FRAME).nth(1).wait_for(state="attached")
        wait_for_app(page)
        page.locator(MAP_FRAME).nth(1).scroll_into_view_if_needed()
        results = []
        for index, plan in enumerate(plans.values()):
            frame, _ = map_frame_of(page, index)
            frame.wait_for_selector(".jz-symbols", state="attached")
            settle(frame)
            results.append(frame.evaluate(PROBE, {code: [anchor] for code, (_, anchor)
                                                  in inner_points(plan).items()}))
    for probes in results:
        assert len(probes) == 12
        covered = [p for p in probes if p["top"] not in ("region", "badge")]
        assert covered == [], covered
    assert not seen.requests and not seen.errors
