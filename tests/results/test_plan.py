"""solve() end to end on the embedded data: the Plan's contract with docs/model.md §4 and §6."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest

import jazari_planner as jp
from jazari_planner.optimization.objective import objective
from jazari_planner.testing.checker import check_plan

ASSIGNMENTS = ["region_code", "region_name", "theme_id", "theme_label", "strength", "locked"]
REGIONS = ["region_code", "region_name", "population", "specializations", "themes", "fit",
           "best_fit", "balance_score", "investment", "investment_per_capita", "need"]
METRICS = ["gini", "theil", "mad", "coverage", "floor", "worst_mean", "mean_fit",
           "mean_balance_score", "total_investment"]


@pytest.fixture(scope="module")
def data() -> jp.Dataset:
    return jp.load_dataset()


@pytest.fixture(scope="module")
def plan(data: jp.Dataset) -> jp.Plan:
    scenario = jp.Scenario(
        name="contract", balance=0.4, equity=0.5,
        need={"unemployment_rate": 1, "gdp_per_capita": -1},
        lock_in=[{"region": "dakhla-oued ed-dahab", "theme": "energy"}],
        lock_out=[{"region": "Oriental", "theme": "fisheries"}])
    return jp.solve(scenario, data)


def test_plan_tables_carry_the_columns_of_the_headless_outputs(plan: jp.Plan) -> None:
    assert plan.status == "optimal"
    assert list(plan.assignments.columns) == ASSIGNMENTS
    assert isinstance(plan.regions, gpd.GeoDataFrame)
    assert set(REGIONS) <= set(plan.regions.columns) and "geometry" in plan.regions
    assert list(plan.strength.columns) == ["region_code", "region_name", *plan.dataset.theme_ids]
    assert plan.metrics is not None and list(plan.metrics) == METRICS
    assert plan.metrics.coverage == pytest.approx(1.0)  # every region carries at least one theme
    check_plan(plan).raise_if_failed()


def test_locks_by_name_are_honoured_and_marked(plan: jp.Plan) -> None:
    rows = plan.assignments.set_index(["region_code", "theme_id"])
    assert bool(rows.loc[("12", "energy"), "locked"])
    assert ("02", "fisheries") not in rows.index
    assert plan.assignments["locked"].sum() == 1


def test_summary_has_the_keys_of_summary_json(plan: jp.Plan) -> None:
    summary = plan.summary()
    assert {"scenario", "status", "objective", "gap", "solver", "solve_seconds", "metrics",
            "data"} <= set(summary)
    assert set(summary["metrics"]) == set(METRICS)
    assert summary["data"]["indicators"]["path"] == "embedded:indicators.csv"


def test_explain_adds_up_to_the_strength(plan: jp.Plan) -> None:
    """Each part's contributions add up to its score, and the parts make the strength: their
    weighted geometric mean under the default ``gated`` (the embedded themes name sectors),
    and the contributions together the ``additive`` strength."""
    table = plan.explain("Dakhla-Oued Ed-Dahab", "energy")
    parts = plan.explain_parts("Dakhla-Oued Ed-Dahab", "energy")
    strength = plan.strength.set_index("region_code").at["12", "energy"]
    assert {"indicator", "value", "normalized", "weight", "contribution"} <= set(table.columns)
    for part in ("sector", "capability"):
        mine = table.loc[table["part"] == part, "part_contribution"].sum()
        assert mine == pytest.approx(parts.at[part, "score"])
    assert plan.scenario.aggregation == "gated"
    gated = (parts.at["sector", "score"] ** parts.at["sector", "share"]
             * parts.at["capability", "score"] ** parts.at["capability", "share"])
    assert gated == pytest.approx(strength)
    assert table["contribution"].sum() == pytest.approx(
        (parts["score"] * parts["share"]).sum())


def test_balance_one_never_lowers_the_floor(data: jp.Dataset) -> None:
    floors = [jp.solve(jp.Scenario(name="b", balance=b), data).metrics.floor  # type: ignore[union-attr]
              for b in (0.0, 1.0)]
    assert floors[1] >= floors[0] - 1e-9


def test_balance_focus_is_the_mean_of_the_worst_served_and_the_objective_is_one_function(
        data: jp.Dataset) -> None:
    plan = jp.solve(jp.Scenario(name="q", balance=0.6, balance_focus=3, equity=0.5,
                                need={"unemployment_rate": 1}), data)
    assert plan.status == "optimal" and plan.metrics is not None
    fit = plan.regions["fit"].to_numpy()
    assert plan.metrics.worst_mean == pytest.approx(sum(sorted(fit)[:3]) / 3)
    assert plan.metrics.floor == pytest.approx(fit.min())
    # the reported objective is objective.objective of the plan's fits
    assert plan.objective == pytest.approx(objective(
        fit, need=plan.regions["need"].to_numpy(), served=plan.inputs.served, balance=0.6,
        equity=0.5, focus=3))
    check_plan(plan).raise_if_failed()


def test_balance_focus_above_the_served_regions_is_an_input_error(data: jp.Dataset) -> None:
    scenario = jp.Scenario(name="q", balance_focus=12,
                           regions={"default": {"min": 1, "max": 2}, "Oriental": {"min": 0,
                                                                                 "max": 2}})
    with pytest.raises(jp.InputError, match="from 1 to 11") as raised:
        jp.solve(scenario, data)
    assert raised.value.key == "balance_focus"
    assert jp.solve(scenario.model_copy(update={"balance_focus": 11}), data).feasible


def test_unknown_names_are_input_errors_with_a_suggestion(data: jp.Dataset) -> None:
    with pytest.raises(jp.InputError, match="Oriental"):
        jp.solve(jp.Scenario(name="x", lock_in=[{"region": "Orientall", "theme": "energy"}]), data)
    with pytest.raises(jp.InputError, match="energy"):
        jp.solve(jp.Scenario(name="x", themes={"enrgy": {"max": 2}}), data)


def test_the_announced_dakhla_collision_is_diagnosed_in_the_planners_words(
        data: jp.Dataset) -> None:
    scenario = jp.Scenario(
        name="collide", regions={"default": {"min": 1, "max": 2}, "Dakhla-Oued Ed-Dahab": {
            "min": 1, "max": 1}},
        lock_in=[{"region": "12", "theme": "energy"}, {"region": "12", "theme": "fisheries"}])
    plan = jp.solve(scenario, data)
    assert plan.status == "infeasible" and plan.metrics is None and plan.assignments.empty
    assert plan.diagnosis == [
        "Dakhla-Oued Ed-Dahab may carry at most 1 specialization",
        "Dakhla-Oued Ed-Dahab must carry Energy transition and green hydrogen and Fisheries and "
        "blue economy (locked in)",
    ]
    assert plan.diagnosis_message.startswith("No plan meets all of these at once: ")
    assert "let Dakhla-Oued Ed-Dahab carry 2 specializations" in plan.diagnosis_message


def test_scenario_data_paths_resolve_against_the_scenario_file(tmp_path: Path) -> None:
    import shutil

    data_dir = Path(jp.__file__).resolve().parent.parent / "data"
    (tmp_path / "mine").mkdir()
    shutil.copy(data_dir / "themes.yaml", tmp_path / "mine" / "themes.yaml")
    path = tmp_path / "scenario.yaml"
    path.write_text("name: Own themes\ndata:\n  themes: mine/themes.yaml\n", encoding="utf-8")
    plan = jp.solve(jp.Scenario.from_yaml(path))
    assert plan.status == "optimal"
    assert plan.dataset.provenance["themes"]["path"] == str(tmp_path / "mine" / "themes.yaml")
