"""The Data view: every indicator with its source and year, the values, the themes; and a
planner's own indicator file, validated before it replaces anything.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import jazari_planner as jp

from .session import (
    on_upload_indicators,
    on_use_embedded,
    region_text,
    t,
    table_height,
    theme_text,
)
from .sources import DataSource

__all__ = ["data_view"]
def data_view(scenario: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """The data in use with its sources, and a planner's own indicator file."""
    state = st.session_state
    source: DataSource = state["data_source"]
    st.caption(t("data_intro", count=len(dataset.catalogue), regions=len(dataset.regions)))
    st.markdown(t("data_source", source=source.label or t("embedded")))
    st.file_uploader(t("upload_indicators"), type=["csv"], key="indicators_upload",
                     on_change=on_upload_indicators)
    if state.get("indicators_error"):
        st.error(f"{state['indicators_error']}\n\n{t('upload_rejected')}")
    elif source.indicators is not None and source.label:
        st.success(t("indicators_loaded", name=source.label))
    st.button(t("use_embedded"), key="use_embedded", on_click=on_use_embedded,
              disabled=source == DataSource())

    st.subheader(t("catalogue"))
    catalogue = dataset.catalogue.reset_index()
    st.dataframe(pd.DataFrame({
        "id": catalogue["indicator"].astype(str),
        t("col_indicator"): catalogue["label"].astype(str),
        t("col_group"): catalogue["group"].astype(str),
        t("col_unit"): catalogue["unit"].astype(str),
        t("col_direction"): [t(str(d)) for d in catalogue["direction"]],
        t("col_year"): catalogue["year"].astype(str),
        t("col_source"): catalogue["source"].astype(str),
    }), hide_index=True, width="stretch", height=table_height(len(catalogue)),
        key="catalogue_table")

    st.subheader(t("values"))
    values = dataset.values()
    values.index = [region_text(dataset, code) for code in values.index]
    st.dataframe(values, width="stretch", height=table_height(len(values)), key="values_table")

    st.subheader(t("themes_table"))
    themes = dataset.themes.reset_index()
    st.dataframe(pd.DataFrame({
        "id": themes["theme_id"].astype(str),
        t("col_theme"): [theme_text(dataset, th) for th in themes["theme_id"]],
        t("col_cost"): themes["cost"].astype(float),
        t("col_min"): themes["min"].astype(int),
        t("col_max"): themes["max"].astype(int),
    }), hide_index=True, width="stretch", height=table_height(len(themes)),
        key="themes_table")
