"""Why a plan is infeasible: the smallest set of rules that cannot hold together, and the
smallest change of one of them that makes a plan possible.

The model itself answers, not a guess: a deletion filter re-solves the MILP without chunks of
rules and keeps only those whose removal makes it feasible, down to an irreducible
infeasible subset (every rule in it is needed for the collision; relaxing any one of them
resolves this collision). For a bound among them (a budget, a theme's or a region's
maximum) the solver then finds the least value that makes the scenario feasible, every
other rule kept: "raise the budget to 1 190 MAD million" is the optimum of a MILP, not an
estimate. Rules are worded by :mod:`~jazari_planner.optimization.rule_wording`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pulp

from ..common.errors import SolverLimitError
from .builder import build_model
from .model import ModelInputs, PlanningModel, Rule, closure_name
from .phasing import PhasingInputs
from .rule_wording import Fix, rule_text
from .solvers import SolverOptions, solve_model

__all__ = ["colliding_rules", "smallest_fixes"]

# Structural bounds first, the planner's own choices (locks, min_strength, announced
# openings) last: the filter tries to remove earlier rules first, so a collision is told in
# terms of the locks and the announcements when it can.
_ORDER = ("budget", "year_budget", "year_openings", "theme_max", "theme_min", "region_max",
          "region_min", "first_institute", "closure", "lock_out", "lock_in", "opened_region",
          "opened")
#: Bounds whose least feasible value :func:`smallest_fixes` asks the solver for: an upper
#: bound on a sum of choices, relaxed by raising it.
_RAISED = ("budget", "year_budget", "theme_max", "region_max")
#: The most bounds :func:`smallest_fixes` solves for (each is one MILP).
_MAX_FIXES = 4


def _build(inputs: ModelInputs, drop: frozenset[str], phasing: PhasingInputs | None
           ) -> PlanningModel:
    return build_model(inputs, phasing, drop=drop).model


def _all_rules(inputs: ModelInputs, phasing: PhasingInputs | None) -> list[Rule]:
    rules = list(_build(inputs, frozenset(), phasing).rules.values())
    names = inputs.names
    for i, region in enumerate(inputs.regions):
        for j, theme in enumerate(inputs.themes):
            if not inputs.is_open(i, j):
                params = {"region": region, "theme": theme, "bound": inputs.min_strength,
                          "strength": float(inputs.strength[i, j])}
                closure = Rule(closure_name(region, theme), "closure", "", params)
                rules.append(Rule(closure.name, "closure", rule_text(closure, names), params))
    order = {family: k for k, family in enumerate(_ORDER)}
    return sorted(rules, key=lambda rule: order.get(rule.family, len(_ORDER)))


def _feasible(inputs: ModelInputs, every: frozenset[str], active: list[Rule],
              options: SolverOptions, phasing: PhasingInputs | None) -> bool:
    model = _build(inputs, every - {rule.name for rule in active}, phasing)
    model.set_objective(pulp.LpAffineExpression())  # feasibility only
    return solve_model(model, options).status != "infeasible"


def colliding_rules(inputs: ModelInputs, *, options: SolverOptions | None = None,
                    phasing: PhasingInputs | None = None) -> list[Rule]:
    """An irreducible set of rules of ``inputs`` that cannot all hold (empty if feasible).

    ``phasing``: the scenario's roadmap (docs/model.md §10), whose rules each model built has
    too (:func:`~jazari_planner.optimization.builder.build_model`).
    """
    options = options or SolverOptions(time_limit=30)
    rules = _all_rules(inputs, phasing)
    every = frozenset(rule.name for rule in rules)
    if _feasible(inputs, every, rules, options, phasing):
        return []
    kept = rules
    chunk = max(1, len(kept) // 2)
    while True:
        start = 0
        while start < len(kept):
            trial = kept[:start] + kept[start + chunk:]
            if trial and not _feasible(inputs, every, trial, options, phasing):
                kept = trial
            else:
                start += chunk
        if chunk == 1:
            return kept
        chunk = max(1, chunk // 2)


def smallest_fixes(inputs: ModelInputs, rules: Sequence[Rule], *,
                   options: SolverOptions | None = None,
                   phasing: PhasingInputs | None = None) -> list[Fix]:
    """For each colliding upper bound (budget, a year's budget, a theme's or a region's
    maximum), the least value at which the scenario becomes feasible, every other rule kept.

    Each is the optimum of a MILP: the rule is removed and the sum it bounds minimized. A
    bound whose removal alone does not make the scenario feasible (another collision
    remains), or whose minimum the solver does not prove within its limit, gives no fix.
    """
    options = options or SolverOptions(time_limit=30)
    fixes: list[Fix] = []
    raised = [r for r in rules if r.family in _RAISED][:_MAX_FIXES]
    if not raised:
        return []
    whole = _build(inputs, frozenset(), phasing).problem
    for rule in raised:
        model = _build(inputs, frozenset({rule.name}), phasing)
        variables = model.problem.variablesDict()
        constraint = whole.get_constraint_by_name(rule.name)
        if constraint is None:
            continue
        bounded = pulp.LpAffineExpression(
            [(variables[var.name], a) for var, a in constraint.items() if var.name in variables])
        model.set_objective(-bounded)
        try:
            result = solve_model(model, options)
        except SolverLimitError:
            continue
        if result.status != "optimal":
            continue
        least = float(pulp.value(bounded))
        # a count is whole; money is rounded up to a tenth, so the figure shown is enough
        bound = (round(least) if rule.family in ("theme_max", "region_max")
                 else math.ceil(least * 10 - 1e-6) / 10)
        params = {k: v for k, v in rule.params.items() if k in ("region", "theme", "year")}
        fixes.append(Fix(rule.family, {**params, "bound": bound}))
    return fixes

