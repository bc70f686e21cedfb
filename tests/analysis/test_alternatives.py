"""alternatives.py: near-optimal alternatives and replacement cost (docs/model.md §9)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bruteforce import enumerate_selections
from factories import make_dataset

import jazari_planner as jp
from jazari_planner.analysis.robustness import plan_cells
from jazari_planner.scenario.schema import Lock
from jazari_planner.testing.checker import check_plan, resolve_rules

ROOT = Path(__file__).resolve().parents[2]


def small() -> jp.Dataset:
    return make_dataset(
        {"eco": [10, 20, 40, 5], "aca": [3, 5, 1, 4], "inf": [7, 1, 3, 9]},
        groups={"eco": "economic", "aca": "academic", "inf": "infrastructure"},
        profiles={"t1": {"eco": 1.0, "aca": 0.5}, "t2": {"aca": 1.0, "inf": 1.0},
                  "t3": {"inf": 2.0, "eco": 0.3}, "t4": {"eco": 0.2, "inf": 0.4}},
        bounds={"t1": (1, 2), "t2": (1, 3), "t3": (0, 2), "t4": (0, 2)},
    )


def distance(a: jp.Plan, b: jp.Plan) -> int:
    return int((plan_cells(a) != plan_cells(b)).sum())


@pytest.mark.parametrize(("within", "min_changes"), [(0.05, 1), (0.1, 2), (0.2, 3)])
def test_alternatives_are_the_best_plans_within_the_bound_and_the_distance(
        within: float, min_changes: int) -> None:
    data = small()
    scenario = jp.Scenario(name="s", balance=0.4)
    plan = jp.solve(scenario, data)
    found = jp.alternatives(plan, n=3, within=within, min_changes=min_changes)
    floor = plan.objective - within * abs(plan.objective)
    everything = enumerate_selections(resolve_rules(data, scenario))
    kept = [plan]
    for alternative in found:
        check_plan(alternative).raise_if_failed()
        assert alternative.status == "feasible"
        assert alternative.gap == pytest.approx((plan.objective - alternative.objective)
                                                / abs(plan.objective))
        assert alternative.objective >= floor - 1e-7
        assert all(distance(alternative, earlier) >= min_changes for earlier in kept)
        # The best of the enumerated selections that meet the same cuts (ties allowed).
        cells = [plan_cells(k) for k in kept]
        best = -math.inf
        for n in range(len(everything)):
            chosen = alternative.inputs.chosen(everything.selection(n)).astype(bool)
            if all((chosen != c).sum() >= min_changes for c in cells) \
                    and everything.objectives[n] >= floor - 1e-9:
                best = max(best, float(everything.objectives[n]))
        assert alternative.objective == pytest.approx(best, abs=1e-7)
        kept.append(alternative)
    assert [a.objective for a in found] == sorted((a.objective for a in found), reverse=True)


def test_alternatives_stop_when_no_plan_is_left() -> None:
    # Two regions, one theme each out of two: four plans in all, so three alternatives.
    data = make_dataset({"eco": [1.0, 3.0], "aca": [2.0, 1.0]},
                        groups={"eco": "economic", "aca": "academic"},
                        profiles={"a": {"eco": 1.0}, "b": {"aca": 1.0}})
    scenario = jp.Scenario(name="tiny", regions={"default": {"min": 1, "max": 1}})
    plan = jp.solve(scenario, data)
    assert len(enumerate_selections(resolve_rules(data, scenario))) == 4
    assert len(jp.alternatives(plan, n=50, within=1.0, min_changes=1)) == 3
    # The optimum is unique: nothing else is within 0 %.
    assert jp.alternatives(plan, n=5, within=0.0, min_changes=1) == []


def test_alternatives_on_the_national_baseline_keep_every_rule() -> None:
    scenario = jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")
    plan = jp.solve(scenario)
    found = jp.alternatives(plan, n=3, within=0.02, min_changes=2)
    assert len(found) == 3
    for alternative in found:
        check_plan(alternative).raise_if_failed()
        assert distance(alternative, plan) >= 2


def test_replacement_cost_equals_a_lock_out_re_solve() -> None:
    scenario = jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")
    data = jp.load_dataset()
    plan = jp.solve(scenario, data)
    costs = jp.replacement_cost(plan)
    assert list(costs.columns) == ["region_code", "theme_id", "cost_percent", "irreplaceable",
                                   "locked"]
    assert len(costs) == len(plan.assignments)
    locked = {(lock.region, lock.theme) for lock in scenario.lock_in}
    for row in costs.loc[~costs["locked"]].iloc[[0, 2, 5, 9, 18]].itertuples(index=False):
        lock = {"region": row.region_code, "theme": row.theme_id}
        again = jp.solve(scenario.model_copy(update={
            "lock_out": [*scenario.lock_out, Lock(**lock)]}), data)
        if again.feasible:
            expected = 100 * (plan.objective - again.objective) / abs(plan.objective)
            assert row.cost_percent == pytest.approx(expected, abs=1e-9)
            assert not row.irreplaceable
        else:
            assert row.irreplaceable and math.isnan(row.cost_percent)
    # A locked-in pair is `locked`, not irreplaceable by its own lock (§9, revision 3): its
    # cost is the lock's, the objective gained when that lock alone is lifted.
    locked_codes = {(data.region_code(r), t) for r, t in locked}
    by_pair = costs.set_index(["region_code", "theme_id"])
    assert set(by_pair.index[by_pair["locked"]]) == locked_codes
    assert not by_pair["irreplaceable"].any()
    for region, theme in locked:
        lifted = jp.solve(scenario.model_copy(update={"lock_in": [
            lock for lock in scenario.lock_in if (lock.region, lock.theme) != (region, theme)]}),
            data)
        expected = 100 * (lifted.objective - plan.objective) / abs(plan.objective)
        assert by_pair.at[(data.region_code(region), theme), "cost_percent"] == pytest.approx(
            expected, abs=1e-9)
    assert (costs["cost_percent"] >= -1e-9).all()
    assert np.isfinite(costs["cost_percent"]).all()


def test_replacement_cost_of_some_pairs_is_their_rows_of_the_whole_table() -> None:
    plan = jp.solve(jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml"))
    whole = jp.replacement_cost(plan).set_index(["region_code", "theme_id"])
    pairs = [tuple(pair) for pair in whole.index[[1, 4]]]
    some = jp.replacement_cost(plan, pairs=pairs)
    assert list(zip(some["region_code"], some["theme_id"], strict=True)) == pairs
    pd.testing.assert_frame_equal(some.set_index(["region_code", "theme_id"]), whole.loc[pairs])
    assert jp.replacement_cost(plan, pairs=[]).empty
    with pytest.raises(jp.InputError, match="not in the plan"):
        jp.replacement_cost(plan, pairs=[*pairs, ("01", "not-a-pair")])


@pytest.mark.parametrize(("options", "key"), [
    ({"n": 0}, "n"), ({"min_changes": 0}, "min_changes"), ({"min_changes": -2}, "min_changes"),
    ({"within": -0.01}, "within"), ({"within": float("nan")}, "within"),
])
def test_bad_arguments_are_input_errors(options: dict, key: str) -> None:
    plan = jp.solve(jp.Scenario(name="s"), small())
    with pytest.raises(jp.InputError) as caught:
        jp.alternatives(plan, **options)
    assert caught.value.key == key and caught.value.fix


def test_an_infeasible_plan_has_no_alternatives_nor_costs() -> None:
    plan = jp.solve(jp.Scenario(name="s", budget=150), small())  # 4 regions × 100 at least
    assert not plan.feasible
    for question in (jp.alternatives, jp.replacement_cost):
        with pytest.raises(jp.InfeasibleError):
            question(plan)
