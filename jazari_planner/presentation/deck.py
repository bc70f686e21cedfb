"""Short slide decks (python-pptx): what a planner shows a regional council.

A plan's deck has five 16:9 slides: title, the map, the assignments, the balance scores,
the scenario's settings; a phased plan adds its roadmap after the map (the timeline and the
maps by year of :mod:`.roadmap`). A comparison's deck has four: title, the plans' maps side
by side, their measures, and the themes per region with the changes against a reference
marked. Tables and the chart are native PowerPoint objects, so the audience's copy can be
edited; the maps are the same figures as :mod:`.figures`, embedded as PNG.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from ..common.errors import InputError
from ..common.escaping import printable, shortened
from ..common.files import replaced_atomically
from ..common.words import LOCALES, Lang, direction, has_word, word
from ..common.words.numbers import DASH, number, percent
from ..results.metrics import METRIC_INFO
from .figures import DPI, plot_comparison, plot_plan
from .layers import class_scale, layer_style
from .lettering import ARABIC_FONT
from .measure_text import higher_is_better, measure_name, written
from .roadmap import plot_roadmap_maps, plot_timeline
from .style import INK, MUTED_INK, metric_text, theme_label
from .view import RegionView, metrics_of, plan_theme_styles, region_views, source_line, theme_labels

if TYPE_CHECKING:
    from ..analysis.consensus import Consensus
    from ..results.plan import Plan

__all__ = ["save_comparison_deck", "save_consensus_deck", "save_deck"]

_WIDTH, _HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, 13.333 by 7.5 in
_MARGIN = Inches(0.5)
_FONT = "DejaVu Sans"


def _rgb(color: str) -> RGBColor:
    """A ``#rrggbb`` colour for python-pptx."""
    return RGBColor(*(int(color[i : i + 2], 16) for i in (1, 3, 5)))  # type: ignore[no-untyped-call]


def _text_box(slide: Slide, left: int, top: int, width: int, height: int, value: str, *,
              size: float, bold: bool = False, color: str = INK) -> None:
    """A text box whose paragraphs are ``value``'s lines."""
    frame = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height)).text_frame
    frame.word_wrap = True
    for index, line in enumerate(value.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = _FONT
        run.font.color.rgb = _rgb(color)


def _slide(deck: Deck, title: str, plan: Plan, lang: Lang) -> Slide:
    """A blank slide with a title and the source line at the bottom."""
    slide: Slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text_box(slide, _MARGIN, Inches(0.3), _WIDTH - 2 * _MARGIN, Inches(0.8), title,
              size=28, bold=True)
    _text_box(slide, _MARGIN, _HEIGHT - Inches(0.45), _WIDTH - 2 * _MARGIN, Inches(0.35),
              source_line(plan, lang=lang), size=9, color=MUTED_INK)
    return slide


#: A table cell: plain text, or runs of text each with an optional colour (drawn bold).
Cell = str | list[tuple[str, str | None]]


def _table(slide: Slide, rows: Sequence[Sequence[Cell]], *, top: int, widths: Sequence[float],
           size: float = 12) -> None:
    """A native table; the first row is the header."""
    height = Inches(0.36) * len(rows)
    shape = slide.shapes.add_table(len(rows), len(widths), _MARGIN, Emu(top),
                                   Inches(sum(widths)), Emu(height))
    table = shape.table
    for column, width in enumerate(widths):
        table.columns[column].width = Inches(width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            paragraph = table.cell(r, c).text_frame.paragraphs[0]
            for part, color in [(value, None)] if isinstance(value, str) else value:
                run = paragraph.add_run()
                run.text = part
                run.font.size = Pt(size)
                run.font.name = _FONT
                run.font.bold = r == 0 or color is not None
                if color is not None:
                    run.font.color.rgb = _rgb(color)


def _title_slide(deck: Deck, plan: Plan, lang: Lang) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, _MARGIN, Inches(2.0), Inches(1.6),
                                 Inches(0.12))
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(layer_style("fit").palette[-1])
    bar.line.fill.background()
    _text_box(slide, _MARGIN, Inches(2.3), _WIDTH - 2 * _MARGIN, Inches(1.2),
              word("plan_title", lang, scenario=plan.scenario.name), size=40, bold=True)
    description = plan.scenario.description_in(lang).strip()
    lines = [description] if description else []
    lines.append(word("subtitle", lang))
    lines.append(f"{word('status', lang)}{word('colon', lang)} "
                 f"{word(f'status_name_{plan.status}', lang)} · {plan.solver}")
    _text_box(slide, _MARGIN, Inches(3.6), _WIDTH - 2 * _MARGIN, Inches(2.0), "\n".join(lines),
              size=18, color=MUTED_INK)
    _text_box(slide, _MARGIN, _HEIGHT - Inches(0.45), _WIDTH - 2 * _MARGIN, Inches(0.35),
              source_line(plan, lang=lang), size=9, color=MUTED_INK)


def _assignments_slide(deck: Deck, plan: Plan, views: list[RegionView],
                       lang: Lang) -> None:
    slide = _slide(deck, word("assignments", lang), plan, lang)
    rows: list[list[Cell]] = [[word("region", lang), word("specializations", lang),
                               word("strength", lang), word("balance_score", lang)]]
    for view in views:
        themes: list[tuple[str, str | None]] = []
        for position, theme in enumerate(view.themes):
            themes += [(", " if position else "", None), (theme.style.badge, theme.style.color),
                       (f" {theme.label}", None)]
        rows.append([
            view.name_in(lang),
            themes or word("none", lang),
            ", ".join(number(t.strength, 2, lang) for t in view.themes),
            percent(view.balance_score, 0, lang),
        ])
    _table(slide, rows, top=Inches(1.15), widths=[3.6, 5.6, 1.6, 1.5], size=11)


def _balance_slide(deck: Deck, plan: Plan, views: list[RegionView], lang: Lang) -> None:
    slide = _slide(deck, word("balance_by_region", lang), plan, lang)
    data = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = [v.name_in(lang) for v in views]
    data.add_series(f"{word('balance_score', lang)} (%)",  # type: ignore[no-untyped-call]
                    [round(v.balance_score, 1) for v in views])
    frame: Any = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, _MARGIN, Inches(1.15),
                                        Inches(8.2), Inches(5.7), data)  # type: ignore[arg-type]
    chart = frame.chart
    chart.has_legend = False
    chart.font.size = Pt(11)
    chart.font.name = _FONT
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = 0, 100
    axis.has_major_gridlines = True
    chart.category_axis.reverse_order = True
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    plot.data_labels.number_format = "0"
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    scale = class_scale("balance_score", [v.balance_score for v in views])
    for point, view in zip(plot.series[0].points, views, strict=True):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(scale.color(view.balance_score))
        point.format.line.color.rgb = _rgb("#888888")
    metrics = metrics_of(plan)
    figures = [(word(f"metric_{name}", lang), metric_text(name, metrics[name], lang,
                                                          decimals=decimals))
               for name, decimals in (("mean_balance_score", 0), ("gini", 3), ("theil", 3),
                                      ("coverage", 0), ("total_investment", 0))]
    _text_box(slide, Inches(9.0), Inches(1.3), Inches(3.9), Inches(0.5),
              word("key_figures", lang), size=16, bold=True)
    _text_box(slide, Inches(9.0), Inches(1.9), Inches(3.9), Inches(4.5),
              "\n".join(f"{label}: {value}" for label, value in figures), size=14)
    _text_box(slide, Inches(9.0), Inches(5.4), Inches(3.9), Inches(1.0),
              f"{word('balance_score', lang)}: {word('balance_score_unit', lang)}", size=11,
              color=MUTED_INK)


def _settings_rows(plan: Plan, lang: Lang) -> list[list[str]]:
    """The scenario's settings (docs/model.md §5) and how the solve went, as table rows, in
    ``lang``: groups, indicators, regions and themes by their names, not their ids."""
    scenario, dataset = plan.scenario, plan.dataset
    comma, semicolon = word("list_comma", lang), word("list_semicolon", lang)
    themes_table = dataset.themes

    def region(code: object) -> str:
        key = str(code)
        if key == "default":
            return word("setting_default", lang)
        if lang == "ar" and key in dataset.regions.index:
            return str(dataset.regions.at[key, "region_name_ar"])
        return dataset.region_name(key) if key in dataset.regions.index else key

    def indicator(ident: str) -> str:
        if ident not in dataset.catalogue.index:
            return ident
        row = dataset.catalogue.loc[ident]
        own = row.get(f"label_{lang}") if lang != "en" else None
        return str(own) if isinstance(own, str) and own else str(row["label"])

    def group(name: str) -> str:
        return word(f"group_{name}", lang) if has_word(f"group_{name}") else name

    def pairs(mapping: Mapping[str, float], name: Callable[[str], str]) -> str:
        return comma.join(f"{name(str(key))} {number(float(value), 2, lang)}"
                          for key, value in mapping.items()) or DASH

    def locks(items: Sequence[object]) -> str:
        return comma.join(
            f"{region(lock.region)} → "  # type: ignore[attr-defined]
            f"{theme_label(str(lock.theme), themes_table, lang)}"  # type: ignore[attr-defined]
            for lock in items) or DASH

    def theme_rule(key: str, fields: Mapping[str, object]) -> str:
        shown = comma.join(f"{word('field_' + k, lang)} {number(float(v), 0, lang)}"  # type: ignore[arg-type]
                           for k, v in fields.items() if has_word(f"field_{k}"))
        return f"{theme_label(key, themes_table, lang)}{word('colon', lang)} {shown}"

    regions = comma.join(f"{region(key)} {number(b.min, 0, lang)}{DASH}{number(b.max, 0, lang)}"
                         for key, b in scenario.regions.items()) or DASH
    themes = semicolon.join(theme_rule(key, o.model_dump(exclude_none=True))
                            for key, o in scenario.themes.items()) or DASH
    budget = scenario.budget
    solved = [word(f"status_name_{plan.status}", lang),
              f"{number(plan.solve_seconds, 2, lang)} {word('unit_seconds', lang)}"]
    if plan.gap:
        solved.append(word("setting_gap", lang, gap=percent(100 * plan.gap, 2, lang)))
    return [
        [word("setting", lang), word("value", lang)],
        [word("setting_weights", lang), pairs({str(k): v for k, v in scenario.weights.items()},
                                              group)],
        [word("setting_need", lang), pairs(dict(scenario.need), indicator)],
        [word("setting_normalization", lang), word(f"norm_{scenario.normalization}", lang)],
        [word("setting_aggregation", lang), word(f"aggregation_{scenario.aggregation}", lang)],
        [word("setting_balance", lang), number(scenario.balance, 2, lang)],
        [word("setting_balance_focus", lang), number(scenario.balance_focus, 0, lang)],
        [word("setting_equity", lang), number(scenario.equity, 2, lang)],
        [word("setting_budget", lang), f"{number(budget, 0, lang)} {word('mad_million', lang)}"
         if budget is not None else DASH],
        [word("setting_min_strength", lang), number(scenario.min_strength, 2, lang)],
        [word("setting_regions", lang), regions],
        [word("setting_themes", lang), themes],
        [word("setting_lock_in", lang), locks(scenario.lock_in)],
        [word("setting_lock_out", lang), locks(scenario.lock_out)],
        [word("setting_solver", lang), f"{plan.solver}{word('colon', lang)} "
         + comma.join(solved)],
    ]


def _settings_slide(deck: Deck, plan: Plan, lang: Lang) -> None:
    slide = _slide(deck, word("settings", lang), plan, lang)
    _table(slide, _settings_rows(plan, lang), top=Inches(1.15), widths=[3.0, 9.3], size=11)


def save_deck(plan: Plan, path: str | os.PathLike[str], *, lang: Lang = "en") -> Path:
    """Write the plan's 16:9 deck to ``path`` (``.pptx``; five slides, seven with a roadmap).

    Written to a temporary name and renamed, so a failure leaves no half-written deck.
    """
    views = region_views(plan, lang=lang)
    deck = Presentation()
    deck.slide_width, deck.slide_height = _WIDTH, _HEIGHT
    # A core property holds at most 255 characters (python-pptx raises beyond).
    deck.core_properties.title = shortened(word("plan_title", lang, scenario=plan.scenario.name),
                                           255)
    deck.core_properties.author = "Jazari Planner"
    _title_slide(deck, plan, lang)
    _figure_slide(deck, plot_plan(plan, lang=lang))
    if plan.schedule is not None:
        _figure_slide(deck, plot_timeline(plan, lang=lang))
        _figure_slide(deck, plot_roadmap_maps(plan, lang=lang))
    _assignments_slide(deck, plan, views, lang)
    _balance_slide(deck, plan, views, lang)
    _settings_slide(deck, plan, lang)
    return _saved(deck, path, lang)


def _saved(deck: Deck, path: str | os.PathLike[str], lang: Lang) -> Path:
    """Write ``deck`` to ``path`` atomically, its text set for ``lang`` first."""
    if direction(lang) == "rtl":
        _right_to_left(deck, lang)
    target = Path(path)
    with replaced_atomically(target) as temporary:
        deck.save(str(temporary))
    return target


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _right_to_left(deck: Deck, lang: Lang) -> None:
    """Every paragraph of ``deck`` right to left and right-aligned, every run tagged with the
    language and set in the Arabic font (``a:cs``, the font PowerPoint shapes Arabic with);
    the viewer joins and orders the letters itself."""
    for slide in deck.slides:
        for shape in slide.shapes:
            for paragraph in shape._element.iter(f"{_A}p"):
                properties = paragraph.find(f"{_A}pPr")
                if properties is None:
                    properties = paragraph.makeelement(f"{_A}pPr", {})
                    paragraph.insert(0, properties)
                properties.set("rtl", "1")
                properties.set("algn", "r")
            for run in shape._element.iter(f"{_A}rPr", f"{_A}defRPr"):
                run.set("lang", LOCALES[lang].replace("_", "-"))
                for tag in ("latin", "cs"):
                    font = run.find(f"{_A}{tag}")
                    if font is None:
                        font = run.makeelement(f"{_A}{tag}", {})
                        run.append(font)
                    font.set("typeface", ARABIC_FONT)


def _regret_rows(result: Consensus, lang: Lang) -> list[list[Cell]]:
    """A row per stakeholder: its weights, own optimum, objective under the consensus, regret."""
    rows: list[list[Cell]] = [[word("stakeholder", lang), word("weights_short", lang),
                               word("own_optimum", lang), word("under_consensus", lang),
                               word("regret", lang)]]
    for row in result.regret.to_dict("records"):
        weights = " / ".join(number(row[g], 2, lang) for g in
                             ("economic", "academic", "infrastructure"))
        regret = f"{number(100 * row['regret'], 2, lang)} %"
        worst = row["regret"] >= result.max_regret - 1e-4
        rows.append([str(row["stakeholder"]), weights, number(row["own_optimum"], 4, lang),
                     number(row["consensus_objective"], 4, lang),
                     [(regret, "#c0392b")] if worst else regret])
    return rows


def save_consensus_deck(result: Consensus, path: str | os.PathLike[str], *,
                        lang: Lang = "en") -> Path:
    """Write a consensus's 16:9 deck to ``path``: title, the regret bars, the regrets as a
    table, the consensus's map, and the stakeholders' own plans beside it (atomically)."""
    plan = result.plan
    deck = Presentation()
    deck.slide_width, deck.slide_height = _WIDTH, _HEIGHT
    deck.core_properties.title = shortened(
        word("consensus_title", lang, scenario=plan.scenario.name), 255)
    deck.core_properties.author = "Jazari Planner"
    _title_slide(deck, plan, lang)
    _figure_slide(deck, result.plot(lang=lang))
    slide = _slide(deck, word("consensus_title", lang, scenario=plan.scenario.name), plan, lang)
    _table(slide, _regret_rows(result, lang), top=Inches(1.15),
           widths=[3.4, 2.8, 2.0, 2.2, 1.9], size=12)
    _figure_slide(deck, plot_plan(plan, lang=lang))
    # the consensus and up to seven parties' own plans: eight panels fill one figure
    _figure_slide(deck, plot_comparison([plan, *list(result.plans.values())[:7]], lang=lang))
    return _saved(deck, path, lang)


def _figure_slide(deck: Deck, figure: Any) -> None:
    """A slide filled by a 16:9 figure."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    image = io.BytesIO()
    figure.savefig(image, format="png", dpi=DPI, facecolor="white")
    image.seek(0)
    slide.shapes.add_picture(image, 0, 0, width=_WIDTH, height=_HEIGHT)


def _measures_rows(plans: Sequence[Plan], labels: Sequence[str], lang: Lang
                   ) -> list[list[Cell]]:
    """One row per measure (with its unit), one column per plan; the best value bold green."""
    rows: list[list[Cell]] = [[word("measure", lang), *labels]]
    for metric in METRIC_INFO:
        values = [None if p.metrics is None else float(p.metrics[metric]) for p in plans]
        known = [v for v in values if v is not None]
        better = higher_is_better(metric)
        best = (max(known) if better else min(known)) if known and better is not None else None
        cells: list[Cell] = [measure_name(metric, lang, unit=True)]
        for value in values:
            shown = written(metric, value, lang, unit=False)
            is_best = (best is not None and value is not None and len(set(known)) > 1
                       and abs(value - best) < 1e-12)
            cells.append([(shown, _BEST)] if is_best else shown)
        rows.append(cells)
    return rows


#: The colour of the best value of a measure, and of a region's changed themes.
_BEST, _CHANGED = "#1a7f37", "#b35806"


def _themes_rows(plans: Sequence[Plan], labels: Sequence[str], reference: int, lang: Lang
                 ) -> list[list[Cell]]:
    """Region by plan: each plan's badges; a cell that differs from the reference coloured."""
    styles = plan_theme_styles(plans, lang)
    names = theme_labels(plans[0])
    regions = plans[0].dataset.regions
    by_plan = [{str(code): sorted(map(str, ids)) for code, ids in
                p.assignments.groupby(p.assignments["region_code"].astype(str))["theme_id"]}
               if p.feasible else None for p in plans]
    rows: list[list[Cell]] = [[word("region", lang), *labels]]
    base = by_plan[reference]
    column = "region_name_ar" if lang == "ar" and "region_name_ar" in regions else "region_name"
    for code, name in zip(regions.index, regions[column], strict=True):
        cells: list[Cell] = [str(name)]
        for themes in by_plan:
            if themes is None:
                cells.append(word("no_plan_mark", lang))
                continue
            mine = themes.get(str(code), [])
            changed = base is not None and mine != base.get(str(code), [])
            parts: list[tuple[str, str | None]] = []
            for position, theme_id in enumerate(mine):
                short = theme_label(theme_id, names, lang).split(",")[0]
                parts += [(", " if position else "", None),
                          (styles[theme_id].badge, styles[theme_id].color),
                          (f" {short}", _CHANGED if changed else None)]
            cells.append(parts or word("none", lang))
        rows.append(cells)
    return rows


def save_comparison_deck(plans: Sequence[Plan], path: str | os.PathLike[str], *,
                         labels: Sequence[str] | None = None, reference: int = 0,
                         lang: Lang = "en") -> Path:
    """Write a comparison of ``plans`` as a four-slide 16:9 deck to ``path`` (``.pptx``).

    ``labels`` name the plans (default: their scenarios' names); ``reference`` is the index
    of the plan the others are compared with (its column first is not required). The maps
    slide shows only the plans that have one. Written to a temporary name and renamed.
    """
    if not plans:
        raise InputError("no plan to compare", key="plans", fix="pass at least one plan")
    names = [printable(name) for name in
             (labels if labels is not None else [p.scenario.name for p in plans])]
    deck = Presentation()
    deck.slide_width, deck.slide_height = _WIDTH, _HEIGHT
    deck.core_properties.title = word("comparison_title", lang)
    deck.core_properties.author = "Jazari Planner"
    first = deck.slides.add_slide(deck.slide_layouts[6])
    _text_box(first, _MARGIN, Inches(2.3), _WIDTH - 2 * _MARGIN, Inches(1.2),
              word("comparison_title", lang), size=40, bold=True)
    _text_box(first, _MARGIN, Inches(3.6), _WIDTH - 2 * _MARGIN, Inches(2.6),
              "\n".join(f"{'★ ' if i == reference else '· '}{name}"
                        for i, name in enumerate(names))
              + f"\n\n★ {word('reference', lang)}", size=18, color=MUTED_INK)
    feasible = [p for p in plans if p.feasible]
    if feasible:
        _figure_slide(deck, plot_comparison(feasible[:8], lang=lang))
    width = min(2.6, 9.3 / max(len(plans), 1))
    slide = _slide(deck, word("key_figures", lang), plans[reference], lang)
    _table(slide, _measures_rows(plans, names, lang), top=Inches(1.15),
           widths=[3.0] + [width] * len(plans), size=11)
    slide = _slide(deck, word("assignments", lang), plans[reference], lang)
    _table(slide, _themes_rows(plans, names, reference, lang), top=Inches(1.15),
           widths=[3.0] + [width] * len(plans), size=9)
    return _saved(deck, path, lang)
