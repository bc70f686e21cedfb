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
from jazari_planner.common.words.numbers import number
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
                     "spent / budget (MAD M)", "dark outline: announced", "history",
                     "Source: Jazari Planner"):
        assert expected in svg, expected
    # under each year, what it spent; of a plan year, out of its budget; of a history year
    # (up to as_of), what was spent alone: its budget was not a rule
    phasing = roadmap_plan.scenario.phasing
    assert roadmap_plan.by_year is not None and phasing is not None and phasing.as_of is not None
    planned = 0
    for row in roadmap_plan.by_year.to_dict(orient="records"):
        spent = number(float(row["spending"]), 0, "en")
        if int(row["year"]) <= phasing.as_of:
            assert f">{spent}<" in svg, row
        else:
            assert f">{spent} / {number(float(row['budget']), 0, 'en')}<" in svg, row
            planned += 1
    assert planned == phasing.last_year - phasing.as_of
    assert len(re.findall(r">[\d,]+ / [\d,]+<", svg)) == planned
    french = save_timeline(roadmap_plan, tmp_path / "timeline-fr.svg", lang="fr").read_text(
        encoding="utf-8")
    assert "Feuille de route : Roadmap 2030" in french and "dépensé / budget (M MAD)" in french


def test_the_maps_by_year_show_served_and_waiting_regions(roadmap_plan: jp.Plan,
                                                          tmp_path: Path) -> None:
    present = colours(save_roadmap_maps(roadmap_plan, tmp_path / "roadmap.png"))
    assert rgb(SERVED) in present and rgb(NOT_SERVED) in present
    svg = save_roadmap_maps(roadmap_plan, tmp_path / "roadmap.svg").read_text(encoding="utf-8")
    assert roadmap_plan.by_year is not None
    served = dict(zip(roadmap_plan.by_year["year"], roadmap_plan.by_year["regions_served"],
                      strict=True))
    assert served[max(served)] == 12
    for year, count in served.items():
        assert f"{count} of 12 regions served" in svg, year
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


def test_the_timeline_draws_the_history_apart_from_the_plan(roadmap_plan: jp.Plan) -> None:
    # roadmap-2030.yaml is revised as of 2026: 2025–2026 hatched and named "history", a
    # solid line where the plan starts, and no budget under a history year's column
    from matplotlib.patches import Rectangle

    from jazari_planner.presentation.roadmap import plot_timeline

    figure = plot_timeline(roadmap_plan)
    ax = figure.axes[0]
    veils = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch() == "//"]
    assert len(veils) == 1
    assert (veils[0].get_x(), veils[0].get_width()) == (2025, 2)  # 2025 and 2026
    words = [t.get_text() for t in ax.texts]
    assert "history" in words and "plan" in words
    assert roadmap_plan.by_year is not None
    rows = roadmap_plan.by_year.set_index("year")
    spent_2025 = f"{rows.at[2025, 'spending']:,.0f}\n{int(rows.at[2025, 'openings'])}"
    spent_2027 = (f"{rows.at[2027, 'spending']:,.0f} / 450\n"
                  f"{int(rows.at[2027, 'openings'])}")
    assert spent_2025 in words and spent_2027 in words  # no budget under a history year
    assert any(line.get_xdata()[0] == 2027 and line.get_linewidth() > 2 for line in ax.lines)
    assert "hatched: history to 2026" in " ".join(t.get_text() for t in figure.texts)
    french = plot_timeline(roadmap_plan, lang="fr").axes[0]
    assert "historique" in [t.get_text() for t in french.texts]
