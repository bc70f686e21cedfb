"""Phasing (docs/model.md §10) against brute force and the independent checker.

On instances small enough to enumerate every selection and every spread of it over the
years, ``jp.solve`` must reach the best roadmap (or say infeasible when there is none); on
larger random roadmaps every plan must respect the yearly budgets and the openings cap, keep
the announced openings in their year, serve each region of ``R⁺`` by the deadline, and pass
the checker, which recomputes the objective and the year-by-year figures on its own.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from bruteforce import better_phased_neighbour, enumerate_roadmaps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jazari_planner as jp
from jazari_planner.data.dataset import Dataset
from jazari_planner.inputs.resolve import phasing_inputs
from jazari_planner.optimization import objective as obj
from jazari_planner.optimization.model import create_model
from jazari_planner.optimization.phasing import add_phasing
from jazari_planner.optimization.solvers import solve_model
from jazari_planner.results.schedule import BY_YEAR_COLUMNS, SCHEDULE_COLUMNS
from jazari_planner.scenario.schema import Scenario
from jazari_planner.testing.checker import check_plan, resolve_roadmap, resolve_rules
from jazari_planner.testing.synthetic import synthetic_dataset

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TOL = 1e-6


@st.composite
def roadmaps(draw: st.DrawFn, *, regions: tuple[int, int], themes: tuple[int, int],
             years: tuple[int, int], history: bool | None = None) -> tuple[Dataset, Scenario]:
    """A random dataset and a phased scenario on it: budgets, cap, deadline, announcements,
    and a history (``as_of``) where ``history`` (``None``: drawn)."""
    dataset = synthetic_dataset(n_regions=draw(st.integers(*regions)),
                                n_themes=draw(st.integers(*themes)), n_indicators=6,
                                seed=draw(st.integers(0, 2**16)), cost_range=(50, 150))
    first = 2025
    last = first + draw(st.integers(*years)) - 1
    span = list(range(first, last + 1))
    cost = float(dataset.themes["cost"].max())
    budget: Any = draw(st.none() | st.floats(0.8, 3.0).map(lambda f: round(f * cost, 1))
                       | st.lists(st.floats(0.5, 3.0), min_size=len(span), max_size=len(span))
                       .map(lambda fs: {y: round(f * cost, 1) for y, f in zip(span, fs,
                                                                               strict=True)}))
    cells = [(r, t) for r in dataset.region_codes for t in dataset.theme_ids]
    opened = draw(st.lists(st.tuples(st.sampled_from(cells), st.sampled_from(span)),
                           max_size=2, unique_by=lambda c: c[0]))
    opened_regions = draw(st.lists(st.tuples(st.sampled_from(dataset.region_codes),
                                             st.sampled_from(span)), max_size=2, unique=True))
    phasing: dict[str, Any] = {
        "years": [first, last],
        "budget_per_year": budget,
        "max_openings_per_year": draw(st.none() | st.integers(1, 3)),
        "first_institute_by": draw(st.none() | st.sampled_from(span)),
        "opened": [{"region": r, "theme": t, "year": y} for (r, t), y in opened],
        "opened_regions": [{"region": r, "year": y} for r, y in opened_regions],
    }
    if len(span) > 1 and (history or (history is None and draw(st.booleans()))):
        phasing["as_of"] = draw(st.sampled_from(span[:-1]))
    if isinstance(budget, dict):  # an announced opening never costs more than its year's budget
        for (_, t), y in opened:
            budget[y] = max(budget[y], float(dataset.themes.at[t, "cost"]))
    elif budget is not None and opened:
        phasing["budget_per_year"] = max(budget, cost)
    regions: dict[str, Any] = {"default": {"min": 1, "max": draw(st.integers(1, 2))}}
    return dataset, Scenario(name="roadmap", balance=draw(st.sampled_from([0.0, 0.3, 1.0])),
                             min_strength=draw(st.sampled_from([0.0, 0.2])), regions=regions,
                             phasing=phasing)


# --------------------------------------------------------------------------- ground truth


@SETTINGS
@given(roadmaps(regions=(2, 3), themes=(2, 3), years=(1, 3)))
def test_the_best_roadmap_equals_brute_force(instance: tuple[Dataset, Scenario]) -> None:
    dataset, scenario = instance
    rules = resolve_rules(dataset, scenario)
    roadmap = resolve_roadmap(dataset, scenario)
    assert roadmap is not None
    truth = enumerate_roadmaps(rules, roadmap)
    plan = jp.solve(scenario, dataset)
    if not truth.feasible:
        assert plan.status == "infeasible"
        assert plan.diagnosis and plan.schedule is not None and plan.schedule.empty
        return
    assert plan.status == "optimal"
    check_plan(plan).raise_if_failed()
    assert plan.objective == pytest.approx(truth.objective, abs=TOL)


@SETTINGS
@given(roadmaps(regions=(2, 3), themes=(2, 3), years=(2, 3), history=True))
def test_the_best_roadmap_with_a_history_equals_brute_force(
        instance: tuple[Dataset, Scenario]) -> None:
    # §10 rev 3: up to as_of only the record opens (one theme per opened_regions entry), its
    # budgets and caps unenforced; the brute force applies these rules on its own
    dataset, scenario = instance
    rules = resolve_rules(dataset, scenario)
    roadmap = resolve_roadmap(dataset, scenario)
    assert roadmap is not None and roadmap.as_of is not None
    truth = enumerate_roadmaps(rules, roadmap)
    plan = jp.solve(scenario, dataset)
    if not truth.feasible:
        assert plan.status == "infeasible" and plan.diagnosis
        return
    assert plan.status == "optimal"
    check_plan(plan).raise_if_failed()
    assert plan.objective == pytest.approx(truth.objective, abs=TOL)
    assert plan.schedule is not None
    record = {(dataset.region_code(e.region), e.theme) for e in scenario.phasing.opened}
    regions = {(dataset.region_code(e.region), e.year) for e in scenario.phasing.opened_regions}
    for row in plan.schedule.itertuples(index=False):
        if row.year <= roadmap.as_of:
            assert ((row.region_code, row.theme_id) in record
                    or (row.region_code, row.year) in regions)


@SETTINGS
@given(roadmaps(regions=(4, 8), themes=(3, 6), years=(2, 5)))
def test_every_roadmap_keeps_every_yearly_rule(instance: tuple[Dataset, Scenario]) -> None:
    dataset, scenario = instance
    plan = jp.solve(scenario, dataset)
    phasing = scenario.phasing
    assert phasing is not None
    if plan.status == "infeasible":
        assert plan.diagnosis
        return
    assert plan.status == "optimal"
    check_plan(plan).raise_if_failed()
    schedule, by_year = plan.schedule, plan.by_year
    assert schedule is not None and by_year is not None
    assert list(by_year["year"]) == list(phasing.year_range)
    for row in by_year.itertuples(index=False):
        if phasing.is_history(int(row.year)):  # history is what it was
            continue
        budget = phasing.budget_of(int(row.year))
        assert budget is None or row.spending <= budget + TOL
        cap = phasing.max_openings_per_year
        assert cap is None or row.openings <= cap
    opened = {(r, t): y for (r, t), y in zip(
        zip(schedule["region_code"], schedule["theme_id"], strict=True), schedule["year"],
        strict=True)}
    for entry in phasing.opened:
        assert opened[dataset.region_code(entry.region), entry.theme] == entry.year
    for entry in phasing.opened_regions:
        code = dataset.region_code(entry.region)
        assert any(r == code and y == entry.year for (r, _), y in opened.items())
    if phasing.first_institute_by is not None:
        served = {r for (r, _), y in opened.items() if y <= phasing.first_institute_by}
        assert served == set(dataset.region_codes)  # every region has min 1 here
    assert set(opened) == set(zip(plan.assignments["region_code"], plan.assignments["theme_id"],
                                  strict=True))


# --------------------------------------------------------------------------- the shipped roadmap


@pytest.fixture(scope="module")
def roadmap() -> jp.Plan:
    return jp.solve(Scenario.from_yaml("scenarios/roadmap-2030.yaml"))


def test_the_shipped_roadmap_is_optimal_and_locally_unbeatable(roadmap: jp.Plan) -> None:
    assert roadmap.status == "optimal"
    check_plan(roadmap).raise_if_failed()
    rules = resolve_rules(roadmap.dataset, roadmap.scenario)
    plan_roadmap = resolve_roadmap(roadmap.dataset, roadmap.scenario)
    assert plan_roadmap is not None
    assert roadmap.schedule is not None
    schedule = {(str(r), str(t)): int(y) for r, t, y in roadmap.schedule[
        ["region_code", "theme_id", "year"]].itertuples(index=False)}
    assert better_phased_neighbour(rules, plan_roadmap, schedule) is None


def test_the_shipped_roadmap_opens_the_announced_institutes_in_their_year(
        roadmap: jp.Plan) -> None:
    assert roadmap.schedule is not None and roadmap.by_year is not None
    schedule = roadmap.schedule.set_index(["region_name", "theme_id"])["year"]
    assert schedule["Dakhla-Oued Ed-Dahab", "energy"] == 2025
    assert schedule["Rabat-Salé-Kénitra", "sovereign_ai"] == 2026
    assert schedule["Fès-Meknès", "industry"] == 2026
    first = roadmap.schedule.groupby("region_name")["year"].min()
    assert first["Guelmim-Oued Noun"] == 2025 and first["Oriental"] == 2025
    assert first.max() <= 2028  # first_institute_by
    assert roadmap.by_year.set_index("year").at[2028, "regions_served"] == 12
    # the announced openings are lock-ins with a year: the plan marks them locked
    locked = roadmap.assignments.set_index(["region_code", "theme_id"])["locked"]
    assert locked["12", "energy"] and locked["04", "sovereign_ai"] and locked["03", "industry"]


def test_the_shipped_roadmap_is_revised_as_of_2026_with_only_what_opened(
        roadmap: jp.Plan) -> None:
    # December 2026: 2025 and 2026 are history. What opened (facts sheet §4a): Guelmim-Oued
    # Noun (Apr 2025) and Oriental (Jul 2025) one theme each, Dakhla energy (Nov 2025),
    # JAZARI ROOT (Jan 2026), Fès-Meknès Industrie X.0 (Mar 2026); nothing else.
    phasing = roadmap.scenario.phasing
    assert phasing is not None and phasing.as_of == 2026
    assert roadmap.schedule is not None
    history = roadmap.schedule.loc[roadmap.schedule["year"] <= 2026]
    opened = {(r, t, int(y)) for r, t, y in history[["region_code", "theme_id", "year"]]
              .itertuples(index=False)}
    assert {("12", "energy", 2025), ("04", "sovereign_ai", 2026),
            ("03", "industry", 2026)} <= opened
    others = opened - {("12", "energy", 2025), ("04", "sovereign_ai", 2026),
                       ("03", "industry", 2026)}
    assert sorted((r, y) for r, _, y in others) == [("02", 2025), ("10", 2025)]
    assert ("06", "finance", 2025) not in opened and not any(
        r in {"01", "06"} for r, _, _ in opened)  # Casablanca and Tanger opened nothing
    assert (roadmap.schedule["year"] > 2026).sum() == len(roadmap.schedule) - 5


def test_a_history_over_its_years_budget_is_fine_but_plan_years_must_fit() -> None:
    base = Scenario.from_yaml("scenarios/roadmap-2030.yaml")
    assert base.phasing is not None
    tight_history = {2025: 100, 2026: 100, 2027: 450, 2028: 450, 2029: 450, 2030: 450}
    phasing = base.phasing.model_copy(update={"budget_per_year": tight_history})
    history = jp.solve(base.model_copy(update={"phasing": phasing}))
    assert history.status == "optimal"  # 2025 spent 350, 2026 330: history, not a choice
    check_plan(history).raise_if_failed()
    # the same budgets without as_of: 2025 and 2026 are plan years that cannot fit
    unplanned = base.model_copy(update={"phasing": phasing.model_copy(update={"as_of": None})})
    with pytest.raises(jp.InputError, match="more than the 2025 budget"):
        jp.solve(unplanned)
    # plan years that cannot fit stay infeasible with the smallest fix, as before
    starved = {2025: 450, 2026: 450, 2027: 100, 2028: 100, 2029: 450, 2030: 450}
    plan = jp.solve(base.model_copy(update={"phasing": phasing.model_copy(update={
        "budget_per_year": starved})}))
    assert plan.status == "infeasible" and plan.diagnosis
    assert any("2027" in line or "2028" in line for line in plan.diagnosis)


def test_results_have_the_documented_columns(roadmap: jp.Plan) -> None:
    assert roadmap.schedule is not None and roadmap.by_year is not None
    assert list(roadmap.schedule.columns) == SCHEDULE_COLUMNS
    assert list(roadmap.by_year.columns) == BY_YEAR_COLUMNS
    assert roadmap.schedule["year"].is_monotonic_increasing
    assert roadmap.by_year["regions_served"].is_monotonic_increasing
    assert roadmap.by_year["mean_fit"].is_monotonic_increasing
    final = roadmap.by_year.iloc[-1]
    assert final["mean_fit"] == pytest.approx(roadmap.metrics["mean_fit"])
    assert final["worst_mean"] == pytest.approx(roadmap.metrics["worst_mean"])
    assert roadmap.by_year["spending"].sum() == pytest.approx(
        roadmap.metrics["total_investment"])


def test_without_phasing_there_is_no_roadmap() -> None:
    plan = jp.solve(Scenario.from_yaml("scenarios/baseline.yaml"))
    assert plan.schedule is None and plan.by_year is None


def test_the_early_opening_term_is_in_the_objective_and_opens_strong_pairs_first(
        roadmap: jp.Plan) -> None:
    inputs = roadmap.inputs
    assert roadmap.schedule is not None
    years = dict(zip(zip(roadmap.schedule["region_code"], roadmap.schedule["theme_id"],
                         strict=True), roadmap.schedule["year"], strict=True))
    selection = set(years)
    early = roadmap.objective - inputs.objective_of(selection)
    assert early > 0
    # the term of docs/model.md §10 by hand: δ/|R| Σ s (Y1 − y + 1) / (Y1 − Y0 + 1)
    by_hand = sum(float(roadmap.strength.set_index("region_code").at[r, t]) * (2030 - y + 1) / 6
                  for (r, t), y in years.items()) * obj.EARLY_OPENING / 12
    assert early == pytest.approx(by_hand, abs=1e-9)


def test_a_roadmap_is_built_through_the_models_handles() -> None:
    # the create → extend → solve split: a researcher adds phasing to a model of their own
    dataset = synthetic_dataset(n_regions=3, n_themes=3, seed=4)
    scenario = Scenario(name="handles", phasing={"years": [2025, 2026], "budget_per_year": 400,
                                                 "max_openings_per_year": 2})
    inputs = jp.build_inputs(dataset, scenario)
    phasing = phasing_inputs(dataset, scenario)
    assert phasing is not None
    model = create_model(inputs)
    handles = add_phasing(model, phasing)
    assert {"year_budget_2025", "year_openings_2026"} <= set(model.rules)
    result = solve_model(model)
    assert result.status == "optimal"
    schedule = handles.schedule()
    assert set(schedule) == set(result.selection)
    assert all(sum(1 for y in schedule.values() if y == year) <= 2 for year in (2025, 2026))
    plan = jp.solve(scenario, dataset)
    assert plan.objective == pytest.approx(float(model.problem.objective.value()), abs=TOL)


def test_an_infeasible_roadmap_has_empty_tables_with_their_columns() -> None:
    scenario = Scenario.from_yaml("scenarios/roadmap-2030.yaml")
    phasing = scenario.phasing
    assert phasing is not None
    tight = scenario.model_copy(update={"phasing": phasing.model_copy(
        update={"budget_per_year": {y: (100.0 if y in (2027, 2028) else 450.0)
                                    for y in phasing.year_range}})})
    plan = jp.solve(tight)
    assert plan.status == "infeasible"  # seven regions to serve in 2027–2028 on 200
    assert isinstance(plan.schedule, pd.DataFrame) and plan.schedule.empty
    assert list(plan.schedule.columns) == SCHEDULE_COLUMNS
    assert plan.by_year is not None and plan.by_year.empty
    assert list(plan.by_year.columns) == BY_YEAR_COLUMNS
