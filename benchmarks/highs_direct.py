"""The MILP of docs/model.md §3 handed to ``highspy`` directly, from the same ``ModelInputs``.

This is the benchmarks' floor: no modelling layer, only numpy arrays and three batch calls
(``addCols``, ``changeColsIntegrality``, ``addRows``). It builds the very model
:func:`jazari_planner.optimization.model.create_model` builds — same columns in the same order
(PuLP sorts
variables by name: ``balance_tau``, the ``balance_u_<region>`` (where q > 1), then
``x_<region>_<theme>``), same rows in the same order (two one-sided rows per region and theme,
the budget, the locks, the balance rows ``f_r + u_r − τ ≥ 0``, or ``f_r − τ ≥ 0`` where
q = 1) — so both runs do the same solver work and the difference is the modelling overhead
alone. Its objective coefficients come from
:func:`jazari_planner.optimization.objective.fit_weights`, like the model's.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from jazari_planner.optimization._highs_fast import MIP_TOLERANCES
from jazari_planner.optimization.model import ModelInputs
from jazari_planner.optimization.objective import fit_weights
from jazari_planner.optimization.solvers import HIGHS_THREADS
from jazari_planner.scenario.schema import SolverOptions

__all__ = ["DirectResult", "build_direct", "read_solution", "solve_direct"]

_INF = highspy.kHighsInf


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)


@dataclass(frozen=True)
class DirectResult:
    """The objective and the chosen cells read back from the direct run."""

    objective: float
    selection: frozenset[tuple[str, str]]


class _Rows:
    """Rows collected as CSR arrays, to pass to ``Highs.addRows`` in one call."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.starts: list[int] = []
        self.index: list[NDArray[np.int32]] = []
        self.value: list[NDArray[np.float64]] = []
        self.nnz = 0

    def add(self, columns: NDArray[np.int32], values: NDArray[np.float64], lower: float,
            upper: float) -> None:
        keep = values != 0
        columns, values = columns[keep], values[keep]
        self.starts.append(self.nnz)
        self.index.append(columns)
        self.value.append(values)
        self.lower.append(lower)
        self.upper.append(upper)
        self.nnz += len(columns)

    def pass_to(self, highs: highspy.Highs) -> None:
        index = np.concatenate(self.index).astype(np.int32) if self.index else np.zeros(0, np.int32)
        value = np.concatenate(self.value) if self.value else np.zeros(0)
        highs.addRows(len(self.lower), np.asarray(self.lower), np.asarray(self.upper), self.nnz,
                      np.asarray(self.starts, dtype=np.int32), index, value)


def _columns(inputs: ModelInputs) -> tuple[int | None, NDArray[np.int32], NDArray[np.int32]]:
    """Columns of ``τ``, of each ``u_r`` (regions of ``R⁺``, where q > 1) and of each
    ``x[i, j]`` (row-major), in PuLP's order: by name."""
    served = [i for i, flag in enumerate(inputs.served) if flag]
    with_u = served if inputs.balance_focus > 1 else []
    themes = [_safe(t) for t in inputs.themes]
    names = (["balance_tau"] if served else []) + [
        f"balance_u_{_safe(inputs.regions[i])}" for i in with_u] + [
        f"x_{region}_{theme}" for region in map(_safe, inputs.regions) for theme in themes]
    order = np.argsort(np.asarray(names), kind="stable")
    column = np.empty(len(names), dtype=np.int32)
    column[order] = np.arange(len(names), dtype=np.int32)
    first_x = len(with_u) + 1 if served else 0
    tau = int(column[0]) if served else None
    u = column[1:first_x]
    x = column[first_x:].reshape(len(inputs.regions), len(inputs.themes))
    return tau, u, x


def build_direct(inputs: ModelInputs, options: SolverOptions
                 ) -> tuple[highspy.Highs, NDArray[np.int32]]:
    """A ``Highs`` holding docs/model.md §3 for ``inputs``, and the column of each ``x[i, j]``."""
    n_r, n_t = len(inputs.regions), len(inputs.themes)
    tau, u, col = _columns(inputs)
    n_cols = n_r * n_t + len(u) + (tau is not None)

    cost = np.zeros(n_cols)
    cost[col] = fit_weights(inputs.need, balance=inputs.balance,
                            equity=inputs.equity)[:, None] * inputs.strength
    lower, upper = np.zeros(n_cols), np.ones(n_cols)
    if tau is not None:
        cost[tau] = inputs.balance
        cost[u] = -inputs.balance / inputs.balance_focus
        # 0 ≤ τ ≤ the largest fit a region of R⁺ can reach, as model.py bounds it
        lower[tau], upper[tau] = 0.0, float(inputs.kmax[inputs.served].max())
        upper[u] = _INF
    lock_in = inputs.lock_in
    for i, region in enumerate(inputs.regions):
        for j, theme in enumerate(inputs.themes):
            if (region, theme) not in lock_in and inputs.strength[i, j] < inputs.min_strength:
                upper[col[i, j]] = 0.0  # rule 5 as a bound (docs/model.md §3)

    highs = highspy.Highs()  # type: ignore[no-untyped-call]
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", HIGHS_THREADS)
    highs.setOptionValue("mip_rel_gap", float(options.mip_gap))
    for option, value in MIP_TOLERANCES.items():  # the planner's own, to solve the same problem
        highs.setOptionValue(option, value)
    if options.time_limit is not None:
        highs.setOptionValue("time_limit", float(options.time_limit))
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    highs.addCols(n_cols, cost, lower, upper, 0, np.zeros(0, np.int32),
                  np.zeros(0, np.int32), np.zeros(0))
    binaries = col.ravel()
    highs.changeColsIntegrality(len(binaries), binaries,
                                np.full(len(binaries), highspy.HighsVarType.kInteger.value,
                                        dtype=np.uint8))

    rows = _Rows()
    ones_t, ones_r = np.ones(n_t), np.ones(n_r)
    for i in range(n_r):
        rows.add(col[i], ones_t, float(inputs.kmin[i]), _INF)
        rows.add(col[i], ones_t, -_INF, float(inputs.kmax[i]))
    for j in range(n_t):
        rows.add(col[:, j], ones_r, float(inputs.cmin[j]), _INF)
        rows.add(col[:, j], ones_r, -_INF, float(inputs.cmax[j]))
    if inputs.budget is not None:
        rows.add(col.ravel(), np.tile(inputs.cost, n_r), -_INF, float(inputs.budget))
    position_r = {r: i for i, r in enumerate(inputs.regions)}
    position_t = {t: j for j, t in enumerate(inputs.themes)}
    one = np.ones(1)
    for region, theme in sorted(inputs.lock_in):
        rows.add(col[position_r[region], position_t[theme]][None], one, 1.0, 1.0)
    for region, theme in sorted(inputs.lock_out):
        rows.add(col[position_r[region], position_t[theme]][None], one, 0.0, 0.0)
    if tau is not None:
        for k, i in enumerate(i for i, flag in enumerate(inputs.served) if flag):
            if len(u):  # f_r + u_r − τ ≥ 0
                columns = np.concatenate((col[i], [u[k], tau])).astype(np.int32)
                values = np.concatenate((inputs.strength[i], [1.0, -1.0]))
            else:  # q = 1: f_r − τ ≥ 0
                columns = np.concatenate((col[i], [tau])).astype(np.int32)
                values = np.concatenate((inputs.strength[i], [-1.0]))
            rows.add(columns, values, 0.0, _INF)
    rows.pass_to(highs)
    return highs, col


def read_solution(highs: highspy.Highs, col: NDArray[np.int32], inputs: ModelInputs
                  ) -> DirectResult:
    """The objective and chosen cells of a run that proved an optimum (else raises)."""
    status = highs.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"direct HiGHS run ended {highs.modelStatusToString(status)}")
    values = np.asarray(highs.getSolution().col_value)
    chosen = values[col] > 0.5
    selection = frozenset((inputs.regions[i], inputs.themes[j])
                          for i, j in zip(*np.nonzero(chosen), strict=True))
    return DirectResult(objective=float(highs.getInfo().objective_function_value),
                        selection=selection)


def solve_direct(inputs: ModelInputs, options: SolverOptions) -> DirectResult:
    """Build, run and read back the direct model."""
    highs, col = build_direct(inputs, options)
    highs.run()
    return read_solution(highs, col, inputs)
