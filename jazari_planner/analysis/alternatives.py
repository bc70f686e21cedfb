"""Near-optimal alternatives to a plan, and what each of its pairs is worth (docs/model.md §9).

Both work on the scenario's model through its handles (:meth:`Plan.build_model
<jazari_planner.results.plan.Plan.build_model>`: §3's MILP, with the roadmap of §10 when the
scenario
has one): ``alternatives`` adds a floor on the plan's own objective and one distance cut per
plan found; ``replacement_cost`` closes one chosen pair at a time (its upper bound set to 0,
as a ``lock_out`` would) and solves again; a locked-in pair is priced by its lock instead (the
scenario solved again with that lock alone lifted). With a roadmap the objective ``z`` is the
plan's own, early-opening term included, and every plan found carries its schedule.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import pulp

from ..common.errors import InfeasibleError, InputError
from ..optimization.builder import ScenarioModel, build_model
from ..optimization.model import Cell, ModelInputs, PlanningModel
from ..optimization.phasing import PhasingInputs
from ..optimization.solvers import Solution, SolveResult, SolverOptions, solve_model
from ..results.compare import METRICS, assignment_matrix
from ..results.plan import Plan, plan_from_result
from .sweep import SweepError, default_jobs, executor_for

__all__ = [
    "REPLACEMENT_COLUMNS",
    "alternatives",
    "alternatives_matrix",
    "alternatives_table",
    "lock_cost",
    "plan_label",
    "replacement_cost",
]

REPLACEMENT_COLUMNS = ["region_code", "theme_id", "cost_percent", "irreplaceable", "locked"]

#: ``progress(done, total)`` after each re-solve.
Progress = Callable[[int, int], None]

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


def _as_plan(base: Plan, built: ScenarioModel, result: SolveResult) -> Plan:
    """The full :class:`Plan` of an alternative found on ``base``'s model: status
    ``feasible`` (it is not the optimum), ``gap`` its shortfall from ``base``'s objective."""
    inputs = base.inputs
    strength = pd.DataFrame(inputs.strength, index=base.dataset.regions.index,
                            columns=base.dataset.themes.index)
    need = pd.Series(inputs.need, index=base.dataset.regions.index, name="need")
    best = float(base.objective or 0.0)
    objective = float(built.plan_objective(result) or 0.0)
    shortfall = (best - objective) / abs(best) if best else 0.0
    near = replace(result, status="feasible", gap=max(0.0, shortfall))
    return plan_from_result(base.scenario, base.dataset, inputs, near, strength=strength,
                            need=need, model=built)


def _distance_cut(model: PlanningModel, pairs: set[tuple[str, str]],
                  min_changes: int) -> pulp.LpConstraint:
    """``Σ_{(r,t)∈P} (1 − x) + Σ_{(r,t)∉P} x ≥ d``, written ``Σ_∉ x − Σ_∈ x ≥ d − |P|``."""
    expression = pulp.LpAffineExpression(
        [(var, -1.0 if cell in pairs else 1.0) for cell, var in model.x.items()])
    return expression >= min_changes - len(pairs)


def _best_met(met: list[Solution], model: PlanningModel, plans: list[set[Cell]],
              changes: int, floor: float) -> Solution | None:
    """The best of the solutions earlier searches met that reach the objective ``floor`` and
    differ from each of ``plans`` by at least ``changes`` pairs (``None`` if none does).

    Each search of the alternatives is the one before it under one distance rule more, so a
    solution an earlier search met satisfies every row but the distance rules added since;
    with those and the floor (the solver's cutoff, not a row) checked here, it is a plan of
    the next search, which starts from it (HiGHS then leaves out its improvement heuristics:
    about 0.3–0.4 s a search on the national roadmap instead of 1.1–1.7 s, the same optimum
    proven).
    """
    def chosen(solution: Solution) -> set[Cell]:
        return {cell for cell, var in model.x.items() if solution.get(var, 0.0) > 0.5}

    def value(solution: Solution) -> float:
        return float(model.objective.constant + sum(
            coefficient * solution.get(var, 0.0) for var, coefficient in model.objective.items()))

    plans_of_next = [solution for solution in met if value(solution) >= floor
                     and all(len(chosen(solution) ^ cells) >= changes for cells in plans)]
    return max(plans_of_next, key=value, default=None)


def alternatives(plan: Plan, *, n: int = 5, within: float = 0.02,
                 min_changes: int = 2, progress: Progress | None = None) -> list[Plan]:
    """Up to ``n`` more plans, each within ``within`` (a share) of ``plan``'s objective.

    Each is the best plan by the scenario's objective ``z`` (the plan's own: with a roadmap,
    its early-opening term included) subject to ``z ≥ z* − δ|z*|`` and to differing in at
    least ``min_changes`` pairs from ``plan`` and from every alternative before it (pairs,
    not years: a roadmap that only moves openings is not an alternative); the list stops
    early when no such plan exists. Each alternative is a full plan of the same scenario
    (with a roadmap, its ``schedule`` and ``by_year``), status ``feasible`` and ``gap`` its
    shortfall from ``plan``'s objective, ``(z* − z)/|z*|``. Each is one solve;
    ``progress(done, n)`` is called after each (``done = n`` also when the list stops early).

    Parameters
    ----------
    plan : Plan
        A feasible plan (``jp.solve``'s, or any analysis's).
    n : int
        How many alternatives at most.
    within : float
        The share ``δ`` of the objective an alternative may lose.
    min_changes : int
        ``d``: the pairs each differs by from the plan and from every earlier alternative.
    progress : callable, optional
        ``progress(done, n)``, after each solve.

    Returns
    -------
    list of Plan
        Best first; fewer than ``n`` when no further plan exists.

    Raises
    ------
    InputError
        For a bad ``n``, ``within`` or ``min_changes``, or a plan without a solution.
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
    built = plan.build_model(name=f"{plan.scenario.name} alternatives")
    model = built.model
    floor = best - within * abs(best) - _FLOOR_SLACK * max(1.0, abs(best))
    model.floor_objective(floor)
    found: list[Plan] = []
    previous = [set(plan.cells)]
    met: list[Solution] = []  # every solution the searches met, each a plan of its search
    while len(found) < count:
        model.add_rule(_distance_cut(model, previous[-1], changes),
                       name=f"distance_{len(previous)}", family="distance",
                       description=f"at least {changes} changes from plan {len(previous)}",
                       bound=changes)
        start = _best_met(met, model, previous, changes, floor)
        result = solve_model(model, plan.scenario.solver, start=start,
                             start_is_plan=start is not None, met=met)
        if result.status == "infeasible" or result.objective is None:
            break
        found.append(_as_plan(plan, built, result))
        previous.append(set(result.selection))
        if progress is not None and len(found) < count:
            progress(len(found), count)
    if progress is not None:
        progress(count, count)
    return found


def replacement_cost(plan: Plan, *, pairs: Iterable[tuple[str, str]] | None = None,
                     progress: Progress | None = None, jobs: int | None = None,
                     executor: Executor | None = None) -> pd.DataFrame:
    """What each chosen pair is worth: the objective lost when it is locked out.

    One row per pair of ``plan`` (``region_code, theme_id, cost_percent, irreplaceable,
    locked``), or per pair of ``pairs`` (``(region_code, theme_id)``, each one of the plan's)
    only: ``cost_percent = 100 · (z* − z₋)/|z*|`` where ``z₋`` is the objective of the
    scenario solved again without the pair (with a roadmap, every yearly rule kept and the
    early-opening term counted, as in ``z*``); ``irreplaceable`` (and ``cost_percent`` NaN)
    where the scenario has no plan without it. A pair the scenario locks in (``lock_in`` or
    a roadmap's ``opened`` entry) is ``locked`` and priced by its lock instead
    (docs/model.md §9, revision 3): ``cost_percent = 100 · (z₊ − z*)/|z*|`` where ``z₊`` is
    the objective with that lock alone lifted ("this announcement costs 0.9 % of the fit").
    Each pair is one re-solve, independent of the others: on a roadmap (half a second or so a
    re-solve) ``jobs`` processes, or any ``executor``, share them (a pool made here shares
    them with this process, which prices pairs while the pool starts); the table is the same
    wherever they ran.

    Parameters
    ----------
    plan : Plan
        A feasible plan.
    pairs : iterable of (region_code, theme_id), optional
        Price these pairs of the plan only (default: every pair).
    progress : callable, optional
        ``progress(done, total)``, after each re-solve.
    jobs : int, optional
        Processes of a pool made for the call (1: this process); by default one per core
        when the re-solves take more than a moment in all (a roadmap), else this process.
    executor : concurrent.futures.Executor, optional
        Runs the re-solves instead (a Dask ``client.get_executor()``, a pool of your own).

    Returns
    -------
    DataFrame
        ``region_code, theme_id, cost_percent, irreplaceable, locked``, a row per pair.

    Raises
    ------
    InputError
        For a pair that is not in the plan, or a plan without a solution.
    """
    best = _require_plan(plan, "price the pairs of")
    chosen = plan.cells
    if pairs is not None:
        asked = [(str(r), str(t)) for r, t in pairs]
        missing = [cell for cell in asked if cell not in set(chosen)]
        if missing:
            raise InputError(f"{_pair_list(set(missing))} is not in the plan: only a chosen "
                             "pair has a replacement cost", key="pairs",
                             fix="give (region_code, theme_id) pairs of plan.assignments")
        chosen = asked
    pricing = _Pricing(inputs=plan.inputs, phasing=plan.phasing, solver=plan.scenario.solver,
                       cells=tuple(plan.cells), opening=dict(plan.opening), best=best,
                       name=plan.scenario.name)
    if jobs is None:
        jobs = default_jobs(len(chosen), plan.solve_seconds)
    jobs = _check_whole(jobs, "jobs", "give the number of processes, 1 or more")
    report = progress or (lambda _done, _total: None)
    prices: dict[Cell, tuple[float, bool, bool]] = {}
    built: ScenarioModel | None = None  # this process's model, reused from pair to pair

    def price_here(cell: Cell) -> None:
        nonlocal built
        built = built or plan.build_model(name=f"{plan.scenario.name} replacement")
        prices[cell] = pricing.price(cell, built)
        report(len(prices), len(chosen))

    with executor_for(executor, min(jobs, len(chosen))) as runner:
        if runner is None:
            for cell in chosen:
                price_here(cell)
        else:
            if executor is None:
                futures = _price_while_the_pool_starts(runner, chosen, pricing, price_here)
            else:
                futures = {runner.submit(pricing.price, cell): cell for cell in chosen}
            for future in as_completed(futures):
                try:
                    prices[futures[future]] = future.result()
                except BrokenProcessPool as error:
                    raise SweepError(
                        "a worker process died (killed, or out of memory) while pricing "
                        f"{_pair_list({futures[future]})}; nothing was written. Run it again, "
                        "with fewer jobs if memory is short") from error
                report(len(prices), len(chosen))
    return pd.DataFrame([(*cell, *prices[cell]) for cell in chosen],
                        columns=REPLACEMENT_COLUMNS)


def _price_while_the_pool_starts(pool: Executor, cells: list[Cell], pricing: _Pricing,
                                 price_here: Callable[[Cell], None]
                                 ) -> dict[Future[tuple[float, bool, bool]], Cell]:
    """Hand ``cells`` to ``pool`` from the first while this process prices them from the last
    (``price_here``), until the two meet; the futures of the pool's share.

    A pool made here starts its workers at its first task, and the first pool of a session
    waits a second or two for its server process to import the package: a thread hands the
    pool its tasks (and waits) while this thread prices pairs itself (and reports them).
    Each price is one re-solve of the same model, the same wherever it ran.
    """
    waiting = deque(cells)
    futures: dict[Future[tuple[float, bool, bool]], Cell] = {}
    failed: list[BaseException] = []

    def hand_over() -> None:
        try:
            while True:
                try:
                    cell = waiting.popleft()
                except IndexError:
                    return
                futures[pool.submit(pricing.price, cell)] = cell
        except BaseException as error:  # raised again in the calling thread
            failed.append(error)

    handing = threading.Thread(target=hand_over, name="jazari-hand-over", daemon=True)
    handing.start()
    while True:
        try:
            cell = waiting.pop()
        except IndexError:
            break
        price_here(cell)
    handing.join()
    if failed:
        raise failed[0]
    # then the pool's share not begun yet, from the last: the workers go on from the first
    for future in reversed(list(futures)):
        if not future.cancel():
            break
        price_here(futures.pop(future))
    return futures


@dataclass(frozen=True)
class _Pricing:
    """What pricing a pair needs, without the plan's tables: small enough to send to a
    worker process, and the same computation wherever it runs."""

    inputs: ModelInputs
    phasing: PhasingInputs | None
    solver: SolverOptions
    cells: tuple[Cell, ...]
    opening: dict[Cell, int]
    best: float
    name: str

    def price(self, cell: Cell, built: ScenarioModel | None = None
              ) -> tuple[float, bool, bool]:
        """``(cost_percent, irreplaceable, locked)`` of one pair (``built``: the scenario's
        model to reuse, its bounds restored after; a fresh one when not given)."""
        if cell in self.inputs.lock_in:
            return self.lock_price(cell), False, True
        built = built or build_model(self.inputs, self.phasing, name=f"{self.name} replacement")
        variable = built.model.x[cell]
        upper = variable.upBound
        variable.upBound = 0
        # the plan without the pair, as a start: often still a plan (a region keeps its other
        # theme), and then a first incumbent close to the new optimum
        start = built.start(set(self.cells) - {cell}, self.opening)
        try:
            result = solve_model(built.model, self.solver, start=start)
        finally:
            variable.upBound = upper
        without = built.plan_objective(result)
        if without is None:
            return math.nan, True, False
        return (100.0 * (self.best - without) / abs(self.best) if self.best else 0.0), False, False

    def lock_price(self, cell: Cell) -> float:
        """What the lock on ``cell`` costs, in percent of ``|z*|`` (see :func:`lock_cost`)."""
        inputs = replace(self.inputs, lock_in=self.inputs.lock_in - {cell})
        phasing = self.phasing
        if phasing is not None and cell in phasing.opened:
            phasing = replace(phasing,
                              opened={c: y for c, y in phasing.opened.items() if c != cell})
        built = build_model(inputs, phasing, name=f"{self.name} lock")
        # the plan is a plan of the lifted scenario too (a rule less): the solver starts from it
        start = built.start(self.cells, self.opening)
        lifted = built.plan_objective(solve_model(built.model, self.solver, start=start,
                                                  start_is_plan=True))
        if lifted is None:
            return math.nan
        return 100.0 * (lifted - self.best) / abs(self.best) if self.best else 0.0


def lock_cost(plan: Plan, cell: tuple[str, str], best: float | None = None) -> float:
    """What the lock on ``cell`` costs, in percent of ``|z*|``: ``100 · (z₊ − z*)/|z*|``, with
    ``z₊`` the objective of the scenario solved with that lock alone lifted (its ``lock_in``
    and its roadmap ``opened`` entry; rule 5 then applies to it like any pair). NaN where the
    lifted scenario has no plan (a lock lifted is a rule less, so only rule 5's closure of a
    weak pair could do that)."""
    best = _require_plan(plan, "price the locks of") if best is None else best
    return _Pricing(inputs=plan.inputs, phasing=plan.phasing, solver=plan.scenario.solver,
                    cells=tuple(plan.cells), opening=dict(plan.opening), best=best,
                    name=plan.scenario.name).lock_price(cell)


def plan_label(index: int) -> str:
    """How the files name plan ``index``: ``plan`` (0), then ``alternative 1``, …"""
    return "plan" if index == 0 else f"alternative {index}"


def _pair_list(pairs: set[tuple[str, str]]) -> str:
    return "; ".join(f"{region}:{theme}" for region, theme in sorted(pairs))


def alternatives_table(plan: Plan, found: list[Plan]) -> pd.DataFrame:
    """One row per plan, ``plan`` first: ``alternative, objective, shortfall_percent,
    changes, added, removed`` (pairs as ``region:theme``, against ``plan``), then the metrics."""
    base = set(plan.cells)
    rows = []
    for index, item in enumerate([plan, *found]):
        pairs = set(item.cells)
        best = float(plan.objective or 0.0)
        objective = float(item.objective or 0.0)
        row: dict[str, Any] = {
            "alternative": plan_label(index),
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
    matrix.columns = pd.Index([*matrix.columns[:2], plan_label(0)])
    for index, item in enumerate(found, start=1):
        matrix[plan_label(index)] = assignment_matrix([item]).iloc[:, 2].to_numpy()
    return matrix
