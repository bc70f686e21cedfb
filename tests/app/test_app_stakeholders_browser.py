"""The Stakeholders view in a real server seen by headless Chromium at 1366 × 768, in English
and French: the parties' cards, the consensus with its progress bar, the regret bars and the
map whose badges carry each pair's agreement."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium
from test_app_browser import ROOT, STARTUP_SECONDS, server

import jazari_planner as jp

pytestmark = needs_chromium
__all__ = ["server"]  # the fixture, shared with test_app_browser


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_stakeholders_view_finds_the_consensus(server: str, tmp_path: Path,
                                                   lang: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright

    words = {"en": ("Stakeholders", "Find the consensus", "Largest regret ρ", "Parties"),
             "fr": ("Parties prenantes", "Trouver le consensus", "Plus grand regret ρ",
                    "Parties")}[lang]
    parties = jp.Scenario.from_yaml(ROOT / "scenarios" / "stakeholders.yaml").stakeholders
    expected = jp.consensus(jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")
                            .model_copy(update={"stakeholders": parties}))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(server, wait_until="domcontentloaded")
            # generous waits: the first render shares the machine with the other tests
            page.get_by_text("Optimal plan").first.wait_for(timeout=3 * STARTUP_SECONDS * 1000)
            if lang == "fr":
                page.get_by_text("Français").first.click()
                page.get_by_text("Plan optimal").first.wait_for(timeout=120_000)
            run = page.get_by_role("button", name=words[1])
            for _ in range(3):  # a click during the language switch's rerun may be lost
                page.locator("[data-testid='stButtonGroup']").get_by_text(
                    words[0], exact=True).click()
                try:
                    run.wait_for(timeout=90_000)
                    break
                except PlaywrightTimeout:
                    continue
            run.click()
            page.locator("[data-testid='stMetricLabel']", has_text=words[2]).first.wait_for(
                timeout=180_000)
            page.locator("[data-testid='stImage'] img, [data-testid='stPyplot'] img"
                         ).first.wait_for(timeout=30_000)
            frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
            badges = frame.locator(".jz-conf-share")
            try:
                expect(badges).to_have_count(len(expected.plan.cells), timeout=180_000)
            except AssertionError:
                page.screenshot(path=str(tmp_path / "no-badges.png"), full_page=True)
                raise
            shares = badges.all_text_contents()
            page.wait_for_timeout(1500)
            # Streamlit scrolls its own main pane: one shot per part of the view
            shots = []
            for name, part in (("top", page.get_by_text(words[3], exact=True).first),
                               ("regret", page.locator("[data-testid='stImage'] img, "
                                                       "[data-testid='stPyplot'] img").first),
                               ("map", page.locator('iframe[title="streamlit_folium.st_folium"]'
                                                    ).first)):
                part.scroll_into_view_if_needed()
                page.wait_for_timeout(800)
                shots.append(tmp_path / f"stakeholders-1366-{lang}-{name}.png")
                page.screenshot(path=str(shots[-1]))
        finally:
            browser.close()
    assert all(s.endswith("%") for s in shares)
    agreed = sum(s.startswith("100") for s in shares)
    assert agreed == len(set(expected.agreed) & set(expected.plan.cells))
    assert not errors, errors
    target = os.environ.get("JAZARI_STAKEHOLDERS_SCREENSHOTS")
    if target:
        for image in shots:
            shutil.copyfile(image, Path(target) / image.name)
    assert all(image.stat().st_size > 30_000 for image in shots)
