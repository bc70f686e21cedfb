"""``jazari-planner frontier``: its files, its progress, and the output-folder safety of ``solve``.

The command runs for real (subprocess, embedded data, HiGHS).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from cli_support import SCENARIOS, leftovers, run_cli, write
from PIL import Image

import jazari_planner as jp
from jazari_planner.analysis.frontier import COLUMNS
from jazari_planner.export.output_folder import MANIFEST
from jazari_planner.results.tables import ASSIGNMENT_COLUMNS


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    out = tmp_path_factory.mktemp("frontier") / "out"
    done = run_cli("frontier", SCENARIOS / "tight-budget.yaml", "--out", out, "--points", "6")
    assert done.code == 0, done.err
    return out, done.out, done.err


def test_the_folder_holds_the_table_the_chart_every_points_assignments_and_a_summary(
        traced: tuple[Path, str, str]) -> None:
    out, stdout, _ = traced
    assert {p.name for p in out.iterdir()} == {"frontier.csv", "frontier.png", "assignments.csv",
                                                "summary.json", MANIFEST}
    expected = jp.frontier(jp.Scenario.from_yaml(SCENARIOS / "tight-budget.yaml"), points=6)
    table = pd.read_csv(out / "frontier.csv", keep_default_na=False)
    assert list(table.columns) == COLUMNS
    assert table["efficiency"].to_numpy() == pytest.approx(expected.table["efficiency"])
    assert table["balance"].to_numpy() == pytest.approx(expected.table["balance"])
    assert list(table["gained"]) == list(expected.table["gained"])
    assert list(table["knee"]) == list(expected.table["knee"])

    assignments = pd.read_csv(out / "assignments.csv", dtype={"region_code": str})
    assert list(assignments.columns) == ["point", *ASSIGNMENT_COLUMNS]
    assert sorted(set(assignments["point"])) == list(table["rank"])
    for rank, plan in zip(table["rank"], expected.plans, strict=True):
        mine = assignments.loc[assignments["point"] == rank]
        assert set(zip(mine["region_code"], mine["theme_id"], strict=True)) == set(
            zip(plan.assignments["region_code"], plan.assignments["theme_id"], strict=True))

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["scenario"] == "Tight budget" and summary["points"] == len(table)
    assert summary["knee"] == int(table.loc[table["knee"], "rank"].iloc[0])
    assert len(summary["levels"]) == 6 and summary["statuses"] == ["optimal"]
    with Image.open(out / "frontier.png") as image:
        assert image.size == (2000, 1125)
    assert stdout.strip() == f"{len(table)} points: Tight budget -> {out.resolve()}"


def test_progress_says_the_rate_and_the_time_left_on_standard_error(
        traced: tuple[Path, str, str]) -> None:
    _, _, stderr = traced
    assert "6 balance levels, 8 solves" in stderr
    assert "8/8 solves" in stderr and "per s" in stderr
    assert "the knee is point" in stderr


def test_a_frontier_without_a_knee_says_so_in_words(tmp_path: Path) -> None:
    # excellence.yaml: two points, both on the chord between them: none above it (§7 rev 3)
    out = tmp_path / "out"
    done = run_cli("frontier", SCENARIOS / "excellence.yaml", "--out", out, "--points", "11")
    assert done.code == 0, done.err
    assert "no knee" in done.err
    assert "every step towards balance costs at least as much as it gives" in done.err
    assert "the knee is point" not in done.err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["knee"] is None
    table = pd.read_csv(out / "frontier.csv", keep_default_na=False)
    assert not table["knee"].astype(bool).any()


def test_help_teaches_examples_and_exit_codes() -> None:
    done = run_cli("frontier", "--help")
    assert done.code == 0, done.err
    assert "examples:" in done.out and "exit codes:" in done.out and "--points" in done.out
    assert "frontier" in run_cli("--help").out


@pytest.mark.parametrize("points", ["1", "202", "many"])
def test_a_bad_number_of_points_exits_2_and_writes_nothing(tmp_path: Path, points: str) -> None:
    done = run_cli("frontier", SCENARIOS / "baseline.yaml", "--out", tmp_path / "out",
                   "--points", points)
    assert done.code == 2 and "--points" in done.err
    assert leftovers(tmp_path) == []


def test_an_infeasible_scenario_exits_3_and_keeps_the_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("frontier", SCENARIOS / "excellence.yaml", "--out", out, "--points",
                   "2").code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    done = run_cli("frontier", SCENARIOS / "excellence.yaml", "--out", out,
                   "--set", "budget=900")
    assert done.code == 3
    assert "infeasible" in done.err and "the budget is 900 MAD million" in done.err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert leftovers(tmp_path) == ["out"]


def test_overrides_are_applied_and_recorded(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli("frontier", SCENARIOS / "baseline.yaml", "--out", out, "--points", "3",
                   "--set", "balance_focus=1")
    assert done.code == 0, done.err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["overrides"] == ["balance_focus=1"]
    # the override reached the frontier: as many points as the library finds with it
    focused = jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml").model_copy(
        update={"balance_focus": 1})
    assert summary["points"] == len(jp.frontier(focused, points=3).table)


def test_a_folder_with_other_files_needs_force_and_inputs_are_never_replaced(
        tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "my-notes.txt").write_text("keep me\n", encoding="utf-8")
    done = run_cli("frontier", SCENARIOS / "excellence.yaml", "--out", out, "--points", "2")
    assert done.code == 2 and "my-notes.txt" in done.err and "--force" in done.err
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "keep me\n"

    scenario = write(tmp_path / "work", "name: Kept\n")
    done = run_cli("frontier", scenario, "--out", tmp_path / "work", "--force")
    assert done.code == 2 and "input file" in done.err
    assert scenario.read_text(encoding="utf-8") == "name: Kept\n"
