"""The app end to end: ``streamlit run app.py`` in a real server, seen by headless Chromium.

Every request that does not go to the app's own server on 127.0.0.1 is aborted and
recorded, so the test proves the map draws with no network: Leaflet must come from the
app's ``/app/static/leaflet/`` (copied at start-up), not from a CDN.

Set ``JAZARI_APP_SCREENSHOT=docs/img/app.png`` to also refresh the README's screenshot.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium

pytestmark = needs_chromium

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free port of 127.0.0.1; yields its URL."""
    port = free_port()
    log = (tmp_path / "streamlit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("streamlit did not start:\n"
                                + (tmp_path / "streamlit.log").read_text()[-3000:])
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.mark.slow
def test_the_app_draws_its_map_with_no_network(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    served: dict[str, int] = {}
    page_errors: list[str] = []
    local = server.replace("http://", "")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1600, "height": 1000},
                                          device_scale_factor=1)

            def route(request_route: Any) -> None:
                url = request_route.request.url
                if url.split("://", 1)[-1].startswith(local) or url.startswith(("data:", "blob:")):
                    request_route.continue_()
                else:
                    blocked.append(url)
                    request_route.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on("response", lambda response: served.__setitem__(response.url,
                                                                      response.status))
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.goto(server, wait_until="domcontentloaded")

            frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
            regions = frame.locator(".leaflet-overlay-pane path")
            regions.first.wait_for(state="attached", timeout=STARTUP_SECONDS * 1000)
            assert regions.count() >= 12  # the 12 regions, at least
            assert frame.locator(".leaflet-map-pane").count() == 1
            page.get_by_text("Optimal plan").first.wait_for(timeout=30_000)
            page.wait_for_timeout(1500)  # let the map fit its bounds and the chart draw
            shot = tmp_path / "app.png"
            page.screenshot(path=str(shot))

            page.get_by_text("Français").first.click()
            page.get_by_text("Plan optimal").first.wait_for(timeout=30_000)
            frame.locator(".leaflet-overlay-pane path").first.wait_for(state="attached",
                                                                       timeout=30_000)
        finally:
            browser.close()

    assert not blocked, f"the app tried to reach the network: {blocked[:5]}"
    leaflet = [url for url in served if url.endswith("/app/static/leaflet/leaflet.js")]
    assert leaflet and all(served[url] == 200 for url in leaflet)
    assert not page_errors, page_errors
    assert shot.stat().st_size > 50_000
    target = os.environ.get("JAZARI_APP_SCREENSHOT")
    if target:
        shutil.copyfile(shot, ROOT / target)
