"""``jazari-planner scenarios``: list the shipped scenarios, copy them out, never clobber.

The shipped folder is the repository's ``scenarios/`` here (a source checkout); the wheel
test in ``test_packaging.py`` runs the same command from an installed wheel.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import jazari_planner as jp
from jazari_planner import cli
from jazari_planner.scenario.shipped import copy_scenarios, shipped_scenarios

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SHIPPED = sorted(p.name for p in SCENARIOS.glob("*.yaml"))


def test_the_list_names_every_shipped_scenario_with_its_description(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["scenarios"]) == 0
    out = capsys.readouterr().out
    for item in shipped_scenarios():
        assert item.path.name in out and item.name in out
        assert item.description.split()[0] in out
    assert [item.path.name for item in shipped_scenarios()] == SHIPPED
    assert "--copy DIR" in out


def test_a_copy_holds_the_scenarios_and_their_data_and_solves(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["scenarios", "--copy", str(tmp_path / "mine")]) == 0
    copied = tmp_path / "mine"
    for name in [*SHIPPED, "README.md", "data/indicators-example.csv"]:
        assert (copied / name).read_bytes() == (SCENARIOS / name).read_bytes(), name
    assert "copied" in capsys.readouterr().out
    plan = jp.solve(jp.Scenario.from_yaml(copied / "own-indicators.yaml"))
    assert plan.status == "optimal"
    assert plan.dataset.provenance["indicators"]["path"] == str(
        (copied / "data" / "indicators-example.csv").resolve())


def test_a_second_copy_replaces_nothing_without_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_scenarios(tmp_path)
    edited = tmp_path / "baseline.yaml"
    edited.write_text("name: My own baseline\n", encoding="utf-8")
    assert cli.main(["scenarios", "--copy", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "would be replaced" in err and "--force" in err
    assert edited.read_text(encoding="utf-8") == "name: My own baseline\n"


def test_force_replaces_the_shipped_names_only(tmp_path: Path) -> None:
    copy_scenarios(tmp_path)
    (tmp_path / "baseline.yaml").write_text("name: edited\n", encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text("name: Mine\n", encoding="utf-8")
    assert cli.main(["scenarios", "--copy", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "baseline.yaml").read_bytes() == (SCENARIOS / "baseline.yaml").read_bytes()
    assert mine.read_text(encoding="utf-8") == "name: Mine\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("case", ["a file", "the shipped folder", "force without copy"])
def test_wrong_destinations_are_input_errors(tmp_path: Path, case: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("keep me", encoding="utf-8")
    argv = {"a file": ["--copy", str(file)],
            "the shipped folder": ["--copy", str(SCENARIOS), "--force"],
            "force without copy": ["--force"]}[case]
    assert cli.main(["scenarios", *argv]) == 2
    assert "fix:" in capsys.readouterr().err
    assert file.read_text(encoding="utf-8") == "keep me"
