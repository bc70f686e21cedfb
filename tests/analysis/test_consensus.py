"""consensus.py: the stakeholders' consensus plan (docs/model.md §11) against brute force.

On small random instances every feasible plan is enumerated (``tests/bruteforce.py``); each
stakeholder's objective of each plan is scored by the independent checker's rules with that
stakeholder's weights and parameters, so its own optimum, its regret of every plan, the least
worst regret and the least mean regret among those plans are known without the MILP.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from bruteforce import Enumeration, enumerate_selections

import jazari_planner as jp
from jazari_planner.analysis.consensus import REGRET_COLUMNS
from jazari_planner.common.errors import InfeasibleError, InputError
from jazari_planner.testing.checker import RuleSet, resolve_rules
from jazari_planner.testing.synthetic import synthetic_dataset

TOL = 1e-6


def party_rules(dataset: jp.Dataset, scenario: jp.Scenario, party: dict[str, Any]) -> RuleSet:
    """The checker's rules as one party sees them: its strengths and parameters, the
    scenario's closures (rule 5 on the scenario's own strengths) as lock-outs."""
    own = resolve_rules(dataset, scenario)
    seen = scenario.model_copy(update={"weights": party["weights"],
                                       **{k: party[k] for k in ("balance", "equity",
                                                                "balance_focus") if k in party}})
    theirs = resolve_rules(dataset, seen)
    closed = {(r, t) for r in own.regions for t in own.themes if not own.is_open(r, t)}
    return replace(theirs, theta=0.0, lock_out=own.lock_out | frozenset(closed))


def scored(dataset: jp.Dataset, scenario: jp.Scenario, parties: list[dict[str, Any]]
           ) -> tuple[Enumeration, np.ndarray]:
    """Every feasible plan, and each party's objective of each (parties × plans)."""
    truth = enumerate_selections(resolve_rules(dataset, scenario))
    values = []
    for party in parties:
        mine = enumerate_selections(party_rules(dataset, scenario, party))
        assert mine.options == truth.options and np.array_equal(mine.choices, truth.choices)
        values.append(mine.objectives)
    return truth, np.array(values)


def regrets(values: np.ndarray) -> np.ndarray:
    best = values.max(axis=1, keepdims=True)
    scale = np.where(best != 0, np.abs(best), 1.0)
    return np.asarray((best - values) / scale)


PARTIES = [
    {"name": "Ministry", "weights": {"economic": 1, "academic": 2, "infrastructure": 1}},
    {"name": "Councils", "weights": {"economic": 1, "academic": 1, "infrastructure": 2},
     "balance": 0.8, "balance_focus": 2},
    {"name": "Universities", "weights": {"economic": 0.5, "academic": 3,
                                         "infrastructure": 0.5}, "balance": 0.0},
]


def random_parties(seed: int, count: int) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    parties = []
    for j in range(count):
        weights = {g: float(np.round(rng.uniform(0, 3), 2))
                   for g in ("economic", "academic", "infrastructure")}
        weights["economic"] += 0.1
        party: dict[str, Any] = {"name": f"P{j}", "weights": weights,
                                 "balance": float(np.round(rng.uniform(0, 1), 2))}
        if rng.random() < 0.5:
            party["balance_focus"] = int(rng.integers(1, 4))
        if rng.random() < 0.5:
            party["equity"] = float(np.round(rng.uniform(0, 2), 2))
        parties.append(party)
    return parties


@pytest.mark.parametrize(("seed", "count", "theta"),
                         [(0, 2, 0.0), (1, 3, 0.0), (2, 2, 0.25), (3, 3, 0.15), (4, 3, 0.0),
                          (5, 2, 0.0)])
def test_the_consensus_reaches_the_least_worst_regret_of_every_feasible_plan(
        seed: int, count: int, theta: float) -> None:
    dataset = synthetic_dataset(n_regions=4, n_themes=5, n_indicators=6, seed=seed)
    parties = PARTIES[:count] if seed == 0 else random_parties(seed, count)
    scenario = jp.Scenario(name="voices", balance=0.3, min_strength=theta,
                           need={dataset.catalogue.index[3]: 1.0},
                           themes={t: {"max": 2} for t in dataset.theme_ids},
                           stakeholders=parties)
    truth, values = scored(dataset, scenario, parties)
    regret = regrets(values)
    worst = regret.max(axis=0)
    least = float(worst.min())
    tied = worst <= least + 1e-9
    least_mean = float(regret[:, tied].mean(axis=0).min())

    found = jp.consensus(scenario, dataset)
    assert found.plan.status == "optimal"
    assert found.max_regret == pytest.approx(least, abs=TOL)
    assert found.mean_regret == pytest.approx(least_mean, abs=TOL)
    # each stakeholder's reported regret is its true regret of the consensus's cells
    chosen = set(found.plan.cells)
    index = next(n for n in range(len(truth)) if set(truth.selection(n)) == chosen)
    assert found.regret["regret"].to_numpy() == pytest.approx(regret[:, index], abs=TOL)
    assert found.regret["own_optimum"].to_numpy() == pytest.approx(values.max(axis=1), abs=TOL)
    assert found.regret["consensus_objective"].to_numpy() == pytest.approx(values[:, index],
                                                                          abs=TOL)
    # each party's own plan is its own optimum
    for party, row in zip(parties, values, strict=True):
        own = found.plans[party["name"]]
        mine = next(n for n in range(len(truth)) if set(truth.selection(n)) == set(own.cells))
        assert row[mine] == pytest.approx(row.max(), abs=TOL)


def test_agreed_and_contested_pairs_come_from_the_parties_own_plans() -> None:
    dataset = synthetic_dataset(n_regions=5, n_themes=4, seed=7)
    scenario = jp.Scenario(name="voices", stakeholders=PARTIES)
    found = jp.consensus(scenario, dataset)
    own = [set(plan.cells) for plan in found.plans.values()]
    assert set(found.agreed) == set.intersection(*own)
    assert set(found.contested) == set.union(*own) - set.intersection(*own)
    assert list(found.regret.columns) == REGRET_COLUMNS
    assert list(found.regret["stakeholder"]) == [p["name"] for p in PARTIES]
    assert found.max_regret == pytest.approx(found.regret["regret"].max())
    assert found.plan.scenario is scenario and found.plan.metrics is not None
    assert "3 stakeholders" in repr(found)


def test_a_party_that_agrees_with_every_other_has_no_regret() -> None:
    dataset = synthetic_dataset(n_regions=4, n_themes=4, seed=2)
    same = {"economic": 1, "academic": 1, "infrastructure": 1}
    scenario = jp.Scenario(name="unanimous", weights=same,
                           stakeholders=[{"name": "A", "weights": same},
                                         {"name": "B", "weights": {k: 2 * v for k, v in
                                                                   same.items()}}])
    found = jp.consensus(scenario, dataset)
    assert found.max_regret == pytest.approx(0.0, abs=TOL)
    assert set(found.plan.cells) == set(jp.solve(scenario, dataset).cells)
    assert not found.contested


def test_progress_counts_each_solve() -> None:
    dataset = synthetic_dataset(n_regions=4, n_themes=4, seed=1)
    seen: list[tuple[int, int]] = []
    jp.consensus(jp.Scenario(name="p", stakeholders=PARTIES), dataset,
                 progress=lambda done, total: seen.append((done, total)))
    assert seen == [(k, 5) for k in range(1, 6)]


def test_a_scenario_without_stakeholders_is_an_input_error() -> None:
    dataset = synthetic_dataset(n_regions=4, n_themes=4, seed=1)
    with pytest.raises(InputError, match="no stakeholders"):
        jp.consensus(jp.Scenario(name="alone"), dataset)


def test_an_infeasible_scenario_names_its_colliding_rules() -> None:
    dataset = synthetic_dataset(n_regions=4, n_themes=4, seed=1)
    scenario = jp.Scenario(name="tight", budget=0.0, stakeholders=PARTIES[:2])
    with pytest.raises(InfeasibleError, match="no plan") as caught:
        jp.consensus(scenario, dataset)
    assert caught.value.rules


def test_a_stakeholder_focus_beyond_the_served_regions_names_its_key() -> None:
    dataset = synthetic_dataset(n_regions=4, n_themes=4, seed=1)
    parties = [PARTIES[0], {**PARTIES[1], "balance_focus": 9}]
    with pytest.raises(InputError, match="from 1 to 4") as caught:
        jp.consensus(jp.Scenario(name="q", stakeholders=parties), dataset)
    assert caught.value.key == "stakeholders[1].balance_focus"


def test_on_a_roadmap_the_consensus_reaches_the_least_worst_regret_of_every_roadmap() -> None:
    """Every feasible selection, scheduled every feasible way (the checker's §10 rules); each
    party's objective of a roadmap is §3's on its cells plus the early-opening term, both on
    its own strengths (docs/model.md §11 on a roadmap)."""
    from itertools import product

    from jazari_planner.testing.checker import resolve_roadmap

    dataset = synthetic_dataset(n_regions=3, n_themes=3, n_indicators=6, seed=11)
    parties = PARTIES[:2]
    scenario = jp.Scenario(name="phased voices", balance=0.3,
                           phasing={"years": [2025, 2026], "max_openings_per_year": 3},
                           stakeholders=parties)
    truth = enumerate_selections(resolve_rules(dataset, scenario))
    roadmap = resolve_roadmap(dataset, scenario)
    assert roadmap is not None
    rules = [party_rules(dataset, scenario, party) for party in parties]
    values: list[list[float]] = []  # roadmap × party
    for n in range(len(truth)):
        cells = truth.selection(n)
        base = [r.objective(cells) for r in rules]
        for years in product(range(roadmap.first, roadmap.last + 1), repeat=len(cells)):
            schedule = dict(zip(cells, years, strict=True))
            if roadmap.violations(rules[0], schedule):
                continue
            values.append([b + roadmap.early_opening(r, schedule)
                           for b, r in zip(base, rules, strict=True)])
    table = np.array(values).T  # party × roadmap
    regret = regrets(table)
    least = float(regret.max(axis=0).min())

    found = jp.consensus(scenario, dataset)
    assert found.plan.status == "optimal" and found.plan.schedule is not None
    assert found.regret["own_optimum"].to_numpy() == pytest.approx(table.max(axis=1), abs=TOL)
    assert found.max_regret == pytest.approx(least, abs=TOL)
    # the regrets reported are those of the consensus's own cells and schedule
    schedule = dict(zip(zip(found.plan.schedule["region_code"], found.plan.schedule["theme_id"],
                            strict=True), found.plan.schedule["year"], strict=True))
    own = [r.objective(found.plan.cells) + roadmap.early_opening(r, schedule) for r in rules]
    best = table.max(axis=1)
    assert found.regret["regret"].to_numpy() == pytest.approx((best - own) / np.abs(best),
                                                              abs=TOL)


def test_on_a_roadmap_each_solve_after_the_first_starts_from_a_plan(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every party has the scenario's rules, so the parties' plans before it are plans of its
    model, and the best of them for it is its start; the consensus starts from the party plan
    of least worst regret, its second solve from the first's plan. The answers are those of
    the solves without a start."""
    from jazari_planner.analysis import consensus as module

    dataset = synthetic_dataset(n_regions=4, n_themes=4, n_indicators=6, seed=3)
    scenario = jp.Scenario(name="phased voices", balance=0.3,
                           phasing={"years": [2025, 2027], "max_openings_per_year": 2},
                           stakeholders=PARTIES)
    starts: list[tuple[dict[Any, float] | None, bool]] = []
    solve_model = module.solve_model

    def recorded(model: Any, options: Any = None, **kwargs: Any) -> Any:
        starts.append((kwargs.get("start"), kwargs.get("start_is_plan", False)))
        return solve_model(model, options, **kwargs)

    monkeypatch.setattr(module, "solve_model", recorded)
    found = jp.consensus(scenario, dataset)
    assert [start is not None for start, _ in starts] == [False, True, True, True, True]
    assert all(is_plan for start, is_plan in starts if start is not None)

    def unstarted(model: Any, options: Any = None, **kwargs: Any) -> Any:
        return solve_model(model, options)

    monkeypatch.setattr(module, "solve_model", unstarted)
    plain = jp.consensus(scenario, dataset)
    assert found.max_regret == pytest.approx(plain.max_regret, abs=TOL)
    assert found.mean_regret == pytest.approx(plain.mean_regret, abs=TOL)
    assert found.regret["own_optimum"].to_numpy() == pytest.approx(
        plain.regret["own_optimum"].to_numpy(), abs=TOL)
