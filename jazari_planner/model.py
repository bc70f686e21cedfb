"""The MILP of MODEL.md §3, built in PuLP from plain arrays.

``create_model`` returns a :class:`PlanningModel` holding the PuLP problem and its variables,
so a researcher can add a constraint before :func:`jazari_planner.solvers.solve_model` runs
it (the PyPSA split: create → solve → assign). Nothing here reads a file or a scenario.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pulp
from numpy.typing import ArrayLike, NDArray

__all__ = ["ModelInputs", "PlanningModel", "Rule", "closure_name", "create_model"]

Cell = tuple[str, str]


@dataclass(frozen=True)
class Rule:
    """One rule of MODEL.md §3 in the planner's words, keyed as PuLP names its constraint.

    ``family`` is one of ``region_min, region_max, theme_min, theme_max, budget, lock_in,
    lock_out, closure``; ``params`` holds the figures of ``description`` (``region``,
    ``theme``, ``bound``, …) so another language can word the same rule.
    """

    name: str
    family: str
    description: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class ModelInputs:
    """Everything the MILP needs, already resolved to codes and numbers.

    ``strength`` is region × theme in [0, 1]; ``need`` per region; ``kmin``/``kmax`` per
    region; ``cmin``/``cmax``/``cost`` per theme; locks are ``(region, theme)`` pairs.
    ``region_labels``/``theme_labels`` only serve the wording of rules.
    """

    regions: tuple[str, ...]
    themes: tuple[str, ...]
    strength: NDArray[np.float64]
    need: NDArray[np.float64]
    kmin: NDArray[np.int64]
    kmax: NDArray[np.int64]
    cmin: NDArray[np.int64]
    cmax: NDArray[np.int64]
    cost: NDArray[np.float64]
    budget: float | None = None
    lock_in: frozenset[Cell] = frozenset()
    lock_out: frozenset[Cell] = frozenset()
    min_strength: float = 0.0
    balance: float = 0.3
    equity: float = 0.0
    region_labels: Mapping[str, str] = field(default_factory=dict)
    theme_labels: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_arrays(
        cls,
        strength: pd.DataFrame,
        *,
        need: ArrayLike | None = None,
        kmin: ArrayLike | int = 1,
        kmax: ArrayLike | int = 2,
        cmin: ArrayLike | int = 0,
        cmax: ArrayLike | int | None = None,
        cost: ArrayLike | float = 0.0,
        budget: float | None = None,
        lock_in: Iterable[Cell] = (),
        lock_out: Iterable[Cell] = (),
        min_strength: float = 0.0,
        balance: float = 0.3,
        equity: float = 0.0,
        region_labels: Mapping[str, str] | None = None,
        theme_labels: Mapping[str, str] | None = None,
    ) -> ModelInputs:
        """Inputs from a region × theme strength table and scalars or arrays for the rest."""
        n_regions, n_themes = strength.shape

        def vector(value: ArrayLike | float | None, size: int, default: float,
                   dtype: type) -> NDArray:  # type: ignore[type-arg]
            if value is None:
                value = default
            return np.broadcast_to(np.asarray(value, dtype=dtype), (size,)).copy()

        return cls(
            regions=tuple(str(r) for r in strength.index),
            themes=tuple(str(t) for t in strength.columns),
            strength=strength.to_numpy(dtype=float),
            need=vector(need, n_regions, 0.0, float),
            kmin=vector(kmin, n_regions, 1, np.int64),
            kmax=vector(kmax, n_regions, 2, np.int64),
            cmin=vector(cmin, n_themes, 0, np.int64),
            cmax=vector(cmax, n_themes, n_regions, np.int64),
            cost=vector(cost, n_themes, 0.0, float),
            budget=budget,
            lock_in=frozenset(lock_in),
            lock_out=frozenset(lock_out),
            min_strength=min_strength,
            balance=balance,
            equity=equity,
            region_labels=dict(region_labels or {}),
            theme_labels=dict(theme_labels or {}),
        )

    def region_label(self, region: str) -> str:
        """The region's name for messages, or its code."""
        return self.region_labels.get(region, region)

    def is_open(self, i: int, j: int) -> bool:
        """Whether rule 5 leaves theme ``j`` open to region ``i``."""
        cell = (self.regions[i], self.themes[j])
        return cell in self.lock_in or self.strength[i, j] >= self.min_strength

    def objective_weights(self) -> NDArray[np.float64]:
        """The coefficient of each ``x[r,t]``: ``(1 − λ)/|R| · (1 + β n_r) · s[r,t]``."""
        scale = (1.0 - self.balance) / len(self.regions)
        return scale * (1.0 + self.equity * self.need)[:, None] * self.strength


@dataclass(eq=False)
class PlanningModel:
    """The PuLP problem with handles on its variables and a plain-words list of its rules."""

    inputs: ModelInputs
    problem: pulp.LpProblem
    x: dict[Cell, pulp.LpVariable]
    floor: pulp.LpVariable
    rules: dict[str, Rule]

    dropped: frozenset[str] = frozenset()

    def add_rule(self, constraint: pulp.LpConstraint, *, name: str, family: str,
                 description: str, **params: Any) -> None:
        """Add a constraint with the words a diagnosis will use for it (unless dropped)."""
        self.rules[name] = Rule(name, family, description, params)
        if name not in self.dropped:
            self.problem.addConstraint(constraint, name=name)


@functools.cache
def _safe(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)


def closure_name(region: str, theme: str) -> str:
    """The name of rule 5's closure of ``theme`` to ``region`` (for ``create_model(drop=)``)."""
    return f"closure_{_safe(region)}_{_safe(theme)}"


def create_model(inputs: ModelInputs, *, name: str = "jazari_plan",
                 drop: frozenset[str] = frozenset()) -> PlanningModel:
    """The MILP of MODEL.md §3 for ``inputs``: binary ``x[r,t]``, the floor ``m``, rules 1–6.

    ``drop`` names rules to leave out (constraint names, or :func:`closure_name` for a rule-5
    closure): the infeasibility diagnosis builds the model without some rules to find
    which ones collide.
    """
    problem = pulp.LpProblem(_safe(name), pulp.LpMaximize)
    x: dict[Cell, pulp.LpVariable] = {}
    for i, region in enumerate(inputs.regions):
        for j, theme in enumerate(inputs.themes):
            # Rule 5 as a bound: a theme closed by min_strength cannot be chosen.
            closed = not inputs.is_open(i, j) and closure_name(region, theme) not in drop
            var = problem.add_variable(f"x_{_safe(region)}_{_safe(theme)}", lowBound=0,
                                       upBound=1, cat=pulp.LpBinary)
            if closed:
                var.upBound = 0  # set after creation: LpBinary resets the bounds to 0–1
            x[region, theme] = var
    has_floor = bool((inputs.kmin >= 1).any())
    floor = problem.add_variable("floor", lowBound=0, upBound=None if has_floor else 0)

    weights = inputs.objective_weights()
    terms = [(x[r, t], float(weights[i, j])) for i, r in enumerate(inputs.regions)
             for j, t in enumerate(inputs.themes) if weights[i, j] != 0]
    terms.append((floor, float(inputs.balance)))
    problem.setObjective(pulp.LpAffineExpression(terms))

    model = PlanningModel(inputs=inputs, problem=problem, x=x, floor=floor, rules={},
                          dropped=drop)
    _add_region_rules(model)
    _add_theme_rules(model)
    _add_budget_rule(model)
    _add_locks(model)
    _add_floor_rules(model)
    return model


def _row(model: PlanningModel, cells: Iterable[Cell],
         coefficients: Iterable[float] | None = None) -> pulp.LpAffineExpression:
    cells = list(cells)
    coefs = [1.0] * len(cells) if coefficients is None else list(coefficients)
    return pulp.LpAffineExpression([(model.x[c], a) for c, a in zip(cells, coefs, strict=True)])


def _add_region_rules(model: PlanningModel) -> None:
    inputs = model.inputs
    for i, region in enumerate(inputs.regions):
        label = inputs.region_label(region)
        row = _row(model, [(region, t) for t in inputs.themes])
        kmin, kmax = int(inputs.kmin[i]), int(inputs.kmax[i])
        model.add_rule(row >= kmin, name=f"region_min_{_safe(region)}", family="region_min",
                       description=f"region {label} minimum of {kmin} specializations",
                       region=label, bound=kmin)
        model.add_rule(row <= kmax, name=f"region_max_{_safe(region)}", family="region_max",
                       description=f"region {label} maximum of {kmax} specializations",
                       region=label, bound=kmax)


def _add_theme_rules(model: PlanningModel) -> None:
    inputs = model.inputs
    for j, theme in enumerate(inputs.themes):
        row = _row(model, [(r, theme) for r in inputs.regions])
        cmin, cmax = int(inputs.cmin[j]), int(inputs.cmax[j])
        model.add_rule(row >= cmin, name=f"theme_min_{_safe(theme)}", family="theme_min",
                       description=f"theme {theme} minimum of {cmin} regions",
                       theme=theme, bound=cmin)
        model.add_rule(row <= cmax, name=f"theme_max_{_safe(theme)}", family="theme_max",
                       description=f"theme {theme} maximum of {cmax} regions",
                       theme=theme, bound=cmax)


def _add_budget_rule(model: PlanningModel) -> None:
    inputs = model.inputs
    if inputs.budget is None:
        return
    cells = [(r, t) for r in inputs.regions for t in inputs.themes]
    costs = [float(inputs.cost[j]) for _ in inputs.regions for j in range(len(inputs.themes))]
    model.add_rule(_row(model, cells, costs) <= float(inputs.budget), name="budget",
                   family="budget", description=f"budget of {inputs.budget:g} MAD million",
                   bound=inputs.budget)


def _add_locks(model: PlanningModel) -> None:
    inputs = model.inputs
    for region, theme in sorted(inputs.lock_in):
        model.add_rule(_row(model, [(region, theme)]) == 1,
                       name=f"lock_in_{_safe(region)}_{_safe(theme)}", family="lock_in",
                       description=f"lock_in {inputs.region_label(region)} → {theme}",
                       region=inputs.region_label(region), theme=theme)
    for region, theme in sorted(inputs.lock_out):
        model.add_rule(_row(model, [(region, theme)]) == 0,
                       name=f"lock_out_{_safe(region)}_{_safe(theme)}", family="lock_out",
                       description=f"lock_out {inputs.region_label(region)} → {theme}",
                       region=inputs.region_label(region), theme=theme)


def _add_floor_rules(model: PlanningModel) -> None:
    inputs = model.inputs
    for i, region in enumerate(inputs.regions):
        if inputs.kmin[i] < 1:
            continue
        fit = _row(model, [(region, t) for t in inputs.themes], inputs.strength[i])
        model.problem.addConstraint(model.floor <= fit, name=f"floor_{_safe(region)}")
