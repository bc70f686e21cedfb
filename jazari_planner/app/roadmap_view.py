"""The Roadmap view: when each specialization opens (docs/model.md §10), with a year slider.

The planner edits the roadmap's rules (years, yearly budget, openings cap, deadline), then
reads a year at a time: what is open at the end of it on the map, what it spent and opened,
and the whole timeline with that year shaded; the schedule and the year-by-year table below,
and the files the CLI writes. A roadmap revised as of a year (``phasing.as_of``) says which
years are history (what opened, its budget not a rule) and which the plan decides, in the
year's figures, the schedule's status column and the hatched timeline. An infeasible roadmap
shows the library's diagnosis in the planner's language. Everything is computed by the
library; the figures are drawn by :mod:`jazari_planner.presentation.roadmap` and cached per
plan, year and language.
"""

from __future__ import annotations

import io
import math

import pandas as pd
import streamlit as st
from matplotlib.figure import Figure

import jazari_planner as jp

from ..common.errors import InputError, SolverLimitError
from ..common.escaping import markdown_text
from ..common.words import Lang
from ..optimization.rule_wording import Fix, fix_text
from ..presentation.measure_text import measure_name
from ..presentation.roadmap import plot_roadmap_maps, plot_roadmap_year, plot_timeline
from .exports import by_year_csv, file_stem, schedule_csv
from .roadmap_form import (
    BUDGET_MODES,
    DEFAULT_ROADMAP,
    PHASING,
    budget_key,
    phasing_from_widgets,
    widget_values,
)
from .session import (
    diagnosis,
    key_of,
    lang,
    number,
    region_name,
    scenario_key,
    solve_shown,
    t,
    theme_text,
)
from .sources import DataSource

__all__ = ["roadmap_view"]

#: The first and last years the years slider offers (widened to the scenario's own).
YEARS_OFFERED = (2024, 2040)


def _store() -> None:
    """Write the roadmap widgets back into the roadmap on screen."""
    st.session_state[PHASING] = phasing_from_widgets(st.session_state.to_dict())


def _start() -> None:
    """Give the scenario on screen a roadmap to edit (2025–2030, no rule yet)."""
    st.session_state[PHASING] = dict(DEFAULT_ROADMAP)


def _remove() -> None:
    st.session_state[PHASING] = None


def _settings(dataset: jp.Dataset) -> None:
    """The roadmap's rules as widgets; each change rewrites the roadmap on screen."""
    state = st.session_state
    phasing = state.get(PHASING) or DEFAULT_ROADMAP
    state.update(widget_values(phasing))  # the roadmap on screen is the truth (roadmap_form)
    first, last = (int(y) for y in state["rm_years"])
    low, high = min(YEARS_OFFERED[0], first), max(YEARS_OFFERED[1], last)
    left, middle, right = st.columns(3, gap="medium")
    with left:
        st.slider(t("rm_years"), low, high, key="rm_years", on_change=_store)
        modes = {mode: t(f"rm_budget_{mode}") for mode in BUDGET_MODES}  # ids, shown worded
        st.radio(t("rm_budget_mode"), BUDGET_MODES, key="rm_budget_mode", on_change=_store,
                 format_func=modes.__getitem__, horizontal=True)
    with middle:
        mode = state["rm_budget_mode"]
        if mode == "one":
            st.number_input(t("rm_budget"), min_value=0.0, step=50.0, format="%.0f",
                            key="rm_budget",
                            on_change=_store)
        elif mode == "per_year":
            columns = st.columns(3)
            for position, year in enumerate(range(first, last + 1)):
                columns[position % 3].number_input(
                    t("rm_budget_of", year=year), min_value=0.0, step=50.0, format="%.0f",
                    key=budget_key(year), on_change=_store)
    with right:
        st.toggle(t("rm_cap_on"), key="rm_cap_on", on_change=_store)
        st.number_input(t("rm_cap"), min_value=0, step=1, key="rm_cap", on_change=_store,
                        disabled=not state["rm_cap_on"])
        st.toggle(t("rm_deadline_on"), key="rm_deadline_on", on_change=_store)
        st.select_slider(t("rm_deadline"), list(range(first, last + 1)), key="rm_deadline",
                         on_change=_store, disabled=not state["rm_deadline_on"])
    announced = _announced(phasing, dataset)
    if len(announced):
        st.caption(t("rm_announced"))
        st.dataframe(announced, hide_index=True, width="stretch", key="rm_announced")
    st.button(t("rm_remove"), key="rm_remove", on_click=_remove)


#: The roadmap rules a smallest fix changes, by the fix's family: the ``phasing:`` key.
_FIXED = {"year_budget": "budget_per_year", "year_openings": "max_openings_per_year",
          "first_institute": "first_institute_by"}


def _apply(fix: Fix) -> None:
    """Put a smallest fix of the roadmap's rules on screen (the planner clicked it)."""
    phasing = dict(st.session_state.get(PHASING) or DEFAULT_ROADMAP)
    key, params = _FIXED[fix.family], fix.params
    if fix.family == "first_institute":
        phasing[key] = int(params["year"])
    elif fix.family == "year_openings":
        phasing[key] = int(params["bound"])
    elif "year" in params:  # one year's budget: the others keep theirs
        first, last = (int(y) for y in phasing["years"])
        budget = phasing.get(key)
        per_year = (dict(budget) if isinstance(budget, dict)
                    else {y: budget for y in range(first, last + 1)} if budget is not None
                    else {})
        per_year[int(params["year"])] = float(params["bound"])
        phasing[key] = per_year
    else:
        phasing[key] = float(params["bound"])
    st.session_state[PHASING] = phasing


def _fix_buttons(plan: jp.Plan) -> None:
    """One button per smallest fix of a roadmap rule: a click applies it."""
    fixes = [fix for fix in plan.fixes if fix.family in _FIXED]
    for index, fix in enumerate(fixes):
        st.button(t("apply_fix", fix=fix_text(fix, plan.rule_names, lang())),
                  key=f"rm_apply_fix_{index}", on_click=_apply, args=(fix,), type="primary")


def _announced(phasing: dict[str, object], dataset: jp.Dataset) -> pd.DataFrame:
    """The roadmap's announced openings and regions, as the planner reads them."""
    rows = []
    for entry in phasing.get("opened") or []:  # type: ignore[attr-defined]
        rows.append({t("col_region"): region_name(dataset, dataset.region_code(entry["region"])),
                     t("col_theme"): theme_text(dataset, dataset.theme_id(entry["theme"])),
                     t("col_opens"): int(entry["year"])})
    for entry in phasing.get("opened_regions") or []:  # type: ignore[attr-defined]
        rows.append({t("col_region"): region_name(dataset, dataset.region_code(entry["region"])),
                     t("col_theme"): t("rm_any_theme"), t("col_opens"): int(entry["year"])})
    return pd.DataFrame(rows)


def _png(figure: Figure, *, dpi: int = 110) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


@st.cache_data(show_spinner=False, max_entries=64)
def _picture(kind: str, key: str, year: int | None, language: Lang, _plan: jp.Plan) -> bytes:
    """A roadmap figure as PNG, drawn once per plan (``key``), year and language."""
    if kind == "year":
        assert year is not None
        return _png(plot_roadmap_year(_plan, year, lang=language), dpi=100)
    if kind == "timeline":
        return _png(plot_timeline(_plan, lang=language, highlight=year))
    return _png(plot_roadmap_maps(_plan, lang=language), dpi=150)


def _year_figures(plan: jp.Plan, year: int) -> None:
    """The chosen year: what it spent and opened, and what the network reached by its end."""
    assert plan.by_year is not None and plan.schedule is not None
    row = next(r for r in plan.by_year.to_dict(orient="records") if int(r["year"]) == year)
    history = _is_history(plan, year)
    st.subheader(t("rm_year_head_history" if history else "rm_year_head", year=year))
    if history:
        st.caption(t("rm_history_year"))
    spent = number(float(row["spending"]), 0)
    if math.isfinite(float(row["budget"])) and not history:
        spent = t("rm_of_budget", spent=spent, budget=number(float(row["budget"]), 0))
    st.table(pd.DataFrame({
        t("rm_figure"): [t("col_spending"), t("col_openings"), t("rm_served"),
                         measure_name("mean_fit", lang()), _balance_name(plan)],
        str(year): [spent, str(int(row["openings"])),
                    t("rm_of_total", served=int(row["regions_served"]),
                      total=len(plan.inputs.regions)),
                    number(float(row["mean_fit"]), 3), number(float(row["worst_mean"]), 3)],
    }).set_index(t("rm_figure")))
    opened = plan.schedule[plan.schedule["year"] == year]
    st.markdown(f"**{t('rm_opened_in', year=year)}**")
    if opened.empty:
        st.caption(t("rm_nothing"))
    for item in opened.to_dict(orient="records"):
        st.markdown("- " + t("rm_opening", region=markdown_text(str(item["region_name"])),
                             theme=markdown_text(theme_text(plan.dataset, str(item["theme_id"]))),
                             cost=number(float(item["cost"]), 0)))


def _is_history(plan: jp.Plan, year: int) -> bool:
    """Whether ``year`` is history in the plan's roadmap (up to ``as_of``)."""
    phasing = plan.scenario.phasing
    return phasing is not None and phasing.is_history(year)


def _balance_name(plan: jp.Plan) -> str:
    """The balance term's name: the floor where ``balance_focus`` is 1 (as the Plan view)."""
    return measure_name("floor" if plan.scenario.balance_focus == 1 else "worst_mean", lang())


def _tables(plan: jp.Plan) -> None:
    assert plan.schedule is not None and plan.by_year is not None
    dataset = plan.dataset
    with st.expander(t("rm_schedule")):
        st.dataframe(pd.DataFrame({
            t("col_opens"): plan.schedule["year"].astype(int),
            t("col_region"): plan.schedule["region_name"].astype(str),
            t("col_theme"): [theme_text(dataset, str(th)) for th in plan.schedule["theme_id"]],
            t("col_cost"): plan.schedule["cost"].astype(float),
            t("col_status"): [t("rm_status_history") if _is_history(plan, int(y))
                              else t("rm_status_plan") for y in plan.schedule["year"]],
        }), hide_index=True, width="stretch", key="rm_schedule_table")
    with st.expander(t("rm_by_year")):
        by_year = plan.by_year
        fit, balance = measure_name("mean_fit", lang()), _balance_name(plan)
        st.dataframe(pd.DataFrame({
            t("col_year"): by_year["year"].astype(int),
            t("col_budget"): by_year["budget"].astype(float),
            t("col_spending"): by_year["spending"].astype(float),
            t("col_openings"): by_year["openings"].astype(int),
            t("col_served"): by_year["regions_served"].astype(int),
            fit: by_year["mean_fit"].astype(float),
            balance: by_year["worst_mean"].astype(float),
        }), hide_index=True, width="stretch", key="rm_by_year_table", column_config={
            fit: st.column_config.NumberColumn(format="%.3f"),
            balance: st.column_config.NumberColumn(format="%.3f")})


def _downloads(plan: jp.Plan, key: str) -> None:
    assert plan.schedule is not None and plan.by_year is not None
    stem = file_stem(plan.scenario.name)
    code = lang()
    files = [
        ("download_schedule", lambda: schedule_csv(plan, code), f"{stem}-schedule.csv",
         "text/csv"),
        ("download_by_year", lambda: by_year_csv(plan, code), f"{stem}-by-year.csv",
         "text/csv"),
        ("download_timeline", lambda: _picture("timeline", key, None, code, plan),
         f"{stem}-timeline.png", "image/png"),
        ("download_roadmap", lambda: _picture("maps", key, None, code, plan),
         f"{stem}-roadmap.png", "image/png"),
    ]
    for column, (label, data, name, mime) in zip(st.columns(len(files)), files, strict=True):
        column.download_button(t(label), data, file_name=name, mime=mime, key=label,
                               on_click="ignore", width="stretch")


def roadmap_view(scenario: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """The Roadmap view of the scenario on screen (``None`` when the settings are invalid)."""
    state = st.session_state
    st.caption(t("rm_intro"))
    top = st.container()  # the busy sign and a diagnosis: above the settings, where the eye is
    if state.get(PHASING) is None:
        st.info(t("rm_none"))
        st.button(t("rm_start"), key="rm_start", on_click=_start, type="primary")
        return
    with st.expander(t("rm_settings"), expanded=False):
        _settings(dataset)
    if scenario is None:  # the sidebar says what is invalid
        st.warning(t("invalid_settings"))
        return
    source: DataSource = state["data_source"]
    with top:
        try:
            plan = solve_shown(scenario, source, "rm_solving")
        except (InputError, SolverLimitError) as error:
            st.error(str(error))
            return
        if not plan.feasible:
            st.error(f"**{t('infeasible')}** {markdown_text(diagnosis(plan))}")
            _fix_buttons(plan)
            return
    assert plan.scenario.phasing is not None
    as_of = plan.scenario.phasing.as_of
    if as_of is not None:
        st.info(t("rm_as_of", as_of=as_of, first=plan.scenario.phasing.first_year,
                  next=as_of + 1, last=plan.scenario.phasing.last_year))
    years = list(plan.scenario.phasing.year_range)
    if state.get("rm_year") not in years:
        state["rm_year"] = years[0]
    st.select_slider(t("rm_year"), years, key="rm_year")
    year = int(state["rm_year"])
    key = f"{scenario_key(scenario)}\n{key_of(source)}"
    left, right = st.columns(2, gap="medium")  # the map fits a 768 px high screen too
    with left:
        st.image(_picture("year", key, year, lang(), plan), width="stretch")
    with right:
        _year_figures(plan, year)
    st.subheader(t("rm_timeline"))
    st.image(_picture("timeline", key, year, lang(), plan), width="stretch")
    _tables(plan)
    _downloads(plan, key)
