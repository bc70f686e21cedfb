"""The sector gate (docs/model.md §2 revision 3): gated and additive strengths by hand, their
invariants, the checker's own reading of them, and data without sector lists unchanged."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from factories import make_dataset, themes_with_sectors, themes_without_sectors
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import jazari_planner as jp
from jazari_planner.scoring import strengths as scoring
from jazari_planner.scoring.arrays import normalize_array, strength_array
from jazari_planner.testing import checker
from jazari_planner.testing.synthetic import synthetic_dataset

PROPERTIES = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow])


def three_regions() -> jp.Dataset:
    """Region 01 has none of the sector (0 MW) but the best capability."""
    return make_dataset(
        {"mw": [0.0, 50.0, 100.0], "grads": [10.0, 4.0, 0.0], "tech": [8.0, 0.0, 4.0]},
        groups={"mw": "economic", "grads": "academic", "tech": "infrastructure"},
        profiles={"energy": {"mw": 2.0, "grads": 1.0, "tech": 1.0},
                  "plain": {"grads": 1.0, "tech": 3.0}},
        sectors={"energy": ["mw"]},
    )


def test_gated_and_additive_strengths_match_hand_computed_values() -> None:
    data = three_regions()
    # z: mw (0, .5, 1); grads (1, .4, 0); tech (1, 0, .5); energy α = 2/4
    gated = scoring.strength(data, jp.Scenario(name="g"))
    additive = scoring.strength(data, jp.Scenario(name="a", aggregation="additive"))
    s_cap = np.array([(1 + 1) / 2, (0.4 + 0) / 2, (0 + 0.5) / 2])
    s_sec = np.array([0.0, 0.5, 1.0])
    assert gated["energy"].to_numpy() == pytest.approx(s_sec ** 0.5 * s_cap ** 0.5)
    assert gated["energy"].to_numpy() == pytest.approx([0.0, np.sqrt(0.1), 0.5])
    assert additive["energy"].to_numpy() == pytest.approx(0.5 * s_sec + 0.5 * s_cap)
    assert additive["energy"].to_numpy() == pytest.approx([0.5, 0.35, 0.625])
    # a theme without sector measures: the capability part alone, as under additive
    plain = [(1 + 3) / 4, (0.4 + 0) / 4, (0 + 1.5) / 4]
    assert gated["plain"].to_numpy() == pytest.approx(plain)
    assert additive["plain"].to_numpy() == pytest.approx(plain)


def test_a_group_weighed_zero_leaves_the_other_part_alone() -> None:
    data = three_regions()
    only_sector = scoring.strength(data, jp.Scenario(
        name="s", weights={"economic": 1.0, "academic": 0.0, "infrastructure": 0.0}))
    assert only_sector["energy"].to_numpy() == pytest.approx([0.0, 0.5, 1.0])
    no_sector = scoring.strength(data, jp.Scenario(
        name="c", weights={"economic": 0.0, "academic": 1.0, "infrastructure": 1.0}))
    assert no_sector["energy"].to_numpy() == pytest.approx([1.0, 0.2, 0.25])


def test_zero_to_the_zero_is_one() -> None:
    z = np.array([[0.0, 0.0], [1.0, 1.0]])
    weights = np.array([[0.0, 1.0]])  # the sector indicator weighs 0: α = 0, s_sec = 0
    sector = np.array([[True, False]])
    assert strength_array(z, weights, sector=sector).tolist() == [[0.0], [1.0]]
    only = np.array([[1.0, 0.0]])  # no capability weight: 1 − α = 0, s_cap = 0
    assert strength_array(np.array([[0.5, 0.0]]), only, sector=sector).tolist() == [[0.5]]


def test_explain_splits_the_parts_and_their_indicators() -> None:
    data = three_regions()
    scenario = jp.Scenario(name="g")
    table = scoring.explain(data, scenario, "02", "energy")
    assert table["part"].tolist() == ["sector", "capability", "capability"]
    parts = scoring.explain_parts(data, scenario, "02", "energy")
    assert parts.loc["sector", "score"] == pytest.approx(0.5)
    assert parts.loc["capability", "score"] == pytest.approx(0.2)
    assert parts["share"].tolist() == pytest.approx([0.5, 0.5])
    for part in ("sector", "capability"):
        rows = table[table["part"] == part]
        assert rows["part_contribution"].sum() == pytest.approx(parts.loc[part, "score"])
        assert rows["part_weight"].sum() == pytest.approx(1.0)
    assert table["contribution"].sum() == pytest.approx(0.35)  # the additive strength
    plan = jp.solve(scenario, data)
    assert plan.strength_of("02", "energy") == pytest.approx(np.sqrt(0.1))


def sectored(data: jp.Dataset, seed: int) -> jp.Dataset:
    """``data`` with each theme's sector a random non-empty subset of its profile."""
    rng = np.random.default_rng(seed)
    themes = data.themes.copy()
    sectors = []
    for theme in themes.index:
        profile = [k for k in data.profiles.columns if data.profiles.at[theme, k] > 0]
        chosen = [k for k in profile if rng.random() < 0.5] or profile[:1]
        sectors.append(tuple(chosen))
    themes["sector"] = sectors
    return dataclasses.replace(data, themes=themes)


@st.composite
def instances(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    regions = draw(st.integers(2, 6))
    indicators = draw(st.integers(1, 5))
    themes = draw(st.integers(1, 4))
    values = draw(arrays(float, (regions, indicators),
                         elements=st.floats(-1e3, 1e3, allow_nan=False)))
    weights = draw(arrays(float, (themes, indicators),
                          elements=st.sampled_from([0.0, 0.5, 1.0, 2.0, 5.0])))
    sector = draw(arrays(bool, (themes, indicators)))
    return values, weights, sector


@PROPERTIES
@given(instances(), st.sampled_from(["minmax", "rank"]))
def test_every_gated_strength_is_between_0_and_1(instance: tuple[np.ndarray, ...],
                                                  method: str) -> None:
    values, weights, sector = instance
    z = normalize_array(values, method=method)
    scores = strength_array(z, weights, sector=sector, clip=False)
    assert np.all(scores >= 0) and np.all(scores <= 1 + 1e-12)


@PROPERTIES
@given(instances())
def test_the_region_with_the_least_of_the_sector_scores_0(
        instance: tuple[np.ndarray, ...]) -> None:
    values, weights, sector = instance
    in_sector = sector & (weights > 0)
    z = normalize_array(values, method="minmax")
    scores = strength_array(z, weights, sector=sector)
    for t in range(weights.shape[0]):
        used = in_sector[t]
        if not used.any():
            continue
        # a region holding the least of every sector measure (some region has more of one)
        least = np.all(values[:, used] == values[:, used].min(axis=0), axis=1)
        if np.ptp(values[:, used], axis=0).max() > 0:
            assert np.all(scores[least, t] == 0.0)


@PROPERTIES
@given(instances(), st.sampled_from(["minmax", "rank"]))
def test_additive_is_revision_2_exactly(instance: tuple[np.ndarray, ...], method: str) -> None:
    values, weights, sector = instance
    z = normalize_array(values, method=method)
    totals = weights.sum(axis=1)
    revision_2 = np.where(totals > 0, z @ weights.T / np.where(totals > 0, totals, 1.0), 0.0)
    additive = strength_array(z, weights, sector=sector, aggregation="additive")
    assert np.array_equal(additive, np.clip(revision_2, 0.0, 1.0))
    # and gated without sector measures is the same number
    gated = strength_array(z, weights, sector=np.zeros_like(sector))
    assert np.array_equal(gated, additive)


@pytest.mark.parametrize("aggregation", ["gated", "additive"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_checker_reproduces_plans_and_objectives(aggregation: str, seed: int) -> None:
    data = sectored(synthetic_dataset(n_regions=6, n_themes=5, seed=seed), seed)
    scenario = jp.Scenario(name="x", aggregation=aggregation, balance=0.4,
                           need={"need_04": 1.0})
    plan = jp.solve(scenario, data)
    report = checker.check_plan(plan)
    report.raise_if_failed()
    assert report.objective == pytest.approx(plan.objective, abs=1e-9)
    expected = checker.strength_table(data, scenario)
    assert plan.inputs.strength == pytest.approx(expected.to_numpy(), abs=1e-12)


def test_the_checker_tells_gated_from_additive() -> None:
    data = three_regions()
    gated = checker.strength_table(data, jp.Scenario(name="g"))
    additive = checker.strength_table(data, jp.Scenario(name="a", aggregation="additive"))
    assert gated["energy"].tolist() == pytest.approx([0.0, np.sqrt(0.1), 0.5])
    assert additive["energy"].tolist() == pytest.approx([0.5, 0.35, 0.625])


def test_plans_on_data_without_sector_lists_are_unchanged(tmp_path: Path) -> None:
    data = jp.load_dataset(themes=themes_without_sectors(tmp_path))
    assert not any(data.themes["sector"])
    gated = jp.solve(jp.Scenario(name="g"), data)
    additive = jp.solve(jp.Scenario(name="a", aggregation="additive"), data)
    assert gated.cells == additive.cells
    assert gated.objective == additive.objective
    assert np.array_equal(gated.inputs.strength, additive.inputs.strength)


def test_sector_lists_in_a_themes_file_gate_the_strengths(tmp_path: Path) -> None:
    themes = themes_with_sectors(tmp_path)
    data = jp.load_dataset(themes=themes)
    assert data.themes.at["energy", "sector"] == ("renewable_capacity",)
    gated = scoring.strength(data, jp.Scenario(name="g"))
    megawatts = data.values()["renewable_capacity"]
    none = megawatts.eq(megawatts.min())  # none, or the least: 0 under minmax
    assert none.any() and (gated.loc[none, "energy"] == 0).all()
    additive = scoring.strength(data, jp.Scenario(name="a", aggregation="additive"))
    assert (additive.loc[none, "energy"] > 0).all()


def test_aggregation_is_a_scenario_key_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("name: s\naggregation: gatted\n", encoding="utf-8")
    with pytest.raises(jp.InputError) as caught:
        jp.Scenario.from_yaml(path)
    error = caught.value
    assert error.line == 2 and error.key == "aggregation"
    assert "gated" in str(error) and "additive" in (error.fix or "")
    assert jp.Scenario.from_dict({"name": "s"}).aggregation == "gated"
    written = jp.Scenario(name="s", aggregation="additive").to_yaml()
    assert "aggregation: additive" in written
    assert "aggregation" not in jp.Scenario(name="s").to_yaml()


def test_set_aggregation_overrides_a_scenario() -> None:
    from jazari_planner.scenario.overrides import apply_override

    scenario = apply_override(jp.Scenario(name="s"), "aggregation=additive")
    assert scenario.aggregation == "additive"
    with pytest.raises(jp.InputError) as caught:
        apply_override(jp.Scenario(name="s"), "aggregation=geometric")
    assert caught.value.source == "--set aggregation=geometric"


def test_the_sweep_scores_like_the_scoring() -> None:
    from jazari_planner.analysis.perturbation import Spread
    from jazari_planner.analysis.sweep import sweep_problem

    data = sectored(synthetic_dataset(n_regions=7, n_themes=4, seed=5), 5)
    for aggregation in ("gated", "additive"):
        scenario = jp.Scenario(name="x", aggregation=aggregation)
        plan = jp.solve(scenario, data)
        problem = sweep_problem(scenario, data, plan.inputs, spread=Spread(0, 0, 0))
        strength, _need = problem.scores(0)
        expected = scoring.strength(data, scenario).to_numpy()
        assert np.array_equal(strength, expected)
        assert pd.DataFrame(strength).notna().all().all()
