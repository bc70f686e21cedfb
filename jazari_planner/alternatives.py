"""Near-optimal alternatives to a plan, and what each of its pairs is worth (docs/model.md §9).

Both work on the plan's model through its handles (:class:`~jazari_planner.model.PlanningModel`):
``alternatives`` adds a floor on the objective and one distance cut per plan found;
``replacement_cost`` closes one chosen pair at a time (its upper bound set to 0, as a
``lock_out`` would) and solves again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import pulp

from .compare import METRICS, assignment_matrix
from .errors import InfeasibleError, InputError
from .model import PlanningModel, create_model
from .plan import Plan
from .results import assign_solution
from .solvers import solve_model

__all__ = [
    "REPLACEMENT_COLUMNS",
    "alternatives",
    "alternatives_matrix",
    "alternatives_table",
    "replacement_cost",
]

REPLACEMENT_COLUMNS = ["region_code", "theme_id", "cost_percent", "irreplaceable"]

#: Slack on the objective floor ``z ≥ z* − δ|z*|``: the solver's own feasibility tolerance,
#: so that ``within=0`` keeps the optimum itself feasible despite rounding.
_FLOOR_SLACK = 1e-7


def _check_whole(value: Any, key: str, fix: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise InputError(f"{key} must be a whole number ≥ 1, got {value!r}", key=key, fix=fix)
    return int(value)


def _require_plan(plan: Plan, question: str) -> float:
    if not plan.feasible or plan.objective is None:
        raise InfeasibleError(f"scenario {plan.scenario.name!r} is infeasible: there is no plan "
                              f"to {question}", rules=plan.diagnosis)
    return float(plan.objective)


def _pairs(plan: Plan) -> list[tuple[str, str]]:
    return [(str(r), str(t)) for r, t in
            plan.assignments[["region_code", "theme_id"]].itertuples(index=False)]


def _as_plan(base: Plan, selection: frozenset[tuple[str, str]], *, objective: float,
             seconds: float) -> Plan:
    """A full :class:`Plan` of ``selection`` under ``base``'s scenario and data."""
    inputs = base.inputs
    strength = pd.DataFrame(inputs.strength, index=base.dataset.regions.index,
                            columns=base.dataset.themes.index)
    need = pd.Series(inputs.need, index=base.dataset.regions.index, name="need")
    tables = assign_solution(base.dataset, inputs, selection, strength=strength, need=need)
    best = float(base.objective or 0.0)
    shortfall = (best - objective) / abs(best) if best else 0.0
    return Plan(scenario=base.scenario, dataset=base.dataset, status="feasible",
                gap=max(0.0, shortfall), objective=objective, solver=base.solver,
                solve_seconds=seconds, assignments=tables.assignments, regions=tables.regions,
                strength=tables.strength, metrics=tables.metrics, inputs=inputs)


def _distance_cut(model: PlanningModel, pairs: set[tuple[str, str]],
                  min_changes: int) -> pulp.LpConstraint:
    """``Σ_{(r,t)∈P} (1 − x) + Σ_{(r,t)∉P} x ≥ d``, written ``Σ_∉ x − Σ_∈ x ≥ d − |P|``."""
    expression = pulp.LpAffineExpression(
        [(var, -1.0 if cell in pairs else 1.0) for cell, var in model.x.items()])
    return expression >= min_changes - len(pairs)


def alternatives(plan: Plan, *, n: int = 5, within: float = 0.02,
                 min_changes: int = 2) -> list[Plan]:
    """Up to ``n`` more plans, each within ``within`` (a share) of ``plan``'s objective.

    Each is the best plan by the scenario's objective ``z`` subject to ``z ≥ z* − δ|z*|``
    and to differing in at least ``min_changes`` pairs from ``plan`` and from every
    alternative before it; the list stops early when no such plan exists. Each alternative
    is a full plan of the same scenario, status ``feasible`` and ``gap`` its shortfall from
    ``plan``'s objective, ``(z* − z)/|z*|``.
    """
    count = _check_whole(n, "n", "ask for at least 1 alternative, e.g. n=5")
    changes = _check_whole(min_changes, "min_changes",
                           "ask for alternatives that differ in at least 1 pair, e.g. 2")
    if isinstance(within, bool) or not isinstance(within, int | float) \
            or not math.isfinite(within) or within < 0:
        raise InputError(f"within must be a finite share ≥ 0, got {within!r}", key="within",
                         fix="give the share of the objective an alternative may lose, "
                         "e.g. 0.02 for 2 %")
    best = _require_plan(plan, "find alternatives to")
    model = create_model(plan.inputs, name=f"{plan.scenario.name} alternatives")
    floor = best - within * abs(best) - _FLOOR_SLACK * max(1.0, abs(best))
    model.add_rule(model.objective >= floor, name="near_optimal", family="near_optimal",
                   description=f"objective at least {floor:.6g} (within {within:.2%} of "
                   f"{best:.6g})", bound=floor)
    found: list[Plan] = []
    previous = [set(_pairs(plan))]
    while len(found) < count:
        model.add_rule(_distance_cut(model, previous[-1], changes),
                       name=f"distance_{len(previous)}", family="distance",
                       description=f"at least {changes} changes from plan {len(previous)}",
                       bound=changes)
        result = solve_model(model, plan.scenario.solver)
        if result.status == "infeasible" or result.objective is None:
            break
        found.append(_as_plan(plan, result.selection, objective=result.objective,
                              seconds=result.seconds))
        previous.append(set(result.selection))
    return found


def replacement_cost(plan: Plan, *,
                     pairs: Iterable[tuple[str, str]] | None = None) -> pd.DataFrame:
    """What each chosen pair is worth: the objective lost when it is locked out.

    One row per pair of ``plan`` (``region_code, theme_id, cost_percent, irreplaceable``):
    ``cost_percent = 100 · (z* − z₋)/|z*|`` where ``z₋`` is the objective of the scenario
    solved again without the pair; ``irreplaceable`` (and ``cost_percent`` NaN) where the
    scenario has no plan without it, a locked-in pair for one. ``pairs`` (region code,
    theme id) prices only those of the plan's pairs, one re-solve each: the app's "Why this
    theme here?" panel asks for one pair.
    """
    best = _require_plan(plan, "price the pairs of")
    model = create_model(plan.inputs, name=f"{plan.scenario.name} replacement")
    wanted = None if pairs is None else {(str(r), str(t)) for r, t in pairs}
    rows = []
    for cell in _pairs(plan):
        if wanted is not None and cell not in wanted:
            continue
        if cell in plan.inputs.lock_in:  # rule 4 keeps it: no plan without it, by definition
            rows.append((*cell, math.nan, True))
            continue
        variable = model.x[cell]
        upper = variable.upBound
        variable.upBound = 0
        try:
            result = solve_model(model, plan.scenario.solver)
        finally:
            variable.upBound = upper
        if result.status == "infeasible" or result.objective is None:
            rows.append((*cell, math.nan, True))
        else:
            lost = 100.0 * (best - result.objective) / abs(best) if best else 0.0
            rows.append((*cell, lost, False))
    return pd.DataFrame(rows, columns=REPLACEMENT_COLUMNS)


def _label(index: int) -> str:
    return "plan" if index == 0 else f"alternative {index}"


def _pair_list(pairs: set[tuple[str, str]]) -> str:
    return "; ".join(f"{region}:{theme}" for region, theme in sorted(pairs))


def alternatives_table(plan: Plan, found: list[Plan]) -> pd.DataFrame:
    """One row per plan, ``plan`` first: ``alternative, objective, shortfall_percent,
    changes, added, removed`` (pairs as ``region:theme``, against ``plan``), then the metrics."""
    base = set(_pairs(plan))
    rows = []
    for index, item in enumerate([plan, *found]):
        pairs = set(_pairs(item))
        best = float(plan.objective or 0.0)
        objective = float(item.objective or 0.0)
        row: dict[str, Any] = {
            "alternative": _label(index),
            "objective": objective,
            "shortfall_percent": 100.0 * (best - objective) / abs(best) if best else 0.0,
            "changes": len(pairs ^ base),
            "added": _pair_list(pairs - base),
            "removed": _pair_list(base - pairs),
        }
        for metric in METRICS:
            row[metric] = item.metrics[metric] if item.metrics is not None else math.nan
        rows.append(row)
    return pd.DataFrame(rows)


def alternatives_matrix(plan: Plan, found: list[Plan]) -> pd.DataFrame:
    """Region by plan: ``region_code, region_name, plan, alternative 1, …`` (themes joined)."""
    matrix = assignment_matrix([plan])
    matrix.columns = pd.Index([*matrix.columns[:2], _label(0)])
    for index, item in enumerate(found, start=1):
        matrix[_label(index)] = assignment_matrix([item]).iloc[:, 2].to_numpy()
    return matrix
