"""The network design of data/themes.yaml on the embedded data: do the balance and equity
levers move the plan, and at what cost?

The themes' bounds state a complementary network (every theme hosted, none by more than a
few). Measured as issue 9 asks, on ``scenarios/baseline.yaml`` with its locks removed and
``λ`` from 0 to 1 in steps of 0.1: at least 3 distinct plans, a balance term that never
falls and a mean fit that never rises as ``λ`` grows, and ``λ = 1`` keeping at least 90 %
of ``λ = 0``'s mean fit. Real data, real solver, every plan checked independently.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import jazari_planner as jp
from jazari_planner.testing.checker import check_plan

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
LAMBDAS = [round(0.1 * i, 1) for i in range(11)]
#: The need index of scenarios/cohesion.yaml, for the equity lever.
COHESION = SCENARIOS / "cohesion.yaml"
TOL = 1e-9


@pytest.fixture(scope="module")
def unlocked() -> jp.Scenario:
    """The baseline scenario without its locks (announced institutes and their themes)."""
    baseline = jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml")
    return baseline.model_copy(update={"lock_in": [], "lock_out": []})


@pytest.fixture(scope="module")
def sweep(dataset: jp.Dataset, unlocked: jp.Scenario) -> list[jp.Plan]:
    return [jp.solve(unlocked.model_copy(update={"balance": lam}), dataset) for lam in LAMBDAS]


def cells(plan: jp.Plan) -> frozenset[tuple[str, str]]:
    return frozenset(zip(plan.assignments["region_code"], plan.assignments["theme_id"],
                         strict=True))


def test_every_theme_has_a_host_and_none_more_than_a_few(dataset: jp.Dataset) -> None:
    themes = dataset.themes
    assert (themes["min"] >= 1).all()
    assert themes["max"].between(1, 3).all()
    # the maxima leave barely more room than the 12 regions × 2 can fill: themes are contested
    assert 24 <= int(themes["max"].sum()) <= 26


def test_every_plan_of_the_sweep_is_optimal_and_passes_the_checker(
        sweep: list[jp.Plan]) -> None:
    for plan in sweep:
        assert plan.status == "optimal"
        report = check_plan(plan)
        assert report.ok, report.violations


def test_the_balance_lever_gives_at_least_three_plans(sweep: list[jp.Plan]) -> None:
    assert len({cells(plan) for plan in sweep}) >= 3


def test_balance_never_falls_and_mean_fit_never_rises_as_lambda_grows(
        sweep: list[jp.Plan]) -> None:
    balance = np.array([plan.metrics.worst_mean for plan in sweep if plan.metrics])
    mean_fit = np.array([plan.metrics.mean_fit for plan in sweep if plan.metrics])
    assert (np.diff(balance) >= -TOL).all(), balance
    assert (np.diff(mean_fit) <= TOL).all(), mean_fit
    assert balance[-1] > balance[0] + 1e-3  # the lever does something


def test_full_balance_keeps_nine_tenths_of_the_mean_fit(sweep: list[jp.Plan]) -> None:
    first, last = sweep[0].metrics, sweep[-1].metrics
    assert first is not None and last is not None
    assert last.mean_fit >= 0.9 * first.mean_fit


def test_equity_moves_the_plan_and_raises_the_need_weighted_fit(dataset: jp.Dataset,
                                                       unlocked: jp.Scenario) -> None:
    need = jp.Scenario.from_yaml(COHESION).need
    without = jp.solve(unlocked.model_copy(update={"need": need, "equity": 0.0}), dataset)
    with_equity = jp.solve(unlocked.model_copy(update={"need": need, "equity": 1.0}), dataset)
    assert cells(with_equity) != cells(without)

    def need_weighted(plan: jp.Plan) -> float:
        return float((plan.regions["need"] * plan.regions["fit"]).sum())

    assert need_weighted(with_equity) > need_weighted(without) + 1e-6
