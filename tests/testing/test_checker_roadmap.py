"""The independent checker on roadmaps (docs/model.md §10): every broken yearly rule is caught.

The shipped roadmap's plan passes; each tampered copy (an announcement moved, a year over
budget, a region served late, numbers that do not add up) must fail with a sentence that
says which rule and which year.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

import jazari_planner as jp
from jazari_planner.testing.checker import check_plan, check_schedule


def with_cost(plan: jp.Plan, region: str, theme: str, cost: float) -> jp.Plan:
    """``plan`` with one schedule row's cost changed."""
    assert plan.schedule is not None
    schedule = plan.schedule.copy()
    row = (schedule["region_code"] == region) & (schedule["theme_id"] == theme)
    schedule.loc[row, "cost"] = cost
    return dataclasses.replace(plan, schedule=schedule)


def violations(plan: jp.Plan) -> str:
    return "\n".join(check_plan(plan).violations)


def test_the_shipped_roadmap_passes(roadmap_plan: jp.Plan) -> None:
    check_plan(roadmap_plan).raise_if_failed()


def schedule_of(roadmap_plan: jp.Plan) -> dict[tuple[str, str], int]:
    assert roadmap_plan.schedule is not None
    return {(str(r), str(t)): int(y) for r, t, y in roadmap_plan.schedule[
        ["region_code", "theme_id", "year"]].itertuples(index=False)}


def test_an_announcement_moved_to_another_year_is_caught(roadmap_plan: jp.Plan) -> None:
    schedule = schedule_of(roadmap_plan)
    schedule["12", "energy"] = 2027
    found = "\n".join(check_schedule(schedule, roadmap_plan.dataset,
                                     roadmap_plan.scenario).violations)
    assert "Dakhla-Oued Ed-Dahab) → energy is announced for 2025, the schedule says 2027" in found


def test_a_year_over_its_budget_and_its_cap_is_caught(roadmap_plan: jp.Plan) -> None:
    schedule = schedule_of(roadmap_plan)
    costs = roadmap_plan.dataset.themes["cost"]
    spent = {y: sum(float(costs[t]) for (_, t), z in schedule.items() if z == y)
             for y in (2027, 2028)}
    count = {y: sum(1 for z in schedule.values() if z == y) for y in (2027, 2028)}
    moved = {pair: (2027 if year == 2028 else year) for pair, year in schedule.items()}
    found = "\n".join(check_schedule(moved, roadmap_plan.dataset, roadmap_plan.scenario).violations)
    assert f"2027 spends {spent[2027] + spent[2028]:g} MAD million, above its budget of 450" in (
        found)
    assert f"{count[2027] + count[2028]} openings in 2027, above the cap of 4" in found


def test_an_opening_moved_into_the_history_is_caught(roadmap_plan: jp.Plan) -> None:
    # as_of 2026: 2025 and 2026 hold only what opened; Tanger opened nothing then
    schedule = schedule_of(roadmap_plan)
    tanger = next(pair for pair in schedule if pair[0] == "01")
    schedule[tanger] = 2026
    found = "\n".join(check_schedule(schedule, roadmap_plan.dataset,
                                     roadmap_plan.scenario).violations)
    assert ("opens 1 unannounced theme(s) in 2026, a history year (as_of 2026) whose record "
            "says 0") in found
    # an opened_regions entry of a history year opens exactly one theme
    schedule = schedule_of(roadmap_plan)
    other = next(t for t in ("health", "tourism", "energy") if ("10", t) not in schedule)
    schedule["10", other] = 2025
    found = "\n".join(check_schedule(schedule, roadmap_plan.dataset,
                                     roadmap_plan.scenario).violations)
    assert "Guelmim-Oued Noun) opens 2 unannounced theme(s) in 2025" in found


def test_a_history_year_over_its_stated_budget_is_history_not_a_violation(
        roadmap_plan: jp.Plan) -> None:
    phasing = roadmap_plan.scenario.phasing
    assert phasing is not None
    budgets = {y: (100.0 if y <= 2026 else 450.0) for y in phasing.year_range}
    scenario = roadmap_plan.scenario.model_copy(update={"phasing": phasing.model_copy(update={
        "budget_per_year": budgets, "max_openings_per_year": 1})})
    found = check_schedule(schedule_of(roadmap_plan), roadmap_plan.dataset, scenario).violations
    assert not [v for v in found if "2025" in v or "2026" in v], found


def test_a_region_served_after_the_deadline_is_caught(roadmap_plan: jp.Plan) -> None:
    schedule = {pair: (2029 if pair[0] == "11" else year)
                for pair, year in schedule_of(roadmap_plan).items()}
    found = "\n".join(check_schedule(schedule, roadmap_plan.dataset,
                                     roadmap_plan.scenario).violations)
    assert "11 (Laâyoune-Sakia El Hamra) has no institute open by 2028" in found


def test_an_announced_region_that_opens_nothing_that_year_is_caught(roadmap_plan: jp.Plan) -> None:
    schedule = {pair: (2026 if pair[0] == "10" else year)
                for pair, year in schedule_of(roadmap_plan).items()}
    found = "\n".join(check_schedule(schedule, roadmap_plan.dataset,
                                     roadmap_plan.scenario).violations)
    assert "10 (Guelmim-Oued Noun) opens nothing in 2025" in found


def test_a_schedule_that_differs_from_the_assignments_is_caught(roadmap_plan: jp.Plan) -> None:
    assert roadmap_plan.schedule is not None
    shorter = dataclasses.replace(roadmap_plan, schedule=roadmap_plan.schedule.iloc[1:])
    assert "its pairs differ from the assignments" in violations(shorter)


def test_wrong_costs_years_and_figures_are_caught(roadmap_plan: jp.Plan) -> None:
    wrong_cost = with_cost(roadmap_plan, "02", "agrifood", 1.0)
    assert "schedule cost of 02 (Oriental) → agrifood" in violations(wrong_cost)
    assert roadmap_plan.by_year is not None
    by_year = roadmap_plan.by_year.copy()
    by_year.loc[by_year["year"] == 2027, "regions_served"] = 12
    assert "by_year regions_served of 2027: the plan reports 12" in violations(
        dataclasses.replace(roadmap_plan, by_year=by_year))
    assert "by_year" in violations(dataclasses.replace(roadmap_plan, by_year=by_year.iloc[:-1]))
    assert roadmap_plan.objective is not None
    without_term = dataclasses.replace(roadmap_plan, objective=roadmap_plan.inputs.objective_of(
        schedule_of(roadmap_plan)))
    assert "objective: the plan reports" in violations(without_term)


def test_a_phased_plan_without_a_schedule_is_caught(roadmap_plan: jp.Plan) -> None:
    assert "has no schedule" in violations(dataclasses.replace(roadmap_plan, schedule=None))
    outside = dict(schedule_of(roadmap_plan))
    outside["07", "tourism"] = 2031
    found = "\n".join(check_schedule(outside, roadmap_plan.dataset,
                                     roadmap_plan.scenario).violations)
    assert "opens in 2031, outside 2025–2030" in found
    assert isinstance(roadmap_plan.by_year, pd.DataFrame)
