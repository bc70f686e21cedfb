"""The Trade-offs view: the efficiency–balance frontier of the settings on screen.

The chart numbers the plans no other plan beats on both (:func:`jazari_planner.frontier`),
rings the knee (or says there is none: no point above the chord between the extremes) and
stars the settings' own plan; a click on a point, or choosing it and pressing the button,
shows that plan in the Plan view, marked as a point of the frontier until the settings
change or the planner goes back.
"""

from __future__ import annotations

from functools import partial
from itertools import pairwise

import altair as alt
import pandas as pd
import streamlit as st

import jazari_planner as jp

from ..analysis.frontier import plan_point
from ..common.errors import InputError, SolverLimitError
from ..common.escaping import markdown_text
from ..presentation.frontier_figure import (
    KNEE,
    POINT,
    SCENARIO,
    scale_note,
    step_changes,
)
from ..presentation.measure_text import measure_name
from .pinned import pin, settings_key
from .session import diagnosis, lang, number, paced_bar, t
from .sources import DataSource
from .tables import localized
from .widgets import choice

__all__ = ["CHART", "CLICK", "tradeoffs_view"]

#: The chart's widget key and the name of its click selection (Streamlit reports the clicked
#: point's rank under ``state[CHART].selection[CLICK]``).
CHART = "tradeoffs_chart"
CLICK = "point"

#: How many frontiers a session keeps (one per settings, data and number of levels).
KEPT = 8
#: A five-pointed star as a Vega-Lite shape (unit size, centred).
STAR = ("M0,-1L0.224,-0.309L0.951,-0.309L0.363,0.118L0.588,0.809L0,0.382L-0.588,0.809"
        "L-0.363,0.118L-0.951,-0.309L-0.224,-0.309Z")


def frontier_of(scenario: jp.Scenario, dataset: jp.Dataset, source: DataSource,
                points: int) -> jp.Frontier:
    """The frontier of the settings on screen (``dataset`` read from ``source``), traced once
    per session with a progress bar (solves done, rate, time left); the last :data:`KEPT`
    are kept."""
    kept: dict[tuple[str, int], jp.Frontier] = st.session_state.setdefault("frontiers", {})
    key = (settings_key(scenario, source), points)
    if key not in kept:
        bar = st.progress(0.0)
        report = paced_bar(bar)

        found = jp.frontier(scenario, dataset, points=points, progress=report)
        bar.empty()
        while len(kept) >= KEPT:
            kept.pop(next(iter(kept)))
        kept[key] = found
    return kept[key]


def moves(frontier: jp.Frontier) -> list[int]:
    """For each point, the regions whose themes differ from the previous point: the lines
    listed under *What changes from point …* (a swap is one region, not a pair lost and a
    pair gained)."""
    plans = frontier.plans
    return [0] + [len(step_changes(before, after)) for before, after in pairwise(plans)]


def _chart(frontier: jp.Frontier, chosen: int) -> alt.LayerChart | alt.FacetChart:
    table = frontier.table
    data = pd.DataFrame({
        "rank": table["rank"], "efficiency": table["efficiency"], "balance": table["balance"],
        "changes": moves(frontier), "gained": table["gained"], "lost": table["lost"],
        "knee": table["knee"], "chosen": table["rank"] == chosen,
    })
    focus = frontier.scenario_plan.inputs.balance_focus
    x_title = t("frontier_x_floor") if focus == 1 else t("frontier_x", q=focus)
    y_title = t("frontier_y_equity" if frontier.scenario.equity > 0 and frontier.scenario.need
                else "frontier_y")
    # a decimal comma in French and Arabic, as everywhere else in the app
    labels = ("format(datum.value, '.3f')" if lang() == "en"
              else "replace(format(datum.value, '.3f'), '.', ',')")
    base = alt.Chart(data).encode(
        x=alt.X("balance:Q", title=x_title, axis=alt.Axis(labelExpr=labels),
                scale=alt.Scale(zero=False, nice=False, padding=30)),
        y=alt.Y("efficiency:Q", title=y_title, axis=alt.Axis(labelExpr=labels),
                scale=alt.Scale(zero=False, nice=False, padding=30)),
    )
    own_e, own_b = plan_point(frontier.scenario_plan)
    star = alt.Chart(pd.DataFrame({"balance": [own_b], "efficiency": [own_e]})).mark_point(
        shape=STAR, size=1600, filled=True, color=SCENARIO, stroke="#1f2933", strokeWidth=0.8,
    ).encode(x="balance:Q", y="efficiency:Q")
    line = base.mark_line(strokeDash=[5, 4], color="#9aa5b1").encode(order="rank:Q")
    tooltip = [alt.Tooltip("rank:Q", title=t("col_rank")),
               alt.Tooltip("efficiency:Q", title=t("col_efficiency"), format=".4f"),
               alt.Tooltip("balance:Q", title=t("col_balance_term"), format=".4f"),
               alt.Tooltip("changes:Q", title=t("col_changes"))]
    click = alt.selection_point(name=CLICK, fields=["rank"], on="click", empty=False)
    dots = base.mark_circle(size=420, color=POINT, opacity=1, cursor="pointer").encode(
        tooltip=tooltip).add_params(click)
    ranks = base.mark_text(color="white", fontWeight="bold", fontSize=12).encode(text="rank:Q")
    knee = base.transform_filter(alt.datum.knee).mark_point(
        size=1100, filled=False, color=KNEE, strokeWidth=2.5)
    chosen_ring = base.transform_filter(alt.datum.chosen).mark_point(
        size=1700, filled=False, color="#1f2933", strokeWidth=1.5, strokeDash=[3, 3])
    return alt.layer(star, line, dots, knee, chosen_ring, ranks).properties(height=420)


def _clicked(settings: str, frontier: jp.Frontier) -> None:
    """A click on a point opens its plan in the Plan view (the chart's callback)."""
    event = st.session_state.get(CHART)
    points = event["selection"].get(CLICK, []) if event else []
    ranks = [int(p["rank"]) for p in points if isinstance(p, dict) and "rank" in p]
    if ranks and 1 <= ranks[0] <= len(frontier.plans):
        rank = ranks[0]
        st.session_state["tradeoffs_choice"] = rank
        pin(settings, frontier.plans[rank - 1], note="pinned", back="pinned_back", rank=rank)


def _table(frontier: jp.Frontier) -> pd.DataFrame:
    table = frontier.table
    code = lang()
    return pd.DataFrame({
        t("col_rank"): table["rank"],
        t("col_efficiency"): table["efficiency"],
        t("col_balance_term"): table["balance"],
        measure_name("floor", code): table["floor"],
        measure_name("mean_fit", code): table["mean_fit"],
        measure_name("gini", code): table["gini"],
        t("col_changes"): moves(frontier),
        t("col_knee"): ["✓" if knee else "" for knee in table["knee"]],
    })


def _point_text(frontier: jp.Frontier, rank: int) -> str:
    row = frontier.table.iloc[rank - 1]
    mark = (t("tradeoffs_knee_mark") if row["knee"] else "") + (
        t("tradeoffs_scenario_mark") if row["scenario_plan"] else "")
    return t("tradeoffs_point_text", rank=rank, efficiency=number(float(row["efficiency"]), 3),
             balance=number(float(row["balance"]), 3), mark=mark)


def tradeoffs_view(scenario: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """The frontier of the settings on screen; a point chosen opens in the Plan view."""
    state = st.session_state
    st.caption(t("tradeoffs_intro"))
    if scenario is None:
        st.error(t("invalid_settings"))
        return
    source: DataSource = state["data_source"]
    points = int(st.slider(t("tradeoffs_points"), 3, 41, value=11, step=2,
                           key="tradeoffs_points", help=t("tradeoffs_points_help")))
    try:
        frontier = frontier_of(scenario, dataset, source, points)
    except (InputError, SolverLimitError) as error:
        st.error(error.message if isinstance(error, InputError) else str(error))
        return
    if not frontier.feasible:
        st.error(f"**{t('infeasible')}** {markdown_text(diagnosis(frontier.scenario_plan))}")
        return
    table = frontier.table
    knee = frontier.knee_rank
    if knee is None:  # no point above the chord: say so rather than ring a bad trade
        st.success(t("tradeoffs_found_no_knee", count=len(table)))
        st.info(t("tradeoffs_no_knee"))
    else:
        st.success(t("tradeoffs_found", count=len(table), knee=knee))
    for rank, plan in zip(table["rank"], frontier.plans, strict=True):
        if plan.status == "feasible":
            st.warning(t("tradeoffs_limited", rank=rank, gap=f"{(plan.gap or 0):.2%}"))
    ranks = [int(r) for r in table["rank"]]
    if state.get("tradeoffs_choice") not in ranks:
        state["tradeoffs_choice"] = knee or ranks[0]
    left, right = st.columns([3, 2], gap="medium")
    with right:
        chosen = int(choice(st.selectbox, t("tradeoffs_point"), ranks, key="tradeoffs_choice",
                            lang=lang(), format_func=lambda rank: _point_text(frontier, rank)))
        if chosen > 1:
            st.markdown(f"**{t('tradeoffs_changes', previous=chosen - 1)}**")
            lines = step_changes(frontier.plans[chosen - 2], frontier.plans[chosen - 1],
                                 lang=lang())
            st.markdown("\n".join(f"- {markdown_text(line)}" for line in lines))
        else:
            st.markdown(f"**{t('frontier_first')}**")
        st.button(t("tradeoffs_open"), key="tradeoffs_open", type="primary", width="stretch",
                  on_click=pin, args=(settings_key(scenario, source), frontier.plans[chosen - 1]),
                  kwargs={"note": "pinned", "back": "pinned_back", "rank": chosen})
    with left:
        st.altair_chart(_chart(frontier, chosen), width="stretch", key=CHART,
                        on_select=partial(_clicked, settings_key(scenario, source), frontier),
                        selection_mode=CLICK)
        st.caption(f"{t('tradeoffs_click')} {scale_note(frontier, lang=lang())}")
    st.table(localized(_table(frontier), {
        t("col_efficiency"): 4, t("col_balance_term"): 4, measure_name("floor", lang()): 3,
        measure_name("mean_fit", lang()): 3, measure_name("gini", lang()): 3}, lang()).hide())
