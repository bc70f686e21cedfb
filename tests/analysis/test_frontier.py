"""The efficiency–balance frontier (docs/model.md §7): real data, real solver, brute force.

On small random instances every feasible selection is enumerated (``tests/bruteforce.py``)
and the frontier is compared with the truth point for point: each level's plan is that
level's best ``E + ε·b``, every point kept is non-dominated, and with enough levels every
point the ε-constraint method can reach is found.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from bruteforce import enumerate_selections, epsilon_constraint, pareto_points
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import jazari_planner as jp
from jazari_planner.analysis.frontier import COLUMNS, knee_index, pareto_filter, plan_point
from jazari_planner.common.errors import InputError
from jazari_planner.data.dataset import Dataset
from jazari_planner.scenario.schema import Scenario
from jazari_planner.testing.checker import check_plan, resolve_rules
from jazari_planner.testing.synthetic import synthetic_dataset

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TOL = 1e-6


@pytest.fixture(scope="module")
def tight(dataset: jp.Dataset) -> jp.Frontier:
    return jp.frontier(jp.Scenario.from_yaml(SCENARIOS / "tight-budget.yaml"), dataset)


# --------------------------------------------------------------------------- real data


def test_the_table_lists_points_from_the_most_efficient_to_the_most_balanced(
        tight: jp.Frontier) -> None:
    table = tight.table
    assert list(table.columns) == COLUMNS
    assert len(table) == len(tight.plans) >= 3
    assert list(table["rank"]) == list(range(1, len(table) + 1))
    assert (np.diff(table["efficiency"]) < 0).all()  # non-dominated: E falls as b rises
    assert (np.diff(table["balance"]) > 0).all()
    assert table["knee"].sum() == 1
    assert table.loc[0, "gained"] == table.loc[0, "lost"] == "" and table.loc[0, "changes"] == 0
    assert (table["changes"].iloc[1:] > 0).all()


def test_every_point_is_a_checked_plan_whose_figures_are_in_the_table(
        tight: jp.Frontier) -> None:
    for row, plan in zip(tight.table.itertuples(), tight.plans, strict=True):
        assert plan.status == row.status == "optimal" and plan.gap == row.gap
        report = check_plan(plan)  # every rule of the scenario holds at every point
        assert report.ok, report.violations
        assert plan_point(plan) == pytest.approx((row.efficiency, row.balance), abs=1e-12)
        assert plan.metrics is not None
        assert (row.floor, row.mean_fit, row.gini) == pytest.approx(
            (plan.metrics.floor, plan.metrics.mean_fit, plan.metrics.gini))
        assert row.balance >= row.level - 1e-7


def test_gained_and_lost_are_the_pairs_that_differ_from_the_first_plan(
        tight: jp.Frontier) -> None:
    first = set(zip(tight.plans[0].assignments["region_name"],
                    tight.plans[0].assignments["theme_id"], strict=True))
    last = tight.plans[-1]
    pairs = set(zip(last.assignments["region_name"], last.assignments["theme_id"], strict=True))
    row = tight.table.iloc[-1]
    assert set(row["gained"].split("; ")) == {f"{r} → {t}" for r, t in pairs - first}
    assert set(row["lost"].split("; ")) == {f"{r} → {t}" for r, t in first - pairs}
    assert row["changes"] == len(pairs ^ first)


def test_the_levels_run_from_the_most_efficient_to_the_most_balanced_plan(
        tight: jp.Frontier) -> None:
    assert len(tight.levels) == 11
    assert tight.levels[0] == pytest.approx(tight.table["balance"].iloc[0], abs=1e-12)
    assert tight.levels[-1] == pytest.approx(tight.table["balance"].iloc[-1], abs=1e-9)
    assert np.diff(tight.levels) == pytest.approx(np.full(10, np.diff(tight.levels)[0]))


def test_the_knee_and_the_scenarios_own_plan(tight: jp.Frontier) -> None:
    knee_row = int(np.flatnonzero(tight.table["knee"])[0])
    assert tight.knee is tight.plans[knee_row] and tight.knee_rank == knee_row + 1
    e, b = tight.table["efficiency"].to_numpy(), tight.table["balance"].to_numpy()
    assert (e[knee_row] - e.min()) / np.ptp(e) + (b[knee_row] - b.min()) / np.ptp(b) > 1
    assert knee_row == knee_index(tight.table["efficiency"], tight.table["balance"])
    own = plan_point(tight.scenario_plan)
    flagged = tight.table[tight.table["scenario_plan"]]
    # the scenario's own plan (λ 0.3) is a weighted-sum optimum: a point of the frontier
    assert len(flagged) == 1
    assert (flagged["efficiency"].iloc[0], flagged["balance"].iloc[0]) == pytest.approx(own)


def test_more_points_never_lose_a_point(dataset: jp.Dataset, tight: jp.Frontier) -> None:
    finer = jp.frontier(tight.scenario, dataset, points=21)  # its levels include the 11
    found = {(round(e, 6), round(b, 6)) for e, b in
             zip(finer.table["efficiency"], finer.table["balance"], strict=True)}
    assert {(round(e, 6), round(b, 6)) for e, b in
            zip(tight.table["efficiency"], tight.table["balance"], strict=True)} <= found


def test_progress_is_reported_after_each_solve(dataset: jp.Dataset) -> None:
    calls: list[tuple[int, int]] = []
    jp.frontier(jp.Scenario(name="t", balance_focus=3), dataset, points=4,
                progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 6) for n in range(1, 7)]


def test_each_level_starts_from_the_most_efficient_plan_found_that_meets_it(
        dataset: jp.Dataset, tight: jp.Frontier, monkeypatch: pytest.MonkeyPatch) -> None:
    """The levels are searched from the highest down: a plan found at one level meets the
    levels below it, so a lower level starts from it where it is the most efficient such
    plan, not from the most balanced plan every time. The frontier is the same."""
    from jazari_planner.analysis import frontier as module

    starts: list[frozenset[str]] = []
    solve_model = module.solve_model

    def recorded(model: Any, options: Any = None, **kwargs: Any) -> Any:
        start = kwargs.get("start")
        if start is not None:
            starts.append(frozenset(var.name for var, value in start.items() if value > 0.5))
        return solve_model(model, options, **kwargs)

    monkeypatch.setattr(module, "solve_model", recorded)
    again = jp.frontier(tight.scenario, dataset)
    assert again.table.equals(tight.table)
    # the two ends start from the scenario's plan, the highest level from the most balanced
    # plan, and some lower level from a plan a higher level found
    assert starts[0] == starts[1] and len(starts) == 2 + 10
    assert any(start not in (starts[0], starts[2]) for start in starts[3:])


@pytest.mark.parametrize("points", [0, 1, 202, 2.5, True])
def test_a_bad_number_of_points_is_an_input_error(dataset: jp.Dataset, points: Any) -> None:
    with pytest.raises(InputError) as caught:
        jp.frontier(jp.Scenario(name="t"), dataset, points=points)
    assert caught.value.key == "points"


def test_an_infeasible_scenario_has_no_frontier_and_says_why(dataset: jp.Dataset) -> None:
    scenario = jp.Scenario(name="too cheap", budget=1000)
    frontier = jp.frontier(scenario, dataset)
    assert not frontier.feasible and frontier.plans == [] and frontier.knee is None
    assert frontier.table.empty and list(frontier.table.columns) == COLUMNS
    assert frontier.scenario_plan.status == "infeasible"
    assert any("budget" in rule for rule in frontier.scenario_plan.diagnosis)


def test_without_a_trade_off_the_frontier_is_one_point(dataset: jp.Dataset) -> None:
    # southern-energy-corridor.yaml: its most efficient plan is also its most balanced
    scenario = jp.Scenario.from_yaml(SCENARIOS / "southern-energy-corridor.yaml")
    frontier = jp.frontier(scenario, dataset, points=5)
    # one point is no trade-off, hence no knee (revision 3; revision 2 named the point)
    assert len(frontier.plans) == 1 and not frontier.table["knee"].any()
    assert frontier.knee is None and frontier.knee_rank is None


def test_a_point_stopped_short_of_proof_is_feasible_with_its_gap() -> None:
    # a gap tolerance of 20 % stops HiGHS (one thread: deterministic) before its proof
    dataset = synthetic_dataset(n_regions=40, n_themes=12, seed=1)
    scenario = Scenario(name="gap", balance_focus=3, solver={"mip_gap": 0.2},
                        themes={t: {"max": 4} for t in dataset.theme_ids})
    frontier = jp.frontier(scenario, dataset, points=4)
    table = frontier.table
    assert set(table["status"]) <= {"optimal", "feasible"} and "feasible" in set(table["status"])
    for row, plan in zip(table.itertuples(), frontier.plans, strict=True):
        assert row.status == plan.status and row.gap == plan.gap
        if row.status == "feasible":
            assert row.gap is not None and 1e-6 < row.gap <= 0.2


# --------------------------------------------------------------------------- pure parts


def test_pareto_filter_keeps_the_first_of_equal_points_and_drops_dominated_ones() -> None:
    efficiency = [1.0, 0.9, 1.0 + 5e-8, 0.8, 0.9, 0.5]
    balance = [0.1, 0.5, 0.1, 0.5, 0.3, 0.5 + 5e-8]
    # 2 equals 0 (first kept); 3, 4 and 5 are beaten by 1 on one side, equalled on the other
    assert pareto_filter(efficiency, balance) == [0, 1]
    assert pareto_filter([0.5, 1.0], [1.0, 0.5]) == [0, 1]  # found order kept


@pytest.mark.parametrize(("efficiency", "balance", "expected"), [
    ([1.0, 0.9, 0.0], [0.0, 0.8, 1.0], 1),            # the bulge
    ([1.0, 0.6, 0.5, 0.0], [0.0, 0.5, 0.9, 1.0], 2),  # scaled distance, farthest wins
    ([1.0, 0.5, 0.0], [0.0, 0.5, 1.0], None),         # on the line: no compromise
    ([1.0, 0.2, 0.0], [0.0, 0.3, 1.0], None),         # below it: a bad trade, no knee
    ([1.0, 0.1, 0.7, 0.0], [0.0, 0.2, 0.6, 1.0], 2),  # farther below loses to a bit above
    ([1.0, 0.0], [0.0, 1.0], None),
    ([3.0], [0.2], None),
])
def test_knee_index(efficiency: list[float], balance: list[float],
                    expected: int | None) -> None:
    assert knee_index(efficiency, balance) == expected


@pytest.mark.parametrize(("efficiency", "balance", "expected"), [
    ([1.0, 0.2, 0.0], [0.0, 0.3, 1.0], 1),            # revision 2: either side of the line
    ([1.0, 0.5, 0.0], [0.0, 0.5, 1.0], 0),
    ([1.0, 0.0], [0.0, 1.0], 0),
    ([3.0], [0.2], 0),
])
def test_the_revision_2_knee_is_one_option_away(efficiency: list[float], balance: list[float],
                                                expected: int) -> None:
    assert knee_index(efficiency, balance, either_side=True) == expected


@pytest.mark.parametrize("name", ["baseline", "cohesion", "excellence"])
def test_a_shipped_frontiers_knee_lies_above_the_chord_or_there_is_none(
        dataset: jp.Dataset, name: str) -> None:
    frontier = jp.frontier(jp.Scenario.from_yaml(SCENARIOS / f"{name}.yaml"), dataset)
    table = frontier.table
    e, b = table["efficiency"].to_numpy(), table["balance"].to_numpy()
    if len(table) < 3:  # excellence.yaml: two points, both on the chord: no knee
        assert frontier.knee is None and frontier.knee_rank is None
        assert not table["knee"].any()
        return
    height = (e - e.min()) / np.ptp(e) + (b - b.min()) / np.ptp(b) - 1
    assert frontier.knee_rank is not None and int(table["knee"].sum()) == 1
    knee = frontier.knee_rank - 1
    assert height[knee] > 0 and height[knee] == pytest.approx(height.max())


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=0, max_size=12))
def test_a_knee_lies_above_the_chord_and_is_the_farthest_there(
        points: list[tuple[float, float]]) -> None:
    e = np.array([p[0] for p in points])
    b = np.array([p[1] for p in points])
    knee = knee_index(e, b)
    if e.size < 3:
        assert knee is None
        return
    span_e, span_b = np.ptp(e) or 1.0, np.ptp(b) or 1.0
    height = (e - e.min()) / span_e + (b - b.min()) / span_b - 1
    if knee is None:
        assert (height <= 1e-9 * math.sqrt(2) + 1e-12).all()
    else:
        assert height[knee] > 0 and height[knee] >= height.max() - 1e-9


def test_the_knee_is_found_in_scaled_units() -> None:
    # E spans 0.01, b spans 10: unscaled, the middle point would sit on the line
    assert knee_index([1.00, 0.999, 0.99], [0.0, 8.0, 10.0]) == 1


# --------------------------------------------------------------------------- brute force


@st.composite
def small_instances(draw: st.DrawFn) -> tuple[Dataset, Scenario]:
    """3–4 regions × 3–5 themes, most themes in one region only, with need and equity.

    Scarce themes (fewer places than the regions' 1–2 each could fill) make the regions
    compete, so most instances have a trade-off of two to eight points.
    """
    n_regions, n_themes = draw(st.integers(3, 4)), draw(st.integers(3, 5))
    dataset = synthetic_dataset(n_regions=n_regions, n_themes=n_themes,
                                n_indicators=draw(st.integers(4, 8)),
                                seed=draw(st.integers(0, 2**16)))
    need_ids = list(dataset.catalogue.index[dataset.catalogue["group"] == "need"])
    need = draw(st.dictionaries(st.sampled_from(need_ids), st.sampled_from([-1.0, 1.0, 2.0]),
                                max_size=2))
    themes = {t: {"max": draw(st.sampled_from([1, 1, 2]))} for t in dataset.theme_ids}
    scenario = Scenario(
        name="random", need=need, equity=draw(st.sampled_from([0.0, 0.5, 2.0])),
        balance=draw(st.sampled_from([0.0, 0.3, 1.0])),
        balance_focus=draw(st.integers(1, n_regions)),
        regions={"default": {"min": 1, "max": 2}}, themes=themes)
    return dataset, scenario


BRUTE_SETTINGS = settings(max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.filter_too_much])


def _points(frontier: jp.Frontier) -> list[tuple[float, float]]:
    return list(zip(frontier.table["efficiency"], frontier.table["balance"], strict=True))


def _is_among(point: tuple[float, float], truth: list[tuple[float, float]]) -> bool:
    return any(abs(point[0] - e) <= TOL and abs(point[1] - b) <= TOL for e, b in truth)


@BRUTE_SETTINGS
@given(small_instances(), st.integers(2, 6))
def test_each_level_finds_its_best_plan_and_every_point_is_non_dominated(
        instance: tuple[Dataset, Scenario], points: int) -> None:
    dataset, scenario = instance
    truth = enumerate_selections(resolve_rules(dataset, scenario))
    assume(truth.feasible)
    frontier = jp.frontier(scenario, dataset, points=points)
    levels, best = epsilon_constraint(truth, points)
    assert frontier.levels == pytest.approx(levels, abs=TOL)
    pareto = pareto_points(truth)
    found = _points(frontier)
    for point in found:
        assert _is_among(point, pareto), (point, pareto)
    for level, (e, b) in zip(levels, best, strict=True):
        # a kept point reaches the level and is worth that level's best E + ε·b
        assert any(fb >= level - 1e-7 and fe + 1e-3 * fb >= e + 1e-3 * b - TOL
                   for fe, fb in found), (level, e, b, found)


@BRUTE_SETTINGS
@given(small_instances())
def test_enough_levels_find_every_point_the_method_can_reach(
        instance: tuple[Dataset, Scenario]) -> None:
    dataset, scenario = instance
    truth = enumerate_selections(resolve_rules(dataset, scenario))
    assume(truth.feasible)
    pareto = pareto_points(truth)
    assume(len(pareto) >= 2)  # a trade-off to find
    points = enough_levels(pareto)
    assume(points <= 80)
    assert_finds_every_reachable_point(dataset, scenario, truth, points=points)


def enough_levels(pareto: list[tuple[float, float]]) -> int:
    """Levels spaced below the smallest gap between two non-dominated balances: each such
    balance then has a level just at or below it, so every point is reached."""
    b_values = sorted(b for _, b in pareto)
    return math.floor((b_values[-1] - b_values[0]) / float(np.diff(b_values).min())) + 2


def assert_finds_every_reachable_point(dataset: Dataset, scenario: Scenario, truth: Any, *,
                                       points: int) -> int:
    """The frontier at ``points`` levels is exactly the non-dominated points the ε-constraint
    method reaches on the enumeration (a point it cannot reach at any level is one whose
    ``E`` lead over a more balanced point is below ``ε`` times its ``b`` deficit)."""
    frontier = jp.frontier(scenario, dataset, points=points)
    _, reached = epsilon_constraint(truth, points)
    reachable = [p for p in pareto_points(truth) if _is_among(p, reached)]
    found = _points(frontier)
    assert len(found) == len(reachable), (found, reachable)
    assert all(_is_among(p, reachable) for p in found)
    return len(found)


@pytest.mark.parametrize("seed", range(6))
def test_enough_levels_find_every_reachable_point_of_a_contested_network(seed: int) -> None:
    # 4 regions of 1–2 themes, 5 themes in one region each: 5 places for up to 8 wishes
    dataset = synthetic_dataset(n_regions=4, n_themes=5, n_indicators=6, seed=seed)
    scenario = Scenario(name="contested", balance_focus=2,
                        themes={t: {"max": 1} for t in dataset.theme_ids})
    truth = enumerate_selections(resolve_rules(dataset, scenario))
    pareto = pareto_points(truth)
    assert len(pareto) >= 2
    assert assert_finds_every_reachable_point(dataset, scenario, truth,
                                              points=enough_levels(pareto)) >= 2


def test_cbc_finds_the_same_frontier_as_highs() -> None:
    dataset = synthetic_dataset(n_regions=5, n_themes=4, seed=3)
    scenario = Scenario(name="cbc", balance_focus=2, themes={t: {"max": 2}
                                                              for t in dataset.theme_ids})
    highs = jp.frontier(scenario, dataset, points=6)
    solver = scenario.solver.model_copy(update={"name": "cbc"})
    cbc = jp.frontier(scenario.model_copy(update={"solver": solver}), dataset, points=6)
    assert np.array(_points(cbc)) == pytest.approx(np.array(_points(highs)), abs=TOL)
    assert set(cbc.table["status"]) == {"optimal"}
