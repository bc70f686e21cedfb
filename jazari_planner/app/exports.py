"""The app's downloads as bytes: the scenario, the assignments, the map (HTML, PNG), the deck,
and a comparison as slides or as a figure.

Each is written by the library's own writers (the same files as ``jazari-planner solve``)
into a temporary folder and read back, so an English download is byte for byte what the CLI
makes. In French and Arabic a table is a spreadsheet's CSV in that language: headers, theme
labels (and Arabic region names) in it, ``;`` between fields, decimal commas, numbers
rounded as the app shows them, and a UTF-8 byte-order mark, so that a French (or Moroccan
Arabic) Excel opens it as columns.
"""

from __future__ import annotations

import re
import tempfile
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..common.escaping import csv_safe
from ..common.words import Lang, word
from ..export.outputs import csv_text
from ..presentation import (
    save_comparison,
    save_comparison_deck,
    save_consensus_deck,
    save_deck,
    save_figure,
    save_map,
)
from ..presentation.style import theme_label
from ..results.schedule import BY_YEAR_COLUMNS, SCHEDULE_COLUMNS
from ..results.tables import ASSIGNMENT_COLUMNS

if TYPE_CHECKING:
    from ..analysis.consensus import Consensus
    from ..results.plan import Plan
    from ..scenario.schema import Scenario

__all__ = [
    "assignments_csv",
    "by_year_csv",
    "comparison_png",
    "comparison_pptx",
    "consensus_pptx",
    "deck_pptx",
    "file_stem",
    "map_html",
    "map_png",
    "scenario_yaml",
    "schedule_csv",
    "spreadsheet_csv",
]


def file_stem(name: str) -> str:
    """A file-name-safe stem from a scenario name, its letters kept whatever their script:
    ``"Tight budget!"`` → ``"tight-budget"``, ``"Plan régional été 2026"`` →
    ``"plan-régional-été-2026"``."""
    letters = unicodedata.normalize("NFC", name).lower()
    stem = re.sub(r"[\W_]+", "-", letters).strip("-")
    return stem or "scenario"


def scenario_yaml(scenario: Scenario) -> bytes:
    """The scenario as YAML that ``Scenario.from_yaml`` reads back equal."""
    return scenario_text(scenario).encode("utf-8")


#: The YAML of the scenarios written lately, by identity; each entry holds its scenario, so
#: its id names no other while it is here. A run asks for the YAML of the same (frozen)
#: scenario five times or more (the plan's cache key, the reference's, the Why panel's, the
#: downloads), and writing it costs 10 to 30 ms each time.
_TEXTS: OrderedDict[int, tuple[Scenario, str]] = OrderedDict()
_TEXTS_LOCK = threading.Lock()
_TEXTS_KEPT = 64


def scenario_text(scenario: Scenario) -> str:
    """``scenario.to_yaml()``, written once per scenario object (scenarios are frozen)."""
    with _TEXTS_LOCK:
        held = _TEXTS.get(id(scenario))
        if held is not None and held[0] is scenario:
            _TEXTS.move_to_end(id(scenario))
            return held[1]
    text = scenario.to_yaml()
    with _TEXTS_LOCK:
        _TEXTS[id(scenario)] = (scenario, text)
        while len(_TEXTS) > _TEXTS_KEPT:
            _TEXTS.popitem(last=False)
    return text


#: A spreadsheet column: the key of its header's words and the decimals it is rounded to
#: (``None``: not a number).
Column = tuple[str, int | None]


def spreadsheet_csv(frame: pd.DataFrame, columns: Mapping[str, Column], lang: Lang) -> bytes:
    """``frame``'s ``columns`` as a spreadsheet in ``lang`` opens them.

    English: the CLI's CSV (``,``, decimal points, full precision, the file's own column
    names). French and Arabic: headers in the language, numbers rounded to the column's
    decimals, ``;`` between fields, decimal commas, ``yes``/``no`` for booleans and a UTF-8
    byte-order mark (how French Excel recognises UTF-8).
    """
    table = frame.loc[:, list(columns)]
    if lang == "en":
        return csv_text(table).encode("utf-8")
    shown = pd.DataFrame({
        word(header, lang): _cells(table[name], decimals, lang)
        for name, (header, decimals) in columns.items()})
    text: str = csv_safe(shown).to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _cells(values: pd.Series, decimals: int | None, lang: Lang) -> pd.Series:
    if values.dtype == bool:
        return values.map({True: word("yes", lang), False: word("no", lang)})
    if decimals is None:
        return values
    return pd.to_numeric(values).astype(float).round(decimals)


def _localized(frame: pd.DataFrame, plan: Plan, lang: Lang) -> pd.DataFrame:
    """``frame`` with its theme labels (and, in Arabic, its region names) in ``lang``."""
    out = frame.copy()
    if "theme_label" in out.columns and lang != "en":
        out["theme_label"] = [theme_label(str(t), plan.dataset.themes, lang)
                              for t in out["theme_id"]]
    if "region_name" in out.columns and lang == "ar":
        arabic = plan.dataset.regions["region_name_ar"]
        out["region_name"] = [str(arabic.get(str(c), name)) for c, name in
                              zip(out["region_code"], out["region_name"], strict=True)]
    return out


_ASSIGNMENTS: dict[str, Column] = {
    "region_code": ("col_region_code", None), "region_name": ("col_region", None),
    "theme_id": ("col_theme_id", None), "theme_label": ("col_theme", None),
    "strength": ("col_strength", 3), "locked": ("col_locked", None)}
_SCHEDULE: dict[str, Column] = {
    "region_code": ("col_region_code", None), "region_name": ("col_region", None),
    "theme_id": ("col_theme_id", None), "theme_label": ("col_theme", None),
    "year": ("col_year", None), "cost": ("col_cost", 0)}
_BY_YEAR: dict[str, Column] = {
    "year": ("col_year", None), "budget": ("col_budget", 0), "spending": ("col_spending", 0),
    "openings": ("col_openings", None), "regions_served": ("col_served", None),
    "mean_fit": ("metric_mean_fit_label", 3), "worst_mean": ("metric_worst_mean_label", 3)}
assert list(_ASSIGNMENTS) == ASSIGNMENT_COLUMNS and list(_SCHEDULE) == SCHEDULE_COLUMNS
assert list(_BY_YEAR) == BY_YEAR_COLUMNS


def assignments_csv(plan: Plan, lang: Lang = "en") -> bytes:
    """``assignments.csv`` of docs/model.md §6: in English as the CLI writes it (formula cells
    neutralized), in French and Arabic as that language's spreadsheet opens it."""
    return spreadsheet_csv(_localized(plan.assignments, plan, lang), _ASSIGNMENTS, lang)


def schedule_csv(plan: Plan, lang: Lang = "en") -> bytes:
    """A roadmap's ``schedule.csv`` (when each specialization opens), in ``lang``."""
    assert plan.schedule is not None
    return spreadsheet_csv(_localized(plan.schedule, plan, lang), _SCHEDULE, lang)


def by_year_csv(plan: Plan, lang: Lang = "en") -> bytes:
    """A roadmap's ``by_year.csv`` (money, openings and fit each year), in ``lang``."""
    assert plan.by_year is not None
    return spreadsheet_csv(plan.by_year, _BY_YEAR, lang)


def _written(write: Callable[[Path], object], name: str) -> bytes:
    """What ``write`` puts in a file called ``name``, read back from a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="jazari-app-export-") as folder:
        path = Path(folder) / name
        write(path)
        return path.read_bytes()


def map_html(plan: Plan, *, lang: Lang = "en") -> bytes:
    """The self-contained, offline ``map.html``."""
    return _written(lambda path: save_map(plan, path, lang=lang), "map.html")


def map_png(plan: Plan, *, lang: Lang = "en") -> bytes:
    """The static ``map.png`` for slides."""
    return _written(lambda path: save_figure(plan, path, lang=lang), "map.png")


def deck_pptx(plan: Plan, *, lang: Lang = "en") -> bytes:
    """The short slide deck of the plan."""
    return _written(lambda path: save_deck(plan, path, lang=lang), "plan.pptx")


def consensus_pptx(result: Consensus, *, lang: Lang = "en") -> bytes:
    """The consensus's deck: the regret bars and table, its map, the parties' own plans."""
    return _written(lambda path: save_consensus_deck(result, path, lang=lang),
                    "consensus.pptx")


def comparison_pptx(plans: Sequence[Plan], *, labels: Sequence[str], reference: int,
                    lang: Lang = "en") -> bytes:
    """The comparison's four slides: maps, measures, themes per region against ``reference``."""
    return _written(lambda path: save_comparison_deck(plans, path, labels=labels,
                                                      reference=reference, lang=lang),
                    "comparison.pptx")


def comparison_png(plans: Sequence[Plan], *, lang: Lang = "en") -> bytes:
    """The plans' maps side by side on one legend, for a slide."""
    return _written(lambda path: save_comparison(plans, path, lang=lang), "comparison.png")
