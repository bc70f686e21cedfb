"""Headless Chromium for the tests that must see a page, with the network cut off.

Helpers, not fixtures in ``conftest.py``: a test module imports :func:`offline_page` and
:data:`needs_chromium`. Chromium is the Debian package at ``/usr/bin/chromium``
(``scripts/test.sh`` installs it in CI); playwright drives it without downloading a browser.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: How long a wait for the page may last (ms), the default of every page here: what a wait
#: waits for is the page's state, and a state that comes at all comes within it, even on a
#: loaded 2-core machine where one run of the app can take a minute or more.
PATIENCE_MS = 240_000

#: Marks a test that needs the browser; skips it, saying why, when Chromium is absent.
needs_chromium = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs headless Chromium at /usr/bin/chromium (apt-get install -y chromium)",
    ),
]


@dataclass
class OfflinePage:
    """A loaded page and what it tried to do: every request but the page itself, errors."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def offline_page(path: Path, *, width: int = 1280, height: int = 860) -> Iterator[OfflinePage]:
    """Open ``path`` in headless Chromium with the network disabled; yield the loaded page.

    The context is offline and every request other than the file itself (and inline
    ``data:`` URLs) is recorded, then aborted, so a page that needs the network both fails
    to render and is caught.
    """
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(offline=True,
                                          viewport={"width": width, "height": height})
            context.set_default_timeout(PATIENCE_MS)
            seen = OfflinePage(page=context.new_page())

            def route(request_route: Any) -> None:
                request = request_route.request
                if request.url == url or request.url.startswith("data:"):
                    request_route.continue_()
                else:
                    seen.requests.append(request.url)
                    request_route.abort()

            context.route("**/*", route)
            seen.page.on("pageerror", lambda error: seen.errors.append(str(error)))
            def dismiss(dialog: Any) -> None:
                seen.dialogs.append(dialog.message)
                dialog.dismiss()

            seen.page.on("dialog", dismiss)
            seen.page.goto(url, wait_until="load")
            settle(seen.page)
            yield seen
        finally:
            browser.close()


@contextmanager
def app_page(url: str, *, width: int = 1366, height: int = 768,
             intercept: bool = True) -> Iterator[OfflinePage]:
    """Open the app served at ``url`` in headless Chromium; every other request is aborted.

    Requests to the app's own server (and ``data:``/``blob:`` URLs) go through; any other
    one is recorded in ``requests`` and aborted, so a page that needs the network is caught.

    By default each request is intercepted (Playwright's routing). That costs what a
    planner's browser never pays: routing turns off the browser's HTTP cache, and every
    request waits for a round trip through the driver and this process (measured: a
    first render ~0.9 s slower). ``intercept=False`` cuts the network with a proxy that
    does not exist instead: Chromium sends every request but those to the loopback
    address (bypassed implicitly) to it, so they fail; a request listener still records
    each one. The benchmarks use it, so they time the app, not the harness.
    """
    from playwright.sync_api import sync_playwright

    local = url.split("://", 1)[-1].rstrip("/")
    with sync_playwright() as playwright:
        dead_proxy = [] if intercept else [f"--proxy-server=http://127.0.0.1:{free_port()}"]
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_ARGS + dead_proxy)
        try:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=1)
            context.set_default_timeout(PATIENCE_MS)
            seen = OfflinePage(page=context.new_page())

            def allowed(target: str) -> bool:
                return (target.split("://", 1)[-1].startswith(local)
                        or target.startswith(("data:", "blob:")))

            def route(request_route: Any) -> None:
                target = request_route.request.url
                if allowed(target):
                    request_route.continue_()
                else:
                    seen.requests.append(target)
                    request_route.abort()

            def record(request: Any) -> None:
                if not allowed(request.url):
                    seen.requests.append(request.url)

            if intercept:
                context.route("**/*", route)
            else:
                context.on("request", record)
            seen.page.on("pageerror", lambda error: seen.errors.append(str(error)))
            seen.page.goto(url, wait_until="domcontentloaded")
            yield seen
        finally:
            browser.close()


#: True once the page's fonts and images are in and its Leaflet maps (folium's ``map_…``) are
#: still: no zoom or pan under way, each map's size its box's (a resized frame re-measured).
SETTLED = """() => document.readyState === 'complete' && document.fonts.status === 'loaded'
    && [...document.images].every((image) => image.complete)
    && (!window.L || Object.keys(window).filter((name) => name.startsWith('map_'))
        .map((name) => window[name]).filter((map) => map instanceof L.Map)
        .every((map) => !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress)
               && map.getSize().x === map.getContainer().clientWidth
               && map.getSize().y === map.getContainer().clientHeight))"""

#: Resolves once the browser has painted twice: what the state shows is on screen.
PAINTED = """() => new Promise((done) =>
    requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"""


def settle(page: Any, *, timeout: float = PATIENCE_MS) -> None:
    """Wait until ``page`` (or a frame of it) is still: fonts loaded, maps not moving, painted.

    Polled every 100 ms rather than on animation frames, which a frame scrolled out of
    view may not get; the paint is awaited on the top page, which draws its frames.
    """
    page.wait_for_function(SETTLED, timeout=timeout, polling=100)
    getattr(page, "page", page).evaluate(PAINTED)


#: True when the app's script is not running and no element waits for a run's update.
APP_IDLE = """() => document.querySelector('[data-testid="stApp"]')
        ?.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale="true"]')"""


def wait_for_app(page: Any, *, timeout: float = PATIENCE_MS) -> None:
    """Wait until the app's script has finished its run and the page shows its result.

    The page says a run is over, not that one is coming: after a click or a key, first wait
    for something only the new run shows (a text, a changed value), then for this.
    """
    page.wait_for_function(APP_IDLE, timeout=timeout)
    page.evaluate(PAINTED)


def choose_option(page: Any, box: Any, option: str, *,
                  timeout: float = PATIENCE_MS) -> None:
    """Open the select box ``box`` (a locator) and click its option named ``option``.

    A click that lands while the page redraws under load can be swallowed: the list never
    opens. The box is clicked again every few seconds until the option shows.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout / 1000
    wanted = page.get_by_role("option", name=option)
    while True:
        box.click()
        try:
            wanted.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
            page.keyboard.press("Escape")  # a list half open: close it before clicking again
    wanted.click()


def free_port() -> int:
    """A TCP port of 127.0.0.1 free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def streamlit_server(root: Path, log: Path, *, env: Mapping[str, str] | None = None,
                     startup_seconds: float = 90) -> Iterator[str]:
    """``streamlit run app.py`` from ``root`` on a free port of 127.0.0.1; yields its URL.

    The server's output goes to ``log``; it is stopped on exit. Raises ``RuntimeError``
    with the log's end when it does not answer within ``startup_seconds``.
    """
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false"],
            cwd=root, stdout=output, stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + startup_seconds
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        output.flush()
                        raise RuntimeError("streamlit did not start:\n"
                                           + log.read_text()[-3000:]) from None
                    time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
