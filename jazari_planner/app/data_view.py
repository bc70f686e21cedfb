"""The Data view: every indicator with its source and year, the values with their confidence,
the themes with their sector measures, the figures to measure first (the data stakes); and a
planner's own indicator file, validated before it replaces anything.

Labels and groups are in the chosen language and numbers are written its way; the
catalogue is a plain table whose long sources wrap instead of being cut.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import jazari_planner as jp

from ..common.escaping import markdown_text
from .session import (
    group_text,
    indicator_text,
    lang,
    on_upload_indicators,
    on_use_embedded,
    region_text,
    t,
    table_height,
    theme_text,
)
from .sources import DataSource
from .stakes_panel import stakes_panel
from .tables import localized

__all__ = ["data_view"]

#: The catalogue's source column gets the room it needs: its text wraps.
CATALOGUE_CSS = """
.st-key-catalogue table { font-size: 13px; }
.st-key-catalogue td { vertical-align: top; overflow-wrap: anywhere; }
"""


#: A value's cell by its confidence (docs/model.md §2): the less sure, the warmer.
CONFIDENCE_CSS = {
    "exact": "",
    "secondary": "background-color: #dbe9f6",
    "derived": "background-color: #fde0c5",
    "gap": "background-color: #f9c9c0",
}


def catalogue_table(dataset: jp.Dataset) -> pd.DataFrame:
    """One row per indicator: label, group, unit, direction, year and source."""
    catalogue = dataset.catalogue.reset_index()
    return pd.DataFrame({
        t("col_indicator"): [indicator_text(dataset, str(k)) for k in catalogue["indicator"]],
        "id": catalogue["indicator"].astype(str),
        t("col_group"): [group_text(str(g)) for g in catalogue["group"]],
        t("col_unit"): [indicator_text(dataset, str(k), field="unit")
                        for k in catalogue["indicator"]],
        t("col_direction"): [t(str(d)) for d in catalogue["direction"]],
        t("col_year"): catalogue["year"].astype(str),
        t("col_source"): catalogue["source"].astype(str),
    })


def data_view(scenario: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """The data in use with its sources, and a planner's own indicator file."""
    state = st.session_state
    code = lang()
    source: DataSource = state["data_source"]
    st.caption(t("data_intro", count=len(dataset.catalogue), regions=len(dataset.regions)))
    label = markdown_text(source.label) if source.label else t("embedded")
    st.markdown(t("data_source", source=label))
    st.file_uploader(t("upload_indicators"), type=["csv"], key="indicators_upload",
                     on_change=on_upload_indicators, help=t("upload_indicators_help"))
    if state.get("indicators_error"):
        st.error(f"{markdown_text(state['indicators_error'])}\n\n{t('upload_rejected')}")
    elif source.indicators is not None and source.label:
        st.success(t("indicators_loaded", name=markdown_text(source.label)))
    st.button(t("use_embedded"), key="use_embedded", on_click=on_use_embedded,
              disabled=source == DataSource())

    st.subheader(t("catalogue"))
    st.html(f"<style>{CATALOGUE_CSS}</style>")
    with st.container(key="catalogue"):
        st.table(catalogue_table(dataset).set_index(t("col_indicator")))

    st.subheader(t("values"))
    values = dataset.values()
    values.index = [region_text(dataset, c) for c in values.index]
    values.columns = [indicator_text(dataset, str(k)) for k in values.columns]
    colours = dataset.confidence().map(CONFIDENCE_CSS.__getitem__)
    colours.index, colours.columns = values.index, values.columns
    st.dataframe(localized(values, {column: 2 for column in values.columns}, code)
                 .apply(lambda _: colours, axis=None),
                 width="stretch", height=table_height(len(values)), key="values_table")
    st.caption(t("confidence_key"))

    st.subheader(t("themes_table"))
    themes = dataset.themes.reset_index()
    st.dataframe(localized(pd.DataFrame({
        t("col_theme"): [theme_text(dataset, th) for th in themes["theme_id"]],
        "id": themes["theme_id"].astype(str),
        t("col_cost"): themes["cost"].astype(float),
        t("col_min"): themes["min"].astype(int),
        t("col_max"): themes["max"].astype(int),
        t("col_sector"): [", ".join(indicator_text(dataset, str(k)) for k in sector)
                          for sector in themes.get("sector", [()] * len(themes))],
    }), {t("col_cost"): 0}, code), hide_index=True, width="stretch",
        height=table_height(len(themes)), key="themes_table")

    stakes_panel(scenario, dataset)
