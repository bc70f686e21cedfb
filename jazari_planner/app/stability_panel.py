"""Stable bands in the app (docs/model.md §12): the Plan view's tornado and the sliders' band.

The Plan view runs :func:`jazari_planner.stability` on the settings on screen when asked (a few
seconds: each end is found by re-solving), with a progress bar, and shows the tornado chart and
a row per setting. The sidebar's five sliders (the three weights, balance, equity) then say
where the plan holds ("the plan holds from 0.35 to 1.8") for as long as only that slider
moves: the band of a setting stays true while every other setting is as it was.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import jazari_planner as jp

from .session import key_of, lang, number, run_with_bar, t
from .sources import DataSource

__all__ = ["SLIDER_OF", "band_text", "show_stability"]

#: The sidebar widget of each setting.
SLIDER_OF: dict[str, str] = {"economic": "weight_economic", "academic": "weight_academic",
                             "infrastructure": "weight_infrastructure", "balance": "balance",
                             "equity": "equity"}


def _value(scenario: jp.Scenario, parameter: str) -> float:
    if parameter in ("balance", "equity"):
        return float(getattr(scenario, parameter))
    return float(scenario.weights.get(parameter, 0.0))  # type: ignore[call-overload]


def _moved(scenario: jp.Scenario, parameter: str, value: float) -> jp.Scenario:
    if parameter in ("balance", "equity"):
        return scenario.model_copy(update={parameter: value})
    return scenario.model_copy(update={"weights": {**scenario.weights, parameter: value}})


def band_text(scenario: jp.Scenario, source: DataSource, parameter: str) -> str | None:
    """``"the plan holds from 0.35 to 1.8"`` for ``parameter``'s slider, when the last bands
    found were for these settings, ``parameter`` aside; ``None`` otherwise."""
    stored = st.session_state.get("stability")
    if stored is None:
        return None
    data_key, result = stored
    if data_key != key_of(source):
        return None
    moved = _moved(result.scenario, parameter, _value(scenario, parameter))
    if moved.model_dump() != scenario.model_dump():
        return None
    lo, hi = result.band(parameter)
    return t("stab_holds", lo=number(lo, 2), hi=number(hi, 2))


def _run(scenario: jp.Scenario, dataset: jp.Dataset, source: DataSource) -> None:
    result = run_with_bar(lambda progress: jp.stability(scenario, dataset, progress=progress))
    if result is None:
        return
    st.session_state["stability"] = (key_of(source), result)
    st.rerun()  # the sidebar, drawn before this view, shows the bands at once


def _table(result: jp.Stability) -> pd.DataFrame:
    rows: dict[str, list[Any]] = {t("stab_col_setting"): [], t("stab_col_value"): [],
                                  t("stab_col_lo"): [], t("stab_col_hi"): [],
                                  t("stab_col_lost"): []}
    for row in result.table.to_dict("records"):
        rows[t("stab_col_setting")].append(t(f"param_{row['parameter']}"))
        rows[t("stab_col_value")].append(number(float(row["value"]), 2))
        rows[t("stab_col_lo")].append(number(float(row["lo"]), 2))
        rows[t("stab_col_hi")].append(number(float(row["hi"]), 2))
        lost = [str(row[f"{side}_lost"]) for side in ("lo", "hi") if row[f"{side}_lost"]]
        rows[t("stab_col_lost")].append(" | ".join(lost) or "—")
    return pd.DataFrame(rows)


def show_stability(scenario: jp.Scenario | None, dataset: jp.Dataset,
                   source: DataSource) -> None:
    """The Plan view's section: the button, then the tornado and the table of bands."""
    if scenario is None:
        return
    st.subheader(t("stab_title"))
    st.caption(t("stab_intro"))
    if scenario.phasing is not None:
        st.caption(t("stab_roadmap"))
    if st.button(t("stab_run"), key="stab_run"):
        _run(scenario, dataset, source)
    stored = st.session_state.get("stability")
    if stored is None or stored[0] != key_of(source) \
            or stored[1].scenario.model_dump() != scenario.model_dump():
        return
    result: jp.Stability = stored[1]
    st.pyplot(result.plot(lang=lang()), width="stretch")
    st.dataframe(_table(result), hide_index=True, width="stretch", key="stability_table")
