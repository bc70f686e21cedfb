"""The Compare view: two or more scenarios side by side, for a decision.

The scenarios are the settings on screen, the ones saved from the sidebar (files that
survive a restart, :mod:`.saved`) and the files of ``scenarios/``. One of them is the
reference; the others are read against it: their measures with units (the best of each
row marked), the themes of every region with the changes marked, their maps on one legend,
a map of what changed, and the whole comparison as slides. A scenario without a plan (the
current settings made infeasible, say) is marked as such, never counted as "no change".
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

import jazari_planner as jp

from ..common.errors import InputError, SolverLimitError
from ..common.escaping import markdown_text
from ..presentation.layers import LAYERS, Layer, layer_style, layer_title, layer_unit
from ..presentation.measure_text import higher_is_better, measure_name
from ..presentation.style import theme_style
from ..presentation.webmap import (
    KEY_CSS,
    badge_html,
    change_layer,
    plan_layer,
    plan_scales,
    scale_legend,
    themes_key,
)
from ..results.metrics import METRIC_INFO
from . import exports
from .maps import change_frame, show_map, small_frame
from .saved import saved_scenarios
from .session import (
    CURRENT,
    SAVED,
    SHIPPED,
    diagnosis,
    lang,
    paths,
    region_name,
    scenario_files,
    solve,
    t,
    theme_text,
)
from .sources import source_of
from .tables import writer
from .widgets import choice

__all__ = ["compare_view"]

#: Small maps per row: three stay readable on a 1366-pixel screen.
PER_ROW = 3
#: The best value of a measure, and a cell that differs from the reference.
BEST_STYLE = "background-color: #d9f0d3; font-weight: bold"
CHANGED_STYLE = "background: #fde0c5"

TABLE_CSS = """
.jz-compare { border-collapse: collapse; width: 100%; font-size: 13px; }
.jz-compare th, .jz-compare td { border-bottom: 1px solid #e4e7eb; padding: 4px 6px;
  text-align: left; vertical-align: top; }
.jz-compare th { color: #52606d; font-weight: 600; }
.jz-compare td.jz-changed { background: #fde0c5; }
.jz-compare .jz-cell-label { font-size: 12px; color: #1f2933; }
.jz-compare td.jz-none { color: #9aa5b1; font-style: italic; }
"""


@dataclass(frozen=True)
class Compared:
    """One scenario of the comparison: its choice, column title, and plan or error."""

    option: str
    label: str
    plan: jp.Plan | None
    error: str | None = None

    @property
    def feasible(self) -> bool:
        return self.plan is not None and self.plan.feasible


def compare_options() -> list[str]:
    """The settings on screen, the saved scenarios, then the shipped ones."""
    saved = [f"{SAVED}{name}" for name in saved_scenarios(paths().saved)]
    return [CURRENT, *saved, *(f"{SHIPPED}{name}" for name in scenario_files())]


def option_text(option: str) -> str:
    """A choice as listed: ``current settings``, ``saved: …``, or a file name."""
    if option == CURRENT:
        return t("current")
    kind, _, name = option.partition(":")
    return t("saved_prefix", name=name) if f"{kind}:" == SAVED else name


def compare_plan(option: str, current: jp.Scenario | None) -> jp.Plan:
    """The plan of a compare choice (raises InputError/SolverLimitError)."""
    if option == CURRENT:
        if current is None:
            raise InputError(t("invalid_settings"), source=t("current"))
        return solve(current, st.session_state["data_source"])
    kind, _, name = option.partition(":")
    folder = paths().saved if f"{kind}:" == SAVED else paths().scenarios
    scenario = jp.Scenario.from_yaml(folder / name)
    return solve(scenario, source_of(scenario))


def compared(option: str, current: jp.Scenario | None) -> Compared:
    """A choice solved; its error kept as text."""
    try:
        plan = compare_plan(option, current)
    except (InputError, SolverLimitError) as error:
        message = error.message if isinstance(error, InputError) else str(error)
        return Compared(option, option_text(option), None, message)
    if option == CURRENT:
        label = f"{plan.scenario.name} ({t('current')})"
    else:
        label = f"{plan.scenario.name} ({option.partition(':')[2]})"
    return Compared(option, label, plan)


def measures_table(items: list[Compared]) -> Styler:
    """Measures (with units) by scenario, written in the chosen language; the best of each
    row marked; a scenario without a plan shows dashes."""
    code = lang()
    rows: dict[str, list[float]] = {}
    decimals: dict[str, int] = {}
    for metric, info in METRIC_INFO.items():
        name = measure_name(metric, code, unit=True)
        rows[name] = [info.scale * float(item.plan.metrics[metric])
                      if item.plan is not None and item.plan.metrics is not None
                      else math.nan for item in items]
        decimals[name] = info.decimals
    count = t("specializations")
    rows[count] = [float(len(item.plan.assignments)) if item.plan is not None and item.feasible
                   else math.nan for item in items]
    decimals[count] = 0
    frame = pd.DataFrame(rows, index=[item.label for item in items]).T
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for metric in METRIC_INFO:
        better = higher_is_better(metric)
        name = measure_name(metric, code, unit=True)
        row = frame.loc[name]
        if better is None or row.notna().sum() < 2 or row.nunique() < 2:
            continue
        styles.loc[name, row == (row.max() if better else row.min())] = BEST_STYLE
    styler = frame.style
    for name, places in decimals.items():
        styler = styler.format(writer(places, code), subset=pd.IndexSlice[[name], :])
    return styler.apply(lambda _: styles, axis=None)


def _themes(plan: jp.Plan) -> dict[str, list[str]]:
    """Region code → the plan's theme ids there (dataset order)."""
    table = plan.assignments
    order = {theme: i for i, theme in enumerate(plan.dataset.theme_ids)}
    grouped = table.groupby(table["region_code"].astype(str))["theme_id"]
    return {str(code): sorted(map(str, ids), key=lambda th: order.get(th, len(order)))
            for code, ids in grouped}


def themes_html(items: list[Compared], reference: Compared) -> tuple[str, dict[str, int]]:
    """Themes per region by scenario as an HTML table, each cell that differs from the
    reference marked, its gained themes ringed and lost ones struck through; and, per
    scenario with a plan, how many regions differ."""
    assert reference.plan is not None
    dataset = reference.plan.dataset
    base = _themes(reference.plan)
    by_item = {item.option: _themes(item.plan) if item.plan is not None and item.feasible
               else None for item in items}
    differ = {item.label: 0 for item in items if by_item[item.option] is not None
              and item.option != reference.option}
    head = "".join(
        f"<th>{html.escape(item.label)}"
        + (f" ★ {html.escape(t('reference'))}" if item.option == reference.option else "")
        + "</th>" for item in items)
    body = []
    for code in dataset.region_codes:
        cells = [f"<td>{html.escape(region_name(dataset, code))}</td>"]
        was = base.get(code, [])
        for item in items:
            themes = by_item[item.option]
            if themes is None:
                cells.append(f'<td class="jz-none">{html.escape(t("no_plan"))}</td>')
                continue
            now = themes.get(code, [])
            changed = item.option != reference.option and now != was
            if changed:
                differ[item.label] += 1
            marks = [(th, "gained" if changed and th not in was else "") for th in now]
            marks += [(th, "lost") for th in was if changed and th not in now]
            parts = [f"{badge_html(theme_style(th, lang()), kind=kind)} "
                     f'<span class="jz-cell-label">{html.escape(theme_text(dataset, th))}</span>'
                     for th, kind in marks]
            cells.append(f'<td{" class=jz-changed" if changed else ""}>'
                         + ("<br>".join(parts) or html.escape(t("none_assigned"))) + "</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    table = (f'<table class="jz-compare"><tr><th>{html.escape(t("col_region"))}</th>{head}</tr>'
             + "".join(body) + "</table>")
    return table, differ


def show_maps(items: list[Compared]) -> None:
    """The plans' maps side by side on one legend, coloured by the layer chosen."""
    code = lang()
    drawn = [item for item in items if item.feasible and item.plan is not None]
    if "compare_layer" not in st.session_state:
        st.session_state["compare_layer"] = LAYERS[0]
    layer: Layer = choice(st.segmented_control, t("colour_by"), list(LAYERS),
                          key="compare_layer", lang=code, keep_none=True,
                          format_func=lambda name: layer_title(name, code))
    plans = [item.plan for item in drawn if item.plan is not None]
    scales = plan_scales(plans, lang=code)
    for start in range(0, len(drawn), PER_ROW):
        columns = st.columns(PER_ROW)
        for offset, item in enumerate(drawn[start:start + PER_ROW]):
            assert item.plan is not None
            index = start + offset
            with columns[offset]:
                st.markdown(f"**{markdown_text(item.label)}**")
                show_map(small_frame(item.plan, name=f"compare-{index}"),
                         plan_layer(item.plan, lang=code, scales=scales, show=layer, key=False),
                         key=f"compare_map_{index}", height=400)
    title = layer_title(layer, code, plan=plans[0])
    locked = any(bool(p.assignments["locked"].any()) for p in plans)
    st.html(f"<style>{KEY_CSS}.jz-compare-key .jz-legend-themes {{ column-count: 3; }}</style>"
            '<div class="jz-compare-key">'
            + scale_legend(title, layer_unit(layer, code), scales[layer], code,
                           layer_style(layer).suffix)
            + themes_key(plans, code, kinds=("locked",) if locked else ()) + "</div>")


def show_change_map(items: list[Compared], reference: Compared) -> None:
    """A map of what changed from the reference to one other scenario."""
    others = [item for item in items if item.feasible and item.option != reference.option]
    if not others or reference.plan is None:
        return
    code = lang()
    st.subheader(t("compare_change"))
    options = [item.option for item in others]
    if st.session_state.get("compare_change") not in options:
        st.session_state["compare_change"] = options[0]
    labels = {item.option: item.label for item in others}
    chosen = choice(st.selectbox, t("compare_change_of"), options, key="compare_change",
                    lang=code, format_func=labels.__getitem__)
    item = next(i for i in others if i.option == chosen)
    assert item.plan is not None
    left, right = st.columns([3, 2], gap="medium")
    with left:
        show_map(change_frame(item.plan, name="compare-change", title=t("compare_change")),
                 change_layer(item.plan, reference.plan, lang=code),
                 key="compare_change_map", height=520)
    with right:
        st.html(f"<style>{KEY_CSS}</style>"
                + themes_key([item.plan, reference.plan], code, kinds=("gained", "lost")))


def show_exports(items: list[Compared], reference: Compared) -> None:
    """The comparison as slides and as a figure, named after the reference."""
    plans = [item.plan for item in items if item.plan is not None]
    labels = [item.label for item in items if item.plan is not None]
    index = next(i for i, item in enumerate(i for i in items if i.plan is not None)
                 if item.option == reference.option)
    feasible = [plan for plan in plans if plan.feasible][:8]
    stem = f"comparison-{exports.file_stem(reference.label)}"
    code = lang()
    left, right, _ = st.columns([1, 1, 2])
    left.download_button(
        t("download_compare_pptx"),
        lambda: exports.comparison_pptx(plans, labels=labels, reference=index, lang=code),
        file_name=f"{stem}.pptx", key="download_compare_pptx", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        width="stretch")
    right.download_button(
        t("download_compare_png"), lambda: exports.comparison_png(feasible, lang=code),
        file_name=f"{stem}.png", mime="image/png", key="download_compare_png",
        on_click="ignore", disabled=not feasible, width="stretch")


def compare_view(current: jp.Scenario | None, dataset: jp.Dataset) -> None:
    """Two or more scenarios side by side, read against a reference."""
    state = st.session_state
    code = lang()
    st.caption(t("compare_intro", folder=markdown_text(str(paths().saved))))
    options = compare_options()
    state["compare_choices"] = [c for c in state.get("compare_choices", []) if c in options]
    choice(st.multiselect, t("compare_choices"), options, key="compare_choices", lang=code,
           format_func=option_text, placeholder=t("choose_scenarios"))
    chosen: list[str] = state["compare_choices"]
    if len(chosen) < 2:
        st.info(t("compare_need_two"))
        return
    items = [compared(option, current) for option in chosen]
    for item in items:
        if item.error is not None:
            st.error(t("compare_error", name=markdown_text(item.label),
                       message=markdown_text(item.error)))
        elif not item.feasible and item.plan is not None:
            st.warning(t("compare_infeasible", name=markdown_text(item.label),
                         why=markdown_text(diagnosis(item.plan))))
    solved = [item for item in items if item.feasible]
    if len(solved) < 1 or len(items) - sum(item.error is not None for item in items) < 2:
        st.info(t("compare_need_two"))
        return
    if state.get("compare_reference") not in [item.option for item in solved]:
        state["compare_reference"] = solved[0].option
    labels = {item.option: item.label for item in solved}
    reference_option = choice(st.selectbox, t("compare_reference"), list(labels),
                              key="compare_reference", lang=code, format_func=labels.__getitem__)
    reference = next(item for item in solved if item.option == reference_option)
    shown = [item for item in items if item.error is None]

    st.subheader(t("compare_metrics"))
    st.dataframe(measures_table(shown), width="stretch", key="compare_metrics_table")

    st.subheader(t("compare_assignments"))
    table, differ = themes_html(shown, reference)
    st.caption(" · ".join(t("compare_differ", name=markdown_text(name), count=count,
                            total=len(dataset.region_codes),
                            reference=markdown_text(reference.label))
                          for name, count in differ.items()))
    st.html(f"<style>{KEY_CSS}{TABLE_CSS}</style>{table}")

    st.subheader(t("compare_maps"))
    show_maps(shown)
    show_change_map(shown, reference)
    st.subheader(t("compare_export"))
    show_exports(shown, reference)
