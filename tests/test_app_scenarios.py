"""The sidebar's scenario list through ``AppTest``: saved scenarios come back in it, are
renamed, written over only when asked and deleted only when asked, and survive a restart;
the list always names the scenario on screen (a file, a saved one, an upload)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import jazari_planner as jp
from jazari_planner.app.saved import HOME_VARIABLE

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(autouse=True)
def saved_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved scenarios go to a folder of the test's own, never the user's."""
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path / "home"))
    return tmp_path / "home" / "scenarios"


def started() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert_clean(at)
    return at


@pytest.fixture
def app() -> AppTest:
    return started()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def chosen(at: AppTest) -> str:
    value: str = at.session_state["scenario_file"]
    return value


def save(at: AppTest, name: str) -> None:
    at.text_input(key="name").set_value(name).run()
    at.button(key="save_for_compare").click().run()
    assert_clean(at)


def test_a_saved_scenario_is_listed_loaded_back_and_survives_a_restart(
        app: AppTest, saved_home: Path) -> None:
    app.slider(key="balance").set_value(0.85).run()
    save(app, "Kept for Monday")
    assert [p.name for p in saved_home.iterdir()] == ["kept-for-monday.yaml"]
    assert chosen(app) == "saved:kept-for-monday.yaml"  # the list names what is on screen
    assert "saved: kept-for-monday.yaml" in app.selectbox(key="scenario_file@en").options

    restarted = started()
    assert "saved: kept-for-monday.yaml" in restarted.selectbox(key="scenario_file@en").options
    assert restarted.slider(key="balance").value == 0.3  # the baseline first
    restarted.selectbox(key="scenario_file@en").set_value("saved:kept-for-monday.yaml")
    restarted.button(key="load_file").click().run()
    assert_clean(restarted)
    assert restarted.slider(key="balance").value == 0.85
    assert restarted.text_input(key="name").value == "Kept for Monday"
    assert not restarted.session_state["load_error"]


def test_saving_twice_asks_before_writing_over_and_never_makes_a_copy(
        app: AppTest, saved_home: Path) -> None:
    save(app, "Plan A")
    app.slider(key="balance").set_value(0.9).run()
    app.button(key="save_for_compare").click().run()
    assert_clean(app)
    assert [p.name for p in saved_home.iterdir()] == ["plan-a.yaml"]  # no plan-a-2.yaml
    assert "already called plan-a.yaml" in "\n".join(w.value for w in app.warning)
    assert jp.Scenario.from_yaml(saved_home / "plan-a.yaml").balance == 0.3

    app.button(key="saved_overwrite_no").click().run()  # cancel: nothing written, no question
    assert not any("already called" in w.value for w in app.warning)
    assert jp.Scenario.from_yaml(saved_home / "plan-a.yaml").balance == 0.3

    app.button(key="save_for_compare").click().run()
    app.button(key="saved_overwrite_yes").click().run()
    assert_clean(app)
    assert [p.name for p in saved_home.iterdir()] == ["plan-a.yaml"]
    assert jp.Scenario.from_yaml(saved_home / "plan-a.yaml").balance == 0.9
    assert not any("already called" in w.value for w in app.warning)


def test_a_saved_scenario_is_renamed_then_deleted_when_confirmed(
        app: AppTest, saved_home: Path) -> None:
    save(app, "Draft")
    app.session_state["panel_saved_manage"] = True
    app.run()
    app.text_input(key="saved_new_name").set_value("Final roadmap").run()
    app.button(key="saved_rename").click().run()
    assert_clean(app)
    assert [p.name for p in saved_home.iterdir()] == ["final-roadmap.yaml"]
    assert jp.Scenario.from_yaml(saved_home / "final-roadmap.yaml").name == "Final roadmap"
    assert chosen(app) == "saved:final-roadmap.yaml"

    app.session_state["panel_saved_manage"] = True
    app.run()
    app.button(key="saved_delete").click().run()  # asks first
    assert (saved_home / "final-roadmap.yaml").is_file()
    assert "cannot be undone" in "\n".join(w.value for w in app.warning)
    app.button(key="saved_delete_no").click().run()
    assert (saved_home / "final-roadmap.yaml").is_file()

    app.session_state["panel_saved_manage"] = True
    app.run()
    app.button(key="saved_delete").click().run()
    app.button(key="saved_delete_yes").click().run()
    assert_clean(app)
    assert list(saved_home.iterdir()) == []
    assert chosen(app) == "baseline.yaml"
    assert not any(o.startswith("saved:") for o in app.selectbox(key="scenario_file@en").options)


def test_renaming_onto_another_saved_scenario_is_refused(app: AppTest, saved_home: Path) -> None:
    save(app, "One")
    save(app, "Two")
    app.session_state["panel_saved_manage"] = True
    app.run()
    app.text_input(key="saved_new_name").set_value("One").run()
    app.button(key="saved_rename").click().run()
    assert_clean(app)
    assert sorted(p.name for p in saved_home.iterdir()) == ["one.yaml", "two.yaml"]
    assert "already named one.yaml" in "\n".join(e.value for e in app.error)


def test_the_list_names_an_uploaded_scenario(app: AppTest) -> None:
    data = (SCENARIOS / "cohesion.yaml").read_bytes()
    app.file_uploader(key="scenario_upload").set_value(("mine.yaml", data, "application/yaml"))
    app.run()
    assert_clean(app)
    assert chosen(app) == "upload:mine.yaml"
    assert "uploaded: mine.yaml" in app.selectbox(key="scenario_file@en").options
    app.slider(key="balance").set_value(0.1).run()
    app.button(key="load_file").click().run()  # loading it again gives the upload back
    assert_clean(app)
    assert app.slider(key="balance").value == 0.8
