"""The sidebar's scenario list: the shipped files, the scenarios a planner saved, and the one
uploaded last, with the saved ones renamed, overwritten and deleted from there.

A choice is an id: a shipped file's name (``baseline.yaml``), ``saved:<file>`` or
``upload:<file>``. Saving never writes a silent copy: a scenario whose file exists already
is written over only after the planner says so, and a delete is asked for twice.
"""

from __future__ import annotations

import streamlit as st

from ..common.errors import InputError
from ..common.escaping import markdown_text
from ..scenario.schema import Scenario
from .saved import delete_saved, rename_saved, save_scenario, saved_scenarios, saved_target
from .session import (
    SAVED,
    UPLOADED,
    current_dataset,
    current_scenario,
    lang,
    on_load_file,
    paths,
    scenario_files,
    t,
)
from .widgets import choice

__all__ = ["FITS_IN_THE_BOX", "choice_text", "on_save", "save_controls", "scenario_choices",
           "scenario_picker"]

#: The characters of a choice the sidebar's scenario box shows uncut (measured in Chromium:
#: ``southern-energy-corridor.yaml``, 29, fits at the sidebar's default width; a longer
#: saved name is cut with an ellipsis, in the box and in its list).
FITS_IN_THE_BOX = 30


def scenario_choices() -> list[str]:
    """The shipped files, the saved scenarios, then the uploaded one (if any)."""
    state = st.session_state
    choices = [*scenario_files(), *(f"{SAVED}{name}" for name in saved_scenarios(paths().saved))]
    uploaded = state.get("uploaded_name")
    if uploaded:
        choices.append(f"{UPLOADED}{uploaded}")
    return choices


def choice_text(option: str) -> str:
    """A choice as listed: a file's name, ``saved: …`` or ``uploaded: …``."""
    if option.startswith(SAVED):
        return t("saved_prefix", name=option.removeprefix(SAVED))
    if option.startswith(UPLOADED):
        return t("uploaded_prefix", name=option.removeprefix(UPLOADED))
    return option


def _notice(error: str | None = None, saved: str | None = None) -> None:
    st.session_state["save_error"] = error
    st.session_state["saved_notice"] = saved


def on_save(overwrite: bool = False) -> None:
    """Save the settings on screen under their name; a file of that name is written over
    only with ``overwrite`` (the planner's answer to the question the sidebar asks).

    The settings are read from the session at the click, not from the last full run: a
    weight moved since then reran the Plan view alone."""
    state = st.session_state
    state["confirm_overwrite"] = None
    scenario = current_scenario(current_dataset())
    if scenario is None:
        return
    try:
        path = save_scenario(scenario, paths().saved, overwrite=overwrite)
    except FileExistsError:
        state["confirm_overwrite"] = saved_target(scenario, paths().saved).name
        _notice()
        return
    except InputError as error:
        _notice(error=error.message)
        return
    _notice(saved=path.name)
    option = f"{SAVED}{path.name}"
    state["scenario_file"] = option
    choices = list(state.get("compare_choices", []))
    if option not in choices:
        state["compare_choices"] = [*choices, option]


def _on_cancel_overwrite() -> None:
    st.session_state["confirm_overwrite"] = None


def _on_rename(name: str) -> None:
    state = st.session_state
    try:
        path = rename_saved(paths().saved, name, str(state.get("saved_new_name", "")))
    except InputError as error:
        _notice(error=error.message)
        return
    _notice(saved=path.name)
    old, new = f"{SAVED}{name}", f"{SAVED}{path.name}"
    state["scenario_file"] = new
    state["compare_choices"] = [new if c == old else c for c in state.get("compare_choices", [])]


def _on_ask_delete(name: str) -> None:
    st.session_state["confirm_delete"] = name


def _on_delete(name: str) -> None:
    state = st.session_state
    state["confirm_delete"] = None
    try:
        delete_saved(paths().saved, name)
    except InputError as error:
        _notice(error=error.message)
        return
    _notice()
    state["scenario_file"] = scenario_files()[0] if scenario_files() else None
    state["compare_choices"] = [c for c in state.get("compare_choices", [])
                                if c != f"{SAVED}{name}"]


def _on_cancel_delete() -> None:
    st.session_state["confirm_delete"] = None


def scenario_picker() -> None:
    """The scenario list and its Load button; for a saved scenario, rename and delete."""
    state = st.session_state
    options = scenario_choices()
    if state.get("scenario_file") not in options:
        state["scenario_file"] = options[0] if options else None
    choice(st.selectbox, t("scenario_file"), options, key="scenario_file", lang=lang(),
           format_func=choice_text)
    chosen = str(state.get("scenario_file") or "")
    written = choice_text(chosen)
    if len(written) > FITS_IN_THE_BOX:  # the box cuts it: say it whole, wrapped, under it
        st.caption(markdown_text(written))
    st.button(t("load"), key="load_file", on_click=on_load_file, width="stretch")
    if not chosen.startswith(SAVED):
        return
    name = chosen.removeprefix(SAVED)
    if state.get("confirm_delete") == name:
        st.warning(t("saved_delete_ask", name=markdown_text(name)))
        yes, no = st.columns(2)
        yes.button(t("saved_delete_yes"), key="saved_delete_yes", on_click=_on_delete,
                   args=(name,), type="primary", width="stretch")
        no.button(t("cancel"), key="saved_delete_no", on_click=_on_cancel_delete,
                  width="stretch")
        return
    with st.expander(t("saved_manage"), key="panel_saved_manage", on_change="rerun") as panel:
        if panel.open:
            st.text_input(t("saved_new_name"), key="saved_new_name")
            left, right = st.columns(2)
            left.button(t("saved_rename"), key="saved_rename", on_click=_on_rename,
                        args=(name,), width="stretch")
            right.button(t("saved_delete"), key="saved_delete", on_click=_on_ask_delete,
                         args=(name,), width="stretch")


def save_controls(scenario: Scenario | None) -> None:
    """The Save button, the overwrite question when its file exists, and what happened."""
    state = st.session_state
    st.button(t("save_for_compare"), key="save_for_compare", width="stretch",
              on_click=on_save, disabled=scenario is None)
    existing = state.get("confirm_overwrite")
    if existing and scenario is not None:
        st.warning(t("saved_overwrite_ask", name=markdown_text(existing)))
        yes, no = st.columns(2)
        yes.button(t("saved_overwrite_yes"), key="saved_overwrite_yes", on_click=on_save,
                   args=(True,), type="primary", width="stretch")
        no.button(t("cancel"), key="saved_overwrite_no", on_click=_on_cancel_overwrite,
                  width="stretch")
    if state.get("save_error"):
        st.error(markdown_text(state["save_error"]))
    elif state.get("saved_notice"):
        st.caption(t("saved_as", name=markdown_text(state["saved_notice"])))
