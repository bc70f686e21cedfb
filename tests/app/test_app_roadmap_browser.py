"""The Roadmap view in a real browser: ``streamlit run app.py`` seen by headless Chromium.

The planner loads ``roadmap-2030.yaml``, opens the Roadmap view and moves the year slider,
at a laptop's 1366×768 and on a 1920×1080 screen, in English and in French: the year's map
and the timeline are drawn, nothing spills past the page's width, nothing reaches the
network and the page raises no error.

Set ``JAZARI_ROADMAP_SCREENSHOT=docs/img/app-roadmap.png`` to also refresh the screenshot
of docs/app.md (1366×768, English).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from browser import app_page, choose_option, needs_chromium, wait_for_app
from test_app_browser import ROOT, YAML_SHOWS, server

pytestmark = needs_chromium

__all__ = ["server"]  # the fixture, imported for the test below


def open_roadmap(page: Any) -> None:
    """Load roadmap-2030.yaml from the sidebar and switch to the Roadmap view."""
    wait_for_app(page)
    choose_option(page, page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
                  .first, "roadmap-2030.yaml")
    page.get_by_role("button", name="Load", exact=True).click()
    page.wait_for_function(YAML_SHOWS, arg="name: Roadmap 2030\n")
    wait_for_app(page)
    page.get_by_text("Roadmap", exact=True).first.click()
    page.get_by_text("2025: history").first.wait_for()  # as_of 2026: 2025 and 2026 are history
    wait_for_app(page)


def images_drawn(page: Any) -> list[dict[str, float]]:
    """The boxes of the view's images (the year's map, the timeline), once loaded."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stImage\"] img')]"
        ".filter(i => i.complete && i.naturalWidth > 0).length >= 2")
    boxes: list[dict[str, float]] = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stImage\"] img')]"
        ".map(i => { const r = i.getBoundingClientRect();"
        " return {left: r.left, right: r.right, width: r.width}; })")
    return boxes


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_the_roadmap_view_reads_well_in_both_languages(
        server: str, tmp_path: Path, width: int, height: int) -> None:
    with app_page(server, width=width, height=height) as seen:
        page = seen.page
        open_roadmap(page)
        for box in images_drawn(page):
            assert box["width"] > 200 and box["right"] <= width + 1, box
        page.screenshot(path=str(tmp_path / f"roadmap-{width}-en.png"))

        slider = page.locator('[data-testid="stMain"] input[type="range"][aria-label="Year"]')
        slider.focus()
        for _ in range(2):
            page.keyboard.press("ArrowRight")
        page.get_by_text("At the end of 2027").first.wait_for()
        wait_for_app(page)

        page.get_by_text("Français").first.click()
        page.get_by_text("À la fin de 2027").first.wait_for()
        page.get_by_text("Chronologie").first.wait_for()
        wait_for_app(page)
        for box in images_drawn(page):
            assert box["right"] <= width + 1, box
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
        switch = page.locator("[data-testid='stButtonGroup']").first.bounding_box()
        last = page.locator("[data-testid='stButtonGroup'] button").last.bounding_box()
        assert last["x"] + last["width"] <= switch["x"] + switch["width"] + 1  # six views fit
        page.screenshot(path=str(tmp_path / f"roadmap-{width}-fr.png"))
    assert not seen.requests, f"the app tried to reach the network: {seen.requests[:5]}"
    assert not seen.errors, seen.errors
    target = os.environ.get("JAZARI_ROADMAP_SCREENSHOT")
    if target and width == 1366:
        shutil.copyfile(tmp_path / "roadmap-1366-en.png", ROOT / target)
    keep = os.environ.get("JAZARI_ROADMAP_SHOTS")
    if keep:
        for shot in tmp_path.glob("roadmap-*.png"):
            shutil.copyfile(shot, Path(keep) / shot.name)
