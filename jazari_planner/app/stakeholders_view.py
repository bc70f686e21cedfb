"""The Stakeholders view: several parties, each with its own weights, and the plan they can
best agree on (docs/model.md §11).

Two to six parties; each gives its weights by typing them, by ranking the three groups
(rank-order-centroid weights) or by SWING points (:mod:`.stakeholder_weights`). The button
runs :func:`jazari_planner.consensus` on the settings on screen with those parties, with a
progress bar; the view then shows the regrets (cards and bars), the map of the consensus
(each badge over the share of parties that chose it) or of any party's own plan, and the
themes each plan gives each region. The parties are saved into the scenario (and so into its
YAML) only when asked; the deck of the consensus is a download. A thin shell: the library
does the work.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import jazari_planner as jp

from ..common.escaping import markdown_text
from ..presentation.consensus_figure import agreement
from ..presentation.webmap import plan_layer
from ..scenario.schema import Stakeholder
from . import exports
from .maps import plan_frame, show_map
from .pinned import settings_key
from .session import lang, number, run_with_bar, t, theme_text
from .stakeholder_weights import (
    GROUPS,
    STAKEHOLDERS,
    rank_order_centroid,
    swing_weights,
)
from .widgets import choice

__all__ = ["DEFAULT_PARTIES", "METHODS", "parties_on_screen", "stakeholders_view"]

#: The ways a party gives its weights.
METHODS: tuple[str, ...] = ("typed", "ranked", "swing")
#: The parties a scenario without any starts from (those of scenarios/stakeholders.yaml).
DEFAULT_PARTIES: list[dict[str, Any]] = [
    {"name": "Ministry", "weights": {"economic": 1.0, "academic": 1.0, "infrastructure": 1.0}},
    {"name": "Regional councils",
     "weights": {"economic": 1.0, "academic": 1.0, "infrastructure": 1.0}, "balance": 0.8},
    {"name": "Universities",
     "weights": {"economic": 1.0, "academic": 3.0, "infrastructure": 1.0}},
]
#: The fewest and most parties the view takes.
FEWEST, MOST = 2, 6


def _key(field: str, index: int, group: str = "") -> str:
    return f"sh_{field}_{index}" + (f"_{group}" if group else "")


def _start_widgets(saved: list[dict[str, Any]]) -> None:
    """Set every party's widgets from the parties saved in the scenario (or the defaults)."""
    state = st.session_state
    parties = saved if len(saved) >= FEWEST else DEFAULT_PARTIES
    state["sh_count"] = min(MOST, len(parties))
    for index in range(MOST):
        party: dict[str, Any] = parties[index] if index < len(parties) else {
            "name": f"Party {index + 1}", "weights": dict.fromkeys(GROUPS, 1.0)}
        state[_key("name", index)] = str(party["name"])
        state[_key("method", index)] = "typed"
        for rank, group in enumerate(GROUPS, start=1):
            state[_key("w", index, group)] = float(party["weights"].get(group, 0.0))
            state[_key("rank", index, group)] = rank
            state[_key("swing", index, group)] = 100 if rank == 1 else 50
        state[_key("own_balance", index)] = party.get("balance") is not None
        state[_key("balance", index)] = float(party.get("balance") or 0.3)


def _weights(index: int) -> dict[str, float]:
    """Party ``index``'s weights as its method gives them."""
    state = st.session_state
    method = state[_key("method", index)]
    if method == "ranked":
        return rank_order_centroid({g: int(state[_key("rank", index, g)]) for g in GROUPS})
    if method == "swing":
        return swing_weights({g: float(state[_key("swing", index, g)]) for g in GROUPS})
    return {g: float(state[_key("w", index, g)]) for g in GROUPS}


def parties_on_screen() -> list[dict[str, Any]]:
    """The parties the widgets describe, as ``stakeholders:`` entries (weights rounded to
    four decimals, so the YAML stays readable)."""
    state = st.session_state
    parties = []
    for index in range(int(state["sh_count"])):
        party: dict[str, Any] = {
            "name": str(state[_key("name", index)]).strip() or f"Party {index + 1}",
            "weights": {g: round(w, 4) for g, w in _weights(index).items()}}
        if state[_key("own_balance", index)]:
            party["balance"] = float(state[_key("balance", index)])
        parties.append(party)
    return parties


def _party_editor(index: int) -> None:
    state = st.session_state
    with st.container(border=True):
        st.text_input(t("sh_name"), key=_key("name", index))
        choice(st.segmented_control, t("sh_method"), list(METHODS), key=_key("method", index),
               lang=lang(), format_func=lambda m: t(f"sh_method_{m}"), keep_none=True)
        method = state[_key("method", index)]
        for group in GROUPS:
            label = t(f"weight_{group}")
            if method == "typed":
                st.number_input(label, 0.0, 100.0, step=0.1, key=_key("w", index, group))
            elif method == "ranked":
                st.selectbox(t("sh_rank_of", group=label), [1, 2, 3],
                             key=_key("rank", index, group))
            else:
                st.slider(t("sh_swing_of", group=label), 0, 100,
                          key=_key("swing", index, group))
        if method != "typed":
            shown = ", ".join(f"{t(f'weight_{g}')} {number(w, 3)}"
                              for g, w in _weights(index).items())
            st.caption(t("sh_derived", weights=shown))
        st.toggle(t("sh_own_balance"), key=_key("own_balance", index))
        if state[_key("own_balance", index)]:
            st.slider(t("balance"), 0.0, 1.0, step=0.05, key=_key("balance", index),
                      format="localized")


def _with_parties(scenario: jp.Scenario, parties: list[dict[str, Any]]) -> jp.Scenario:
    """The scenario on screen with ``parties`` as its stakeholders (checked when solved)."""
    return scenario.model_copy(update={"stakeholders": [Stakeholder.model_validate(p)
                                                        for p in parties]})


def _run(seen: jp.Scenario, dataset: jp.Dataset, key: Any) -> None:
    result = run_with_bar(lambda progress: jp.consensus(seen, dataset, progress=progress),
                          text=t("sh_starting"))
    if result is None:
        return
    st.session_state["consensus"] = (key, result)


def _regions_table(result: jp.Consensus) -> pd.DataFrame:
    """Region × plan: the themes the consensus and each party's own plan give it."""
    plan = result.plan
    dataset = plan.dataset
    plans = {t("sh_consensus"): plan, **result.plans}

    def themes(shown: jp.Plan, code: str) -> str:
        return ", ".join(theme_text(dataset, th) for r, th in shown.cells if r == code) or "—"

    return pd.DataFrame({t("col_region"): [dataset.region_name(c) for c in dataset.region_codes],
                         **{name: [themes(p, c) for c in dataset.region_codes]
                            for name, p in plans.items()}})


def _show(result: jp.Consensus) -> None:
    cards = st.columns(4)
    cards[0].metric(t("sh_max_regret"), number(100 * result.max_regret, 2) + " %",
                    help=t("sh_max_regret_help"), border=True)
    cards[1].metric(t("sh_mean_regret"), number(100 * result.mean_regret, 2) + " %",
                    border=True)
    cards[2].metric(t("sh_agreed"), str(len(result.agreed)), help=t("sh_agreed_help"),
                    border=True)
    cards[3].metric(t("sh_contested"), str(len(result.contested)),
                    help=t("sh_contested_help"), border=True)
    st.pyplot(result.plot(lang=lang()), width="stretch")
    names = [t("sh_consensus"), *result.plans]
    if st.session_state.get("sh_map_of") not in names:
        st.session_state["sh_map_of"] = names[0]
    shown_name = choice(st.selectbox, t("sh_map_of"), names, key="sh_map_of", lang=lang(),
                        format_func=str)
    shown = result.plan if shown_name == names[0] else result.plans[shown_name]
    layer = (plan_layer(shown, lang=lang(), key=False, confidence=agreement(result),
                        share_key="agreement") if shown is result.plan
             else plan_layer(shown, lang=lang(), key=False))
    show_map(plan_frame(shown, name="stakeholders"), layer, key="stakeholders_map", height=560)
    st.subheader(t("sh_plans"))
    st.dataframe(_regions_table(result), hide_index=True, width="stretch",
                 key="stakeholders_table")
    code = lang()
    st.download_button(t("sh_deck"), lambda: exports.consensus_pptx(result, lang=code),
                       file_name=f"{exports.file_stem(result.scenario.name)}-consensus.pptx",
                       key="download_consensus_pptx", on_click="ignore")


def stakeholders_view(scenario: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """The view: the parties, the run and save buttons, then the consensus."""
    if scenario is None:
        st.info(t("no_plan_yet"))
        return
    state = st.session_state
    st.subheader(t("sh_title"))
    st.caption(t("sh_intro"))
    if scenario.phasing is not None:
        st.caption(t("sh_roadmap"))
    if "sh_count" not in state:
        _start_widgets(list(state.get(STAKEHOLDERS) or []))
    st.number_input(t("sh_count"), FEWEST, MOST, step=1, key="sh_count")
    count = int(state["sh_count"])
    for row in range(0, count, 3):
        columns = st.columns(3)
        for index in range(row, min(count, row + 3)):
            with columns[index - row]:
                _party_editor(index)
    parties = parties_on_screen()
    try:
        seen = _with_parties(scenario, parties)
    except ValueError as error:
        st.error(markdown_text(str(error)))
        return
    source = state["data_source"]
    key = settings_key(seen, source)
    run, save = st.columns(2)
    if run.button(t("sh_run"), type="primary", key="sh_run", width="stretch"):
        _run(seen, dataset, key)
    if save.button(t("sh_save"), key="sh_save", width="stretch"):
        state[STAKEHOLDERS] = parties
        st.success(t("sh_saved", count=len(parties)))
    stored = state.get("consensus")
    if stored is not None and stored[0] == key:
        _show(stored[1])
    else:
        st.info(t("sh_not_run") if stored is None else t("sh_outdated"))
