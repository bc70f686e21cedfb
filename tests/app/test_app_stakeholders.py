"""The Stakeholders view and the stable bands through ``AppTest``, in English and French; the
weights people can give (rank-order centroid, SWING) on their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import jazari_planner as jp
from jazari_planner.app.stakeholder_weights import rank_order_centroid, swing_weights

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_rank_order_centroid_weights_are_barron_and_barretts() -> None:
    weights = rank_order_centroid({"economic": 2, "academic": 1, "infrastructure": 3})
    assert weights["academic"] == pytest.approx((1 + 1 / 2 + 1 / 3) / 3)
    assert weights["economic"] == pytest.approx((1 / 2 + 1 / 3) / 3)
    assert weights["infrastructure"] == pytest.approx(1 / 9)
    assert sum(weights.values()) == pytest.approx(1.0)
    tied = rank_order_centroid({"economic": 1, "academic": 1, "infrastructure": 3})
    assert tied["economic"] == tied["academic"] == pytest.approx((11 / 18 + 5 / 18) / 2)
    with pytest.raises(ValueError, match="ranks"):
        rank_order_centroid({"economic": 4, "academic": 1, "infrastructure": 2})


def test_swing_weights_are_the_points_shares() -> None:
    assert swing_weights({"economic": 100, "academic": 50, "infrastructure": 50}) == {
        "economic": 0.5, "academic": 0.25, "infrastructure": 0.25}
    assert swing_weights(dict.fromkeys(("a", "b"), 0)) == {"a": 0.5, "b": 0.5}


@pytest.fixture
def parties() -> AppTest:
    """The app on the Stakeholders view, the baseline scenario, the default three parties."""
    at = AppTest.from_file(APP, default_timeout=240)
    at.run()
    at.session_state["view"] = "stakeholders"
    at.run()
    clean(at)
    return at


def test_the_consensus_of_the_parties_on_screen_is_the_librarys(parties: AppTest) -> None:
    at = parties
    assert at.number_input(key="sh_count").value == 3
    assert at.text_input(key="sh_name_1").value == "Regional councils"
    assert any("Find the consensus" in i.value for i in at.info)
    at.button(key="sh_run").click()
    at.run()
    clean(at)
    metrics = {m.label: m.value for m in at.metric}
    scenario = jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml").model_copy(
        update={"stakeholders": jp.Scenario.from_yaml(
            ROOT / "scenarios" / "stakeholders.yaml").stakeholders})
    expected = jp.consensus(scenario)
    assert metrics["Largest regret ρ"] == f"{100 * expected.max_regret:.2f} %"
    assert metrics["Pairs agreed"] == str(len(expected.agreed))
    table = next(d.value for d in at.dataframe if "Consensus" in d.value.columns)
    assert list(table.columns) == ["Region", "Consensus", "Ministry", "Regional councils",
                                   "Universities"]
    assert len(table) == 12
    # another party's plan on the map; then the parties change: the result is out of date
    at.selectbox(key="sh_map_of@en").set_value("Universities")
    at.run()
    clean(at)
    at.number_input(key="sh_w_2_academic").set_value(5.0)
    at.run()
    assert any("changed since the last consensus" in i.value for i in at.info)


def test_ranked_weights_and_saving_into_the_scenario(parties: AppTest) -> None:
    at = parties
    at.session_state["sh_method_0"] = "ranked"
    at.run()
    at.selectbox(key="sh_rank_0_economic").set_value(2)
    at.selectbox(key="sh_rank_0_academic").set_value(1)
    at.run()
    clean(at)
    assert any("Academic 0.611" in c.value for c in at.caption)
    at.number_input(key="sh_count").set_value(2)
    at.run()
    at.button(key="sh_save").click()
    at.run()
    clean(at)
    saved = at.session_state["stakeholders"]
    assert [p["name"] for p in saved] == ["Ministry", "Regional councils"]
    assert saved[0]["weights"] == {"economic": 0.2778, "academic": 0.6111,
                                   "infrastructure": 0.1111}
    assert saved[1]["balance"] == 0.8
    # the scenario on screen now carries them: its YAML (Plan view's download) names them
    at.session_state["view"] = "plan"
    at.run()
    clean(at)
    yaml_text = next(str(h.proto.body) for h in at.get("html")
                     if "stakeholders:" in str(h.proto.body))
    assert "Regional councils" in yaml_text and "balance: 0.8" in yaml_text


def test_the_view_speaks_french(parties: AppTest) -> None:
    at = parties
    at.session_state["lang"] = "fr"
    at.run()
    clean(at)
    assert any(s.value == "Plusieurs voix, un seul plan" for s in at.subheader)
    at.button(key="sh_run").click()
    at.run()
    clean(at)
    assert "Plus grand regret ρ" in {m.label for m in at.metric}


def test_the_plan_view_finds_the_stable_bands_and_the_sliders_show_them() -> None:
    at = AppTest.from_file(APP, default_timeout=240)
    at.run()
    clean(at)
    assert not any("the plan holds from" in c.value for c in at.sidebar.caption)
    at.button(key="stab_run").click()
    at.run()
    clean(at)
    expected = jp.stability(jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml"))
    lo, hi = expected.band("balance")
    bands = [c.value for c in at.sidebar.caption if "the plan holds from" in c.value]
    assert len(bands) == 5
    assert f"the plan holds from {lo:.2f} to {hi:.2f}" in bands
    table = next(d.value for d in at.dataframe if "Holds from" in d.value.columns)
    assert len(table) == 5
    # moving one slider keeps its own band and drops the others'
    at.slider(key="balance").set_value(0.35)
    at.run()  # the slider reruns the Plan view's fragment alone
    at.run()  # the page once more, as the browser shows the sidebar around that fragment
    bands = [c.value for c in at.sidebar.caption if "the plan holds from" in c.value]
    assert bands == [f"the plan holds from {lo:.2f} to {hi:.2f}"]
