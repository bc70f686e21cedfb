"""The app's Roadmap view through ``streamlit.testing.v1.AppTest``, with real solves.

The planner loads the shipped roadmap, reads it a year at a time with the slider, edits its
rules, sees an impossible one explained in English and French, starts a roadmap on a scenario
without one, and downloads the same files the CLI writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, SCENARIOS, Downloads, assert_clean, downloads, load, texts

import jazari_planner as jp
from jazari_planner.export.outputs import csv_text
from jazari_planner.results.schedule import SCHEDULE_COLUMNS

__all__ = ["downloads"]  # the fixture, imported for the tests below


@pytest.fixture
def roadmap_app() -> Iterator[AppTest]:
    """The app with roadmap-2030.yaml loaded and the Roadmap view shown."""
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    load(at, "roadmap-2030.yaml")
    at.button_group(key="view@en").set_value("roadmap").run()
    assert_clean(at)
    yield at


def year_table(at: AppTest) -> pd.DataFrame:
    """The chosen year's figures, by row label."""
    value: pd.DataFrame = at.table[0].value
    return value


def expected_plan() -> jp.Plan:
    return jp.solve(jp.Scenario.from_yaml(SCENARIOS / "roadmap-2030.yaml"))


def test_the_year_slider_reads_the_roadmap_a_year_at_a_time(roadmap_app: AppTest) -> None:
    at = roadmap_app
    slider = at.select_slider(key="rm_year")
    assert list(slider.options) == [str(y) for y in range(2025, 2031)]
    assert "2025: history" in texts(at.subheader)  # as_of 2026: 2025 is history
    plan = expected_plan()
    assert plan.by_year is not None
    figures = year_table(at)
    assert figures.loc["Regions served", "2025"] == (
        f"{int(plan.by_year.iloc[0]['regions_served'])} of 12")
    slider.set_value(2027).run()
    assert_clean(at)
    assert "At the end of 2027" in texts(at.subheader)
    figures = year_table(at)
    row = plan.by_year.set_index("year").loc[2027]
    assert figures.loc["Openings", "2027"] == str(int(row["openings"]))
    assert figures.loc["Spent (MAD M)", "2027"] == f"{row['spending']:,.0f} of 450"
    assert figures.loc["Fit floor", "2027"] == f"{row['worst_mean']:.3f}"  # balance_focus 1
    listed = texts(at.markdown)
    assert plan.schedule is not None
    for name in plan.schedule.loc[plan.schedule["year"] == 2027, "region_name"]:
        assert name in listed
    assert len(at.get("image")) >= 2  # the year's map and the timeline


def test_editing_the_budget_re_plans_and_an_impossible_year_is_explained(
        roadmap_app: AppTest) -> None:
    at = roadmap_app
    at.radio(key="rm_budget_mode").set_value("per_year").run()
    assert_clean(at)
    assert at.session_state["phasing"]["budget_per_year"] == {y: 450.0 for y in range(2025, 2031)}
    # 2026 is history (as_of 2026): what opened then (330) may exceed its stated budget
    at.number_input(key="rm_budget_2026").set_value(300.0).run()
    assert_clean(at)
    assert at.session_state["phasing"]["budget_per_year"][2026] == 300.0
    assert at.session_state["phasing"]["as_of"] == 2026
    assert not at.error
    assert "Revised as of 2026: 2025–2026 are history" in texts(at.info)
    # a plan year that cannot fit is explained, as before
    at.number_input(key="rm_budget_2027").set_value(100.0).run()
    assert_clean(at)
    errors = texts(at.error)
    assert "No plan satisfies these settings." in errors
    assert "the 2027 budget is 100 MAD million" in errors
    at.radio(key="lang").set_value("fr").run()
    assert_clean(at)
    assert "2027" in texts(at.error)
    at.number_input(key="rm_budget_2027").set_value(450.0).run()
    assert_clean(at)
    assert not at.error and "À la fin de 2025" not in texts(at.subheader)
    assert "2025 : historique" in texts(at.subheader)


def in_order(node: Any) -> Iterator[Any]:
    """The page's elements from top to bottom (containers opened)."""
    children = getattr(node, "children", None)
    if not children:
        yield node
        return
    for index in sorted(children):
        yield from in_order(children[index])


def test_one_budget_for_every_year_too_small_for_2027_and_2028(roadmap_app: AppTest) -> None:
    # 300 a year is short in 2027 and 2028: either year's budget, or the yearly one, fixes it
    at = roadmap_app
    at.number_input(key="rm_budget").set_value(300.0).run()
    assert_clean(at)
    assert at.session_state["phasing"]["budget_per_year"] == 300.0
    errors = texts(at.error)
    assert "the yearly budget is 300 MAD million in 2027 and 2028" in errors
    assert "raise the 2027 budget to 320 MAD million" in errors
    assert "raise the yearly budget to 320 MAD million" in errors


def test_an_impossible_yearly_budget_is_explained_at_the_top_with_its_fix(
        roadmap_app: AppTest) -> None:
    at = roadmap_app
    at.number_input(key="rm_budget").set_value(250.0).run()
    assert_clean(at)
    errors = texts(at.error)
    assert "the yearly budget is 250 MAD million in 2027 and 2028" in errors
    assert "raise the yearly budget to 320 MAD million" in errors
    seen = [(node.type, getattr(node, "key", None)) for node in in_order(at.main)]
    first_error = next(i for i, (kind, _) in enumerate(seen) if kind == "error")
    assert first_error < seen.index(("number_input", "rm_budget"))  # above the settings
    label = "Apply the smallest fix: raise the yearly budget to 320 MAD million"
    apply = next(b for b in at.button if b.label == label)
    apply.click().run()
    assert_clean(at)
    assert at.session_state["phasing"]["budget_per_year"] == 320.0
    assert at.number_input(key="rm_budget").value == 320.0
    assert not at.error and "Timeline" in texts(at.subheader)  # the roadmap, drawn


def test_a_history_year_is_shown_as_history(roadmap_app: AppTest) -> None:
    at = roadmap_app
    assert "2025: history" in texts(at.subheader)
    assert "from the record: not a choice of the plan" in texts(at.caption)
    schedule = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    history = schedule.loc[schedule["Opens"] <= 2026]
    assert set(history["Status"]) == {"opened (history)"} and len(history) == 5
    assert set(schedule.loc[schedule["Opens"] > 2026, "Status"]) == {"planned"}


def test_the_rules_survive_another_view_and_the_downloaded_scenario_keeps_them(
        roadmap_app: AppTest) -> None:
    at = roadmap_app
    at.toggle(key="rm_cap_on").set_value(False).run()
    at.button_group(key="view@en").set_value("plan").run()
    assert_clean(at)
    at.button_group(key="view@en").set_value("roadmap").run()
    assert_clean(at)
    assert at.toggle(key="rm_cap_on").value is False
    phasing = at.session_state["phasing"]
    assert "max_openings_per_year" not in phasing
    assert len(phasing["opened"]) == 3 and len(phasing["opened_regions"]) == 2


def test_a_scenario_without_a_roadmap_can_start_one() -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.button_group(key="view@en").set_value("roadmap").run()
    assert_clean(at)
    assert "This scenario has no roadmap" in texts(at.info)
    at.button(key="rm_start").click().run()
    assert_clean(at)
    assert at.session_state["phasing"] == {"years": [2025, 2030]}
    assert list(at.select_slider(key="rm_year").options)[-1] == "2030"
    at.button(key="rm_remove").click().run()
    assert "This scenario has no roadmap" in texts(at.info)


def test_the_downloads_are_the_files_the_cli_writes(roadmap_app: AppTest,
                                                    downloads: Downloads) -> None:
    roadmap_app.run()
    plan = expected_plan()
    assert plan.schedule is not None
    assert downloads["roadmap-2030-schedule.csv"]() == csv_text(
        plan.schedule.loc[:, SCHEDULE_COLUMNS]).encode()
    assert downloads["roadmap-2030-timeline.png"]().startswith(b"\x89PNG")
    assert "roadmap-2030-by-year.csv" in downloads and "roadmap-2030-roadmap.png" in downloads
