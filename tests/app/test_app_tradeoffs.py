"""The app's Trade-offs view through ``streamlit.testing.v1.AppTest``: the frontier of the
settings on screen, and a chosen point shown in the Plan view."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app import SCENARIOS, app, assert_clean, load, table_with, texts

import jazari_planner as jp
from jazari_planner.app.tradeoffs_view import CLICK, STAR
from jazari_planner.presentation.frontier_figure import KNEE
from jazari_planner.testing.checker import check_plan

__all__ = ["app"]  # the fixture, shared with test_app.py


@pytest.fixture(scope="module")
def expected() -> jp.Frontier:
    return jp.frontier(jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml"))


def open_tradeoffs(at: AppTest) -> None:
    at.button_group(key="view@en").set_value("tradeoffs").run()
    assert_clean(at)


def shown_pairs(at: AppTest) -> set[tuple[str, str]]:
    """(region, theme label) of the assignments table on screen (its theme cells start with
    the theme's badge: ``"WA · Water and climate resilience"``)."""
    table = table_with(at, "Theme")
    return {(region, theme.split(" · ", 1)[-1])
            for region, theme in zip(table["Region"], table["Theme"], strict=True)}


def pairs_of(plan: jp.Plan) -> set[tuple[str, str]]:
    return set(zip(plan.assignments["region_name"], plan.assignments["theme_label"],
                   strict=True))


def click_point(at: AppTest, rank: int) -> None:
    """A click on point ``rank`` of the chart, as the browser reports it: the chart's
    selection event (``{"selection": {"point": [{"rank": …}]}}``) sent with the next run."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    (chart,) = at.get("vega_lite_chart")
    states = at._tree.get_widget_states()
    state = WidgetState(id=chart.proto.id)
    state.string_value = json.dumps({"selection": {CLICK: [{"rank": rank}]}})
    states.widgets.append(state)
    at._run(states)


def test_the_view_draws_the_frontier_of_the_settings(app: AppTest,
                                                     expected: jp.Frontier) -> None:
    open_tradeoffs(app)
    knee = expected.knee_rank
    assert knee is not None  # baseline's knee lies above the chord (docs/model.md §7)
    assert f"{len(expected.plans)} plans on the frontier; the knee is point {knee}." in texts(
        app.success)
    table = table_with(app, "Efficiency")
    assert list(table["Point"]) == list(expected.table["rank"])
    assert table["Balance"].to_numpy() == pytest.approx(expected.table["balance"])
    charts = app.get("vega_lite_chart")
    assert len(charts) == 1
    spec = charts[0].proto.spec
    assert STAR in spec and KNEE in spec  # the settings' plan starred, the knee ringed
    assert app.selectbox(key="tradeoffs_choice@en").value == knee  # the knee offered first
    assert app.session_state["frontiers"]  # traced once, kept for the session


def test_a_chosen_point_is_shown_in_the_plan_view_until_the_planner_goes_back(
        app: AppTest, expected: jp.Frontier) -> None:
    open_tradeoffs(app)
    last = int(expected.table["rank"].iloc[-1])
    app.selectbox(key="tradeoffs_choice@en").set_value(last).run()
    assert "What changes from point" in texts(app.markdown)
    listed = [line for line in texts(app.markdown).splitlines() if line.startswith("- ")]
    counted = table_with(app, "Regions changed from the previous point")
    assert counted["Regions changed from the previous point"].iloc[-1] == len(listed) > 0
    scale = texts(app.caption)
    assert "Axes start near the points, not at zero: efficiency runs from" in scale
    app.button(key="tradeoffs_open").click().run()
    assert_clean(app)
    assert app.button_group(key="view@en").value == "plan"
    assert f"Showing point {last} of the trade-off frontier" in texts(app.info)
    # the note and its way back beside the map, with the measures, not above the map
    beside = next(c for c in app.columns if "Showing point" in texts(c.info))
    assert len(beside.metric) == 8 and len(beside.button(key="pinned_back").label) > 0
    point = expected.plans[last - 1]
    settings_plan = expected.scenario_plan
    assert pairs_of(point) != pairs_of(settings_plan)
    assert shown_pairs(app) == pairs_of(point)

    app.button(key="pinned_back").click().run()
    assert_clean(app)
    assert "Showing point" not in texts(app.info)
    assert shown_pairs(app) == pairs_of(settings_plan)


def test_a_click_on_a_point_opens_it_in_the_plan_view(app: AppTest,
                                                      expected: jp.Frontier) -> None:
    open_tradeoffs(app)
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert CLICK in json.dumps(spec)  # the points carry the click selection
    last = int(expected.table["rank"].iloc[-1])
    click_point(app, last)
    assert_clean(app)
    assert app.button_group(key="view@en").value == "plan"
    assert f"Showing point {last} of the trade-off frontier" in texts(app.info)
    assert shown_pairs(app) == pairs_of(expected.plans[last - 1])
    app.button(key="pinned_back").click().run()
    assert_clean(app)


def test_a_knee_is_named_and_offered_first(app: AppTest) -> None:
    load(app, "tight-budget.yaml")
    open_tradeoffs(app)
    tight = jp.frontier(jp.Scenario.from_yaml(SCENARIOS / "tight-budget.yaml"))
    knee = tight.knee_rank
    assert knee is not None
    assert f"{len(tight.plans)} plans on the frontier; the knee is point {knee}." in texts(
        app.success)
    assert KNEE in app.get("vega_lite_chart")[0].proto.spec
    assert app.selectbox(key="tradeoffs_choice@en").value == knee
    app.radio(key="lang").set_value("fr").run()
    assert f"le coude est le point {knee}." in texts(app.success)
    app.radio(key="lang").set_value("en").run()


def test_no_knee_is_said_in_english_and_french(app: AppTest) -> None:
    # excellence.yaml: two points, both on the chord: none above it, so no knee
    load(app, "excellence.yaml")
    open_tradeoffs(app)
    assert_clean(app)
    assert "plans on the frontier; no knee." in texts(app.success)
    assert "every step towards balance costs at least as much as it gives" in texts(app.info)
    assert app.selectbox(key="tradeoffs_choice@en").value == 1  # no knee: the first offered
    app.radio(key="lang").set_value("fr").run()
    assert_clean(app)
    assert "pas de coude." in texts(app.success)
    assert "chaque pas vers l'équilibre coûte au moins autant qu'il rapporte" in texts(app.info)
    app.radio(key="lang").set_value("en").run()


def test_changing_a_setting_drops_the_chosen_point(app: AppTest, expected: jp.Frontier) -> None:
    open_tradeoffs(app)
    app.selectbox(key="tradeoffs_choice@en").set_value(len(expected.plans)).run()
    app.button(key="tradeoffs_open").click().run()
    app.slider(key="balance").set_value(0.6).run()
    assert_clean(app)
    assert "Showing point" not in texts(app.info)
    assert "pinned" not in app.session_state


def test_more_levels_are_a_new_trace_and_the_view_speaks_french(app: AppTest) -> None:
    open_tradeoffs(app)
    app.slider(key="tradeoffs_points").set_value(21).run()
    assert_clean(app)
    assert len(app.session_state["frontiers"]) == 2
    app.selectbox(key="tradeoffs_choice@en").set_value(1).run()
    app.radio(key="lang").set_value("fr").run()
    assert_clean(app)
    assert app.selectbox(key="tradeoffs_choice@fr").value == 1  # the choice survives
    assert "plans sur la frontière ;" in texts(app.success)
    assert isinstance(table_with(app, "Efficacité"), pd.DataFrame)
    assert app.button(key="tradeoffs_open").label == "Afficher ce plan dans la vue Plan"


def test_infeasible_settings_say_why_instead_of_a_chart(app: AppTest) -> None:
    app.toggle(key="use_budget").set_value(True).run()
    app.number_input(key="budget").set_value(900.0).run()
    app.run()  # the budget reran the Plan view's fragment alone: the view switch needs the page
    open_tradeoffs(app)
    assert "budget" in texts(app.error)
    assert len(app.get("vega_lite_chart")) == 0


def test_a_roadmaps_frontier_is_traced_on_its_phased_model(app: AppTest) -> None:
    load(app, "roadmap-2030.yaml")
    app.session_state["tradeoffs_points"] = 5
    open_tradeoffs(app)
    expected = jp.frontier(jp.Scenario.from_yaml(SCENARIOS / "roadmap-2030.yaml"), points=5)
    table = table_with(app, "Efficiency")
    assert list(table["Point"]) == list(expected.table["rank"])
    assert table["Balance"].to_numpy() == pytest.approx(expected.table["balance"])
    (traced,) = app.session_state["frontiers"].values()
    for plan in traced.plans:  # every point is a roadmap that keeps every yearly rule
        assert plan.schedule is not None
        check_plan(plan).raise_if_failed()
    last = int(expected.table["rank"].iloc[-1])
    app.selectbox(key="tradeoffs_choice@en").set_value(last).run()
    app.button(key="tradeoffs_open").click().run()
    assert_clean(app)
    assert f"Showing point {last} of the trade-off frontier" in texts(app.info)
    assert shown_pairs(app) == pairs_of(expected.plans[last - 1])
