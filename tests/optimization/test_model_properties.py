"""The MILP against the independent checker and against brute force, on random instances.

Every plan the real solver calls optimal must pass :func:`check_plan`; on instances small
enough to enumerate, its objective must equal the best of all feasible selections; relaxing
any rule must never lower the optimum; and each family of contradictory rules must come back
infeasible with a diagnosis naming the colliding rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pulp
import pytest
from bruteforce import (
    Enumeration,
    better_neighbour,
    better_phased_neighbour,
    enumerate_selections,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import jazari_planner as jp
from jazari_planner.data.dataset import STRENGTH_GROUPS, Dataset
from jazari_planner.optimization.model import create_model
from jazari_planner.optimization.solvers import solve_model
from jazari_planner.scenario.schema import Scenario
from jazari_planner.testing.checker import check_plan, resolve_roadmap, resolve_rules
from jazari_planner.testing.synthetic import synthetic_dataset

PROPERTY_SETTINGS = settings(
    max_examples=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TOL = 1e-6


def rebuilt(scenario: Scenario, **changes: Any) -> Scenario:
    """``scenario`` with ``changes``, validated again like a fresh scenario."""
    return Scenario(**{**scenario.model_dump(), **changes})


def brute_force(dataset: Dataset, scenario: Scenario) -> Enumeration:
    return enumerate_selections(resolve_rules(dataset, scenario))


def region_reference(draw: st.DrawFn, dataset: Dataset, code: str) -> str:
    """A region as a scenario may name it: by code or by French name (any case)."""
    style = draw(st.sampled_from(["code", "name", "lower"]))
    name = dataset.region_name(code)
    return {"code": code, "name": name, "lower": name.lower()}[style]


@st.composite
def datasets(draw: st.DrawFn, *, max_regions: int, max_themes: int) -> Dataset:
    return synthetic_dataset(
        n_regions=draw(st.integers(2, max_regions)),
        n_themes=draw(st.integers(2, max_themes)),
        n_indicators=draw(st.integers(4, 9)),
        seed=draw(st.integers(0, 2**16)),
    )


@st.composite
def base_rules(draw: st.DrawFn, dataset: Dataset) -> dict[str, Any]:
    """Weights, need, balance and its focus, equity, min_strength, region and theme bounds."""
    weights = draw(st.dictionaries(st.sampled_from(STRENGTH_GROUPS),
                                   st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]), min_size=1))
    need_ids = list(dataset.catalogue.index[dataset.catalogue["group"] == "need"])
    need = draw(st.dictionaries(st.sampled_from(need_ids), st.sampled_from([-2.0, -1.0, 1.0, 2.0]),
                                max_size=2))
    regions: dict[str, Any] = {"default": {"min": 1, "max": draw(st.integers(1, 2))}}
    for code in draw(st.lists(st.sampled_from(dataset.region_codes), max_size=2, unique=True)):
        low = draw(st.integers(0, 1))
        regions[region_reference(draw, dataset, code)] = {"min": low,
                                                          "max": draw(st.integers(low, 2))}
    served = len(dataset.region_codes) - sum(
        1 for key, bounds in regions.items() if key != "default" and bounds["min"] == 0)
    themes: dict[str, Any] = {}
    for theme in draw(st.lists(st.sampled_from(dataset.theme_ids), max_size=2, unique=True)):
        themes[theme] = draw(st.sampled_from([{"min": 1}, {"max": 1}, {"cost": 10.0},
                                              {"min": 0, "max": 2, "cost": 400.0}]))
    return {
        "weights": weights,
        "need": need,
        "normalization": draw(st.sampled_from(["minmax", "rank"])),
        "balance": draw(st.floats(0, 1)),
        "balance_focus": draw(st.integers(1, max(1, served))),
        "equity": draw(st.floats(0, 2)),
        "min_strength": draw(st.sampled_from([0.0, 0.0, 0.1, 0.25, 0.4])),
        "regions": regions,
        "themes": themes,
    }


@st.composite
def feasible_instances(draw: st.DrawFn, *, max_regions: int = 4, max_themes: int = 5
                       ) -> tuple[Dataset, Scenario]:
    """A small instance with a budget and locks taken from a selection known to be feasible."""
    dataset = draw(datasets(max_regions=max_regions, max_themes=max_themes))
    base = Scenario(name="random", **draw(base_rules(dataset)))
    rules = resolve_rules(dataset, base)
    witnesses = enumerate_selections(rules)
    assume(witnesses.feasible)
    witness = witnesses.selection(draw(st.integers(0, len(witnesses) - 1)))
    spent = sum(float(rules.cost[t]) for _, t in witness)
    budget = draw(st.none() | st.floats(1.0, 1.5).map(lambda f: round(spent * f + 1.0, 3)))
    chosen = draw(st.lists(st.sampled_from(witness), max_size=2, unique=True)) if witness else []
    others = [(r, t) for r in rules.regions for t in rules.themes if (r, t) not in witness]
    refused = draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else []
    locks = {
        "lock_in": [{"region": region_reference(draw, dataset, r), "theme": t} for r, t in chosen],
        "lock_out": [{"region": region_reference(draw, dataset, r), "theme": t}
                     for r, t in refused],
    }
    return dataset, rebuilt(base, budget=budget, **locks)


@st.composite
def any_instances(draw: st.DrawFn) -> tuple[Dataset, Scenario]:
    """A mid-sized instance with random rules, budget and locks: feasible or not."""
    dataset = draw(datasets(max_regions=9, max_themes=7))
    rules = draw(base_rules(dataset))
    cells = st.lists(st.tuples(st.sampled_from(dataset.region_codes),
                               st.sampled_from(dataset.theme_ids)), max_size=2, unique=True)
    locks = cells.map(lambda pairs: [{"region": r, "theme": t} for r, t in pairs])
    average_cost = float(dataset.themes["cost"].mean())
    budget = draw(st.none() | st.floats(0.5, 2.0).map(
        lambda f: round(f * average_cost * len(dataset.region_codes), 3)))
    return dataset, Scenario(name="random", budget=budget, **rules,
                             lock_in=draw(locks), lock_out=draw(locks))


# --------------------------------------------------------------------------- properties


@PROPERTY_SETTINGS
@given(any_instances())
def test_every_optimal_plan_passes_the_checker(instance: tuple[Dataset, Scenario]) -> None:
    dataset, scenario = instance
    plan = jp.solve(scenario, dataset)
    if plan.status == "infeasible":
        assert plan.diagnosis, "an infeasible plan must say which rules collide"
    else:
        assert plan.status == "optimal"
        check_plan(plan).raise_if_failed()


@PROPERTY_SETTINGS
@given(datasets(max_regions=4, max_themes=5).flatmap(
    lambda d: st.tuples(st.just(d), base_rules(d))))
def test_optimum_equals_brute_force(instance: tuple[Dataset, dict[str, Any]]) -> None:
    dataset, rules = instance
    scenario = Scenario(name="random", **rules)
    truth = brute_force(dataset, scenario)
    plan = jp.solve(scenario, dataset)
    if not truth.feasible:
        assert plan.status == "infeasible"
        assert plan.diagnosis
        return
    assert plan.status == "optimal"
    check_plan(plan).raise_if_failed()
    assert plan.objective == pytest.approx(truth.best_objective, abs=TOL)


@PROPERTY_SETTINGS
@given(feasible_instances())
def test_feasible_locks_budget_and_bounds_match_brute_force(
        instance: tuple[Dataset, Scenario]) -> None:
    dataset, scenario = instance
    truth = brute_force(dataset, scenario)
    assert truth.feasible  # the witness selection meets every rule
    plan = jp.solve(scenario, dataset)
    assert plan.status == "optimal"
    check_plan(plan).raise_if_failed()
    assert plan.objective == pytest.approx(truth.best_objective, abs=TOL)


@PROPERTY_SETTINGS
@given(feasible_instances())
def test_locks_are_honoured(instance: tuple[Dataset, Scenario]) -> None:
    dataset, scenario = instance
    plan = jp.solve(scenario, dataset)
    assert plan.status == "optimal"
    cells = set(zip(plan.assignments["region_code"], plan.assignments["theme_id"], strict=True))
    locked = {(dataset.region_code(lock.region), lock.theme) for lock in scenario.lock_in}
    refused = {(dataset.region_code(lock.region), lock.theme) for lock in scenario.lock_out}
    assert locked <= cells
    assert not refused & cells
    flagged = plan.assignments[plan.assignments["locked"].astype(bool)]
    assert set(zip(flagged["region_code"], flagged["theme_id"], strict=True)) == locked


@PROPERTY_SETTINGS
@given(feasible_instances())
def test_balance_one_maximizes_the_balance_term_then_uses_strengths_best(
        instance: tuple[Dataset, Scenario]) -> None:
    # λ = 1: the plan's balance term is the best there is, and among the plans with that
    # same balance term its mean fit is the highest (the ε tie-break, no arbitrary plan).
    dataset, scenario = instance
    scenario = rebuilt(scenario, balance=1.0)
    truth = brute_force(dataset, scenario)
    plan = jp.solve(scenario, dataset)
    assert plan.status == "optimal"
    assert plan.objective == pytest.approx(truth.best_objective, abs=TOL)
    worst_mean = plan.metrics["worst_mean"]
    tied = abs(truth.balances - worst_mean) <= TOL
    assert plan.metrics["mean_fit"] >= truth.mean_fits[tied].max() - TOL


@PROPERTY_SETTINGS
@given(feasible_instances())
def test_full_focus_makes_the_balance_term_the_mean(instance: tuple[Dataset, Scenario]) -> None:
    # q = |R⁺|: b is the plain mean fit over the regions that must carry a specialization.
    dataset, scenario = instance
    rules = resolve_rules(dataset, scenario)
    served = rules.kmin >= 1
    assume(served.any())
    scenario = rebuilt(scenario, balance_focus=int(served.sum()))
    plan = jp.solve(scenario, dataset)
    assert plan.status == "optimal"
    fit = plan.regions.set_index("region_code")["fit"]
    assert plan.metrics["worst_mean"] == pytest.approx(fit[served[served].index].mean(), abs=TOL)
    assert plan.objective == pytest.approx(brute_force(dataset, scenario).best_objective, abs=TOL)


@PROPERTY_SETTINGS
@given(datasets(max_regions=4, max_themes=5).flatmap(
    lambda d: st.tuples(st.just(d), base_rules(d))))
def test_focus_one_without_tie_break_is_revision_one(instance: tuple[Dataset, dict[str, Any]]
                                                     ) -> None:
    # Through the model's handles: maximize (1 − λ) E + λ b with q = 1, and the optimum is
    # revision 1's (the floor objective, enumerated with ε = 0).
    dataset, rules = instance
    scenario = Scenario(name="revision 1", **{**rules, "balance_focus": 1})
    truth = enumerate_selections(resolve_rules(dataset, scenario), epsilon=0.0)
    model = create_model(jp.build_inputs(dataset, scenario))
    balance = scenario.balance
    model.set_objective((1 - balance) * model.efficiency + balance * model.balance_term)
    result = solve_model(model, scenario.solver)
    if not truth.feasible:
        assert result.status == "infeasible"
        return
    assert result.status == "optimal"
    assert pulp.value(model.problem.objective) == pytest.approx(truth.best_objective, abs=TOL)


def relaxations(scenario: Scenario, dataset: Dataset) -> dict[str, Scenario]:
    """Each way of loosening one rule of ``scenario`` that applies to it."""
    loosened: dict[str, Scenario] = {}
    code = dataset.region_codes[0]
    named = {dataset.region_code(k): k for k in scenario.regions if k != "default"}
    bounds = scenario.regions.get(named.get(code, ""), scenario.default_bounds)
    regions = {k: v.model_dump() for k, v in scenario.regions.items() if k != named.get(code)}
    regions[code] = {"min": bounds.min, "max": bounds.max + 1}
    loosened["raise a region maximum"] = rebuilt(scenario, regions=regions)
    if scenario.lock_in:
        loosened["drop a lock_in"] = rebuilt(scenario, lock_in=scenario.model_dump()["lock_in"][1:])
    if scenario.lock_out:
        loosened["drop a lock_out"] = rebuilt(scenario,
                                              lock_out=scenario.model_dump()["lock_out"][1:])
    if scenario.budget is not None:
        loosened["raise the budget"] = rebuilt(scenario, budget=scenario.budget * 1.3 + 50)
        loosened["drop the budget"] = rebuilt(scenario, budget=None)
    if scenario.min_strength > 0:
        loosened["lower min_strength"] = rebuilt(scenario, min_strength=scenario.min_strength / 2)
    return loosened


@PROPERTY_SETTINGS
@given(feasible_instances(max_regions=5, max_themes=5))
def test_relaxing_a_rule_never_lowers_the_optimum(instance: tuple[Dataset, Scenario]) -> None:
    dataset, scenario = instance
    base = jp.solve(scenario, dataset)
    assert base.status == "optimal"
    for what, looser in relaxations(scenario, dataset).items():
        relaxed = jp.solve(looser, dataset)
        assert relaxed.status == "optimal", what
        assert relaxed.objective >= base.objective - TOL, (
            f"{what}: optimum fell from {base.objective} to {relaxed.objective}")
        check_plan(relaxed).raise_if_failed()


# --------------------------------------------------------------------------- fixed instances

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenarios_pass_the_checker_and_are_locally_optimal(path: Path) -> None:
    # The 12 real regions are too many to enumerate: the checker recomputes every number,
    # and no single added, dropped or swapped cell may improve the objective.
    plan = jp.solve(Scenario.from_yaml(path))
    assert plan.status == "optimal"
    check_plan(plan).raise_if_failed()
    rules = resolve_rules(plan.dataset, plan.scenario)
    if plan.scenario.phasing is not None:  # a roadmap: its neighbours also move in time
        schedule = dict(zip(zip(plan.schedule["region_code"], plan.schedule["theme_id"],
                                strict=True), plan.schedule["year"], strict=True))
        roadmap = resolve_roadmap(plan.dataset, plan.scenario)
        assert roadmap is not None
        assert better_phased_neighbour(rules, roadmap, schedule) is None
        return
    selection = list(zip(plan.assignments["region_code"], plan.assignments["theme_id"],
                         strict=True))
    assert better_neighbour(rules, selection) is None


@pytest.mark.parametrize("solver", ["highs", "cbc"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_both_solvers_reach_the_brute_force_optimum(solver: str, seed: int) -> None:
    dataset = synthetic_dataset(n_regions=4, n_themes=5, seed=seed)
    scenario = Scenario(name="solvers", balance=0.5, equity=0.5, need={"need_04": 1},
                        budget=700, min_strength=0.2,
                        regions={"default": {"min": 0, "max": 2}, "01": {"min": 1, "max": 2}},
                        solver={"name": solver})
    truth = brute_force(dataset, scenario)
    assert truth.feasible
    plan = jp.solve(scenario, dataset)
    assert (plan.status, plan.solver) == ("optimal", solver)
    check_plan(plan).raise_if_failed()
    assert plan.objective == pytest.approx(truth.best_objective, abs=TOL)


def test_min_strength_closes_weak_cells() -> None:
    # θ 0.5 on SMALL closes about half the cells; regions may carry none, so it stays feasible
    scenario = Scenario(name="closed", min_strength=0.5, balance=0,
                        regions={"default": {"min": 0, "max": 2}})
    plan = jp.solve(scenario, SMALL)
    assert plan.status == "optimal"
    assert (plan.assignments["strength"] >= 0.5).all()
    check_plan(plan).raise_if_failed()
    assert plan.objective == pytest.approx(brute_force(SMALL, scenario).best_objective, abs=TOL)


# --------------------------------------------------------------------------- infeasible rule sets

SMALL = synthetic_dataset(n_regions=4, n_themes=5, seed=7)


def costliest_themes(dataset: Dataset, n: int) -> list[str]:
    return list(dataset.themes["cost"].sort_values(ascending=False).index[:n])


def infeasible_cases() -> list[Any]:
    """(scenario, words each diagnosis must contain) for each family of colliding rules."""
    d = SMALL
    r2 = d.region_name("02")
    t1, t2 = d.theme_ids[0], d.theme_ids[1]
    label = d.themes["label"]
    strength = resolve_rules(d, Scenario(name="probe")).strength
    # min_strength vs region minimum: θ just above the strongest theme of the region whose
    # best theme is weakest closes that whole region, which must still carry one; every
    # other region may carry none.
    best = strength.max(axis=1)
    weak = str(best.idxmin())
    expensive = costliest_themes(d, 2)
    cost_two = float(d.themes.loc[expensive, "cost"].sum())
    return [
        pytest.param(
            {"regions": {"default": {"min": 1, "max": 2}, "02": {"min": 1, "max": 1}},
             "lock_in": [{"region": "02", "theme": t1}, {"region": "02", "theme": t2}]},
            [r2, "at most 1 specialization", "locked in", label[t1], label[t2]],
            id="region max vs lock_ins"),
        pytest.param(
            {"lock_in": [{"region": r2, "theme": t1}], "lock_out": [{"region": "02", "theme": t1}]},
            [r2, "locked in", "locked out", label[t1]], id="lock_in vs lock_out"),
        pytest.param(
            {"themes": {t1: {"max": 1}},
             "lock_in": [{"region": "01", "theme": t1}, {"region": "02", "theme": t1}]},
            [label[t1], "at most 1 region", "locked in", d.region_name("01"), r2],
            id="theme max vs lock_ins"),
        pytest.param(
            {"regions": {"default": {"min": 1, "max": 2}, "02": {"min": 0, "max": 0}},
             "themes": {t1: {"min": 4}}},
            [label[t1], "at least 4 regions", r2, "at most 0 specializations"],
            id="theme min vs region bounds"),
        pytest.param(
            {"regions": {"default": {"min": 0, "max": 2}}, "budget": cost_two - 1,
             "lock_in": [{"region": "01", "theme": expensive[0]},
                         {"region": "02", "theme": expensive[1]}]},
            ["budget", "locked in", label[expensive[0]], label[expensive[1]]],
            id="budget vs lock_ins"),
        pytest.param(
            {"regions": {"default": {"min": 0, "max": 2}, weak: {"min": 1, "max": 2}},
             "min_strength": round(float(best[weak]) + 0.01, 4)},
            ["minimum strength", d.region_name(weak), "at least 1 specialization"],
            id="min_strength vs region min"),
    ]


@pytest.mark.parametrize(("rules", "words"), infeasible_cases())
def test_colliding_rules_are_diagnosed(rules: dict[str, Any], words: list[str]) -> None:
    scenario = Scenario(name="collision", **rules)
    assert not brute_force(SMALL, scenario).feasible  # the case really is infeasible
    plan = jp.solve(scenario, SMALL)
    assert plan.status == "infeasible"
    assert plan.objective is None
    assert plan.assignments.empty
    text = " ".join(plan.diagnosis).lower()
    missing = [w for w in words if w.lower() not in text]
    assert not missing, f"diagnosis {plan.diagnosis} does not mention {missing}"
