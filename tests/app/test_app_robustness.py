"""The Robustness view through ``AppTest``: a small sweep, its results, alternatives, the
Why panel's confidence and replacement cost, in English and French."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app import load

import jazari_planner as jp
from jazari_planner.testing.checker import check_plan

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def robustness() -> AppTest:
    """The app on the Robustness view, the baseline scenario, 12 samples asked for."""
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.session_state["view"] = "robustness"
    at.run()
    clean(at)
    at.number_input(key="rob_samples").set_value(12)
    at.run()
    return at


def test_a_sweep_runs_and_shows_its_figures(robustness: AppTest) -> None:
    at = robustness
    assert any("run the check" in i.value for i in at.info)
    at.button(key="rob_run").click()
    at.run()
    clean(at)
    labels = {m.label: m.value for m in at.metric}
    assert labels["Solved"] == "12 / 12"
    assert "Stable" in labels and "Similarity" in labels
    page = "\n".join(h.proto.body for h in at.get("html"))
    table = pd.read_html(io.StringIO(page[page.index("<table", page.index("jz-conf-table")):]))[0]
    assert list(table.columns) == ["Acceptability", "Region", "Theme"]  # the key number first
    assert len(table) == 24
    assert "Public administration and sovereign AI" in set(table["Theme"])  # whole names
    # the three locked pairs last, said as locked, with no share: a lock is no evidence
    assert list(table["Acceptability"].iloc[-3:]) == ["locked"] * 3
    shares = table["Acceptability"].iloc[:-3].str.rstrip(" %").astype(float)
    assert shares.between(0, 100).all()
    assert shares.is_monotonic_increasing  # least sure first
    assert labels["Stable"].endswith("/ 21")
    # The settings change: the shown result is marked out of date, not passed off as current.
    at.number_input(key="rob_seed").set_value(1)
    at.run()
    assert any("changed since the last check" in i.value for i in at.info)


def test_the_why_panel_shows_confidence_and_replacement_cost(robustness: AppTest) -> None:
    at = robustness
    at.button(key="rob_run").click()
    at.run()
    at.session_state["view"] = "plan"
    at.session_state["why_region"] = "12"  # Dakhla: energy is locked in, fisheries chosen
    at.session_state["why_theme"] = at.session_state["why_theme_en"] = "energy"
    at.run()
    clean(at)
    captions = " ".join(c.value for c in at.caption)
    assert "chosen in 100 % of 12 perturbed samples" in captions
    assert "locked: this announcement costs" in captions and "% of the fit" in captions
    at.session_state["why_theme"] = at.session_state["why_theme_en"] = "fisheries"
    at.run()
    captions = " ".join(c.value for c in at.caption)
    assert "dropping it costs" in captions


def test_alternatives_are_listed_and_one_shows_in_the_plan_view(robustness: AppTest) -> None:
    at = robustness
    at.number_input(key="alt_n").set_value(2)
    at.button(key="alt_run").click()
    at.run()
    clean(at)
    lines = [m.value for m in at.markdown if "Alternative" in m.value]
    assert len(lines) == 2 and "below the optimum" in lines[0]
    at.button(key="alt_show_2").click()
    at.run()
    clean(at)
    assert at.session_state["view"] == "plan"
    assert any("Showing alternative 2" in i.value for i in at.info)
    at.button(key="pinned_back").click()
    at.run()
    assert not any("Showing alternative" in i.value for i in at.info)


def test_the_view_speaks_french(robustness: AppTest) -> None:
    at = robustness
    at.session_state["lang"] = "fr"
    at.run()
    at.button(key="rob_run").click()
    at.run()
    clean(at)
    assert any(m.label == "Résolus" for m in at.metric)
    assert at.subheader[0].value.startswith("Quelle confiance")


def test_a_roadmaps_sweep_alternatives_and_costs_keep_its_yearly_rules(
        robustness: AppTest) -> None:
    at = robustness
    load(at, "roadmap-2030.yaml")
    at.session_state["view"] = "robustness"
    at.number_input(key="rob_samples").set_value(3).run()
    at.button(key="rob_run").click()
    at.run()
    clean(at)
    labels = {m.label: m.value for m in at.metric}
    assert labels["Solved"] == "3 / 3"
    swept = at.session_state["robustness"][1]
    assert swept.plan.schedule is not None
    expected = jp.robustness(jp.Scenario.from_yaml(ROOT / "scenarios" / "roadmap-2030.yaml"),
                             samples=3, jobs=1)
    assert np.array_equal(swept.acceptability.to_numpy(), expected.acceptability.to_numpy())

    at.number_input(key="alt_n").set_value(1)
    at.button(key="alt_run").click()
    at.run()
    clean(at)
    (alternative,) = at.session_state["alternatives"][2]
    assert alternative.schedule is not None
    check_plan(alternative).raise_if_failed()
    assert len([m.value for m in at.markdown if "Alternative" in m.value]) == 1

    at.session_state["view"] = "plan"
    at.session_state["why_region"] = "04"  # JAZARI ROOT, announced for 2026
    at.session_state["why_theme"] = at.session_state["why_theme_en"] = "sovereign_ai"
    at.run()
    clean(at)
    assert "locked: this announcement costs" in " ".join(c.value for c in at.caption)
    plan = swept.plan
    cost = jp.replacement_cost(plan, pairs=[("01", "logistics")])["cost_percent"].iloc[0]
    at.session_state["why_region"] = "01"
    at.session_state["why_theme"] = at.session_state["why_theme_en"] = "logistics"
    at.run()
    clean(at)
    assert f"dropping it costs {cost:.2f} %" in " ".join(c.value for c in at.caption)


def test_the_bar_ticks_from_the_start_and_measures_its_pace_from_the_first_sample() -> None:
    from jazari_planner.app.robustness_view import progress_text

    assert progress_text(0, 200, 7.2, None) == (
        "Solving the plan and starting the workers (each loads the solver): 7 s")
    assert "estimating the time left" in progress_text(1, 200, 12.0, (12.0, 1))
    # 12 s to start, then 9 samples in 3 s: 3 a second, 190 left -> about 63 s, not the
    # 230 s that the start-up counted in the rate would say
    assert progress_text(10, 200, 15.0, (12.0, 1)) == (
        "10 of 200 samples · 3.0 a second · about 63 s left")
