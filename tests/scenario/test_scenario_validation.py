"""Scenario values checked: unknown keys, wrong types and ranges named by line, key and fix.

Each test writes a real YAML file, so the line numbers are the parser's own.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from cli_support import write
from factories import read_error

import jazari_planner as jp
from jazari_planner.common.errors import InputError
from jazari_planner.scenario.schema import Scenario, SolverOptions
from jazari_planner.testing.synthetic import synthetic_dataset

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
DATA = synthetic_dataset(n_regions=4, n_themes=3)

UNKNOWN_KEYS = [
    ("name: T\nbalence: 0.5\n", 2, "balence",
     ["unknown key `balence`", "did you mean `balance`"]),
    ("name: T\nthemes:\n  energy:\n    mx: 3\n", 4, "themes.energy.mx", ["did you mean `max`"]),
    ("name: T\nsolver:\n  time_limt: 5\n", 3, "solver.time_limt", ["did you mean `time_limit`"]),
    ("name: T\nweights:\n  economc: 1\n", 3, "weights.economc", ["did you mean `economic`"]),
    ("name: T\nregions:\n  default: {min: 1, mux: 2}\n", 3, "regions.default.mux", ["`max`"]),
    ("name: T\nlock_in:\n  - {region: '01', theme: energy, them: x}\n", 3, "lock_in[0].them",
     ["`theme`"]),
    ("name: T\ndata:\n  indicator: x.csv\n", 3, "data.indicator", ["did you mean `indicators`"]),
]


WRONG_TYPES = [
    ("name: T\nbalance: high\n", 2, "balance", ["expected a number", "'high'"]),
    ("name: T\nbalance: yes\n", 2, "balance", ["expected a number"]),
    ("name: T\nthemes:\n  energy: {max: three}\n", 3, "themes.energy.max", ["whole number"]),
    ("name: T\nregions:\n  default: {min: 1.5}\n", 3, "regions.default.min", ["whole number"]),
    ("name: T\nsolver: highs\n", 2, "solver", ["expected a mapping", "solver: {name"]),
    ("name: T\nlock_in: {region: '01'}\n", 2, "lock_in", ["expected a list"]),
    ("name: 2026\n", 1, "name", ["expected text"]),
    ("name: T\nnormalization: minimax\n", 2, "normalization", ["did you mean 'minmax'"]),
    ("name: T\nsolver: {name: gurobi}\n", 2, "solver.name", ["highs", "cbc"]),
]

OUT_OF_RANGE = [
    ("name: T\nbalance: 1.5\n", 2, "balance", ["<= 1", "worst-served"]),
    ("name: T\nequity: -1\n", 2, "equity", [">= 0"]),
    ("name: T\nmin_strength: 2\n", 2, "min_strength", ["<= 1"]),
    ("name: T\nbudget: -5\n", 2, "budget", [">= 0"]),
    ("name: T\nsolver:\n  time_limit: 0\n", 3, "solver.time_limit", ["> 0"]),
    ("name: T\nweights: {economic: -1}\n", 2, "weights.economic", ["weights are >= 0"]),
    ("name: T\nregions:\n  '12': {min: 3, max: 1}\n", 3, "regions.12", ["larger than max"]),
]


@pytest.mark.parametrize(("text", "line", "key", "words"),
                         [*UNKNOWN_KEYS, *WRONG_TYPES, *OUT_OF_RANGE])
def test_a_bad_key_or_value_names_its_line_path_and_what_was_expected(
    tmp_path: Path, text: str, line: int, key: str, words: list[str]
) -> None:
    """Unknown keys (with a near miss), wrong types and values out of range, at every level."""
    error = read_error(write(tmp_path, text))
    assert (error.line, error.key) == (line, key)
    for word in words:
        assert word in error.message


def test_several_problems_are_listed_earliest_line_first(tmp_path: Path) -> None:
    error = read_error(write(tmp_path, "name: T\nbalance: 3\nequity: -1\nbalence: 1\n"))
    assert error.line == 2
    assert "also equity (line 3)" in error.message
    assert "also balence (line 4)" in error.message


def test_from_dict_names_its_source_and_rejects_non_mappings() -> None:
    with pytest.raises(InputError) as caught:
        Scenario.from_dict({"name": "T", "balence": 1}, source="web form")
    assert caught.value.source == "web form" and "did you mean `balance`" in caught.value.message
    with pytest.raises(InputError, match="expected a mapping"):
        Scenario.from_dict(["name"])
    assert Scenario.from_dict({"name": "T", "balance": 0.1}).balance == 0.1


@pytest.mark.parametrize(("text", "key", "words"), [
    ("budget: .inf", "budget", ["is inf, not a finite number", "from 0 to 1e+09"]),
    ("budget: 1e309", "budget", ["is inf, not a finite number"]),
    ("equity: .inf", "equity", ["not a finite number"]),
    ("weights: {economic: .nan}", "weights.economic", ["is nan, not a finite number",
                                                      "only their ratios matter"]),
    ("weights: {economic: .inf}", "weights.economic", ["not a finite number"]),
    ("need: {x: -.inf}", "need.x", ["not a finite number"]),
    ("themes: {energy: {cost: .inf}}", "themes.energy.cost", ["not a finite number"]),
    ("themes: {energy: {cost: 1e15}}", "themes.energy.cost", ["<= 1e+06", "MAD million"]),
    ("equity: 1.0e308", "equity", ["<= 1000"]),
    ("weights: {academic: 1e7}", "weights.academic", ["<= 1e+06"]),
    ("regions: {default: {max: 100000}}", "regions.default.max", ["<= 1000"]),
    ("solver: {time_limit: 1e9}", "solver.time_limit", ["<= 86400", "null for no limit"]),
    ("name: " + "N" * 240, "name", ["240 characters long", "at most 200"]),
    ("lock_in: [{region: " + "R" * 150 + ", theme: energy}]", "lock_in[0].region",
     ["150 characters long", "at most 100"]),
])
def test_every_number_is_finite_and_in_range_and_names_are_bounded(
    tmp_path: Path, text: str, key: str, words: list[str]
) -> None:
    body = text if text.startswith("name:") else f"name: T\n{text}"
    error = read_error(write(tmp_path, body + "\n"))
    assert error.key == key and error.line == body.count("\n") + 1
    for word in words:
        assert word in error.message, error.message


def test_small_and_large_numbers_written_with_an_exponent_are_read(tmp_path: Path) -> None:
    scenario = Scenario.from_yaml(write(tmp_path, "name: T\nmin_strength: 1e-9\n"
                                        "budget: 1.0e3\nweights: {economic: 2e0}\n"))
    assert (scenario.min_strength, scenario.budget, scenario.weights) == (
        1e-9, 1000.0, {"economic": 2.0})


CHANGED = [
    ({"balance": 5}, "balance", "<= 1"),
    ({"balance": math.nan}, "balance", "not a finite number"),
    ({"budget": -1.0}, "budget", ">= 0"),
    ({"equity": "high"}, "equity", "expected a number"),
    ({"weights": {"economic": math.inf}}, "weights.economic", "not a finite number"),
    ({"solver": SolverOptions.model_construct(name="gurobi", time_limit=5.0, mip_gap=0.0)},
     "solver.name", "highs, cbc"),
]


@pytest.mark.parametrize(("update", "key", "words"), CHANGED,
                         ids=[key for _, key, _ in CHANGED])
def test_a_scenario_changed_after_loading_is_validated_again_by_solve(
    update: dict[str, object], key: str, words: str
) -> None:
    base = Scenario.from_yaml(SCENARIOS / "excellence.yaml")
    changed = base.model_copy(update=update)
    with pytest.raises(InputError) as caught:
        jp.solve(changed, DATA)
    assert caught.value.key == key and words in caught.value.message
    assert "changed after loading" in str(caught.value.source)
    with pytest.raises(InputError):
        jp.build_inputs(DATA, changed)


def test_solve_model_refuses_a_solver_it_does_not_know() -> None:
    model = jp.create_model(jp.build_inputs(DATA, Scenario(name="T")))
    options = SolverOptions.model_construct(name="gurobi", time_limit=5.0, mip_gap=0.0)
    with pytest.raises(InputError, match="unknown solver 'gurobi'"):
        jp.solve_model(model, options)
