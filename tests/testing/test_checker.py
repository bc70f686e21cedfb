"""The checker's own formulas against numbers worked out by hand, and its eye for broken rules.

Every expected number below is derived in the comment beside it from the tiny dataset of
:func:`tiny_dataset` (three regions), never read back from the code under test.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from jazari_planner.data.dataset import Dataset
from jazari_planner.scenario.schema import Scenario
from jazari_planner.testing.checker import check_plan, check_selection, normalize, resolve_rules
from jazari_planner.testing.synthetic import synthetic_dataset


def tiny_dataset() -> Dataset:
    """Three regions, four indicators, three themes.

    indicator  group           direction  01   02   03   minmax z (after flip)
    eco        economic        higher     10   20   40   0, 1/3, 1
    aca        academic        lower       3    5    1   flip -3,-5,-1 → 0.5, 0, 1
    inf        infrastructure  higher      7    7    7   constant → 0, 0, 0
    une        need            higher     10   30   20   0, 1, 0.5

    themes (cost, min, max, profile): t1 (100, 0, 3, eco 1 + une 5: need never counts),
    t2 (200, 0, 3, aca 1), t3 (50, 0, 3, eco 1, aca 1, inf 2).
    Populations 1, 2 and 1 million.
    """
    codes = ["01", "02", "03"]
    regions = gpd.GeoDataFrame(
        {
            "region_name": ["Oriental", "Fès-Meknès", "Souss-Massa"],
            "region_name_ar": ["الشرق", "فاس مكناس", "سوس ماسة"],
            "population": [1_000_000, 2_000_000, 1_000_000],
        },
        geometry=[box(i, 0, i + 1, 1) for i in range(3)],
        crs="EPSG:4326",
        index=pd.Index(codes, name="region_code"),
    )
    wide = {"eco": [10, 20, 40], "aca": [3, 5, 1], "inf": [7, 7, 7], "une": [10, 30, 20]}
    indicators = pd.DataFrame(
        [(c, k, float(v[i]), 2024, "hand") for k, v in wide.items() for i, c in enumerate(codes)],
        columns=["region_code", "indicator", "value", "year", "source"],
    )
    catalogue = pd.DataFrame(
        {
            "label": ["Economy", "Academia", "Infrastructure", "Unemployment"],
            "group": ["economic", "academic", "infrastructure", "need"],
            "unit": ["x", "x", "x", "%"],
            "direction": ["higher", "lower", "higher", "higher"],
            "source": "hand",
            "year": 2024,
            "estimate": False,
            "method": "",
        },
        index=pd.Index(["eco", "aca", "inf", "une"], name="indicator"),
    )
    themes = pd.DataFrame(
        {
            "label": ["T1", "T2", "T3"],
            "label_fr": ["T1", "T2", "T3"],
            "cost": [100.0, 200.0, 50.0],
            "min": [0, 0, 0],
            "max": [3, 3, 3],
            "rationale": "",
        },
        index=pd.Index(["t1", "t2", "t3"], name="theme_id"),
    )
    profiles = pd.DataFrame(
        [[1.0, 0.0, 0.0, 5.0], [0.0, 1.0, 0.0, 0.0], [1.0, 1.0, 2.0, 0.0]],
        index=themes.index,
        columns=catalogue.index,
    )
    return Dataset(regions=regions, indicators=indicators, catalogue=catalogue,
                   themes=themes, profiles=profiles, provenance={"source": "hand"})


def scenario(**fields: Any) -> Scenario:
    return Scenario(name="hand", **fields)


# The selection most tests score: 01→t2, 02→t1, 02→t3, 03→t1.
SELECTION = [("01", "t2"), ("02", "t1"), ("02", "t3"), ("03", "t1")]


# --------------------------------------------------------------------------- normalization


def test_minmax_maps_the_range_to_0_1() -> None:
    # (v - 10) / (40 - 10): 0, 10/30, 1
    z = normalize(pd.Series([10.0, 20.0, 40.0]), method="minmax")
    assert z.tolist() == pytest.approx([0.0, 1 / 3, 1.0])


def test_minmax_of_a_constant_column_is_zero() -> None:
    assert normalize(pd.Series([7.0, 7.0, 7.0]), method="minmax").tolist() == [0.0, 0.0, 0.0]


def test_minmax_flips_direction_lower() -> None:
    # -3, -5, -1: min -5, max -1 → (-3+5)/4 = 0.5, 0, 1
    z = normalize(pd.Series([3.0, 5.0, 1.0]), method="minmax", flip=True)
    assert z.tolist() == pytest.approx([0.5, 0.0, 1.0])


def test_rank_gives_ties_their_average_rank() -> None:
    # ranks 1, 2.5, 2.5, 4 → (rank - 1)/3: 0, 0.5, 0.5, 1
    z = normalize(pd.Series([10.0, 20.0, 20.0, 40.0]), method="rank")
    assert z.tolist() == pytest.approx([0.0, 0.5, 0.5, 1.0])


def test_rank_of_a_constant_column_is_the_middle() -> None:
    # all tie at average rank (1+2+3)/3 = 2 → (2 - 1)/2 = 0.5 each
    assert normalize(pd.Series([7.0, 7.0, 7.0]), method="rank").tolist() == [0.5, 0.5, 0.5]


def test_rank_flips_direction_lower_and_handles_one_region() -> None:
    # -3, -5, -1 rank 2, 1, 3 → 0.5, 0, 1
    z = normalize(pd.Series([3.0, 5.0, 1.0]), method="rank", flip=True)
    assert z.tolist() == pytest.approx([0.5, 0.0, 1.0])
    assert normalize(pd.Series([3.0]), method="rank").tolist() == [0.0]


# --------------------------------------------------------------------------- strength and need


def test_strength_with_equal_weights() -> None:
    # t1: only eco counts (une is a need indicator) → 0, 1/3, 1
    # t2: aca → 0.5, 0, 1
    # t3: (1·eco + 1·aca + 2·inf) / 4 = (0+0.5+0)/4, (1/3+0+0)/4, (1+1+0)/4 = 1/8, 1/12, 1/2
    s = resolve_rules(tiny_dataset(), scenario()).strength
    assert s["t1"].tolist() == pytest.approx([0.0, 1 / 3, 1.0])
    assert s["t2"].tolist() == pytest.approx([0.5, 0.0, 1.0])
    assert s["t3"].tolist() == pytest.approx([1 / 8, 1 / 12, 1 / 2])


def test_strength_with_unequal_weights_and_an_unlisted_group() -> None:
    # weights economic 2, academic 1, infrastructure unlisted → 0
    # t2: W = aca 1 → unchanged 0.5, 0, 1
    # t3: W = eco 2, aca 1, inf 0 → (2·eco + aca)/3 = 0.5/3, (2/3)/3, 3/3 = 1/6, 2/9, 1
    s = resolve_rules(tiny_dataset(), scenario(weights={"economic": 2, "academic": 1})).strength
    assert s["t2"].tolist() == pytest.approx([0.5, 0.0, 1.0])
    assert s["t3"].tolist() == pytest.approx([1 / 6, 2 / 9, 1.0])


def test_strength_is_zero_where_every_weight_is_zero() -> None:
    # only economic weighs: t2 (academic only) has Σ W = 0 → s = 0
    s = resolve_rules(tiny_dataset(), scenario(weights={"economic": 1})).strength
    assert s["t2"].tolist() == [0.0, 0.0, 0.0]
    assert s["t3"].tolist() == pytest.approx([0.0, 1 / 3, 1.0])


def test_strength_under_rank_normalization() -> None:
    # eco rank 1, 2, 3 → 0, 0.5, 1; inf constant → 0.5 each; aca flipped ranks 2, 1, 3 → 0.5, 0, 1
    # t3 = (eco + aca + 2·inf)/4 = (0+0.5+1)/4, (0.5+0+1)/4, (1+1+1)/4 = 0.375, 0.375, 0.75
    s = resolve_rules(tiny_dataset(), scenario(normalization="rank")).strength
    assert s["t1"].tolist() == pytest.approx([0.0, 0.5, 1.0])
    assert s["t3"].tolist() == pytest.approx([0.375, 0.375, 0.75])


def test_need_with_signed_weights() -> None:
    # une +1: z = 0, 1, 0.5; eco -1: z' = 1 - (0, 1/3, 1) = 1, 2/3, 0
    # n = (0 + 1)/2, (1 + 2/3)/2, (0.5 + 0)/2 = 0.5, 5/6, 0.25
    need = resolve_rules(tiny_dataset(), scenario(need={"une": 1, "eco": -1})).need
    assert need.tolist() == pytest.approx([0.5, 5 / 6, 0.25])
    # une +2, eco -1: (2·une + 1·z')/3 = 1/3, (2 + 2/3)/3 = 8/9, (1 + 0)/3 = 1/3
    need = resolve_rules(tiny_dataset(), scenario(need={"une": 2, "eco": -1})).need
    assert need.tolist() == pytest.approx([1 / 3, 8 / 9, 1 / 3])


def test_need_ignores_direction_and_defaults_to_zero() -> None:
    # aca is direction lower, but need does not flip: (v - 1)/4 = 0.5, 1, 0
    need = resolve_rules(tiny_dataset(), scenario(need={"aca": 1})).need
    assert need.tolist() == pytest.approx([0.5, 1.0, 0.0])
    assert resolve_rules(tiny_dataset(), scenario()).need.tolist() == [0.0, 0.0, 0.0]


# --------------------------------------------------------------------------- objective and §4


#: The tie-break weight ε of docs/model.md §3, and the mean fit of SELECTION.
EPSILON = 1e-3
MEAN_FIT = (0.5 + 5 / 12 + 1.0) / 3  # 23/36


def test_objective_with_balance_and_equity() -> None:
    # f = 01: s(t2) = 0.5; 02: s(t1) + s(t3) = 1/3 + 1/12 = 5/12; 03: s(t1) = 1
    # n = 0.5, 5/6, 0.25 (see test_need_with_signed_weights)
    # E = (1/3)(1.5·0.5 + (11/6)(5/12) + 1.25·1) = (1/3)(199/72) = 199/216
    # b (q = 1) = min f = 5/12; objective = 0.5·199/216 + 0.5·5/12 + ε·23/36 = 289/432 + ε·23/36
    report = check_selection(SELECTION, tiny_dataset(),
                             scenario(balance=0.5, equity=1, need={"une": 1, "eco": -1}))
    assert report.ok, report.violations
    assert report.regions["fit"].tolist() == pytest.approx([0.5, 5 / 12, 1.0])
    assert report.objective == pytest.approx(289 / 432 + EPSILON * MEAN_FIT)


def test_objective_extremes_of_balance() -> None:
    # λ = 0, β = 0: (1 + ε) · mean fit 23/36; λ = 1: the floor 5/12 + ε · 23/36
    assert check_selection(SELECTION, tiny_dataset(), scenario(balance=0)).objective == (
        pytest.approx((1 + EPSILON) * MEAN_FIT))
    assert check_selection(SELECTION, tiny_dataset(), scenario(balance=1)).objective == (
        pytest.approx(5 / 12 + EPSILON * MEAN_FIT))


def test_balance_focus_averages_the_worst_served() -> None:
    # fits 0.5, 5/12, 1: q = 2 → b = (5/12 + 1/2)/2 = 11/24; q = 3 → the mean 23/36
    for focus, worst_mean in ((1, 5 / 12), (2, 11 / 24), (3, MEAN_FIT)):
        report = check_selection(SELECTION, tiny_dataset(),
                                 scenario(balance=1, balance_focus=focus))
        assert report.ok, report.violations
        assert report.metrics["worst_mean"] == pytest.approx(worst_mean)
        assert report.metrics["floor"] == pytest.approx(5 / 12)
        assert report.objective == pytest.approx(worst_mean + EPSILON * MEAN_FIT)


def test_balance_focus_above_the_served_regions_is_a_violation() -> None:
    # region 02 may carry none: R⁺ = {01, 03}, so q = 3 is out of range
    rules = scenario(balance_focus=3,
                     regions={"default": {"min": 1, "max": 2}, "02": {"min": 0, "max": 2}})
    assert check_selection(SELECTION, tiny_dataset(), rules).violations == [
        "rule 6: balance_focus 3 is outside 1…2, the regions that must carry a specialization"]


def test_best_fit_and_balance_score() -> None:
    # kmax 2, θ 0: 01 best two of (0, 0.5, 1/8) = 0.625; 02 (1/3, 0, 1/12) = 5/12;
    # 03 (1, 1, 0.5) = 2. Scores 100·0.5/0.625 = 80, 100·(5/12)/(5/12) = 100, 100·1/2 = 50
    report = check_selection(SELECTION, tiny_dataset(), scenario())
    assert report.regions["best_fit"].tolist() == pytest.approx([0.625, 5 / 12, 2.0])
    assert report.regions["balance_score"].tolist() == pytest.approx([80.0, 100.0, 50.0])
    assert report.metrics["mean_balance_score"] == pytest.approx(230 / 3)


def test_best_fit_honours_min_strength_and_locks() -> None:
    # θ 0.4: 01 open t2 (0.5) and, locked in, t3 (1/8) → 0.625;
    # 02 open none (1/3, 0, 1/12 all < 0.4) → best 0, score 0;
    # 03 t1 locked out → open t2 (1), t3 (0.5) → 1.5; 03 carries t2 → 100·1/1.5
    rules = scenario(min_strength=0.4, lock_in=[{"region": "01", "theme": "t3"}],
                     lock_out=[{"region": "Souss-Massa", "theme": "t1"}],
                     regions={"default": {"min": 1, "max": 2}, "02": {"min": 0, "max": 2}})
    report = check_selection([("01", "t3"), ("03", "t2")], tiny_dataset(), rules)
    assert report.ok, report.violations
    assert report.regions["best_fit"].tolist() == pytest.approx([0.625, 0.0, 1.5])
    assert report.regions["balance_score"].tolist() == pytest.approx([20.0, 0.0, 200 / 3])


def test_best_fit_sums_all_open_themes_when_fewer_than_kmax() -> None:
    # θ 0.4, 01 max 3: only t2 (0.5) is open → best 0.5
    rules = scenario(min_strength=0.4, regions={"01": {"min": 1, "max": 3}})
    report = check_selection([("01", "t2"), ("02", "t2"), ("03", "t1")], tiny_dataset(), rules)
    assert report.regions.at["01", "best_fit"] == pytest.approx(0.5)


def test_investment_and_inequality_metrics() -> None:
    # investment 01: 200, 02: 100 + 50 = 150, 03: 100 → total 450
    # per inhabitant (10^6 x investment / population): 200, 75, 100 MAD; mean 125
    # gini: 2·(125 + 100 + 25) / (2·9·125) = 500/2250 = 2/9
    # theil: shares 1.6, 0.6, 0.8 → (1.6 ln 1.6 + 0.6 ln 0.6 + 0.8 ln 0.8)/3 ≈ 0.0890
    # mad: (75 + 50 + 25)/3 = 50; coverage 1; floor 5/12; mean_fit 23/36
    m = check_selection(SELECTION, tiny_dataset(), scenario()).metrics
    assert m["total_investment"] == pytest.approx(450.0)
    assert m["gini"] == pytest.approx(2 / 9)
    theil = (1.6 * math.log(1.6) + 0.6 * math.log(0.6) + 0.8 * math.log(0.8)) / 3
    assert theil == pytest.approx(0.0890, abs=1e-4)
    assert m["theil"] == pytest.approx(theil)
    assert m["mad"] == pytest.approx(50.0)
    assert m["coverage"] == pytest.approx(1.0)
    assert m["floor"] == pytest.approx(5 / 12)
    assert m["mean_fit"] == pytest.approx(23 / 36)


def test_coverage_floor_and_zero_investment_region() -> None:
    # 03 may carry nothing (min 0): selection 01→t2, 02→t1
    # coverage = (1 + 2)/4 million = 0.75; floor over 01, 02 only = min(0.5, 1/3) = 1/3
    # y = 200, 50, 0, mean 250/3: gini 2·(150 + 200 + 50)/(2·9·250/3) = 800/1500 = 8/15
    # theil: shares 2.4, 0.6, 0 → (2.4 ln 2.4 + 0.6 ln 0.6 + 0)/3 (0·ln 0 = 0)
    rules = scenario(regions={"default": {"min": 1, "max": 2}, "03": {"min": 0, "max": 2}})
    report = check_selection([("01", "t2"), ("02", "t1")], tiny_dataset(), rules)
    assert report.ok, report.violations
    m = report.metrics
    assert m["coverage"] == pytest.approx(0.75)
    assert m["floor"] == pytest.approx(1 / 3)
    assert m["gini"] == pytest.approx(8 / 15)
    assert m["theil"] == pytest.approx((2.4 * math.log(2.4) + 0.6 * math.log(0.6)) / 3)


def test_empty_selection_has_zero_inequality() -> None:
    # every region min 0, nothing selected: ȳ = 0 → gini = theil = 0, coverage 0, floor 0
    rules = scenario(regions={"default": {"min": 0, "max": 2}})
    report = check_selection([], tiny_dataset(), rules)
    assert report.ok
    assert report.metrics["gini"] == 0.0
    assert report.metrics["theil"] == 0.0
    assert report.metrics["coverage"] == 0.0
    assert report.metrics["floor"] == 0.0
    assert report.objective == 0.0


# --------------------------------------------------------------------------- violations


def only(report_violations: list[str], prefix: str) -> list[str]:
    return [v for v in report_violations if v.startswith(prefix)]


def test_rule_1_region_maximum_and_minimum() -> None:
    selection = [("01", "t1"), ("01", "t2"), ("01", "t3"), ("02", "t1")]
    found = check_selection(selection, tiny_dataset(), scenario()).violations
    assert any("region 01" in v and "above its maximum of 2" in v for v in only(found, "rule 1"))
    assert any("region 03" in v and "below its minimum of 1" in v for v in only(found, "rule 1"))
    assert len(found) == 2


def test_rule_1_bounds_named_by_accented_region_name() -> None:
    # "fes-meknes" names Fès-Meknès (02); max 1 makes its two themes a violation
    rules = scenario(regions={"default": {"min": 1, "max": 2}, "fes-meknes": {"min": 1, "max": 1}})
    found = check_selection(SELECTION, tiny_dataset(), rules).violations
    assert found == [
        "rule 1: region 02 (Fès-Meknès) carries 2 themes, above its maximum of 1"]


def test_rule_2_theme_bounds_with_overrides() -> None:
    # t1 max overridden to 1 (carried by 02 and 03); t2 min overridden to 2 (carried by 01 only)
    rules = scenario(themes={"t1": {"max": 1}, "t2": {"min": 2}})
    found = check_selection(SELECTION, tiny_dataset(), rules).violations
    assert sorted(found) == [
        "rule 2: theme t1 is carried by 2 regions, above its maximum of 1",
        "rule 2: theme t2 is carried by 1 regions, below its minimum of 2",
    ]


def test_rule_3_budget_with_cost_override() -> None:
    # costs 200 + 100 + 50 + 100 = 450 fit a budget of 450 ...
    assert check_selection(SELECTION, tiny_dataset(), scenario(budget=450)).ok
    # ... but not once t3 costs 60 (460)
    found = check_selection(SELECTION, tiny_dataset(),
                            scenario(budget=450, themes={"t3": {"cost": 60}})).violations
    assert len(found) == 1 and found[0].startswith("rule 3") and "460" in found[0]


def test_rule_4_locks() -> None:
    rules = scenario(lock_in=[{"region": "Oriental", "theme": "t1"}],
                     lock_out=[{"region": "3", "theme": "t1"}])
    found = check_selection(SELECTION, tiny_dataset(), rules).violations
    assert sorted(found) == [
        "rule 4: lock_in 01 (Oriental) → t1 is not selected",
        "rule 4: lock_out 03 (Souss-Massa) → t1 is selected",
    ]


def test_rule_5_min_strength_unless_locked_in() -> None:
    # θ 0.4: 02→t1 (1/3) and 02→t3 (1/12) are too weak
    found = check_selection(SELECTION, tiny_dataset(), scenario(min_strength=0.4)).violations
    assert len(found) == 2 and all(v.startswith("rule 5: region 02") for v in found)
    # locking 02→t1 in excuses it; θ exactly equal to a strength is allowed (s < θ is strict)
    rules = scenario(min_strength=0.4, lock_in=[{"region": "02", "theme": "t1"}])
    found = check_selection(SELECTION, tiny_dataset(), rules).violations
    assert len(found) == 1 and "t3" in found[0]
    assert check_selection([("01", "t2"), ("02", "t2"), ("03", "t2")], tiny_dataset(),
                           scenario(min_strength=0.5)).violations == [
        "rule 5: region 02 (Fès-Meknès) → t2 has strength 0, below min_strength 0.5, "
        "and is not locked in"]


def test_unknown_and_repeated_cells() -> None:
    selection = [*SELECTION, ("01", "t2"), ("99", "t1"), ("03", "t9")]
    found = check_selection(selection, tiny_dataset(), scenario()).violations
    assert sorted(found) == sorted([
        "selection: region 01 (Oriental) → t2 appears twice",
        "selection: unknown region '99'",
        "selection: unknown theme 't9' for region 03 (Souss-Massa)",
    ])
    with pytest.raises(AssertionError, match="3 violation"):
        check_selection(selection, tiny_dataset(), scenario()).raise_if_failed()


# --------------------------------------------------------------------------- check_plan


def plan_like(report_scenario: Scenario, **changes: Any) -> SimpleNamespace:
    """A plan-shaped record built from the hand-derived numbers above, with ``changes``."""
    dataset = tiny_dataset()
    report = check_selection(SELECTION, dataset, report_scenario)
    strength = resolve_rules(dataset, report_scenario).strength
    assignments = pd.DataFrame(
        [(r, t, float(strength.at[r, t]), False) for r, t in SELECTION],
        columns=["region_code", "theme_id", "strength", "locked"],
    )
    fields: dict[str, Any] = {
        "status": "optimal",
        "dataset": dataset,
        "scenario": report_scenario,
        "assignments": assignments,
        "objective": 289 / 432 + EPSILON * MEAN_FIT,
        "regions": report.regions.reset_index(names="region_code"),
        "strength": strength.reset_index(),
        "metrics": dict(report.metrics),
    }
    fields.update(changes)
    return SimpleNamespace(**fields)


HAND = scenario(balance=0.5, equity=1, need={"une": 1, "eco": -1})


def test_check_plan_accepts_correct_numbers() -> None:
    check_plan(plan_like(HAND)).raise_if_failed()


def test_check_plan_catches_wrong_objective_metric_and_tables() -> None:
    bad_metrics = dict(check_selection(SELECTION, tiny_dataset(), HAND).metrics, gini=0.5)
    regions = plan_like(HAND).regions.copy()
    regions.loc[regions["region_code"] == "02", "best_fit"] = 0.5
    strength = plan_like(HAND).strength.copy()
    strength.loc[0, "t3"] = 0.2
    plan = plan_like(HAND, objective=0.6, metrics=bad_metrics, regions=regions,
                     strength=strength)
    found = check_plan(plan).violations
    assert any(v.startswith("objective:") for v in found)
    assert any(v.startswith("metric gini:") for v in found)
    assert any(v.startswith("best_fit of region 02") for v in found)
    assert any(v.startswith("strength of region 01 in t3") for v in found)
    assert len(found) == 4


def test_check_plan_refuses_an_infeasible_plan() -> None:
    assert not check_plan(SimpleNamespace(status="infeasible")).ok


def test_synthetic_dataset_is_deterministic_and_shaped() -> None:
    first = synthetic_dataset(n_regions=101, n_themes=6, seed=4)
    again = synthetic_dataset(n_regions=101, n_themes=6, seed=4)
    other = synthetic_dataset(n_regions=101, n_themes=6, seed=5)
    assert first.region_codes[0] == "001" and first.region_codes[-1] == "101"
    assert first.values().equals(again.values())
    assert not first.values().equals(other.values())
    assert first.profiles.equals(again.profiles)
    assert set(first.catalogue["group"]) == {"economic", "academic", "infrastructure", "need"}
    assert (first.regions["population"] > 0).all()
    assert first.regions.crs.to_epsg() == 4326
    assert first.provenance == {"source": "synthetic", "seed": 4}
    need_columns = first.catalogue.index[first.catalogue["group"] == "need"]
    assert (first.profiles[need_columns] == 0).all().all()
    assert (first.profiles.sum(axis=1) > 0).all()


def test_the_historic_import_path_is_the_same_checker() -> None:
    """docs/checker.md promises ``jazari_planner.checker``; it lives in ``testing.checker``."""
    import jazari_planner.checker as historic
    import jazari_planner.testing.checker as home

    assert historic.__all__ == home.__all__
    assert all(getattr(historic, name) is getattr(home, name) for name in home.__all__)
