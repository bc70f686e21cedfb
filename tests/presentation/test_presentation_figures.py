"""Static figures: 16:9 PNG, SVG and PDF with title, legend, labels and a source line."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image as mpimg
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import jazari_planner as jp
from jazari_planner.common.errors import InputError
from jazari_planner.common.words import Lang, word
from jazari_planner.presentation import plot_comparison, plot_plan, save_figure
from jazari_planner.presentation.layers import class_scale
from jazari_planner.presentation.style import theme_style


@pytest.fixture(scope="module")
def plan(dataset: jp.Dataset) -> jp.Plan:
    return jp.solve(jp.Scenario(name="Worst-off first", balance=1.0), dataset)


def _texts(figure: Figure) -> str:
    """Every text drawn on the figure, joined."""
    return "\n".join(t.get_text() for t in figure.findobj(match=lambda a: hasattr(a, "get_text")))


def _present(path: Path) -> set[tuple[int, ...]]:
    """The colours of a PNG's pixels."""
    pixels = mpimg.imread(path)[:, :, :3]
    colours = (pixels * 255).round().astype(int).reshape(-1, 3)
    return {tuple(c) for c in np.unique(colours, axis=0)}


def _rgb(color: str) -> tuple[int, ...]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def test_png_is_16_by_9_and_shows_the_plan_colours(plan: jp.Plan, tmp_path: Path) -> None:
    """Regions in their fit class (the default layer), badges in their theme colour."""
    path = save_figure(plan, tmp_path / "plan.png")
    assert mpimg.imread(path).shape[:2] == (1125, 2000)
    present = _present(path)
    scale = class_scale("fit", plan.regions["fit"].astype(float))
    for fit in plan.regions["fit"]:
        assert _rgb(scale.color(float(fit))) in present, fit
    for theme_id in plan.assignments["theme_id"].unique():
        assert _rgb(theme_style(theme_id).color) in present, theme_id


def test_any_layer_can_colour_the_figure(plan: jp.Plan, tmp_path: Path) -> None:
    path = save_figure(plan, tmp_path / "balance.png", layer="balance_score")
    scale = class_scale("balance_score", plan.regions["balance_score"].astype(float))
    present = _present(path)
    for score in plan.regions["balance_score"]:
        assert _rgb(scale.color(float(score))) in present, score
    assert "Balance score" in _texts(plot_plan(plan, layer="balance_score"))
    with pytest.raises(InputError, match="unknown map layer"):
        plot_plan(plan, layer="gdp")  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_table_heads_name_the_balance_score_apart(plan: jp.Plan, lang: Lang) -> None:
    """The assignments' last column is the balance score, named so (λ alone is "balance"),
    its head clear of the fit's head beside it in every language."""
    figure = plot_plan(plan, lang=lang)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    drawn = [(t.get_text(), t.get_window_extent(renderer))
             for t in figure.findobj(match=lambda a: isinstance(a, Text)) if t.get_text()]
    score = next(box for text, box in drawn if text == word("balance_score", lang))
    fit = next(box for text, box in drawn
               if text == word("fit", lang) and abs(box.y0 - score.y0) < 3)
    assert fit.x1 < score.x0


def test_announced_institutes_are_outlined_apart(dataset: jp.Dataset) -> None:
    """A locked-in theme's badge is outlined dark; the key says what that means."""
    locked = jp.solve(jp.Scenario.from_yaml("scenarios/baseline.yaml"), dataset)
    figure = plot_plan(locked)
    edges = {(t.get_text(), t.get_bbox_patch().get_edgecolor()[:3])
             for t in figure.findobj(match=lambda a: hasattr(a, "get_bbox_patch"))
             if t.get_bbox_patch() is not None}
    dark = {badge for badge, edge in edges if max(edge) < 0.2}
    assert {theme_style(t).badge for t in ("sovereign_ai", "energy", "industry")} <= dark
    assert "dark outline: announced (locked in)" in _texts(figure)


def test_svg_keeps_title_labels_legend_and_source_as_text(plan: jp.Plan, tmp_path: Path) -> None:
    svg = save_figure(plan, tmp_path / "plan.svg").read_text(encoding="utf-8")
    assert re.search(r'<svg[^>]*width="960pt"[^>]*height="540pt"', svg)
    for expected in ("Jazari Institutes: Worst-off first", "Fit", "JAZARI ROOT",
                     "Source: Jazari Planner; data: HCP", *plan.regions["region_name"]):
        assert expected.replace("'", "&#39;") in svg or expected in svg, expected
    for theme_id in plan.assignments["theme_id"].unique():
        assert f">{theme_style(theme_id).badge}<" in svg


def test_pdf_is_one_16_by_9_page(plan: jp.Plan, tmp_path: Path) -> None:
    data = save_figure(plan, tmp_path / "plan.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert re.search(rb"/MediaBox \[ *0 0 960 540 *\]", data)
    assert len(re.findall(rb"/Type ?/Page[^s]", data)) == 1


def test_static_figures_carry_the_arabic_names_as_the_web_map_does(plan: jp.Plan) -> None:
    """Under each French name its Arabic one, set in the packaged Arabic font (issue 24)."""
    figure = plot_plan(plan)
    assert "الداخلة-وادي الذهب" in _texts(figure).split("\n")


def test_french_figure(plan: jp.Plan) -> None:
    texts = _texts(plot_plan(plan, lang="fr"))
    assert "Instituts Jazari : Worst-off first" in texts
    assert ("Ajustement" in texts and "0,42" in texts) or "Ajustement" in texts
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
