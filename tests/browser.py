"""Headless Chromium for the tests that must see a page, with the network cut off.

Helpers, not fixtures in ``conftest.py``: a test module imports :func:`offline_page` and
:data:`needs_chromium`. Chromium is the Debian package at ``/usr/bin/chromium``
(``scripts/test.sh`` installs it in CI); playwright drives it without downloading a browser.
"""

from __future__ import annotations

from collections.abc import Iterator
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
            seen.page.wait_for_timeout(300)
            yield seen
        finally:
            browser.close()


@contextmanager
def served_page(url: str, *, width: int, height: int) -> Iterator[OfflinePage]:
    """A page of the app served at ``url`` in headless Chromium, every other host cut off.

    Requests to the app's own server (and ``data:``/``blob:`` URLs) go through; any other is
    recorded in ``requests`` and aborted, so a view that needs the network is caught. Page
    errors are recorded in ``errors``. The page is not loaded yet: ``page.goto(url)``.
    """
    from playwright.sync_api import sync_playwright

    local = url.split("://", 1)[-1]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            seen = OfflinePage(page=context.new_page())

            def route(request_route: Any) -> None:
                address = request_route.request.url
                if address.split("://", 1)[-1].startswith(local) or address.startswith(
                        ("data:", "blob:")):
                    request_route.continue_()
                else:
                    seen.requests.append(address)
                    request_route.abort()

            context.route("**/*", route)
            seen.page.on("pageerror", lambda error: seen.errors.append(str(error)))
            yield seen
        finally:
            browser.close()
