"""Stability intervals (docs/model.md §12): how far can one setting move before the plan does?

For the scenario's plan ``x*`` and each of five settings (the ``economic``, ``academic`` and
``infrastructure`` weights, ``balance`` λ, ``equity`` β) at its value ``p₀``, the largest
interval around ``p₀`` within the setting's range on which ``x*`` stays an optimal plan when
that setting alone moves. The plan is piecewise constant in each setting, so each end is found
by re-solving, never by sampling alone: probes on a lattice of step ``tol × range`` outward
from ``p₀`` (1, 2, 4, 8… steps: the bracket), then bisection between the last probe where
``x*`` is optimal and the first where it is not, down to one step. So each reported end is a
point where ``x*`` was found optimal, and the point one step beyond it (or the range's own end,
if nearer) one where another plan was found strictly better: its pairs gained and lost are
reported.

One HiGHS model serves every probe (as the robustness sweep does, :mod:`.sweep`): built once
with every rule-5 closure left out, each probe changes only the costs of the ``x`` (and, with
a roadmap, ``o``) columns and of the balance variables, the strengths in the balance rows and
the closures' bounds. ``x*`` is optimal at a probe when its objective there is within ``10⁻⁹``
(relative) of the probe's optimum; without a roadmap its objective is computed from its cells,
with one it is the best schedule of its cells (a second solve, the choices fixed, needed only
where the probe's optimum chose other cells).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..common.errors import InfeasibleError, InputError
from ..data.dataset import STRENGTH_GROUPS, Dataset
from ..optimization import objective as obj
from ..optimization._highs_fast import improvement_heuristics, run_from_start, set_start
from ..optimization.model import Cell, ModelInputs
from ..optimization.phasing import plan_value
from ..optimization.solvers import highs_outcome, on_highs_thread
from ..results.plan import Plan, solve
from ..scenario.schema import Scenario
from ..scoring.arrays import normalize_array, strength_array
from ..scoring.strengths import sector_mask
from .inplace import in_place_model

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["PAIR_COLUMNS", "PARAMETERS", "TABLE_COLUMNS", "Stability", "stability"]

#: The settings whose intervals are found, in the table's order.
PARAMETERS: tuple[str, ...] = ("economic", "academic", "infrastructure", "balance", "equity")
#: The columns of :attr:`Stability.table` (and ``stability.csv``).
TABLE_COLUMNS = ["parameter", "value", "lo", "hi", "lo_is_range_end", "hi_is_range_end",
                 "range_lo", "range_hi", "beyond_lo", "beyond_hi", "lo_gained", "lo_lost",
                 "hi_gained", "hi_lost"]
#: The columns of :attr:`Stability.pairs` (and ``stability_pairs.csv``).
PAIR_COLUMNS = ["region_code", "region_name", "theme_id", "theme_label", "parameter", "value",
                "removed_at", "change"]
#: A plan is optimal at a probe when its objective is within this share of the optimum.
OPTIMAL = 1e-9
#: The upper end of ``equity``'s range (docs/model.md §12), unless the scenario's is higher.
EQUITY_RANGE = 5.0
#: The upper end of a weight's range: this many times the largest group weight.
WEIGHT_RANGE = 10.0

#: ``progress(done, total)`` after each end found (two per setting).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class Stability:
    """The stability interval of each setting around the scenario's plan.

    ``table`` has a row per setting (:data:`TABLE_COLUMNS`): its value ``p₀``, the interval
    ``[lo, hi]``, whether each end is the range's own (``lo_is_range_end``…), the range, the
    probe just beyond each end (``beyond_lo``, ``beyond_hi``: NaN at a range end) and the
    pairs the plan there gains and loses (``"Region → theme"`` joined by ``"; "``).
    ``pairs`` has a row per pair of the plan (:data:`PAIR_COLUMNS`): the nearest of those
    tipping points at which the pair leaves (``parameter`` empty where none removes it).
    ``probes`` counts the re-solves.
    """

    scenario: Scenario
    plan: Plan
    table: pd.DataFrame
    pairs: pd.DataFrame
    tol: float
    probes: int
    beyond: dict[tuple[str, str], set[Cell] | None] = field(default_factory=dict)

    def band(self, parameter: str) -> tuple[float, float]:
        """``(lo, hi)`` of ``parameter``: where the plan holds."""
        row = self.table.loc[self.table["parameter"] == parameter]
        if row.empty:
            raise KeyError(parameter)
        return float(row["lo"].iloc[0]), float(row["hi"].iloc[0])

    def plot(self, **options: Any) -> Figure:
        """The tornado chart: each setting's band within its range (matplotlib)."""
        from ..presentation.stability_figure import plot_tornado

        return plot_tornado(self, **options)

    def __repr__(self) -> str:
        bands = ", ".join(f"{r.parameter} {r.lo:.3g}–{r.hi:.3g}"
                          for r in self.table.itertuples())
        return f"Stability({self.scenario.name!r}: {bands}; {self.probes} re-solves)"


def stability(scenario: Scenario, data: Dataset | None = None, *, tol: float = 0.01,
              progress: Progress | None = None) -> Stability:
    """The stability interval of each of the five settings around the scenario's plan, each
    end to within ``tol`` (a share of the setting's range, default 1 %).

    Raises :class:`InputError` for a ``tol`` outside (0, 0.5], :class:`InfeasibleError` when
    the scenario has no plan.

    Parameters
    ----------
    scenario : Scenario
        Weights and rules; its plan is the one whose stability is measured.
    data : Dataset, optional
        Default: the scenario's data files, else the embedded data.
    tol : float
        Each end's precision, as a share of the setting's range, in (0, 0.5].
    progress : callable, optional
        ``progress(done, total)``, after each re-solve.

    Returns
    -------
    Stability
        ``.table`` (a row per setting: value, ``lo``, ``hi``, whether each end is the
        range's own, the pairs gained and lost just beyond it), ``.pairs`` (each pair's
        nearest removal), ``.plot()`` (the tornado chart).

    Raises
    ------
    InputError
        For a ``tol`` outside (0, 0.5], or bad input.
    InfeasibleError
        When the scenario has no plan.
    """
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not math.isfinite(tol) \
            or not 0 < tol <= 0.5:
        raise InputError(f"tol must be a share of each setting's range in (0, 0.5], not {tol!r}",
                         key="tol", fix="use 0.01 (1 %, the default) or 0.005 for finer ends")
    plan = solve(scenario, data)
    if not plan.feasible:
        raise InfeasibleError(f"scenario {scenario.name!r} is infeasible: there is no plan "
                              "whose stability to measure", rules=plan.diagnosis)
    return _stability(scenario, plan, float(tol), progress)


def _stability(scenario: Scenario, plan: Plan, tol: float,
               progress: Progress | None) -> Stability:
    probe = _Prober(scenario, plan)
    rows: list[dict[str, Any]] = []
    beyond: dict[tuple[str, str], set[Cell] | None] = {}
    total = 2 * len(PARAMETERS)
    for index, parameter in enumerate(PARAMETERS):
        value = probe.value_of(parameter)
        low, high = probe.range_of(parameter)
        ends = {}
        for side, sign in (("lo", -1), ("hi", 1)):
            ends[side] = _end(probe, parameter, value, low if sign < 0 else high, sign,
                              tol * (high - low))
            if progress is not None:
                progress(2 * index + (1 if sign < 0 else 2), total)
        row: dict[str, Any] = {"parameter": parameter, "value": value, "range_lo": low,
                               "range_hi": high}
        for side in ("lo", "hi"):
            end, outside, cells = ends[side]
            row[side] = end
            row[f"{side}_is_range_end"] = outside is None
            row[f"beyond_{side}"] = math.nan if outside is None else outside
            chosen = set(plan.cells)
            row[f"{side}_gained"] = _pairs_text(plan, (cells or chosen) - chosen)
            row[f"{side}_lost"] = _pairs_text(plan, chosen - (cells or chosen))
            beyond[parameter, side] = cells
        rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    return Stability(scenario=scenario, plan=plan, table=table,
                     pairs=_nearest_removal(plan, table, beyond), tol=tol,
                     probes=probe.count, beyond=beyond)


def _end(probe: _Prober, parameter: str, value: float, limit: float, sign: int,
         step: float) -> tuple[float, float | None, set[Cell] | None]:
    """One end of the interval: ``(end, point beyond or None at the range's end, the plan's
    cells there)``. Lattice points ``p₀ + sign·k·step``, the last one clipped to ``limit``."""
    if step <= 0 or abs(limit - value) <= 0:
        return limit, None, None
    last = math.ceil(abs(limit - value) / step - 1e-12)

    def at(k: int) -> float:  # rounded: 0.3 + 15 × 0.01 is 0.45, not 0.44999999999999996
        return limit if k >= last else round(value + sign * k * step, 12)

    good, bad, k = 0, None, 1
    while bad is None:
        k = min(k, last)
        if probe.holds(parameter, at(k)):
            good = k
            if k == last:
                return limit, None, None
            k *= 2
        else:
            bad = k
    while bad - good > 1:
        middle = (good + bad) // 2
        if probe.holds(parameter, at(middle)):
            good = middle
        else:
            bad = middle
    return at(good), at(bad), probe.cells_at(parameter, at(bad))


class _Prober:
    """The scenario's model in HiGHS, changed in place for each probe of one setting."""

    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        self.scenario, self.plan, self.inputs = scenario, plan, plan.inputs
        self.dataset = plan.dataset
        self.phasing = plan.phasing
        self.count = 0
        self.cache: dict[tuple[str, float], tuple[bool, set[Cell]]] = {}
        inputs = self.inputs
        self.weights = {g: float(scenario.weights.get(g, 0.0))  # type: ignore[call-overload]
                        for g in STRENGTH_GROUPS}
        self.need = inputs.need
        self._scores_setup()
        loaded = in_place_model(inputs, self.phasing, scenario.solver)
        model = loaded.built.model
        self.loaded = loaded
        self.highs: Any = loaded.highs
        self.columns = loaded.columns
        self.tau = model.tau.index if model.tau is not None else None
        self.u = np.array([v.index for v in model.u.values()], dtype=np.int32)
        self.locked_in = inputs.chosen(inputs.lock_in).astype(bool)
        self.closed_out = inputs.chosen(inputs.lock_out).astype(bool)
        self.star = inputs.chosen(plan.cells).astype(bool)
        self.upper = np.ones(len(self.columns))
        # a roadmap's probes start from the best of the schedules met so far, the plan's first
        # (each probe changes only the objective and closures: a schedule left open is a plan)
        self.schedules: list[NDArray[np.int64]] = [] if self.phasing is None else [np.array(
            [[plan.opening.get((r, t), 0) for t in inputs.themes] for r in inputs.regions],
            dtype=np.int64)]

    # -- the settings --------------------------------------------------------------------

    def value_of(self, parameter: str) -> float:
        """``p₀``: the scenario's own value of ``parameter``."""
        if parameter in STRENGTH_GROUPS:
            return self.weights[parameter]
        return float(getattr(self.scenario, parameter))

    def range_of(self, parameter: str) -> tuple[float, float]:
        """The setting's range: ``[0, 10 · max_g w_g]`` for a weight, ``[0, 1]`` for λ,
        ``[0, 5]`` for β (or up to its value, where the scenario's is above 5)."""
        if parameter in STRENGTH_GROUPS:
            return 0.0, WEIGHT_RANGE * max(self.weights.values())
        if parameter == "balance":
            return 0.0, 1.0
        return 0.0, max(EQUITY_RANGE, self.scenario.equity)

    def _scores_setup(self) -> None:
        """The normalized values of every strength indicator, once (scoring.strength's)."""
        dataset = self.dataset
        groups = dataset.catalogue["group"].reindex(dataset.profiles.columns).to_numpy(
            dtype=object)
        keep = np.isin(groups, STRENGTH_GROUPS)
        self.indicators = list(dataset.profiles.columns[keep])
        self.groups = groups[keep]
        self.profile = dataset.profiles.to_numpy(dtype=float)[:, keep]
        values = dataset.values()[self.indicators].to_numpy(dtype=float)
        lower = dataset.catalogue["direction"].reindex(self.indicators).to_numpy(
            dtype=object) == "lower"
        self.z = normalize_array(values, method=self.scenario.normalization, flip=lower)
        self.sector = sector_mask(dataset, pd.Index(self.indicators))

    def strength(self, weights: dict[str, float]) -> NDArray[np.float64]:
        """``s[r,t]`` for group ``weights``: :func:`~jazari_planner.scoring.strengths.strength`'s
        operations (the scenario's aggregation, the themes' sector measures) on the values
        normalized once."""
        matrix = self.profile * np.array([weights[str(g)] for g in self.groups])
        used = (matrix > 0).any(axis=0)
        shape = (len(self.inputs.regions), len(self.inputs.themes))
        if not used.any():
            return np.zeros(shape)
        return strength_array(self.z[:, used], matrix[:, used], sector=self.sector[:, used],
                              aggregation=self.scenario.aggregation)

    def setting(self, parameter: str, value: float) -> ModelInputs:
        """The inputs with ``parameter`` at ``value`` (strengths recomputed for a weight)."""
        if parameter in STRENGTH_GROUPS:
            return replace(self.inputs, strength=self.strength({**self.weights,
                                                                 parameter: value}))
        if parameter == "balance":
            return replace(self.inputs, balance=value)
        return replace(self.inputs, equity=value)

    # -- a probe -------------------------------------------------------------------------

    def holds(self, parameter: str, value: float) -> bool:
        """Whether the plan is an optimal plan with ``parameter`` at ``value``."""
        return self._probe(parameter, value)[0]

    def cells_at(self, parameter: str, value: float) -> set[Cell]:
        """The optimal plan's cells with ``parameter`` at ``value``."""
        return self._probe(parameter, value)[1]

    def _probe(self, parameter: str, value: float) -> tuple[bool, set[Cell]]:
        key = (parameter, float(value))
        if key not in self.cache:
            inputs = self.setting(parameter, value)
            best, chosen = self._solve(inputs, fixed=False)
            if np.array_equal(chosen, self.star):
                own = best  # the probe's optimum is the plan itself (on a roadmap, its cells)
            elif (self.star & ~self._open(inputs)).any():
                own = -math.inf  # one of the plan's cells is closed by rule 5 there
            elif self.phasing is None:
                own = inputs.objective_of(self.plan.cells)
            else:
                own = self._solve(inputs, fixed=True)[0]
            holds = own >= best - OPTIMAL * max(1.0, abs(best))
            cells = {(r, t) for i, r in enumerate(inputs.regions)
                     for j, t in enumerate(inputs.themes) if chosen[i, j]}
            self.cache[key] = (holds, set(self.plan.cells) if holds else cells)
        return self.cache[key]

    def _open(self, inputs: ModelInputs) -> NDArray[np.bool_]:
        return np.asarray(self.locked_in | (inputs.strength >= inputs.min_strength))

    def _solve(self, inputs: ModelInputs, *, fixed: bool) -> tuple[float, NDArray[np.bool_]]:
        """Solve with ``inputs``' numbers (the plan's cells fixed where ``fixed``): the
        objective of the plan found, its cells."""
        highs, strength = self.highs, inputs.strength
        n = len(self.columns)
        weights = obj.fit_weights(inputs.need, balance=inputs.balance, equity=inputs.equity)
        highs.changeColsCost(n, self.columns, -(weights[:, None] * strength).ravel())
        if self.tau is not None:
            highs.changeColCost(self.tau, -inputs.balance)
        if len(self.u):
            share = inputs.balance / inputs.balance_focus
            highs.changeColsCost(len(self.u), self.u, np.full(len(self.u), share))
        upper = self._open(inputs) & ~self.closed_out
        lower = self.star if fixed else np.zeros_like(self.star)
        if fixed:
            upper = self.star
        highs.changeColsBounds(n, self.columns, lower.ravel().astype(float),
                               upper.ravel().astype(float))
        phasing = self.phasing
        self.loaded.set_strength(strength, phasing)
        highs.clearSolver()
        run = highs.run
        if phasing is not None:
            start = self._best_start(inputs, lower, upper)
            if start is not None:
                set_start(highs, self.loaded.start_values(start, phasing))
            # with a plan of the probe's model in hand the search spends its time on the bound
            improvement_heuristics(highs, on=start is None)
            run = (lambda: run_from_start(highs)) if start is not None else highs.run
        # on the planner's own HiGHS threads (their scheduler's setting), as every solve runs;
        # the rest, progress reports included, stays on the caller's thread
        run_status = on_highs_thread(run)
        self.count += 1
        status, _ = highs_outcome(highs, self.scenario.solver, run_status=run_status)
        if status == "infeasible":
            return -math.inf, np.zeros(strength.shape, dtype=bool)
        solution = np.asarray(highs.getSolution().col_value)
        chosen = (solution[self.columns] > 0.5).reshape(strength.shape)
        opening = None if phasing is None else self.loaded.opening_years(solution, phasing)
        if opening is not None and not any(np.array_equal(opening, seen)
                                           for seen in self.schedules):
            self.schedules.append(opening)
        return plan_value(inputs, chosen, opening, phasing), chosen

    def _best_start(self, inputs: ModelInputs, lower: NDArray[np.bool_],
                    upper: NDArray[np.bool_]) -> NDArray[np.int64] | None:
        """The best, with ``inputs``' numbers, of the schedules met so far whose cells the
        probe's bounds allow (the first of equals); ``None`` when none does."""
        return max((year for year in self.schedules
                    if not ((year > 0) & ~upper).any() and not (lower & ~(year > 0)).any()),
                   key=lambda year: plan_value(inputs, year > 0, year, self.phasing),
                   default=None)


def _pairs_text(plan: Plan, cells: set[Cell]) -> str:
    """``"Region → theme"`` per pair, in the dataset's region then theme order."""
    order = {c: k for k, c in enumerate((r, t) for r in plan.inputs.regions
                                        for t in plan.inputs.themes)}
    return "; ".join(f"{plan.dataset.region_name(r)} → {t}"
                     for r, t in sorted(cells, key=order.__getitem__))


def _nearest_removal(plan: Plan, table: pd.DataFrame,
                     beyond: dict[tuple[str, str], set[Cell] | None]) -> pd.DataFrame:
    """Per pair of the plan, the nearest tipping point (relative to its setting's range)
    whose plan no longer has it."""
    labels = plan.dataset.themes["label"]
    rows = []
    for region, theme in plan.cells:
        best: tuple[float, str, float, float] | None = None
        for record in table.to_dict("records"):
            width = float(record["range_hi"]) - float(record["range_lo"]) or 1.0
            for side in ("lo", "hi"):
                cells = beyond.get((str(record["parameter"]), side))
                if cells is None or (region, theme) in cells:
                    continue
                at = float(record[f"beyond_{side}"])
                distance = abs(at - float(record["value"])) / width
                if best is None or distance < best[0]:
                    best = (distance, str(record["parameter"]), float(record["value"]), at)
        rows.append({
            "region_code": region, "region_name": plan.dataset.region_name(region),
            "theme_id": theme, "theme_label": str(labels.get(theme, theme)),
            "parameter": best[1] if best else "", "value": best[2] if best else math.nan,
            "removed_at": best[3] if best else math.nan,
            "change": best[3] - best[2] if best else math.nan,
        })
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)
