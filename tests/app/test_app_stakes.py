"""The app's sector gate and data stakes, through ``streamlit.testing.v1.AppTest``: the
aggregation choice in the sidebar, the Why panel's two parts, the Data view's confidence and
its panel of figures to measure first (docs/model.md §2, §13). Real solves, real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from factories import themes_with_sectors
from streamlit.testing.v1 import AppTest
from test_app import APP, assert_clean, scenario_on_screen, shown_plan, table_with, texts

import jazari_planner as jp
from jazari_planner.common.files import DATA_ENV, data_dir


def sectored_folder(tmp_path: Path) -> Path:
    """A copy of the embedded data whose energy theme names one sector measure (megawatts)."""
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    (folder / "themes.yaml").unlink()
    themes_with_sectors(folder)
    return folder


@pytest.fixture
def sectored_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app on the embedded data whose energy theme names its sector (megawatts)."""
    monkeypatch.setenv(DATA_ENV, str(sectored_folder(tmp_path)))
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert_clean(at)
    return at


def energy(at: AppTest) -> dict[str, float]:
    plan = shown_plan(at)
    return dict(plan.strength.set_index("region_code")["energy"].astype(float))


def test_a_data_folder_set_after_an_app_ran_is_the_one_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's dataset cache lives as long as the process: a second app on another data folder
    (a test after a test, a server restarted with another folder) must read that folder."""
    first = AppTest.from_file(APP, default_timeout=180)
    first.run()
    assert_clean(first)
    sectors = shown_plan(first).dataset.sector_mask()
    monkeypatch.setenv(DATA_ENV, str(sectored_folder(tmp_path)))
    second = AppTest.from_file(APP, default_timeout=180)
    second.run()
    assert_clean(second)
    assert sectors.sum() > 1 and shown_plan(second).dataset.sector_mask().sum() == 1


def test_the_aggregation_choice_gates_the_sector_and_says_how(sectored_app: AppTest) -> None:
    app = sectored_app
    values = shown_plan(app).dataset.values()["renewable_capacity"]
    none = [str(code) for code in values.index[values == values.min()]]
    assert none and all(energy(app)[code] == 0 for code in none)
    assert "scores 0 in it" in texts(app.caption)
    app.selectbox(key="why_region@en").set_value(none[0]).run()
    app.selectbox(key="why_theme@en").set_value("energy").run()
    assert_clean(app)
    shown = texts(app.markdown)
    assert "Sector part: 0.000" in shown and "Capability part" in shown
    assert "Gated: strength" in texts(app.caption)

    app.radio(key="aggregation@en").set_value("additive").run()
    assert_clean(app)
    assert shown_plan(app).scenario.aggregation == "additive"
    assert all(energy(app)[code] > 0 for code in none)
    assert scenario_on_screen(app)["aggregation"] == "additive"
    assert "Capability can make up for an absent sector" in texts(app.caption)
    contributions = table_with(app, "Contribution to the part")
    assert len(contributions) == 1  # the sector part's one indicator, megawatts


def test_the_aggregation_choice_speaks_french(sectored_app: AppTest) -> None:
    app = sectored_app
    app.radio(key="lang").set_value("fr").run()
    assert_clean(app)
    assert "Secteur et capacités" in [r.label for r in app.radio]
    assert "obtient 0" in texts(app.caption)


def test_the_data_view_measures_the_figures_to_collect_first(sectored_app: AppTest) -> None:
    app = sectored_app
    app.slider(key="balance").set_value(0.8)  # a plan some uncertain figures can move
    app.button_group(key="view@en").set_value("data").run()
    assert_clean(app)
    assert "Cell colour, the value's confidence" in texts(app.caption)
    themes = table_with(app, "Sector measures")
    assert "Wind and solar capacity in service" in set(themes["Sector measures"])
    assert "Run the measure" in texts(app.info)

    app.button(key="stakes_run").click().run(timeout=300)
    assert_clean(app)
    result = app.session_state["stakes"][1]
    assert result.plan.scenario.balance == 0.8  # the settings on screen
    assert result.plan.cells == jp.solve(result.plan.scenario, result.plan.dataset).cells
    stakes = table_with(app, "Stake")
    assert len(stakes) == len(result.worth_measuring) > 0
    assert stakes["Stake"].is_monotonic_decreasing and (stakes["Stake"] > 0).all()
    assert set(stakes["Confidence"]) <= {"secondary", "derived", "gap"}
    assert "uncertain values could change the plan" in texts(app.caption)

    app.radio(key="aggregation@en").set_value("additive").run()
    assert_clean(app)
    assert "changed since the last measure" in texts(app.info)
