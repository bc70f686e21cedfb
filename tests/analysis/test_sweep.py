"""sweep.py: the in-place model gives jp.solve's plans, whatever executor runs the samples."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import psutil
import pytest

import jazari_planner as jp
from jazari_planner.analysis.perturbation import Spread, perturbed_inputs
from jazari_planner.analysis.robustness import plan_cells
from jazari_planner.analysis.sweep import (
    STATUSES,
    SweepError,
    SweepProblem,
    _chunks,
    _worker_model,
    run_sweep,
    sweep_problem,
)
from jazari_planner.optimization.solvers import PROVEN_GAP, on_highs_thread
from jazari_planner.scenario.schema import SolverOptions
from jazari_planner.scoring import strengths as scoring
from jazari_planner.testing.synthetic import synthetic_dataset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def baseline() -> tuple[jp.Scenario, jp.Dataset, jp.Plan]:
    scenario = jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")
    dataset = jp.load_dataset()
    return scenario, dataset, jp.solve(scenario, dataset)


def problem_of(baseline: tuple[jp.Scenario, jp.Dataset, jp.Plan], spread: Spread
               ) -> SweepProblem:
    scenario, dataset, plan = baseline
    return sweep_problem(scenario, dataset, plan.inputs, spread=spread)


def test_each_sample_is_the_plan_jp_solve_finds_on_its_perturbed_inputs(baseline) -> None:
    scenario, dataset, _ = baseline
    spread = Spread(weight_spread=0.4, value_noise=0.1, seed=11)
    result = run_sweep(problem_of(baseline, spread), 5)
    changed = 0
    for i in range(5):
        varied, varied_data = perturbed_inputs(scenario, dataset, sample=i, spread=spread)
        plan = jp.solve(varied, varied_data)
        assert result.status[i] == plan.status == "optimal"
        assert np.array_equal(result.chosen[i], plan_cells(plan)), f"sample {i}"
        assert result.objective[i] == pytest.approx(plan.objective, abs=1e-12)
        changed += int((result.chosen[i] != plan_cells(baseline[2])).any())
    assert changed >= 2  # the perturbations do move the plan: the comparison means something


def test_the_strengths_of_a_sample_are_scorings_own(baseline) -> None:
    scenario, dataset, _ = baseline
    spread = Spread(weight_spread=0.3, value_noise=0.2, seed=2)
    strength, need = problem_of(baseline, spread).scores(3)
    varied, varied_data = perturbed_inputs(scenario, dataset, sample=3, spread=spread)
    assert np.array_equal(strength, scoring.strength(varied_data, varied).to_numpy())
    assert np.array_equal(need, scoring.need_index(varied_data, varied).to_numpy())


def test_chunks_cover_every_sample_once() -> None:
    for first, samples, workers in [(0, 1, 4), (0, 7, 2), (0, 500, 2), (0, 1000, 64),
                                    (24, 200, 2)]:
        chunks = _chunks(range(first, samples), workers)
        assert [i for chunk in chunks for i in chunk] == list(range(first, samples))
        assert max(len(c) for c in chunks) <= 25


def test_serial_a_process_pool_a_thread_pool_and_dask_give_identical_answers(baseline) -> None:
    distributed = pytest.importorskip("distributed")
    problem = problem_of(baseline, Spread(weight_spread=0.5, value_noise=0.1, seed=5))
    serial = run_sweep(problem, 60, jobs=1)
    pooled = run_sweep(problem, 60, jobs=2)
    with ThreadPoolExecutor(2) as threads:
        threaded = run_sweep(problem, 60, executor=threads)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        dask = run_sweep(problem, 60, executor=client.get_executor())
    assert len(set(serial.status)) > 0 and (serial.chosen != serial.chosen[0]).any()
    for other in (pooled, threaded, dask):
        assert np.array_equal(other.status, serial.status)
        assert np.array_equal(other.chosen, serial.chosen)
        assert np.array_equal(other.objective, serial.objective)


def test_progress_reaches_the_total(baseline) -> None:
    seen: list[tuple[int, int]] = []
    run_sweep(problem_of(baseline, Spread(seed=1)), 12, jobs=2,
              progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (12, 12)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def _children() -> Iterator[psutil.Process]:
    return (p for p in psutil.Process().children(recursive=True) if p.is_running()
            and p.status() != psutil.STATUS_ZOMBIE)


def _server(process: psutil.Process) -> bool:
    """One of multiprocessing's servers (the fork server, the resource tracker): started by
    this process and kept for its life, unlike a pool's workers (the fork server's children)."""
    line = " ".join(process.cmdline())
    return process.ppid() == os.getpid() and ("forkserver" in line or "resource_tracker" in line)


def _workers() -> Iterator[psutil.Process]:
    return (p for p in _children() if not _server(p))


def test_a_worker_killed_mid_sweep_stops_it_with_a_clear_error_and_no_orphans(baseline) -> None:
    before = {p.pid for p in _workers()}
    killed: list[int] = []

    def kill_a_worker(done: int, total: int) -> None:
        if not killed:
            worker = next(p for p in _workers() if p.pid not in before)
            killed.append(worker.pid)
            os.kill(worker.pid, signal.SIGKILL)

    problem = problem_of(baseline, Spread(seed=4))
    with pytest.raises(SweepError, match="worker process died") as caught:
        run_sweep(problem, 400, jobs=2, progress=kill_a_worker)
    assert caught.value.exit_code == 6
    assert killed
    assert {p.pid for p in _workers()} <= before


def test_infeasible_samples_are_counted_never_dropped() -> None:
    # Region 04's best strength (0.613) is the lowest best: with min_strength 0.6 it keeps
    # one or two open themes, and a sample that lowers them closes it: no plan.
    data = synthetic_dataset(n_regions=6, n_themes=5, seed=1)
    scenario = jp.Scenario(name="tight", min_strength=0.6)
    plan = jp.solve(scenario, data)
    assert plan.feasible
    problem = sweep_problem(scenario, data, plan.inputs,
                            spread=Spread(weight_spread=0.3, value_noise=0.1, seed=0))
    result = run_sweep(problem, 40)
    assert len(result.status) == 40 and set(result.status) <= set(STATUSES)
    infeasible = result.status == "infeasible"
    assert 0 < infeasible.sum() < 40
    assert not result.chosen[infeasible].any() and np.isnan(result.objective[infeasible]).all()
    robust = jp.robustness(scenario, data, samples=40, weight_spread=0.3, value_noise=0.1)
    assert robust.infeasible == int(infeasible.sum()) and robust.solved == 40 - robust.infeasible
    assert len(robust.samples) == 40


def test_time_limited_samples_keep_an_honest_status_and_are_all_counted() -> None:
    # 300 regions × 40 themes with 0.3 s per sample: depending on the machine's load a sample
    # ends optimal, feasible (a plan, not proven) or at the limit before any plan.
    data = synthetic_dataset(n_regions=300, n_themes=40, seed=3)
    scenario = jp.Scenario(name="big", balance=0.5, balance_focus=3)
    plan = jp.solve(scenario, data)
    limited = scenario.model_copy(update={"solver": SolverOptions(time_limit=0.3)})
    result = run_sweep(sweep_problem(limited, data, plan.inputs, spread=Spread(seed=0)), 3)
    assert len(result.status) == 3 and set(result.status) <= set(STATUSES)
    with_plan = np.isin(result.status, ["optimal", "feasible"])
    assert result.chosen[with_plan].any(axis=(1, 2)).all()
    assert not result.chosen[~with_plan].any()
    assert (result.gap[result.status == "optimal"] == 0).all()


@pytest.fixture(scope="module")
def roadmap_sweep() -> tuple[jp.Plan, SweepProblem]:
    scenario = jp.Scenario.from_yaml(ROOT / "scenarios" / "roadmap-2030.yaml")
    dataset = jp.load_dataset()
    plan = jp.solve(scenario, dataset)
    return plan, sweep_problem(scenario, dataset, plan.inputs, spread=Spread(seed=0),
                               phasing=plan.phasing, start=plan.opening)


def solved_with_heuristics(problem: SweepProblem, strength: np.ndarray, need: np.ndarray
                           ) -> tuple[tuple[str, float, float, np.ndarray], bool]:
    """A sample solved in place, and whether HiGHS's improvement heuristics ran."""
    def run() -> tuple[tuple[str, float, float, np.ndarray], bool]:
        worker = _worker_model(problem)
        outcome, _ = worker.solve_scores(strength, need)
        return outcome, worker.highs.getOptionValue("mip_heuristic_run_rins")[1]
    return on_highs_thread(run)


def test_a_roadmap_sample_that_keeps_the_plan_open_is_proven_from_it_without_heuristics(
        roadmap_sweep) -> None:
    """Sample 100 of the seed-0 sweep, started from the plan with the improvement heuristics
    off, once ended at a relative gap of 1.01e-6 (HiGHS's default tolerances): `feasible`."""
    plan, problem = roadmap_sweep
    strength, need = problem.scores(100)
    inputs = plan.inputs
    assert all(strength[inputs.regions.index(r), inputs.themes.index(t)] >= inputs.min_strength
               for r, t in plan.cells)
    (status, gap, _, _), heuristics = solved_with_heuristics(problem, strength, need)
    assert not heuristics
    assert status == "optimal" and gap <= PROVEN_GAP


def test_a_roadmap_sample_that_closes_a_cell_of_the_plan_keeps_the_heuristics() -> None:
    """With a threshold θ a sample whose strengths fall below it closes cells: where one of
    them is the plan's, the start is no plan of the sample and HiGHS looks for its own."""
    scenario = jp.Scenario.from_yaml(ROOT / "scenarios" / "roadmap-2030.yaml").model_copy(
        update={"min_strength": 0.05})
    dataset = jp.load_dataset()
    plan = jp.solve(scenario, dataset)
    problem = sweep_problem(scenario, dataset, plan.inputs, spread=Spread(seed=0),
                            phasing=plan.phasing, start=plan.opening)
    inputs = plan.inputs
    closed = next(cell for cell in plan.cells if cell not in inputs.lock_in)
    where = inputs.regions.index(closed[0]), inputs.themes.index(closed[1])
    strength = inputs.strength.copy()
    strength[where] = 0.0
    (status, _, _, chosen), heuristics = solved_with_heuristics(problem, strength,
                                                                inputs.need.copy())
    assert heuristics
    assert status == "optimal" and not chosen[where]
    _, heuristics = solved_with_heuristics(problem, inputs.strength.copy(), inputs.need.copy())
    assert not heuristics
