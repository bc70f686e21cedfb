"""Jazari Planner for ministry planners: ``streamlit run app.py``.

A thin shell over the library: the sidebar edits a scenario, :func:`jazari_planner.solve`
plans it, and the page shows the plan (map, assignments, balance measures, why each theme is
where it is), compares scenarios, and lists the data with its sources. The app holds no
planning logic; its parts live in :mod:`jazari_planner.app_support` (one module per view).
"""

from __future__ import annotations

import streamlit as st

from jazari_planner.app_support.compare_view import compare_view
from jazari_planner.app_support.data_view import data_view
from jazari_planner.app_support.plan_view import plan_view
from jazari_planner.app_support.roadmap_view import roadmap_view
from jazari_planner.app_support.session import AppPaths, current_dataset, start, t
from jazari_planner.app_support.sidebar import sidebar

st.set_page_config(page_title="Jazari Planner", page_icon="🗺️", layout="wide")


def main() -> None:
    """One run of the page: the sidebar's scenario, then the chosen view."""
    start(AppPaths.beside(__file__))
    dataset = current_dataset()
    scenario = sidebar(dataset)
    st.html("<style>[data-testid='stMainBlockContainer']{padding-top:2.2rem}</style>")
    head, switch = st.columns([5, 4], vertical_alignment="bottom")  # room for four views
    head.title(t("title"))
    head.caption(t("tagline"))
    views = {"plan": t("view_plan"), "roadmap": t("view_roadmap"), "compare": t("view_compare"),
             "data": t("view_data")}
    switch.segmented_control(t("view"), list(views), format_func=views.__getitem__, key="view",
                             default="plan", label_visibility="collapsed")
    view = st.session_state.get("view") or "plan"
    if view == "compare":
        compare_view(scenario)
    elif view == "data":
        data_view(dataset)
    elif view == "roadmap":
        roadmap_view(scenario, dataset)
    else:
        plan_view(scenario)


main()
