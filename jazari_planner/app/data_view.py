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
    dataset_of,
    group_text,
    indicator_text,
    key_of,
    lang,
    on_upload_indicators,
    on_use_embedded,
    region_text,
    t,
    table_height,
    theme_text,
)
from .sources import DataSource
from .spreadsheet_csv import spreadsheet_csv
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


def show_overrides(source: DataSource, dataset: jp.Dataset) -> None:
    """What a partial upload changed: each value it carries, the one it replaced, and the
    source and year it gives."""
    under = source.under or DataSource()
    before, now = dataset_of(key_of(under), under).values(), dataset.values()
    given = dataset.indicators.set_index(["region_code", "indicator"])
    st.success(t("indicators_partial", name=markdown_text(source.label or ""),
                 count=len(source.overrides),
                 under=markdown_text(under.label) if under.label else t("embedded")))
    code = lang()
    rows = [(region_text(dataset, region), indicator_text(dataset, indicator),
             float(before[indicator][region]), float(now[indicator][region]),
             str(given.loc[(region, indicator), "year"]),
             str(given.loc[(region, indicator), "source"]))
            for region, indicator in source.overrides]
    table = pd.DataFrame(rows, columns=[t("col_region"), t("col_indicator"), t("col_before"),
                                        t("col_now"), t("col_year"), t("col_source")])
    st.table(localized(table, {t("col_before"): 2, t("col_now"): 2}, code).hide())


def data_view(scenario: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """The data in use with its sources, and a planner's own indicator file."""
    state = st.session_state
    code = lang()
    source: DataSource = state["data_source"]
    st.caption(t("data_intro", count=len(dataset.catalogue), regions=len(dataset.regions)))
    label = markdown_text(source.label) if source.label else t("embedded")
    st.markdown(t("data_source", source=label))
    upload, download = st.columns([3, 2], vertical_alignment="bottom")
    upload.file_uploader(t("upload_indicators"), type=["csv"], key="indicators_upload",
                         on_change=on_upload_indicators, help=t("upload_indicators_help"))
    download.download_button(
        t("download_data_csv"), lambda: spreadsheet_csv(dataset.indicators),
        file_name="indicators.csv", mime="text/csv", key="download_data_csv",
        on_click="ignore", width="stretch", help=t("download_data_csv_help"))
    if state.get("indicators_error"):
        st.error(f"{markdown_text(state['indicators_error'])}\n\n{t('upload_rejected')}")
    elif source.overrides:
        show_overrides(source, dataset)
    elif source.indicators is not None and source.label:
        st.success(t("indicators_loaded", name=markdown_text(source.label)))
    if source != DataSource():  # only when there is somewhere to go back from
        st.button(t("use_embedded"), key="use_embedded", on_click=on_use_embedded)

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
