"""perturbation.py: sample i's numbers come from (seed, i) alone, in the documented order."""

from __future__ import annotations

import numpy as np
import pytest
from factories import make_dataset

from jazari_planner import InputError, Scenario
from jazari_planner.analysis.perturbation import (
    Spread,
    dataset_factors,
    draw_factors,
    perturbed_inputs,
)
from jazari_planner.scoring import strengths as scoring


def small() -> object:
    return make_dataset(
        {"eco": [10, 20, 40], "aca": [3, 5, 1], "une": [10, 30, 20]},
        groups={"eco": "economic", "aca": "academic", "une": "need"},
        profiles={"t1": {"eco": 1.0}, "t2": {"eco": 1.0, "aca": 3.0}},
    )


def test_the_draws_follow_the_documented_order() -> None:
    spread = Spread(weight_spread=0.3, value_noise=0.1, seed=7)
    factors = draw_factors(spread, 4, themes=2, regions=3, scale=np.array([1.0, 2.0, 1.0]))
    xi = np.random.default_rng([7, 4]).standard_normal(3 + 2 * 3 + 3 * 3)
    assert factors.group == pytest.approx(np.exp(0.3 * xi[:3]))
    assert factors.profile == pytest.approx(np.exp(0.3 * xi[3:9]).reshape(2, 3))
    noise = np.array([0.1, 0.2, 0.1])  # the second indicator (m = 2) twice as noisy
    assert factors.values == pytest.approx(1 + noise * xi[9:].reshape(3, 3))


def test_a_sample_depends_on_seed_and_index_alone() -> None:
    spread = Spread(seed=3)
    kwargs = {"themes": 2, "regions": 3, "scale": np.ones(4)}
    later = draw_factors(spread, 9, **kwargs)
    for i in range(9):  # drawing other samples first changes nothing
        draw_factors(spread, i, **kwargs)
    again = draw_factors(spread, 9, **kwargs)
    assert np.array_equal(later.values, again.values)
    other = draw_factors(Spread(seed=4), 9, **kwargs)
    assert not np.array_equal(later.values, other.values)


def test_zero_spread_and_noise_leave_every_number_exactly_as_it_is() -> None:
    data = small()
    factors = dataset_factors(Spread(0.0, 0.0, seed=5), 2, data)
    assert (factors.group == 1).all() and (factors.profile == 1).all()
    assert (factors.values == 1).all()
    scenario = Scenario(name="s", weights={"economic": 2, "academic": 1})
    varied, varied_data = perturbed_inputs(scenario, data, sample=2, spread=Spread(0, 0, 5))
    assert varied.weights == scenario.weights
    assert scoring.strength(varied_data, varied).equals(scoring.strength(data, scenario))


def test_perturbed_inputs_scale_weights_profiles_and_values() -> None:
    data = small()
    spread = Spread(0.5, 0.2, seed=1)
    scenario = Scenario(name="s", weights={"economic": 2})  # academic unlisted: stays 0
    varied, varied_data = perturbed_inputs(scenario, data, sample=0, spread=spread)
    factors = dataset_factors(spread, 0, data)
    assert set(varied.weights) == {"economic"}
    assert varied.weights["economic"] == pytest.approx(2 * factors.group[0])
    assert varied_data.profiles.to_numpy() == pytest.approx(
        data.profiles.to_numpy() * factors.profile)
    assert varied_data.values().to_numpy() == pytest.approx(
        data.values().to_numpy() * factors.values)
    assert varied.lock_in == scenario.lock_in and varied.balance == scenario.balance


@pytest.mark.parametrize(("field", "value"), [
    ("weight_spread", -0.1), ("value_noise", -1.0), ("weight_spread", float("nan")),
    ("value_noise", float("inf")), ("seed", -1), ("seed", 1.5), ("weight_spread", 3.01),
    ("weight_spread", 1e308), ("value_noise", 1.01), ("value_noise", 1e300),
])
def test_bad_spread_noise_or_seed_is_an_input_error(field: str, value: float) -> None:
    with pytest.raises(InputError) as caught:
        Spread(**{field: value})
    assert caught.value.key == field and caught.value.fix
