"""The benchmark compares like with like: every HiGHS path holds the same MILP and optimum.

It guards the benchmark's floors (``benchmarks/highs_direct.py``, and ``files_direct.py``
for the from-files case) and :class:`BatchHiGHS`, the interface ``solve`` uses: they must hold
PuLP's model array by array, or reach its plan from the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pulp
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from files_direct import solve_files
from highs_direct import build_direct, solve_direct

import jazari_planner as jp
from jazari_planner.optimization._highs_fast import BatchHiGHS
from jazari_planner.testing.synthetic import synthetic_dataset

LP_ARRAYS = ("col_cost_", "col_lower_", "col_upper_", "row_lower_", "row_upper_",
             "integrality_")
MATRIX_ARRAYS = ("start_", "index_", "value_")

CASES = [
    ("national", jp.Scenario(name="default")),
    ("national", jp.Scenario(name="balance 0", balance=0)),
    ("national", jp.Scenario(name="focus 3", balance=0.8, balance_focus=3)),
    ("national", jp.Scenario(name="need", balance=1, equity=1,
                             need={"unemployment_rate": 1, "gdp_per_capita": -1})),
    ("national", jp.Scenario(name="budget and locks", budget=1800,
                             lock_in=[{"region": "Oriental", "theme": "energy"}],
                             lock_out=[{"region": "Casablanca-Settat", "theme": "finance"}],
                             regions={"default": {"min": 1, "max": 2},
                                      "08": {"min": 0, "max": 1}})),
    ("national", jp.Scenario(name="min_strength", min_strength=0.5, balance=0,
                             regions={"default": {"min": 0, "max": 2}},
                             lock_in=[{"region": "12", "theme": "energy"}])),
    ("synthetic", jp.Scenario(name="default")),
]


@pytest.fixture(scope="module")
def datasets() -> dict[str, jp.Dataset]:
    return {"national": jp.load_dataset(),
            "synthetic": synthetic_dataset(n_regions=20, n_themes=8, seed=3)}


def _pulp_lp(inputs: jp.ModelInputs, interface: type) -> tuple[object, pulp.LpProblem]:
    model = jp.create_model(inputs)
    solver = interface(msg=False, threads=1)
    solver.createAndConfigureSolver(model.problem)
    solver.buildSolverModel(model.problem)
    return model.problem.solverModel.getLp(), model.problem


def _same_lp(first: object, second: object, *, negate_cost: bool = False) -> None:
    for name in LP_ARRAYS:
        a, b = np.asarray(getattr(first, name)), np.asarray(getattr(second, name))
        if name == "col_cost_" and negate_cost:
            b = -b
        np.testing.assert_array_equal(a, b, err_msg=name)
    for name in MATRIX_ARRAYS:
        a = np.asarray(getattr(first.a_matrix_, name))  # type: ignore[attr-defined]
        b = np.asarray(getattr(second.a_matrix_, name))  # type: ignore[attr-defined]
        np.testing.assert_array_equal(a, b, err_msg=f"a_matrix.{name}")


@pytest.mark.parametrize(("data", "scenario"), CASES, ids=[s.name for _, s in CASES])
def test_batch_interface_passes_the_same_lp_as_pulp(datasets: dict[str, jp.Dataset], data: str,
                                                    scenario: jp.Scenario) -> None:
    inputs = jp.build_inputs(datasets[data], scenario)
    plain, _ = _pulp_lp(inputs, pulp.HiGHS)
    batch, _ = _pulp_lp(inputs, BatchHiGHS)
    _same_lp(plain, batch)


@pytest.mark.parametrize(("data", "scenario"), CASES, ids=[s.name for _, s in CASES])
def test_direct_model_is_pulps_model(datasets: dict[str, jp.Dataset], data: str,
                                     scenario: jp.Scenario) -> None:
    inputs = jp.build_inputs(datasets[data], scenario)
    through_pulp, _ = _pulp_lp(inputs, BatchHiGHS)
    direct, _ = build_direct(inputs, scenario.solver)
    # PuLP minimizes the negated objective; the direct model maximizes it as written.
    _same_lp(through_pulp, direct.getLp(), negate_cost=True)


@pytest.mark.parametrize(("data", "scenario"), CASES, ids=[s.name for _, s in CASES])
def test_every_path_reaches_the_same_optimum(datasets: dict[str, jp.Dataset], data: str,
                                             scenario: jp.Scenario) -> None:
    inputs = jp.build_inputs(datasets[data], scenario)
    direct = solve_direct(inputs, scenario.solver)
    model = jp.create_model(inputs)
    result = jp.solve_model(model, scenario.solver)
    batch = jp.create_model(inputs)
    batch.problem.solve(BatchHiGHS(msg=False, threads=1, gapRel=0))
    assert result.status == "optimal"
    assert result.objective == pytest.approx(direct.objective, abs=1e-6)
    assert pulp.value(batch.problem.objective) == pytest.approx(direct.objective, abs=1e-6)
    assert result.selection == direct.selection
    # the direct read-back is honest too: its plan meets rule 1 in every region
    counts = np.zeros(len(inputs.regions))
    for region, _ in direct.selection:
        counts[inputs.regions.index(region)] += 1
    assert ((counts >= inputs.kmin) & (counts <= inputs.kmax)).all()


SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
#: The floor builds docs/model.md §3 alone; a roadmap (§10, phasing) is timed by
#: benchmarks/bench_roadmap.py and checked against brute force in test_phasing.py.
UNPHASED = [path for path in sorted(SCENARIOS.glob("*.yaml"))
            if jp.Scenario.from_yaml(path).phasing is None]


@pytest.mark.parametrize("path", UNPHASED, ids=lambda p: p.name)
def test_the_from_files_floor_reaches_the_plan_of_every_shipped_scenario(path: Path) -> None:
    plan = jp.solve(jp.Scenario.from_yaml(path))
    direct = solve_files(path)
    assert plan.objective == pytest.approx(direct.objective, abs=1e-6)
    assert direct.selection == frozenset(zip(plan.assignments["region_code"],
                                             plan.assignments["theme_id"], strict=True))
