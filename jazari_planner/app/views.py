"""The app's views, in one registry: the page draws the chosen one.

A view is a name (its label's key in :mod:`jazari_planner.common.words`) and a function
that draws it from the scenario on screen (``None`` when the settings are invalid) and the
dataset in use. A new view is one more entry in :data:`VIEWS`; nothing else in the page
changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

import jazari_planner as jp

from .compare_view import compare_view
from .data_view import data_view
from .map_component import Drawn
from .plan_view import OnScreen, plan_details_view, plan_map_view
from .roadmap_view import roadmap_view
from .robustness_view import robustness_view
from .session import (
    DETAILS_WAIT,
    PLAN_DETAILS_FRAGMENT,
    PLAN_FRAGMENT,
    current_dataset,
    current_scenario,
    lang,
    on_map_drawn,
    t,
)
from .stakeholders_view import stakeholders_view
from .tradeoffs_view import tradeoffs_view
from .widgets import choice

__all__ = ["VIEWS", "View", "choose_view"]


@dataclass(frozen=True)
class View:
    """One view of the app: the key of its label, and the function that draws it."""

    label: str
    show: Callable[[jp.Scenario | None, jp.Dataset], None]


#: Session key: what the Plan view's map shows, for the view below it.
ON_SCREEN = "plan_on_screen"
#: Session key: the number the map's next report of a drawn plan carries (a new one each time).
DRAWN_NUMBER = "plan_drawn_number"


@st.fragment(key=PLAN_FRAGMENT)
def plan_fragment() -> None:
    """The Plan view's map and measures as a fragment: a weight moved on it reruns the plan
    and its map alone (:func:`~.session.on_replan`), from the settings in the session, not
    the page. After such a move the map reports the new plan painted, and only then is the
    view below it redrawn (:func:`~.session.on_map_drawn`)."""
    state = st.session_state
    dataset = current_dataset()
    waiting = bool(state.pop(DETAILS_WAIT, False))
    drawn = None
    if waiting:
        state[DRAWN_NUMBER] = state.get(DRAWN_NUMBER, 0) + 1
        drawn = Drawn(state[DRAWN_NUMBER], on_map_drawn)
    on_screen = plan_map_view(current_scenario(dataset), dataset, drawn=drawn)
    state[ON_SCREEN] = on_screen
    if waiting and (on_screen is None or not on_screen.map_on_page):
        st.rerun()  # no map will report: the page draws what is below it now


@st.fragment(key=PLAN_DETAILS_FRAGMENT)
def plan_details_fragment() -> None:
    """The view below the Plan view's map, as a fragment: redrawn after the map (above), or
    alone when one of its own widgets moves (the Why panel's region, say)."""
    on_screen: OnScreen | None = st.session_state.get(ON_SCREEN)
    if on_screen is not None:
        plan_details_view(on_screen)


def _plan(scenario: jp.Scenario | None, dataset: jp.Dataset) -> None:
    plan_fragment()
    plan_details_fragment()


#: Every view, in the order of the view switch; the first is shown at start.
VIEWS: dict[str, View] = {
    "plan": View("view_plan", _plan),
    "tradeoffs": View("view_tradeoffs", tradeoffs_view),
    "roadmap": View("view_roadmap", roadmap_view),
    "robustness": View("view_robustness", robustness_view),
    "stakeholders": View("view_stakeholders", stakeholders_view),
    "compare": View("view_compare", compare_view),
    "data": View("view_data", data_view),
}


def choose_view() -> View:
    """The view switch; returns the view chosen (kept by name across language switches)."""
    state = st.session_state
    if state.get("view") not in VIEWS:
        state["view"] = next(iter(VIEWS))
    name = choice(st.segmented_control, t("view"), list(VIEWS), key="view", lang=lang(),
                  format_func=lambda view: t(VIEWS[view].label), keep_none=True,
                  label_visibility="collapsed")
    return VIEWS[name]
