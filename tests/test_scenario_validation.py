"""Scenario values checked: unknown keys, wrong types and ranges named by line, key and fix.

Each test writes a real YAML file, so the line numbers are the parser's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import read_error, write_scenario

from jazari_planner.errors import InputError
from jazari_planner.scenario import Scenario

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


@pytest.mark.parametrize(("text", "line", "key", "words"), UNKNOWN_KEYS)
def test_unknown_keys_at_every_level_name_line_path_and_near_miss(
    tmp_path: Path, text: str, line: int, key: str, words: list[str]
) -> None:
    error = read_error(write_scenario(tmp_path, text))
    assert (error.line, error.key) == (line, key)
    for word in words:
        assert word in error.message


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ("name: T\nbalance: high\n", 2, "balance", ["expected a number", "'high'"]),
        ("name: T\nbalance: yes\n", 2, "balance", ["expected a number"]),
        ("name: T\nthemes:\n  energy: {max: three}\n", 3, "themes.energy.max", ["whole number"]),
        ("name: T\nregions:\n  default: {min: 1.5}\n", 3, "regions.default.min", ["whole number"]),
        ("name: T\nsolver: highs\n", 2, "solver", ["expected a mapping", "solver: {name"]),
        ("name: T\nlock_in: {region: '01'}\n", 2, "lock_in", ["expected a list"]),
        ("name: 2026\n", 1, "name", ["expected text"]),
        ("name: T\nnormalization: minimax\n", 2, "normalization", ["did you mean 'minmax'"]),
        ("name: T\nsolver: {name: gurobi}\n", 2, "solver.name", ["highs", "cbc"]),
    ],
)
def test_wrong_types_name_the_expected_type(
    tmp_path: Path, text: str, line: int, key: str, words: list[str]
) -> None:
    error = read_error(write_scenario(tmp_path, text))
    assert (error.line, error.key) == (line, key)
    for word in words:
        assert word in error.message


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ("name: T\nbalance: 1.5\n", 2, "balance", ["<= 1", "worst-served"]),
        ("name: T\nequity: -1\n", 2, "equity", [">= 0"]),
        ("name: T\nmin_strength: 2\n", 2, "min_strength", ["<= 1"]),
        ("name: T\nbudget: -5\n", 2, "budget", [">= 0"]),
        ("name: T\nsolver:\n  time_limit: 0\n", 3, "solver.time_limit", ["> 0"]),
        ("name: T\nweights: {economic: -1}\n", 2, "weights.economic", ["weights are >= 0"]),
        ("name: T\nregions:\n  '12': {min: 3, max: 1}\n", 3, "regions.12", ["larger than max"]),
    ],
)
def test_out_of_range_values_say_the_range(
    tmp_path: Path, text: str, line: int | None, key: str | None, words: list[str]
) -> None:
    error = read_error(write_scenario(tmp_path, text))
    if line is not None:
        assert (error.line, error.key) == (line, key)
    for word in words:
        assert word in error.message


def test_several_problems_are_listed_earliest_line_first(tmp_path: Path) -> None:
    error = read_error(write_scenario(tmp_path, "name: T\nbalance: 3\nequity: -1\nbalence: 1\n"))
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
