"""Several plans side by side, as tables (pandas in, pandas out; usable from a notebook).

A planner weighing scenarios wants one row per scenario (status, objective, every
territorial-balance measure, solve time) and one column per scenario of the themes each
gives each region. The files are written by :mod:`jazari_planner.export.outputs`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..common.escaping import markdown_text
from .metrics import METRIC_INFO, Metrics

if TYPE_CHECKING:
    from .plan import Plan

__all__ = [
    "INFEASIBLE",
    "METRICS",
    "METRIC_DIRECTIONS",
    "assignment_matrix",
    "compare_plans",
    "differences",
    "plan_labels",
    "reference_scenario",
    "to_markdown",
]

#: The measures of docs/model.md §4, in the order of ``summary.json`` (the fields of ``Metrics``).
METRICS: tuple[str, ...] = tuple(field.name for field in fields(Metrics))

#: The cell text of an infeasible scenario in :func:`assignment_matrix`.
INFEASIBLE = "(infeasible)"

#: Which way each measure is better, for highlighting (from ``METRIC_INFO``); a measure with
#: no better side (total investment) is left out.
METRIC_DIRECTIONS: dict[str, str] = {
    name: "higher" if info.higher_is_better else "lower"
    for name, info in METRIC_INFO.items() if info.higher_is_better is not None
}


def plan_labels(plans: Sequence[Plan]) -> list[str]:
    """A distinct label per plan: its scenario name, with the file name where names repeat."""
    names = [p.scenario.name for p in plans]
    labels = []
    for index, plan in enumerate(plans):
        label = plan.scenario.name
        if names.count(label) > 1:
            path = plan.scenario.path
            label = f"{label} ({path.name})" if path is not None else f"{label} #{index + 1}"
        labels.append(label)
    return labels


def compare_plans(plans: Sequence[Plan]) -> pd.DataFrame:
    """One row per plan: ``scenario, file, status, objective, gap, <metrics>, specializations,
    solver, solve_seconds``; measures are NaN for an infeasible plan."""
    rows: list[dict[str, Any]] = []
    for label, plan in zip(plan_labels(plans), plans, strict=True):
        metrics = plan.metrics
        solved = plan.status != "infeasible" and metrics is not None
        row: dict[str, Any] = {
            "scenario": label,
            "file": plan.scenario.path.name if plan.scenario.path is not None else "",
            "status": plan.status,
            "objective": _number(plan.objective) if solved else math.nan,
            "gap": _number(plan.gap),
        }
        for metric in METRICS:
            row[metric] = _number(metrics[metric]) if metrics is not None else math.nan
        row["specializations"] = len(plan.assignments) if solved else 0
        row["solver"] = plan.solver
        row["solve_seconds"] = round(float(plan.solve_seconds), 3)
        rows.append(row)
    columns = ["scenario", "file", "status", "objective", "gap", *METRICS, "specializations",
               "solver", "solve_seconds"]
    return pd.DataFrame(rows, columns=columns)


def assignment_matrix(plans: Sequence[Plan]) -> pd.DataFrame:
    """Region by scenario: ``region_code, region_name``, then per plan its themes joined by "; "."""
    if not plans:
        return pd.DataFrame(columns=["region_code", "region_name"])
    regions = plans[0].dataset.regions
    matrix = pd.DataFrame({
        "region_code": [str(c) for c in regions.index],
        "region_name": [str(n) for n in regions["region_name"]],
    })
    for label, plan in zip(plan_labels(plans), plans, strict=True):
        if plan.status == "infeasible":
            matrix[label] = INFEASIBLE
            continue
        themes = (plan.assignments.groupby(plan.assignments["region_code"].astype(str))["theme_id"]
                  .agg(lambda ids: "; ".join(sorted(map(str, ids)))))
        matrix[label] = matrix["region_code"].map(themes).fillna("")
    return matrix


def differences(matrix: pd.DataFrame, *, reference: str | None = None) -> pd.DataFrame:
    """Which cells of an :func:`assignment_matrix` differ from the ``reference`` scenario's.

    A boolean frame with the matrix's scenario columns (``reference`` defaults to the first
    one that has a plan); the reference column and infeasible scenarios are all ``False``.
    """
    mask = pd.DataFrame(False, index=matrix.index, columns=_scenario_columns(matrix))
    base = reference if reference is not None else reference_scenario(matrix)
    if base is None:
        return mask
    for column in _solved_columns(matrix):
        if column != base:
            mask[column] = matrix[column] != matrix[base]
    return mask


def reference_scenario(matrix: pd.DataFrame) -> str | None:
    """The first scenario of an :func:`assignment_matrix` that has a plan, if any."""
    solved = _solved_columns(matrix)
    return str(solved[0]) if solved else None


def _scenario_columns(matrix: pd.DataFrame) -> list[str]:
    return [str(c) for c in matrix.columns if c not in ("region_code", "region_name")]


def _solved_columns(matrix: pd.DataFrame) -> list[str]:
    return [c for c in _scenario_columns(matrix) if not matrix[c].eq(INFEASIBLE).all()]


def to_markdown(frame: pd.DataFrame, *, bold: pd.DataFrame | None = None) -> str:
    """``frame`` as a GitHub-flavoured Markdown table (numbers to 4 significant digits).

    Every cell is shown literally (names cannot inject HTML, links or table cells); ``bold``,
    a boolean frame on some of the columns, marks the cells to set in bold.
    """
    header = [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |",
             "|" + "|".join("---:" if pd.api.types.is_numeric_dtype(frame[c]) else "---"
                            for c in frame.columns) + "|"]
    for index, row in frame.iterrows():
        cells = []
        for column in frame.columns:
            cell = _cell(_text(row[column]))
            strong = bold is not None and column in bold.columns and bool(bold.at[index, column])
            cells.append(f"**{cell}**" if strong and cell else cell)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _number(value: Any) -> float:
    return math.nan if value is None else float(value)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 10_000 else f"{value:.0f}"
    return str(value)


def _cell(text: str) -> str:
    return markdown_text(" ".join(text.splitlines()))
