"""Static figures: 16:9 PNG, SVG and PDF with title, legend, labels and a source line."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image as mpimg
from matplotlib.figure import Figure

import jazari_planner as jp
from jazari_planner.errors import InputError
from jazari_planner.presentation import plot_comparison, plot_plan, save_figure
from jazari_planner.presentation.style import BALANCE, theme_style


@pytest.fixture(scope="module")
def dataset() -> jp.Dataset:
    return jp.load_dataset()


@pytest.fixture(scope="module")
def plan(dataset: jp.Dataset) -> jp.Plan:
    return jp.solve(jp.Scenario(name="Worst-off first", balance=1.0), dataset)


def _texts(figure: Figure) -> str:
    """Every text drawn on the figure, joined."""
    return "\n".join(t.get_text() for t in figure.findobj(match=lambda a: hasattr(a, "get_text")))


def test_png_is_16_by_9_and_shows_the_plan_colours(plan: jp.Plan, tmp_path: Path) -> None:
    path = save_figure(plan, tmp_path / "plan.png")
    pixels = mpimg.imread(path)[:, :, :3]
    assert pixels.shape[:2] == (1125, 2000)
    colours = (pixels * 255).round().astype(int).reshape(-1, 3)
    present = {tuple(c) for c in np.unique(colours, axis=0)}
    for score in plan.regions["balance_score"]:
        fill = BALANCE.color(float(score))
        assert tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5)) in present, fill
    for theme_id in plan.assignments["theme_id"].unique():
        badge = theme_style(theme_id).color
        assert tuple(int(badge[i : i + 2], 16) for i in (1, 3, 5)) in present, theme_id


def test_svg_keeps_title_labels_legend_and_source_as_text(plan: jp.Plan, tmp_path: Path) -> None:
    svg = save_figure(plan, tmp_path / "plan.svg").read_text(encoding="utf-8")
    assert re.search(r'<svg[^>]*width="960pt"[^>]*height="540pt"', svg)
    for expected in ("Jazari Institutes: Worst-off first", "Balance score", "JAZARI ROOT",
                     "Source: Jazari Planner; data: HCP", *plan.regions["region_name"]):
        assert expected.replace("'", "&#39;") in svg or expected in svg, expected
    for theme_id in plan.assignments["theme_id"].unique():
        assert f">{theme_style(theme_id).badge}<" in svg


def test_pdf_is_one_16_by_9_page(plan: jp.Plan, tmp_path: Path) -> None:
    data = save_figure(plan, tmp_path / "plan.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert re.search(rb"/MediaBox \[ *0 0 960 540 *\]", data)
    assert len(re.findall(rb"/Type ?/Page[^s]", data)) == 1


def test_static_figures_leave_out_arabic(plan: jp.Plan) -> None:
    figure = plot_plan(plan)
    assert not re.search("[\u0600-\u06ff]", _texts(figure))


def test_french_figure(plan: jp.Plan) -> None:
    texts = _texts(plot_plan(plan, lang="fr"))
    assert "Instituts Jazari : Worst-off first" in texts
    assert "Score d'équilibre" in texts
    assert "Transition énergétique" in texts or "Eau et résilience climatique" in texts


def test_plot_plan_draws_on_a_given_axes(plan: jp.Plan) -> None:
    figure = Figure()
    ax = figure.add_subplot()
    assert plot_plan(plan, ax=ax) is figure
    assert len(ax.patches) == len(plan.regions)


def test_unknown_format_is_an_input_error(plan: jp.Plan, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.png, \.svg, \.pdf"):
        save_figure(plan, tmp_path / "plan.jpeg")
    assert list(tmp_path.iterdir()) == []


def test_comparison_shows_each_plan_in_its_panel(dataset: jp.Dataset, tmp_path: Path) -> None:
    plans = [jp.solve(jp.Scenario(name=name, balance=balance), dataset)
             for name, balance in (("Efficiency", 0.0), ("Middle", 0.5), ("Worst-off first", 1.0))]
    figure = plot_comparison(plans)
    titles = [ax.get_title() for ax in figure.axes if ax.get_title()]
    assert [t.splitlines()[0] for t in titles] == ["Efficiency", "Middle", "Worst-off first"]
    for plan, title in zip(plans, titles, strict=True):
        assert f"{plan.metrics['mean_balance_score']:.0f} %" in title
    path = tmp_path / "comparison.png"
    figure.savefig(path, dpi=100)
    assert mpimg.imread(path).shape[:2] == (750, 1333)


def test_comparison_needs_one_to_eight_plans(plan: jp.Plan) -> None:
    with pytest.raises(InputError, match="no plan"):
        plot_comparison([])
    with pytest.raises(InputError, match="at most 8"):
        plot_comparison([plan] * 9)
