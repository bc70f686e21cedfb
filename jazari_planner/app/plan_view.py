"""The Plan view: the map with the measures beside it (:func:`plan_map_view`), then below it
the assignments, why each theme is where it is, the strength heat map, and the downloads
(:func:`plan_details_view`); :mod:`.views` draws the two as fragments of their own.

At 1366 × 768 the map, the measures and the key to the badges share the first screen. The
tables are plain (``st.table``), not interactive grids: a few dozen rows need no scrolling
or sorting, nothing is cut, and the page loads half a megabyte of script less.
When the settings on screen have no plan (infeasible, or a solver limit), the diagnosis is
shown and the last plan that worked stays, marked as out of date.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import streamlit as st

import jazari_planner as jp

from ..common.errors import InputError, JazariError, SolverLimitError
from ..common.escaping import markdown_text
from ..common.words import Lang
from ..common.words.numbers import number as styled_number
from ..presentation.measure_text import change, measure_help, measure_name, written
from ..presentation.style import theme_style
from ..presentation.webmap import KEY_CSS, badge_html, plan_layer, themes_key
from ..results.metrics import METRIC_INFO
from . import exports
from .map_component import Drawn
from .maps import plan_frame, show_map
from .pinned import pinned, unpin
from .session import (
    Reference,
    diagnosis,
    group_text,
    indicator_text,
    lang,
    number,
    on_why_region,
    region_name,
    region_text,
    solve,
    t,
    theme_text,
)
from .stability_panel import show_stability
from .tables import localized
from .widgets import choice

__all__ = ["MAP_HEIGHT", "OnScreen", "plan_details_view", "plan_map_view"]

#: The map's height in pixels: with the one-line header it ends above a 768-pixel screen's
#: fold (the page's stylesheet lets it grow on taller screens).
MAP_HEIGHT = 590


#: A change's colour on its card: good news green, bad news red, neither grey.
TONE_COLOR: dict[str, Literal["green", "red", "gray"]] = {
    "better": "green", "worse": "red", "neutral": "gray"}

#: How an out-of-date plan looks: greyed, so nobody mistakes it for the settings on screen.
STALE_CSS = """
iframe[title="streamlit_folium.st_folium"], [data-testid="stMetric"],
[data-testid="stVegaLiteChart"] { opacity: .45; filter: grayscale(70%); }
"""

#: The map grows with the window on screens taller than a laptop's, never past 900 px.
MAP_CSS = f"""
.st-key-plan_map iframe {{ height: clamp({MAP_HEIGHT}px, calc(100vh - 150px), 900px)
  !important; }}
"""


def cards(plan: jp.Plan) -> list[str]:
    """The measures shown as cards, in the catalogue's order, with one card for the balance
    term the scenario looks after: the floor where ``balance_focus`` is 1, the worst-served
    mean above 1 (a ninth card would push the map's key below a laptop's first screen; the
    floor stays in the region table and the Compare view)."""
    hidden = "floor" if plan.scenario.balance_focus > 1 else "worst_mean"
    return [name for name in METRIC_INFO if name != hidden]


def show_metrics(plan: jp.Plan, reference: jp.Plan | None, *, columns: int = 2) -> None:
    """The balance measures as cards, each with its change against ``reference``: the arrow
    follows the change, the colour whether it is good news for that measure."""
    assert plan.metrics is not None
    code = lang()
    shown = cards(plan)
    grid = [st.columns(columns) for _ in range(-(-len(shown) // columns))]
    for index, metric in enumerate(shown):
        value = float(plan.metrics[metric])
        card = grid[index // columns][index % columns]
        if reference is None or reference.metrics is None:
            card.metric(measure_name(metric, code), written(metric, value, code),
                        help=measure_help(metric, code), border=True)
            continue
        shift = change(metric, value, float(reference.metrics[metric]), code)
        card.metric(measure_name(metric, code), written(metric, value, code), delta=shift.text,
                    delta_arrow=shift.arrow, delta_color=TONE_COLOR[shift.tone],
                    help=measure_help(metric, code), border=True)


def show_key(plan: jp.Plan) -> None:
    """The key to the map's badges, beside the map (never over a region)."""
    locked = bool(plan.assignments["locked"].any())
    st.html(f"<style>{KEY_CSS}</style><div class='jz-key'>"
            + themes_key([plan], lang(), kinds=("locked",) if locked else ()) + "</div>")


def changed_regions(plan: jp.Plan, reference: jp.Plan) -> list[str]:
    """The names of the regions whose themes differ between the two plans."""
    def themes(of: jp.Plan) -> dict[str, set[str]]:
        table = of.assignments
        return {str(code): set(map(str, group)) for code, group in
                table.groupby(table["region_code"].astype(str))["theme_id"]}

    mine, theirs = themes(plan), themes(reference)
    return [region_name(plan.dataset, code) for code in plan.dataset.region_codes
            if mine.get(code, set()) != theirs.get(code, set())]


def assignments_table(plan: jp.Plan) -> pd.DataFrame:
    """One row per specialization: region (in French and Arabic), theme, strength, and a
    tick where it is locked in (announced)."""
    dataset = plan.dataset
    table = plan.assignments
    return pd.DataFrame({
        t("col_region"): table["region_name"].astype(str),
        t("col_region_ar"): [str(dataset.regions.at[c, "region_name_ar"])
                             for c in table["region_code"]],
        t("col_theme"): [f"{theme_style(th, lang()).badge} · {theme_text(dataset, th)}"
                         for th in table["theme_id"]],
        t("col_strength"): table["strength"].astype(float),
        t("col_locked"): ["\u2713" if locked else "" for locked in table["locked"].astype(bool)],
    })


def regions_table(plan: jp.Plan) -> pd.DataFrame:
    """One row per region: its themes and its scores."""
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
    """Why a region scores what it does in a theme: each indicator's part (``plan.explain``)."""
    state = st.session_state
    dataset = plan.dataset
    code_lang = lang()
    st.subheader(t("why"))
    if state.get("why_region") not in dataset.region_codes:
        state["why_region"] = dataset.region_codes[0]
    if state.get("why_theme") not in dataset.theme_ids:
        on_why_region(plan)
    if state.get("why_theme") not in dataset.theme_ids:
        state["why_theme"] = dataset.theme_ids[0]
    left, right = st.columns(2)
    with left:
        choice(st.selectbox, t("why_region"), dataset.region_codes, key="why_region",
               lang=code_lang, format_func=lambda code: region_text(dataset, code),
               on_change=on_why_region, args=(plan,))
    with right:
        choice(st.selectbox, t("why_theme"), dataset.theme_ids, key="why_theme",
               lang=code_lang, format_func=lambda theme: theme_text(dataset, theme, code_lang))
    code, theme = state["why_region"], state["why_theme"]
    table = plan.explain(code, theme)
    strength = plan.strength_of(code, theme)
    chosen = ((plan.assignments["region_code"] == code)
              & (plan.assignments["theme_id"] == theme)).any()
    st.caption(t("why_caption", region=markdown_text(region_text(dataset, code)),
                 theme=markdown_text(theme_text(dataset, theme)), strength=number(strength, 3))
               + f" ({t('assigned') if chosen else t('not_assigned')})")
    show_pair_robustness(plan, code, theme, chosen=bool(chosen))
    parts = plan.explain_parts(code, theme)
    score, share = parts["score"].to_dict(), parts["share"].to_dict()
    for part in ("sector", "capability"):
        rows = table[table["part"] == part]
        if rows.empty:
            continue
        st.markdown(t(f"why_{part}", score=number(score[part], 3),
                      share=number(100 * share[part], 0)))
        _indicator_table(dataset, rows, code_lang)
    st.caption(t(f"why_{plan.scenario.aggregation}" if parts["indicators"].to_dict()["sector"]
                 else "why_no_sector"))


def _indicator_table(dataset: jp.Dataset, table: pd.DataFrame, code_lang: Lang) -> None:
    """One part's indicators: value, normalized, share of the part, contribution to it."""
    shown = pd.DataFrame({
        t("col_indicator"): [indicator_text(dataset, str(k)) for k in table["indicator"]],
        t("col_group"): [group_text(str(g)) for g in table["group"]],
        t("col_value"): table["value"].astype(float),
        t("col_unit"): [indicator_text(dataset, str(k), field="unit") for k in table["indicator"]],
        t("col_normalized"): table["normalized"].astype(float),
        t("col_part_weight"): table["part_weight"].astype(float),
        t("col_part_contribution"): table["part_contribution"].astype(float),
    })
    top = float(shown[t("col_part_contribution")].max()) if len(shown) else 1.0
    st.table(
        localized(shown, {t("col_value"): 2, t("col_normalized"): 2, t("col_part_weight"): 2,
                          t("col_part_contribution"): 3}, code_lang,
                  shade={t("col_part_contribution"): (0.0, max(top, 1e-9))}).hide())


def show_pair_robustness(plan: jp.Plan, code: str, theme: str, *, chosen: bool) -> None:
    """The pair's acceptability (if a sweep ran on these settings) and replacement cost."""
    from .robustness_view import replacement_costs, robustness_of

    parts = []
    result = robustness_of(plan.scenario)
    if result is not None:
        share = result.acceptability_of(code, theme)
        parts.append(t("why_acceptability", share=number(100 * share, 0),
                       samples=result.solved))
    costs: pd.DataFrame | None = None
    if chosen and plan.status != "infeasible":
        try:
            costs = replacement_costs(plan, (code, theme))
        except JazariError:  # a re-solve the solver could not finish: no figure, no crash
            costs = None
    if costs is not None:
        pair = costs[(costs["region_code"] == code) & (costs["theme_id"] == theme)]
        if len(pair):
            irreplaceable = bool(pair["irreplaceable"].to_numpy()[0])
            locked = bool(pair["locked"].to_numpy()[0])
            cost = float(pair["cost_percent"].to_numpy()[0])
            if locked:  # its lock is priced, not the pair (docs/model.md §9, revision 3)
                parts.append(t("why_locked") if math.isnan(cost)
                             else t("why_locked_cost", cost=number(cost, 1)))
            else:
                parts.append(t("why_irreplaceable") if irreplaceable else
                             t("why_cost", cost=number(cost, 2)))
    if result is None:
        parts.append(t("why_no_sweep"))
    st.caption(" · ".join(parts))


#: The heat map: the strength scale of the tables (ColorBrewer YlGnBu), assigned cells
#: outlined, the themes' badges as column heads (their labels in the tooltip and the key).
HEATMAP_CSS = """
.jz-heat { border-collapse: separate; border-spacing: 2px; font-size: 12px; width: 100%; }
.jz-heat th { font-weight: 600; color: #52606d; padding: 2px 4px; white-space: nowrap; }
.jz-heat th.jz-heat-region { text-align: right; font-weight: normal; color: #1f2933; }
.jz-heat td { text-align: center; padding: 5px 2px; border-radius: 3px; min-width: 34px;
  border: 2.5px solid transparent; }
.jz-heat td.jz-assigned { border-color: #c2185b; font-weight: 700; }
.jz-heat-key { font-size: 12px; color: #52606d; margin-top: 4px; }
"""

#: Light to dark strength colours (0 to 1, ColorBrewer YlGnBu, 9 classes).
HEAT_COLORS = ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8",
               "#253494", "#081d58")


def heat_color(strength: float) -> tuple[str, str]:
    """A strength's cell colour and the text colour that reads on it."""
    index = min(len(HEAT_COLORS) - 1, max(0, int(strength * len(HEAT_COLORS))))
    return HEAT_COLORS[index], "#ffffff" if index >= 5 else "#1f2933"


def heatmap_html(plan: jp.Plan) -> str:
    """The strength of every region in every theme as an HTML table (assigned outlined)."""
    dataset = plan.dataset
    code = lang()
    strength = (plan.strength.set_index("region_code")
                .loc[dataset.region_codes, dataset.theme_ids].to_numpy(dtype=float))
    assigned = set(plan.cells)
    themes = {th: theme_text(dataset, th, code) for th in dataset.theme_ids}
    head = "".join(f"<th>{badge_html(theme_style(th, code), themes[th])}</th>"
                   for th in dataset.theme_ids)
    rows = []
    for region, row in zip(dataset.region_codes, strength, strict=True):
        cells = []
        name = region_name(dataset, region)
        for theme, value in zip(dataset.theme_ids, row, strict=True):
            fill, ink = heat_color(value)
            mark = ' class="jz-assigned"' if (region, theme) in assigned else ""
            tip = html.escape(f"{name} · {themes[theme]}", quote=True)
            cells.append(f'<td{mark} style="background:{fill};color:{ink}" title="{tip}">'
                         f"{styled_number(float(value), 2, code)}</td>")
        rows.append(f'<tr><th class="jz-heat-region">{html.escape(name)}'
                    f"</th>{''.join(cells)}</tr>")
    scale = "".join(f'<span class="jz-swatch" style="background:{color}"></span>'
                    for color in HEAT_COLORS)
    return (f"<style>{KEY_CSS}{HEATMAP_CSS}</style>"
            f'<table class="jz-heat"><tr><th></th>{head}</tr>{"".join(rows)}</table>'
            f'<div class="jz-heat-key">{number(0, 1)} {scale} {number(1, 1)} · '
            f"{html.escape(t('heat_key'))}</div>")


def show_heatmap(plan: jp.Plan) -> None:
    """The strength of every region in every theme, the assigned cells outlined."""
    st.subheader(t("strength_matrix"))
    st.html(heatmap_html(plan))


def show_downloads(scenario: jp.Scenario | None, plan: jp.Plan, *, stale: bool) -> None:
    """The scenario, the assignments, the map and the slides, named after the scenario."""
    st.subheader(t("downloads"))
    stem = exports.file_stem(scenario.name if scenario is not None else plan.scenario.name)
    code = lang()
    columns = st.columns(5)
    columns[0].download_button(
        t("download_yaml"), exports.scenario_yaml(scenario) if scenario is not None else b"",
        file_name=f"{stem}.yaml", mime="application/yaml", key="download_yaml",
        disabled=scenario is None, on_click="ignore", width="stretch")
    plan_files: list[tuple[str, Callable[[], bytes], str, str]] = [
        ("download_csv", lambda: exports.assignments_csv(plan, code), f"{stem}-assignments.csv",
         "text/csv"),
        ("download_html", lambda: exports.map_html(plan, lang=code), f"{stem}-map.html",
         "text/html"),
        ("download_png", lambda: exports.map_png(plan, lang=code), f"{stem}-map.png",
         "image/png"),
        ("download_pptx", lambda: exports.deck_pptx(plan, lang=code), f"{stem}.pptx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ]
    for column, (key, data, name, mime) in zip(columns[1:], plan_files, strict=True):
        column.download_button(t(key), data, file_name=name, mime=mime, key=key,
                               disabled=stale, on_click="ignore", width="stretch")
    if scenario is not None:
        with st.expander(t("yaml_preview")):
            text = exports.scenario_yaml(scenario).decode("utf-8")
            st.html(f'<pre class="jz-yaml" style="font-size:12.5px;white-space:pre-wrap">'
                    f"{html.escape(text)}</pre>")


def error_text(error: InputError | SolverLimitError) -> str:
    """What went wrong, for a planner: the kind of problem, then the library's message."""
    if isinstance(error, InputError):
        return f"{t('invalid_settings')}\n\n{markdown_text(error.message)}"
    return f"{t('solver_limit')}\n\n{markdown_text(str(error))}"


def reference_plan(reference: Reference) -> jp.Plan | None:
    """The plan the changes are measured against, if it has one."""
    try:
        plan = solve(reference.scenario, reference.source)
    except (InputError, SolverLimitError):
        return None
    return plan if plan.feasible else None


def reference_note(reference: Reference) -> str:
    """Against what the changes are measured, in words (Markdown, names escaped)."""
    if reference.data is not None:
        return t("delta_previous_data", data=markdown_text(reference.data))
    return t("delta_note", name=markdown_text(reference.scenario.name))


def status_line(plan: jp.Plan, *, stale: bool, note: str) -> None:
    """One line: how the plan was found, and what the changes are measured against."""
    if stale:
        badge = f":orange-badge[{t('stale_badge')}]"
    elif plan.status == "optimal":
        seconds = number(plan.solve_seconds, 2)
        badge = f":green-badge[:material/check: {t('status_optimal', seconds=seconds)}]"
    else:
        badge = f":orange-badge[{t('status_feasible', gap=number(100 * (plan.gap or 0), 2))}]"
    st.markdown(f"{badge} &nbsp; {note}")


#: A message of the Plan view: its kind (how Streamlit draws it) and its Markdown.
Note = tuple[Literal["error", "warning", "info"], str]


def show_notes(notes: list[Note]) -> None:
    """The view's messages (a diagnosis, a pinned plan's note), in the column they are in."""
    draw = {"error": st.error, "warning": st.warning, "info": st.info}
    for kind, text in notes:
        draw[kind](text)


@dataclass(frozen=True)
class OnScreen:
    """What the Plan view's map shows, for the view below it (:func:`plan_details_view`):
    the settings (``None`` when invalid), the plan drawn, whether it is out of date (the
    last plan that worked) or a pinned plan, and whether the map itself is on the page."""

    scenario: jp.Scenario | None
    dataset: jp.Dataset
    plan: jp.Plan
    stale: bool
    pinned: bool
    map_on_page: bool


def plan_map_view(scenario: jp.Scenario | None, dataset: jp.Dataset, *,
                  drawn: Drawn | None = None) -> OnScreen | None:
    """The plan of the settings on screen: the status line, the map, the measures beside it.

    Its messages sit beside the map, above the measures, not above the map: a diagnosis or
    a pinned plan's note never pushes the map off a laptop's first screen. ``drawn``: the
    map reports the plan painted (:class:`~.map_component.Drawn`). Returns what is shown,
    ``None`` when there is no plan to show yet."""
    state = st.session_state
    plan: jp.Plan | None = None
    notes: list[Note] = []
    if scenario is not None:
        try:
            plan = solve(scenario, state["data_source"])
        except (InputError, SolverLimitError) as error:
            notes.append(("error", error_text(error)))
    chosen = pinned(scenario)  # a frontier point or an alternative, for these settings
    if plan is not None and plan.feasible:
        state["last_good"] = plan
        shown, stale = plan, False
        if chosen is not None:
            shown = chosen.plan
            notes.append(("info", chosen.note_text()))
    else:
        chosen = None
        if plan is not None:
            notes.append(("error", f"**{t('infeasible')}** {markdown_text(diagnosis(plan))}"))
        last_good: jp.Plan | None = state.get("last_good")
        if last_good is None:
            show_notes(notes)
            st.info(t("no_plan_yet"))
            return None
        shown, stale = last_good, True
        notes.append(("warning", t("stale")))  # not its name: the settings bear the same one
        st.html(f"<style>{STALE_CSS}</style>")

    reference: Reference = state["reference"]
    before = reference_plan(reference)
    status_line(shown, stale=stale, note=reference_note(reference))
    st.html(f"<style>{MAP_CSS}</style>")
    left, right = st.columns([3, 2], gap="medium")
    with left, st.container(key="plan_map"):
        on_page = show_map(plan_frame(shown, name="plan"),
                           plan_layer(shown, lang=lang(), key=False),
                           key="plan_map", height=MAP_HEIGHT, drawn=drawn)
    with right:
        show_notes(notes)
        if chosen is not None:
            st.button(t(chosen.back), key="pinned_back", on_click=unpin, width="stretch")
        show_metrics(shown, before)
        show_key(shown)
    if before is not None:
        moved = changed_regions(shown, before)
        st.caption(t("regions_changed", count=len(moved),
                     names=", ".join(markdown_text(name) for name in moved))
                   if moved else t("regions_unchanged"))
    return OnScreen(scenario, dataset, shown, stale, chosen is not None, on_page)


def plan_details_view(on_screen: OnScreen) -> None:
    """Below the map: the assignments, why each theme is where it is, the strength heat map,
    the regions' figures, the plan's stability bands and the downloads."""
    shown = on_screen.plan
    st.subheader(t("assignments"))
    st.table(localized(assignments_table(shown), {t("col_strength"): 2}, lang(),
                           shade={t("col_strength"): (0.0, 1.0)}).hide())
    show_explanation(shown)
    show_heatmap(shown)
    with st.expander(t("region_summary"), key="panel_region_summary",
                     on_change="rerun") as summary:
        if summary.open:  # built only when asked for: one table less on every run
            st.table(localized(regions_table(shown), {
                t("col_fit"): 3, t("col_balance"): 0, t("col_investment"): 0,
                t("col_per_capita"): 0, t("col_need"): 2}, lang()).hide())
    if not on_screen.stale and not on_screen.pinned:  # the bands of the settings' own plan
        show_stability(on_screen.scenario, on_screen.dataset, st.session_state["data_source"])
    show_downloads(on_screen.scenario, shown, stale=on_screen.stale)
