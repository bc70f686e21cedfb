"""Which figures to measure first: ``data_stakes(scenario) -> DataStakes`` (docs/model.md §13).

Every indicator value whose confidence is not ``exact`` has an interval, ``v · [1 − h, 1 + h]``
with ``h`` 0.10 (``secondary``), 0.25 (``derived``) or 0.50 (``gap``). The scenario is solved
once as it is (today's plan ``x*``), then again with one value alone at each end of its
interval, everything else nominal. The value's **stake** is the larger of the two relative
losses of today's plan against the optimum at that end, ``(z_end − O_end(x*)) / |z_end|``:
0 means the plan stands wherever in its interval the true figure lies; the others, largest
first, are the figures worth measuring before deciding.

The re-solves change one model in place (the sweep engine's,
:func:`jazari_planner.analysis.sweep.solve_scores`): the scenario's rules never change, only the
strengths and need the value feeds. A value that enters no strength nor the need index, a
value of 0 (its interval is a point) and an end that leaves every strength and need as it
was (a rank that does not move) cannot change the plan: their stake is 0 without a solve.

Nor can an end that raises every other plan's objective too little, which a bound proves
without a solve (without a roadmap, where the end opens and closes the same pairs under
``min_strength``): with ``z₂`` the objective of the best plan other than ``x*`` on the
nominal data (one solve), ``δ⁺_r`` the sum of region ``r``'s ``kmax_r`` largest strength
increases and ``w_r`` its fit's weight in the objective, no plan gains more than
``D = Σ_r (w'_r δ⁺_r + (w'_r − w_r)⁺ F_r) + λ max_r δ⁺_r`` (``F_r`` the sum of its ``kmax_r``
largest nominal strengths), since fits are not negative and the balance term, a mean of the
smallest fits, rises no more than the largest rise of a fit. Where ``z₂ + D < O_end(x*)``,
``x*`` is still the optimum at that end: stake 0.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pulp
from numpy.typing import NDArray

from ..common.errors import InfeasibleError
from ..inputs.resolve import dataset_for
from ..optimization import objective as obj
from ..optimization.phasing import opening_years, plan_value
from ..optimization.solvers import solve_model
from ..results.plan import Plan, solve
from ..scenario.checks import check_against
from ..scenario.schema import Scenario
from ..scenario.validation import ensure_valid
from .perturbation import Spread
from .sweep import Progress, SweepProblem, solve_scores, sweep_problem

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..data.dataset import Dataset

__all__ = ["COLUMNS", "HALF_WIDTH", "DataStakes", "data_stakes"]

#: The half-width ``h`` of a value's interval by its confidence (docs/model.md §13).
HALF_WIDTH: dict[str, float] = {"secondary": 0.10, "derived": 0.25, "gap": 0.50}
#: A relative loss below this is the solver's rounding, not a better plan: stake 0.
TOLERANCE = 1e-9
#: How far (relative, at least absolute) a solver's optimum may fall short of the true one
#: (HiGHS's absolute MIP gap): the margin the screening bound keeps.
SOLVER_SLACK = 1e-6

COLUMNS = ["region_code", "region_name", "indicator", "indicator_label", "value", "confidence",
           "lo", "hi", "stake", "end", "gained", "lost", "note"]


@dataclass(frozen=True, eq=False)
class DataStakes:
    """The stakes of a scenario's uncertain values (docs/model.md §13).

    ``table``: one row per value whose confidence is not ``exact``, largest stake first:
    ``region_code, region_name, indicator, indicator_label, value, confidence, lo, hi``
    (its interval), ``stake`` (percent of the objective), ``end`` (``lo`` or ``hi``, where
    the stake is reached; empty for 0), the pairs ``gained`` and ``lost`` there, and a
    ``note`` where an end has no plan. ``plan`` is today's plan; ``solves`` how many
    re-solves ran and ``screened`` how many ends a bound settled without one, in
    ``seconds``.
    """

    plan: Plan
    table: pd.DataFrame
    solves: int
    screened: int
    seconds: float

    @property
    def worth_measuring(self) -> pd.DataFrame:
        """The rows whose stake is above 0: the figures that could change the plan."""
        return self.table[self.table["stake"] > 0].reset_index(drop=True)

    def summary(self) -> dict[str, Any]:
        """The run in figures, for ``summary.json``."""
        return {
            "scenario": self.plan.scenario.name,
            "uncertain_values": len(self.table),
            "worth_measuring": len(self.worth_measuring),
            "largest_stake": float(self.table["stake"].max()) if len(self.table) else 0.0,
            "solves": self.solves,
            "screened": self.screened,
            "seconds": round(self.seconds, 3),
            "half_width": dict(HALF_WIDTH),
        }

    def plot(self, **options: Any) -> Figure:
        """A chart of the largest stakes (see :func:`.presentation.stakes_figure.plot_stakes`)."""
        from ..presentation.stakes_figure import plot_stakes

        return plot_stakes(self, **options)

    def __repr__(self) -> str:
        return (f"DataStakes({self.plan.scenario.name!r}: {len(self.table)} uncertain values, "
                f"{len(self.worth_measuring)} worth measuring, {self.solves} solves)")


def data_stakes(scenario: Scenario, data: Dataset | None = None, *,
                progress: Progress | None = None) -> DataStakes:
    """The figures worth measuring before deciding: each uncertain value's stake (§13).

    Each value whose confidence is not ``exact`` is moved alone to each end of its interval
    (``secondary`` ±10 %, ``derived`` ±25 %, ``gap`` ±50 %) and the scenario re-solved on one
    model changed in place; a proven bound settles many ends without a solve. Runs with HiGHS.

    Parameters
    ----------
    scenario : Scenario
        Weights and rules.
    data : Dataset, optional
        The data (default: the scenario's data files, else the embedded data).
    progress : callable, optional
        ``progress(done, total)``, called as each value is measured.

    Returns
    -------
    DataStakes
        ``.table``: a row per uncertain value (region, indicator, value, confidence, ``lo``,
        ``hi``, stake in percent, the end where it is reached, the pairs gained and lost),
        largest stake first; ``.plot()`` the chart.

    Raises
    ------
    InputError
        For bad input, before any solving.
    InfeasibleError
        When the scenario has no plan whose stakes to measure.
    """
    started = time.perf_counter()
    ensure_valid(scenario)
    dataset = dataset_for(scenario, data)
    check_against(scenario, dataset)
    highs = scenario.model_copy(update={"solver": scenario.solver.model_copy(
        update={"name": "highs"})})
    plan = solve(highs, dataset)
    if not plan.feasible:
        raise InfeasibleError(f"scenario {scenario.name!r} is infeasible: there is no plan "
                              "whose data stakes to measure", rules=plan.diagnosis)
    problem = sweep_problem(highs, dataset, plan.inputs, spread=Spread(0.0, 0.0, 0),
                            phasing=plan.phasing)
    measure = _Measure(plan, problem)
    confidence = dataset.confidence().to_numpy(dtype=object)
    cells = [(i, j) for i, j in zip(*np.nonzero(confidence != "exact"), strict=True)]
    report = progress or (lambda _done, _total: None)
    rows = []
    for done, (i, j) in enumerate(cells, start=1):
        rows.append(measure.value(int(i), int(j), str(confidence[i, j])))
        report(done, len(cells))
    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.sort_values(["stake", "region_code", "indicator"],
                              ascending=[False, True, True], ignore_index=True)
    return DataStakes(plan=plan, table=table, solves=measure.solves,
                      screened=measure.screened, seconds=time.perf_counter() - started)


class _Measure:
    """The stakes of single values of one plan, on the sweep problem's arrays."""

    def __init__(self, plan: Plan, problem: SweepProblem) -> None:
        self.plan, self.problem = plan, problem
        self.dataset = plan.dataset
        self.chosen = plan.inputs.chosen(plan.cells).astype(bool)
        self.strength, self.need = problem.scores_of(problem.values)
        inputs = problem.inputs
        self.entering = np.zeros(problem.values.shape[1], dtype=bool)
        self.entering[problem.strength_columns] = True
        self.entering[problem.need_columns] = True
        self.years: NDArray[np.int64] | None = None
        if plan.phasing is not None and plan.schedule is not None:
            opening = {(str(r), str(t)): int(y) for r, t, y in zip(
                plan.schedule["region_code"], plan.schedule["theme_id"], plan.schedule["year"],
                strict=True)}
            self.years = opening_years(inputs, opening)
        self.locked_in = inputs.chosen(inputs.lock_in).astype(bool)
        self.is_open = self.locked_in | (self.strength >= inputs.min_strength)
        self.weights = obj.fit_weights(self.need, balance=inputs.balance, equity=inputs.equity)
        self.best_fit = _largest(self.strength, inputs.kmax)
        self.solves = 0
        self.screened = 0
        self.runner_up = self._runner_up() if plan.phasing is None else None

    def value(self, i: int, j: int, confidence: str) -> dict[str, Any]:
        """The row of value ``(region i, indicator j)``."""
        dataset, values = self.dataset, self.problem.values
        code, indicator = dataset.region_codes[i], str(dataset.catalogue.index[j])
        v = float(values[i, j])
        h = HALF_WIDTH[confidence]
        ends = {"lo": v * (1.0 - h), "hi": v * (1.0 + h)}
        row: dict[str, Any] = {
            "region_code": code, "region_name": dataset.region_name(code),
            "indicator": indicator,
            "indicator_label": str(dataset.catalogue.at[indicator, "label"]),
            "value": v, "confidence": confidence, "lo": min(ends.values()),
            "hi": max(ends.values()), "stake": 0.0, "end": "", "gained": "", "lost": "",
            "note": "",
        }
        if not self.entering[j] or v == 0:
            return row
        unsolved = []
        for end, figure in ends.items():
            outcome = self._at(i, j, figure)
            if outcome is None:
                continue
            stake, chosen, status = outcome
            if status not in ("optimal", "feasible"):
                unsolved.append(f"no plan at the {end} end ({status})")
                continue
            if stake > row["stake"]:
                row.update(stake=stake, end=end, gained=self._pairs(chosen & ~self.chosen),
                           lost=self._pairs(self.chosen & ~chosen))
        row["note"] = "; ".join(unsolved)
        return row

    def _at(self, i: int, j: int, figure: float
            ) -> tuple[float, NDArray[np.bool_], str] | None:
        """The stake (percent), the optimum's cells and its status with value ``(i, j)`` at
        ``figure``; ``None`` when the strengths and need stay as they are (no solve)."""
        values = self.problem.values.copy()
        values[i, j] = figure
        strength, need = self.problem.scores_of(values)
        if np.array_equal(strength, self.strength) and np.array_equal(need, self.need):
            return None
        today = self._objective(strength, need)
        if self._holds(strength, need, today):
            self.screened += 1
            return 0.0, self.chosen, "optimal"
        self.solves += 1
        status, _gap, z, chosen = solve_scores(self.problem, strength, need)
        if status not in ("optimal", "feasible"):
            return 0.0, chosen, status
        loss = (z - today) / abs(z) if z != 0 else (0.0 if today == z else math.inf)
        return (100.0 * loss if loss > TOLERANCE else 0.0), chosen, status

    def _runner_up(self) -> float | None:
        """``z₂``: the objective of the best plan that differs from ``x*`` in at least one
        pair, on the nominal data (``None`` where no other plan exists, ``inf`` where the
        solver could not settle it: then nothing is screened)."""
        built = self.plan.build_model(name=f"{self.plan.scenario.name} runner-up")
        model = built.model
        cells = set(self.plan.cells)
        model.add_rule(pulp.LpAffineExpression(
            [(var, -1.0 if cell in cells else 1.0) for cell, var in model.x.items()])
            >= 1 - len(cells), name="runner_up", family="distance",
            description="at least 1 change from the plan", bound=1)
        result = solve_model(model, self.plan.scenario.solver)
        if result.status == "infeasible":
            return None
        if result.status != "optimal":
            return math.inf
        chosen = self.plan.inputs.chosen(result.selection).astype(bool)
        inputs = self.problem.inputs
        return obj.objective(obj.fits(self.strength, chosen), need=self.need,
                             served=inputs.served, balance=inputs.balance,
                             equity=inputs.equity, focus=inputs.balance_focus)

    def _holds(self, strength: NDArray[np.float64], need: NDArray[np.float64],
               today: float) -> bool:
        """Whether the bound of the module's docstring proves ``x*`` still optimal."""
        if self.problem.phasing is not None:
            return False
        inputs = self.problem.inputs
        if not np.array_equal(self.locked_in | (strength >= inputs.min_strength), self.is_open):
            return False
        if self.runner_up is None:
            return True  # x* is the only plan the rules allow
        gain = _largest(np.clip(strength - self.strength, 0.0, None), inputs.kmax)
        weights = obj.fit_weights(need, balance=inputs.balance, equity=inputs.equity)
        bound = (float(weights @ gain
                       + np.clip(weights - self.weights, 0.0, None) @ self.best_fit)
                 + inputs.balance * float(gain.max(initial=0.0)))
        margin = SOLVER_SLACK * max(1.0, abs(today))
        return self.runner_up + bound + margin < today

    def _objective(self, strength: NDArray[np.float64], need: NDArray[np.float64]) -> float:
        """``O(x*)``: today's plan's objective on these strengths and need."""
        return plan_value(self.problem.inputs, self.chosen, self.years, self.problem.phasing,
                          strength=strength, need=need)

    def _pairs(self, cells: NDArray[np.bool_]) -> str:
        """``"Region → theme"`` for each cell, in the dataset's region then theme order."""
        dataset = self.dataset
        return "; ".join(f"{dataset.region_name(dataset.region_codes[r])} → "
                         f"{dataset.theme_ids[t]}" for r, t in zip(*np.nonzero(cells),
                                                                   strict=True))


def _largest(values: NDArray[np.float64], counts: NDArray[np.int64]) -> NDArray[np.float64]:
    """Per row, the sum of its ``counts[r]`` largest entries."""
    ordered = -np.sort(-values, axis=1)
    keep = np.arange(values.shape[1])[None, :] < np.asarray(counts)[:, None]
    total: NDArray[np.float64] = np.where(keep, ordered, 0.0).sum(axis=1)
    return total
