"""A plan other than the settings' optimum shown in the Plan view: a point of the trade-off
frontier or a near-optimal alternative.

One mechanism for both: the Trade-offs and Robustness views pin a plan with the words of its
note, the Plan view shows it under that note with a way back, and any change of the settings
or the data drops it (the plan belongs to the settings it was found for).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

import jazari_planner as jp

from .session import key_of, scenario_key, t
from .sources import DataSource

__all__ = ["Pinned", "pin", "pinned", "settings_key", "unpin"]

#: The session key of the pinned plan.
_KEY = "pinned"


@dataclass(frozen=True)
class Pinned:
    """The pinned plan, the settings it belongs to, and the words of its note and way back."""

    settings: str
    plan: jp.Plan
    note: str
    back: str
    words: dict[str, Any] = field(default_factory=dict)

    def note_text(self) -> str:
        """The note above the Plan view, in the chosen language."""
        return t(self.note, **self.words)


def settings_key(scenario: jp.Scenario, source: DataSource) -> str:
    """The settings and the data a plan was found for, as one comparable key."""
    return f"{scenario_key(scenario)}\n{key_of(source)}"


def pin(settings: str, plan: jp.Plan, *, note: str, back: str, **words: Any) -> None:
    """Show ``plan`` in the Plan view (a button's callback: it runs before the widgets)."""
    st.session_state[_KEY] = Pinned(settings, plan, note, back, dict(words))
    st.session_state["view"] = "plan"


def unpin() -> None:
    """Back to the optimum of the settings on screen."""
    st.session_state.pop(_KEY, None)


def pinned(scenario: jp.Scenario | None) -> Pinned | None:
    """The pinned plan while the settings on screen are still its own; else drop it."""
    current: Pinned | None = st.session_state.get(_KEY)
    if current is None:
        return None
    if scenario is None or current.settings != settings_key(scenario,
                                                            st.session_state["data_source"]):
        unpin()
        return None
    return current
