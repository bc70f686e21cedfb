"""The app end to end: ``streamlit run app.py`` in a real server, seen by headless Chromium.

Every request that does not go to the app's own server on 127.0.0.1 is aborted and
recorded, so the tests prove the app works with no network: Leaflet must come from the
app's ``/app/static/leaflet/`` (copied at start-up), not from a CDN. They look at the page
as a planner on a 1366 × 768 laptop would.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser import app_page, needs_chromium, wait_for_app

import jazari_planner as jp

pytestmark = [*needs_chromium, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 90
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` on a free port of 127.0.0.1; yields its URL.

    Saved scenarios go to a folder of the test's own (``JAZARI_PLANNER_HOME``).
    """
    folder = tmp_path_factory.mktemp("app-server")
    port = free_port()
    log = (folder / "streamlit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "JAZARI_PLANNER_HOME": str(folder / "home")},
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
                                + (folder / "streamlit.log").read_text()[-3000:])
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_for_map(page: Any) -> Any:
    """The plan map's frame, once its regions are drawn."""
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator(".leaflet-overlay-pane path").first.wait_for(
        state="attached", timeout=STARTUP_SECONDS * 1000)
    return frame


def scenario_on_screen(page: Any) -> dict[str, Any]:
    """The scenario the page shows as YAML (the text of the YAML download)."""
    text = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stCode"] code')]
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
        seen.page.get_by_text("Optimal plan").first.wait_for(timeout=30_000)
        seen.page.get_by_text("Français").first.click()
        seen.page.get_by_text("Plan optimal").first.wait_for(timeout=30_000)
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
        wait_for_app(page)
        assert locks(page) == before
        balance = scenario_on_screen(page).get("balance", jp.Scenario(name="default").balance)
        page.locator('input[type=range][aria-label^="Équilibre"]').focus()
        page.keyboard.press("ArrowRight")  # one step of 0.05
        page.wait_for_function(
            """(line) => [...document.querySelectorAll('[data-testid="stCode"] code')]
                 .some((e) => e.textContent.startsWith('name:') && e.textContent.includes(line))""",
            arg=f"balance: {round(balance + 0.05, 2)}\n", timeout=60_000)
        wait_for_app(page)
        assert locks(page) == before
        page.get_by_text("English").first.click()
        wait_for_app(page)
        assert locks(page) == before
    assert not seen.requests and not seen.errors
