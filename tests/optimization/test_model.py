"""The model's handles: its terms read back what objective.py computes, and other modules can
bound them and set another objective without editing model.py (the frontier's pattern)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pulp
import pytest

import jazari_planner as jp
from jazari_planner.optimization import objective as obj
from jazari_planner.testing.checker import check_selection
from jazari_planner.testing.synthetic import synthetic_dataset

DATA = synthetic_dataset(n_regions=9, n_themes=6, seed=11)
SCENARIO = jp.Scenario(name="handles", balance=0.5, balance_focus=3, equity=1.0,
                       need={"need_04": 1.0},
                       regions={"default": {"min": 1, "max": 2}, "02": {"min": 0, "max": 2}})


def solved(scenario: jp.Scenario) -> tuple[jp.PlanningModel, frozenset[tuple[str, str]]]:
    model = jp.create_model(jp.build_inputs(DATA, scenario))
    result = jp.solve_model(model, scenario.solver)
    assert result.status == "optimal"
    return model, result.selection


def test_the_terms_read_back_what_objective_py_computes() -> None:
    model, selection = solved(SCENARIO)
    inputs = model.inputs
    fit = obj.fits(inputs.strength, inputs.chosen(selection))
    assert [pulp.value(model.fit[r]) for r in inputs.regions] == pytest.approx(fit.tolist())
    assert pulp.value(model.efficiency) == pytest.approx(
        obj.efficiency(fit, need=inputs.need, equity=inputs.equity))
    assert pulp.value(model.mean_fit) == pytest.approx(obj.mean_fit(fit))
    assert pulp.value(model.balance_term) == pytest.approx(
        obj.balance_term(fit, served=inputs.served, focus=3))
    assert pulp.value(model.objective) == pytest.approx(inputs.objective_of(selection))
    assert len(model.u) == 8 and model.tau is not None  # region 02 is not in R⁺


def test_a_module_can_bound_the_balance_term_and_maximize_efficiency() -> None:
    # A frontier point: maximize E + ε·b subject to b ≥ e, e the balance of the λ = 1 plan.
    best_balance_model, _ = solved(SCENARIO.model_copy(update={"balance": 1.0}))
    level = float(pulp.value(best_balance_model.balance_term))
    efficient_model, _ = solved(SCENARIO.model_copy(update={"balance": 0.0}))
    top = float(pulp.value(efficient_model.efficiency))

    model = jp.create_model(jp.build_inputs(DATA, SCENARIO))
    model.set_objective(model.efficiency + obj.EPSILON * model.balance_term)
    model.add_rule(model.balance_term >= level, name="balance_level", family="balance_level",
                   description=f"balance term at least {level:.3f}", bound=level)
    result = jp.solve_model(model, SCENARIO.solver)
    assert result.status == "optimal"
    assert float(pulp.value(model.balance_term)) >= level - 1e-6
    assert float(pulp.value(model.efficiency)) <= top + 1e-6
    assert "balance_level" in model.rules
    assert check_selection(result.selection, DATA, SCENARIO).ok


def test_focus_one_keeps_the_floor_without_u() -> None:
    model, selection = solved(SCENARIO.model_copy(update={"balance_focus": 1}))
    assert not model.u and model.tau is not None
    fit = obj.fits(model.inputs.strength, model.inputs.chosen(selection))
    assert pulp.value(model.balance_term) == pytest.approx(fit[model.inputs.served].min())


def test_the_empty_served_set_has_no_balance_variables() -> None:
    scenario = jp.Scenario(name="none served", regions={"default": {"min": 0, "max": 2}})
    model, selection = solved(scenario)
    assert model.tau is None and not model.u
    assert pulp.value(model.balance_term) in (None, 0)
    assert np.isclose(model.inputs.objective_of(selection),
                      pulp.value(model.objective))


def test_a_tiny_balance_weight_still_gives_the_plan() -> None:
    # Hypothesis found it: with λ ≈ 1.4e-7 and q = 4, HiGHS's presolve answered "infeasible or
    # unbounded" while a free τ left the relaxation unbounded to within its tolerances; τ is
    # now bounded, and the plan comes back optimal, as it does for λ = 0 and λ = 1e-6.
    z = np.array([0.617, 0.993, 1.0, 0.0])
    strength = pd.DataFrame({"a": z, "b": np.zeros(4)}, index=["01", "02", "03", "04"])
    for balance in (0.0, 1.418979768125305e-07, 1e-6):
        inputs = jp.ModelInputs.from_arrays(strength, kmin=1, kmax=1, cost=[114.0, 204.0],
                                            balance=balance, balance_focus=4)
        result = jp.solve_model(jp.create_model(inputs))
        assert result.status == "optimal", balance
        assert result.selection == {(r, "a") for r in strength.index}
