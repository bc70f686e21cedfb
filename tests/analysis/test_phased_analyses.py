"""Every analysis of a scenario with a roadmap solves the roadmap's model (docs/model.md §10).

The frontier (§7), the alternatives and replacement cost (§9) and the robustness sweep (§8)
must honour the yearly rules and count the early-opening term where the plan's objective
does. On small contested networks with a binding roadmap every figure is compared with brute
force (each selection scheduled every feasible way, :mod:`bruteforce`); on the shipped
``scenarios/roadmap-2030.yaml`` every plan they return is checked by the independent checker.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from bruteforce import (
    Enumeration,
    best_schedule,
    enumerate_selections,
    epsilon_constraint,
    pareto_points,
    roadmap_values,
)

import jazari_planner as jp
from jazari_planner.analysis import alternatives, sweep
from jazari_planner.analysis.frontier import plan_point
from jazari_planner.analysis.perturbation import Spread, perturbed_inputs
from jazari_planner.analysis.robustness import plan_cells
from jazari_planner.analysis.sweep import run_sweep, sweep_problem
from jazari_planner.data.dataset import Dataset
from jazari_planner.optimization.phasing import plan_value
from jazari_planner.scenario.schema import Scenario
from jazari_planner.testing.checker import check_plan, resolve_roadmap, resolve_rules
from jazari_planner.testing.synthetic import synthetic_dataset

ROOT = Path(__file__).resolve().parents[2]
TOL = 1e-6
SEEDS = range(8)


def contested(seed: int) -> tuple[Dataset, Scenario]:
    """4 regions, 5 themes of one region each, 3 years of 200 MAD million and 2 openings, each
    region served by the second year: the roadmap rules out many selections (none, for some
    seeds) and moves the frontier of some."""
    dataset = synthetic_dataset(n_regions=4, n_themes=5, n_indicators=6, seed=seed,
                                cost_range=(50, 150))
    scenario = Scenario(name="contested roadmap", balance_focus=2,
                        themes={t: {"max": 1} for t in dataset.theme_ids},
                        phasing={"years": [2025, 2027], "budget_per_year": 200,
                                 "max_openings_per_year": 2, "first_institute_by": 2026})
    return dataset, scenario


def truth_of(dataset: Dataset, scenario: Scenario) -> tuple[Enumeration, np.ndarray]:
    """Every selection of §3 and its value as a roadmap (``-inf``: it cannot be scheduled)."""
    rules = resolve_rules(dataset, scenario)
    roadmap = resolve_roadmap(dataset, scenario)
    assert roadmap is not None
    truth = enumerate_selections(rules)
    return truth, roadmap_values(rules, roadmap, truth)


def schedulable(truth: Enumeration, values: np.ndarray) -> Enumeration:
    """The selections some schedule fits: the roadmap's feasible choices."""
    keep = np.isfinite(values)
    return replace(truth, choices=truth.choices[:, keep], objectives=truth.objectives[keep],
                   floors=truth.floors[keep], balances=truth.balances[keep],
                   mean_fits=truth.mean_fits[keep], efficiencies=truth.efficiencies[keep])


def cells(plan: jp.Plan) -> set[tuple[str, str]]:
    return set(zip(plan.assignments["region_code"], plan.assignments["theme_id"], strict=True))


def assert_a_checked_roadmap(plan: jp.Plan) -> None:
    """A plan of the roadmap's scenario: its schedule and year-by-year figures, all checked."""
    assert plan.schedule is not None and plan.by_year is not None and plan.phasing is not None
    assert set(zip(plan.schedule["region_code"], plan.schedule["theme_id"],
                   strict=True)) == cells(plan)
    check_plan(plan).raise_if_failed()


def value_of(dataset: Dataset, scenario: Scenario, plan: jp.Plan) -> float:
    """The plan's choices worth as a roadmap by brute force: ``z`` plus the early-opening
    term of their best schedule."""
    rules = resolve_rules(dataset, scenario)
    roadmap = resolve_roadmap(dataset, scenario)
    assert roadmap is not None
    best = best_schedule(rules, roadmap, sorted(cells(plan)))
    assert best is not None
    return rules.objective(cells(plan)) + best[0]


# --------------------------------------------------------------------------- the frontier (§7)


def test_the_roadmap_moves_the_frontier_of_some_networks() -> None:
    # the comparisons below mean something: without its roadmap seed 0's frontier differs
    truth, values = truth_of(*contested(0))
    assert pareto_points(truth) != pareto_points(schedulable(truth, values))


@pytest.mark.parametrize("seed", SEEDS)
def test_each_point_is_the_best_roadmap_choice_at_its_level_and_best_scheduled(
        seed: int) -> None:
    dataset, scenario = contested(seed)
    truth, values = truth_of(dataset, scenario)
    frontier = jp.frontier(scenario, dataset, points=6)
    if not np.isfinite(values).any():
        assert not frontier.feasible and frontier.scenario_plan.status == "infeasible"
        return
    feasible = schedulable(truth, values)
    levels, reached = epsilon_constraint(feasible, 6)
    assert frontier.levels == pytest.approx(levels, abs=TOL)
    pareto = pareto_points(feasible)
    found = list(zip(frontier.table["efficiency"], frontier.table["balance"], strict=True))
    expected = [p for p in pareto if any(abs(p[0] - e) <= TOL and abs(p[1] - b) <= TOL
                                         for e, b in reached)]
    # pytest.approx compares flat numbers only: an array of (efficiency, balance) rows, same shape
    assert np.array(found) == pytest.approx(np.array(expected), abs=TOL)
    for plan in frontier.plans:
        assert_a_checked_roadmap(plan)
        # the point's choices carry the schedule the scenario's own objective prefers
        assert plan.objective == pytest.approx(value_of(dataset, scenario, plan), abs=TOL)
        assert plan.status == "optimal"


# --------------------------------------------------------------------------- alternatives (§9)


def distance(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> int:
    return len(a ^ b)


@pytest.mark.parametrize("seed", [s for s in SEEDS if s not in (1, 6)])  # 1, 6: no roadmap
def test_alternatives_are_the_best_roadmaps_within_the_bound_and_the_distance(
        seed: int) -> None:
    dataset, scenario = contested(seed)
    truth, values = truth_of(dataset, scenario)
    plan = jp.solve(scenario, dataset)
    assert plan.objective == pytest.approx(values.max(), abs=TOL)  # z* has the early term
    within, changes = 0.1, 1
    found = jp.alternatives(plan, n=2, within=within, min_changes=changes)
    floor = plan.objective - within * abs(plan.objective)
    selections = [set(truth.selection(n)) for n in range(len(truth))]
    kept = [cells(plan)]
    for alternative in found:
        assert_a_checked_roadmap(alternative)
        allowed = [values[n] for n, chosen in enumerate(selections)
                   if values[n] >= floor - TOL and all(distance(chosen, k) >= changes
                                                       for k in kept)]
        assert alternative.objective == pytest.approx(max(allowed), abs=TOL)
        assert alternative.gap == pytest.approx(
            (plan.objective - alternative.objective) / abs(plan.objective), abs=TOL)
        kept.append(cells(alternative))
    left = [n for n, chosen in enumerate(selections)
            if values[n] >= floor + TOL and all(distance(chosen, k) >= changes for k in kept)]
    assert len(found) == 2 or not left


@pytest.mark.parametrize("seed", [0, 4, 5])
def test_replacement_cost_is_the_best_roadmap_without_the_pair(seed: int) -> None:
    dataset, scenario = contested(seed)
    truth, values = truth_of(dataset, scenario)
    plan = jp.solve(scenario, dataset)
    costs = jp.replacement_cost(plan).set_index(["region_code", "theme_id"])
    selections = [set(truth.selection(n)) for n in range(len(truth))]
    for cell in cells(plan):
        without = [values[n] for n, chosen in enumerate(selections)
                   if cell not in chosen and np.isfinite(values[n])]
        if not without:
            assert costs.at[cell, "irreplaceable"]
            continue
        expected = 100 * (plan.objective - max(without)) / abs(plan.objective)
        assert not costs.at[cell, "irreplaceable"]
        assert costs.at[cell, "cost_percent"] == pytest.approx(expected, abs=1e-4)


# --------------------------------------------------------------------------- robustness (§8)


@pytest.mark.parametrize("as_of", [None, 2025])
@pytest.mark.parametrize("started", [False, True])
def test_a_roadmaps_samples_are_jp_solves_plans_on_their_perturbed_inputs(
        started: bool, as_of: int | None) -> None:
    # min_strength 0.45 closes cells, and a sample opens or closes some: the o columns follow;
    # the unperturbed plan as the pilots' MIP start, and the best of it and the pilots'
    # schedules as the later samples' (robustness's way), change no answer, nor does a
    # history year (its o columns are only the record's)
    scenario, dataset, plan = swept_roadmap(as_of)
    start = schedule_of(plan) if started else None
    spread = Spread(weight_spread=0.5, value_noise=0.15, seed=3)
    samples = sweep.PILOT_SAMPLES + 8
    result = run_sweep(sweep_problem(scenario, dataset, plan.inputs, spread=spread,
                                     phasing=plan.phasing, start=start), samples)
    moved = reshaped = 0
    for i in range(samples):
        varied, varied_data = perturbed_inputs(scenario, dataset, sample=i, spread=spread)
        expected = jp.solve(varied, varied_data)
        assert result.status[i] == expected.status
        if expected.status == "infeasible":
            continue
        assert np.array_equal(result.chosen[i], plan_cells(expected)), f"sample {i}"
        assert result.objective[i] == pytest.approx(expected.objective, abs=1e-9)
        moved += int((result.chosen[i] != plan_cells(plan)).any())
        reshaped += int(varied_open(expected) != varied_open(plan))
    assert moved >= 2 and reshaped >= 2  # plans and open cells do move: the test means something


def swept_roadmap(as_of: int | None = None) -> tuple[Scenario, Dataset, jp.Plan]:
    """A small roadmap whose samples move its plan, and that plan."""
    dataset = synthetic_dataset(n_regions=5, n_themes=4, n_indicators=6, seed=2,
                                cost_range=(50, 150))
    phasing: dict[str, Any] = {"years": [2025, 2028], "budget_per_year": 250,
                               "max_openings_per_year": 3, "first_institute_by": 2027}
    if as_of is not None:
        phasing.update(as_of=as_of, opened_regions=[{"region": "01", "year": 2025}])
    scenario = Scenario(name="swept roadmap", min_strength=0.45, balance=0.5, phasing=phasing)
    plan = jp.solve(scenario, dataset)
    assert plan.status == "optimal" and plan.phasing is not None and plan.schedule is not None
    return scenario, dataset, plan


def schedule_of(plan: jp.Plan) -> dict[tuple[str, str], int]:
    assert plan.schedule is not None
    return {(str(r), str(t)): int(y) for r, t, y in plan.schedule[
        ["region_code", "theme_id", "year"]].itertuples(index=False)}


def test_a_roadmaps_later_samples_start_from_the_best_of_the_plan_and_the_pilots() -> None:
    scenario, dataset, plan = swept_roadmap()
    problem = sweep_problem(scenario, dataset, plan.inputs,
                            spread=Spread(weight_spread=0.5, value_noise=0.15, seed=3),
                            phasing=plan.phasing, start=schedule_of(plan))
    pilots = [sweep.solve_samples(problem, (i,)) for i in range(sweep.PILOT_SAMPLES)]
    starts = sweep._pilot_schedules(pilots[::-1], problem)  # any order of the chunks
    solved = [(int(c.indices[0]), c.opening[0]) for c in pilots
              if sweep.STATUSES[c.status[0]] in ("optimal", "feasible")]
    distinct = [y for n, (_, y) in enumerate(solved)
                if not np.array_equal(y, problem.start)
                and not any(np.array_equal(y, earlier) for _, earlier in solved[:n])]
    assert len(starts) == len(distinct) >= 2
    assert all(np.array_equal(a, b) for a, b in zip(starts, distinct, strict=True))
    worker = sweep._worker_model(problem)
    inputs = plan.inputs
    better = 0
    for i in range(sweep.PILOT_SAMPLES, sweep.PILOT_SAMPLES + 8):
        strength, need = problem.scores(i)
        is_open = worker.locked_in | (strength >= inputs.min_strength)
        start = worker._best_start(strength, need, is_open, starts)
        candidates = [y for y in [problem.start, *starts] if is_open[y > 0].all()]
        assert (start is None) == (not candidates)
        if start is None:
            continue
        values = [plan_value(inputs, y > 0, y, problem.phasing, strength=strength, need=need)
                  for y in [start, *candidates]]
        assert values[0] == max(values[1:])
        better += int(not np.array_equal(start, problem.start))
    assert better >= 1  # a pilot's schedule does start some sample: the test means something


def test_a_roadmaps_sweep_beyond_its_pilots_is_the_same_wherever_it_ran() -> None:
    scenario, dataset, plan = swept_roadmap()
    problem = sweep_problem(scenario, dataset, plan.inputs,
                            spread=Spread(weight_spread=0.5, value_noise=0.15, seed=4),
                            phasing=plan.phasing, start=schedule_of(plan))
    samples = sweep.PILOT_SAMPLES + 12
    serial = run_sweep(problem, samples, jobs=1)
    pooled = run_sweep(problem, samples, jobs=2)
    with ThreadPoolExecutor(2) as threads:
        threaded = run_sweep(problem, samples, executor=threads)
    assert (serial.chosen[sweep.PILOT_SAMPLES:] != serial.chosen[0]).any()
    for other in (pooled, threaded):
        assert np.array_equal(other.status, serial.status)
        assert np.array_equal(other.chosen, serial.chosen)
        # NaN: a sample with no plan (the closures leave too few cells)
        assert np.array_equal(other.objective, serial.objective, equal_nan=True)


def varied_open(plan: jp.Plan) -> int:
    """How many cells rule 5 leaves open on the plan's own strengths."""
    inputs = plan.inputs
    return sum(inputs.is_open(i, j) for i in range(len(inputs.regions))
               for j in range(len(inputs.themes)))


def test_a_sweep_without_the_roadmaps_rules_is_refused() -> None:
    scenario = Scenario.from_yaml(ROOT / "scenarios" / "roadmap-2030.yaml")
    dataset = jp.load_dataset()
    inputs = jp.build_inputs(dataset, scenario)
    with pytest.raises(ValueError, match="phasing"):
        sweep_problem(scenario, dataset, inputs, spread=Spread())


# --------------------------------------------------------------------------- the shipped roadmap


@pytest.fixture(scope="module")
def roadmap() -> jp.Plan:
    return jp.solve(Scenario.from_yaml(ROOT / "scenarios" / "roadmap-2030.yaml"))


def test_the_roadmaps_frontier_keeps_every_yearly_rule(roadmap: jp.Plan) -> None:
    frontier = jp.frontier(roadmap.scenario, roadmap.dataset, points=4)
    assert len(frontier.plans) >= 2
    for plan in frontier.plans:
        assert_a_checked_roadmap(plan)
    # E and b are functions of x; the own plan also weighs early openings, which E and b do
    # not see, so it lies on or inside the frontier, never beyond it
    own_e, own_b = plan_point(roadmap)
    assert not any(e < own_e - TOL and b < own_b - TOL for e, b in zip(
        frontier.table["efficiency"], frontier.table["balance"], strict=True))
    assert all(plan.objective <= roadmap.objective + TOL for plan in frontier.plans)


def test_the_roadmaps_alternatives_keep_every_yearly_rule(roadmap: jp.Plan) -> None:
    found = jp.alternatives(roadmap, n=2, within=0.02, min_changes=2)
    assert len(found) == 2
    floor = roadmap.objective * 0.98
    for alternative in found:
        assert_a_checked_roadmap(alternative)
        assert floor - TOL <= alternative.objective <= roadmap.objective + TOL
        assert distance(cells(alternative), cells(roadmap)) >= 2


def test_an_alternative_started_from_a_solution_met_before_is_the_same_plan(
        roadmap: jp.Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search that starts from a solution an earlier search met (one that keeps the new
    distance rule too) proves the same optimum as one that starts from nothing."""
    best_met = alternatives._best_met
    started: list[bool] = []

    def recorded(*args: Any) -> Any:
        start = best_met(*args)
        started.append(start is not None)
        return start

    monkeypatch.setattr(alternatives, "_best_met", recorded)
    found = jp.alternatives(roadmap, n=4)
    assert any(started) and not started[0]  # the first search has met nothing yet
    monkeypatch.setattr(alternatives, "_best_met", lambda *_args: None)
    alone = jp.alternatives(roadmap, n=4)
    assert [plan.objective for plan in found] == pytest.approx(
        [plan.objective for plan in alone], abs=1e-9)
    assert [cells(plan) for plan in found] == [cells(plan) for plan in alone]
    floor = roadmap.objective * 0.98
    for index, alternative in enumerate(found):
        assert_a_checked_roadmap(alternative)
        assert alternative.objective >= floor - TOL
        earlier = [cells(roadmap), *(cells(plan) for plan in found[:index])]
        assert all(distance(cells(alternative), other) >= 2 for other in earlier)


def test_the_roadmaps_replacement_cost_is_a_lock_out_re_solve(roadmap: jp.Plan) -> None:
    schedule = roadmap.schedule
    assert schedule is not None
    announced = ("04", "sovereign_ai")  # JAZARI ROOT, opened in 2026: locked
    free = ("01", "logistics")
    assert free in cells(roadmap) and announced in cells(roadmap)
    done: list[tuple[int, int]] = []
    costs = jp.replacement_cost(roadmap, pairs=[announced, free],
                                progress=lambda d, n: done.append((d, n)))
    assert done == [(1, 2), (2, 2)]
    costs = costs.set_index(["region_code", "theme_id"])
    # §9 rev 3: the announcement is `locked`, priced by lifting its lock alone
    assert costs.at[announced, "locked"] and not costs.at[announced, "irreplaceable"]
    lifted = roadmap.scenario.model_dump(exclude_none=True)
    lifted["phasing"]["opened"] = [e for e in lifted["phasing"]["opened"] if (
        roadmap.dataset.region_code(e["region"]), e["theme"]) != announced]
    free_of_it = jp.solve(Scenario.from_dict(lifted), roadmap.dataset)
    assert costs.at[announced, "cost_percent"] == pytest.approx(
        100 * (free_of_it.objective - roadmap.objective) / abs(roadmap.objective), abs=1e-6)
    data = roadmap.scenario.model_dump(exclude_none=True)
    data["lock_out"].append({"region": free[0], "theme": free[1]})
    without = jp.solve(Scenario.from_dict(data), roadmap.dataset)
    assert without.schedule is not None and free not in cells(without)
    expected = 100 * (roadmap.objective - without.objective) / abs(roadmap.objective)
    assert costs.at[free, "cost_percent"] == pytest.approx(expected, abs=1e-6)


def test_the_roadmaps_replacement_costs_are_the_same_on_a_process_pool(roadmap: jp.Plan
                                                                      ) -> None:
    """Each pair is an independent re-solve: shared by two processes (and reported as each
    ends), the table is the one this process computes alone, in the order asked."""
    pairs = [("01", "logistics"), ("04", "sovereign_ai")]
    pairs.append(next(cell for cell in reversed(roadmap.cells) if cell not in pairs))
    here = jp.replacement_cost(roadmap, pairs=pairs, jobs=1)
    done: list[int] = []
    pooled = jp.replacement_cost(roadmap, pairs=pairs, jobs=2,
                                 progress=lambda d, _n: done.append(d))
    assert done == [1, 2, 3]
    pd.testing.assert_frame_equal(pooled, here, rtol=1e-9)
    assert list(zip(pooled["region_code"], pooled["theme_id"], strict=True)) == pairs
    with pytest.raises(jp.InputError, match="jobs must be a whole number"):
        jp.replacement_cost(roadmap, pairs=pairs, jobs=0)


class SlowToStart(ThreadPoolExecutor):
    """A pool whose first task is taken only once the caller has priced a pair itself: a
    process pool whose server is still importing the package, made deterministic."""

    def __init__(self, started: threading.Event) -> None:
        super().__init__(max_workers=1)
        self.started = started

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        assert self.started.wait(timeout=60)
        return super().submit(fn, *args, **kwargs)


def test_this_process_prices_pairs_while_a_new_pool_starts(
        roadmap: jp.Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = [cell for cell in roadmap.cells if cell not in roadmap.inputs.lock_in][:4]
    here = jp.replacement_cost(roadmap, pairs=pairs, jobs=1)
    started = threading.Event()
    where: dict[tuple[str, str], str] = {}
    price = alternatives._Pricing.price

    def spied(self: Any, cell: tuple[str, str], built: Any = None) -> Any:
        result = price(self, cell, built)
        where[cell] = threading.current_thread().name
        if threading.current_thread() is threading.main_thread():
            started.set()
        return result

    monkeypatch.setattr(alternatives._Pricing, "price", spied)
    monkeypatch.setattr(sweep, "process_pool", lambda _workers: SlowToStart(started))
    done: list[int] = []
    shared = jp.replacement_cost(roadmap, pairs=pairs, jobs=2,
                                 progress=lambda d, _n: done.append(d))
    pd.testing.assert_frame_equal(shared, here, rtol=1e-9)
    assert done == [1, 2, 3, 4] and sorted(where) == sorted(pairs)
    mine = [cell for cell, thread in where.items() if thread == "MainThread"]
    # this process took the last pairs (the last first), the pool the first: each once
    assert mine and mine == pairs[::-1][:len(mine)] and len(mine) < len(pairs)


def test_a_pair_outside_the_plan_has_no_replacement_cost(roadmap: jp.Plan) -> None:
    outside = next((r, t) for r in roadmap.inputs.regions for t in roadmap.inputs.themes
                   if (r, t) not in cells(roadmap))
    with pytest.raises(jp.InputError, match="not in the plan"):
        jp.replacement_cost(roadmap, pairs=[outside])


def test_the_roadmaps_robustness_without_noise_is_the_plan_itself(roadmap: jp.Plan) -> None:
    result = jp.robustness(roadmap.scenario, roadmap.dataset, samples=2, weight_spread=0,
                           value_noise=0, jobs=1)
    assert np.array_equal(result.acceptability.to_numpy(), plan_cells(result.plan))
    assert result.samples["objective"].to_numpy() == pytest.approx(roadmap.objective,
                                                                   abs=1e-9)
    assert result.plan.schedule is not None
