"""Every kind of bad input, through the real command: one clear message, exit 2, nothing written.

Each case writes a scenario (and, where needed, a data file) into a temporary folder and runs
``python -m jazari_planner solve SCENARIO --out OUT`` there. It checks the exit code, that
standard error names the file, the line and the key with a fix, that no traceback appears,
and that neither ``OUT`` nor a staging folder was left behind.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from cli_support import leftovers, run_cli, write

CASES: dict[str, tuple[str, list[str]]] = {
    # name: (scenario text, words the message must hold)
    "yaml syntax": ("name: T\nbalance: [0.3\nequity: 1\n",
                    ["scenario.yaml:3", "YAML syntax error", "starts on line 2", "fix:"]),
    "bad indentation": ("name: T\n  balance: 0.3\n", ["scenario.yaml:2", "YAML syntax error"]),
    "duplicate key": ("name: T\nbalance: 0.1\nbalance: 0.2\n",
                      ["scenario.yaml:3", "balance", "appears twice", "first on line 2"]),
    "empty file": ("", ["scenario.yaml", "the file is empty", "name: My scenario"]),
    "top-level list": ("- name: T\n", ["scenario.yaml:1", "expected a mapping", "got a list"]),
    "unknown top key": ("name: T\nbalence: 0.5\n",
                        ["scenario.yaml:2", "balence", "did you mean `balance`?"]),
    "unknown nested key": ("name: T\nthemes:\n  energy:\n    mx: 3\n",
                           ["scenario.yaml:4", "themes.energy.mx", "did you mean `max`?"]),
    "unknown lock key": ("name: T\nlock_in:\n  - {region: '12', theme: energy, note: x}\n",
                         ["scenario.yaml:3", "lock_in[0].note",
                          "allowed keys here: region, theme"]),
    "wrong type": ("name: T\nthemes:\n  energy: {max: three}\n",
                   ["scenario.yaml:3", "themes.energy.max", "expected a whole number", "'three'"]),
    "wrong shape": ("name: T\nsolver: highs\n",
                    ["scenario.yaml:2", "solver", "expected a mapping", "solver: {name"]),
    "out of range": ("name: T\nbalance: 1.5\n",
                     ["scenario.yaml:2", "balance", "<= 1", "worst-served"]),
    "focus below 1": ("name: T\nbalance_focus: 0\n",
                      ["scenario.yaml:2", "balance_focus", ">= 1", "from 1 to the number"]),
    "focus above the served regions": (
        "name: T\nregions:\n  Oriental: {min: 0, max: 2}\nbalance_focus: 12\n",
        ["scenario.yaml:4", "balance_focus", "from 1 to 11", "worst-served region alone"]),
    "missing name": ("balance: 0.3\n", ["scenario.yaml:1", "required key `name` is missing"]),
    "unknown region": ("name: T\nlock_in:\n  - {region: Fes-Meknes, theme: energy}\n"
                       "  - {region: Souss-Masa, theme: tourism}\n",
                       ["scenario.yaml:4", "lock_in[1].region", "unknown region 'Souss-Masa'",
                        "did you mean 'Souss-Massa'"]),
    "unknown theme": ("name: T\nthemes:\n  energie: {max: 2}\n",
                      ["scenario.yaml:3", "themes.energie", "unknown theme",
                       "did you mean 'energy'"]),
    "unknown indicator": ("name: T\nneed:\n  unemployment: 1\n",
                          ["scenario.yaml:3", "need.unemployment", "unknown indicator",
                           "did you mean 'unemployment_rate'"]),
    "unknown region key": ("name: T\nregions:\n  Orientale: {max: 1}\n",
                           ["scenario.yaml:3", "regions.Orientale", "did you mean 'Oriental'"]),
    "duplicate lock": ("name: T\nlock_out:\n  - {region: '02', theme: mining}\n"
                       "  - {region: Oriental, theme: mining}\n",
                       ["scenario.yaml:4", "lock_out[1]", "duplicate lock", "remove one"]),
    "data path missing": ("name: T\ndata:\n  indicators: data/indicator.csv\n",
                          ["scenario.yaml:3", "data.indicators", "does not exist",
                           "relative to the scenario file"]),
    "data path is a directory": ("name: T\ndata:\n  indicators: data\n",
                                 ["scenario.yaml:3", "data.indicators", "is a directory"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_scenario_exits_2_with_one_clear_message_and_writes_nothing(
    tmp_path: Path, case: str
) -> None:
    text, words = CASES[case]
    (tmp_path / "data").mkdir()
    scenario = write(tmp_path, text)
    before = scenario.read_bytes()
    done = run_cli("solve", scenario.name, "--out", "out", cwd=tmp_path)
    assert done.code == 2, done.err
    assert "Traceback" not in done.err
    assert done.err.startswith("error: ")
    for word in words:
        assert word in done.err, f"{word!r} not in:\n{done.err}"
    assert leftovers(tmp_path) == ["data"]
    assert scenario.read_bytes() == before


def test_validate_reports_every_bad_file_and_accepts_the_good_ones(tmp_path: Path) -> None:
    write(tmp_path, "name: Good\n", "a.yaml")
    write(tmp_path, "name: T\nbalence: 1\n", "b.yaml")
    write(tmp_path, "", "c.yaml")
    done = run_cli("validate", "*.yaml", cwd=tmp_path)
    assert done.code == 2
    assert "ok  a.yaml  (Good)" in done.out
    assert "b.yaml:2" in done.err and "c.yaml" in done.err and "empty" in done.err
    assert "Traceback" not in done.err


def test_a_missing_scenario_file_or_pattern(tmp_path: Path) -> None:
    write(tmp_path, "name: T\n", "baseline.yaml")
    done = run_cli("solve", "baselin.yaml", "--out", "out", cwd=tmp_path)
    assert done.code == 2 and "no such file" in done.err and "baseline.yaml" in done.err
    done = run_cli("compare", "nothing/*.yaml", "--out", "out", cwd=tmp_path)
    assert done.code == 2 and "no file matches" in done.err
    assert leftovers(tmp_path) == []


def test_a_bad_override_names_the_override(tmp_path: Path) -> None:
    write(tmp_path, "name: T\n")
    done = run_cli("solve", "scenario.yaml", "--out", "out", "--set", "balence=0.8", cwd=tmp_path)
    assert done.code == 2
    assert "--set balence=0.8" in done.err and "did you mean `balance`?" in done.err
    done = run_cli("solve", "scenario.yaml", "--out", "out", "--set", "themes.energie.max=3",
                   cwd=tmp_path)
    assert done.code == 2 and "did you mean 'energy'" in done.err
    assert leftovers(tmp_path) == []


def embedded_indicator_rows() -> list[dict[str, str]]:
    from jazari_planner.data.loading import load_dataset

    table = load_dataset().indicators
    return [{k: str(v) for k, v in row.items()} for row in table.to_dict("records")]


def test_a_malformed_indicators_csv_is_named_with_its_row(tmp_path: Path) -> None:
    rows = embedded_indicator_rows()
    rows[5]["value"] = "not a number"
    (tmp_path / "data").mkdir()
    with (tmp_path / "data" / "indicators.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    write(tmp_path, "name: T\ndata:\n  indicators: data/indicators.csv\n")
    done = run_cli("solve", "scenario.yaml", "--out", "out", cwd=tmp_path)
    assert done.code == 2, done.err
    assert "Traceback" not in done.err
    assert "indicators.csv" in done.err and "not a number" in done.err
    assert leftovers(tmp_path) == ["data"]


def test_an_infeasible_scenario_exits_3_with_the_colliding_rules(tmp_path: Path) -> None:
    write(tmp_path, """
        name: Three locks, room for two
        lock_in:
          - {region: Oriental, theme: energy}
          - {region: Oriental, theme: tourism}
          - {region: Oriental, theme: agrifood}
    """)
    done = run_cli("solve", "scenario.yaml", "--out", "out", cwd=tmp_path)
    assert done.code == 3, done.err
    assert "Traceback" not in done.err
    assert "infeasible" in done.err and "colliding rules" in done.err
    assert "Oriental" in done.err
    assert leftovers(tmp_path) == []
