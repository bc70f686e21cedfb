"""A MIP start (the plan an analysis re-solves) may make a solve faster, never change its answer.

Every solve with a start must end with the status and the objective of the same model solved
without one: with the model's own optimum as the start, with a random selection and schedule
(often not a plan at all), on HiGHS and on CBC, on random roadmaps (docs/model.md §10) and on
every shipped scenario; and a shipped scenario's plan found from a start passes the
independent checker.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jazari_planner as jp
from jazari_planner.data.dataset import Dataset
from jazari_planner.inputs.resolve import resolve
from jazari_planner.optimization.builder import build_model
from jazari_planner.optimization.solvers import SolverOptions, solve_model
from jazari_planner.results.plan import plan_from_result
from jazari_planner.scenario.schema import Scenario
from jazari_planner.testing.checker import check_plan
from jazari_planner.testing.synthetic import synthetic_dataset

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SETTINGS = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
TOL = 1e-6


@st.composite
def roadmaps(draw: st.DrawFn) -> tuple[Dataset, Scenario]:
    """A random dataset and a phased scenario on it, its budgets tight enough to bind."""
    dataset = synthetic_dataset(n_regions=draw(st.integers(3, 6)),
                                n_themes=draw(st.integers(3, 5)), n_indicators=6,
                                seed=draw(st.integers(0, 2**16)), cost_range=(50, 150))
    first, last = 2025, 2025 + draw(st.integers(1, 3))
    span = list(range(first, last + 1))
    phasing: dict[str, Any] = {
        "years": [first, last],
        "budget_per_year": round(draw(st.floats(1.0, 3.0)) * 150, 1),
        "max_openings_per_year": draw(st.none() | st.integers(2, 4)),
        "first_institute_by": draw(st.none() | st.sampled_from(span)),
    }
    if len(span) > 2 and draw(st.booleans()):
        phasing["as_of"] = first
        phasing["opened_regions"] = [{"region": dataset.region_codes[0], "year": first}]
    return dataset, Scenario(name="roadmap", balance=draw(st.sampled_from([0.0, 0.3])),
                             regions={"default": {"min": 1, "max": 2}}, phasing=phasing)


def _solves(scenario: Scenario, dataset: Dataset | None, options: SolverOptions,
            seed: int) -> None:
    """The scenario solved without a start, from its own optimum and from a random start:
    the same status and objective each time."""
    resolved = resolve(scenario, dataset)
    built = build_model(resolved.inputs, resolved.phasing)
    bare = solve_model(built.model, options)
    starts: list[tuple[set[tuple[str, str]], dict[tuple[str, str], int]]] = []
    if bare.status != "infeasible":
        starts.append((set(bare.selection), built.opening()))
    rng = random.Random(seed)
    cells = list(built.model.x)
    years = list(resolved.phasing.years) if resolved.phasing is not None else [0]
    guess = set(rng.sample(cells, k=min(len(cells), 2 * len(resolved.inputs.regions))))
    starts.append((guess, {cell: rng.choice(years) for cell in guess}))
    for selection, opening in starts:
        again = build_model(resolved.inputs, resolved.phasing)
        result = solve_model(again.model, options, start=again.start(selection, opening))
        assert result.status == bare.status
        if bare.status != "infeasible":
            assert result.status == "optimal"
            assert again.plan_objective(result) == pytest.approx(built.plan_objective(bare),
                                                                 abs=TOL)


@SETTINGS
@given(roadmaps(), st.integers(0, 2**16))
def test_a_start_never_changes_a_roadmaps_optimum_with_highs(
        instance: tuple[Dataset, Scenario], seed: int) -> None:
    dataset, scenario = instance
    _solves(scenario, dataset, SolverOptions(name="highs"), seed)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmaps(), st.integers(0, 2**16))
def test_a_start_never_changes_a_roadmaps_optimum_with_cbc(
        instance: tuple[Dataset, Scenario], seed: int) -> None:
    dataset, scenario = instance
    _solves(scenario, dataset, SolverOptions(name="cbc"), seed)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_start_never_changes_a_shipped_scenarios_optimum(path: Path) -> None:
    scenario = Scenario.from_yaml(path)
    _solves(scenario, None, scenario.solver, seed=0)


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_the_roadmap_solved_from_its_plan_is_its_plan_and_passes_the_checker(
        solver: str) -> None:
    scenario = Scenario.from_yaml(SCENARIOS / "roadmap-2030.yaml")
    scenario = scenario.model_copy(
        update={"solver": scenario.solver.model_copy(update={"name": solver})})
    plan = jp.solve(scenario)
    resolved = resolve(scenario)
    built = build_model(resolved.inputs, resolved.phasing)
    result = solve_model(built.model, scenario.solver,
                         start=built.start(plan.cells, plan.opening))
    again = plan_from_result(scenario, resolved.dataset, resolved.inputs, result,
                             strength=resolved.strength, need=resolved.need, model=built)
    assert again.status == "optimal"
    assert again.objective == pytest.approx(plan.objective, abs=TOL)
    check_plan(again).raise_if_failed()
