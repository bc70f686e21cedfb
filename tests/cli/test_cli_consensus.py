"""``jazari-planner consensus`` and ``stability``: their files, their progress, their errors.

The commands run for real (subprocess, embedded data, HiGHS).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from cli_support import SCENARIOS, leftovers, run_cli, write
from PIL import Image

import jazari_planner as jp
from jazari_planner.analysis.consensus import REGRET_COLUMNS
from jazari_planner.analysis.stability import PAIR_COLUMNS, TABLE_COLUMNS
from jazari_planner.export.output_folder import MANIFEST
from jazari_planner.results.tables import ASSIGNMENT_COLUMNS

PARTIES = """\
stakeholders:
  - {name: Ministry, weights: {economic: 1, academic: 1, infrastructure: 1}}
  - {name: Universities, weights: {economic: 1, academic: 3, infrastructure: 1}}
"""


@pytest.fixture(scope="module")
def agreed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    out = tmp_path_factory.mktemp("consensus") / "out"
    done = run_cli("consensus", SCENARIOS / "stakeholders.yaml", "--out", out)
    assert done.code == 0, done.err
    return out, done.out, done.err


def test_the_consensus_folder_holds_regrets_the_plan_each_partys_plan_and_a_map(
        agreed: tuple[Path, str, str]) -> None:
    out, stdout, stderr = agreed
    assert {p.name for p in out.iterdir()} == {
        "consensus.csv", "assignments.csv", "regions.csv", "strength.csv",
        "stakeholder_assignments.csv", "summary.json", "regret.png", "map.html", "map.png",
        MANIFEST}
    expected = jp.consensus(jp.Scenario.from_yaml(SCENARIOS / "stakeholders.yaml"))
    table = pd.read_csv(out / "consensus.csv", keep_default_na=False)
    assert list(table.columns) == REGRET_COLUMNS
    assert list(table["stakeholder"]) == ["Ministry", "Regional councils", "Universities"]
    assert table["regret"].to_numpy() == pytest.approx(expected.regret["regret"])
    plan = pd.read_csv(out / "assignments.csv", dtype={"region_code": str})
    assert set(zip(plan["region_code"], plan["theme_id"], strict=True)) == set(
        expected.plan.cells)
    own = pd.read_csv(out / "stakeholder_assignments.csv", dtype={"region_code": str})
    assert list(own.columns) == ["stakeholder", *ASSIGNMENT_COLUMNS]
    for name, party in expected.plans.items():
        mine = own.loc[own["stakeholder"] == name]
        assert set(zip(mine["region_code"], mine["theme_id"], strict=True)) == set(party.cells)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["max_regret"] == pytest.approx(expected.max_regret)
    assert summary["plan"]["status"] == "optimal"
    assert "Agreement" in (out / "map.html").read_text(encoding="utf-8")
    with Image.open(out / "regret.png") as image:
        assert image.size == (2000, 1125)
    assert "3 own plans, then 2 solves" in stderr and "5/5 solves" in stderr
    assert "per s" in stderr and "Universities: regret" in stderr
    assert stdout.strip().startswith("consensus: Stakeholders: largest regret")


def test_a_scenario_without_stakeholders_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    done = run_cli("consensus", SCENARIOS / "excellence.yaml", "--out", tmp_path / "out")
    assert done.code == 2 and "no stakeholders" in done.err and "fix:" in done.err
    assert leftovers(tmp_path) == []


def test_a_bad_stakeholder_exits_2_naming_its_line(tmp_path: Path) -> None:
    scenario = write(tmp_path, "name: Bad\n" + PARTIES.replace("Universities", "Ministry"))
    done = run_cli("consensus", scenario, "--out", tmp_path / "out")
    assert done.code == 2
    assert "scenario.yaml:4: stakeholders[1].name" in done.err and "own name" in done.err
    assert leftovers(tmp_path) == []


def test_an_infeasible_consensus_exits_3_and_keeps_the_previous_output(tmp_path: Path) -> None:
    scenario = write(tmp_path, "name: Two voices\n" + PARTIES)
    out = tmp_path / "out"
    assert run_cli("consensus", scenario, "--out", out).code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    done = run_cli("consensus", scenario, "--out", out, "--set", "budget=100")
    assert done.code == 3 and "infeasible" in done.err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_stability_writes_the_intervals_the_pairs_and_the_tornado(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli("stability", SCENARIOS / "baseline.yaml", "--out", out, "--tol", "0.05")
    assert done.code == 0, done.err
    assert {p.name for p in out.iterdir()} == {"stability.csv", "stability_pairs.csv",
                                                "assignments.csv", "summary.json",
                                                "tornado.png", MANIFEST}
    table = pd.read_csv(out / "stability.csv", keep_default_na=False)
    assert list(table.columns) == TABLE_COLUMNS
    expected = jp.stability(jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml"), tol=0.05)
    assert table["lo"].to_numpy() == pytest.approx(expected.table["lo"])
    assert table["hi"].to_numpy() == pytest.approx(expected.table["hi"])
    pairs = pd.read_csv(out / "stability_pairs.csv", keep_default_na=False)
    assert list(pairs.columns) == PAIR_COLUMNS
    assert "10/10 ends" in done.err and "the plan holds from" in done.err
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["tol"] == 0.05


@pytest.mark.parametrize("tol", ["0", "0.9", "x"])
def test_a_bad_tolerance_exits_2_and_writes_nothing(tmp_path: Path, tol: str) -> None:
    done = run_cli("stability", SCENARIOS / "baseline.yaml", "--out", tmp_path / "out",
                   "--tol", tol)
    assert done.code == 2 and "tol" in done.err
    assert leftovers(tmp_path) == []


def test_help_teaches_both_commands() -> None:
    for command in ("consensus", "stability"):
        done = run_cli(command, "--help")
        assert done.code == 0 and "examples:" in done.out and "exit codes:" in done.out
    top = run_cli("--help").out
    assert "consensus" in top and "stability" in top
