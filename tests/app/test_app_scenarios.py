"""The sidebar's scenario list through ``AppTest``: saved scenarios come back in it, are
renamed, written over only when asked and deleted only when asked, and survive a restart;
the list always names the scenario on screen (a file, a saved one, an upload)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_app import Downloads, downloads

import jazari_planner as jp
from jazari_planner.app.saved import HOME_VARIABLE
from jazari_planner.common.escaping import markdown_text

__all__ = ["downloads"]  # the fixture, imported for the tests below

ROOT = Path(__file__).resolve().parents[2]
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
    app.slider(key="balance").set_value(0.85).run().run()  # the plan alone, then the page
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
    app.slider(key="balance").set_value(0.9).run().run()  # the plan alone, then the page
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
    app.slider(key="balance").set_value(0.1).run().run()  # the plan alone, then the page
    app.button(key="load_file").click().run()  # loading it again gives the upload back
    assert_clean(app)
    assert app.slider(key="balance").value == 0.8


# --------------------------------------------------------------------------- the data


def shown_dataset(at: AppTest) -> jp.Dataset:
    dataset: jp.Dataset = at.session_state["data_source"].load()
    return dataset


def test_a_one_row_upload_corrects_one_figure_and_says_so(app: AppTest) -> None:
    embedded = jp.load_dataset()
    app.button_group(key="view@en").set_value("data").run()
    assert not _has(app, "use_embedded")  # the embedded data is in use: nowhere to go back
    row = b"region_code,indicator,value,year,source\n06,gdp_per_capita,41000,2024,HCP note 2025\n"
    app.file_uploader(key="indicators_upload").set_value(("fix.csv", row, "text/csv")).run()
    assert_clean(app)
    assert not app.error
    values = shown_dataset(app).values()
    assert values.at["06", "gdp_per_capita"] == 41000
    changed = values.ne(embedded.values())
    assert int(changed.to_numpy().sum()) == 1  # every other value kept
    said = "\n".join(s.value for s in app.success)
    assert "embedded dataset with 1 value(s) from fix.csv" in said
    table = next(t.value for t in app.table if "Before" in t.value.columns)
    assert len(table) == 1
    assert table.iloc[0]["Source"] == "HCP note 2025" and table.iloc[0]["Year"] == "2024"
    assert table.iloc[0]["Before"] == embedded.values().at["06", "gdp_per_capita"]
    assert table.iloc[0]["Now"] == 41000
    assert _has(app, "use_embedded")
    app.button(key="use_embedded").click().run()
    assert_clean(app)
    assert shown_dataset(app).values().equals(embedded.values())
    assert not _has(app, "use_embedded")  # not offered while the embedded data is in use


def test_a_partial_upload_with_a_wrong_row_names_its_line(app: AppTest) -> None:
    app.button_group(key="view@en").set_value("data").run()
    rows = b"region_code,indicator,value\n06,gdp_per_capita,41000\n77,gdp_per_capita,1\n"
    app.file_uploader(key="indicators_upload").set_value(("fix.csv", rows, "text/csv")).run()
    assert_clean(app)
    errors = "\n".join(e.value for e in app.error)
    assert "fix.csv" in errors and "unknown region '77'" in errors
    assert "fix.csv\\:3\\:" in errors  # the line the planner sees (Markdown-escaped)
    assert shown_dataset(app).values().equals(jp.load_dataset().values())


def test_the_current_data_downloads_for_french_excel_and_uploads_back(
        app: AppTest, downloads: Downloads) -> None:
    app.button_group(key="view@en").set_value("data").run()
    assert_clean(app)
    data = downloads["indicators.csv"]()
    assert data.startswith("\ufeff".encode())  # UTF-8 with a byte-order mark
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "region_code;indicator;value;year;source;confidence"
    assert any("," in line.split(";")[2] for line in text.splitlines()[1:])  # decimal commas
    edited = data.replace(b"06;gdp_per_capita;", b"06;gdp_per_capita;1", 1)
    app.file_uploader(key="indicators_upload").set_value(("edited.csv", edited, "text/csv"))
    app.run()
    assert_clean(app)
    assert not app.error
    assert shown_dataset(app).values().drop(columns="gdp_per_capita").equals(
        jp.load_dataset().values().drop(columns="gdp_per_capita"))


def _has(at: AppTest, key: str) -> bool:
    try:
        at.button(key=key)
    except KeyError:
        return False
    return True


def test_a_long_saved_name_is_written_whole_under_the_scenario_box(app: AppTest) -> None:
    """The box cuts a long choice with an ellipsis (in Chromium at the sidebar's width): the
    chosen one is written whole under it, accents kept; a short one is not repeated."""
    assert not [c.value for c in app.sidebar.caption if c.value == "baseline.yaml"]
    save(app, "Plan régional été 2026 — variante équilibre du Sud et des oasis")
    written = "saved: plan-régional-été-2026-variante-équilibre-du-sud-et-des-oasis.yaml"
    assert app.selectbox(key="scenario_file@en").value == chosen(app)
    assert markdown_text(written) in [c.value for c in app.sidebar.caption]  # as Markdown
