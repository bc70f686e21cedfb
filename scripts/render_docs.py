"""Regenerate the rendered examples shown in docs/maps.md from the embedded data.

    python scripts/render_docs.py            # writes docs/img/*.png and docs/example-deck.pptx

Solves the scenarios in ``scenarios/`` with the real solver, then writes:

- ``docs/img/app.png``: the app (``streamlit run app.py``) on the baseline, as a planner's
  1366 × 768 laptop shows it, in headless Chromium with every request off the app's own
  server aborted; ``app-fr.png`` and ``app-ar.png`` the same in French and in Arabic;
- ``docs/img/map.png``: a screenshot of the saved ``map.html`` in headless Chromium with the
  network disabled (``/usr/bin/chromium``, driven by playwright), and ``map-popup.png`` with
  a region's popup open;
- ``docs/img/plan.png`` (the slide figure), ``plan-fr.png`` (in French) and ``plan-ar.png``
  (in Arabic);
- ``docs/img/comparison.png`` (small multiples of four scenarios);
- ``docs/img/frontier.png`` (the efficiency–balance frontier of ``tight-budget.yaml``);
- ``docs/img/timeline.png`` and ``docs/img/roadmap.png`` (``roadmap-2030.yaml``'s timeline
  and maps by year);
- ``docs/example-deck.pptx`` (the five-slide deck of the baseline).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import jazari_planner as jp
from jazari_planner.common.words import LANGUAGE_NAMES, word
from jazari_planner.presentation import (
    save_comparison,
    save_deck,
    save_figure,
    save_map,
    save_roadmap_maps,
    save_timeline,
)
from jazari_planner.presentation.frontier_figure import save_frontier
from jazari_planner.scenario.reader import from_yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
COMPARED = ("baseline", "cohesion", "excellence", "tight-budget")
#: The region whose popup is opened for map-popup.png (Drâa-Tafilalet: a large inland region).
POPUP_REGION = "08"
#: The scenario whose frontier docs/img/frontier.png shows: a budget makes regions compete for
#: their second specialization, so the trade-off has several steps (six points).
FRONTIER = "tight-budget"


def _solve(name: str, dataset: jp.Dataset) -> jp.Plan:
    return jp.solve(from_yaml(ROOT / "scenarios" / f"{name}.yaml"), dataset)


def _screenshots(html: Path, out: Path, plan: jp.Plan) -> None:
    """The offline map in Chromium: plain, then with one region's popup open."""
    from playwright.sync_api import sync_playwright

    from jazari_planner.presentation.view import region_views

    view = next(v for v in region_views(plan) if v.code == POPUP_REGION)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(offline=True, viewport={"width": 1280, "height": 860},
                                          device_scale_factor=1.5)
            requests: list[str] = []

            def offline(route: Any) -> None:
                if route.request.url.startswith(("file:", "data:")):
                    route.continue_()
                else:
                    requests.append(route.request.url)
                    route.abort()

            context.route("**/*", offline)
            page = context.new_page()
            page.goto(html.resolve().as_uri(), wait_until="load")
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / "map.png"))
            x, y = page.evaluate(
                """([lon, lat]) => {
                    const name = Object.keys(window).find(
                        (k) => k.startsWith('map_') && window[k] instanceof L.Map);
                    const p = window[name].latLngToContainerPoint([lat, lon]);
                    return [p.x, p.y];
                }""",
                [view.anchor[0], view.anchor[1] - 0.6],
            )
            page.mouse.click(x, y)
            page.locator(".leaflet-popup-content").wait_for()
            page.mouse.move(5, 600)  # off the regions: no tooltip over the popup
            page.wait_for_timeout(600)  # the popup's fade-in
            page.screenshot(path=str(out / "map-popup.png"))
        finally:
            browser.close()
    if requests:
        raise SystemExit(f"the map made network requests: {requests}")


#: The laptop screen the app's screenshot shows (issue 13: the app is tried at 1366 × 768).
APP_VIEWPORT = (1366, 768)


def _app_screenshot(out: Path) -> None:
    """The app on its first scenario, in Chromium at :data:`APP_VIEWPORT`, offline."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import app_page, streamlit_server, wait_for_app

    width, height = APP_VIEWPORT
    with tempfile.TemporaryDirectory(prefix="jazari-render-app-") as folder, \
            streamlit_server(ROOT, Path(folder) / "streamlit.log",
                             env={"JAZARI_PLANNER_HOME": str(Path(folder) / "home")}) as url, \
            app_page(url, width=width, height=height) as seen:
        page = seen.page
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
        for lang, name in (("en", "app.png"), ("fr", "app-fr.png"), ("ar", "app-ar.png")):
            if lang != "en":
                page.get_by_text(LANGUAGE_NAMES[lang]).first.click()
                page.get_by_text(word("status_optimal", lang, seconds="")[:8]).first.wait_for(
                    timeout=300_000)
            frame.locator(".jz-symbols").first.wait_for(state="attached", timeout=300_000)
            wait_for_app(page)
            page.wait_for_timeout(1500)  # the map's fit and the fonts
            page.screenshot(path=str(out / name))
        if seen.requests or seen.errors:
            raise SystemExit(f"the app made requests {seen.requests} or errors {seen.errors}")


def render_frontier(dataset: jp.Dataset, images: Path) -> Path:
    """``frontier.png``: the frontier of :data:`FRONTIER`, 11 levels."""
    scenario = from_yaml(ROOT / "scenarios" / f"{FRONTIER}.yaml")
    return save_frontier(jp.frontier(scenario, dataset), images / "frontier.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="docs folder")
    parser.add_argument("--no-browser", action="store_true", help="skip the map screenshots")
    args = parser.parse_args(argv)
    images = args.docs / "img"
    images.mkdir(parents=True, exist_ok=True)
    dataset = jp.load_dataset()
    plans = {name: _solve(name, dataset) for name in COMPARED}
    baseline = plans["baseline"]

    save_figure(baseline, images / "plan.png")
    save_figure(baseline, images / "plan-fr.png", lang="fr")
    save_figure(baseline, images / "plan-ar.png", lang="ar")
    save_comparison(list(plans.values()), images / "comparison.png")
    render_frontier(dataset, images)
    save_deck(baseline, args.docs / "example-deck.pptx")
    roadmap = _solve("roadmap-2030", dataset)
    save_timeline(roadmap, images / "timeline.png")
    save_roadmap_maps(roadmap, images / "roadmap.png")
    if not args.no_browser:
        with tempfile.TemporaryDirectory() as folder:
            html = save_map(baseline, Path(folder) / "map.html")
            _screenshots(html, images, baseline)
        _app_screenshot(images)
    names = ["plan.png", "plan-fr.png", "plan-ar.png", "comparison.png", "frontier.png",
             "timeline.png", "roadmap.png"]
    names += [] if args.no_browser else ["map.png", "map-popup.png", "app.png", "app-fr.png",
                                         "app-ar.png"]
    for path in [*(images / name for name in names), args.docs / "example-deck.pptx"]:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
