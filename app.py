"""Jazari Planner for ministry planners: ``streamlit run app.py``.

A thin shell over the library: the sidebar edits a scenario, :func:`jazari_planner.solve`
plans it, and the chosen view shows the plan (map, balance measures, why each theme is
where it is), the trade-off between efficiency and balance, compares scenarios, or lists the
data with its sources. The app holds no
planning logic; its parts live in :mod:`jazari_planner.app`, its views in one
registry (:data:`~jazari_planner.app.views.VIEWS`).
"""

from __future__ import annotations

import streamlit as st

from jazari_planner.app.page import page_header
from jazari_planner.app.session import AppPaths, current_dataset, start, widget_keys
from jazari_planner.app.sidebar import sidebar
from jazari_planner.app.views import choose_view
from jazari_planner.app.widgets import resend_settings

st.set_page_config(page_title="Jazari Planner", page_icon="🗺️", layout="wide")


def main() -> None:
    """One run of the page: the sidebar's scenario, then the chosen view."""
    start(AppPaths.beside(__file__))
    dataset = current_dataset()
    resend_settings(widget_keys(dataset))
    scenario = sidebar(dataset)
    with page_header():
        view = choose_view()
    view.show(scenario, dataset)


if __name__ == "__main__":  # Streamlit runs the page as __main__; a sweep's worker
    main()                  # process (spawn) imports it as __mp_main__ and must not draw it
