"""Widgets for the scenario's scalar settings the sidebar does not draw by hand.

A scalar key added to the :class:`~jazari_planner.scenario.schema.Scenario` model appears
here with a widget made from its type and bounds (a toggle, a choice, a number or a text
box) and the label its key names in the words files, until the sidebar gives it a place
of its own (:data:`~.form.DRAWN_BY_HAND`).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ..scenario.fields import ScalarField, scalar_fields
from ..scenario.schema import Scenario
from .form import DRAWN_BY_HAND, field_label, field_widget
from .session import on_replan, t

__all__ = ["model_widget", "other_fields", "other_settings"]


def other_fields(model: type[Scenario] = Scenario) -> list[ScalarField]:
    """The scalar settings of ``model`` no hand-drawn widget shows."""
    return [field for field in scalar_fields(model) if field.key not in DRAWN_BY_HAND]


def model_widget(field: ScalarField) -> None:
    """The widget of ``field``, from its kind and bounds; its help is the model's text."""
    key, label = field_widget(field), t(field_label(field))
    shared: dict[str, Any] = {"key": key, "help": field.description or None,
                              "on_change": on_replan}  # a setting changes only the plan
    if field.kind == "bool":
        st.toggle(label, **shared)
    elif field.kind == "choice":
        st.selectbox(label, list(field.choices), **shared)
    elif field.kind == "str":
        st.text_input(label, **shared)
    elif field.kind == "int":
        st.number_input(label, min_value=None if field.low is None else int(field.low),
                        max_value=None if field.high is None else int(field.high), step=1,
                        **shared)
    else:
        st.number_input(label, min_value=None if field.low_open else field.low,
                        max_value=field.high, **shared)


def other_settings() -> None:
    """A widget for each scalar setting the sidebar does not draw by hand (none today)."""
    for field in other_fields():
        model_widget(field)
