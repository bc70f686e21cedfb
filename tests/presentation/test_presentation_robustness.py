"""The pictures of a sweep: the acceptability heat map and the confidence map (en, fr)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from browser import needs_chromium, offline_page
from matplotlib.patches import Rectangle

import jazari_planner as jp
from jazari_planner.common.words import word
from jazari_planner.presentation.robustness_figures import save_acceptability
from jazari_planner.presentation.webmap import linked_resources, offline_html

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def result() -> jp.Robustness:
    scenario = jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")
    return jp.robustness(scenario, samples=30, seed=2, jobs=1)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_heat_map_writes_every_share_and_outlines_the_plan(result: jp.Robustness,
                                                              lang: str) -> None:
    figure = result.plot(lang=lang)
    ax = figure.axes[0]
    shares = result.acceptability.to_numpy()
    written = [t.get_text() for t in ax.texts]
    assert len(written) == shares.size
    assert written[0] == f"{round(100 * shares[0, 0])}"
    # each locked pair reads "locked", hatched, never its share (a lock is no evidence)
    word = "locked" if lang == "en" else "verrou"
    locked = len(result.locked)  # baseline's 3 lock-ins and its lock-outs
    assert written.count(word) == locked > 3
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == locked
    outlined = [p for p in ax.patches if isinstance(p, Rectangle) and not p.get_fill()]
    assert len(outlined) == len(result.confidence)
    corners = {(round(p.get_x() + 0.5), round(p.get_y() + 0.5)) for p in outlined}
    rows = result.acceptability.index.get_indexer(result.confidence["region_code"])
    columns = result.acceptability.columns.get_indexer(result.confidence["theme_id"])
    assert corners == set(zip(columns.tolist(), rows.tolist(), strict=True))
    title = figure.texts[0].get_text()
    assert title.startswith("How sure" if lang == "en" else "Quelle confiance")
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert ("Santé" in labels) == (lang == "fr")


def test_the_heat_map_saves_png_svg_and_pdf(result: jp.Robustness, tmp_path: Path) -> None:
    for suffix in (".png", ".svg", ".pdf"):
        path = save_acceptability(result, tmp_path / f"heat{suffix}")
        assert path.stat().st_size > 10_000
    with pytest.raises(jp.InputError):
        save_acceptability(result, tmp_path / "heat.gif")


def test_the_map_badges_carry_the_confidence(result: jp.Robustness) -> None:
    page = offline_html(result.to_map())
    assert linked_resources(page) == []
    locked = int(result.confidence["locked"].sum())
    assert page.count('jz-conf-share\\"') + page.count("jz-conf-share jz-conf-locked") == len(
        result.confidence)
    assert page.count("jz-conf-share jz-conf-locked") == locked == 3  # "locked", no share
    free = result.confidence.loc[~result.confidence["locked"]]
    unsure = int((free["acceptability"] < 0.9).sum())
    assert page.count("jz-conf jz-unsure") == unsure > 0
    share = result.confidence["acceptability"].iloc[0]
    assert f"\\u003e{round(100 * share)}%\\u003c" in page
    french = offline_html(result.to_map(lang="fr"))
    assert "Confiance" in french and "tirages perturbés" in french


@needs_chromium[0]
@needs_chromium[1]
@pytest.mark.parametrize(("width", "height", "lang"), [(1366, 768, "en"), (1920, 1080, "fr")])
def test_the_confidence_map_shows_every_badge_offline(result: jp.Robustness, tmp_path: Path,
                                                      width: int, height: int,
                                                      lang: str) -> None:
    path = result.save_map(tmp_path / "map.html", lang=lang)
    with offline_page(path, width=width, height=height) as opened:
        page = opened.page
        page.wait_for_selector(".jz-conf")
        shown = page.eval_on_selector_all(
            ".jz-conf-share", "nodes => nodes.map(n => n.textContent)")
        assert len(shown) == len(result.confidence)
        # a locked pair's badge says so instead of a share (docs/model.md §8, revision 3)
        locked = word("confidence_locked", lang)
        assert all(text.endswith("%") or text == locked for text in shown)
        assert any(text.endswith("%") for text in shown)
        boxes = page.eval_on_selector_all(
            ".jz-conf", "nodes => nodes.map(n => n.getBoundingClientRect().width)")
        assert np.min(boxes) > 20
        assert opened.requests == [] and opened.errors == []
