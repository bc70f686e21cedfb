"""Phasing (docs/model.md §10): when each specialization opens, under yearly budgets.

The roadmap extends the MILP of §3 through its handles, without editing it: one binary
``o[r,t,y]`` per open cell and year (the specialization opens in year ``y``), tied to the
plan by ``x[r,t] = Σ_y o[r,t,y]``; a budget and an openings cap per year; each region of
``R⁺`` served by ``first_institute_by``; announced openings fixed to their year; and the
early-opening term of :func:`~jazari_planner.optimization.objective.early_opening` added to the
objective.
Each rule is added with :meth:`~jazari_planner.optimization.model.PlanningModel.add_rule`, so the
infeasibility diagnosis names it in the planner's words.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pulp
from numpy.typing import ArrayLike, NDArray

from ..common.errors import SolverLimitError
from . import objective as obj
from .model import ModelInputs, PlanningModel, Rule, _safe, create_model
from .rule_wording import Fix
from .solvers import SolverOptions, solve_model

__all__ = [
    "PhasedModel",
    "PhasingInputs",
    "add_phasing",
    "opening_years",
    "phasing_fixes",
    "plan_value",
]

Cell = tuple[str, str]


@dataclass(frozen=True)
class PhasingInputs:
    """A roadmap's rules, resolved to region codes, theme ids and years.

    ``budget`` maps each year that has one to ``B_y`` (MAD million); ``opened`` maps an
    announced cell to its year; ``opened_regions`` lists ``(region, year)`` pairs; ``as_of``
    (``None``: no history) ends the history: in the years up to it only those entries open,
    and their budgets and caps are not enforced (revision 3).
    """

    first_year: int
    last_year: int
    budget: Mapping[int, float] = field(default_factory=dict)
    max_openings: int | None = None
    first_institute_by: int | None = None
    opened: Mapping[Cell, int] = field(default_factory=dict)
    opened_regions: tuple[tuple[str, int], ...] = ()
    as_of: int | None = None

    def __post_init__(self) -> None:
        years = self.years
        if not years:
            raise ValueError(f"no year from {self.first_year} to {self.last_year}")
        if self.as_of is not None and not self.first_year <= self.as_of < self.last_year:
            raise ValueError(f"as_of {self.as_of} is not from {self.first_year} to "
                             f"{self.last_year - 1}")
        dated = [*self.budget, *self.opened.values(), *(y for _, y in self.opened_regions)]
        if self.first_institute_by is not None:
            dated.append(self.first_institute_by)
        outside = sorted({y for y in dated if y not in years})
        if outside:
            raise ValueError(f"years {outside} fall outside {self.first_year}–{self.last_year}")

    @property
    def years(self) -> range:
        """``Y0 … Y1``."""
        return range(self.first_year, self.last_year + 1)

    def is_history(self, year: int) -> bool:
        """Whether ``year`` is history (``year ≤ as_of``)."""
        return self.as_of is not None and year <= self.as_of

    @property
    def plan_years(self) -> range:
        """The years the plan decides: after ``as_of`` (every year without one)."""
        start = self.first_year if self.as_of is None else self.as_of + 1
        return range(start, self.last_year + 1)

    def may_open(self, region: str, theme: str, year: int) -> bool:
        """Whether ``o[region, theme, year]`` may be 1: any year of the plan; in history,
        only an ``opened`` entry of that year, or a theme of an ``opened_regions`` entry's."""
        if not self.is_history(year):
            return True
        return (self.opened.get((region, theme)) == year
                or (region, year) in self.opened_regions)


@dataclass(eq=False)
class PhasedModel:
    """The handles phasing adds to a :class:`~jazari_planner.optimization.model.PlanningModel`.

    ``opens[(r, t, y)]`` is ``o[r,t,y]`` (only for cells rule 5 leaves open);
    ``early_opening`` the term ``δ (1/|R|) Σ s o w_y`` added to the model's objective.
    """

    model: PlanningModel
    phasing: PhasingInputs
    opens: dict[tuple[str, str, int], pulp.LpVariable]
    early_opening: pulp.LpAffineExpression

    def schedule(self) -> dict[Cell, int]:
        """After a solve: the year each chosen cell opens."""
        return {(r, t): y for (r, t, y), var in self.opens.items() if (var.varValue or 0) > 0.5}

    def openings_in(self, year: int) -> pulp.LpAffineExpression:
        """``Σ_{r,t} o[r,t,year]``: the openings of one year."""
        return pulp.lpSum(var for (_, _, y), var in self.opens.items() if y == year)


def add_phasing(model: PlanningModel, phasing: PhasingInputs) -> PhasedModel:
    """Add docs/model.md §10 to ``model``: ``o[r,t,y]``, ``x = Σ_y o``, the yearly rules and
    the early-opening term (the model's ``objective`` becomes ``z`` plus that term).

    Rules in ``model.dropped`` are left out, as
    :func:`~jazari_planner.optimization.model.create_model` does, so the diagnosis can find
    which ones collide.
    """
    inputs = model.inputs
    problem = model.problem
    years = phasing.years
    opens: dict[tuple[str, str, int], pulp.LpVariable] = {}
    for (region, theme), x in model.x.items():
        if x.upBound == 0:  # closed by rule 5: never opens
            continue
        # a history year (≤ as_of) has a column only where an entry of that year opened
        when = [y for y in years if phasing.may_open(region, theme, y)]
        cell = [problem.add_variable(f"o_{_safe(region)}_{_safe(theme)}_{y}", lowBound=0,
                                     upBound=1, cat=pulp.LpBinary) for y in when]
        opens.update({(region, theme, y): var for y, var in zip(when, cell, strict=True)})
        # x[r,t] = Σ_y o[r,t,y]: a chosen specialization opens in exactly one year
        problem.addConstraint(pulp.lpSum(cell) - x == 0,
                              name=f"opens_{_safe(region)}_{_safe(theme)}")

    cost = dict(zip(inputs.themes, (float(c) for c in inputs.cost), strict=True))
    for year, budget in sorted(phasing.budget.items()):
        if phasing.is_history(year):  # history is what it was: its budget is not enforced
            continue
        spent = pulp.lpSum(cost[t] * var for (_, t, y), var in opens.items() if y == year)
        model.add_rule(spent <= budget, name=f"year_budget_{year}", family="year_budget",
                       year=year, bound=budget)
    handles = PhasedModel(model, phasing, opens, pulp.LpAffineExpression())
    if phasing.max_openings is not None:
        for year in phasing.plan_years:
            model.add_rule(handles.openings_in(year) <= phasing.max_openings,
                           name=f"year_openings_{year}", family="year_openings", year=year,
                           bound=phasing.max_openings)
    if phasing.first_institute_by is not None:
        deadline = phasing.first_institute_by
        for region, served in zip(inputs.regions, inputs.served, strict=True):
            if served:
                early = pulp.lpSum(var for (r, _, y), var in opens.items()
                                   if r == region and y <= deadline)
                model.add_rule(early >= 1, name=f"first_institute_{_safe(region)}",
                               family="first_institute", region=region, year=deadline)
    for (region, theme), year in sorted(phasing.opened.items()):
        var = opens.get((region, theme, year))
        row = pulp.LpAffineExpression([(var, 1.0)] if var is not None else [])
        model.add_rule(row == 1, name=f"opened_{_safe(region)}_{_safe(theme)}",
                       family="opened", region=region, theme=theme, year=year,
                       cost=cost[theme])
    for region, year in sorted(set(phasing.opened_regions)):
        row = pulp.lpSum(var for (r, _, y), var in opens.items() if r == region and y == year)
        if phasing.is_history(year):
            # history: the entry opened exactly one theme (the plan says which), besides the
            # region's `opened` entries of that year
            announced = sum(1 for (r, _), y in phasing.opened.items() if r == region and y == year)
            model.add_rule(row == announced + 1, name=f"opened_region_{_safe(region)}_{year}",
                           family="opened_region", region=region, year=year, exact=True)
        else:
            model.add_rule(row >= 1, name=f"opened_region_{_safe(region)}_{year}",
                           family="opened_region", region=region, year=year)

    weights = obj.opening_weights(inputs.strength, first_year=phasing.first_year,
                                  last_year=phasing.last_year)
    row_of = {r: i for i, r in enumerate(inputs.regions)}
    column_of = {t: j for j, t in enumerate(inputs.themes)}
    handles.early_opening = pulp.LpAffineExpression(
        [(var, float(weights[row_of[r], column_of[t], y - phasing.first_year]))
         for (r, t, y), var in opens.items()
         if weights[row_of[r], column_of[t], y - phasing.first_year] != 0])
    model.objective = model.objective + handles.early_opening
    model.set_objective(model.objective)
    return handles


def phasing_fixes(inputs: ModelInputs, phasing: PhasingInputs, rules: Sequence[Rule], *,
                  options: SolverOptions | None = None) -> list[Fix]:
    """The smallest change of a colliding yearly budget, openings cap or first-institute
    deadline.

    For a colliding ``year_budget`` under one figure for every year: the least yearly
    budget, the same every year, that makes the scenario feasible (a MILP that minimizes the
    largest year's spending, the budgets removed; a single year's budget is
    :func:`~jazari_planner.diagnosis.smallest_fixes`' job). For ``year_openings``: the least
    cap ``N`` (the same MILP on the openings). For ``first_institute``: the earliest later
    deadline at which a plan exists (each year tried by the solver).
    """
    options = options or SolverOptions(time_limit=30)
    families = {rule.family for rule in rules}
    fixes: list[Fix] = []
    budgets = [rule for rule in rules if rule.family == "year_budget"]
    planned = [b for y, b in phasing.budget.items() if not phasing.is_history(y)]
    if budgets and len(planned) > 1 and len(set(planned)) == 1:
        least = _least_yearly_budget(inputs, phasing, options)
        if least is not None:
            fixes.append(Fix("year_budget", {"bound": least}))
    if "year_openings" in families and phasing.max_openings is not None:
        least = _least_openings_cap(inputs, phasing, options)
        if least is not None:
            fixes.append(Fix("year_openings", {"bound": least}))
    if "first_institute" in families and phasing.first_institute_by is not None:
        for year in range(phasing.first_institute_by + 1, phasing.last_year + 1):
            if _feasible(inputs, dataclasses.replace(phasing, first_institute_by=year), options):
                fixes.append(Fix("first_institute", {"year": year}))
                break
    return fixes


def _feasible(inputs: ModelInputs, phasing: PhasingInputs, options: SolverOptions) -> bool:
    model = create_model(inputs)
    add_phasing(model, phasing)
    model.set_objective(pulp.LpAffineExpression())  # feasibility only
    try:
        return solve_model(model, options).status != "infeasible"
    except SolverLimitError:
        return False


def _least_yearly_budget(inputs: ModelInputs, phasing: PhasingInputs,
                         options: SolverOptions) -> float | None:
    """The least budget, the same every year of ``phasing.budget`` the plan decides (history's
    budgets are not enforced), at which a plan exists (MAD million, rounded up to a tenth so
    the figure shown is enough)."""
    model = create_model(inputs)
    handles = add_phasing(model, dataclasses.replace(phasing, budget={}))
    cost = dict(zip(inputs.themes, (float(c) for c in inputs.cost), strict=True))
    budget = model.problem.add_variable("yearly_budget", lowBound=0)
    for year in (y for y in phasing.budget if not phasing.is_history(y)):
        spent = pulp.lpSum(cost[t] * var for (_, t, y), var in handles.opens.items() if y == year)
        model.problem.addConstraint(spent <= budget, name=f"yearly_budget_{year}")
    model.set_objective(-1.0 * budget)
    try:
        result = solve_model(model, options)
    except SolverLimitError:
        return None
    if result.status != "optimal" or budget.varValue is None:
        return None
    return math.ceil(float(budget.varValue) * 10 - 1e-6) / 10


def _least_openings_cap(inputs: ModelInputs, phasing: PhasingInputs,
                        options: SolverOptions) -> int | None:
    model = create_model(inputs)
    handles = add_phasing(model, dataclasses.replace(phasing, max_openings=None))
    cap = model.problem.add_variable("openings_cap", lowBound=0)
    for year in phasing.years:
        model.problem.addConstraint(handles.openings_in(year) <= cap,
                                    name=f"openings_cap_{year}")
    model.set_objective(-1.0 * cap)
    try:
        result = solve_model(model, options)
    except SolverLimitError:
        return None
    if result.status != "optimal" or cap.varValue is None:
        return None
    return round(float(cap.varValue))


def opening_years(inputs: ModelInputs, opening: Mapping[tuple[str, str], int]
                  ) -> NDArray[np.int64]:
    """Region × theme: the year each cell of ``opening`` opens, 0 where it does not."""
    row_of = {r: i for i, r in enumerate(inputs.regions)}
    column_of = {t: j for j, t in enumerate(inputs.themes)}
    years = np.zeros(inputs.strength.shape, dtype=np.int64)
    for (r, t), y in opening.items():
        years[row_of[r], column_of[t]] = y
    return years


def plan_value(inputs: ModelInputs, chosen: ArrayLike, opening: NDArray[np.int64] | None,
               phasing: PhasingInputs | None, *, strength: NDArray[np.float64] | None = None,
               need: NDArray[np.float64] | None = None) -> float:
    """A plan's own objective: §3's ``z`` of its ``chosen`` cells (region × theme), plus with
    a roadmap the early-opening term of its schedule ``opening`` (region × theme opening
    years, 0: not opened); on ``inputs``' strengths and need unless others are given (a
    sample's, a probe's)."""
    strength = inputs.strength if strength is None else strength
    need = inputs.need if need is None else need
    value = obj.objective(obj.fits(strength, chosen), need=need, served=inputs.served,
                          balance=inputs.balance, equity=inputs.equity,
                          focus=inputs.balance_focus)
    if phasing is not None and opening is not None:
        value += obj.early_opening(strength, opening, first_year=phasing.first_year,
                                   last_year=phasing.last_year)
    return value
