"""The MILP of docs/model.md §3 (revision 2), built in PuLP from plain arrays.

``create_model`` returns a :class:`PlanningModel` holding the PuLP problem, its variables and
handles on its terms (each region's fit, the efficiency ``E``, the balance term ``b``, the
mean fit), so a researcher or another module can add variables and rules, or set another
objective, before :func:`jazari_planner.optimization.solvers.solve_model` runs it (the PyPSA split:
create → solve → assign). The coefficients come from :mod:`jazari_planner.optimization.objective`,
the
one definition of the objective. Nothing here reads a file or a scenario.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pulp
from numpy.typing import ArrayLike, NDArray

from . import objective as obj
from .rule_wording import Names, rule_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ModelInputs",
    "PlanningModel",
    "Rule",
    "balance_row_name",
    "closure_name",
    "create_model",
]

Cell = tuple[str, str]


@dataclass(frozen=True)
class Rule:
    """One rule of docs/model.md §3 in the planner's words, keyed as PuLP names its constraint.

    ``family`` is one of ``region_min, region_max, theme_min, theme_max, budget, lock_in,
    lock_out, closure`` (and phasing's ``year_budget, year_openings, first_institute,
    opened, opened_region``); ``params`` holds its figures (``region`` code, ``theme`` id,
    ``bound``, ``year``, …), from which :mod:`~jazari_planner.optimization.rule_wording` words it in
    either language; ``description`` is its English wording.
    """

    name: str
    family: str
    description: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class ModelInputs:
    """Everything the MILP needs, already resolved to codes and numbers.

    ``strength`` is region × theme in [0, 1]; ``need`` per region; ``kmin``/``kmax`` per
    region; ``cmin``/``cmax``/``cost`` per theme; locks are ``(region, theme)`` pairs;
    ``balance`` is λ, ``equity`` β and ``balance_focus`` q (``1 ≤ q ≤ max(1, |R⁺|)``).
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
    balance_focus: int = 1
    region_labels: Mapping[str, str] = field(default_factory=dict)
    theme_labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        obj.check_focus(self.balance_focus, int(self.served.sum()))

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
        balance_focus: int = 1,
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
            balance_focus=balance_focus,
            region_labels=dict(region_labels or {}),
            theme_labels=dict(theme_labels or {}),
        )

    def region_label(self, region: str) -> str:
        """The region's name for messages, or its code."""
        return self.region_labels.get(region, region)

    @property
    def names(self) -> Names:
        """The region names and theme labels the rules are worded with (English)."""
        return Names.of(self.region_labels, self.theme_labels)

    def is_open(self, i: int, j: int) -> bool:
        """Whether rule 5 leaves theme ``j`` open to region ``i``."""
        cell = (self.regions[i], self.themes[j])
        return cell in self.lock_in or self.strength[i, j] >= self.min_strength

    @property
    def served(self) -> NDArray[np.bool_]:
        """``R⁺`` as a mask: the regions that must carry a specialization (``kmin ≥ 1``)."""
        return np.asarray(self.kmin >= 1)

    def chosen(self, selection: Iterable[Cell]) -> NDArray[np.float64]:
        """The 0/1 region × theme array of ``selection``."""
        cells = set(selection)
        return np.array([[float((r, t) in cells) for t in self.themes] for r in self.regions])

    def objective_of(self, selection: Iterable[Cell]) -> float:
        """The objective ``z`` of a selection (the balance term at its best for its fits)."""
        return obj.objective(obj.fits(self.strength, self.chosen(selection)), need=self.need,
                             served=self.served, balance=self.balance, equity=self.equity,
                             focus=self.balance_focus)


@dataclass(eq=False)
class PlanningModel:
    """The PuLP problem, handles on its variables and terms, and its rules in plain words.

    ``x`` are the choices; ``tau`` (``τ``, free) and ``u`` (``u_r ≥ 0`` per region of ``R⁺``;
    none where ``q = 1``) linearize the balance term ``b = τ − (1/q) Σ u_r``
    (``balance_term``; ``tau`` is ``None`` and ``b = 0`` where ``R⁺`` is empty);
    ``objective`` is the scenario's objective ``(1 − λ) E + λ b + ε M``, the one the problem
    maximizes unless :meth:`set_objective` replaced it. ``fit``, ``efficiency`` and
    ``mean_fit`` are built on first use, for modules that add rules or objectives of their
    own (the frontier bounds ``b``, phasing adds variables that sum to ``x``).
    """

    inputs: ModelInputs
    problem: pulp.LpProblem
    x: dict[Cell, pulp.LpVariable]
    tau: pulp.LpVariable | None
    u: dict[str, pulp.LpVariable]
    balance_term: pulp.LpAffineExpression
    objective: pulp.LpAffineExpression
    rules: dict[str, Rule]

    dropped: frozenset[str] = frozenset()
    #: The least objective a plan of this model may have (:meth:`floor_objective`), or ``None``.
    objective_floor: float | None = None

    def floor_objective(self, floor: float) -> None:
        """Admit only plans whose objective (the one the problem maximizes) is at least
        ``floor``: the alternatives' ``z ≥ z* − δ|z*|``.

        The floor is not a row of the problem: the solver applies it. HiGHS takes it as its
        cutoff (``objective_bound``), which prunes every node whose bound falls below it; the
        same floor as a dense row of the objective's coefficients burdened every LP of the
        search (on the national roadmap, 5 alternatives took 5.1–5.5 s as a row against
        2.2 s as a cutoff, the same plans). CBC, to which PuLP passes no cutoff, gets it as
        a row (:func:`~jazari_planner.optimization.solvers.solve_model`).
        """
        if self.problem.sense != pulp.LpMaximize:
            raise ValueError("an objective floor needs a problem that maximizes its objective")
        self.objective_floor = float(floor)

    def add_rule(self, constraint: pulp.LpConstraint, *, name: str, family: str,
                 description: str | None = None, **params: Any) -> None:
        """Add a constraint with the words a diagnosis will use for it (unless dropped).

        ``description`` defaults to the family's wording (:mod:`.rule_wording`) of
        ``params``; a family of another module's own gives its words here.
        """
        rule = Rule(name, family, description or "", params)
        if description is None:
            rule = Rule(name, family, rule_text(rule, self.inputs.names), params)
        self.rules[name] = rule
        if name not in self.dropped:
            self.problem.addConstraint(constraint, name=name)

    def set_objective(self, expression: pulp.LpAffineExpression) -> None:
        """Maximize ``expression`` instead (e.g. ``E + ε·b`` for a point of the frontier)."""
        self.problem.setObjective(expression)

    @functools.cached_property
    def fit(self) -> dict[str, pulp.LpAffineExpression]:
        """``f_r = Σ_t s[r,t] x[r,t]`` per region code."""
        inputs = self.inputs
        return {r: self._weighted([(r, t) for t in inputs.themes], inputs.strength[i])
                for i, r in enumerate(inputs.regions)}

    @functools.cached_property
    def efficiency(self) -> pulp.LpAffineExpression:
        """``E = (1/|R|) Σ_r (1 + β n_r) f_r``."""
        inputs = self.inputs
        weights = (1.0 + inputs.equity * inputs.need) / len(inputs.regions)
        return self._weighted(self.x, (weights[:, None] * inputs.strength).ravel())

    @functools.cached_property
    def mean_fit(self) -> pulp.LpAffineExpression:
        """``M = (1/|R|) Σ_r f_r``: the tie-break term."""
        inputs = self.inputs
        return self._weighted(self.x, (inputs.strength / len(inputs.regions)).ravel())

    def _weighted(self, cells: Iterable[Cell], coefficients: Iterable[float]
                  ) -> pulp.LpAffineExpression:
        return pulp.LpAffineExpression(
            [(self.x[c], float(a)) for c, a in zip(cells, coefficients, strict=True) if a != 0])


@functools.cache
def _safe(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)


def closure_name(region: str, theme: str) -> str:
    """The name of rule 5's closure of ``theme`` to ``region`` (for ``create_model(drop=)``)."""
    return f"closure_{_safe(region)}_{_safe(theme)}"


def balance_row_name(region: str) -> str:
    """The name of region ``region``'s balance row ``f_r + u_r − τ ≥ 0`` (rule 6).

    The sweep engine (:mod:`jazari_planner.analysis.sweep`) changes its strengths in place.
    """
    return f"balance_{_safe(region)}"


def create_model(inputs: ModelInputs, *, name: str = "jazari_plan",
                 drop: frozenset[str] = frozenset()) -> PlanningModel:
    """The MILP of docs/model.md §3 for ``inputs``: binary ``x[r,t]``, ``τ`` and ``u_r``, rules 1–6.

    Parameters
    ----------
    inputs : ModelInputs
        What :func:`~jazari_planner.build_inputs` resolves from a scenario and a dataset.
    name : str
        The PuLP problem's name.
    drop : frozenset of str
        Rules to leave out (constraint names, or :func:`closure_name` for a rule-5 closure):
        the infeasibility diagnosis builds the model without some rules to find which collide.

    Returns
    -------
    PlanningModel
        The PuLP problem with handles (``x``, ``fit``, ``efficiency``, ``balance_term``,
        ``set_objective``, ``add_rule``) so a caller can add a rule before
        :func:`~jazari_planner.solve_model`, as PyPSA's create → solve → assign.
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

    # Rule 6: b = τ − (1/q) Σ_{R⁺} u_r with u_r ≥ τ − f_r, the mean of the q smallest fits
    # at the optimum (b is maximized); b = 0 where R⁺ is empty. With q = 1 the u_r are left
    # out (b = τ ≤ f_r, the floor): the same optimum with fewer columns.
    served = [r for r, flag in zip(inputs.regions, inputs.served, strict=True) if flag]
    # τ sits between 0 and the largest fit a region of R⁺ could reach (s ≤ 1, at most kmax_r
    # themes): its optimum, a fit, is in there, and a bounded τ keeps the relaxation bounded,
    # so HiGHS never answers "infeasible or unbounded" for a model that is only badly scaled
    # (a tiny λ once made its presolve give up on a feasible plan).
    reach = float(max((inputs.kmax[i] for i, flag in enumerate(inputs.served) if flag),
                      default=0))
    tau = problem.add_variable("balance_tau", lowBound=0, upBound=reach) if served else None
    u = ({r: problem.add_variable(f"balance_u_{_safe(r)}", lowBound=0) for r in served}
         if inputs.balance_focus > 1 else {})
    share = 1.0 / inputs.balance_focus
    balance_term = pulp.LpAffineExpression(
        ([(tau, 1.0)] if tau is not None else []) + [(v, -share) for v in u.values()])

    weights = obj.fit_weights(inputs.need, balance=inputs.balance,
                              equity=inputs.equity)[:, None] * inputs.strength
    terms = [(x[r, t], float(weights[i, j])) for i, r in enumerate(inputs.regions)
             for j, t in enumerate(inputs.themes) if weights[i, j] != 0]
    if inputs.balance != 0:
        terms += [(v, inputs.balance * a) for v, a in balance_term.items()]
    objective = pulp.LpAffineExpression(terms)
    problem.setObjective(objective)

    model = PlanningModel(inputs=inputs, problem=problem, x=x, tau=tau, u=u,
                          balance_term=balance_term, objective=objective, rules={},
                          dropped=drop)
    _add_region_rules(model)
    _add_theme_rules(model)
    _add_budget_rule(model)
    _add_locks(model)
    _add_balance_rules(model)
    return model


def _row(model: PlanningModel, cells: Iterable[Cell],
         coefficients: Iterable[float] | None = None) -> pulp.LpAffineExpression:
    cells = list(cells)
    coefs = [1.0] * len(cells) if coefficients is None else list(coefficients)
    return pulp.LpAffineExpression([(model.x[c], a) for c, a in zip(cells, coefs, strict=True)])


def _add_region_rules(model: PlanningModel) -> None:
    inputs = model.inputs
    for i, region in enumerate(inputs.regions):
        row = _row(model, [(region, t) for t in inputs.themes])
        kmin, kmax = int(inputs.kmin[i]), int(inputs.kmax[i])
        model.add_rule(row >= kmin, name=f"region_min_{_safe(region)}", family="region_min",
                       region=region, bound=kmin)
        model.add_rule(row <= kmax, name=f"region_max_{_safe(region)}", family="region_max",
                       region=region, bound=kmax)


def _add_theme_rules(model: PlanningModel) -> None:
    inputs = model.inputs
    for j, theme in enumerate(inputs.themes):
        row = _row(model, [(r, theme) for r in inputs.regions])
        cmin, cmax = int(inputs.cmin[j]), int(inputs.cmax[j])
        model.add_rule(row >= cmin, name=f"theme_min_{_safe(theme)}", family="theme_min",
                       theme=theme, bound=cmin)
        model.add_rule(row <= cmax, name=f"theme_max_{_safe(theme)}", family="theme_max",
                       theme=theme, bound=cmax)


def _add_budget_rule(model: PlanningModel) -> None:
    inputs = model.inputs
    if inputs.budget is None:
        return
    cells = [(r, t) for r in inputs.regions for t in inputs.themes]
    costs = [float(inputs.cost[j]) for _ in inputs.regions for j in range(len(inputs.themes))]
    model.add_rule(_row(model, cells, costs) <= float(inputs.budget), name="budget",
                   family="budget", bound=inputs.budget)


def _add_locks(model: PlanningModel) -> None:
    inputs = model.inputs
    for region, theme in sorted(inputs.lock_in):
        model.add_rule(_row(model, [(region, theme)]) == 1,
                       name=f"lock_in_{_safe(region)}_{_safe(theme)}", family="lock_in",
                       region=region, theme=theme)
    for region, theme in sorted(inputs.lock_out):
        model.add_rule(_row(model, [(region, theme)]) == 0,
                       name=f"lock_out_{_safe(region)}_{_safe(theme)}", family="lock_out",
                       region=region, theme=theme)


def _add_balance_rules(model: PlanningModel) -> None:
    inputs, tau = model.inputs, model.tau
    if tau is None:
        return
    for i, region in enumerate(inputs.regions):
        if not inputs.served[i]:
            continue
        # u_r ≥ τ − f_r, written f_r + u_r − τ ≥ 0 (f_r − τ ≥ 0 where q = 1)
        row = _row(model, [(region, t) for t in inputs.themes], inputs.strength[i])
        if region in model.u:
            row.addterm(model.u[region], 1.0)
        row.addterm(tau, -1.0)
        model.problem.addConstraint(row >= 0, name=balance_row_name(region))
