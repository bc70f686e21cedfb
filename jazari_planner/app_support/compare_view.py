"""The Compare view: two or more scenarios side by side (the settings on screen, ones saved
in the session, files in ``scenarios/``), with their measures, themes and maps, and the
differences highlighted.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import jazari_planner as jp

from ..compare import METRIC_DIRECTIONS, METRICS, assignment_matrix, compare_plans, differences
from ..errors import InputError, SolverLimitError
from .plan_view import show_map
from .session import CURRENT, diagnosis, lang, paths, scenario_files, solve, t, table_height
from .sources import source_of
from .widgets import choice

__all__ = ["compare_view"]
def compare_options() -> list[str]:
    saved = [f"session:{name}" for name in st.session_state.get("saved", {})]
    return [CURRENT, *saved, *(f"file:{name}" for name in scenario_files())]


def option_text(option: str) -> str:
    if option == CURRENT:
        return t("current")
    kind, _, name = option.partition(":")
    return t("session_prefix", name=name) if kind == "session" else name


def compare_label(option: str, plan: jp.Plan) -> str:
    """A column title per choice, distinct even where scenario names repeat."""
    if option.startswith("file:"):
        return f"{plan.scenario.name} ({option.partition(':')[2]})"
    if option == CURRENT:
        return f"{plan.scenario.name} ({t('current')})"
    return option_text(option)


def compare_plan(option: str, current: jp.Scenario | None) -> jp.Plan:
    """The plan of a compare choice (raises InputError/SolverLimitError)."""
    if option == CURRENT:
        if current is None:
            raise InputError(t("invalid_settings"), source=t("current"))
        return solve(current, st.session_state["data_source"])
    kind, _, name = option.partition(":")
    if kind == "session":
        return solve(st.session_state["saved"][name], st.session_state["data_source"])
    scenario = jp.Scenario.from_yaml(paths().scenarios / name)
    return solve(scenario, source_of(scenario))


def highlight_best(frame: pd.DataFrame) -> pd.DataFrame:
    """Styles: the best value of each measure's row in bold green."""
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for metric, direction in METRIC_DIRECTIONS.items():
        if metric not in frame.index:
            continue
        row = pd.to_numeric(frame.loc[metric], errors="coerce")
        if row.notna().sum() < 2 or row.nunique() < 2:
            continue
        best = row.max() if direction == "higher" else row.min()
        styles.loc[metric, row == best] = "background-color: #d9f0d3; font-weight: bold"
    return styles


def compare_view(current: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """Two or more scenarios side by side."""
    state = st.session_state
    st.caption(t("compare_intro"))
    options = compare_options()
    state["compare_choices"] = [c for c in state.get("compare_choices", []) if c in options]
    choice(st.multiselect, t("compare_choices"), options, key="compare_choices", lang=lang(),
           format_func=option_text, placeholder=t("choose_scenarios"))
    chosen: list[str] = state["compare_choices"]
    if len(chosen) < 2:
        st.info(t("compare_need_two"))
        return
    plans: list[jp.Plan] = []
    labels: list[str] = []
    for option in chosen:
        try:
            plan = compare_plan(option, current)
        except (InputError, SolverLimitError) as error:
            message = error.message if isinstance(error, InputError) else str(error)
            st.error(t("compare_error", name=option_text(option), message=message))
            continue
        plans.append(plan)
        labels.append(compare_label(option, plan))
    if len(plans) < 2:
        st.info(t("compare_need_two"))
        return

    st.subheader(t("compare_metrics"))
    table = compare_plans(plans)
    table.index = pd.Index(labels)
    measures = table[["status", "objective", *METRICS, "specializations"]].T
    numeric = measures.drop(index="status").apply(pd.to_numeric, errors="coerce")
    styles = highlight_best(numeric)
    names = {metric: t(f"m_{metric}") for metric in METRICS}
    names.update(objective=t("objective"), specializations=t("specializations"))
    numeric.index = styles.index = pd.Index([names.get(str(i), str(i)) for i in numeric.index])
    st.dataframe(numeric.style.apply(lambda _: styles, axis=None).format("{:.3f}"),
                 width="stretch", key="compare_metrics_table")
    st.caption(" · ".join(f"{name}: {status}" for name, status in table["status"].items()))

    st.subheader(t("compare_assignments"))
    columns = [assignment_matrix([plan]) for plan in plans]  # one each: labels may repeat
    matrix = columns[0][["region_code", "region_name"]].copy()
    for title, column in zip(labels, columns, strict=True):
        matrix[title] = column.iloc[:, 2].to_numpy()
    changed = differences(matrix)
    st.caption(t("compare_differ", count=int(changed.any(axis=1).sum()), total=len(matrix)))
    shown = matrix.drop(columns=["region_code"]).rename(columns={"region_name": t("col_region")})

    def mark(frame: pd.DataFrame) -> pd.DataFrame:
        styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
        for column in changed.columns:
            styles.loc[changed[column], column] = "background-color: #fde0c5; font-weight: bold"
        return styles

    st.dataframe(shown.style.apply(mark, axis=None), hide_index=True, width="stretch",
                 height=table_height(len(shown)), key="compare_matrix_table")

    per_row = min(len(plans), 3)
    for start_index in range(0, len(plans), per_row):
        columns = st.columns(per_row)
        for offset, plan in enumerate(plans[start_index:start_index + per_row]):
            with columns[offset]:
                st.markdown(f"**{labels[start_index + offset]}**")
                if plan.feasible:
                    show_map(plan, key=f"compare_map_{start_index + offset}", height=420)
                else:
                    st.error(f"{t('infeasible')} {diagnosis(plan)}")
