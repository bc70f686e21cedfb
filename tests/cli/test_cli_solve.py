"""``jazari-planner solve``: the shipped scenarios, the output files of docs/model.md §6,
overrides, and the rules that keep anything already written from being lost.

The commands run for real (subprocess, embedded data, HiGHS); the atomic-folder tests call
:func:`jazari_planner.export.outputs.output_directory` directly with a real exception mid-write.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from cli_support import SCENARIOS, leftovers, run_cli, write

from jazari_planner.export.output_folder import MANIFEST, output_directory

SHIPPED = sorted(p.name for p in SCENARIOS.glob("*.yaml"))


def test_the_library_holds_the_promised_scenarios() -> None:
    assert set(SHIPPED) >= {
        "baseline.yaml", "excellence.yaml", "cohesion.yaml", "tight-budget.yaml",
        "southern-energy-corridor.yaml", "own-indicators.yaml",
    }
    readme = (SCENARIOS / "README.md").read_text(encoding="utf-8")
    for name in SHIPPED:
        assert name in readme, f"{name} is not described in scenarios/README.md"


@pytest.mark.slow
@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_scenario_solves_optimal_with_one_command(tmp_path: Path, name: str) -> None:
    before = (SCENARIOS / name).read_bytes()
    done = run_cli("solve", SCENARIOS / name, "--out", tmp_path / "out")
    assert done.code == 0, done.err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal"
    assert (SCENARIOS / name).read_bytes() == before
    # standard output carries the result only; the solver's banner went to standard error
    assert done.out.strip().startswith("optimal:")


def test_outputs_follow_the_model_spec(tmp_path: Path) -> None:
    out = tmp_path / "baseline"
    done = run_cli("solve", SCENARIOS / "baseline.yaml", "--out", out, "--pptx")
    assert done.code == 0, done.err
    assert "solving 'Baseline'" in done.err and "optimal" in done.err
    files = {p.name for p in out.iterdir()}
    assert files == {"assignments.csv", "regions.csv", "strength.csv", "summary.json",
                     "map.html", "map.png", "deck.pptx", MANIFEST}

    assignments = pd.read_csv(out / "assignments.csv", dtype={"region_code": str})
    assert list(assignments.columns) == ["region_code", "region_name", "theme_id", "theme_label",
                                         "strength", "locked"]
    regions = pd.read_csv(out / "regions.csv", dtype={"region_code": str})
    assert list(regions.columns) == [
        "region_code", "region_name", "population", "specializations", "themes", "fit",
        "best_fit", "balance_score", "investment", "investment_per_capita", "need"]
    assert len(regions) == 12
    strength = pd.read_csv(out / "strength.csv", dtype={"region_code": str})
    assert list(strength.columns[:2]) == ["region_code", "region_name"]
    assert "sovereign_ai" in strength.columns and len(strength) == 12

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for key in ("scenario", "status", "objective", "gap", "solver", "solve_seconds", "metrics",
                "overrides"):
        assert key in summary
    assert set(summary["metrics"]) == {"gini", "theil", "mad", "coverage", "floor", "worst_mean",
                                       "mean_fit", "mean_balance_score", "total_investment"}
    assert "indicators" in json.dumps(summary["data"])
    # the announced institutes are locked in (baseline.yaml)
    locked = assignments[assignments["locked"].astype(str).str.lower() == "true"]
    assert {("04", "sovereign_ai"), ("12", "energy"), ("03", "industry")} <= set(
        zip(locked["region_code"], locked["theme_id"], strict=True))
    # Guelmim-Oued Noun and Oriental only carry the themes their announcements name
    assert set(assignments.loc[assignments["region_code"] == "10", "theme_id"]) <= {
        "agrifood", "energy", "health", "tourism", "fisheries"}
    assert set(assignments.loc[assignments["region_code"] == "02", "theme_id"]) <= {
        "agrifood", "tourism", "energy"}
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == files - {MANIFEST}


def test_overrides_change_the_run_and_are_recorded(tmp_path: Path) -> None:
    out = tmp_path / "what-if"
    done = run_cli("solve", SCENARIOS / "excellence.yaml", "--out", out,
                   "--set", "themes.tourism.max=1", "--set", "solver.time_limit=5",
                   "--set", "balance=0.8", "--set", "balance_focus=3")
    assert done.code == 0, done.err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["overrides"] == ["themes.tourism.max=1", "solver.time_limit=5", "balance=0.8",
                                    "balance_focus=3"]
    regions = pd.read_csv(out / "regions.csv")
    assert summary["metrics"]["worst_mean"] == pytest.approx(
        regions["fit"].nsmallest(3).mean(), abs=1e-9)
    with (out / "assignments.csv").open(encoding="utf-8") as handle:
        tourism = [row for row in csv.DictReader(handle) if row["theme_id"] == "tourism"]
    assert len(tourism) <= 1
    # the scenario file itself is untouched
    assert "tourism" not in (SCENARIOS / "excellence.yaml").read_text(encoding="utf-8")


def test_rerunning_into_its_own_output_replaces_it_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("solve", SCENARIOS / "excellence.yaml", "--out", out).code == 0
    first = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["written"]
    done = run_cli("solve", SCENARIOS / "tight-budget.yaml", "--out", out)
    assert done.code == 0, done.err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["scenario"] == "Tight budget"
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["written"] >= first
    assert leftovers(tmp_path) == ["out"]


def test_a_folder_with_other_files_needs_force_and_never_loses_inputs(tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "my-notes.txt").write_text("keep me\n", encoding="utf-8")
    done = run_cli("solve", SCENARIOS / "excellence.yaml", "--out", out)
    assert done.code == 2
    assert "did not write" in done.err and "my-notes.txt" in done.err and "--force" in done.err
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "keep me\n"
    assert leftovers(tmp_path) == ["notes"]

    done = run_cli("solve", SCENARIOS / "excellence.yaml", "--out", out, "--force")
    assert done.code == 0, done.err
    assert not (out / "my-notes.txt").exists() and (out / "summary.json").exists()

    # a folder holding the scenario file itself is refused even with --force
    scenario = write(tmp_path / "work", "name: Kept\n")
    done = run_cli("solve", scenario, "--out", tmp_path / "work", "--force")
    assert done.code == 2 and "input file" in done.err
    assert scenario.read_text(encoding="utf-8") == "name: Kept\n"


def test_an_output_file_edited_by_hand_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("solve", SCENARIOS / "excellence.yaml", "--out", out).code == 0
    with (out / "regions.csv").open("a", encoding="utf-8") as handle:
        handle.write("# my note\n")
    edited = (out / "regions.csv").read_bytes()
    done = run_cli("solve", SCENARIOS / "excellence.yaml", "--out", out)
    assert done.code == 2 and "regions.csv (edited)" in done.err
    assert (out / "regions.csv").read_bytes() == edited


def test_an_infeasible_run_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("solve", SCENARIOS / "excellence.yaml", "--out", out).code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = write(tmp_path / "in", "name: Bad\nregions:\n  default: {min: 1, max: 1}\n"
                "lock_in:\n  - {region: '01', theme: energy}\n  - {region: '01', theme: tourism}\n")
    done = run_cli("solve", bad, "--out", out)
    assert done.code == 3
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert leftovers(tmp_path) == ["in", "out"]


def test_an_exception_mid_write_keeps_the_previous_folder_and_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with output_directory(out) as folder:
        (folder / "a.csv").write_text("first\n", encoding="utf-8")
    with pytest.raises(RuntimeError), output_directory(out) as folder:
        (folder / "a.csv").write_text("second, half written\n", encoding="utf-8")
        raise RuntimeError("the map could not be drawn")
    assert (out / "a.csv").read_text(encoding="utf-8") == "first\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]

    fresh = tmp_path / "new" / "deeper" / "out"
    with pytest.raises(RuntimeError), output_directory(fresh):
        raise RuntimeError("interrupted")
    assert not (tmp_path / "new").exists()
    shutil.rmtree(out)
