"""A ``pulp.HiGHS`` that hands the model to HiGHS in three batch calls instead of one per item.

PuLP 3.3's ``HiGHS.buildSolverModel`` calls ``addCol`` and ``changeColIntegrality`` once per
variable and ``addRow`` once per constraint, each a Python → C++ crossing with its own
argument conversion. :class:`BatchHiGHS` collects the same columns and rows into numpy arrays
and passes them with one ``addCols``, one ``changeColsIntegrality`` and one ``addRows``: the
same model (same order, same bounds, same coefficients), so the same solve, in less time.
It also keeps the status ``Highs.run`` returned (``run_status``), which PuLP drops: an error
there (an option HiGHS refused, say) leaves the model status "Not Set", which is not a plan.
Everything else (options, status and solution read-back) is PuLP's own.

Every run proves its optimum to :data:`MIP_TOLERANCES`, not HiGHS's defaults. The planner's
objectives are near 1 and two plans can differ by about 10⁻⁶ (the ε tie-break, a roadmap's
early-opening term): with HiGHS's defaults (an absolute gap of 10⁻⁶, a feasibility tolerance
of 10⁻⁶ that also bounds its pruning) a search could stop there, a relative gap just above
:data:`~jazari_planner.optimization.solvers.PROVEN_GAP`, and the plan was reported
``feasible``. A search started from a known plan also leaves out HiGHS's improvement
heuristics (:func:`improvement_heuristics`): they look for an incumbent that is already in hand.

A run does not restart its search after the root (``mip_allow_restart`` off) unless it is asked
to (``restart=True``). On the planner's models HiGHS restarts once it has fixed most columns at
the root, and on the national roadmap the search it then starts again costs more than it
saves: a solve from scratch 0.78 s against 0.93 s, 21 replacement costs 13.3 s against
16.0–17.8 s, 5 alternatives 4.8 s against 6.3–6.6 s, the tight-budget plan 0.17 s against
0.25 s, every answer the same (benchmarks/README.md, "Issue 23, fifth pass"). The robustness
sweep's samples, each a small change of one model solved in place, are the exception: 40 of
them took 23 s without restarts against 19–20 s with, so the in-place models keep them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import highspy
import numpy as np
import pulp
from numpy.typing import NDArray
from pulp import constants

__all__ = ["MIP_TOLERANCES", "BatchHiGHS", "improvement_heuristics", "run_from_start",
           "set_start"]

#: HiGHS options of every planner run: no absolute gap (the relative ``mip_gap`` of the
#: scenario decides) and a feasibility tolerance, which also bounds how close HiGHS prunes
#: to its incumbent, ten times below the 10⁻⁶ by which two of the planner's plans can differ.
MIP_TOLERANCES: dict[str, float] = {"mip_abs_gap": 0.0, "mip_feasibility_tolerance": 1e-7}

#: HiGHS's heuristics that improve on an incumbent or look for a first one (sub-MIPs, rounding).
_IMPROVEMENT_HEURISTICS = ("mip_heuristic_run_rins", "mip_heuristic_run_rens",
                           "mip_heuristic_run_root_reduced_cost", "mip_heuristic_run_zi_round",
                           "mip_heuristic_run_shifting")


def set_start(highs: Any, values: list[tuple[int, float]]) -> None:
    """Give ``highs`` a MIP start: the values of some columns (by index). HiGHS completes the
    others, keeps the start as its first incumbent only if it is feasible, and still proves
    its optimum: the same answer, found sooner when the start is near it."""
    if not values:
        return
    index = np.fromiter((i for i, _ in values), np.int32, len(values))
    value = np.fromiter((v for _, v in values), float, len(values))
    highs.setSolution(len(values), index, value)


def improvement_heuristics(highs: Any, *, on: bool) -> None:
    """Switch HiGHS's improvement heuristics (RINS, RENS, root reduced-cost fixing, ZI
    rounding, shifting) on or off for ``highs``'s next runs.

    Off when the run starts from a plan of the model: the search then spends its time on the
    bound, which is what proves the optimum (the same optimum, found as surely). On a national
    roadmap started from its plan, a re-solve takes about 0.22 s against 0.33 s, and a
    robustness sample about a fifth less (benchmarks/README.md, "Issue 23, fourth pass").
    """
    for option in _IMPROVEMENT_HEURISTICS:
        highs.setOptionValue(option, on)


def run_from_start(highs: Any) -> Any:
    """``highs.run()`` for a model given a MIP start; what the run returned.

    HiGHS 1.16 can price a start wrongly in its presolved space (on a small frontier search:
    0.75 too high, the objective offset of the columns presolve removed) and then take that
    price as its incumbent's and "prove" the start optimal. Such a run reports an objective
    that is not its solution's own: it is run again without the start (and with the
    improvement heuristics), which proves the true optimum.
    """
    status = highs.run()
    if _objective_is_its_solutions(highs):
        return status
    highs.clearSolver()  # the start goes with the solution it left
    improvement_heuristics(highs, on=True)
    return highs.run()


def _objective_is_its_solutions(highs: Any) -> bool:
    """Whether the objective HiGHS reports is that of the solution it returns (or it has none)."""
    info = highs.getInfo()
    if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        return True
    lp = highs.getLp()
    own = float(np.dot(lp.col_cost_, highs.getSolution().col_value) + lp.offset_)
    return abs(own - float(info.objective_function_value)) <= 1e-7 * max(1.0, abs(own))


class BatchHiGHS(pulp.HiGHS):  # type: ignore[misc]
    """``pulp.HiGHS`` whose model is built with one batch call for columns and one for rows."""

    #: What the last ``Highs.run`` returned (``None`` before any run).
    run_status: highspy.HighsStatus | None = None

    def __init__(self, *args: Any, start: Mapping[pulp.LpVariable, float] | None = None,
                 start_is_plan: bool = False,
                 met: list[dict[pulp.LpVariable, float]] | None = None, restart: bool = False,
                 **kwargs: Any) -> None:
        """``pulp.HiGHS``'s arguments (HiGHS options as keywords), ``start``: a MIP start
        (variable → value), ``start_is_plan``: whether that start is known to satisfy every
        rule of the model (the improvement heuristics are then left out), ``met``: a list
        the run appends each feasible solution it meets to (variable → value), and
        ``restart``: whether HiGHS may restart its search after the root (see above)."""
        for option, value in MIP_TOLERANCES.items():
            kwargs.setdefault(option, value)
        kwargs.setdefault("mip_allow_restart", restart)
        super().__init__(*args, **kwargs)
        self.start = dict(start or {})
        self.start_is_plan = start_is_plan and bool(self.start)
        self.met = met

    def callSolver(self, lp: pulp.LpProblem) -> None:
        """Run HiGHS on ``lp.solverModel`` (from the start, if any) and keep its status."""
        highs: Any = lp.solverModel
        variables = lp.variables()
        column = {id(var): i for i, var in enumerate(variables)}
        set_start(highs, [(column[id(var)], float(value))
                          for var, value in self.start.items() if id(var) in column])
        if self.start_is_plan:
            improvement_heuristics(highs, on=False)
        solutions: list[NDArray[np.float64]] = []
        # HiGHS's MIP-solution callback (highspy ≥ 1.8; none before: nothing is collected)
        event = getattr(highs, "cbMipSolution", None) if self.met is not None else None
        if event is not None:
            event.subscribe(lambda found, _data=None: solutions.append(
                np.array(found.data_out.mip_solution, dtype=float)))
        self.run_status = run_from_start(highs) if self.start else highs.run()
        if self.met is not None:
            self.met.extend({var: float(value) for var, value in
                             zip(variables, solution.tolist(), strict=True)}
                            for solution in solutions if len(solution) == len(variables))

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:
        """Pass ``lp``'s columns, integrality and rows to ``lp.solverModel`` in batch calls."""
        inf = highspy.kHighsInf
        highs: Any = lp.solverModel
        variables = lp.variables()
        for i, var in enumerate(variables):
            var.index = i
        n_cols = len(variables)
        sense = -1.0 if lp.sense == constants.LpMaximize else 1.0
        objective = lp.objective if lp.objective is not None else {}
        cost = np.fromiter((sense * objective.get(v, 0.0) for v in variables), float, n_cols)
        lower = np.fromiter((-inf if v.lowBound is None else v.lowBound for v in variables),
                            float, n_cols)
        upper = np.fromiter((inf if v.upBound is None else v.upBound for v in variables),
                            float, n_cols)
        empty_int, empty_float = np.zeros(0, np.int32), np.zeros(0)
        highs.addCols(n_cols, cost, lower, upper, 0, empty_int, empty_int, empty_float)
        if self.mip:
            integer = np.fromiter((i for i, v in enumerate(variables)
                                   if v.cat == constants.LpInteger), np.int32)
            if len(integer):
                kinds = np.full(len(integer), highspy.HighsVarType.kInteger.value, np.uint8)
                highs.changeColsIntegrality(len(integer), integer, kinds)

        starts: list[int] = []
        index: list[int] = []
        value: list[float] = []
        row_lower: list[float] = []
        row_upper: list[float] = []
        for i, constraint in enumerate(lp._constraints.values()):
            constraint.index = i
            starts.append(len(index))
            for var, coefficient in constraint.items():
                if coefficient != 0:
                    index.append(var.index)
                    value.append(coefficient)
            lb, ub = constraint.getLb(), constraint.getUb()
            row_lower.append(-inf if lb is None else lb)
            row_upper.append(inf if ub is None else ub)
        if row_lower:
            highs.addRows(len(row_lower), np.asarray(row_lower, float),
                          np.asarray(row_upper, float), len(index),
                          np.asarray(starts, np.int32), np.asarray(index, np.int32),
                          np.asarray(value, float))
