"""The sidebar: load a scenario (file or upload) and edit every setting it holds.

Each widget has a stable key (see :mod:`.form`); the scenario they describe is built by
:func:`~jazari_planner.app.form.scenario_from_form`, never by hand here.
The panels shown collapsed (a bound per region, per theme, the solver: 43 widgets) draw
their widgets only while open, so a page and each of its reruns carry a third fewer
elements; their values stay in the session meanwhile.
"""

from __future__ import annotations

import streamlit as st
from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

import jazari_planner as jp

from ..common.errors import InputError
from ..common.escaping import markdown_text
from ..common.words import LANGUAGE_NAMES
from ..presentation.style import theme_styles
from .field_widgets import other_settings
from .form import (
    GROUP_KEYS,
    bounds_key,
    lock_option,
    need_weight_key,
    scenario_from_form,
    theme_cost_key,
    theme_range_key,
)
from .page import sliders_in_language
from .scenario_list import save_controls, scenario_picker
from .session import (
    indicator_text,
    lang,
    on_default_bounds,
    on_replan,
    on_reset,
    on_upload_scenario,
    region_name,
    region_text,
    t,
    theme_text,
)
from .stability_panel import band_text
from .widgets import choice

__all__ = ["lazy_panel", "sidebar"]


def lazy_panel(label_key: str) -> ExpanderContainer:
    """A collapsed panel whose widgets are drawn only while it is open: opening it reruns
    the page (Streamlit's lazy expander, ``.open``), and the session key of its state is
    ``panel_`` + ``label_key``.

    A widget not drawn in a run loses its value at the end of that run, unless the session
    wrote it as a value of its own in that run: every setting is, at the top of each run
    (:func:`~.widgets.resend_settings`), so a closed panel's settings stay in the scenario.
    """
    return st.expander(t(label_key), key=f"panel_{label_key}", on_change="rerun")


def sidebar(dataset: jp.Dataset) -> jp.Scenario | None:
    """Every setting of a scenario; returns the scenario they describe (None if invalid)."""
    state = st.session_state
    with st.sidebar:
        st.radio(t("language"), list(LANGUAGE_NAMES), format_func=LANGUAGE_NAMES.__getitem__,
                 key="lang", horizontal=True)
        st.subheader(t("scenario"))
        scenario_picker()
        st.file_uploader(t("upload_scenario"), type=["yaml", "yml"], key="scenario_upload",
                         on_change=on_upload_scenario)
        if state.get("load_error"):
            st.error(f"{markdown_text(state['load_error'])}\n\n{t('upload_rejected')}")
        st.text_input(t("name"), key="name")
        # each language edits its own description; an untranslated one shows the English
        own = "description" if lang() == "en" else f"description_{lang()}"
        st.text_area(t("description"), key=own, height=80,
                     placeholder=str(state.get("description", "")) or None)
        language = lang()
        catalogue = [str(k) for k in dataset.catalogue.index]
        indicator_labels = {k: indicator_text(dataset, k) for k in catalogue}

        bands = {}  # under each of the five sliders: its stable band, once the scenario is known
        with st.expander(t("weights"), expanded=True):
            for group, key in GROUP_KEYS.items():
                st.slider(t(key), 0.0, max(3.0, float(state[key])), step=0.05, key=key,
                          format="localized", on_change=on_replan)
                bands[group] = st.empty()
            choice(st.radio, t("normalization"), ["minmax", "rank"], key="normalization",
                   lang=language, format_func=lambda method: t(f"norm_{method}"),
                   horizontal=True)
            choice(st.radio, t("aggregation"), ["gated", "additive"], key="aggregation",
                   lang=language, format_func=lambda method: t(f"aggregation_{method}"),
                   horizontal=True)
            st.caption(t(f"aggregation_{state['aggregation']}_help"))

        with st.expander(t("rules"), expanded=True):
            st.slider(t("balance"), 0.0, 1.0, step=0.05, key="balance", format="localized",
                      on_change=on_replan)
            bands["balance"] = st.empty()
            st.number_input(t("balance_focus"), min_value=1,
                            max_value=max(len(dataset.region_codes),
                                          int(state["balance_focus"])),
                            step=1, key="balance_focus", help=t("balance_focus_help"))
            st.slider(t("equity"), 0.0, max(2.0, float(state["equity"])), step=0.1, key="equity",
                      format="localized", on_change=on_replan)
            bands["equity"] = st.empty()
            choice(st.multiselect, t("need_indicators"), catalogue, key="need_indicators",
                   lang=language, format_func=indicator_labels.__getitem__,
                   placeholder=t("choose_indicators"))
            if not state["need_indicators"]:
                st.caption(t("no_need"))
            for indicator in state["need_indicators"]:
                key = need_weight_key(indicator)
                if key not in state:
                    state[key] = 1.0
                st.number_input(t("need_weight", indicator=indicator_labels[indicator]),
                                min_value=-5.0, max_value=5.0, step=0.5, key=key)
            st.slider(t("min_strength"), 0.0, 1.0, step=0.05, key="min_strength",
                      format="localized", on_change=on_replan)
            st.toggle(t("use_budget"), key="use_budget")
            st.number_input(t("budget"), min_value=0.0, step=50.0, key="budget", format="%.0f",
                            disabled=not state["use_budget"], on_change=on_replan)
            other_settings()  # scalar settings the model has and no widget above shows

        kmax_limit = max(len(dataset.theme_ids), *(int(state[bounds_key(c)][1])
                                                   for c in dataset.region_codes))
        with lazy_panel("region_bounds") as panel:
            if panel.open:
                st.slider(t("all_regions"), 0, kmax_limit, key="default_bounds",
                          on_change=on_default_bounds, args=(dataset.region_codes,))
                for code in dataset.region_codes:
                    st.slider(region_text(dataset, code), 0, kmax_limit, key=bounds_key(code))

        cmax_limit = max(len(dataset.region_codes), *(int(state[theme_range_key(th)][1])
                                                      for th in dataset.theme_ids))
        with lazy_panel("theme_rules") as panel:
            if panel.open:
                for theme in dataset.theme_ids:
                    st.slider(t("theme_regions", theme=theme_text(dataset, theme)), 0,
                              cmax_limit, key=theme_range_key(theme))
                    st.number_input(t("theme_cost"), min_value=0.0, step=10.0, format="%.0f",
                                    key=theme_cost_key(theme))

        names = {code: region_name(dataset, code) for code in dataset.region_codes}
        themes = {theme: theme_text(dataset, theme) for theme in dataset.theme_ids}
        badges = theme_styles(dataset.theme_ids, lang())
        # The badge first: a tag cut short in the narrow sidebar still tells locks apart.
        arrow = t("arrow_to")
        lock_texts = {lock_option(code, theme): f"{badges[theme].badge} · {names[code]} {arrow} "
                                                 f"{themes[theme]}"
                      for code in dataset.region_codes for theme in dataset.theme_ids}
        with st.expander(t("locks"), expanded=True):
            for which in ("lock_in", "lock_out"):
                choice(st.multiselect, t(which), list(lock_texts), key=which, lang=language,
                       format_func=lock_texts.__getitem__, placeholder=t("choose_locks"))

        with lazy_panel("solver") as panel:
            if panel.open:
                st.selectbox(t("solver_name"), ["highs", "cbc"], key="solver_name")
                st.number_input(t("time_limit"), min_value=0.1, step=5.0, key="time_limit")
                st.number_input(t("mip_gap"), min_value=0.0, max_value=1.0, step=0.01,
                                format="%.3f", key="mip_gap")

        try:
            scenario = scenario_from_form(state.to_dict(), dataset, base=state["base"])
        except InputError as error:
            st.error(f"{t('invalid_settings')}\n\n{markdown_text(error.message)}")
            scenario = None
        if scenario is not None:
            for parameter, slot in bands.items():
                band = band_text(scenario, state["data_source"], parameter)
                if band is not None:
                    slot.caption(band)
        st.button(t("reset"), key="reset", on_click=on_reset, width="stretch")
        save_controls(scenario)
        sliders_in_language()
    return scenario
