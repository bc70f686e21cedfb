"""The Robustness view: how sure each assignment is, and the plans nearly as good.

It runs :func:`jazari_planner.robustness` on the settings on screen with a progress bar (rate
and time left), then shows the acceptability heat map and the map whose badges show each
assignment's confidence; below, :func:`jazari_planner.alternatives` lists near-optimal plans,
each of which can be shown in the Plan view. A thin shell: the library does the work.
"""

from __future__ import annotations

import html
import threading
from typing import Any

import pandas as pd
import streamlit as st

import jazari_planner as jp

from ..common.errors import InfeasibleError, InputError, SolverLimitError
from ..common.progress import Pace
from ..presentation.webmap import plan_layer
from .maps import plan_frame, show_map
from .pinned import pin, settings_key
from .session import key_of, lang, number, region_name, scenario_key, solve, t, theme_text

__all__ = ["replacement_costs", "robustness_of", "robustness_view"]


def robustness_of(scenario: jp.Scenario) -> jp.Robustness | None:
    """The last sweep run on exactly these settings and data in this session, if any."""
    stored = st.session_state.get("robustness")
    if stored is None:
        return None
    key, result = stored
    return result if key[:2] == _scenario_key(scenario) else None


@st.cache_resource(show_spinner=False, max_entries=256)
def _costs(key: tuple[Any, ...], pair: tuple[str, str], _plan: jp.Plan) -> pd.DataFrame:
    return jp.replacement_cost(_plan, pairs=[pair])


def replacement_costs(plan: jp.Plan, pair: tuple[str, str]) -> pd.DataFrame:
    """The replacement cost of one pair of the plan (one re-solve: seconds on a roadmap),
    computed once per setting, plan shown (a pinned point or alternative is another) and
    pair."""
    return _costs((*_scenario_key(plan.scenario), plan.objective), pair, plan)


def _scenario_key(scenario: jp.Scenario) -> tuple[Any, ...]:
    return (scenario_key(scenario), key_of(st.session_state["data_source"]))


def progress_text(done: int, total: int, elapsed: float,
                  first: tuple[float, int] | None) -> str:
    """The bar's words: the seconds spent starting until a sample is done; then the samples
    done, the rate and the time left, both measured from the first sample done, so the
    workers' start-up does not make the estimate overshoot."""
    if first is None or done <= 0:
        return t("rob_starting", seconds=number(elapsed, 0))
    since, base = first
    if done <= base or elapsed <= since:
        return t("rob_first", done=done, total=total, seconds=number(elapsed, 0))
    rate = (done - base) / (elapsed - since)
    return t("rob_pace", done=done, total=total, rate=number(rate, 1),
             left=number(max(total - done, 0) / rate, 0))


def _run(scenario: jp.Scenario, dataset: jp.Dataset, settings: dict[str, Any]) -> None:
    """Run the sweep in a thread while the bar ticks each half second, so it moves from
    the first moment (starting the workers takes seconds) and its estimate stays honest."""
    bar = st.progress(0.0, text=progress_text(0, 1, 0.0, None))
    pace = Pace()
    seen: dict[str, Any] = {"done": 0, "total": int(settings["samples"]), "first": None}
    box: dict[str, Any] = {}

    def report(done: int, total: int) -> None:  # in the sweep's thread: no Streamlit call
        seen.update(done=done, total=total)
        if seen["first"] is None:
            seen["first"] = (pace.elapsed(), done)

    def work() -> None:
        try:
            box["result"] = jp.robustness(scenario, dataset, progress=report, **settings)
        except Exception as error:  # handed to the script's thread below
            box["error"] = error

    thread = threading.Thread(target=work, name="jazari-robustness", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.5)
        done, total = int(seen["done"]), max(int(seen["total"]), 1)
        bar.progress(min(done / total, 1.0),
                     text=progress_text(done, total, pace.elapsed(), seen["first"]))
    bar.empty()
    error = box.get("error")
    if isinstance(error, InfeasibleError):
        st.error(t("rob_infeasible"))
        return
    if isinstance(error, InputError | SolverLimitError):
        st.error(str(error))
        return
    if error is not None:
        raise error
    st.session_state["robustness"] = (
        (*_scenario_key(scenario), *sorted(settings.items())), box["result"])


def _show(result: jp.Robustness) -> None:
    dataset = result.plan.dataset
    counts = result.samples["status"].value_counts()
    cards = st.columns(5)
    cards[0].metric(t("rob_with_plan"), f"{result.solved} / {len(result.samples)}",
                    help=t("rob_with_plan_help", infeasible=int(counts.get("infeasible", 0)),
                           limit=int(counts.get("limit", 0))), border=True)
    unlocked = int((~result.confidence["locked"]).sum())
    cards[1].metric(t("rob_stable"), f"{result.plan_stable} / {unlocked}",
                    help=t("rob_stable_help", locked=len(result.confidence) - unlocked),
                    border=True)
    cards[2].metric(t("rob_contested"), str(len(result.contested)),
                    help=t("rob_contested_help"), border=True)
    cards[3].metric(t("rob_similarity"), number(100 * result.similarity, 0) + " %",
                    help=t("rob_similarity_help"), border=True)
    cards[4].metric(t("rob_seconds"), number(result.seconds, 1) + " s",
                    help=t("rob_seconds_help", workers=result.workers), border=True)
    st.pyplot(result.plot(lang=lang()), width="stretch")
    left, right = st.columns([3, 2], gap="medium")
    with left:
        show_map(plan_frame(result.plan, name="robustness"),
                 plan_layer(result.plan, lang=lang(), key=False,
                            confidence=result.confidence_of()),
                 key="robustness_map", height=620)
    with right:
        st.subheader(t("rob_least_sure"))
        st.html(confidence_html(result, dataset))


#: The pairs' table: the acceptability first (the key number, never pushed off to the
#: right), then the region and the theme, whose names wrap rather than being cut.
CONFIDENCE_CSS = """
.jz-conf-table { max-height: 560px; overflow-y: auto; }
.jz-conf-table table { border-collapse: collapse; width: 100%; font-size: 13px; }
.jz-conf-table th { position: sticky; top: 0; background: #fff; text-align: left;
  color: #52606d; font-weight: 600; padding: 4px 6px; border-bottom: 1px solid #d9dee3; }
.jz-conf-table td { padding: 4px 6px; border-bottom: 1px solid #eef1f4; vertical-align: top;
  overflow-wrap: anywhere; }
.jz-conf-table td.jz-share { white-space: nowrap; width: 7.5em; }
.jz-conf-bar { height: 6px; background: #e7ecf1; border-radius: 3px; margin-top: 3px; }
.jz-conf-bar span { display: block; height: 6px; border-radius: 3px; background: #1d91c0; }
"""


def confidence_html(result: jp.Robustness, dataset: jp.Dataset) -> str:
    """The plan's pairs, least sure first: acceptability (figure and bar), region, theme;
    the locked pairs last, said as such (their 100 % is the lock's, not evidence)."""
    table = result.confidence.sort_values(["locked", "acceptability"], kind="stable")
    rows = []
    for region, theme, share, locked in zip(
            table["region_name"].astype(str), table["theme_id"],
            table["acceptability"].astype(float), table["locked"].astype(bool), strict=True):
        percent = 100 * share
        figure = (html.escape(t("rob_locked")) if locked else
                  f'{number(percent, 0)} %<div class="jz-conf-bar">'
                  f'<span style="width:{percent:.0f}%"></span></div>')
        rows.append(
            f'<tr><td class="jz-share">{figure}</td>'
            f"<td>{html.escape(region)}</td>"
            f"<td>{html.escape(theme_text(dataset, str(theme)))}</td></tr>")
    head = "".join(f"<th>{html.escape(t(key))}</th>"
                   for key in ("acceptability", "col_region", "col_theme"))
    return (f"<style>{CONFIDENCE_CSS}</style><div class='jz-conf-table'><table>"
            f"<tr>{head}</tr>{''.join(rows)}</table></div>")


def _alternatives(scenario: jp.Scenario) -> None:
    st.subheader(t("alt_title"))
    st.caption(t("alt_intro"))
    columns = st.columns([1, 1, 1, 2], vertical_alignment="bottom")
    count = int(columns[0].number_input(t("alt_n"), 1, 20, 5, key="alt_n"))
    within = float(columns[1].number_input(t("alt_within"), 0.0, 50.0, 2.0, step=0.5,
                                           key="alt_within"))
    changes = int(columns[2].number_input(t("alt_changes"), 1, 20, 2, key="alt_changes"))
    key = (*_scenario_key(scenario), count, within, changes)
    if columns[3].button(t("alt_run"), key="alt_run"):
        plan = solve(scenario, st.session_state["data_source"])
        if not plan.feasible:
            st.error(t("rob_infeasible"))
            return
        with st.spinner(t("alt_running")):
            found = jp.alternatives(plan, n=count, within=within / 100, min_changes=changes)
        st.session_state["alternatives"] = (key, plan, found)
    stored = st.session_state.get("alternatives")
    if stored is None or stored[0] != key:
        return
    _, plan, found = stored
    if not found:
        st.info(t("alt_none"))
        return
    dataset = plan.dataset
    base = set(plan.cells)

    def pairs(cells: set[tuple[str, str]]) -> str:
        return t("list_comma").join(f"{region_name(dataset, r)} {t('arrow_to')} "
                                    f"{theme_text(dataset, th)}" for r, th in sorted(cells)) or "—"

    for index, alternative in enumerate(found, start=1):
        cells = set(alternative.cells)
        with st.container(border=True):
            head, button = st.columns([5, 1], vertical_alignment="center")
            head.markdown(t("alt_line", index=index,
                            shortfall=number(100 * (alternative.gap or 0.0), 2),
                            changes=len(cells ^ base)))
            head.caption(f"+ {pairs(cells - base)}  \n− {pairs(base - cells)}")
            button.button(t("alt_show"), key=f"alt_show_{index}", on_click=pin,
                          args=(settings_key(scenario, st.session_state["data_source"]),
                                alternative),
                          kwargs={"note": "alt_pinned", "back": "alt_unpin", "index": index,
                                  "shortfall": number(100 * (alternative.gap or 0.0), 2)})


def robustness_view(scenario: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """The view: sweep settings and run button, the results, then the alternatives."""
    if scenario is None:
        st.info(t("no_plan_yet"))
        return
    st.subheader(t("rob_title"))
    st.caption(t("rob_intro"))
    columns = st.columns([1, 1, 1, 1, 2], vertical_alignment="bottom")
    settings = {
        "samples": int(columns[0].number_input(t("rob_samples"), 1, 5000, 200, step=50,
                                               key="rob_samples")),
        "weight_spread": float(columns[1].number_input(t("rob_spread"), 0.0, 2.0, 0.25,
                                                       step=0.05, key="rob_spread")),
        "value_noise": float(columns[2].number_input(t("rob_noise"), 0.0, 1.0, 0.05,
                                                     step=0.01, key="rob_noise")),
        "seed": int(columns[3].number_input(t("rob_seed"), 0, 1_000_000, 0, key="rob_seed")),
    }
    if columns[4].button(t("rob_run"), type="primary", key="rob_run"):
        _run(scenario, dataset, settings)
    key = (*_scenario_key(scenario), *sorted(settings.items()))
    stored = st.session_state.get("robustness")
    if stored is not None and stored[0] == key:
        _show(stored[1])
    else:
        st.info(t("rob_not_run") if stored is None else t("rob_outdated"))
    _alternatives(scenario)
