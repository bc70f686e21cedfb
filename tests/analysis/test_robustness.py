"""robustness.py: acceptability, confidence, stable core and similarity (docs/model.md §8)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from factories import make_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jazari_planner as jp
from jazari_planner.analysis.perturbation import Spread, perturbed_inputs
from jazari_planner.analysis.robustness import plan_cells

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def baseline() -> tuple[jp.Scenario, jp.Dataset]:
    return jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml"), jp.load_dataset()


def test_zero_spread_and_noise_give_the_plan_itself(baseline) -> None:
    scenario, dataset = baseline
    result = jp.robustness(scenario, dataset, samples=6, weight_spread=0, value_noise=0)
    x = plan_cells(result.plan).astype(float)
    assert np.array_equal(result.acceptability.to_numpy(), x)
    assert (result.confidence["acceptability"] == 1.0).all()
    assert result.similarity == 1.0 and result.infeasible == 0
    locked = result.confidence["locked"]
    assert locked.sum() == 3  # Fès-Meknès industry, Rabat sovereign AI, Dakhla energy
    # the stable core is every plan pair but the locked ones: a lock is no evidence
    assert len(result.stable_core) == (~locked).sum() and result.contested.empty
    assert not result.stable_core["locked"].any() and result.plan_stable == (~locked).sum()
    assert (result.samples["changes"] == 0).all()


def two_regions_one_theme() -> jp.Dataset:
    # Region 01 is strong in eco only, region 02 in aca only; theme T weighs both.
    return make_dataset({"eco": [1.0, 0.0], "aca": [0.0, 1.0]},
                        groups={"eco": "economic", "aca": "academic"},
                        profiles={"T": {"eco": 1.0, "aca": 1.0}}, bounds={"T": (1, 1)})


def test_acceptability_matches_a_hand_computation_from_the_draws() -> None:
    # s[01,T] = W_eco / (W_eco + W_aca) and s[02,T] = W_aca / (…), with W_k = a_k e^{σξ} w_g
    # e^{σξ'}: region 01 gets T exactly when ξ_eco-group + ξ_eco-profile exceeds the academic
    # pair. The draws are, in order: economic, academic, infrastructure, then T's profile
    # over (eco, aca), then the values (ν = 0 leaves them alone).
    scenario = jp.Scenario(name="hand", weights={"economic": 1, "academic": 1},
                           regions={"default": {"min": 0, "max": 1}})
    result = jp.robustness(scenario, two_regions_one_theme(), samples=50, weight_spread=0.5,
                           value_noise=0, seed=3)
    wins = 0
    for i in range(50):
        xi = np.random.default_rng([3, i]).standard_normal(5)
        wins += int(xi[0] + xi[3] > xi[1] + xi[4])
    assert result.acceptability.at["01", "T"] == wins / 50
    assert result.acceptability.at["02", "T"] == 1 - wins / 50
    assert 0 < wins < 50


def test_acceptability_is_the_share_of_jp_solve_plans_on_the_samples(baseline) -> None:
    scenario, dataset = baseline
    spread = Spread(weight_spread=0.4, value_noise=0.1, seed=9)
    result = jp.robustness(scenario, dataset, samples=8, weight_spread=0.4, value_noise=0.1,
                           seed=9)
    cells = [plan_cells(jp.solve(*perturbed_inputs(scenario, dataset, sample=i,
                                                   spread=spread))) for i in range(8)]
    assert np.array_equal(result.acceptability.to_numpy(), np.mean(cells, axis=0))
    base = plan_cells(result.plan)
    jaccard = [(c & base).sum() / (c | base).sum() for c in cells]
    assert result.similarity == pytest.approx(np.mean(jaccard))
    confidence = result.confidence.set_index(["region_code", "theme_id"])["acceptability"]
    for (region, theme), share in confidence.items():
        assert share == result.acceptability.at[region, theme]
    assert set(result.stable_core["acceptability"]) and (result.stable_core["acceptability"]
                                                         >= 0.9).all()
    contested = result.contested["acceptability"]
    assert ((contested > 0.1) & (contested < 0.9)).all()
    assert result.acceptability_of("Dakhla-Oued Ed-Dahab", "energy") == 1.0  # locked in
    # locked pairs are reported as locked, in neither the stable core nor the contested set
    locked = {("03", "industry"), ("04", "sovereign_ai"), ("12", "energy")}
    assert result.locked == locked | result.plan.inputs.lock_out
    flagged = result.confidence.loc[result.confidence["locked"]]
    assert set(zip(flagged["region_code"], flagged["theme_id"], strict=True)) == locked
    for frame in (result.stable_core, result.contested):
        assert not set(zip(frame["region_code"], frame["theme_id"], strict=True)) & result.locked
    assert result.summary()["locked"] == 3
    assert result.confidence_of()[("12", "energy")] == "locked"


def small() -> jp.Dataset:
    return make_dataset(
        {"eco": [10, 20, 40, 5], "aca": [3, 5, 1, 4], "inf": [7, 1, 3, 9]},
        groups={"eco": "economic", "aca": "academic", "inf": "infrastructure"},
        profiles={"t1": {"eco": 1.0, "aca": 0.5}, "t2": {"aca": 1.0, "inf": 1.0},
                  "t3": {"inf": 2.0, "eco": 0.3}},
        bounds={"t1": (1, 2), "t2": (1, 3), "t3": (0, 2)},
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), sigma=st.floats(0, 1.5), nu=st.floats(0, 0.5),
       balance=st.floats(0, 1))
def test_acceptability_keeps_every_count_rule_on_average(seed: int, sigma: float, nu: float,
                                                         balance: float) -> None:
    scenario = jp.Scenario(name="p", balance=balance, regions={"default": {"min": 1,
                                                                           "max": 2}})
    result = jp.robustness(scenario, small(), samples=10, weight_spread=sigma,
                           value_noise=nu, seed=seed, jobs=1)
    shares = result.acceptability.to_numpy()
    assert ((shares >= 0) & (shares <= 1)).all()
    assert ((shares.sum(axis=1) >= 1 - 1e-12) & (shares.sum(axis=1) <= 2 + 1e-12)).all()
    per_theme = shares.sum(axis=0)
    assert per_theme[0] >= 1 - 1e-12 and per_theme[1] >= 1 - 1e-12
    assert (per_theme <= np.array([2, 3, 2]) + 1e-12).all()
    assert 0 <= result.similarity <= 1


@pytest.mark.parametrize(("options", "key"), [
    ({"samples": 0}, "samples"), ({"samples": -5}, "samples"), ({"samples": 2.5}, "samples"),
    ({"samples": True}, "samples"), ({"weight_spread": -0.1}, "weight_spread"),
    ({"value_noise": -0.01}, "value_noise"), ({"seed": -1}, "seed"), ({"jobs": 0}, "jobs"),
    ({"samples": 10**12}, "samples"), ({"weight_spread": 1e308}, "weight_spread"),
    ({"value_noise": 1e300}, "value_noise"),
])
def test_bad_arguments_are_refused_before_any_work(options: dict, key: str) -> None:
    # The scenario names an unknown region: the argument is refused first, nothing is read.
    scenario = jp.Scenario(name="x", lock_in=[{"region": "Atlantis", "theme": "energy"}])
    with pytest.raises(jp.InputError) as caught:
        jp.robustness(scenario, **options)
    assert caught.value.key == key and caught.value.fix


def test_an_infeasible_scenario_has_no_robustness_but_its_colliding_rules() -> None:
    scenario = jp.Scenario(name="clash", lock_in=[{"region": "01", "theme": "t1"}],
                           lock_out=[{"region": "01", "theme": "t1"}])
    with pytest.raises(jp.InfeasibleError) as caught:
        jp.robustness(scenario, small(), samples=3)
    assert caught.value.exit_code == 3
    assert any("lock" in rule for rule in caught.value.rules)


def test_the_samples_table_and_summary_account_for_every_sample(baseline) -> None:
    scenario, dataset = baseline
    result = jp.robustness(scenario, dataset, samples=10, seed=1)
    assert list(result.samples.columns) == ["sample", "status", "gap", "objective", "changes",
                                            "jaccard"]
    assert result.samples["sample"].tolist() == list(range(10))
    summary = result.summary()
    assert sum(summary["statuses"].values()) == 10
    assert summary["plan_pairs"] == len(result.plan.assignments)
    pairs = result.pairs
    assert len(pairs) == 12 * len(dataset.themes) and pairs["in_plan"].sum() == len(
        result.confidence)
    assert isinstance(result.acceptability, pd.DataFrame)
    assert result.acceptability.index.name == "region_code"
    assert result.acceptability.columns.name == "theme_id"
