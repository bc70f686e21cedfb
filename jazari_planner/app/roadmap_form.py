"""The roadmap on screen (a scenario's ``phasing:`` block, docs/model.md §10) and its widgets.

The block lives in the session as a plain mapping under :data:`PHASING`, so it survives while
another view is shown (Streamlit forgets a widget's value when the widget is not drawn, and
may bring back one set earlier): the widgets are set from it whenever they are drawn, and
write back into it when they change. The
Roadmap view's widgets edit the years, the yearly budget (one figure or one per year), the
openings cap and the first-institute deadline; the announced openings come from the loaded
scenario and are kept as they are. :func:`~.form.scenario_from_form` puts the mapping into
the scenario the sidebar describes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..scenario.schema import Scenario

__all__ = [
    "BUDGET_MODES",
    "DEFAULT_ROADMAP",
    "PHASING",
    "budget_key",
    "phasing_from_widgets",
    "phasing_state",
    "widget_values",
]

#: The session key of the roadmap on screen: a ``phasing:`` mapping, or ``None``.
PHASING = "phasing"
#: How the yearly budget is given: none, one figure for every year, or one per year.
BUDGET_MODES = ("none", "one", "per_year")
#: A roadmap started from the app: 2025–2030, no rule yet.
DEFAULT_ROADMAP: dict[str, Any] = {"years": [2025, 2030]}
#: The figure the yearly budget starts at when the planner turns it on (MAD million).
STARTING_BUDGET = 450.0


def budget_key(year: int) -> str:
    """The widget key of one year's budget."""
    return f"rm_budget_{year}"


def phasing_state(scenario: Scenario) -> dict[str, Any]:
    """The session value of ``scenario``'s roadmap: its ``phasing:`` mapping, or ``None``.

    The widgets are set from it each time the Roadmap view draws them, so a value Streamlit
    keeps for a widget not drawn (it may bring back an old one) never wins over it.
    """
    phasing = (scenario.phasing.model_dump(mode="json", exclude_defaults=True)
               if scenario.phasing is not None else None)
    return {PHASING: phasing}


def widget_values(phasing: Mapping[str, Any] | None) -> dict[str, Any]:
    """The value of each roadmap widget for the ``phasing`` mapping (defaults where unset)."""
    phasing = phasing or DEFAULT_ROADMAP
    first, last = (int(y) for y in phasing["years"])
    budget = phasing.get("budget_per_year")
    per_year = budget if isinstance(budget, Mapping) else {}
    one = float(budget) if isinstance(budget, (int, float)) else STARTING_BUDGET
    values: dict[str, Any] = {
        "rm_years": (first, last),
        "rm_budget_mode": ("per_year" if per_year else "one" if budget is not None else "none"),
        "rm_budget": one,
        "rm_cap_on": phasing.get("max_openings_per_year") is not None,
        "rm_cap": int(phasing.get("max_openings_per_year") or 4),
        "rm_deadline_on": phasing.get("first_institute_by") is not None,
        "rm_deadline": int(phasing.get("first_institute_by") or last),
    }
    for year in range(first, last + 1):
        values[budget_key(year)] = float(per_year.get(str(year), per_year.get(year, one)))
    return values


def phasing_from_widgets(state: Mapping[str, Any]) -> dict[str, Any]:
    """The ``phasing:`` mapping the roadmap widgets describe; announcements and ``as_of``
    (while it still falls before the last year) kept from :data:`PHASING`. A year added by
    widening ``years`` gets the one-figure budget."""
    first, last = (int(y) for y in state["rm_years"])
    current: Mapping[str, Any] = state.get(PHASING) or {}
    phasing: dict[str, Any] = {"years": [first, last]}
    mode = state["rm_budget_mode"]
    if mode == "one":
        phasing["budget_per_year"] = float(state["rm_budget"])
    elif mode == "per_year":
        phasing["budget_per_year"] = {
            year: float(state.get(budget_key(year), state["rm_budget"]))
            for year in range(first, last + 1)}
    if state["rm_cap_on"]:
        phasing["max_openings_per_year"] = int(state["rm_cap"])
    if state["rm_deadline_on"]:
        phasing["first_institute_by"] = min(max(int(state["rm_deadline"]), first), last)
    for kept in ("opened", "opened_regions"):
        if current.get(kept):
            phasing[kept] = list(current[kept])
    as_of = current.get("as_of")
    if as_of is not None and first <= int(as_of) < last:  # the history stays the file's
        phasing["as_of"] = int(as_of)
    return phasing
