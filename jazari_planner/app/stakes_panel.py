"""The Data view's panel of figures to measure first (docs/model.md §13).

It runs :func:`jazari_planner.data_stakes` on the settings on screen with a progress bar
(rate and time left), then lists the uncertain values that could change the plan, largest
stake first, with the pairs each would change, and the chart. A thin shell: the library does
the work.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import jazari_planner as jp

from ..common.errors import InfeasibleError, InputError, SolverLimitError
from ..common.progress import Pace
from .session import key_of, lang, number, scenario_key, t

__all__ = ["stakes_panel"]


def _key(scenario: jp.Scenario) -> tuple[Any, ...]:
    return (scenario_key(scenario), key_of(st.session_state["data_source"]))


def _progress_text(pace: Pace, done: int, total: int) -> str:
    left = pace.seconds_left(done, total)
    return t("stakes_progress", done=done, total=total, rate=number(pace.rate(done), 1),
             left=number(left, 0) if left is not None else "…")


def _run(scenario: jp.Scenario, dataset: jp.Dataset) -> None:
    bar = st.progress(0.0, text=t("stakes_starting"))
    pace = Pace()

    def report(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=_progress_text(pace, done, total))

    try:
        result = jp.data_stakes(scenario, dataset, progress=report)
    except InfeasibleError:
        st.error(t("stakes_infeasible"))
        return
    except (InputError, SolverLimitError) as error:
        st.error(str(error))
        return
    finally:
        bar.empty()
    st.session_state["stakes"] = (_key(scenario), result)


def _show(result: jp.DataStakes) -> None:
    worth = result.worth_measuring
    st.caption(t("stakes_found", worth=len(worth), values=len(result.table),
                 solves=result.solves, seconds=number(result.seconds, 1)))
    if worth.empty:
        st.success(t("stakes_none"))
        return
    st.dataframe(pd.DataFrame({
        t("col_region"): worth["region_name"].astype(str),
        t("col_indicator"): worth["indicator_label"].astype(str),
        t("col_value"): worth["value"].astype(float),
        t("col_confidence"): [t(f"confidence_{c}") for c in worth["confidence"]],
        t("stakes_interval"): [f"{number(lo, 2)} – {number(hi, 2)}"
                               for lo, hi in zip(worth["lo"], worth["hi"], strict=True)],
        t("stakes_stake"): worth["stake"].astype(float),
        t("stakes_gained"): worth["gained"].astype(str),
        t("stakes_lost"): worth["lost"].astype(str),
    }), hide_index=True, width="stretch", key="stakes_table",
        column_config={t("stakes_stake"): st.column_config.NumberColumn(format="%.3f %%")})
    st.pyplot(result.plot(lang=lang()), width="stretch")


def stakes_panel(scenario: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """The panel: what it measures, the run button, then the figures worth measuring."""
    st.subheader(t("stakes_title"))
    st.caption(t("stakes_intro"))
    if scenario is None:
        st.info(t("no_plan_yet"))
        return
    if st.button(t("stakes_run"), type="primary", key="stakes_run"):
        _run(scenario, dataset)
    stored = st.session_state.get("stakes")
    if stored is not None and stored[0] == _key(scenario):
        _show(stored[1])
    else:
        st.info(t("stakes_not_run") if stored is None else t("stakes_outdated"))
