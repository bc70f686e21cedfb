"""The Streamlit app driven through ``streamlit.testing.v1.AppTest``: every control, real solves.

AppTest runs ``app.py`` as Streamlit would, without a browser (the map, a custom component,
is exercised by ``test_app_browser.py``). Each test moves a control and checks what the
planner would see: the plan's assignments and measures, the messages, the downloads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from markdown_it import MarkdownIt
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import jazari_planner as jp
from jazari_planner.app_support.form import (
    bounds_key,
    need_weight_key,
    theme_cost_key,
    theme_range_key,
)
from jazari_planner.scenario import Bounds

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SCENARIOS = ROOT / "scenarios"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data"
EXCELLENCE = "Excellence (excellence.yaml)"

#: A download's file name → what a click on its button gives.
Downloads = dict[str, Callable[[], bytes]]


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


def cells(plan: jp.Plan) -> set[tuple[str, str]]:
    return set(zip(plan.assignments["region_code"], plan.assignments["theme_id"], strict=True))


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first data frame on the page that has ``column``."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            value: pd.DataFrame = frame.value
            return value
    raise AssertionError(f"no table with a {column!r} column")


def scenario_on_screen(at: AppTest) -> dict[str, Any]:
    """The scenario YAML the page shows (the same text as the YAML download)."""
    texts = [c.value for c in at.code if c.value.startswith("name:")]
    assert texts, "no scenario YAML on the page"
    data: dict[str, Any] = yaml.safe_load(texts[0])
    return data


def load(at: AppTest, file_name: str) -> None:
    at.selectbox(key="scenario_file").set_value(file_name)
    at.button(key="load_file").click().run()
    assert_clean(at)
    assert at.session_state["base"].name == jp.Scenario.from_yaml(SCENARIOS / file_name).name


def texts(elements: Any) -> str:
    """The elements' text as a reader sees it: Markdown's backslash escapes removed."""
    return "\n".join(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(e.value)) for e in elements)


# --------------------------------------------------------------------------- the plan


def test_starts_on_the_baseline_with_its_plan(app: AppTest) -> None:
    plan = shown_plan(app)
    assert plan.status == "optimal"
    expected = jp.solve(jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml"))
    assert cells(plan) == cells(expected)
    assert "Optimal plan" in texts(app.success)
    table = table_with(app, "Theme")
    assert len(table) == len(expected.assignments)
    assert set(table["Region (Arabic)"]) >= {"الرباط-سلا-القنيطرة"}
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Mean balance score"] == f"{plan.metrics.mean_balance_score:.1f} %"
    assert all(m.delta == "±0 %" or m.delta.startswith("±0") for m in app.metric)


def test_balance_one_raises_the_floor(app: AppTest) -> None:
    load(app, "tight-budget.yaml")  # a budget makes the best average leave a region weak
    app.slider(key="balance").set_value(0.0).run()
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
    app.multiselect(key="lock_in").select(f"{pair[0]}|{pair[1]}").run()
    assert_clean(app)
    locked = shown_plan(app)
    assert pair in cells(locked)
    row = locked.assignments.set_index(["region_code", "theme_id"]).loc[pair]
    assert bool(row["locked"])
    table = table_with(app, "Locked in")
    label = str(plan.dataset.themes.at[pair[1], "label"])
    hit = table[(table["Region"] == "Marrakech-Safi") & (table["Theme"] == label)]
    assert len(hit) == 1 and bool(hit["Locked in"].iloc[0])


def test_a_lock_out_removes_the_theme(app: AppTest) -> None:
    plan = shown_plan(app)
    pair = next(p for p in sorted(cells(plan))
                if not plan.assignments.set_index(["region_code", "theme_id"]).loc[p, "locked"])
    app.multiselect(key="lock_out").select(f"{pair[0]}|{pair[1]}").run()
    assert_clean(app)
    assert pair not in cells(shown_plan(app))
    assert {"region": plan.dataset.region_name(pair[0]), "theme": pair[1]} in (
        scenario_on_screen(app)["lock_out"])


def test_an_infeasible_lock_shows_the_diagnosis_and_keeps_the_last_plan(app: AppTest) -> None:
    before = shown_plan(app)
    # Casablanca-Settat may carry at most 2 themes; lock in 3.
    for theme in ("finance", "logistics", "health"):
        app.multiselect(key="lock_in").select(f"06|{theme}")
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
    assert app.multiselect(key="need_indicators").value == [
        "unemployment_rate", "poverty_rate", "illiteracy_rate", "gdp_per_capita"]
    assert app.number_input(key=need_weight_key("gdp_per_capita")).value == -1.0
    expected = jp.solve(jp.Scenario.from_yaml(SCENARIOS / "cohesion.yaml"))
    assert cells(shown_plan(app)) == cells(expected)


def test_the_downloaded_yaml_reloads_to_the_same_plan(app: AppTest, downloads: Downloads) -> None:
    app.slider(key="weight_academic").set_value(2.0)
    app.slider(key="equity").set_value(0.5)
    app.slider(key=bounds_key("12")).set_value((1, 1))
    app.number_input(key=theme_cost_key("water")).set_value(55.0)
    app.multiselect(key="lock_in").select("09|tourism")
    app.run()
    assert_clean(app)
    on_screen = shown_plan(app)
    text = downloads["baseline.yaml"]()
    shown = texts(c for c in app.code if c.value.startswith("name:"))
    assert text.decode("utf-8").strip() == shown.strip()

    fresh = AppTest.from_file(APP, default_timeout=120)
    fresh.run()
    fresh.file_uploader(key="scenario_upload").set_value(("baseline.yaml", text,
                                                          "application/yaml")).run()
    assert_clean(fresh)
    reloaded = shown_plan(fresh)
    assert cells(reloaded) == cells(on_screen)
    assert reloaded.objective == pytest.approx(on_screen.objective, abs=1e-9)
    assert fresh.slider(key=bounds_key("12")).value == (1, 1)
    assert fresh.number_input(key=theme_cost_key("water")).value == 55.0


def test_every_plan_download_is_a_real_file(app: AppTest, downloads: Downloads) -> None:
    app.run()
    buttons = {b.label for b in app.get("download_button")}
    assert buttons == {"Scenario (YAML)", "Assignments (CSV)", "Map (HTML)", "Map (PNG)",
                       "Slides (PPTX)"}
    assignments = downloads["assignments.csv"]().decode("utf-8").splitlines()
    assert assignments[0] == "region_code,region_name,theme_id,theme_label,strength,locked"
    assert len(assignments) == 1 + len(shown_plan(app).assignments)
    page = downloads["map.html"]().decode("utf-8")
    assert "leaflet" in page.lower() and "<script src=" not in page
    assert downloads["map.png"]()[:8] == b"\x89PNG\r\n\x1a\n"
    assert downloads["baseline.pptx"]()[:2] == b"PK"


# --------------------------------------------------------------------------- every control


def test_weights_and_normalization_change_the_strengths(app: AppTest) -> None:
    before = shown_plan(app)
    app.slider(key="weight_economic").set_value(0.0)
    app.slider(key="weight_infrastructure").set_value(0.0)
    app.radio(key="normalization").set_value("rank")
    app.run()
    assert_clean(app)
    after = shown_plan(app)
    assert after.scenario.weights == {"economic": 0.0, "academic": 1.0, "infrastructure": 0.0}
    assert after.scenario.normalization == "rank"
    assert not after.strength.equals(before.strength)
    on_screen = scenario_on_screen(app)
    assert on_screen["normalization"] == "rank" and on_screen["weights"]["economic"] == 0.0


def test_the_need_index_and_equity(app: AppTest) -> None:
    load(app, "excellence.yaml")  # no need index: every region's need is 0
    assert (shown_plan(app).regions["need"] == 0).all()
    app.multiselect(key="need_indicators").select("unemployment_rate").select("gdp_per_capita")
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
    on_screen = scenario_on_screen(app)
    assert on_screen["need"] == need and on_screen["description"] == "Needier regions first"
    app.number_input(key=need_weight_key("unemployment_rate")).set_value(0.0).run()
    assert shown_plan(app).scenario.need == {"gdp_per_capita": -1.0}  # weight 0 drops it


def test_min_strength_closes_weak_cells(app: AppTest) -> None:
    load(app, "excellence.yaml")  # its plan uses a cell of strength 0.28 (Drâa-Tafilalet, water)
    before = shown_plan(app)
    assert before.assignments["strength"].min() < 0.3
    app.slider(key="min_strength").set_value(0.3).run()
    assert_clean(app)
    plan = shown_plan(app)
    assert plan.scenario.min_strength == 0.3
    assert (plan.assignments["strength"] >= 0.3).all()
    assert scenario_on_screen(app)["min_strength"] == 0.3


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


def test_theme_bounds_and_costs(app: AppTest) -> None:
    load(app, "excellence.yaml")
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
    app.button(key="reset").click().run()
    assert_clean(app)
    assert app.slider(key="balance").value == before.scenario.balance
    assert cells(shown_plan(app)) == cells(before)


def test_the_explanation_adds_up_to_the_strength(app: AppTest) -> None:
    app.selectbox(key="why_region").set_value("12").run()
    plan = shown_plan(app)
    theme = app.selectbox(key="why_theme_en").value
    assert (("12", theme) in cells(plan))  # moving to a region shows one of its themes
    app.selectbox(key="why_theme_en").set_value("fisheries").run()
    assert_clean(app)
    table = table_with(app, "Contribution")
    strength = plan.strength.set_index("region_code").at["12", "fisheries"]
    assert table["Contribution"].sum() == pytest.approx(strength)
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
    assert "Plan optimal" in texts(app.success)
    labels = {m.label for m in app.metric}
    assert "Score d'équilibre moyen" in labels
    assert "Région" in table_with(app, "Région").columns
    label_fr = str(shown_plan(app).dataset.themes.at["energy", "label_fr"])
    assert label_fr != shown_plan(app).dataset.themes.at["energy", "label"]
    assert label_fr in set(table_with(app, "Thème")["Thème"])  # Dakhla's locked energy theme
    app.selectbox(key="why_theme_fr").set_value("energy")
    app.multiselect(key="lock_in").select("07|tourism").run()  # the page still works
    assert_clean(app)
    assert ("07", "tourism") in cells(shown_plan(app))
    assert label_fr in texts(app.caption)  # the explanation follows the French selector
    app.radio(key="lang").set_value("en").run()
    assert_clean(app)
    assert len(app.multiselect(key="lock_in").value) == 4  # the locks survive the switches


# --------------------------------------------------------------------------- compare and data


def test_compare_shows_scenarios_side_by_side(app: AppTest) -> None:
    app.slider(key="balance").set_value(0.9).run()
    app.button(key="save_for_compare").click().run()
    app.button_group(key="view").set_value("compare").run()
    assert_clean(app)
    choices = app.multiselect(key="compare_choices")
    assert "session:Baseline" in choices.value
    choices.select("file:excellence.yaml").run()
    assert_clean(app)
    measures = table_with(app, EXCELLENCE)
    assert {"Gini", "Fit floor", "Mean balance score"} <= set(measures.index)
    excellence = jp.solve(jp.Scenario.from_yaml(SCENARIOS / "excellence.yaml"))
    assert measures.at["Fit floor", EXCELLENCE] == pytest.approx(excellence.metrics.floor)
    matrix = table_with(app, "Region")
    assert len(matrix) == 12 and EXCELLENCE in matrix.columns
    assert "session: Baseline" in matrix.columns
    assert any("regions differ" in c.value for c in app.caption)


def test_the_data_view_lists_every_indicator_with_source_and_year(app: AppTest) -> None:
    app.button_group(key="view").set_value("data").run()
    assert_clean(app)
    dataset = shown_plan(app).dataset
    catalogue = table_with(app, "Source")
    assert len(catalogue) == len(dataset.catalogue)
    assert catalogue["Source"].str.len().gt(0).all()
    assert catalogue["Year"].str.len().gt(0).all()
    values = table_with(app, "gdp_per_capita")
    assert len(values) == len(dataset.regions)


def test_a_malformed_indicators_upload_shows_the_error_and_changes_nothing(app: AppTest) -> None:
    before = shown_plan(app)
    app.button_group(key="view").set_value("data").run()
    bad = (FIXTURES / "malformed_indicators.csv").read_bytes()
    app.file_uploader(key="indicators_upload").set_value(("mine.csv", bad, "text/csv")).run()
    assert_clean(app)
    errors = texts(app.error)
    assert "mine.csv" in errors and "nothing changed" in errors
    app.button_group(key="view").set_value("plan").run()
    assert_clean(app)
    assert shown_plan(app) is before


def test_an_indicators_upload_replans_on_the_new_values(app: AppTest) -> None:
    before = shown_plan(app)
    app.button_group(key="view").set_value("data").run()
    data = (SCENARIOS / "data" / "indicators-example.csv").read_bytes()
    app.file_uploader(key="indicators_upload").set_value(("example.csv", data, "text/csv"))
    app.run()
    assert_clean(app)
    assert "example.csv" in texts(app.success)
    app.button_group(key="view").set_value("plan").run()
    after = shown_plan(app)
    assert not after.strength.equals(before.strength)
    expected = jp.solve(before.scenario, jp.load_dataset(
        indicators=SCENARIOS / "data" / "indicators-example.csv"))
    assert cells(after) == cells(expected)
    app.button_group(key="view").set_value("data").run()
    app.button(key="use_embedded").click().run()
    app.button_group(key="view").set_value("plan").run()
    assert cells(shown_plan(app)) == cells(before)


def test_a_scenario_with_its_own_data_plans_on_that_data(app: AppTest) -> None:
    load(app, "own-indicators.yaml")
    scenario = jp.Scenario.from_yaml(SCENARIOS / "own-indicators.yaml")
    expected = jp.solve(scenario)  # on the file's own indicators
    assert cells(shown_plan(app)) == cells(expected)
    assert shown_plan(app).strength.equals(expected.strength)
    app.button_group(key="view").set_value("data").run()
    assert_clean(app)
    assert "indicators-example.csv" in texts(app.markdown)
