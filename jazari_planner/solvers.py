"""Running a :class:`PlanningModel` with HiGHS (in-process) or CBC, and saying honestly how it went.

``optimal`` is reported only when the solver proved it (relative gap within
:data:`PROVEN_GAP`); a run stopped by a limit with a plan in hand is ``feasible`` with its gap.
PuLP maps both HiGHS's and CBC's time-limit stops to "Optimal", so the status is read from
the solver itself (HiGHS's model status and MIP gap; CBC's solution status and log).
"""

from __future__ import annotations

import functools
import math
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pulp

from . import objective as obj
from ._highs_fast import BatchHiGHS
from .errors import InputError, SolverLimitError
from .model import PlanningModel
from .scenario import SolverOptions

__all__ = [
    "HIGHS_THREADS",
    "PROVEN_GAP",
    "SolveResult",
    "Status",
    "highs_outcome",
    "plan_objective",
    "solve_model",
]

Status = Literal["optimal", "feasible", "infeasible"]

#: The relative gap under which a solver's "optimal" counts as proven (its own tolerance).
PROVEN_GAP = 1e-6
#: HiGHS fixes its thread pool at a process's first solve; every solve passes this one value.
HIGHS_THREADS = 1


@dataclass(frozen=True)
class SolveResult:
    """What a solve gave: status, gap (``None`` if unknown or infeasible), objective, time,
    the chosen cells and the balance term ``b`` of the objective (``None`` if infeasible)."""

    status: Status
    gap: float | None
    objective: float | None
    solver: str
    seconds: float
    selection: frozenset[tuple[str, str]]
    balance_term: float | None


def solve_model(model: PlanningModel, options: SolverOptions | None = None) -> SolveResult:
    """Solve ``model`` with the options' solver, limit and gap; read back the chosen cells."""
    options = options or SolverOptions()
    started = time.perf_counter()
    if options.name == "highs":
        status, gap = _run_highs(model, options)
    elif options.name == "cbc":
        status, gap = _run_cbc(model, options)
    else:  # options built with model_construct skip validation
        raise InputError(f"unknown solver {options.name!r}", key="solver.name",
                         fix="write solver: {name: highs} (in-process) or {name: cbc}")
    seconds = time.perf_counter() - started
    if status == "infeasible":
        return SolveResult(status, None, None, options.name, seconds, frozenset(), None)
    selection = frozenset(cell for cell, var in model.x.items() if (var.varValue or 0) > 0.5)
    objective, balance = plan_objective(model, selection)
    return SolveResult(status, gap, objective, options.name, seconds, selection, balance)


def plan_objective(model: PlanningModel, selection: frozenset[tuple[str, str]]
                   ) -> tuple[float, float]:
    """The scenario's objective of a selection and its balance term ``b`` (docs/model.md §3).

    Both are computed from the chosen cells by :mod:`jazari_planner.objective`, with ``b`` at
    its best for those cells: a solver stopped early may leave ``τ`` and ``u`` short of it,
    and the plan is worth its best ``b``.
    """
    inputs = model.inputs
    fit = obj.fits(inputs.strength, inputs.chosen(selection))
    balance = obj.balance_term(fit, served=inputs.served, focus=inputs.balance_focus)
    return inputs.objective_of(selection), balance


@functools.cache
def _swallow_highs_banner() -> None:
    """Create the process's first HiGHS instance with C-level stdout closed, once.

    HiGHS prints its banner from C on the first instance of a process, past Python's
    ``sys.stdout``: it would land in a CLI's CSV on stdout or a notebook's output.
    """
    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _highs_solver(options: SolverOptions) -> pulp.HiGHS:
    return BatchHiGHS(msg=False, timeLimit=options.time_limit, gapRel=options.mip_gap,
                      threads=HIGHS_THREADS)


def _run_highs(model: PlanningModel, options: SolverOptions) -> tuple[Status, float | None]:
    _swallow_highs_banner()
    model.problem.solve(_highs_solver(options))
    return highs_outcome(model.problem.solverModel, options)


def highs_outcome(highs: Any, options: SolverOptions) -> tuple[Status, float | None]:
    """The honest status and gap of a finished HiGHS run (``highs`` a ``highspy.Highs``).

    Raises :class:`SolverLimitError` when a limit stopped it before any plan was found.
    """
    import highspy

    model_status = highs.getModelStatus()
    info = highs.getInfo()
    has_solution = info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
    if model_status in (highspy.HighsModelStatus.kInfeasible,
                        highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return "infeasible", None
    if not has_solution:
        raise _stopped(options, highs.modelStatusToString(model_status))
    gap = float(info.mip_gap) if math.isfinite(info.mip_gap) else None
    proven = model_status == highspy.HighsModelStatus.kOptimal and (gap or 0.0) <= PROVEN_GAP
    return ("optimal", gap or 0.0) if proven else ("feasible", gap)


# CBC's default increment (1e-4) silently prunes any better plan within 1e-4 of the incumbent
# and still says "Optimal"; this keeps its proof at HiGHS's own absolute tolerance.
_CBC_INCREMENT = 1e-7
_CBC_GAP = re.compile(r"^Gap:\s*([-+0-9.eE]+)", re.MULTILINE)


def _cbc_path() -> str | None:
    try:
        import cbcbox
    except ModuleNotFoundError:
        return None
    return str(cbcbox.cbc_bin_path())


def _run_cbc(model: PlanningModel, options: SolverOptions) -> tuple[Status, float | None]:
    with tempfile.TemporaryDirectory(prefix="jazari-cbc-") as folder:
        log = Path(folder) / "cbc.log"
        solver = pulp.COIN_CMD(path=_cbc_path(), msg=False, timeLimit=options.time_limit,
                               gapRel=options.mip_gap, logPath=str(log), threads=1,
                               options=[f"increment {_CBC_INCREMENT}"])
        model.problem.solve(solver)
        text = log.read_text(errors="replace") if log.exists() else ""
    match = _CBC_GAP.search(text)
    gap = abs(float(match.group(1))) if match else None
    if model.problem.sol_status == pulp.LpSolutionOptimal and (gap or 0.0) <= PROVEN_GAP:
        return "optimal", 0.0
    if model.problem.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return "feasible", gap
    if model.problem.sol_status == pulp.LpSolutionInfeasible:
        return "infeasible", None
    raise _stopped(options, pulp.LpStatus[model.problem.status])


def _stopped(options: SolverOptions, why: str) -> SolverLimitError:
    within = f" within {options.time_limit:g} s" if options.time_limit else ""
    return SolverLimitError(
        f"{options.name} stopped ({why}) before finding any plan{within}; "
        "nothing was proven infeasible. "
        "Raise solver.time_limit (or loosen solver.mip_gap) and solve again.")
