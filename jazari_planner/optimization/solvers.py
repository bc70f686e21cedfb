"""Running a :class:`PlanningModel` with HiGHS (in-process) or CBC, and saying honestly how it went.

``optimal`` is reported only when the solver proved it (relative gap within
:data:`PROVEN_GAP`); a run stopped by a limit with a plan in hand is ``feasible`` with its gap.
PuLP maps both HiGHS's and CBC's time-limit stops to "Optimal", so the status is read from
the solver itself (HiGHS's model status and MIP gap; CBC's solution status and log).
"""

from __future__ import annotations

import math
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import pulp
from pydantic import BaseModel, ConfigDict, Field

from ..common.errors import InputError, SolverError, SolverLimitError
from . import objective as obj
from ._highs_fast import BatchHiGHS
from .model import PlanningModel

__all__ = [
    "HIGHS_THREADS",
    "MAX_TIME_LIMIT",
    "PROVEN_GAP",
    "Solution",
    "SolveResult",
    "SolverOptions",
    "Start",
    "Status",
    "highs_outcome",
    "on_highs_thread",
    "plan_objective",
    "solve_model",
]

#: Longest solver time limit, seconds (one day); ``null`` means none.
MAX_TIME_LIMIT = 86_400.0


class SolverOptions(BaseModel):
    """Which MILP solver runs and when it may stop (a scenario's ``solver:`` block)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    name: Literal["highs", "cbc"] = Field("highs", description="HiGHS in-process, or CBC")
    time_limit: float | None = Field(60.0, gt=0, le=MAX_TIME_LIMIT,
                                     description="seconds; None for no limit")
    mip_gap: float = Field(0.0, ge=0, le=1, description="relative gap at which to stop")

Status = Literal["optimal", "feasible", "infeasible"]
T = TypeVar("T")

#: The relative gap under which a solver's "optimal" counts as proven (its own tolerance).
PROVEN_GAP = 1e-6
#: The ``threads`` option of every HiGHS run; runs happen on the planner's own threads, whose
#: HiGHS schedulers were all set up with this value (see :func:`_highs_threads`).
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


#: A MIP start: values of some of a model's variables (the others are left to the solver).
Start = Mapping[pulp.LpVariable, float]
#: A solution a solver met: the value of every variable of the model.
Solution = dict[pulp.LpVariable, float]


def solve_model(model: PlanningModel, options: SolverOptions | None = None, *,
                start: Start | None = None, start_is_plan: bool = False,
                met: list[Solution] | None = None) -> SolveResult:
    """Solve ``model`` with the options' solver, limit and gap; read back the chosen cells.

    Parameters
    ----------
    model : PlanningModel
        From :func:`~jazari_planner.create_model`, possibly with rules added and an
        objective floor (:meth:`~jazari_planner.PlanningModel.floor_objective`).
    options : SolverOptions, optional
        ``highs`` (in-process, the default) or ``cbc``, time limit and relative gap.
    start : mapping of variable to value, optional
        A MIP start (a plan known to be near, e.g. the plan an analysis re-solves): the
        solver keeps it as its first incumbent only if it is feasible, and proves the optimum
        all the same; the answer is the same, found sooner when the start is good.
    start_is_plan : bool
        Whether ``start`` is known to satisfy every rule of ``model`` (a plan re-solved under
        a rule less, say): HiGHS then leaves out its improvement heuristics, which look for
        an incumbent already in hand. A speed hint only: the optimum is proven either way.
    met : list, optional
        Filled with every feasible solution HiGHS meets on its way (variable → value; CBC
        reports none): a later search of the same model under one rule more may start from
        one that satisfies that rule too (the alternatives do).

    Returns
    -------
    SolveResult
        ``status`` is ``optimal`` only when proven, ``feasible`` (with its ``gap``) when a
        limit stopped the solver with a plan in hand, else ``infeasible``; the chosen cells,
        the objective and the balance term read from them.

    Raises
    ------
    SolverLimitError
        When a limit stops the solver before any plan is found.
    SolverError
        When the solver itself fails, in its own words.
    """
    options = options or SolverOptions()
    started = time.perf_counter()
    if options.name == "highs":
        status, gap = _run_highs(model, options, start, start_is_plan, met)
        if status != "infeasible" and model.objective_floor is not None \
                and _below(model, model.objective_floor):
            status, gap = _floor_not_reached(model, model.objective_floor, options)
    elif options.name == "cbc":
        status, gap = _run_cbc(model, options, start)
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

    Both are computed from the chosen cells by :mod:`jazari_planner.optimization.objective`, with
    ``b`` at
    its best for those cells: a solver stopped early may leave ``τ`` and ``u`` short of it,
    and the plan is worth its best ``b``.
    """
    inputs = model.inputs
    fit = obj.fits(inputs.strength, inputs.chosen(selection))
    balance = obj.balance_term(fit, served=inputs.served, focus=inputs.balance_focus)
    return inputs.objective_of(selection), balance


def _swallow_highs_banner() -> None:
    """Create a HiGHS instance with C-level stdout closed (the process's first prints a banner).

    HiGHS prints its banner from C on the first instance of a process, past Python's
    ``sys.stdout``: it would land in a CLI's CSV on stdout or a notebook's output. Called once,
    under :data:`_POOL_LOCK`, so no other thread of ours moves file descriptor 1 meanwhile.
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


# HiGHS sets up its task scheduler once per calling thread, with the ``threads`` option of that
# thread's first run, and fails every later run there that asks for another count (it returns
# an error and leaves the model status "Not Set"). A notebook that ran highspy, linopy, PyPSA
# or PuLP's own HiGHS with the default ``threads`` has set up its thread's scheduler with
# half the cores. So the planner runs HiGHS only on threads of its own, on which every run
# asks for :data:`HIGHS_THREADS`: whatever the rest of the process does with HiGHS, neither
# side can break the other's runs. Several threads of the caller may solve at once (highspy
# releases the GIL while HiGHS runs); each of our threads holds its own scheduler.
_POOL_LOCK = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _highs_threads() -> ThreadPoolExecutor:
    """The planner's own HiGHS threads (one per core at most), created on first use."""
    global _pool
    with _POOL_LOCK:
        if _pool is None:
            _swallow_highs_banner()
            _pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1,
                                       thread_name_prefix="jazari-highs")
        return _pool


def _forget_threads_after_fork() -> None:
    """In a forked child the parent's threads do not exist: start a new pool on first use."""
    global _pool, _POOL_LOCK
    _pool, _POOL_LOCK = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_threads_after_fork)


def _highs_solver(options: SolverOptions, start: Start | None = None,
                  start_is_plan: bool = False, met: list[Solution] | None = None, *,
                  cutoff: float | None = None) -> BatchHiGHS:
    extra: dict[str, Any] = {} if cutoff is None else {"objective_bound": cutoff}
    return BatchHiGHS(msg=False, timeLimit=options.time_limit, gapRel=options.mip_gap,
                      threads=HIGHS_THREADS, start=start, start_is_plan=start_is_plan, met=met,
                      **extra)


def _highs_cutoff(model: PlanningModel) -> float | None:
    """The model's objective floor as HiGHS's ``objective_bound``: HiGHS minimizes the
    negated objective of a maximizing problem (:class:`BatchHiGHS`), without its constant."""
    if model.objective_floor is None:
        return None
    return -(model.objective_floor - float(model.problem.objective.constant))


#: The name of the row that holds a model's objective floor where a cutoff cannot
#: (:func:`_floor_row`).
OBJECTIVE_FLOOR_ROW = "objective_floor"


def _floor_row(model: PlanningModel) -> None:
    """Write the model's objective floor as a row of its problem (or move the row to it)."""
    floor = model.objective_floor
    if floor is None:
        return
    row = model.problem.get_constraint_by_name(OBJECTIVE_FLOOR_ROW)
    if row is None:
        model.problem.addConstraint(model.problem.objective >= floor, name=OBJECTIVE_FLOOR_ROW)
    else:
        row.changeRHS(floor - float(model.problem.objective.constant))


def _below(model: PlanningModel, floor: float) -> bool:
    """Whether the solution in hand falls short of ``floor``."""
    value = model.problem.objective.value()
    return value is not None and value < floor - 1e-9 * max(1.0, abs(floor))


def _floor_not_reached(model: PlanningModel, floor: float, options: SolverOptions
                       ) -> tuple[Status, float | None]:
    """The outcome of a HiGHS run that ended on a solution below its cutoff.

    HiGHS keeps the best solution it meets as its incumbent even below the cutoff, and prunes
    every node whose bound falls below the cutoff. Its dual bound is then the most any plan
    of the model can reach: below the floor, nothing reaches it (``infeasible``, proven).
    Otherwise a limit stopped the search with no plan of the model in hand, or the bound
    leaves it open (a ``mip_gap`` let HiGHS stop early), and the run is made again with the
    floor as a row, which decides.
    """
    highs: Any = model.problem.solverModel
    bound = -float(highs.getInfo().mip_dual_bound) + float(model.problem.objective.constant)
    if bound < floor:
        return "infeasible", None
    if highs.getModelStatus() in _limit_statuses():
        raise _stopped(options, "no plan reaching the objective floor found")
    _floor_row(model)
    return _run_highs(model, options)


def _run_highs(model: PlanningModel, options: SolverOptions, start: Start | None = None,
               start_is_plan: bool = False, met: list[Solution] | None = None
               ) -> tuple[Status, float | None]:
    return on_highs_thread(_run_highs_here, model, options, start, start_is_plan, met)


def on_highs_thread(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` run on one of the planner's own HiGHS threads; its result.

    For code that drives a ``highspy.Highs`` itself (the robustness sweep's in-place model):
    its runs then share the planner's threads' setting, whatever the caller's thread did.
    """
    return _highs_threads().submit(function, *args).result()


def _limit_statuses() -> frozenset[object]:
    """HiGHS's model statuses that mean a limit stopped the search (not all versions have all)."""
    import highspy

    names = ("kTimeLimit", "kIterationLimit", "kSolutionLimit", "kInterrupt", "kHighsInterrupt")
    return frozenset(getattr(highspy.HighsModelStatus, n) for n in names
                     if hasattr(highspy.HighsModelStatus, n))


def _run_highs_here(model: PlanningModel, options: SolverOptions, start: Start | None = None,
                    start_is_plan: bool = False, met: list[Solution] | None = None
                    ) -> tuple[Status, float | None]:
    """Solve with HiGHS on the calling thread and read its status as HiGHS gave it."""
    solver = _highs_solver(options, start, start_is_plan, met, cutoff=_highs_cutoff(model))
    model.problem.solve(solver)
    return highs_outcome(model.problem.solverModel, options, run_status=solver.run_status)


def highs_outcome(highs: Any, options: SolverOptions, *,
                  run_status: Any) -> tuple[Status, float | None]:
    """The honest status and gap of a finished HiGHS run (``highs`` a ``highspy.Highs``).

    ``run_status`` is what ``Highs.run`` returned. Raises :class:`SolverLimitError` when a
    limit stopped the search before any plan, :class:`SolverError` when HiGHS failed.
    """
    import highspy

    model_status = highs.getModelStatus()
    said = highs.modelStatusToString(model_status)
    if run_status == highspy.HighsStatus.kError:
        raise _highs_failed(highs, said)
    # Every column of the planner's models is bounded (x binary, 0 ≤ τ ≤ max kmax, u_r ≥ 0 at a
    # cost), so "infeasible or unbounded" can only mean infeasible.
    if model_status in (highspy.HighsModelStatus.kInfeasible,
                        highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return "infeasible", None
    info = highs.getInfo()
    if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        if model_status in _limit_statuses():
            raise _stopped(options, said)
        raise _highs_failed(highs, said)
    gap = float(info.mip_gap) if math.isfinite(info.mip_gap) else None
    proven = model_status == highspy.HighsModelStatus.kOptimal and (gap or 0.0) <= PROVEN_GAP
    return ("optimal", gap or 0.0) if proven else ("feasible", gap)


def _highs_failed(highs: Any, status: str) -> SolverError:
    """A :class:`SolverError` carrying HiGHS's own error lines.

    The first run was silent (logging costs time on every solve); the run is repeated once
    with the log going to a file, only on this path, to read what HiGHS said.
    """
    with tempfile.TemporaryDirectory(prefix="jazari-highs-") as folder:
        log = Path(folder) / "highs.log"
        highs.setOptionValue("log_to_console", False)
        highs.setOptionValue("log_file", str(log))
        highs.setOptionValue("output_flag", True)
        highs.run()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("log_file", "")
        text = log.read_text(errors="replace") if log.exists() else ""
    said = [line.strip() for line in text.splitlines() if line.startswith(("ERROR", "WARNING"))]
    return SolverError(
        f"HiGHS failed (model status {status!r}) without a plan or a proof: "
        + (" ".join(said) if said else "it printed no error message")
        + ". Nothing was proven about the scenario. Try solver.name: cbc; if HiGHS keeps "
        "failing, report it with the scenario file.")


# CBC's default increment (1e-4) silently prunes any better plan within 1e-4 of the incumbent
# and still says "Optimal"; this keeps its proof at HiGHS's own absolute tolerance.
_CBC_INCREMENT = 1e-7
#: CBC's "Gap:" line; a run without a bound prints a dash there, which says nothing.
_CBC_GAP = re.compile(r"^Gap:\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)", re.MULTILINE)
#: How CBC's log says a limit, not an error, ended the run.
_CBC_STOPPED = re.compile(r"stopped on (time|iteration|node|solution)", re.IGNORECASE)


def _cbc_path() -> str | None:
    try:
        import cbcbox
    except ModuleNotFoundError:
        return None
    return str(cbcbox.cbc_bin_path())


def _run_cbc(model: PlanningModel, options: SolverOptions,
             start: Start | None = None) -> tuple[Status, float | None]:
    _floor_row(model)  # PuLP passes CBC no cutoff
    if start:
        # CBC reads a start from every variable's current value: the start's, and none
        # left over from an earlier solve of the same model
        for var in model.problem.variables():
            var.varValue = None
        for var, value in start.items():
            var.setInitialValue(value)
    with tempfile.TemporaryDirectory(prefix="jazari-cbc-") as folder:
        log = Path(folder) / "cbc.log"
        solver = pulp.COIN_CMD(path=_cbc_path(), msg=False, timeLimit=options.time_limit,
                               gapRel=options.mip_gap, logPath=str(log), threads=1,
                               options=[f"increment {_CBC_INCREMENT}"],
                               warmStart=bool(start), keepFiles=False)
        model.problem.solve(solver)
        text = log.read_text(errors="replace") if log.exists() else ""
    match = _CBC_GAP.search(text)
    gap = abs(float(match.group(1))) if match else None
    if model.problem.sol_status == pulp.LpSolutionOptimal and (gap or 0.0) <= PROVEN_GAP:
        return "optimal", 0.0
    if model.problem.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return "feasible", gap
    # CBC's presolve can prove a model infeasible and skip the solve: PuLP then says
    # "Infeasible" as the status with no solution status to go with it
    if (model.problem.sol_status == pulp.LpSolutionInfeasible
            or model.problem.status == pulp.LpStatusInfeasible):
        return "infeasible", None
    said = pulp.LpStatus[model.problem.status]
    if _CBC_STOPPED.search(text):
        raise _stopped(options, said)
    tail = " / ".join(line.strip() for line in text.strip().splitlines()[-3:])
    raise SolverError(
        f"CBC failed (status {said!r}) without a plan or a proof"
        + (f"; its log ends: {tail}" if tail else "; it wrote no log")
        + ". Nothing was proven about the scenario. Try solver.name: highs.")


def _stopped(options: SolverOptions, why: str) -> SolverLimitError:
    within = f" within {options.time_limit:g} s" if options.time_limit else ""
    return SolverLimitError(
        f"{options.name} stopped ({why}) before finding any plan{within}; "
        "nothing was proven infeasible. "
        "Raise solver.time_limit (or loosen solver.mip_gap) and solve again.")
