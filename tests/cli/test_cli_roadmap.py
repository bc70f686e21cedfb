"""``jazari-planner`` on a roadmap: its tables and pictures, and an infeasible one explained.

The commands run for real (subprocess, embedded data, HiGHS).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from cli_support import SCENARIOS, leftovers, run_cli, write

from jazari_planner.results.schedule import BY_YEAR_COLUMNS, SCHEDULE_COLUMNS

TIGHT_2026 = """
    name: Two announcements, one small year
    phasing:
      years: [2025, 2030]
      budget_per_year: {2025: 450, 2026: 300, 2027: 450, 2028: 450, 2029: 450, 2030: 450}
      opened:
        - {region: Rabat-Salé-Kénitra, theme: sovereign_ai, year: 2026}
        - {region: Fès-Meknès, theme: industry, year: 2026}
"""


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_solving_a_roadmap_writes_its_schedule_by_year_and_pictures(tmp_path: Path) -> None:
    done = run_cli("solve", SCENARIOS / "roadmap-2030.yaml", "--out", tmp_path / "out")
    assert done.code == 0, done.err
    out = tmp_path / "out"
    for name in ("schedule.csv", "by_year.csv", "timeline.png", "roadmap.png", "map.png",
                 "assignments.csv", "summary.json"):
        assert (out / name).is_file(), name
    schedule = rows(out / "schedule.csv")
    assert list(schedule[0]) == SCHEDULE_COLUMNS
    assert {r["region_code"] for r in schedule} == {f"{i:02d}" for i in range(1, 13)}
    dakhla = [r for r in schedule if r["region_code"] == "12" and r["theme_id"] == "energy"]
    assert dakhla and dakhla[0]["year"] == "2025" and float(dakhla[0]["cost"]) == 160
    by_year = rows(out / "by_year.csv")
    assert list(by_year[0]) == BY_YEAR_COLUMNS
    assert [r["year"] for r in by_year] == [str(y) for y in range(2025, 2031)]
    assert all(float(r["spending"]) <= float(r["budget"]) for r in by_year)
    assert "drawing timeline.png" in done.err


def test_a_plan_without_phasing_writes_no_roadmap_files(tmp_path: Path) -> None:
    done = run_cli("solve", write(tmp_path, "name: Plain\n"), "--out", tmp_path / "out", "-q")
    assert done.code == 0, done.err
    assert not (tmp_path / "out" / "schedule.csv").exists()
    assert not (tmp_path / "out" / "timeline.png").exists()


def test_an_infeasible_roadmap_says_why_and_the_least_budget_that_works(tmp_path: Path) -> None:
    done = run_cli("solve", write(tmp_path, TIGHT_2026), "--out", tmp_path / "out", "-q")
    assert done.code == 3, done.err
    assert "Traceback" not in done.err
    assert ("The 2026 budget (300 MAD million) cannot open the 2 institutes announced for that "
            "year, which cost 330 MAD million") in done.err
    assert "Public administration and sovereign AI (Rabat-Salé-Kénitra, 180)" in done.err
    assert "fix: raise the 2026 budget to 330 MAD million" in done.err
    assert "sovereign_ai" not in done.err.split("infeasible", 1)[1]  # labels, not ids
    assert leftovers(tmp_path) == []


def test_a_bad_roadmap_is_refused_before_solving_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, """
        name: Bad years
        phasing:
          years: [2025, 2030]
          first_institute_by: 2032
    """)
    done = run_cli("validate", path)
    assert done.code == 2
    assert f"{path}:4: phasing.first_institute_by" in done.err
    assert "fix: choose a year from 2025 to 2030" in done.err


# --------------------------------------------------------------------------- the analyses


def yearly_rules_hold(schedule: list[dict[str, str]], plan_column: str) -> None:
    """Each plan's schedule in ``schedule`` keeps roadmap-2030's yearly budget and cap."""
    spending: dict[tuple[str, str], float] = {}
    openings: dict[tuple[str, str], int] = {}
    for row in schedule:
        key = (row[plan_column], row["year"])
        spending[key] = spending.get(key, 0.0) + float(row["cost"])
        openings[key] = openings.get(key, 0) + 1
    assert max(spending.values()) <= 450 and max(openings.values()) <= 4


def test_the_frontier_of_a_roadmap_writes_each_points_schedule(tmp_path: Path) -> None:
    out = tmp_path / "frontier"
    done = run_cli("frontier", SCENARIOS / "roadmap-2030.yaml", "--out", out, "--points", "3")
    assert done.code == 0, done.err
    schedule = rows(out / "schedule.csv")
    assert list(schedule[0]) == ["point", *SCHEDULE_COLUMNS]
    points = {r["rank"] for r in rows(out / "frontier.csv")}
    assert {r["point"] for r in schedule} == points and len(points) >= 2
    assignments = rows(out / "assignments.csv")
    assert ({(r["point"], r["region_code"], r["theme_id"]) for r in schedule}
            == {(r["point"], r["region_code"], r["theme_id"]) for r in assignments})
    yearly_rules_hold(schedule, "point")


def test_the_alternatives_of_a_roadmap_are_roadmaps_too(tmp_path: Path) -> None:
    out = tmp_path / "alternatives"
    done = run_cli("alternatives", SCENARIOS / "roadmap-2030.yaml", "--out", out, "-n", "1")
    assert done.code == 0, done.err
    assert "re-solves" in done.err and "per s" in done.err  # the pricing's pace
    table = rows(out / "alternatives.csv")
    assert [r["alternative"] for r in table] == ["plan", "alternative 1"]
    assert 0 <= float(table[1]["shortfall_percent"]) <= 2
    schedule = rows(out / "schedule.csv")
    assert list(schedule[0]) == ["alternative", *SCHEDULE_COLUMNS]
    assert {r["alternative"] for r in schedule} == {"plan", "alternative 1"}
    yearly_rules_hold(schedule, "alternative")
    costs = {(r["region_code"], r["theme_id"]): r for r in rows(out / "replacement_cost.csv")}
    # announced (opened in January 2026): locked, priced by its lock, not irreplaceable
    assert costs["04", "sovereign_ai"]["locked"] == "True"
    assert costs["04", "sovereign_ai"]["irreplaceable"] == "False"
    refused = run_cli("alternatives", SCENARIOS / "roadmap-2030.yaml", "--out", out, "--jobs",
                      "0", "--force")
    assert refused.code == 2 and "--jobs" in refused.err and "Traceback" not in refused.err


def test_the_robustness_of_a_roadmap_runs_on_its_phased_model(tmp_path: Path) -> None:
    out = tmp_path / "robust"
    done = run_cli("robustness", SCENARIOS / "roadmap-2030.yaml", "--out", out, "--samples",
                   "3", "--jobs", "1", "--weight-spread", "0", "--value-noise", "0")
    assert done.code == 0, done.err
    confidence = rows(out / "confidence.csv")
    summary = json.loads((out / "robustness.json").read_text(encoding="utf-8"))
    assert summary["statuses"]["optimal"] == 3 and summary["similarity"] == 1.0
    locked = [r for r in confidence if r["locked"] == "True"]
    assert locked and summary["locked"] == len(locked)
    assert len(confidence) == summary["plan_pairs"] == summary["stable_core"] + len(locked)
    assert {float(r["acceptability"]) for r in confidence} == {1.0}
