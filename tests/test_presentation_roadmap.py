"""The roadmap's pictures: a timeline and maps by year, 16:9, PNG/SVG/PDF, in the deck."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image as mpimg
from pptx import Presentation

import jazari_planner as jp
from jazari_planner.common.errors import InputError
from jazari_planner.presentation import (
    plot_roadmap_maps,
    plot_timeline,
    save_deck,
    save_roadmap_maps,
    save_timeline,
)
from jazari_planner.presentation.roadmap import NOT_SERVED, SERVED, _panel_years
from jazari_planner.presentation.style import theme_style


def rgb(color: str) -> tuple[int, int, int]:
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))


def colours(path: Path) -> set[tuple[int, ...]]:
    pixels = mpimg.imread(path)[:, :, :3]
    assert pixels.shape[:2] == (1125, 2000)
    return {tuple(c) for c in np.unique((pixels * 255).round().astype(int).reshape(-1, 3),
                                        axis=0)}


def test_the_timeline_draws_every_specialization_in_its_theme_colour(
        roadmap_plan: jp.Plan, tmp_path: Path) -> None:
    present = colours(save_timeline(roadmap_plan, tmp_path / "timeline.png"))
    assert roadmap_plan.schedule is not None
    for theme in roadmap_plan.schedule["theme_id"].unique():
        assert rgb(theme_style(theme).color) in present, theme


def test_the_timeline_svg_names_regions_years_and_what_each_year_spent(
        roadmap_plan: jp.Plan, tmp_path: Path) -> None:
    svg = save_timeline(roadmap_plan, tmp_path / "timeline.svg").read_text(encoding="utf-8")
    assert re.search(r'<svg[^>]*width="960pt"[^>]*height="540pt"', svg)
    for expected in ("Roadmap: Roadmap 2030", "Oriental", "Rabat-Salé-Kénitra ★", "2025", "2030",
                     "spent / budget (MAD M)", "440 / 450", "dark outline: announced",
                     "Source: Jazari Planner"):
        assert expected in svg, expected
    french = save_timeline(roadmap_plan, tmp_path / "timeline-fr.svg", lang="fr").read_text(
        encoding="utf-8")
    assert "Feuille de route : Roadmap 2030" in french and "dépensé / budget (M MAD)" in french


def test_the_maps_by_year_show_served_and_waiting_regions(roadmap_plan: jp.Plan,
                                                          tmp_path: Path) -> None:
    present = colours(save_roadmap_maps(roadmap_plan, tmp_path / "roadmap.png"))
    assert rgb(SERVED) in present and rgb(NOT_SERVED) in present
    svg = save_roadmap_maps(roadmap_plan, tmp_path / "roadmap.svg").read_text(encoding="utf-8")
    assert "4 of 12 regions served" in svg and "12 of 12 regions served" in svg
    assert "opened that year" in svg
    pdf = save_roadmap_maps(roadmap_plan, tmp_path / "roadmap.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_long_roadmaps_show_at_most_twelve_years_ending_on_the_last() -> None:
    assert _panel_years(2025, 2030) == list(range(2025, 2031))
    years = _panel_years(2025, 2054)
    assert len(years) <= 12 and years[-1] == 2054


def test_a_plan_without_a_roadmap_has_no_timeline() -> None:
    plain = jp.solve(jp.Scenario(name="No roadmap"))
    with pytest.raises(InputError, match="phasing"):
        plot_timeline(plain)
    with pytest.raises(InputError, match="phasing"):
        plot_roadmap_maps(plain)


def test_the_deck_of_a_roadmap_adds_its_two_pictures(roadmap_plan: jp.Plan, tmp_path: Path) -> None:
    deck = Presentation(str(save_deck(roadmap_plan, tmp_path / "roadmap.pptx")))
    assert len(deck.slides) == 7
    pictures = [s for s in deck.slides if any(shape.shape_type == 13 for shape in s.shapes)]
    assert len(pictures) == 3  # the plan's map, the timeline, the maps by year
