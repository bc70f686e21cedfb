"""The Plan view: map, balance measures with their change, assignments, why each theme is
where it is, the strength heat map, and the downloads.

When the settings on screen have no plan (infeasible, or a solver limit), the diagnosis is
shown and the last plan that worked stays, marked as out of date.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import altair as alt
import pandas as pd
import streamlit as st

import jazari_planner as jp

from ..errors import InputError, SolverLimitError
from ..metrics import METRIC_INFO
from . import exports
from .leaflet import app_map
from .session import (
    diagnosis,
    lang,
    leaflet_installed,
    number,
    on_why_region,
    paths,
    region_text,
    solve,
    t,
    theme_text,
    why_theme_key,
)
from .sources import DataSource
from .tradeoffs_view import pinned_plan

__all__ = ["plan_view", "show_map"]



#: How an out-of-date plan looks: greyed, so nobody mistakes it for the settings on screen.
STALE_CSS = """
iframe[title="streamlit_folium.st_folium"], [data-testid="stMetric"],
[data-testid="stVegaLiteChart"] { opacity: .45; filter: grayscale(70%); }
"""


def show_map(plan: jp.Plan, *, key: str, height: int) -> None:
    """The interactive map, kept apart: a custom component that only a browser renders."""
    try:
        from streamlit_folium import st_folium

        leaflet_installed(paths().static)
        if not st.get_option("server.enableStaticServing"):
            st.warning(t("static_off"))
        st_folium(app_map(plan, lang=lang()), key=key, height=height, width=None,
                  use_container_width=True, returned_objects=[])
    except Exception as error:  # the map must never take the rest of the page down
        st.info(t("map_unavailable", reason=str(error) or type(error).__name__))


def show_metrics(plan: jp.Plan, reference: jp.Plan | None, *, columns: int = 4) -> None:
    """The balance measures as cards, each with its change against ``reference``.

    Their words, units and better side come from ``metrics.METRIC_INFO``; the worst-served
    mean is left out where ``balance_focus`` is 1, since it is then the floor.
    """
    assert plan.metrics is not None
    shown = [info for info in METRIC_INFO.values()
             if info.name != "worst_mean" or plan.scenario.balance_focus > 1]
    grid = [st.columns(columns) for _ in range(-(-len(shown) // columns))]
    for index, info in enumerate(shown):
        metric, decimals = info.name, info.decimals
        suffix = " %" if info.unit["en"] == "%" else ""
        value = metric_value(metric, float(plan.metrics[metric]))
        delta: str | None = None
        arrow: Literal["auto", "off"] = "auto"
        if reference is not None and reference.metrics is not None:
            change = value - metric_value(metric, float(reference.metrics[metric]))
            if round(change, decimals) == 0:
                delta, arrow = f"±0{suffix}", "off"
            else:
                delta = f"{'+' if change > 0 else '−'}{number(abs(change), decimals)}{suffix}"
        better = info.higher_is_better
        grid[index // columns][index % columns].metric(
            t(f"m_{metric}"), f"{number(value, decimals)}{suffix}", delta=delta,
            help=t(f"h_{metric}"),
            delta_arrow=arrow, border=True,
            delta_color="off" if arrow == "off" or better is None else
            ("normal" if better else "inverse"),
        )


def assignments_table(plan: jp.Plan) -> pd.DataFrame:
    dataset = plan.dataset
    table = plan.assignments
    return pd.DataFrame({
        t("col_region"): table["region_name"].astype(str),
        t("col_region_ar"): [str(dataset.regions.at[c, "region_name_ar"])
                             for c in table["region_code"]],
        t("col_theme"): [theme_text(dataset, th) for th in table["theme_id"]],
        t("col_strength"): table["strength"].astype(float),
        t("col_locked"): table["locked"].astype(bool),
    })


def regions_table(plan: jp.Plan) -> pd.DataFrame:
    dataset = plan.dataset
    regions = plan.regions
    return pd.DataFrame({
        t("col_region"): regions["region_name"].astype(str),
        t("col_region_ar"): regions["region_name_ar"].astype(str),
        t("col_themes"): [", ".join(theme_text(dataset, th) for th in str(ids).split("; ") if th)
                          for ids in regions["themes"]],
        t("col_fit"): regions["fit"].astype(float),
        t("col_balance"): regions["balance_score"].astype(float),
        t("col_investment"): regions["investment"].astype(float),
        t("col_per_capita"): regions["investment_per_capita"].astype(float),
        t("col_need"): regions["need"].astype(float),
    })


def show_explanation(plan: jp.Plan) -> None:
    """Why a region scores what it does in a theme: each indicator's part (``plan.explain``).

    The theme selector is keyed by language (its labels are translated, and a widget keeps
    its value by label); the chosen theme itself lives in ``why_theme``.
    """
    state = st.session_state
    dataset = plan.dataset
    st.subheader(t("why"))
    if state.get("why_region") not in dataset.region_codes:
        state["why_region"] = dataset.region_codes[0]
    if state.get("why_theme") not in dataset.theme_ids:
        on_why_region(plan)
    if state.get("why_theme") not in dataset.theme_ids:
        state["why_theme"] = dataset.theme_ids[0]
    theme_key = why_theme_key()
    if state.get(theme_key) not in dataset.theme_ids:
        state[theme_key] = state["why_theme"]
    left, right = st.columns(2)
    left.selectbox(t("why_region"), dataset.region_codes, key="why_region",
                   format_func=lambda code: region_text(dataset, code),
                   on_change=on_why_region, args=(plan,))
    language = lang()  # bound now: the labels are those of this run's language
    right.selectbox(t("why_theme"), dataset.theme_ids, key=theme_key,
                    format_func=lambda theme: theme_text(dataset, theme, language))
    state["why_theme"] = state[theme_key]
    code, theme = state["why_region"], state["why_theme"]
    table = plan.explain(code, theme)
    strength = float(table["contribution"].sum()) if len(table) else 0.0
    chosen = ((plan.assignments["region_code"] == code)
              & (plan.assignments["theme_id"] == theme)).any()
    st.caption(t("why_caption", region=region_text(dataset, code),
                 theme=theme_text(dataset, theme), strength=number(strength, 3))
               + f" ({t('assigned') if chosen else t('not_assigned')})")
    shown = pd.DataFrame({
        t("col_indicator"): table["label"].astype(str),
        t("col_group"): table["group"].astype(str),
        t("col_value"): table["value"].astype(float),
        t("col_normalized"): table["normalized"].astype(float),
        t("col_weight"): table["weight"].astype(float),
        t("col_contribution"): table["contribution"].astype(float),
    })
    top = float(shown[t("col_contribution")].max()) if len(shown) else 1.0
    st.dataframe(shown, hide_index=True, width="stretch", key="why_table", column_config={
        t("col_contribution"): st.column_config.ProgressColumn(
            format="%.3f", min_value=0.0, max_value=max(top, 1e-9)),
        t("col_normalized"): st.column_config.NumberColumn(format="%.2f"),
        t("col_weight"): st.column_config.NumberColumn(format="%.2f"),
    })


def show_heatmap(plan: jp.Plan) -> None:
    dataset = plan.dataset
    st.subheader(t("strength_matrix"))
    long = plan.strength.melt(id_vars=["region_code", "region_name"], var_name="theme_id",
                              value_name="strength")
    assigned = set(zip(plan.assignments["region_code"], plan.assignments["theme_id"],
                       strict=True))
    long["assigned"] = [(r, th) in assigned for r, th in zip(long["region_code"],
                                                            long["theme_id"], strict=True)]
    long["theme"] = [theme_text(dataset, th) for th in long["theme_id"]]
    long["region"] = long["region_name"].astype(str)
    region_order = [dataset.region_name(c) for c in dataset.region_codes]
    theme_order = [theme_text(dataset, th) for th in dataset.theme_ids]
    base = alt.Chart(long).encode(
        x=alt.X("theme:N", sort=theme_order, title=None,
                axis=alt.Axis(labelAngle=-35, labelLimit=170, labelOverlap=False)),
        y=alt.Y("region:N", sort=region_order, title=None,
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("strength:Q", scale=alt.Scale(scheme="yellowgreenblue", domain=[0, 1]),
                        title=t("col_strength")),
        tooltip=["region", "theme", alt.Tooltip("strength:Q", format=".3f"), "assigned"],
    )
    outline = base.transform_filter(alt.datum.assigned).mark_rect(
        fill=None, stroke="#c2185b", strokeWidth=2.5)
    labels = base.mark_text(fontSize=10).encode(
        text=alt.Text("strength:Q", format=".2f"),
        color=alt.condition(alt.datum.strength > 0.6, alt.value("white"), alt.value("#1f2933")),
    )
    st.altair_chart((cells + outline + labels).properties(height=440), width="stretch")


def show_downloads(scenario: jp.Scenario | None, plan: jp.Plan, *, stale: bool) -> None:
    st.subheader(t("downloads"))
    stem = exports.file_stem(scenario.name if scenario is not None else plan.scenario.name)
    code = lang()
    columns = st.columns(5)
    columns[0].download_button(
        t("download_yaml"), exports.scenario_yaml(scenario) if scenario is not None else b"",
        file_name=f"{stem}.yaml", mime="application/yaml", key="download_yaml",
        disabled=scenario is None, on_click="ignore", width="stretch")
    plan_files: list[tuple[str, Callable[[], bytes], str, str]] = [
        ("download_csv", lambda: exports.assignments_csv(plan), "assignments.csv", "text/csv"),
        ("download_html", lambda: exports.map_html(plan, lang=code), "map.html", "text/html"),
        ("download_png", lambda: exports.map_png(plan, lang=code), "map.png", "image/png"),
        ("download_pptx", lambda: exports.deck_pptx(plan, lang=code), f"{stem}.pptx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ]
    for column, (key, data, name, mime) in zip(columns[1:], plan_files, strict=True):
        column.download_button(t(key), data, file_name=name, mime=mime, key=key,
                               disabled=stale, on_click="ignore", width="stretch")
    if scenario is not None:
        with st.expander(t("yaml_preview")):
            st.code(exports.scenario_yaml(scenario).decode("utf-8"), language="yaml")


def error_text(error: InputError | SolverLimitError) -> str:
    """What went wrong, for a planner: the kind of problem, then the library's message."""
    if isinstance(error, InputError):
        return f"{t('invalid_settings')}\n\n{error.message}"
    return f"{t('solver_limit')}\n\n{error}"


def plan_view(scenario: jp.Scenario | None) -> None:
    state = st.session_state
    source: DataSource = state["data_source"]
    plan: jp.Plan | None = None
    if scenario is not None:
        try:
            plan = solve(scenario, source)
        except (InputError, SolverLimitError) as error:
            st.error(error_text(error))
    if plan is not None and plan.feasible:
        state["last_good"] = plan
        shown, stale = plan, False
    else:
        if plan is not None:
            st.error(f"**{t('infeasible')}** {diagnosis(plan)}")
        last_good: jp.Plan | None = state.get("last_good")
        if last_good is None:
            st.info(t("no_plan_yet"))
            return
        shown, stale = last_good, True
        st.warning(t("stale", name=shown.scenario.name))
        st.html(f"<style>{STALE_CSS}</style>")
    if not stale:  # a point chosen in the Trade-offs view for these settings
        shown = pinned_plan(shown, scenario)

    if not stale:
        if shown.status == "optimal":
            st.success(t("status_optimal", seconds=number(shown.solve_seconds, 2)))
        else:
            st.warning(t("status_feasible", gap=f"{(shown.gap or 0):.2%}"))
    reference: jp.Plan | None = None
    try:
        reference = solve(state["base"], source)
    except (InputError, SolverLimitError):
        reference = None
    left, right = st.columns([2, 1], gap="medium")
    with left:
        show_map(shown, key="plan_map", height=680)
    with right:
        show_metrics(shown, reference if reference is not None and reference.feasible else None,
                     columns=2)
        st.caption(t("delta_note", name=state["base"].name))

    left, right = st.columns([2, 3], gap="medium")
    with left:
        st.subheader(t("assignments"))
        st.dataframe(assignments_table(shown), hide_index=True, width="stretch", height=460,
                     key="assignments_table", column_config={
                         t("col_strength"): st.column_config.ProgressColumn(
                             format="%.2f", min_value=0.0, max_value=1.0)})
    with right:
        show_explanation(shown)
    show_heatmap(shown)
    with st.expander(t("region_summary")):
        st.dataframe(regions_table(shown), hide_index=True, width="stretch",
                     key="regions_table", column_config={
                         t("col_fit"): st.column_config.NumberColumn(format="%.3f"),
                         t("col_balance"): st.column_config.NumberColumn(format="%.0f"),
                         t("col_per_capita"): st.column_config.NumberColumn(format="%.0f"),
                         t("col_need"): st.column_config.NumberColumn(format="%.2f")})
    show_downloads(scenario, shown, stale=stale)


def metric_value(metric: str, value: float) -> float:
    """A measure as shown: scaled by its ``METRIC_INFO`` (coverage in per cent)."""
    return METRIC_INFO[metric].scale * value
