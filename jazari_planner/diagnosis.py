"""Why a plan is infeasible: the smallest set of rules that cannot hold together.

The model itself answers, not a guess: a deletion filter re-solves the MILP without chunks of
rules and keeps only those whose removal makes it feasible, down to an irreducible
infeasible subset (every rule in it is needed for the collision; relaxing any one of them
resolves this collision).
"""

from __future__ import annotations

import pulp

from .model import ModelInputs, Rule, closure_name, create_model
from .scenario import SolverOptions
from .solvers import solve_model

__all__ = ["colliding_rules", "describe_collision"]

# Structural bounds first, the planner's own choices (locks, min_strength) last: the filter
# tries to remove earlier rules first, so a collision is told in terms of the locks when it can.
_ORDER = ("budget", "theme_max", "theme_min", "region_max", "region_min", "closure",
          "lock_out", "lock_in")


def _all_rules(inputs: ModelInputs) -> list[Rule]:
    rules = list(create_model(inputs).rules.values())
    for i, region in enumerate(inputs.regions):
        for j, theme in enumerate(inputs.themes):
            if not inputs.is_open(i, j):
                label, strength = inputs.region_label(region), float(inputs.strength[i, j])
                rules.append(Rule(
                    closure_name(region, theme), "closure",
                    f"min_strength {inputs.min_strength:g} closes {theme} in {label} "
                    f"(strength {strength:.2f})",
                    {"region": label, "theme": theme, "bound": inputs.min_strength,
                     "strength": strength}))
    return sorted(rules, key=lambda rule: _ORDER.index(rule.family))


def _feasible(inputs: ModelInputs, every: frozenset[str], active: list[Rule],
              options: SolverOptions) -> bool:
    model = create_model(inputs, drop=every - {rule.name for rule in active})
    model.set_objective(pulp.LpAffineExpression())  # feasibility only
    return solve_model(model, options).status != "infeasible"


def colliding_rules(inputs: ModelInputs, *, options: SolverOptions | None = None) -> list[Rule]:
    """An irreducible set of rules of ``inputs`` that cannot all hold (empty if feasible)."""
    options = options or SolverOptions(time_limit=30)
    rules = _all_rules(inputs)
    every = frozenset(rule.name for rule in rules)
    if _feasible(inputs, every, rules, options):
        return []
    kept = rules
    chunk = max(1, len(kept) // 2)
    while True:
        start = 0
        while start < len(kept):
            trial = kept[:start] + kept[start + chunk:]
            if trial and not _feasible(inputs, every, trial, options):
                kept = trial
            else:
                start += chunk
        if chunk == 1:
            return kept
        chunk = max(1, chunk // 2)


def describe_collision(rules: list[Rule]) -> str:
    """One paragraph for a planner: which rules collide and what to do."""
    if not rules:
        return "The rules are feasible together."
    listed = "; ".join(rule.description for rule in rules)
    return (f"These {len(rules)} rules cannot all hold together: {listed}. "
            "Relax any one of them (raise a maximum, lower a minimum, drop a lock, "
            "lower min_strength or raise the budget) to get a plan.")
