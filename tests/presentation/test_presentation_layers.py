"""What a map colours the regions by: natural-break classes that tell the regions apart."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import jazari_planner as jp
from jazari_planner.common.errors import InputError
from jazari_planner.common.words.numbers import DASH
from jazari_planner.presentation.figures import save_comparison, save_figure
from jazari_planner.presentation.layers import (
    LAYERS,
    check_layer,
    class_scale,
    layer_values,
    natural_breaks,
    strength_theme,
)
from jazari_planner.presentation.view import region_views
from jazari_planner.presentation.webmap import plan_layer, plan_map, plan_scales


def test_fit_classes_separate_the_embedded_regions(baseline_plan: jp.Plan) -> None:
    """Fixed 10 % bins put ten regions in one class; natural breaks spread them out."""
    values = layer_values(baseline_plan, region_views(baseline_plan), "fit")
    scale = class_scale("fit", values.values())
    classes = [scale.colors.index(scale.color(v)) for v in values.values()]
    assert len(scale.colors) == 5
    assert set(classes) == set(range(5))  # every class holds a region
    assert max(classes.count(c) for c in set(classes)) <= len(values) // 2


@pytest.mark.parametrize("layer", LAYERS)
def test_each_value_sits_in_the_class_its_label_names(baseline_plan: jp.Plan, layer: str) -> None:
    values = layer_values(baseline_plan, region_views(baseline_plan), layer)  # type: ignore[arg-type]
    scale = class_scale(layer, values.values())  # type: ignore[arg-type]
    assert len(scale.colors) == len(scale.uppers) == len(scale.ranges) == len(scale.labels())
    for value in values.values():
        low, high = scale.ranges[scale.colors.index(scale.color(value))]
        assert low - 1e-9 <= value <= high + 1e-9


def test_few_distinct_values_get_one_class_each() -> None:
    assert natural_breaks([0.0] * 12) == (0.0,)
    assert natural_breaks([1.0, 2.0, 2.0, 3.0]) == (1.0, 2.0, 3.0)
    scale = class_scale("need", [0.0] * 12)
    assert scale.labels() == ["0.00"] and len(scale.colors) == 1


def _within_class_squares(values: list[float], uppers: Sequence[float]) -> float:
    """The sum of squared deviations from each class's mean (what natural breaks minimize)."""
    total, lower = 0.0, -math.inf
    for upper in uppers:
        members = [v for v in values if lower < v <= upper]
        if members:
            mean = sum(members) / len(members)
            total += sum((v - mean) ** 2 for v in members)
        lower = upper
    return total


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=6, max_size=11), st.integers(2, 5))
def test_natural_breaks_are_the_best_classes_of_all(whole: list[int], classes: int) -> None:
    """Against every way to cut the sorted distinct values into ``classes`` classes: no
    classification has a smaller within-class sum of squares (Fisher–Jenks is exact)."""
    values = [v / 4 for v in whole]
    distinct = sorted(set(values))
    assume(len(distinct) > classes)
    found = natural_breaks(values, classes=classes)
    assert len(found) == classes and found[-1] == distinct[-1]
    assert all(upper in distinct for upper in found)
    best = min(_within_class_squares(values, [distinct[i] for i in cuts] + [distinct[-1]])
               for cuts in itertools.combinations(range(len(distinct) - 1), classes - 1))
    assert _within_class_squares(values, found) == pytest.approx(best, abs=1e-9)


def test_missing_values_are_grey_and_labels_are_written_per_language() -> None:
    scale = class_scale("fit", [0.42, 0.75, 0.77, 1.2, 1.5, 1.9, math.nan])
    assert scale.color(math.nan) == scale.missing and scale.color(None) == scale.missing
    assert scale.labels("en")[0] == "0.42"
    assert scale.labels("fr")[1] == f"0,75{DASH}0,77"
    assert class_scale("balance_score", [88.7, 100.0]).labels(suffix=" %") == ["89 %", "100 %"]


def test_small_multiples_share_one_classification(dataset: jp.Dataset,
                                                  baseline_plan: jp.Plan) -> None:
    other = jp.solve(jp.Scenario(name="Worst-off first", balance=1.0), dataset)
    shared = plan_scales([baseline_plan, other])["fit"]
    for plan in (baseline_plan, other):
        for value in layer_values(plan, region_views(plan), "fit").values():
            low, high = shared.ranges[shared.colors.index(shared.color(value))]
            assert low - 1e-9 <= value <= high + 1e-9


def test_the_strength_layer_names_a_known_theme(baseline_plan: jp.Plan) -> None:
    assert strength_theme(baseline_plan) in baseline_plan.dataset.theme_ids
    with pytest.raises(InputError, match="unknown theme"):
        strength_theme(baseline_plan, "watr")


@pytest.mark.parametrize("draw", [
    lambda plan, path: plan.to_map(layer="balance"),
    lambda plan, path: plan.plot(layer="balance"),
    lambda plan, path: plan.save_map(path / "map.html", layer="balance"),
    lambda plan, path: save_figure(plan, path / "map.png", layer="balance"),
    lambda plan, path: save_comparison([plan], path / "maps.png", layer="balance"),
    lambda plan, path: plan_map(plan, layer="balance"),
    lambda plan, path: plan_layer(plan, show="balance"),
    lambda plan, path: layer_values(plan, region_views(plan), "balance"),
], ids=["Plan.to_map", "Plan.plot", "Plan.save_map", "save_figure", "save_comparison",
        "plan_map", "plan_layer", "layer_values"])
def test_the_former_balance_layer_id_names_its_new_one(
        baseline_plan: jp.Plan, tmp_path: Path, draw: Callable[[jp.Plan, Path], object]) -> None:
    """"balance" alone is λ: the old id of the balance-score layer fails with the new id,
    rather than drawing another layer, and writes nothing."""
    with pytest.raises(InputError) as raised:
        draw(baseline_plan, tmp_path)
    assert raised.value.key == "layer"
    assert "'balance_score'" in raised.value.problem
    assert raised.value.fix == "pass layer='balance_score'"
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_layer_id_lists_the_layers() -> None:
    with pytest.raises(InputError, match="unknown map layer 'need_index'") as raised:
        check_layer("need_index")
    assert raised.value.fix is not None and "fit, balance_score, need, strength" in raised.value.fix
    assert [check_layer(layer) for layer in LAYERS] == list(LAYERS)
