"""The comparison tables from a notebook: real plans (synthetic data, HiGHS) in, DataFrames out."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import jazari_planner as jp
from jazari_planner.export.outputs import comparison_html, comparison_markdown
from jazari_planner.results.compare import (
    INFEASIBLE,
    METRICS,
    assignment_matrix,
    compare_plans,
    differences,
    plan_labels,
    to_markdown,
)
from jazari_planner.testing.synthetic import synthetic_dataset

DATA = synthetic_dataset(n_regions=5, n_themes=4, seed=3)


@pytest.fixture(scope="module")
def plans() -> list[jp.Plan]:
    first, second = DATA.theme_ids[:2]
    return [
        jp.solve(jp.Scenario(name="Strength", balance=0), DATA),
        jp.solve(jp.Scenario(name="Locked", lock_in=[{"region": "01", "theme": first}],
                             lock_out=[{"region": "02", "theme": second}]), DATA),
        jp.solve(jp.Scenario(name="Impossible", regions={"default": {"min": 1, "max": 1}},
                             lock_in=[{"region": "01", "theme": first},
                                      {"region": "01", "theme": second}]), DATA),
    ]


def test_compare_plans_has_a_row_per_plan_with_its_own_figures(plans: list[jp.Plan]) -> None:
    table = compare_plans(plans)
    assert list(table["scenario"]) == ["Strength", "Locked", "Impossible"]
    assert list(table["status"]) == [p.status for p in plans]
    assert list(table["status"]) == ["optimal", "optimal", "infeasible"]
    for row, plan in zip(table.head(2).itertuples(), plans[:2], strict=True):
        assert row.objective == pytest.approx(plan.objective)
        for metric in METRICS:
            assert getattr(row, metric) == pytest.approx(plan.metrics[metric])
        assert row.specializations == len(plan.assignments)
    assert all(math.isnan(table.loc[2, metric]) for metric in METRICS)
    assert table.loc[2, "specializations"] == 0


def test_assignment_matrix_lists_each_plans_themes_per_region(plans: list[jp.Plan]) -> None:
    matrix = assignment_matrix(plans)
    assert list(matrix["region_code"]) == DATA.region_codes
    for plan in plans[:2]:
        expected = (plan.assignments.groupby("region_code")["theme_id"]
                    .agg(lambda ids: "; ".join(sorted(ids))))
        assert dict(zip(matrix["region_code"], matrix[plan.scenario.name], strict=True)) == (
            expected.reindex(DATA.region_codes, fill_value="").to_dict())
    assert set(matrix["Impossible"]) == {INFEASIBLE}
    assert DATA.theme_ids[0] in matrix.loc[matrix["region_code"] == "01", "Locked"].item()


def test_differences_are_cells_unlike_the_first_plan_and_ignore_infeasible_ones() -> None:
    matrix = pd.DataFrame({"region_code": ["01", "02", "03"], "region_name": ["a", "b", "c"],
                           "X": [INFEASIBLE] * 3, "A": ["x; y", "z", ""],
                           "B": ["x; y", "y", "w"], "C": [INFEASIBLE] * 3})
    mask = differences(matrix)
    assert list(mask.columns) == ["X", "A", "B", "C"]
    assert mask["B"].tolist() == [False, True, True]
    assert not mask[["X", "A", "C"]].to_numpy().any()
    assert differences(matrix, reference="B")["A"].tolist() == [False, True, True]


def test_labels_stay_distinct_when_names_repeat(plans: list[jp.Plan]) -> None:
    twice = [plans[0], plans[0]]
    assert plan_labels(twice) == ["Strength #1", "Strength #2"]
    assert len(set(assignment_matrix(twice).columns)) == 4


def test_markdown_and_html_carry_the_tables(plans: list[jp.Plan]) -> None:
    table = compare_plans(plans)
    matrix = assignment_matrix(plans)
    markdown = to_markdown(pd.DataFrame({"a|b": ["x"], "n": [0.123456]}))
    assert markdown.splitlines() == ["| a\\|b | n |", "|---|---:|", "| x | 0.1235 |"]
    note = comparison_markdown(table, matrix)
    assert note.count("\n| ") >= len(plans) + len(matrix)
    page = comparison_html(table, matrix, [("Strength", None), ("Locked", None)])
    assert page.startswith("<!DOCTYPE html>") and "Impossible" in page
    assert "No plan (infeasible)" in page and "http" not in page
