"""The slide deck: five 16:9 slides with the plan's map, assignments, scores and settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

import jazari_planner as jp
from jazari_planner.presentation import save_deck


@pytest.fixture(scope="module")
def plan() -> jp.Plan:
    scenario = jp.Scenario(name="Council briefing", description="Balanced network, 2026 budget",
                           balance=0.6, budget=2600,
                           lock_in=[{"region": "Dakhla-Oued Ed-Dahab", "theme": "fisheries"}])
    return jp.solve(scenario, jp.load_dataset())


@pytest.fixture(scope="module")
def deck(plan: jp.Plan, tmp_path_factory: pytest.TempPathFactory) -> Presentation:
    path = save_deck(plan, tmp_path_factory.mktemp("deck") / "plan.pptx")
    assert path.stat().st_size < 2_000_000
    return Presentation(str(path))


def _slide_text(slide: object) -> str:
    parts = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def test_deck_has_five_widescreen_slides(deck: Presentation) -> None:
    assert len(deck.slides) == 5
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 16:9


def test_title_slide_names_the_scenario(deck: Presentation, plan: jp.Plan) -> None:
    text = _slide_text(deck.slides[0])
    assert "Jazari Institutes: Council briefing" in text
    assert "Balanced network, 2026 budget" in text
    assert plan.status in text


def test_map_slide_is_the_plan_figure(deck: Presentation) -> None:
    pictures = [s for s in deck.slides[1].shapes if s.shape_type == 13]  # PICTURE
    assert len(pictures) == 1
    assert pictures[0].image.size[0] >= 1900  # the 2000-pixel-wide slide figure


def test_assignments_table_lists_every_region_and_theme(deck: Presentation,
                                                        plan: jp.Plan) -> None:
    text = _slide_text(deck.slides[2])
    for name in plan.regions["region_name"]:
        assert name in text
    for label in plan.assignments["theme_label"].unique():
        assert label in text
    assert "Dakhla-Oued Ed-Dahab" in text and "Fisheries and blue economy" in text


def test_balance_chart_carries_the_plans_scores(deck: Presentation, plan: jp.Plan) -> None:
    charts = [s.chart for s in deck.slides[3].shapes if s.has_chart]
    assert len(charts) == 1
    chart = charts[0]
    assert list(chart.plots[0].categories) == list(plan.regions["region_name"])
    values = list(chart.plots[0].series[0].values)
    assert values == pytest.approx([round(v, 1) for v in plan.regions["balance_score"]])
    text = _slide_text(deck.slides[3])
    assert f"{plan.metrics['gini']:.3f}" in text


def test_settings_slide_shows_the_scenario(deck: Presentation) -> None:
    text = _slide_text(deck.slides[4])
    assert "Balance λ" in text and "0.60" in text
    assert "2,600 MAD million" in text
    assert "Dakhla-Oued Ed-Dahab → Fisheries and blue economy" in text  # names, not ids
    assert "highs: optimal" in text


def test_french_deck(plan: jp.Plan, tmp_path: Path) -> None:
    deck = Presentation(str(save_deck(plan, tmp_path / "plan.pptx", lang="fr")))
    assert "Instituts Jazari : Council briefing" in _slide_text(deck.slides[0])
    assert "Affectations" in _slide_text(deck.slides[2])
    assert "Pêche et économie bleue" in _slide_text(deck.slides[2])
