"""The efficiency–balance trade-off frontier (docs/model.md §7), by the ε-constraint method.

``frontier(scenario)`` answers "what does each step towards balance cost in efficiency, and
what changes on the map?": the plans that no other plan beats on both the efficiency ``E``
and the balance term ``b``, from the most efficient to the most balanced, each a full
:class:`~jazari_planner.results.plan.Plan`. It builds each point on the scenario's own model
through its handles (``efficiency``, ``balance_term``, ``set_objective``, ``add_rule``), so
every rule of the scenario holds at every point. With a roadmap (docs/model.md §10) that
model is the phased one (:func:`~jazari_planner.optimization.builder.build_model`): each point's
choices keep the yearly rules, and a second solve with those choices fixed gives them the
schedule the scenario's own objective prefers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from ..common.errors import InputError
from ..data.dataset import Dataset
from ..optimization import objective as obj
from ..optimization.solvers import SolveResult, solve_model
from ..results.plan import Plan, plan_from_result, solve
from ..scenario.schema import Scenario
from ..scoring import strengths as scoring

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["COLUMNS", "SAME", "Frontier", "frontier", "knee_index", "pareto_filter",
           "plan_point"]

#: Two points closer than this in both ``E`` and ``b`` are the same point (docs/model.md §7).
SAME = 1e-7
#: How far above the chord (scaled units) a point must lie to be a knee: a point on the chord
#: (within rounding) trades balance for efficiency one for one, no compromise.
ABOVE = 1e-9
#: The most points a frontier may ask for (each is one more MILP).
MAX_POINTS = 201
#: The columns of :attr:`Frontier.table` (and ``frontier.csv``), in order.
COLUMNS = ["rank", "efficiency", "balance", "floor", "mean_fit", "gini", "gained", "lost",
           "changes", "knee", "scenario_plan", "level", "status", "gap"]

#: ``progress(done, total)`` after each solve.
Progress = Callable[[int, int], None]
Cell = tuple[str, str]


@dataclass(frozen=True, eq=False)
class Frontier:
    """The non-dominated plans of a scenario, most efficient first, and how they were found.

    ``table`` has one row per kept point (:data:`COLUMNS`): its ``rank`` (1 the most
    efficient: the order along the frontier, whatever ``λ``), ``efficiency`` (``E``),
    ``balance`` (``b``), ``floor``, ``mean_fit``, ``gini``, the pairs ``gained`` and ``lost``
    against the first plan as ``"Region → theme"`` joined by ``"; "``, ``changes`` (how many
    pairs differ from the first plan), ``knee`` (true on at most one row: on none where no
    point lies above the chord), ``scenario_plan`` (true where the point is the scenario's
    own plan), the ``level`` ``e_i`` that found it, and its
    solve's ``status`` and ``gap`` (a time-limited solve is ``feasible`` with its gap).
    ``plans`` are the points' plans in the same order; ``scenario_plan`` is the scenario's
    own plan (its own ``λ``); ``levels`` the balance levels tried. Without a plan (an
    infeasible scenario) the table is empty and ``scenario_plan.diagnosis`` says why.
    """

    scenario: Scenario
    table: pd.DataFrame
    plans: list[Plan]
    scenario_plan: Plan
    levels: tuple[float, ...]

    @property
    def feasible(self) -> bool:
        """Whether the scenario has a plan, hence a frontier."""
        return bool(self.plans)

    @property
    def knee(self) -> Plan | None:
        """The knee's plan: the best compromise between the extremes; ``None`` without a plan
        or where no point lies above the chord (every step towards balance costs at least as
        much as it gives)."""
        rank = self.knee_rank
        return self.plans[rank - 1] if rank is not None else None

    @property
    def knee_rank(self) -> int | None:
        """The knee's rank (1 the most efficient point), ``None`` where there is no knee."""
        if not self.plans:
            return None
        rows = np.flatnonzero(self.table["knee"].to_numpy(dtype=bool))
        return int(rows[0]) + 1 if rows.size else None

    def plot(self, **options: Any) -> Figure:
        """Efficiency against balance, each point labelled by what changes (matplotlib)."""
        from ..presentation.frontier_figure import plot_frontier

        return plot_frontier(self, **options)

    def __repr__(self) -> str:
        if not self.plans:
            return f"Frontier({self.scenario.name!r}: infeasible)"
        return (f"Frontier({self.scenario.name!r}: {len(self.plans)} points, "
                f"E {self.table['efficiency'].iloc[0]:.4f} → "
                f"{self.table['efficiency'].iloc[-1]:.4f}, "
                f"b {self.table['balance'].iloc[0]:.4f} → {self.table['balance'].iloc[-1]:.4f})")


def frontier(scenario: Scenario, dataset: Dataset | None = None, *, points: int = 11,
             progress: Progress | None = None) -> Frontier:
    """The efficiency–balance frontier of ``scenario`` from ``points`` balance levels.

    docs/model.md §7: ``E*`` maximizes ``E + ε·b`` (its plan's balance is ``b_lo``), ``b*``
    maximizes ``b + ε·E``; then for ``points`` levels ``e_i`` evenly spaced from ``b_lo`` to
    ``b*`` (both included) the plan maximizing ``E + ε·b`` under every rule of the scenario
    and ``b ≥ e_i``; one plan is kept per distinct ``(E, b)`` and dominated plans are
    dropped. The first level is ``E*``'s own problem (``b ≥ b_lo`` holds at its optimum),
    so its plan is reused rather than solved twice. With a roadmap (docs/model.md §10)
    ``E`` and ``b`` are read on the chosen cells alone, every level keeps the yearly rules,
    and each point's schedule is the one the scenario's own objective prefers for its
    choices (a second solve). ``progress(done, total)`` is called after each solve.
    Raises :class:`~jazari_planner.common.errors.InputError` for a bad scenario or ``points``
    outside 2…201.

    Parameters
    ----------
    scenario : Scenario
        Weights and rules; its ``balance`` is ignored (the frontier spans every balance).
    dataset : Dataset, optional
        Default: the scenario's data files, else the embedded data.
    points : int
        How many balance levels, 2 to 201.
    progress : callable, optional
        ``progress(done, total)``, after each solve.

    Returns
    -------
    Frontier
        ``.table`` (a row per kept point, most efficient first, with ``knee``), ``.plans``,
        ``.knee`` (``None`` when no point lies above the chord), ``.plot()``.

    Raises
    ------
    InputError
        For a bad scenario or ``points`` outside 2…201.
    """
    if isinstance(points, bool) or not isinstance(points, int) or not 2 <= points <= MAX_POINTS:
        raise InputError(f"points must be a whole number from 2 to {MAX_POINTS}, not {points!r}",
                         key="points", fix="ask for 11 points (the default) or a few dozen")
    # The scenario's own plan: it validates the scenario and loads its data on the way.
    own = solve(scenario, dataset)
    total = points + 2
    _report(progress, 1, total)
    if not own.feasible:
        return Frontier(scenario, pd.DataFrame(columns=COLUMNS), [], own, ())
    dataset = own.dataset
    strength = scoring.strength(dataset, scenario)
    need = scoring.need_index(dataset, scenario)
    inputs = own.inputs

    def point(maximize: str, level: float | None = None, *, start_from: Plan) -> Plan:
        """The best plan by ``maximize`` (with its balance term at least ``level``), the
        search started from ``start_from``, a plan of the scenario that meets the level."""
        built = own.build_model()
        model = built.model
        e, b = model.efficiency, model.balance_term
        model.set_objective(e + obj.EPSILON * b if maximize == "efficiency"
                            else b + obj.EPSILON * e)
        if level is not None:
            model.add_rule(b >= level, name="frontier_level", family="frontier",
                           description=f"balance term of at least {level:.6g}", bound=level)
        start = built.start(start_from.cells, start_from.opening)
        result = solve_model(model, scenario.solver, start=start, start_is_plan=True)
        if built.phased is not None and result.status != "infeasible":
            # the point is its choices; their years are the ones the scenario's own
            # objective prefers (its early-opening term), every yearly rule kept
            built.fix_choices(result.selection)
            result = _scheduled(result, solve_model(model, scenario.solver))
        return plan_from_result(scenario, dataset, inputs, result, strength=strength, need=need,
                                model=built)

    # the scenario's own plan is a plan of both ends' searches, and the most balanced plan
    # one of every level's (its balance term is the highest level)
    most_efficient = point("efficiency", start_from=own)
    _report(progress, 2, total)
    most_balanced = point("balance", start_from=own)
    _report(progress, 3, total)
    b_lo, b_star = plan_point(most_efficient)[1], plan_point(most_balanced)[1]
    levels = tuple(float(v) for v in np.linspace(b_lo, b_star, points))
    # the levels from the highest down: a plan found at one level meets every level below it,
    # so each search starts from the most efficient plan found so far that meets its level
    at_level = {0: most_efficient}
    met = [(*plan_point(most_balanced), most_balanced)]
    for done, index in enumerate(range(len(levels) - 1, 0, -1), start=1):
        level = levels[index]
        if b_star - b_lo <= SAME:  # no trade-off: every level is E*'s own problem
            at_level[index] = most_efficient
        else:
            start = max((m for m in met if m[1] >= level), key=lambda m: m[0],
                        default=met[0])[2]
            at_level[index] = point("efficiency", level, start_from=start)
            if at_level[index].feasible:
                met.append((*plan_point(at_level[index]), at_level[index]))
        _report(progress, 3 + done, total)
    found = [(level, at_level[index]) for index, level in enumerate(levels)
             if at_level[index].feasible]

    coordinates = np.array([plan_point(plan) for _, plan in found]).reshape(-1, 2)
    efficiency, balance = coordinates[:, 0], coordinates[:, 1]
    kept = pareto_filter(efficiency, balance)
    kept.sort(key=lambda i: (-efficiency[i], -balance[i]))
    plans = [found[i][1] for i in kept]
    table = _table(plans, efficiency[kept], balance[kept], [found[i][0] for i in kept], own)
    return Frontier(scenario, table, plans, own, levels)


def pareto_filter(efficiency: ArrayLike, balance: ArrayLike, *, tol: float = SAME) -> list[int]:
    """The indices of the points kept by docs/model.md §7 step 3, in the order found.

    One index per distinct ``(E, b)`` (the first found; points within ``tol`` in both are
    the same), then none that another kept point beats on one of ``E``, ``b`` (by more than
    ``tol``) while at least equalling it on the other (within ``tol``).
    """
    e = np.asarray(efficiency, dtype=float)
    b = np.asarray(balance, dtype=float)
    distinct: list[int] = []
    for i in range(e.size):
        if not any(abs(e[i] - e[j]) <= tol and abs(b[i] - b[j]) <= tol for j in distinct):
            distinct.append(i)

    def beaten(i: int) -> bool:
        return any((e[j] > e[i] + tol and b[j] >= b[i] - tol)
                   or (b[j] > b[i] + tol and e[j] >= e[i] - tol)
                   for j in distinct if j != i)

    return [i for i in distinct if not beaten(i)]


def knee_index(efficiency: ArrayLike, balance: ArrayLike, *,
               either_side: bool = False) -> int | None:
    """The knee: the point above the chord farthest from it; ``None`` where none is above.

    ``E`` and ``b`` are each rescaled to [0, 1] between their extremes first, so the chord
    runs from (``E`` 1, ``b`` 0) to (0, 1) and a point's distance is ``(E' + b' − 1) / √2``.
    Only a point above it (``E' + b' > 1``) is a compromise worth its cost: one below gives
    less balance than it costs, and no ``λ`` ever selects it (docs/model.md §7, revision 3).
    Ties go to the more efficient point (the first, with the points most efficient first).
    ``either_side=True`` is revision 2: the farthest point on either side of the chord, and
    the first point where fewer than three.
    """
    e = np.asarray(efficiency, dtype=float)
    b = np.asarray(balance, dtype=float)
    if either_side and e.size < 3:
        return 0 if e.size else None
    if e.size < 3:
        return None

    def scaled(v: np.ndarray) -> np.ndarray:
        span = float(v.max() - v.min())
        return (v - v.min()) / span if span > 0 else np.zeros_like(v)

    signed = (scaled(e) + scaled(b) - 1.0) / math.sqrt(2.0)
    distance = np.abs(signed) if either_side else signed
    if not either_side and not bool((distance > ABOVE).any()):
        return None
    return int(np.argmax(distance >= distance.max() - 1e-12))


def _scheduled(point: SolveResult, schedule: SolveResult) -> SolveResult:
    """A roadmap's point: the choices, status and gap of the point's solve, the schedule of
    the solve that fixed them; ``optimal`` only when both were proven."""
    if schedule.status == "infeasible":  # cannot happen: the point's own schedule fits
        raise RuntimeError("a frontier point's choices lost their schedule when fixed")
    proven = point.status == schedule.status == "optimal"
    gap = point.gap if point.status != "optimal" else schedule.gap
    return replace(schedule, status="optimal" if proven else "feasible", gap=gap,
                   seconds=point.seconds + schedule.seconds)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def plan_point(plan: Plan) -> tuple[float, float]:
    """A plan's point ``(E, b)``: its efficiency and its balance term, from its chosen cells."""
    inputs = plan.inputs
    fit = obj.fits(inputs.strength, inputs.chosen(plan.cells))
    return (obj.efficiency(fit, need=inputs.need, equity=inputs.equity),
            obj.balance_term(fit, served=inputs.served, focus=inputs.balance_focus))


def _pairs_text(plan: Plan, cells: set[Cell]) -> str:
    """``"Region → theme"`` for each pair, in the dataset's region then theme order."""
    dataset = plan.dataset
    order = {code: i for i, code in enumerate(dataset.region_codes)}
    themes = {theme: j for j, theme in enumerate(dataset.theme_ids)}
    ordered = sorted(cells, key=lambda c: (order.get(c[0], 0), themes.get(c[1], 0)))
    return "; ".join(f"{dataset.region_name(r)} → {t}" for r, t in ordered)


def _table(plans: list[Plan], efficiency: np.ndarray, balance: np.ndarray, levels: list[float],
           own: Plan) -> pd.DataFrame:
    first = set(plans[0].cells)
    own_e, own_b = plan_point(own)
    knee = knee_index(efficiency, balance)
    rows = []
    for rank, (plan, e, b, level) in enumerate(
            zip(plans, efficiency, balance, levels, strict=True), start=1):
        assert plan.metrics is not None
        cells = set(plan.cells)
        rows.append({
            "rank": rank, "efficiency": float(e), "balance": float(b),
            "floor": plan.metrics.floor, "mean_fit": plan.metrics.mean_fit,
            "gini": plan.metrics.gini,
            "gained": _pairs_text(plan, cells - first), "lost": _pairs_text(plan, first - cells),
            "changes": len(cells ^ first), "knee": knee is not None and rank - 1 == knee,
            "scenario_plan": abs(e - own_e) <= SAME and abs(b - own_b) <= SAME,
            "level": level, "status": plan.status, "gap": plan.gap,
        })
    return pd.DataFrame(rows, columns=COLUMNS)
