"""The frontier figure: numbered points, the knee and the scenario's plan, what changes at each
step, in English and French, as PNG, SVG and PDF."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image as mpimg
from matplotlib.figure import Figure

import jazari_planner as jp
from jazari_planner.analysis.frontier import plan_point
from jazari_planner.common.errors import InputError
from jazari_planner.presentation.frontier_figure import (
    KNEE,
    POINT,
    SCENARIO,
    plot_frontier,
    save_frontier,
    step_changes,
)

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def frontier() -> jp.Frontier:
    return jp.frontier(jp.Scenario.from_yaml(SCENARIOS / "tight-budget.yaml"), points=6)


def _texts(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(match=lambda a: hasattr(a, "get_text"))]


def _rgb(color: str) -> tuple[int, int, int]:
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))


def test_each_point_is_numbered_and_the_knee_and_the_scenario_are_named(
        frontier: jp.Frontier) -> None:
    texts = _texts(frontier.plot())
    for rank in frontier.table["rank"]:
        assert str(rank) in texts
    assert "Efficiency against balance: Tight budget" in texts
    assert "knee: the best compromise" in texts
    assert "this scenario's plan (λ = 0.30)" in texts
    assert "Balance: fit of the worst-served region" in texts  # balance_focus 1
    assert any(t.startswith("Source: Jazari Planner") for t in texts)


def test_a_frontier_without_a_knee_says_so_and_rings_nothing(tmp_path: Path) -> None:
    baseline = jp.frontier(jp.Scenario.from_yaml(SCENARIOS / "excellence.yaml"))
    assert baseline.knee_rank is None
    joined = " ".join(_texts(baseline.plot())).replace("\n", " ")
    assert "every step towards balance costs at least as much" in joined
    assert "knee: the best compromise" not in joined
    assert "chaque pas vers l'équilibre coûte au moins autant" in " ".join(
        _texts(baseline.plot(lang="fr"))).replace("\n", " ")
    path = save_frontier(baseline, tmp_path / "frontier.png")
    pixels = (mpimg.imread(path)[:, :, :3] * 255).round().astype(int)
    ring = np.all(pixels == _rgb(KNEE), axis=-1)
    chart = ring[:, : int(0.57 * pixels.shape[1])]  # the chart's side: the words, no ring
    assert chart.any()  # the words are drawn in the knee's colour


def test_the_points_sit_at_their_efficiency_and_balance(frontier: jp.Frontier) -> None:
    figure = plot_frontier(frontier)
    chart = figure.axes[0]
    placed = {(round(t.get_position()[0], 9), round(t.get_position()[1], 9))
              for t in chart.texts if t.get_text().isdigit()}
    expected = {(round(b, 9), round(e, 9)) for e, b in
                zip(frontier.table["efficiency"], frontier.table["balance"], strict=True)}
    assert placed == expected
    e, b = plan_point(frontier.scenario_plan)
    assert b <= chart.get_xlim()[1] and e <= chart.get_ylim()[1]


def test_the_slide_says_how_far_the_axes_reach(frontier: jp.Frontier) -> None:
    # a frontier's efficiency varies by a few per cent: an axis near the points looks steep
    text = "\n".join(_texts(frontier.plot()))
    efficiency = frontier.table["efficiency"]
    span = 100 * (efficiency.max() - efficiency.min()) / efficiency.max()
    assert "Axes start near the points, not at zero" in text
    assert f"efficiency runs from {efficiency.min():.3f} to {efficiency.max():.3f}" in text
    assert f"({span:.1f} % of its highest value)" in text
    assert "pas à zéro" in "\n".join(_texts(frontier.plot(lang="fr")))


def test_what_changes_at_each_step_is_listed_beside_the_chart(frontier: jp.Frontier) -> None:
    text = "\n".join(_texts(frontier.plot()))
    assert "What changes at each step" in text and "the most efficient plan" in text
    for line in step_changes(frontier.plans[0], frontier.plans[1]):
        region = line.split(":")[0]
        assert region in text


def test_step_changes_words_swaps_gains_and_losses(frontier: jp.Frontier) -> None:
    first, second = frontier.plans[0], frontier.plans[1]
    lines = step_changes(first, second)
    assert lines and all(":" in line for line in lines)
    assert step_changes(first, first) == []
    assert any("→" in line or "+ " in line or "− " in line for line in lines)
    french = step_changes(first, second, lang="fr")
    assert all(" : " in line for line in french)


def test_french_labels_and_decimal_commas(frontier: jp.Frontier) -> None:
    texts = _texts(plot_frontier(frontier, lang="fr"))
    joined = "\n".join(texts)
    assert "Efficacité contre équilibre : Tight budget" in joined
    assert "coude : le meilleur compromis" in joined
    assert "plan de ce scénario (λ = 0,30)" in joined
    assert "Ce qui change à chaque étape" in joined


def test_png_shows_the_points_the_knee_and_the_star(frontier: jp.Frontier,
                                                     tmp_path: Path) -> None:
    path = save_frontier(frontier, tmp_path / "frontier.png")
    pixels = (mpimg.imread(path)[:, :, :3] * 255).round().astype(int)
    assert pixels.shape[:2] == (1125, 2000)
    present = {tuple(c) for c in np.unique(pixels.reshape(-1, 3), axis=0)}
    for colour in (POINT, KNEE, SCENARIO):
        assert _rgb(colour) in present, colour


def test_svg_keeps_its_words_as_text_and_pdf_is_a_page(frontier: jp.Frontier,
                                                       tmp_path: Path) -> None:
    svg = save_frontier(frontier, tmp_path / "frontier.svg").read_text(encoding="utf-8")
    assert re.search(r'<svg[^>]*width="960pt"[^>]*height="540pt"', svg)
    assert "knee: the best compromise" in svg
    assert save_frontier(frontier, tmp_path / "frontier.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(InputError):
        save_frontier(frontier, tmp_path / "frontier.gif")


def test_an_infeasible_scenario_draws_a_message_not_a_chart() -> None:
    none = jp.frontier(jp.Scenario(name="too cheap", budget=1000), points=3)
    assert "No plan: the scenario is infeasible" in _texts(none.plot())
