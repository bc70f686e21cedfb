"""A scenario's ``phasing:`` block checked before any solving, errors naming file, line and key.

Two stages, as for the rest of a scenario. :func:`check_years` needs no data: the years are
in order, every year, budget key and deadline falls inside them, every budget is a finite
amount in range. :func:`check_against` runs with the dataset: names are known, an announced
opening is not also locked out, given twice, or dearer than its year's whole budget (a
history year's, up to ``as_of``, is not enforced: history is what it was). A
collision that only the solver can see (two announcements that together exceed a year's
budget) is left to the infeasibility diagnosis, which words it.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Mapping
from typing import Any

from ..common.errors import InputError
from ..common.safe_yaml import KeyPath, format_path, line_of
from .schema import MAX_BUDGET, MAX_YEARS, Phasing, Scenario

if typing.TYPE_CHECKING:
    from ..data.dataset import Dataset

__all__ = ["BUDGET_HINT", "check_against", "check_years"]

#: What ``budget_per_year`` holds, for an error's fix.
BUDGET_HINT = (f"budget_per_year is in MAD million, from 0 to {MAX_BUDGET:g}: one figure for "
               "every year (900), or one per year ({2025: 300, 2026: 900, …}); remove the key "
               "for no yearly budget")


class _Where:
    """Builds the ``source``, ``key`` and ``line`` of an error at a key path."""

    def __init__(self, source: str, lines: Mapping[KeyPath, int]) -> None:
        self.source = source
        self.lines = lines

    def __call__(self, *path: str | int) -> dict[str, Any]:
        full: KeyPath = ("phasing", *path)
        return {"source": self.source, "key": format_path(full),
                "line": line_of(full, self.lines)}


def check_years(phasing: Phasing | None, *, lines: Mapping[KeyPath, int], source: str) -> None:
    """The roadmap's years, budgets and deadlines are consistent; :class:`InputError` if not.

    Year keys of ``budget_per_year`` are named as the file writes them (``2031``), with the
    line of that key.
    """
    if phasing is None:
        return
    where = _Where(source, lines)
    first, last = phasing.years
    span = f"{first}–{last}"
    if first > last:
        raise InputError(f"the first year {first} comes after the last year {last}",
                         fix="write years: [first, last], e.g. [2025, 2030]", **where("years"))
    if last - first + 1 > MAX_YEARS:
        raise InputError(f"{span} spans {last - first + 1} years; at most {MAX_YEARS} are planned",
                         fix="plan a shorter horizon", **where("years"))
    budget = phasing.budget_per_year
    if isinstance(budget, dict):
        for year, figure in budget.items():
            if year not in phasing.year_range:
                raise InputError(
                    f"the budget of {year} falls outside the roadmap's years {span}",
                    fix=f"give one budget per year from {first} to {last}, or widen `years`",
                    **where("budget_per_year", str(year)))
            _check_budget(figure, where("budget_per_year", str(year)))
        missing = [y for y in phasing.year_range if y not in budget]
        if missing:
            raise InputError(
                f"no budget for {', '.join(map(str, missing))}",
                fix=f"give every year from {first} to {last} a budget, or one figure for all",
                **where("budget_per_year"))
    elif budget is not None:
        _check_budget(budget, where("budget_per_year"))
    as_of = phasing.as_of
    if as_of is not None and not first <= as_of < last:
        raise InputError(
            f"as_of {as_of} is not a year of the roadmap before its last ({first}–{last - 1}): "
            "the years up to as_of are history, and the plan needs a year after it",
            fix=f"choose a year from {first} to {last - 1} (a roadmap revised in December 2026 "
                "sets as_of: 2026), or remove as_of to plan every year",
            **where("as_of"))
    deadline = phasing.first_institute_by
    if deadline is not None and deadline not in phasing.year_range:
        raise InputError(f"first_institute_by {deadline} falls outside the roadmap's years {span}",
                         fix=f"choose a year from {first} to {last}",
                         **where("first_institute_by"))
    for kind in ("opened", "opened_regions"):
        for index, entry in enumerate(getattr(phasing, kind)):
            if entry.year not in phasing.year_range:
                raise InputError(
                    f"the year {entry.year} falls outside the roadmap's years {span}",
                    fix=f"choose a year from {first} to {last}, or widen `years` (an "
                        "institute opened before the roadmap is a lock_in)",
                    **where(kind, index, "year"))


def _check_budget(figure: float, where: dict[str, Any]) -> None:
    if not math.isfinite(figure):
        raise InputError(f"is {figure:g}, not a finite number", fix=BUDGET_HINT, **where)
    if not 0 <= figure <= MAX_BUDGET:
        raise InputError(f"is {figure:g}; expected a value from 0 to {MAX_BUDGET:g}",
                         fix=BUDGET_HINT, **where)


def check_against(scenario: Scenario, dataset: Dataset) -> None:
    """The roadmap's names against ``dataset``, and announcements that cannot be honoured.

    Refuses an unknown region or theme, an announced opening given twice or also locked
    out, an opening that costs more than its year's whole budget, and a region announced
    twice for one year. Raises :class:`InputError` with the line.
    """
    phasing = scenario.phasing
    if phasing is None:
        return
    where = _Where(str(scenario.path) if scenario.path else "scenario", scenario.key_lines)

    def relocated(error: InputError, *path: str | int) -> InputError:
        return InputError(error.problem, fix=error.fix, **where(*path))

    cost = _costs(scenario, dataset)
    locked_out = {(dataset.region_code(lock.region), dataset.theme_id(lock.theme))
                  for lock in scenario.lock_out}
    seen: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(phasing.opened):
        try:
            region = dataset.region_code(entry.region)
        except InputError as error:
            raise relocated(error, "opened", index, "region") from None
        try:
            theme = dataset.theme_id(entry.theme)
        except InputError as error:
            raise relocated(error, "opened", index, "theme") from None
        shown = f"{dataset.region_name(region)} → {theme}"
        if (region, theme) in seen:
            raise InputError(f"{shown} is already announced in opened[{seen[region, theme]}]",
                             fix="keep one entry per specialization",
                             **where("opened", index))
        seen[region, theme] = index
        if (region, theme) in locked_out:
            raise InputError(f"{shown} is announced to open in {entry.year} and also locked out",
                             fix="remove the lock_out, or the announcement",
                             **where("opened", index))
        budget = phasing.budget_of(entry.year)
        # history (as_of) is what it was: an opening there may exceed that year's budget
        if budget is not None and cost[theme] > budget and not phasing.is_history(entry.year):
            raise InputError(
                f"{shown} costs {cost[theme]:g} MAD million, more than the {entry.year} budget "
                f"of {budget:g}",
                fix=f"raise the {entry.year} budget to at least {cost[theme]:g}, or correct "
                    "the theme's cost (themes.<id>.cost)",
                **where("opened", index))
    years: dict[tuple[str, int], int] = {}
    for index, region_entry in enumerate(phasing.opened_regions):
        try:
            code = dataset.region_code(region_entry.region)
        except InputError as error:
            raise relocated(error, "opened_regions", index, "region") from None
        key = (code, region_entry.year)
        if key in years:
            raise InputError(
                f"{dataset.region_name(code)} is already announced for {region_entry.year} in "
                f"opened_regions[{years[key]}]", fix="keep one entry per region and year",
                **where("opened_regions", index))
        years[key] = index


def _costs(scenario: Scenario, dataset: Dataset) -> dict[str, float]:
    """Each theme's cost with the scenario's overrides."""
    cost = {str(t): float(c) for t, c in dataset.themes["cost"].items()}
    for key, override in scenario.themes.items():
        if override.cost is not None:
            cost[dataset.theme_id(key)] = float(override.cost)
    return cost
