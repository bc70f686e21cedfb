"""The smallest fix of an infeasible scenario, as the solver finds it, against brute force.

For each kind of bound the diagnosis can relax (the budget, a year's budget, the openings
cap, the first-institute deadline, a theme's or a region's maximum), the fix it reports must
be exact: brute force finds a plan at the fixed value and none one step below it.
"""

from __future__ import annotations

from typing import Any

import pytest
from bruteforce import enumerate_roadmaps, enumerate_selections

import jazari_planner as jp
from jazari_planner.data.dataset import Dataset
from jazari_planner.optimization.rule_wording import Fix
from jazari_planner.scenario.schema import Scenario
from jazari_planner.testing.checker import resolve_roadmap, resolve_rules
from jazari_planner.testing.synthetic import synthetic_dataset

SMALL = synthetic_dataset(n_regions=3, n_themes=3, n_indicators=6, seed=11, cost_range=(50, 150))


def feasible(dataset: Dataset, scenario: Scenario) -> bool:
    """Whether any plan (any roadmap, when phased) meets every rule: brute force."""
    rules = resolve_rules(dataset, scenario)
    roadmap = resolve_roadmap(dataset, scenario)
    if roadmap is None:
        return enumerate_selections(rules).feasible
    return enumerate_roadmaps(rules, roadmap).feasible


def with_changes(scenario: Scenario, **changes: Any) -> Scenario:
    return Scenario(**{**scenario.model_dump(), **changes})


def only_fix(plan: jp.Plan, family: str) -> Fix:
    fixes = [fix for fix in plan.fixes if fix.family == family]
    assert len(fixes) == 1, plan.fixes
    return fixes[0]


def phased(**phasing: Any) -> Scenario:
    return Scenario(name="roadmap", phasing={"years": [2025, 2027], **phasing})


def test_the_least_budget_is_exact() -> None:
    scenario = Scenario(name="budget", budget=100)
    assert not feasible(SMALL, scenario)
    plan = jp.solve(scenario, SMALL)
    least = only_fix(plan, "budget").params["bound"]
    assert feasible(SMALL, with_changes(scenario, budget=least))
    assert not feasible(SMALL, with_changes(scenario, budget=least - 1))  # costs are whole


def test_the_least_budget_of_a_year_is_exact() -> None:
    scenario = phased(budget_per_year={2025: 60, 2026: 400, 2027: 400},
                      first_institute_by=2025)
    assert not feasible(SMALL, scenario)
    plan = jp.solve(scenario, SMALL)
    fix = only_fix(plan, "year_budget")
    assert fix.params["year"] == 2025
    least = fix.params["bound"]
    for budget, expected in ((least, True), (least - 1, False)):
        changed = with_changes(scenario, phasing={
            "years": [2025, 2027], "budget_per_year": {2025: budget, 2026: 400, 2027: 400},
            "first_institute_by": 2025})
        assert feasible(SMALL, changed) is expected, budget


def test_the_least_yearly_budget_of_every_year_is_exact() -> None:
    # one figure for every year, too low in several: the least figure, the same every year
    scenario = phased(budget_per_year=60, first_institute_by=2026)
    assert not feasible(SMALL, scenario)
    plan = jp.solve(scenario, SMALL)
    yearly = [fix for fix in plan.fixes if fix.family == "year_budget" and "year" not in fix.params]
    assert len(yearly) == 1, plan.fixes
    least = yearly[0].params["bound"]
    for budget, expected in ((least, True), (least - 1, False)):  # costs are whole
        assert feasible(SMALL, phased(budget_per_year=budget, first_institute_by=2026)) \
            is expected, budget
    assert f"raise the yearly budget to {least:,.0f} MAD million" in plan.diagnosis_message
    assert "porter le budget annuel à" in plan.diagnosis_text("fr")


def test_the_least_openings_cap_is_exact() -> None:
    scenario = phased(max_openings_per_year=1, first_institute_by=2026)
    assert not feasible(SMALL, scenario)  # three regions, two years, one opening a year
    plan = jp.solve(scenario, SMALL)
    least = only_fix(plan, "year_openings").params["bound"]
    assert least == 2
    for cap, expected in ((least, True), (least - 1, False)):
        changed = phased(max_openings_per_year=cap, first_institute_by=2026)
        assert feasible(SMALL, changed) is expected, cap


def test_the_earliest_feasible_deadline_is_exact() -> None:
    scenario = phased(max_openings_per_year=1, first_institute_by=2025)
    plan = jp.solve(scenario, SMALL)
    assert plan.status == "infeasible"
    year = only_fix(plan, "first_institute").params["year"]
    assert year == 2027
    assert feasible(SMALL, phased(max_openings_per_year=1, first_institute_by=year))
    assert not feasible(SMALL, phased(max_openings_per_year=1, first_institute_by=year - 1))


@pytest.mark.parametrize("family", ["theme_max", "region_max"])
def test_the_least_maximum_is_exact(family: str) -> None:
    theme = SMALL.theme_ids[0]
    locks = [{"region": r, "theme": theme} for r in SMALL.region_codes[:2]]
    if family == "theme_max":
        scenario = Scenario(name="max", themes={theme: {"max": 1}}, lock_in=locks)
    else:
        other = SMALL.theme_ids[1]
        scenario = Scenario(name="max", regions={"default": {"min": 1, "max": 2},
                                                 "01": {"min": 1, "max": 1}},
                            lock_in=[{"region": "01", "theme": theme},
                                     {"region": "01", "theme": other}])
    plan = jp.solve(scenario, SMALL)
    assert plan.status == "infeasible"
    assert only_fix(plan, family).params["bound"] == 2


def test_no_fix_is_offered_when_relaxing_the_bound_alone_is_not_enough() -> None:
    # a lock_in against a lock_out collides whatever the budget
    theme = SMALL.theme_ids[0]
    scenario = Scenario(name="locks", budget=10, lock_in=[{"region": "01", "theme": theme}],
                        lock_out=[{"region": "01", "theme": theme}])
    plan = jp.solve(scenario, SMALL)
    assert plan.status == "infeasible"
    assert all(fix.family != "budget" for fix in plan.fixes)


@pytest.mark.parametrize("budget", [900, 0])  # 0: issue 19, "rules cannot all hold" alone
def test_the_least_national_budget_on_the_real_data(budget: float) -> None:
    scenario = Scenario(name="budget", budget=budget)
    plan = jp.solve(scenario)
    least = only_fix(plan, "budget").params["bound"]
    assert jp.solve(with_changes(scenario, budget=least)).status == "optimal"
    assert jp.solve(with_changes(scenario, budget=least - 0.1)).status == "infeasible"
    assert f"raise the budget to {least:,.0f} MAD million" in plan.diagnosis_message
    assert f"the budget is {budget:,.0f} MAD million" in plan.diagnosis_message
