"""The Robustness view in a real server seen by headless Chromium, laptop and large screen,
English and French: the sweep runs with its progress bar and both pictures are drawn."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PATIENCE_MS,
    needs_chromium,
    settle,
    wait_for_app,
)
from test_app_browser import ROOT, server

from jazari_planner.common.words import word

pytestmark = needs_chromium
__all__ = ["server"]  # the fixture, shared with test_app_browser


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Whether two boxes share more than a pixel."""
    return (min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 1
            and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 1)


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height", "lang"), [(1366, 768, "en"), (1920, 1080, "fr")])
def test_the_robustness_view_runs_and_draws(server: str, tmp_path: Path, width: int,
                                            height: int, lang: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright

    words = {"en": ("Robustness", "Run the robustness check", "Solved"),
             "fr": ("Robustesse", "Lancer le test de robustesse", "Résolus")}[lang]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(PATIENCE_MS)
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(server, wait_until="domcontentloaded")
            page.get_by_text("Optimal plan").first.wait_for()
            if lang == "fr":
                page.get_by_text("Français").first.click()
                page.get_by_text("Plan optimal").first.wait_for()
            samples = page.get_by_label("Samples" if lang == "en" else "Tirages")
            for _ in range(3):  # a click during the language switch's rerun may be lost
                page.locator("[data-testid='stButtonGroup']").get_by_text(
                    words[0], exact=True).click()
                try:
                    samples.wait_for(timeout=40_000)
                    break
                except PlaywrightTimeout:
                    continue
            samples.fill("40")
            samples.press("Enter")
            page.get_by_role("button", name=words[1]).click()
            page.locator("[data-testid='stMetricLabel']", has_text=words[2]).first.wait_for()
            page.locator("[data-testid='stImage'] img, [data-testid='stPyplot'] img"
                         ).first.wait_for()
            frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
            badges = frame.locator(".jz-conf-share")
            # The map's layer arrives in pieces: wait for every pair's badge, not the first.
            try:
                expect(badges).to_have_count(24, timeout=PATIENCE_MS)
            except AssertionError:  # keep what the page showed, in the test's own folder
                page.screenshot(path=str(tmp_path / "no-badges.png"), full_page=True)
                raise
            shares = badges.all_text_contents()
            wait_for_app(page)
            settle(page.locator('iframe[title="streamlit_folium.st_folium"]').first
                   .element_handle().content_frame())
            settle(page)
            boxes = [b for b in (frame.locator(".jz-symbols").nth(i).bounding_box()
                                 for i in range(frame.locator(".jz-symbols").count())) if b]
            covered = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                       if overlap(a, b)]
            table = page.locator(".jz-conf-table")
            right = table.bounding_box()
            cut = page.evaluate("""() => [...document.querySelectorAll('.jz-conf-table td')]
                .filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent)""")
            shot = tmp_path / f"robustness-{width}-{lang}.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    # a locked pair's badge says so instead of a share (docs/model.md §8, revision 3)
    locked = word("confidence_locked", lang)
    assert len(shares) == 24 and all(s.endswith("%") or s == locked for s in shares)
    assert any(s.endswith("%") for s in shares)
    assert not covered, f"badges overlap on the confidence map: {covered[:2]}"
    assert right is not None and right["x"] + right["width"] <= width + 1  # acceptability in view
    assert not cut, f"cut in the pairs' table: {cut[:3]}"
    assert not errors, errors
    target = os.environ.get("JAZARI_ROBUSTNESS_SCREENSHOTS")
    if target:
        shutil.copyfile(shot, Path(target) / shot.name)
    assert shot.stat().st_size > 50_000
    assert ROOT.is_dir()
