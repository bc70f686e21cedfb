"""The data stakes (docs/model.md §13): against brute-force re-solves of a small synthetic
instance, the table's shape and order, and ``jazari-planner stakes``."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from cli_support import SCENARIOS, leftovers, run_cli, write

import jazari_planner as jp
from jazari_planner.analysis.stakes import COLUMNS, HALF_WIDTH
from jazari_planner.testing import checker
from jazari_planner.testing.synthetic import synthetic_dataset


def with_value(data: jp.Dataset, code: str, indicator: str, value: float) -> jp.Dataset:
    """``data`` with one value changed."""
    table = data.indicators.copy()
    at = (table["region_code"] == code) & (table["indicator"] == indicator)
    table.loc[at, "value"] = value
    return dataclasses.replace(data, indicators=table)


def brute_force_stake(scenario: jp.Scenario, data: jp.Dataset, today: list[tuple[str, str]],
                      code: str, indicator: str, value: float, h: float) -> float:
    """§13 by the book: a fresh solve at each end, today's plan scored by the checker."""
    stakes = [0.0]
    for figure in (value * (1 - h), value * (1 + h)):
        end = with_value(data, code, indicator, figure)
        best = jp.solve(scenario, end)
        assert best.status == "optimal"
        rules = checker.resolve_rules(end, scenario)
        z, kept = rules.objective(best.cells), rules.objective(today)
        stakes.append(100 * (z - kept) / abs(z))
    return max(stakes)


@pytest.mark.parametrize(("seed", "aggregation"), [(1, "gated"), (3, "additive"),
                                                   (7, "gated")])
def test_every_stake_matches_brute_force_re_solves(seed: int, aggregation: str) -> None:
    data = synthetic_dataset(n_regions=5, n_themes=4, n_indicators=8, seed=seed,
                             sectors=True, confidence=True)
    scenario = jp.Scenario(name="x", aggregation=aggregation, balance=0.5,
                           need={"need_04": 1.0})
    result = jp.data_stakes(scenario, data)
    plan = jp.solve(scenario, data)
    assert result.plan.cells == plan.cells
    uncertain = data.confidence().stack()
    assert len(result.table) == int((uncertain != "exact").sum())
    assert len(result.worth_measuring) > 0
    assert result.screened > 0 or seed == 1  # the bound settles ends, and soundly (below)
    for row in result.table.itertuples():
        expected = brute_force_stake(scenario, data, plan.cells, row.region_code,
                                     row.indicator, row.value, HALF_WIDTH[row.confidence])
        assert row.stake == pytest.approx(max(expected, 0.0), abs=1e-6), row
        assert (row.stake > 0) == bool(row.gained or row.lost) == bool(row.end)


def test_the_table_is_sorted_and_described() -> None:
    data = synthetic_dataset(n_regions=5, n_themes=4, n_indicators=8, seed=2, sectors=True,
                             confidence=True)
    progress: list[tuple[int, int]] = []
    result = jp.data_stakes(jp.Scenario(name="x"), data,
                            progress=lambda done, total: progress.append((done, total)))
    table = result.table
    assert list(table.columns) == COLUMNS
    assert table["stake"].is_monotonic_decreasing and (table["stake"] >= 0).all()
    assert (table["confidence"] != "exact").all()
    widths = table["confidence"].map(HALF_WIDTH)
    low = np.minimum(table["value"] * (1 - widths), table["value"] * (1 + widths))
    assert np.allclose(table["lo"], low) and (table["lo"] <= table["hi"]).all()
    assert progress[-1] == (len(table), len(table))
    assert result.summary()["uncertain_values"] == len(table)
    assert "DataStakes('x'" in repr(result)
    figure = result.plot()
    assert figure.axes  # the bars


def test_values_that_cannot_change_anything_cost_no_solve() -> None:
    data = synthetic_dataset(n_regions=4, n_themes=3, n_indicators=8, seed=4, confidence=True)
    table = data.indicators.copy()
    table["confidence"] = "exact"
    need = table["indicator"].str.startswith("need")
    table.loc[need, "confidence"] = "gap"  # need values no scenario here weighs
    result = jp.data_stakes(jp.Scenario(name="x"), dataclasses.replace(data, indicators=table))
    assert len(result.table) == int(need.sum()) and result.solves == 0
    assert (result.table["stake"] == 0).all()


def test_an_infeasible_scenario_has_no_stakes() -> None:
    data = synthetic_dataset(n_regions=4, n_themes=3, seed=1, confidence=True)
    scenario = jp.Scenario(name="x", budget=0)
    with pytest.raises(jp.InfeasibleError):
        jp.data_stakes(scenario, data)


def test_stakes_writes_its_files_with_progress(tmp_path: Path) -> None:
    out = tmp_path / "stakes"
    done = run_cli("stakes", SCENARIOS / "baseline.yaml", "--out", out)
    assert done.code == 0, done.err
    assert sorted(p.name for p in out.iterdir()) == [
        ".jazari-planner.json", "stakes.csv", "stakes.png", "summary.json"]
    table = pd.read_csv(out / "stakes.csv", dtype={"region_code": str}, keep_default_na=False)
    assert list(table.columns) == COLUMNS and len(table) > 0
    assert table["stake"].astype(float).is_monotonic_decreasing
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["uncertain_values"] == len(table)
    assert summary["plan"]["status"] == "optimal"
    assert "values ·" in done.err and "per s" in done.err and "left" in done.err
    assert done.out.startswith("stakes: Baseline:")


def test_stakes_bad_input_is_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    scenario = write(tmp_path, "name: s\naggregation: multiplied\n")
    done = run_cli("stakes", scenario, "--out", tmp_path / "out")
    assert done.code == 2 and "aggregation" in done.err and "fix:" in done.err
    done = run_cli("stakes", SCENARIOS / "baseline.yaml", "--out", tmp_path / "out",
                   "--set", "aggregation=nope")
    assert done.code == 2 and "--set aggregation=nope" in done.err
    assert leftovers(tmp_path) == []


def test_stakes_of_an_infeasible_scenario_is_exit_3(tmp_path: Path) -> None:
    done = run_cli("stakes", SCENARIOS / "baseline.yaml", "--out", tmp_path / "out",
                   "--set", "budget=0")
    assert done.code == 3 and "infeasible" in done.err
    assert leftovers(tmp_path) == []


def test_the_command_line_overrides_the_aggregation(tmp_path: Path) -> None:
    out = tmp_path / "solve"
    done = run_cli("solve", SCENARIOS / "baseline.yaml", "--out", out, "-q",
                   "--set", "aggregation=additive")
    assert done.code == 0, done.err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "aggregation=additive" in json.dumps(summary)
