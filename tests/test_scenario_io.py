"""Scenario files in and out: line numbers, key paths, suggestions, round trips, name checks.

Each test writes a real YAML file and reads it with the real parser; the dataset checks use
the deterministic synthetic dataset (regions "01"… named "Region 01"…, themes "theme_01"…).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jazari_planner.errors import InputError
from jazari_planner.scenario import Scenario
from jazari_planner.scenario_io import apply_override, check_against, data_paths
from jazari_planner.synthetic import synthetic_dataset

DATA = synthetic_dataset(n_regions=4, n_themes=3)


def write(folder: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def error_of(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(path)
    return caught.value


def test_a_valid_file_reads_with_its_values_and_remembers_its_path(tmp_path: Path) -> None:
    path = write(tmp_path, """
        name: Test
        balance: 0.8
        themes:
          energy: {max: 3}
        lock_in:
          - {region: 12, theme: energy}
        regions:
          4: {min: 0, max: 1}
    """)
    before = path.read_bytes()
    scenario = Scenario.from_yaml(path)
    assert scenario.balance == 0.8
    assert scenario.themes["energy"].max == 3
    # unquoted region codes read by YAML as numbers become their two-digit codes
    assert scenario.lock_in[0].region == "12"
    assert set(scenario.regions) == {"04"}
    assert scenario.path == path.resolve()
    assert path.read_bytes() == before


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
    error = error_of(write(tmp_path, text))
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
    error = error_of(write(tmp_path, text))
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
    error = error_of(write(tmp_path, text))
    if line is not None:
        assert (error.line, error.key) == (line, key)
    for word in words:
        assert word in error.message


def test_several_problems_are_listed_earliest_line_first(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "name: T\nbalance: 3\nequity: -1\nbalence: 1\n"))
    assert error.line == 2
    assert "also equity (line 3)" in error.message
    assert "also balence (line 4)" in error.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("name: T\nbalance: [0.3\n", 3, ["YAML syntax error"]),
        ("name: T\n  balance: 0.3\n", 2, ["YAML syntax error"]),
        ("name: T\nname: U\n", 2, ["appears twice", "first on line 1"]),
        ("", None, ["empty"]),
        ("# only a comment\n", None, ["empty"]),
        ("- name: T\n- name: U\n", 1, ["expected a mapping", "got a list"]),
        ("just text\n", 1, ["expected a mapping", "got text"]),
        ("balance: 0.3\n", 1, ["required key `name` is missing"]),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, line: int | None, words: list[str]) -> None:
    error = error_of(write(tmp_path, text))
    assert error.source == str(tmp_path / "scenario.yaml")
    assert error.line == line
    for word in words:
        assert word in error.message


def test_missing_file_and_directory_and_non_utf8(tmp_path: Path) -> None:
    write(tmp_path, "name: T\n", name="baseline.yaml")
    missing = error_of(tmp_path / "baselin.yaml")
    assert "no such file" in missing.message and "baseline.yaml" in missing.message
    assert "is a directory" in error_of(tmp_path).message
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: T\ndescription: F\xe8s\n".encode("latin-1"))
    error = error_of(latin)
    assert "not UTF-8" in error.message and error.line == 2


def test_from_dict_names_its_source_and_rejects_non_mappings() -> None:
    with pytest.raises(InputError) as caught:
        Scenario.from_dict({"name": "T", "balence": 1}, source="web form")
    assert caught.value.source == "web form" and "did you mean `balance`" in caught.value.message
    with pytest.raises(InputError, match="expected a mapping"):
        Scenario.from_dict(["name"])
    assert Scenario.from_dict({"name": "T", "balance": 0.1}).balance == 0.1


def test_round_trip_through_yaml_gives_an_equal_scenario(tmp_path: Path) -> None:
    original = Scenario.from_yaml(write(tmp_path, """
        name: Round trip — Fès
        description: "accents, colons: and quotes ' kept"
        weights: {economic: 0.5, academic: 0.3}
        need: {unemployment_rate: 1, gdp_per_capita: -1}
        normalization: rank
        balance: 0.25
        equity: 0.5
        budget: 1500
        min_strength: 0.1
        regions:
          default: {min: 0, max: 3}
          "12": {min: 1, max: 1}
        themes:
          energy: {min: 1, max: 3, cost: 180.5}
        lock_in: [{region: "12", theme: energy}]
        lock_out: [{region: Oriental, theme: fisheries}]
        solver: {name: cbc, time_limit: null, mip_gap: 0.01}
    """))
    text = original.to_yaml()
    again = Scenario.from_yaml(write(tmp_path, text, name="again.yaml"))
    assert again.model_dump() == original.model_dump()
    # writing to a file gives the same text, and the defaults are left out
    assert original.to_yaml(tmp_path / "written.yaml") == text
    assert (tmp_path / "written.yaml").read_text(encoding="utf-8") == text
    assert "lock_out" in text and "description" in text
    assert Scenario(name="Minimal").to_yaml() == "name: Minimal\n"


@settings(max_examples=40, deadline=None)
@given(
    balance=st.floats(0, 1),
    equity=st.floats(0, 10),
    budget=st.none() | st.floats(0, 1e5),
    max_per_region=st.integers(1, 5),
    name=st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != ""),
)
def test_round_trip_for_any_values(balance: float, equity: float, budget: float | None,
                                   max_per_region: int, name: str) -> None:
    scenario = Scenario.model_validate({
        "name": name, "balance": balance, "equity": equity, "budget": budget,
        "regions": {"default": {"min": 1, "max": max_per_region}},
    })
    again = Scenario.from_dict(__import__("yaml").safe_load(scenario.to_yaml()))
    assert again.model_dump() == scenario.model_dump()


def test_to_yaml_rebases_relative_data_paths(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "values.csv").write_text("x\n", encoding="utf-8")
    scenario = Scenario.from_yaml(write(tmp_path, "name: T\ndata: {indicators: data/values.csv}\n"))
    (tmp_path / "elsewhere").mkdir()
    moved = tmp_path / "elsewhere" / "copy.yaml"
    scenario.to_yaml(moved)
    assert data_paths(Scenario.from_yaml(moved)) == data_paths(scenario)


def test_data_paths_resolve_against_the_file_and_must_be_files(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "indicators.csv").write_text("x\n", encoding="utf-8")
    text = "name: T\ndata:\n  indicators: data/indicators.csv\n"
    good = Scenario.from_yaml(write(tmp_path, text))
    assert data_paths(good) == {"indicators": (tmp_path / "data" / "indicators.csv").resolve()}

    folder = Scenario.from_yaml(write(tmp_path, "name: T\ndata:\n  indicators: data\n", "d.yaml"))
    with pytest.raises(InputError) as caught:
        data_paths(folder)
    assert caught.value.line == 3 and caught.value.key == "data.indicators"
    assert "is a directory" in caught.value.message

    text = "name: T\ndata:\n  indicators: data/indicator.csv\n"
    typo = Scenario.from_yaml(write(tmp_path, text, "t.yaml"))
    with pytest.raises(InputError) as caught:
        data_paths(typo)
    assert "does not exist" in caught.value.message and "indicators.csv" in caught.value.message


def check(tmp_path: Path, text: str) -> InputError:
    scenario = Scenario.from_yaml(write(tmp_path, text))
    with pytest.raises(InputError) as caught:
        check_against(scenario, DATA)
    return caught.value


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ("name: T\nlock_in:\n  - {region: Region 7, theme: theme_01}\n", 3, "lock_in[0].region",
         ["unknown region 'Region 7'"]),
        ("name: T\nlock_out:\n  - {region: '01', theme: theme_1}\n", 3, "lock_out[0].theme",
         ["unknown theme 'theme_1'", "did you mean 'theme_01'"]),
        ("name: T\nthemes:\n  theme_04: {max: 1}\n", 3, "themes.theme_04", ["unknown theme"]),
        ("name: T\nregions:\n  Regoin 02: {max: 1}\n", 3, "regions.Regoin 02",
         ["did you mean 'Region 02'"]),
        ("name: T\nregions:\n  '02': {max: 1}\n  region 02: {max: 2}\n", 4, "regions.region 02",
         ["already given bounds"]),
        ("name: T\nneed:\n  ind_99: 1\n", 3, "need.ind_99", ["unknown indicator"]),
        ("name: T\nlock_in:\n  - {region: '01', theme: theme_01}\n"
         "  - {region: Region 01, theme: theme_01}\n",
         4, "lock_in[1]", ["duplicate lock", "lock_in[0] (line 3)"]),
    ],
)
def test_names_are_checked_against_the_dataset(
    tmp_path: Path, text: str, line: int, key: str, words: list[str]
) -> None:
    error = check(tmp_path, text)
    assert (error.line, error.key) == (line, key)
    assert error.source == str((tmp_path / "scenario.yaml").resolve())
    for word in words:
        assert word in error.message


def test_valid_names_pass_the_dataset_check(tmp_path: Path) -> None:
    need = str(DATA.catalogue.index[-1])
    scenario = Scenario.from_yaml(write(tmp_path, f"""
        name: T
        need: {{{need}: 1}}
        regions: {{default: {{max: 2}}, 3: {{max: 1}}, region 04: {{min: 0}}}}
        themes: {{theme_02: {{max: 2}}}}
        lock_in: [{{region: 1, theme: theme_01}}]
        lock_out: [{{region: 1, theme: theme_02}}]
    """))
    check_against(scenario, DATA)


def test_overrides_apply_and_errors_name_the_override() -> None:
    base = Scenario(name="T")
    changed = apply_override(base, "themes.energy.max=3")
    changed = apply_override(changed, "solver.time_limit=5")
    changed = apply_override(changed, "budget=null")
    assert changed.themes["energy"].max == 3 and changed.solver.time_limit == 5.0
    assert changed.budget is None
    with pytest.raises(InputError) as caught:
        apply_override(base, "balence=0.8")
    assert caught.value.source == "--set balence=0.8"
    assert "did you mean `balance`" in caught.value.message
    with pytest.raises(InputError, match="<= 1"):
        apply_override(base, "balance=2")
    with pytest.raises(InputError, match=r"KEY\.PATH=VALUE"):
        apply_override(base, "balance")
    with pytest.raises(InputError, match="single value"):
        apply_override(base, "balance.x=1")
