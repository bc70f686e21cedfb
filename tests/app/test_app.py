"""The Streamlit app driven through ``streamlit.testing.v1.AppTest``: every control, real solves.

AppTest runs ``app.py`` as Streamlit would, without a browser (the map, a custom component,
is exercised by ``test_app_browser.py``). Each test moves a control and checks what the
planner would see: the plan's assignments and measures, the messages, the downloads.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from markdown_it import MarkdownIt
from pptx import Presentation
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import jazari_planner as jp
from jazari_planner.app.form import (
    bounds_key,
    need_weight_key,
    theme_cost_key,
    theme_range_key,
)
from jazari_planner.app.saved import HOME_VARIABLE
from jazari_planner.presentation.measure_text import change, higher_is_better, measure_name
from jazari_planner.presentation.style import theme_style
from jazari_planner.results.compare import METRICS
from jazari_planner.scenario.schema import Bounds

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SCENARIOS = ROOT / "scenarios"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
EXCELLENCE = "Excellence (excellence.yaml)"

#: st.metric's colours and arrows, as its message carries them.
RED, GREEN, GRAY = (MetricProto.MetricColor.Value(c) for c in ("RED", "GREEN", "GRAY"))
DOWN, UP, NO_ARROW = (MetricProto.MetricDirection.Value(d) for d in ("DOWN", "UP", "NONE"))

#: A download's file name → what a click on its button gives.
Downloads = dict[str, Callable[[], bytes]]


@pytest.fixture(autouse=True)
def saved_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved scenarios go to a folder of the test's own, never the user's."""
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path / "home"))
    return tmp_path / "home" / "scenarios"


@pytest.fixture
def app() -> AppTest:
    """The app after its first run: the baseline scenario on the embedded data."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert_clean(at)
    return at


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    """Every file the app hands to a download button, by file name, as a browser gets it.

    Recorded at Streamlit's media file manager: static data as given, deferred data by
    calling the app's own callable, as a click on the button does.
    """
    seen: Downloads = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def as_bytes(data: Any) -> bytes:
        return data if isinstance(data, bytes) else str(data).encode("utf-8")

    def record(self: MediaFileManager, data: Any, mimetype: str, coordinates: str,
               file_name: str | None = None, *args: Any, **kwargs: Any) -> str:
        if file_name is not None:
            seen[file_name] = lambda: as_bytes(data)
        return add(self, data, mimetype, coordinates, file_name, *args, **kwargs)

    def record_deferred(self: MediaFileManager, data: Callable[[], Any], mimetype: str | None,
                        coordinates: str, file_name: str | None = None, **kwargs: Any) -> str:
        if file_name is not None:
            seen[file_name] = lambda: as_bytes(data())
        return add_deferred(self, data, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return seen


def assert_clean(at: AppTest) -> None:
    """No uncaught exception in the last run."""
    assert not at.exception, [e.message for e in at.exception]


def shown_plan(at: AppTest) -> jp.Plan:
    """The plan on screen (the last one that worked)."""
    plan: jp.Plan = at.session_state["last_good"]
    return plan


def shown_dataset(at: AppTest) -> jp.Dataset:
    """The dataset the session plans on."""
    source = at.session_state["data_source"]
    dataset: jp.Dataset = source.load()
    return dataset


def cells(plan: jp.Plan) -> set[tuple[str, str]]:
    return set(zip(plan.assignments["region_code"], plan.assignments["theme_id"], strict=True))


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page (interactive or plain) that has ``column``."""
    for frame in [*at.dataframe, *at.table]:
        if column in frame.value.columns:
            value: pd.DataFrame = frame.value
            return value
    raise AssertionError(f"no table with a {column!r} column")


def open_panel(at: AppTest, name: str) -> AppTest:
    """Open the sidebar panel ``name`` (``region_bounds``, ``theme_rules``, ``solver``): its
    widgets are drawn only while it is open."""
    at.session_state[f"panel_{name}"] = True
    return at.run()


def scenario_on_screen(at: AppTest) -> dict[str, Any]:
    """The scenario YAML the page shows (the same text as the YAML download)."""
    texts = [html.unescape(h.proto.body.split(">", 1)[1].rsplit("</pre>", 1)[0])
             for h in at.get("html") if 'class="jz-yaml"' in h.proto.body]
    assert texts, "no scenario YAML on the page"
    data: dict[str, Any] = yaml.safe_load(texts[0])
    return data


def load(at: AppTest, file_name: str) -> None:
    at.selectbox(key="scenario_file@en").set_value(file_name)
    at.button(key="load_file").click().run()
    assert_clean(at)
    assert at.session_state["base"].name == jp.Scenario.from_yaml(SCENARIOS / file_name).name


def full_run(at: AppTest) -> AppTest:
    """Run the whole page again. A plan-only setting (a weight, a rule's figure) reruns the
    Plan view's fragment alone, as in the browser, where the rest of the page stays on
    screen; AppTest's tree then holds that fragment only, so a test that reads the sidebar
    next runs the page once more."""
    return at.run()


def texts(elements: Any) -> str:
    """The elements' text as a reader sees it: Markdown's backslash escapes removed."""
    return "\n".join(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(e.value)) for e in elements)


# --------------------------------------------------------------------------- the plan


def test_starts_on_the_baseline_with_its_plan(app: AppTest) -> None:
    plan = shown_plan(app)
    assert plan.status == "optimal"
    expected = jp.solve(jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml"))
    assert cells(plan) == cells(expected)
    assert "Optimal plan" in texts(app.markdown)
    table = table_with(app, "Theme")
    assert len(table) == len(expected.assignments)
    assert set(table["Region (Arabic)"]) >= {"الرباط-سلا-القنيطرة"}
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Mean balance score"] == f"{plan.metrics.mean_balance_score:.1f} %"
    assert all(m.delta.startswith("±0") for m in app.metric)
    assert {(m.proto.color, m.proto.direction) for m in app.metric} == {(GRAY, NO_ARROW)}


def test_change_arrows_and_colours_follow_each_measures_direction(app: AppTest) -> None:
    """A fall shows a down arrow; it is green where lower is better (Gini, Theil…), red
    where higher is better; a measure with no better side stays grey (issue 13.2)."""
    app.multiselect(key="lock_in@en").set_value([]).run()  # the announced institutes dropped
    assert_clean(app)
    plan, names = shown_plan(app), {measure_name(m): m for m in METRICS}
    reference = jp.solve(jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml"))
    moved = 0
    for card in app.metric:
        metric = names[card.label]
        delta = plan.metrics[metric] - reference.metrics[metric]
        if card.delta.startswith("±0"):
            assert card.proto.direction == NO_ARROW
            continue
        moved += 1
        assert card.delta[0] == ("+" if delta > 0 else "\u2212")
        assert card.proto.direction == (UP if delta > 0 else DOWN), card.label
        better = higher_is_better(metric)
        expected = GRAY if better is None else (GREEN if (delta > 0) == better else RED)
        assert card.proto.color == expected, card.label
    assert moved >= 3
    assert any(card.proto.direction == DOWN and card.proto.color == GREEN for card in app.metric)


def test_balance_one_raises_the_floor(app: AppTest) -> None:
    load(app, "tight-budget.yaml")  # a budget makes the best average leave a region weak
    full_run(app.slider(key="balance").set_value(0.0).run())
    before = shown_plan(app)
    app.slider(key="balance").set_value(1.0).run()
    assert_clean(app)
    after = shown_plan(app)
    assert after.scenario.balance == 1.0
    assert after.metrics.floor > before.metrics.floor + 1e-6
    floor_card = next(m for m in app.metric if m.label == "Fit floor")
    assert floor_card.value == f"{after.metrics.floor:.3f}"
    assert floor_card.delta.startswith("+")


def test_a_lock_in_appears_in_the_assignments(app: AppTest) -> None:
    plan = shown_plan(app)
    pair = next((r, t) for r in plan.dataset.region_codes for t in plan.dataset.theme_ids
                if (r, t) not in cells(plan) and r == "07")
    app.multiselect(key="lock_in@en").select(f"{pair[0]}|{pair[1]}").run()
    assert_clean(app)
    locked = shown_plan(app)
    assert pair in cells(locked)
    row = locked.assignments.set_index(["region_code", "theme_id"]).loc[pair]
    assert bool(row["locked"])
    table = table_with(app, "Locked in")
    label = f"{theme_style(pair[1]).badge} · {plan.dataset.themes.at[pair[1], 'label']}"
    hit = table[(table["Region"] == "Marrakech-Safi") & (table["Theme"] == label)]
    assert len(hit) == 1 and hit["Locked in"].iloc[0] == "\u2713"


def test_a_lock_out_removes_the_theme(app: AppTest) -> None:
    plan = shown_plan(app)
    pair = next(p for p in sorted(cells(plan))
                if not plan.assignments.set_index(["region_code", "theme_id"]).loc[p, "locked"])
    app.multiselect(key="lock_out@en").select(f"{pair[0]}|{pair[1]}").run()
    assert_clean(app)
    assert pair not in cells(shown_plan(app))
    assert {"region": plan.dataset.region_name(pair[0]), "theme": pair[1]} in (
        scenario_on_screen(app)["lock_out"])


def test_an_infeasible_lock_shows_the_diagnosis_and_keeps_the_last_plan(app: AppTest) -> None:
    before = shown_plan(app)
    # Casablanca-Settat may carry at most 2 themes; lock in 3.
    for theme in ("finance", "logistics", "health"):
        app.multiselect(key="lock_in@en").select(f"06|{theme}")
    app.run()
    assert_clean(app)
    errors = texts(app.error)
    assert "No plan satisfies these settings." in errors
    infeasible = jp.solve(jp.Scenario.from_dict({
        "name": "x", "lock_in": [{"region": "06", "theme": t}
                                 for t in ("finance", "logistics", "health")]}))
    assert infeasible.status == "infeasible"
    assert "Casablanca-Settat" in errors and infeasible.diagnosis_message in errors
    assert "out of date" in texts(app.warning)
    # beside the map, with the measures: never above the map, pushing it off the first screen
    beside = next(c for c in app.columns if "No plan satisfies" in texts(c.error))
    assert len(beside.metric) == 8 and "out of date" in texts(beside.warning)
    assert shown_plan(app) is before
    assert len(table_with(app, "Theme")) == len(before.assignments)
    assert all(b.disabled for b in app.get("download_button")[1:])


def test_a_malformed_scenario_upload_shows_the_error_and_changes_nothing(app: AppTest) -> None:
    before = shown_plan(app)
    upload = app.file_uploader(key="scenario_upload")
    upload.set_value(("mine.yaml", b"name: Mine\nbalence: 0.9\n", "application/yaml")).run()
    assert_clean(app)
    errors = texts(app.error)
    assert "mine.yaml:2" in errors and "balence" in errors and "balance" in errors
    assert "nothing changed" in errors
    assert app.slider(key="balance").value == before.scenario.balance
    assert shown_plan(app) is before
    assert app.session_state["base"].name == "Baseline"


def test_an_upload_name_is_shown_as_plain_text_not_markdown(app: AppTest) -> None:
    name = "[x](javascript:alert(1))<b>.yaml"
    upload = app.file_uploader(key="scenario_upload")
    upload.set_value((name, b"name: [unclosed\n", "application/yaml")).run()
    assert_clean(app)
    body = "\n".join(str(e.value) for e in app.error)
    html = MarkdownIt("commonmark").render(body)
    assert "href=" not in html and "<b>" not in html
    assert f"{name}:2" in texts(app.error)


def test_a_scenario_upload_loads_every_setting(app: AppTest) -> None:
    data = (SCENARIOS / "cohesion.yaml").read_bytes()
    app.file_uploader(key="scenario_upload").set_value(("cohesion.yaml", data, "application/yaml"))
    app.run()
    assert_clean(app)
    assert app.slider(key="balance").value == 0.8
    assert app.slider(key="equity").value == 1.0
    assert app.number_input(key="balance_focus").value == 3
    assert app.multiselect(key="need_indicators@en").value == [
        "unemployment_rate", "poverty_rate", "illiteracy_rate", "gdp_per_capita"]
    assert app.number_input(key=need_weight_key("gdp_per_capita")).value == -1.0
    expected = jp.solve(jp.Scenario.from_yaml(SCENARIOS / "cohesion.yaml"))
    assert cells(shown_plan(app)) == cells(expected)


def test_the_downloaded_yaml_reloads_to_the_same_plan(app: AppTest, downloads: Downloads) -> None:
    app.slider(key="weight_academic").set_value(2.0)
    app.slider(key="equity").set_value(0.5)
    open_panel(open_panel(app, "region_bounds"), "theme_rules")
    app.slider(key=bounds_key("12")).set_value((1, 1))
    app.number_input(key=theme_cost_key("water")).set_value(55.0)
    app.multiselect(key="lock_in@en").select("09|tourism")
    app.run()
    assert_clean(app)
    on_screen = shown_plan(app)
    text = downloads["baseline.yaml"]()
    assert yaml.safe_load(text) == scenario_on_screen(app)  # the file is what the page shows

    fresh = AppTest.from_file(APP, default_timeout=120)
    fresh.run()
    fresh.file_uploader(key="scenario_upload").set_value(("baseline.yaml", text,
                                                          "application/yaml")).run()
    assert_clean(fresh)
    reloaded = shown_plan(fresh)
    assert cells(reloaded) == cells(on_screen)
    assert reloaded.objective == pytest.approx(on_screen.objective, abs=1e-9)
    open_panel(open_panel(fresh, "region_bounds"), "theme_rules")
    assert fresh.slider(key=bounds_key("12")).value == (1, 1)
    assert fresh.number_input(key=theme_cost_key("water")).value == 55.0


def test_every_plan_download_is_a_real_file(app: AppTest, downloads: Downloads) -> None:
    app.run()
    buttons = {b.label for b in app.get("download_button")}
    assert buttons == {"Scenario (YAML)", "Assignments (CSV)", "Map (HTML)", "Map (PNG)",
                       "Slides (PPTX)"}
    assert set(downloads) == {"baseline.yaml", "baseline-assignments.csv", "baseline-map.html",
                              "baseline-map.png", "baseline.pptx"}  # named after the scenario
    assignments = downloads["baseline-assignments.csv"]().decode("utf-8").splitlines()
    assert assignments[0] == "region_code,region_name,theme_id,theme_label,strength,locked"
    assert len(assignments) == 1 + len(shown_plan(app).assignments)
    page = downloads["baseline-map.html"]().decode("utf-8")
    assert "leaflet" in page.lower() and "<script src=" not in page
    assert downloads["baseline-map.png"]()[:8] == b"\x89PNG\r\n\x1a\n"
    assert downloads["baseline.pptx"]()[:2] == b"PK"
    app.text_input(key="name").set_value("Tight: 2030 budget!").run()
    assert "tight-2030-budget.pptx" in downloads and "tight-2030-budget-map.png" in downloads


# --------------------------------------------------------------------------- every control


def test_weights_and_normalization_change_the_strengths(app: AppTest) -> None:
    before = shown_plan(app)
    app.slider(key="weight_economic").set_value(0.0)
    app.slider(key="weight_infrastructure").set_value(0.0)
    app.radio(key="normalization@en").set_value("rank")
    app.run()
    assert_clean(app)
    after = shown_plan(app)
    assert after.scenario.weights == {"economic": 0.0, "academic": 1.0, "infrastructure": 0.0}
    assert after.scenario.normalization == "rank"
    assert not after.strength.equals(before.strength)
    on_screen = scenario_on_screen(app)
    assert on_screen["normalization"] == "rank" and on_screen["weights"]["economic"] == 0.0


def test_a_weight_step_on_the_plan_view_reruns_the_plan_alone(app: AppTest) -> None:
    before = shown_plan(app)
    app.slider(key="weight_economic").set_value(1.5).run()
    assert_clean(app)
    after = shown_plan(app)
    assert after.scenario.weights["economic"] == 1.5 and after is not before
    assert len(app.metric) >= 7  # the map's fragment: the measures beside the map, redrawn
    assert app.session_state["plan_on_screen"].plan is after
    assert not any(s.key == "weight_economic" for s in app.slider)  # the sidebar: not sent
    # the view below the map waits for the map's report that it drew the plan (a browser's
    # message, tests/app/test_app_follow_browser.py): not in this fragment's tree
    assert not any('class="jz-yaml"' in h.proto.body for h in app.get("html"))
    assert app.session_state["plan_drawn_number"] == 1
    full_run(app)
    assert scenario_on_screen(app)["weights"]["economic"] == 1.5  # the view below, redrawn
    assert app.slider(key="weight_economic").value == 1.5
    app.button_group(key="view@en").set_value("tradeoffs").run()
    app.slider(key="weight_economic").set_value(1.0).run()  # another view: the whole page
    assert_clean(app)
    assert app.slider(key="weight_economic").value == 1.0


def test_a_weight_step_without_a_map_redraws_the_view_below_at_once(
        app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A map that cannot be drawn never reports: the page reruns whole instead, so the view
    below the map still shows the step."""
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("no map here")

    monkeypatch.setattr("jazari_planner.app.maps.show_frame", broken)
    app.slider(key="weight_economic").set_value(1.5).run()
    assert_clean(app)
    assert any("no map here" in str(info.value) for info in app.info)
    assert scenario_on_screen(app)["weights"]["economic"] == 1.5
    assert app.slider(key="weight_economic").value == 1.5  # the whole page: its sidebar too


def test_the_need_index_and_equity(app: AppTest) -> None:
    load(app, "excellence.yaml")  # no need index: every region's need is 0
    assert (shown_plan(app).regions["need"] == 0).all()
    app.multiselect(key="need_indicators@en").select("unemployment_rate").select("gdp_per_capita")
    app.run()
    app.number_input(key=need_weight_key("gdp_per_capita")).set_value(-1.0)
    app.slider(key="equity").set_value(2.0)
    app.text_area(key="description").set_value("Needier regions first")
    app.run()
    assert_clean(app)
    plan = shown_plan(app)
    need = {"unemployment_rate": 1.0, "gdp_per_capita": -1.0}
    assert plan.scenario.need == need and plan.scenario.equity == 2.0
    expected = jp.solve(jp.Scenario.from_dict({"name": "x", "need": need, "equity": 2.0,
                                               "balance": 0.0}))
    assert plan.regions["need"].tolist() == pytest.approx(expected.regions["need"].tolist())
    assert cells(plan) == cells(expected)
    on_screen = scenario_on_screen(full_run(app))  # the view below the map: after the map
    assert on_screen["need"] == need and on_screen["description"] == "Needier regions first"
    full_run(app).number_input(key=need_weight_key("unemployment_rate")).set_value(0.0).run()
    assert shown_plan(app).scenario.need == {"gdp_per_capita": -1.0}  # weight 0 drops it


def test_min_strength_closes_weak_cells(app: AppTest) -> None:
    load(app, "excellence.yaml")
    before = shown_plan(app)
    # the slider's first step (0.05) above the plan's weakest cell, from the data: a fixed 0.3
    # made the plan infeasible once the sector gate lowered some regions' strengths
    weakest = float(before.assignments["strength"].min())
    threshold = round(0.05 * (math.floor(weakest / 0.05) + 1), 2)
    assert weakest < threshold
    app.slider(key="min_strength").set_value(threshold).run()
    assert_clean(app)
    plan = shown_plan(app)
    assert plan.scenario.min_strength == threshold
    assert (plan.assignments["strength"] >= threshold).all()
    assert scenario_on_screen(full_run(app))["min_strength"] == threshold


def test_a_budget_caps_the_investment(app: AppTest) -> None:
    load(app, "excellence.yaml")
    before = shown_plan(app).metrics.total_investment
    app.toggle(key="use_budget").set_value(True).run()
    app.number_input(key="budget").set_value(round(before * 0.8))
    app.run()
    assert_clean(app)
    after = shown_plan(app)
    assert after.scenario.budget == round(before * 0.8)
    assert after.metrics.total_investment <= round(before * 0.8) + 1e-6
    card = next(m for m in app.metric if m.label == "Investment")
    assert card.delta.startswith("−")


def test_region_bounds_and_the_all_regions_slider(app: AppTest) -> None:
    open_panel(app, "region_bounds")
    app.slider(key=bounds_key("03")).set_value((2, 2)).run()
    app.slider(key="default_bounds").set_value((1, 1)).run()
    assert_clean(app)
    assert app.slider(key=bounds_key("01")).value == (1, 1)  # followed the default
    assert app.slider(key=bounds_key("03")).value == (2, 2)  # set on its own: kept
    counts = shown_plan(app).regions.set_index("region_code")["specializations"]
    assert counts["03"] == 2
    assert (counts.drop("03") == 1).all()
    reread = jp.Scenario.from_dict(scenario_on_screen(app))
    assert reread.default_bounds == Bounds(min=1, max=1)
    assert reread.regions["Fès-Meknès"] == Bounds(min=2, max=2)


def test_a_closed_panel_draws_no_widget_and_keeps_its_settings(app: AppTest) -> None:
    assert not any(s.key == bounds_key("03") for s in app.slider)  # closed at start
    open_panel(app, "region_bounds")
    app.slider(key=bounds_key("03")).set_value((2, 2)).run()
    app.session_state["panel_region_bounds"] = False
    app.run()
    assert not any(s.key == bounds_key("03") for s in app.slider)
    app.slider(key="weight_academic").set_value(1.5).run()  # a rerun with the panel closed
    app.run()
    assert_clean(app)
    reread = jp.Scenario.from_dict(scenario_on_screen(app))
    assert reread.regions["Fès-Meknès"] == Bounds(min=2, max=2)
    assert shown_plan(app).regions.set_index("region_code").at["03", "specializations"] == 2
    assert open_panel(app, "region_bounds").slider(key=bounds_key("03")).value == (2, 2)


def test_the_region_summary_is_built_when_opened(app: AppTest) -> None:
    with pytest.raises(AssertionError):
        table_with(app, "Per inhabitant (MAD)")  # closed: not built
    app.session_state["panel_region_summary"] = True
    app.run()
    summary = table_with(app, "Per inhabitant (MAD)")
    assert len(summary) == 12
    assert list(summary.iloc[:, 0]) == list(shown_plan(app).regions["region_name"])


def test_theme_bounds_and_costs(app: AppTest) -> None:
    load(app, "excellence.yaml")
    open_panel(app, "theme_rules")
    app.slider(key=theme_range_key("finance")).set_value((0, 0))
    app.slider(key=theme_range_key("water")).set_value((3, 4))
    app.number_input(key=theme_cost_key("energy")).set_value(999.0)
    app.run()
    assert_clean(app)
    plan = shown_plan(app)
    counts = plan.assignments["theme_id"].value_counts()
    assert counts.get("finance", 0) == 0
    assert counts.get("water", 0) >= 3
    energy = int(counts.get("energy", 0))
    assert plan.regions["investment"].sum() == pytest.approx(
        plan.metrics.total_investment)
    assert plan.inputs.cost[plan.dataset.theme_ids.index("energy")] == 999.0
    assert scenario_on_screen(app)["themes"]["finance"]["max"] == 0
    assert scenario_on_screen(app)["themes"]["energy"] == {"cost": 999.0}
    assert plan.metrics.total_investment >= 999.0 * energy


def test_solver_settings_reach_the_solve(app: AppTest) -> None:
    open_panel(app, "solver")
    app.selectbox(key="solver_name").set_value("cbc")
    app.number_input(key="time_limit").set_value(20.0)
    app.number_input(key="mip_gap").set_value(0.01)
    app.text_input(key="name").set_value("CBC run")
    app.run()
    assert_clean(app)
    plan = shown_plan(app)
    assert plan.solver == "cbc"
    assert plan.scenario.solver.time_limit == 20.0 and plan.scenario.solver.mip_gap == 0.01
    assert scenario_on_screen(app)["name"] == "CBC run"


def test_reset_returns_to_the_loaded_scenario(app: AppTest) -> None:
    before = shown_plan(app)
    app.slider(key="balance").set_value(0.9).run()
    assert shown_plan(app) is not before
    full_run(app).button(key="reset").click().run()
    assert_clean(app)
    assert app.slider(key="balance").value == before.scenario.balance
    assert cells(shown_plan(app)) == cells(before)


def test_the_explanation_parts_make_the_strength(app: AppTest) -> None:
    app.selectbox(key="why_region@en").set_value("12").run()
    plan = shown_plan(app)
    theme = app.selectbox(key="why_theme@en").value
    assert (("12", theme) in cells(plan))  # moving to a region shows one of its themes
    app.selectbox(key="why_theme@en").set_value("fisheries").run()
    assert_clean(app)
    # one table per part (sector, then capability): each adds up to its part's score, and
    # the parts make the strength (gated: their weighted geometric mean, docs/model.md §2)
    column = "Contribution to the part"
    tables = [t.value for t in [*app.dataframe, *app.table] if column in t.value]
    parts = plan.explain_parts("12", "fisheries")
    assert [t[column].sum() for t in tables] == pytest.approx(list(parts["score"]))
    strength = plan.strength.set_index("region_code").at["12", "fisheries"]
    assert (parts["score"] ** parts["share"]).prod() == pytest.approx(strength)
    assert "Sector part" in texts(app.markdown) and "Gated: strength" in texts(app.caption)
    assert "Dakhla-Oued Ed-Dahab · الداخلة-وادي الذهب" in texts(app.caption)


def test_balance_focus_input_sets_q_and_shows_the_worst_served_mean(app: AppTest) -> None:
    app.number_input(key="balance_focus").set_value(1).run()  # baseline.yaml sets 3
    assert "Worst-served mean" not in {m.label for m in app.metric}  # q = 1: it is the floor
    app.number_input(key="balance_focus").set_value(3).run()
    assert_clean(app)
    plan = shown_plan(app)
    assert plan.scenario.balance_focus == 3
    card = next(m for m in app.metric if m.label == "Worst-served mean")
    assert card.value == f"{plan.metrics.worst_mean:.3f}"
    assert "balance_focus: 3" in plan.scenario.to_yaml()


def test_french_switch_translates_the_page(app: AppTest) -> None:
    app.radio(key="lang").set_value("fr").run()
    assert_clean(app)
    assert "Plan optimal" in texts(app.markdown)
    labels = {m.label for m in app.metric}
    assert "Score d'équilibre moyen" in labels
    assert "Région" in table_with(app, "Région").columns
    label_fr = str(shown_plan(app).dataset.themes.at["energy", "label_fr"])
    assert label_fr != shown_plan(app).dataset.themes.at["energy", "label"]
    themes = set(table_with(app, "Thème")["Thème"])
    assert f"{theme_style('energy').badge} · {label_fr}" in themes  # Dakhla's announced theme
    app.selectbox(key="why_theme@fr").set_value("energy")
    app.multiselect(key="lock_in@fr").select("07|tourism").run()  # the page still works
    assert_clean(app)
    assert ("07", "tourism") in cells(shown_plan(app))
    assert label_fr in texts(app.caption)  # the explanation follows the French selector
    app.radio(key="lang").set_value("en").run()
    assert_clean(app)
    assert len(app.multiselect(key="lock_in@en").value) == 4  # the locks survive the switches


def test_every_run_sends_every_setting_to_the_browser(app: AppTest) -> None:
    """The browser may hold a widget's default after a run cut short or a language switch
    (a weight at 0, no view chosen) and send it back on the next click; so every run writes
    each setting again: its widget carries the session's value, and the click is kept."""
    full_run(app.slider(key="weight_economic").set_value(1.5).run())
    app.radio(key="lang").set_value("fr").run()
    app.slider(key="weight_academic").set_value(1.25).run()
    assert_clean(app)
    full_run(app)
    assert not app.warning, [w.value for w in app.warning]
    economic = app.slider(key="weight_economic").proto
    assert economic.set_value and list(economic.value) == [1.5]
    assert app.slider(key="weight_academic").value == 1.25  # the click itself is kept
    switch = next(g.proto for g in app.get("button_group") if g.proto.id.endswith("view@fr"))
    assert switch.set_value and list(switch.raw_values) == ["Plan"]
    locks = app.multiselect(key="lock_in@fr")
    assert locks.proto.set_value and len(locks.value) == 3
    assert app.text_input(key="name").proto.set_value


# --------------------------------------------------------------------------- compare and data


def html_of(at: AppTest) -> str:
    """Every HTML block of the page, joined."""
    return "\n".join(element.proto.body for element in at.get("html"))


def test_compare_reads_scenarios_against_a_chosen_reference(app: AppTest,
                                                            saved_home: Path) -> None:
    full_run(app.slider(key="balance").set_value(0.9).run())
    app.button(key="save_for_compare").click().run()
    assert [p.name for p in saved_home.iterdir()] == ["baseline.yaml"]
    app.button_group(key="view@en").set_value("compare").run()
    assert_clean(app)
    choices = app.multiselect(key="compare_choices@en")
    assert "saved:baseline.yaml" in choices.value
    choices.select("file:excellence.yaml").run()
    assert_clean(app)
    measures = table_with(app, EXCELLENCE)
    assert {"Gini", "Fit floor", "Mean balance score (%)", "Investment (MAD M)",
            "Population covered (%)"} <= set(measures.index)  # units with the names
    excellence = jp.solve(jp.Scenario.from_yaml(SCENARIOS / "excellence.yaml"))
    assert measures.at["Fit floor", EXCELLENCE] == pytest.approx(excellence.metrics.floor)
    assert measures.at["Population covered (%)", EXCELLENCE] == pytest.approx(
        100 * excellence.metrics.coverage)
    page = html_of(app)
    assert "Public administration and sovereign AI" in page and "sovereign_ai" not in page
    assert 'class="jz-badge' in page and "★ reference" in page
    captions = texts(app.caption)
    assert "differ from Baseline (current settings)" in captions
    app.selectbox(key="compare_reference@en").set_value("file:excellence.yaml").run()
    assert_clean(app)
    assert f"differ from {EXCELLENCE}" in texts(app.caption)


def test_infeasible_current_settings_are_marked_not_counted_as_unchanged(app: AppTest) -> None:
    for theme in ("finance", "logistics", "health"):  # three locks where two fit
        app.multiselect(key="lock_in@en").select(f"06|{theme}")
    app.run()
    app.button_group(key="view@en").set_value("compare").run()
    assert_clean(app)
    assert "has no plan" in texts(app.warning)
    assert "no plan" in html_of(app)
    captions = texts(app.caption)
    assert "0 of 12" not in captions and "(current settings)" not in captions


def test_saved_scenarios_survive_a_restart(app: AppTest, saved_home: Path) -> None:
    app.text_input(key="name").set_value("Kept for Monday").run()
    app.button(key="save_for_compare").click().run()
    assert (saved_home / "kept-for-monday.yaml").is_file()
    restarted = AppTest.from_file(APP, default_timeout=120)
    restarted.run()
    restarted.button_group(key="view@en").set_value("compare").run()
    assert_clean(restarted)
    options = restarted.multiselect(key="compare_choices@en").options
    assert "saved: kept-for-monday.yaml" in options
    restarted.multiselect(key="compare_choices@en").select("saved:kept-for-monday.yaml").run()
    assert_clean(restarted)
    assert "Kept for Monday (kept-for-monday.yaml)" in table_with(
        restarted, "Kept for Monday (kept-for-monday.yaml)").columns


def test_the_comparison_goes_to_slides(app: AppTest, downloads: Downloads) -> None:
    app.button_group(key="view@en").set_value("compare").run()
    assert_clean(app)
    deck = downloads["comparison-baseline-current-settings.pptx"]()
    slides = Presentation(io.BytesIO(deck)).slides
    assert len(slides) == 4
    words = "\n".join(shape.text_frame.text for slide in slides for shape in slide.shapes
                      if shape.has_text_frame)
    assert "Cohesion (cohesion.yaml)" in words
    assert downloads["comparison-baseline-current-settings.png"]()[:4] == b"\x89PNG"


def test_the_data_view_lists_every_indicator_with_source_and_year(app: AppTest) -> None:
    app.button_group(key="view@en").set_value("data").run()
    assert_clean(app)
    dataset = shown_plan(app).dataset
    catalogue = app.table[0].value  # a plain table: long sources wrap, nothing is cut
    assert len(catalogue) == len(dataset.catalogue)
    assert catalogue["Source"].str.len().gt(0).all()
    assert catalogue["Year"].str.len().gt(0).all()
    values = table_with(app, "GDP per capita")
    assert len(values) == len(dataset.regions)


def test_the_data_view_speaks_french(app: AppTest) -> None:
    app.radio(key="lang").set_value("fr").run()
    app.button_group(key="view@fr").set_value("data").run()
    assert_clean(app)
    catalogue = app.table[0].value
    assert "PIB par habitant" in set(catalogue.index)
    assert {"économique", "académique"} <= set(catalogue["Groupe"])
    values = app.dataframe[0]
    assert "PIB par habitant" in values.value.columns


def test_a_malformed_indicators_upload_shows_the_error_and_changes_nothing(app: AppTest) -> None:
    before = shown_plan(app)
    app.button_group(key="view@en").set_value("data").run()
    bad = (FIXTURES / "malformed_indicators.csv").read_bytes()
    app.file_uploader(key="indicators_upload").set_value(("mine.csv", bad, "text/csv")).run()
    assert_clean(app)
    errors = texts(app.error)
    assert "mine.csv" in errors and "nothing changed" in errors
    app.button_group(key="view@en").set_value("plan").run()
    assert_clean(app)
    assert shown_plan(app) is before


def test_an_indicators_upload_replans_on_the_new_values(app: AppTest) -> None:
    before = shown_plan(app)
    app.button_group(key="view@en").set_value("data").run()
    data = (SCENARIOS / "data" / "indicators-example.csv").read_bytes()
    app.file_uploader(key="indicators_upload").set_value(("example.csv", data, "text/csv"))
    app.run()
    assert_clean(app)
    assert "example.csv" in texts(app.success)
    app.button_group(key="view@en").set_value("plan").run()
    after = shown_plan(app)
    assert not after.strength.equals(before.strength)
    expected = jp.solve(before.scenario, jp.load_dataset(
        indicators=SCENARIOS / "data" / "indicators-example.csv"))
    assert cells(after) == cells(expected)
    # the changes shown are those of the new data: against the same settings before it
    assert "same settings on the previous data (embedded dataset)" in texts(app.markdown)
    fit = next(m for m in app.metric if m.label == "Mean fit")
    assert fit.delta == change("mean_fit", after.metrics.mean_fit, before.metrics.mean_fit).text
    assert not fit.delta.startswith("±0")
    app.button_group(key="view@en").set_value("data").run()
    app.button(key="use_embedded").click().run()
    app.button_group(key="view@en").set_value("plan").run()
    assert cells(shown_plan(app)) == cells(before)


def test_a_scenario_with_its_own_data_plans_on_that_data(app: AppTest) -> None:
    load(app, "own-indicators.yaml")
    scenario = jp.Scenario.from_yaml(SCENARIOS / "own-indicators.yaml")
    expected = jp.solve(scenario)  # on the file's own indicators
    assert cells(shown_plan(app)) == cells(expected)
    assert shown_plan(app).strength.equals(expected.strength)
    app.button_group(key="view@en").set_value("data").run()
    assert_clean(app)
    assert "indicators-example.csv" in texts(app.markdown)


def test_a_french_spreadsheets_csv_upload_is_read(app: AppTest) -> None:
    plain = (SCENARIOS / "data" / "indicators-example.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(plain)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        [[cell.replace(".", ",") if column == 2 else cell for column, cell in enumerate(row)]
         for row in rows])
    app.button_group(key="view@en").set_value("data").run()
    app.file_uploader(key="indicators_upload").set_value(
        ("mes-valeurs.csv", out.getvalue().encode("cp1252", errors="replace"), "text/csv"))
    app.run()
    assert_clean(app)
    assert "mes-valeurs.csv" in texts(app.success) and not app.error
    expected = jp.load_dataset(indicators=SCENARIOS / "data" / "indicators-example.csv")
    pd.testing.assert_frame_equal(shown_dataset(app).values(), expected.values())
