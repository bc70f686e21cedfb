"""The app in Arabic, seen by headless Chromium: right to left, in the served Arabic font,
the map whole on screen, at 1366 × 768 and on a large screen.

Screenshots are kept in the test's folder (``arabic-<width>.png``) to be looked at; the
assertions check what a reader of Arabic needs: the page's direction, the Arabic words, the
font the app serves, and the map and its key within the first screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import app_page, needs_chromium, streamlit_server, wait_for_app

from jazari_planner.app.fonts import FONT_URL
from jazari_planner.app.saved import HOME_VARIABLE
from jazari_planner.common.words import LANGUAGE_NAMES, word

pytestmark = [*needs_chromium, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 180  # a first render on a loaded 2-core machine can take minutes
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("app-server-ar")
    try:
        with streamlit_server(ROOT, folder / "streamlit.log",
                              env={HOME_VARIABLE: str(folder / "home")},
                              startup_seconds=STARTUP_SECONDS) as url:
            yield url
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_the_page_reads_right_to_left_in_arabic(server: str, width: int, height: int,
                                                tmp_path: Path) -> None:
    with app_page(server, width=width, height=height) as seen:
        page = seen.page
        served: dict[str, int] = {}
        page.on("response", lambda response: served.__setitem__(response.url, response.status))
        frame = page.frame_locator(MAP_FRAME).first
        frame.locator(".jz-symbols").first.wait_for(state="attached",
                                                    timeout=STARTUP_SECONDS * 1000)
        wait_for_app(page)
        page.get_by_text(LANGUAGE_NAMES["ar"]).first.click(timeout=60_000)
        page.get_by_text(word("status_optimal", "ar", seconds="")[:9]).first.wait_for(
            timeout=STARTUP_SECONDS * 1000)
        frame.locator(".jz-symbols").first.wait_for(state="attached",
                                                    timeout=STARTUP_SECONDS * 1000)
        wait_for_app(page)
        page.wait_for_timeout(1500)  # the font swaps in
        page.screenshot(path=str(tmp_path / f"arabic-{width}.png"))
        main = page.evaluate(
            """() => { const m = document.querySelector("[data-testid='stMain']");
                       const p = m.querySelector('.jz-tagline');
                       return [getComputedStyle(m).direction, getComputedStyle(p).fontFamily,
                               document.fonts.check("16px 'Noto Sans Arabic'", 'جهة')]; }""")
        title = page.locator(".jz-app-title").bounding_box()
        key = page.locator(".jz-key").bounding_box()
        box = page.locator(MAP_FRAME).first.bounding_box()
        tagline = page.locator(".jz-tagline").inner_text()
    direction, family, font_loaded = main
    assert direction == "rtl"
    assert family.startswith('"Noto Sans Arabic"') and font_loaded
    assert tagline == word("tagline", "ar")
    assert title is not None and title["x"] > width / 2, "the title sits on the right"
    assert box is not None and box["y"] < height and box["x"] >= 0
    assert key is not None and key["y"] + key["height"] <= height, "the badge key is below"
    fonts = [url for url in served if url.endswith(FONT_URL)]
    assert fonts and all(served[url] == 200 for url in fonts)
    assert not seen.requests, f"the app tried to reach the network: {seen.requests[:5]}"
    assert not seen.errors, seen.errors
