"""A scenario's ``phasing:`` block read, checked and written back: errors name file, line, key.

Files are real YAML on disk; the dataset checks use the embedded data (announced openings
are checked against real costs and lock-outs).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import write
from factories import read_error

import jazari_planner as jp
from jazari_planner.common.errors import InputError
from jazari_planner.scenario.checks import check_against
from jazari_planner.scenario.overrides import apply_override
from jazari_planner.scenario.schema import Scenario

HEAD = "name: Roadmap\nphasing:\n  years: [2025, 2030]\n"


@pytest.mark.parametrize(("block", "line", "key", "words"), [
    ("phasing:\n  years: [2030, 2025]\n", 3, "phasing.years", "comes after the last year"),
    ("phasing:\n  years: [2025, 2060]\n", 3, "phasing.years", "at most 30"),
    ("phasing:\n  years: 2025\n", 3, "phasing.years", "[first, last]"),
    ("phasing:\n  years: [1925, 2030]\n", 3, "phasing.years[0]", ">= 2000"),
    (HEAD + "  budget_per_year: {2025: 300, 2031: 900}\n", 4, "phasing.budget_per_year.2031",
     "outside the roadmap's years 2025–2030"),
    (HEAD + "  budget_per_year:\n    2025: 300\n    2026: 400\n", 4, "phasing.budget_per_year",
     "no budget for 2027, 2028, 2029, 2030"),
    (HEAD + "  budget_per_year:\n    2025: 300\n    2026: -4\n", 6,
     "phasing.budget_per_year.2026", "from 0 to"),
    (HEAD + "  budget_per_year: .nan\n", 4, "phasing.budget_per_year", "not a finite number"),
    (HEAD + "  budget_per_year: lots\n", 4, "phasing.budget_per_year", "one per year"),
    (HEAD + "  first_institute_by: 2035\n", 4, "phasing.first_institute_by",
     "outside the roadmap's years"),
    (HEAD + "  max_openings_per_year: -1\n", 4, "phasing.max_openings_per_year",
     "whole number"),
    (HEAD + "  opened:\n    - {region: Oriental, theme: energy, year: 2024}\n", 5,
     "phasing.opened[0].year", "is a lock_in"),
    (HEAD + "  opened_regions:\n    - {region: Oriental, year: 2031}\n", 5,
     "phasing.opened_regions[0].year", "outside the roadmap's years"),
    (HEAD + "  opened: {region: Oriental}\n", 4, "phasing.opened", "- {region: …, theme: …"),
    (HEAD + "  yearly_budget: 900\n", 4, "phasing.yearly_budget", "budget_per_year"),
    (HEAD + "  as_of: 2030\n", 4, "phasing.as_of", "the plan needs a year after it"),
    (HEAD + "  as_of: 2024\n", 4, "phasing.as_of", "as_of: 2026"),
    (HEAD + "  as_of: soon\n", 4, "phasing.as_of", "whole number"),
])
def test_a_malformed_roadmap_is_refused_with_its_line(
        tmp_path: Path, block: str, line: int, key: str, words: str) -> None:
    error = read_error(write(tmp_path, "name: Roadmap\n" + block.removeprefix("name: Roadmap\n")))
    assert error.line == line, error.message
    assert error.key == key, error.message
    assert words in error.message
    assert error.exit_code == 2


def checked(tmp_path: Path, text: str) -> InputError:
    scenario = Scenario.from_yaml(write(tmp_path, text))
    with pytest.raises(InputError) as caught:
        check_against(scenario, jp.load_dataset())
    return caught.value


@pytest.mark.parametrize(("tail", "line", "key", "words"), [
    ("  opened:\n    - {region: Orientall, theme: energy, year: 2026}\n", 5,
     "phasing.opened[0].region", "did you mean 'Oriental'"),
    ("  opened:\n    - {region: Oriental, theme: enrgy, year: 2026}\n", 5,
     "phasing.opened[0].theme", "energy"),
    ("  opened:\n    - {region: 2, theme: energy, year: 2026}\n"
     "    - {region: Oriental, theme: energy, year: 2027}\n", 6, "phasing.opened[1]",
     "already announced in opened[0]"),
    ("  budget_per_year: 100\n  opened:\n    - {region: Oriental, theme: energy, year: 2026}\n",
     6, "phasing.opened[0]", "costs 160 MAD million, more than the 2026 budget of 100"),
    ("  opened_regions:\n    - {region: Oriental, year: 2026}\n"
     "    - {region: \"02\", year: 2026}\n", 6, "phasing.opened_regions[1]",
     "already announced for 2026"),
    ("  opened_regions:\n    - {region: Nowhere, year: 2026}\n", 5,
     "phasing.opened_regions[0].region", "unknown region"),
])
def test_announcements_are_checked_against_the_data(
        tmp_path: Path, tail: str, line: int, key: str, words: str) -> None:
    error = checked(tmp_path, HEAD + tail)
    assert (error.line, error.key) == (line, key), error.message
    assert words in error.message
    assert str(tmp_path) in error.message


def test_a_history_years_announcement_may_exceed_its_budget(tmp_path: Path) -> None:
    # as_of 2026: 2026 is history, its budget not enforced; 2027 is planned, its budget is
    text = HEAD + ("  budget_per_year: 100\n  as_of: 2026\n  opened:\n"
                   "    - {region: Oriental, theme: energy, year: 2026}\n")
    check_against(Scenario.from_yaml(write(tmp_path, text)), jp.load_dataset())
    error = checked(tmp_path, text.replace("year: 2026}", "year: 2027}"))
    assert (error.line, error.key) == (7, "phasing.opened[0]"), error.message
    assert "more than the 2027 budget of 100" in error.message


def test_an_announcement_that_is_also_locked_out_is_refused(tmp_path: Path) -> None:
    error = checked(tmp_path, "lock_out: [{region: Oriental, theme: energy}]\n" + HEAD +
                    "  opened:\n    - {region: Oriental, theme: energy, year: 2026}\n")
    assert error.line == 6 and error.key == "phasing.opened[0]"
    assert "also locked out" in error.message and "remove the lock_out" in error.message


def test_the_shipped_roadmap_reads_back_equal_and_validates(tmp_path: Path) -> None:
    scenario = Scenario.from_yaml("scenarios/roadmap-2030.yaml")
    check_against(scenario, jp.load_dataset())
    copy = Scenario.from_yaml(write(tmp_path, scenario.to_yaml()))
    assert copy.model_dump() == scenario.model_dump()
    phasing = copy.phasing
    assert phasing is not None and phasing.budget_of(2027) == 450
    per_year = Scenario.from_dict({"name": "x", "phasing": {
        "years": [2025, 2026], "budget_per_year": {"2025": 300, 2026: 500}}})
    assert per_year.phasing is not None and per_year.phasing.budget_per_year == {2025: 300.0,
                                                                                2026: 500.0}


def test_a_roadmap_what_if_from_the_command_line() -> None:
    scenario = Scenario.from_yaml("scenarios/roadmap-2030.yaml")
    cheaper = apply_override(scenario, "phasing.budget_per_year=300")
    assert cheaper.phasing is not None and cheaper.phasing.budget_per_year == 300
    with pytest.raises(InputError) as caught:
        apply_override(scenario, "phasing.first_institute_by=2040")
    assert "outside the roadmap's years" in caught.value.message
    assert caught.value.source == "--set phasing.first_institute_by=2040"


def test_a_change_after_loading_is_checked_again() -> None:
    scenario = Scenario.from_yaml("scenarios/roadmap-2030.yaml")
    assert scenario.phasing is not None
    broken = scenario.model_copy(update={"phasing": scenario.phasing.model_copy(
        update={"first_institute_by": 2040})})
    with pytest.raises(InputError, match="first_institute_by 2040"):
        jp.solve(broken)
