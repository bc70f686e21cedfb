"""stability.py: the stability intervals of docs/model.md §12, checked by re-solving.

Every end is checked independently of the MILP: at the end the plan's objective (scored by the
independent checker's rules) equals the best of every feasible plan (enumerated,
``tests/bruteforce.py``), and one ``tol`` beyond an end that is not the range's own another plan
is strictly better. On a roadmap the check re-solves with ``jp.solve`` and scores the plan's
cells with their best schedule, enumerated.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from bruteforce import best_schedule, enumerate_selections

import jazari_planner as jp
from jazari_planner.analysis.stability import PAIR_COLUMNS, PARAMETERS, TABLE_COLUMNS, _Prober
from jazari_planner.common.errors import InfeasibleError, InputError
from jazari_planner.optimization.phasing import plan_value
from jazari_planner.scoring import strengths as scoring
from jazari_planner.testing.checker import resolve_roadmap, resolve_rules
from jazari_planner.testing.synthetic import synthetic_dataset

GROUPS = ("economic", "academic", "infrastructure")


def moved(scenario: jp.Scenario, parameter: str, value: float) -> jp.Scenario:
    if parameter in GROUPS:
        return scenario.model_copy(update={"weights": {**scenario.weights, parameter: value}})
    return scenario.model_copy(update={parameter: value})


def shortfall(dataset: jp.Dataset, scenario: jp.Scenario, cells: list[tuple[str, str]]) -> float:
    """How far the plan ``cells`` falls short of the best plan (relative); inf if it breaks a
    rule (a cell closed by min_strength)."""
    rules = resolve_rules(dataset, scenario)
    if not all(rules.is_open(r, t) for r, t in cells):
        return math.inf
    best = enumerate_selections(rules).best_objective
    return (best - rules.objective(cells)) / max(1.0, abs(best))


def instance(seed: int) -> tuple[jp.Dataset, jp.Scenario]:
    dataset = synthetic_dataset(n_regions=4, n_themes=5, n_indicators=8, seed=seed)
    rng = np.random.default_rng(seed)
    scenario = jp.Scenario(
        name="stable", balance=float(np.round(rng.uniform(0.1, 0.8), 2)),
        balance_focus=int(rng.integers(1, 4)), equity=float(np.round(rng.uniform(0, 1.5), 2)),
        min_strength=0.1 if seed % 2 else 0.0,
        weights={g: float(np.round(rng.uniform(0.3, 2), 2)) for g in GROUPS},
        need={dataset.catalogue.index[3]: 1.0},
        themes={t: {"max": 2} for t in dataset.theme_ids})
    return dataset, scenario


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_every_end_checks_out_against_every_feasible_plan(seed: int) -> None:
    dataset, scenario = instance(seed)
    result = jp.stability(scenario, dataset, tol=0.02)
    cells = result.plan.cells
    table = result.table
    assert list(table.columns) == TABLE_COLUMNS and list(table["parameter"]) == list(PARAMETERS)
    tipping = 0
    for row in table.to_dict("records"):
        parameter: str = row["parameter"]
        step = 0.02 * (row["range_hi"] - row["range_lo"])
        assert row["lo"] <= row["value"] <= row["hi"]
        for side in ("lo", "hi"):
            end = row[side]
            assert shortfall(dataset, moved(scenario, parameter, end), cells) <= 1e-9, \
                (parameter, side, end)
            middle = (end + row["value"]) / 2
            assert shortfall(dataset, moved(scenario, parameter, middle), cells) <= 1e-9
            if row[f"{side}_is_range_end"]:
                assert end == row[f"range_{side}"] and math.isnan(row[f"beyond_{side}"])
                continue
            tipping += 1
            beyond = row[f"beyond_{side}"]
            assert 0 < abs(beyond - end) <= step + 1e-12
            assert abs(beyond - end) == pytest.approx(step) or beyond == row[f"range_{side}"]
            assert shortfall(dataset, moved(scenario, parameter, beyond), cells) > 1e-9, \
                (parameter, side, beyond)
            assert row[f"{side}_gained"] or row[f"{side}_lost"]
    assert result.probes > 0
    if seed == 0:
        assert tipping > 0  # the instance has a tipping point to check


def test_pairs_name_the_nearest_tipping_point_that_removes_them() -> None:
    dataset, scenario = instance(2)
    result = jp.stability(scenario, dataset)
    pairs = result.pairs
    assert list(pairs.columns) == PAIR_COLUMNS
    assert len(pairs) == len(result.plan.cells)
    table = result.table.set_index("parameter")
    for row in pairs.to_dict("records"):
        if not row["parameter"]:
            continue
        record = table.loc[row["parameter"]]
        side = "lo" if row["removed_at"] < row["value"] else "hi"
        assert row["removed_at"] == record[f"beyond_{side}"]
        assert f"→ {row['theme_id']}" in record[f"{side}_lost"]
        assert row["change"] == pytest.approx(row["removed_at"] - row["value"])
    assert any(pairs["parameter"] != "")


def test_band_reads_one_setting_and_progress_counts_both_ends() -> None:
    dataset, scenario = instance(1)
    seen: list[tuple[int, int]] = []
    result = jp.stability(scenario, dataset, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(k, 10) for k in range(1, 11)]
    lo, hi = result.band("balance")
    assert 0 <= lo <= scenario.balance <= hi <= 1
    assert "balance" in repr(result)


def roadmap_instance(history: bool = False) -> tuple[jp.Dataset, jp.Scenario]:
    """A small roadmap; with ``history``, revised as of its first year (docs/model.md §10),
    which opened one pair and one institute whose theme the plan chooses."""
    dataset = synthetic_dataset(n_regions=3, n_themes=4, n_indicators=6, seed=5)
    phasing: dict[str, object] = {"years": [2025, 2027], "max_openings_per_year": 2}
    if history:
        regions, themes = dataset.region_codes, dataset.theme_ids
        phasing.update(as_of=2025, opened=[{"region": regions[0], "theme": themes[1],
                                            "year": 2025}],
                       opened_regions=[{"region": regions[2], "year": 2025}])
    scenario = jp.Scenario(name="phased", balance=0.4, equity=0.5,
                           need={dataset.catalogue.index[3]: 1.0},
                           themes={t: {"max": 2} for t in dataset.theme_ids},
                           phasing=phasing)
    return dataset, scenario


def phased_shortfall(dataset: jp.Dataset, scenario: jp.Scenario,
                     cells: list[tuple[str, str]]) -> float:
    """The best roadmap's objective (``jp.solve``) against the plan's cells' best schedule."""
    best = jp.solve(scenario, dataset)
    assert best.status == "optimal" and best.objective is not None
    rules = resolve_rules(dataset, scenario)
    roadmap = resolve_roadmap(dataset, scenario)
    assert roadmap is not None
    found = best_schedule(rules, roadmap, cells)
    assert found is not None
    own = rules.objective(cells) + found[0]
    return (best.objective - own) / max(1.0, abs(best.objective))


@pytest.mark.parametrize("history", [False, True], ids=["plain", "as_of"])
def test_a_roadmaps_ends_check_out_against_re_solves(history: bool) -> None:
    dataset, scenario = roadmap_instance(history)
    result = jp.stability(scenario, dataset, tol=0.05)
    cells = result.plan.cells
    for row in result.table.to_dict("records"):
        for side in ("lo", "hi"):
            moved_there = moved(scenario, row["parameter"], row[side])
            assert phased_shortfall(dataset, moved_there, cells) <= 1e-7
            if not row[f"{side}_is_range_end"]:
                beyond = moved(scenario, row["parameter"], row[f"beyond_{side}"])
                assert phased_shortfall(dataset, beyond, cells) > 1e-9


def test_a_roadmaps_probes_start_from_the_best_schedule_met_so_far() -> None:
    """Each probe of a roadmap starts from the best, on its own numbers, of the plan and the
    schedules earlier probes found that its bounds allow: the same ends (above), sooner."""
    dataset, scenario = roadmap_instance()
    plan = jp.solve(scenario, dataset)
    probe = _Prober(scenario, plan)
    assert len(probe.schedules) == 1 and probe.schedules[0].sum() > 0  # the plan's
    for parameter in PARAMETERS:
        low, high = probe.range_of(parameter)
        for value in np.linspace(low, high, 5):
            probe.cells_at(parameter, float(value))
    assert len(probe.schedules) >= 2  # the probes met other plans: the test means something
    better = 0
    for parameter in PARAMETERS:
        inputs = probe.setting(parameter, probe.range_of(parameter)[1])
        upper, lower = probe._open(inputs) & ~probe.closed_out, np.zeros_like(probe.star)
        allowed = [y for y in probe.schedules if not ((y > 0) & ~upper).any()]
        start = probe._best_start(inputs, lower, upper)
        assert start is not None and any(start is y for y in allowed)
        assert plan_value(inputs, start > 0, start, probe.phasing) == max(
            plan_value(inputs, y > 0, y, probe.phasing) for y in allowed)
        better += int(start is not probe.schedules[0])
        # with the plan's cells fixed only a schedule of those cells is a start
        fixed = probe._best_start(inputs, probe.star, probe.star)
        assert fixed is not None and np.array_equal(fixed > 0, probe.star)
    assert better >= 1


@pytest.mark.parametrize("aggregation", ["gated", "additive"])
def test_a_probes_strengths_are_scorings_own(aggregation: str) -> None:
    dataset = jp.load_dataset()  # its themes name sector measures: the gate matters
    scenario = jp.Scenario(name="probe", aggregation=aggregation,
                           weights={"economic": 1.0, "academic": 0.5, "infrastructure": 2.0})
    probe = _Prober(scenario, jp.solve(scenario, dataset))
    for group, value in (("economic", 3.7), ("academic", 0.0), ("infrastructure", 0.25)):
        expected = scoring.strength(dataset, moved(scenario, group, value))
        found = probe.setting(group, value).strength
        assert found == pytest.approx(expected.to_numpy(), abs=1e-12), (group, value)


@pytest.mark.parametrize("tol", [0, -0.1, 0.9, math.nan, True])
def test_a_bad_tolerance_is_an_input_error(tol: Any) -> None:
    dataset, scenario = instance(0)
    with pytest.raises(InputError, match="tol"):
        jp.stability(scenario, dataset, tol=tol)


def test_an_infeasible_scenario_has_no_intervals() -> None:
    dataset, scenario = instance(0)
    with pytest.raises(InfeasibleError):
        jp.stability(scenario.model_copy(update={"budget": 0.0}), dataset)
