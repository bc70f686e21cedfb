"""The map that follows the hand, and an impossible roadmap explained where the eye is, in
headless Chromium at a laptop's 1366 × 768 and on a 1920 × 1080 screen.

A weight step on the Plan view reruns the plan and its map alone (a Streamlit fragment): the
map's frame stays, its plan layer is redrawn, the sidebar is not sent again; the view below
the map is redrawn only once the map has painted the new plan. A yearly budget
of 250 on roadmap-2030 shows a busy sign at once, then the diagnosis with its smallest fix
above the fold. Set ``JAZARI_FOLLOW_SHOTS`` to a folder to keep the screenshots.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from browser import app_page, choose_option, needs_chromium, wait_for_app
from test_app_browser import MAP_FRAME, YAML_SHOWS, map_frame_of, server

pytestmark = [*needs_chromium, pytest.mark.slow]

__all__ = ["server"]  # the fixture, imported for the tests below

SIZES = [(1366, 768), (1920, 1080)]
#: A first render on a loaded 2-core machine can take a minute and more.
PATIENCE = 300_000


#: In the map's frame: ``window.__mapAt`` becomes the time (ms since the epoch) of the first
#: frame painted with another plan than the one shown now.
WATCH_MAP = """() => {
    const before = window.jz.data;
    const poll = () => {
        if (window.jz.data !== before) {
            window.__mapAt = performance.timeOrigin + performance.now();
        } else {
            requestAnimationFrame(poll);
        }
    };
    requestAnimationFrame(poll);
}"""
#: In the page: ``window.__yamlAt`` becomes the time the scenario's YAML first holds the text.
WATCH_YAML = """(text) => {
    const seen = () => [...document.querySelectorAll('pre.jz-yaml')]
        .some((e) => e.textContent.includes(text));
    const watcher = new MutationObserver(() => {
        if (window.__yamlAt === undefined && seen()) {
            window.__yamlAt = performance.timeOrigin + performance.now();
            watcher.disconnect();
        }
    });
    watcher.observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def wait_for_map(page: Any) -> None:
    page.frame_locator(MAP_FRAME).first.locator(".leaflet-overlay-pane path").first.wait_for(
        state="attached", timeout=PATIENCE)


def open_roadmap(page: Any) -> None:
    """Load roadmap-2030.yaml from the sidebar and switch to the Roadmap view (drawn: its
    timeline shown; its first years are history, so no "At the end of 2025")."""
    wait_for_app(page, timeout=PATIENCE)
    choose_option(page, page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
                  .first, "roadmap-2030.yaml")
    page.get_by_role("button", name="Load", exact=True).click()
    page.wait_for_function(YAML_SHOWS, arg="name: Roadmap 2030\n", timeout=PATIENCE)
    wait_for_app(page, timeout=PATIENCE)
    page.get_by_text("Roadmap", exact=True).first.click()
    page.get_by_text("Timeline", exact=True).first.wait_for(timeout=PATIENCE)
    wait_for_app(page, timeout=PATIENCE)


def keep(shots: Path) -> None:
    folder = os.environ.get("JAZARI_FOLLOW_SHOTS")
    if folder:
        for shot in shots.glob("*.png"):
            shutil.copyfile(shot, Path(folder) / shot.name)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_weight_step_redraws_the_plan_and_its_map_alone(
        server: str, tmp_path: Path, width: int, height: int) -> None:
    with app_page(server, width=width, height=height) as seen:
        page: Any = seen.page
        wait_for_map(page)
        wait_for_app(page, timeout=PATIENCE)
        frame, _ = map_frame_of(page)
        frame.locator(".jz-symbols").first.wait_for(state="attached")
        frame.evaluate("() => { window.__sameFrame = true; window.__before = window.jz.data; }")
        page.evaluate("() => { document.querySelector('[data-testid=stSidebar]')"
                      ".dataset.jzKept = 'yes'; }")
        # when the map shows a new plan (at the frame it is painted in), and when the view
        # below it (the scenario's YAML) shows the step: the clocks of both documents
        frame.evaluate(WATCH_MAP)
        page.evaluate(WATCH_YAML, "economic: 1.05")
        page.locator('input[type=range][aria-label^="Economic"]').focus()
        page.keyboard.press("ArrowRight")  # economic weight 1.0 -> 1.05
        page.wait_for_function("() => window.__yamlAt !== undefined", timeout=90_000)
        map_at = frame.evaluate("() => window.__mapAt")
        yaml_at = page.evaluate("() => window.__yamlAt")
        for _ in range(3):  # 1.05 -> 1.2
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            """() => [...document.querySelectorAll('pre.jz-yaml')]
                 .some((e) => e.textContent.includes('economic: 1.2'))""", timeout=90_000)
        wait_for_app(page, timeout=PATIENCE)
        frame.wait_for_function("() => window.jz.data !== window.__before", timeout=60_000)
        same = frame.evaluate("() => window.__sameFrame === true")
        kept = page.evaluate("() => document.querySelector('[data-testid=stSidebar]')"
                             ".dataset.jzKept")
        slider = page.locator('input[type=range][aria-label^="Economic"]').input_value()
        page.screenshot(path=str(tmp_path / f"follow-{width}.png"))
    keep(tmp_path)
    assert map_at is not None and map_at < yaml_at, (
        "the view below the map was redrawn before the map showed the new plan", map_at, yaml_at)
    assert same, "the map's frame was rebuilt for a weight step"
    assert kept == "yes", "the sidebar was redrawn for a weight step"
    assert slider is not None and float(slider) == pytest.approx(1.2)
    assert not seen.requests and not seen.errors, (seen.requests[:3], seen.errors[:3])


def test_an_impossible_roadmap_shows_progress_then_its_fix_above_the_fold(
        server: str, tmp_path: Path) -> None:
    width, height = SIZES[0]
    with app_page(server, width=width, height=height) as seen:
        page: Any = seen.page
        open_roadmap(page)
        page.get_by_text("Roadmap rules").first.click()
        budget = page.locator('input[aria-label="Budget a year (MAD million)"]')
        budget.fill("250")
        budget.press("Enter")
        busy = page.get_by_text("Planning the roadmap…").first
        busy.wait_for(timeout=5_000)  # the busy sign comes before the diagnosis, at once
        assert busy.bounding_box()["y"] < height
        page.screenshot(path=str(tmp_path / "roadmap-busy.png"))
        fix = page.get_by_role("button", name="Apply the smallest fix: raise the yearly "
                                              "budget to 320 MAD million")
        fix.wait_for(timeout=240_000)
        wait_for_app(page, timeout=PATIENCE)
        diagnosis = page.get_by_text("the yearly budget is 250 MAD million").first
        assert diagnosis.bounding_box()["y"] + 40 < height  # above the fold
        assert fix.bounding_box()["y"] + fix.bounding_box()["height"] <= height
        page.screenshot(path=str(tmp_path / "roadmap-impossible.png"))
        fix.click()
        fix.wait_for(state="detached", timeout=PATIENCE)
        page.get_by_text("Timeline", exact=True).first.wait_for(timeout=PATIENCE)
    keep(tmp_path)
    assert not seen.requests and not seen.errors, (seen.requests[:3], seen.errors[:3])
