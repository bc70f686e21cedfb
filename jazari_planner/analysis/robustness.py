"""How sure is each assignment? ``robustness(scenario) -> Robustness`` (docs/model.md §8).

The scenario is solved once as it is (the plan), then ``samples`` more times on perturbed
weights and values (:mod:`jazari_planner.analysis.perturbation`) by the sweep engine
(:mod:`jazari_planner.analysis.sweep`). The acceptability of a pair is the share of the samples with
a plan that choose it; a pair of the plan chosen in at least 90 % of them is in the stable
core, one chosen in more than 10 % and less than 90 % is contested. A pair that a lock fixes
(``lock_in``, ``lock_out``, a roadmap's ``opened`` entry) is chosen or not by construction:
it is reported as ``locked``, never as evidence, and is in neither set (revision 3).
"""

from __future__ import annotations

import math
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..common.errors import InfeasibleError, InputError
from ..inputs.resolve import dataset_for
from ..results.plan import Plan, solve
from ..scenario.checks import check_against
from ..scenario.schema import Scenario
from ..scenario.validation import ensure_valid
from .perturbation import Spread
from .sweep import STATUSES, Progress, default_jobs, run_sweep, sweep_problem

if TYPE_CHECKING:
    import folium
    from matplotlib.figure import Figure

    from ..data.dataset import Dataset

__all__ = ["CONTESTED", "LOCKED", "MAX_SAMPLES", "STABLE", "Robustness", "locked_cells",
           "plan_cells", "robustness"]

#: The most samples one sweep solves: ~10 minutes at a few hundred samples a second, and
#: a result of a few tens of MB (each sample's plan is kept).
MAX_SAMPLES = 100_000

#: Acceptability at or above which a pair is in the stable core.
STABLE = 0.9
#: Acceptability above which a pair below :data:`STABLE` is contested.
CONTESTED = 0.1

#: How a pair fixed by a lock is reported in place of a confidence.
LOCKED = "locked"

PAIR_COLUMNS = ["region_code", "region_name", "theme_id", "theme_label", "acceptability",
                "locked"]
SAMPLE_COLUMNS = ["sample", "status", "gap", "objective", "changes", "jaccard"]


def locked_cells(plan: Plan) -> frozenset[tuple[str, str]]:
    """The pairs a lock fixes: locked in (a roadmap's ``opened`` entries among them) or out."""
    return plan.inputs.lock_in | plan.inputs.lock_out


def plan_cells(plan: Plan) -> NDArray[np.bool_]:
    """The plan's choices as a region × theme boolean array (its inputs' orders)."""
    return plan.inputs.chosen(plan.cells).astype(bool)


@dataclass(frozen=True, eq=False)
class Robustness:
    """A robustness sweep's answer (docs/model.md §8).

    ``acceptability``: index ``region_code``, one column per ``theme_id``, the share of the
    samples with a plan that choose the pair, in [0, 1] (NaN if no sample had one).
    ``confidence``: each pair of the unperturbed ``plan`` with its acceptability and whether
    a lock fixes it (``locked``: its acceptability is 1 by construction, no evidence).
    ``samples``: one row per sample (``sample, status, gap, objective, changes, jaccard``;
    ``changes`` the pairs in which it differs from the plan). ``similarity``: the mean
    Jaccard similarity of the samples' plans to the plan; ``infeasible``: how many samples
    had no plan possible; ``limited``: how many reached the time limit before any plan.
    """

    plan: Plan
    acceptability: pd.DataFrame
    confidence: pd.DataFrame
    samples: pd.DataFrame
    similarity: float
    infeasible: int
    limited: int
    weight_spread: float
    value_noise: float
    seed: int
    seconds: float
    workers: int

    @property
    def solved(self) -> int:
        """How many samples gave a plan (optimal, or feasible at the time limit)."""
        return int(self.samples["status"].isin(["optimal", "feasible"]).sum())

    @property
    def locked(self) -> frozenset[tuple[str, str]]:
        """The pairs a lock fixes (:func:`locked_cells`): reported ``locked``, not as evidence."""
        return locked_cells(self.plan)

    @property
    def pairs(self) -> pd.DataFrame:
        """Every pair with its acceptability, whether the plan has it (``in_plan``) and whether
        a lock fixes it (``locked``)."""
        shares = self.acceptability
        long = pd.DataFrame({
            "region_code": np.repeat(shares.index.to_numpy(dtype=str), shares.shape[1]),
            "theme_id": np.tile(shares.columns.to_numpy(dtype=str), shares.shape[0]),
            "acceptability": shares.to_numpy(dtype=float).ravel(),
        })
        dataset = self.plan.dataset
        long.insert(1, "region_name", [dataset.region_name(c) for c in long["region_code"]])
        labels = dataset.themes["label"]
        long.insert(3, "theme_label", [str(labels.get(t, t)) for t in long["theme_id"]])
        chosen = set(self.plan.cells)
        cells = list(zip(long["region_code"], long["theme_id"], strict=True))
        long["in_plan"] = [cell in chosen for cell in cells]
        locked = self.locked
        long["locked"] = [cell in locked for cell in cells]
        return long

    @property
    def stable_core(self) -> pd.DataFrame:
        """The pairs no lock fixes chosen in at least 90 % of the samples, most accepted
        first."""
        pairs = self.pairs
        return _ranked(pairs[(pairs["acceptability"] >= STABLE) & ~pairs["locked"]])

    @property
    def contested(self) -> pd.DataFrame:
        """The pairs no lock fixes chosen in more than 10 % and less than 90 % of the
        samples."""
        pairs = self.pairs
        band = (pairs["acceptability"] > CONTESTED) & (pairs["acceptability"] < STABLE)
        return _ranked(pairs[band & ~pairs["locked"]])

    @property
    def plan_stable(self) -> int:
        """How many of the plan's pairs no lock fixes are in the stable core."""
        confidence = self.confidence
        return int((confidence["acceptability"].ge(STABLE) & ~confidence["locked"]).sum())

    def confidence_of(self) -> dict[tuple[str, str], float | str]:
        """Each plan pair's confidence: its acceptability, or :data:`LOCKED` where a lock
        fixes it (for the confidence map's badges)."""
        confidence = self.confidence
        cells = zip(confidence["region_code"].astype(str), confidence["theme_id"].astype(str),
                    strict=True)
        return {cell: LOCKED if locked else float(share) for cell, share, locked in zip(
            cells, confidence["acceptability"], confidence["locked"], strict=True)}

    def acceptability_of(self, region: str, theme: str) -> float:
        """The acceptability of one pair, the region by code or French name."""
        code = self.plan.dataset.region_code(region, key="region")
        theme_id = self.plan.dataset.theme_id(theme, key="theme")
        shares = self.acceptability
        row, column = shares.index.get_loc(code), shares.columns.get_loc(theme_id)
        return float(shares.to_numpy()[row, column])

    def summary(self) -> dict[str, Any]:
        """The sweep in figures, for ``robustness.json``."""
        counts = self.samples["status"].value_counts()
        return {
            "scenario": self.plan.scenario.name,
            "samples": len(self.samples),
            "weight_spread": self.weight_spread,
            "value_noise": self.value_noise,
            "seed": self.seed,
            "statuses": {s: int(counts.get(s, 0)) for s in STATUSES},
            "similarity": None if math.isnan(self.similarity) else self.similarity,
            "stable_core": len(self.stable_core),
            "contested": len(self.contested),
            "locked": int(self.confidence["locked"].sum()),
            "plan_pairs": len(self.confidence),
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
        }

    def plot(self, **options: Any) -> Figure:
        """The acceptability heat map, the plan's pairs outlined (``lang="fr"`` for French)."""
        from ..presentation.robustness_figures import plot_acceptability

        return plot_acceptability(self, **options)

    def to_map(self, **options: Any) -> folium.Map:
        """The plan's interactive map, each theme's badge showing its confidence."""
        from ..presentation.robustness_figures import confidence_map

        return confidence_map(self, **options)

    def save_map(self, path: str | Path, **options: Any) -> Path:
        """Write :meth:`to_map` as one self-contained, offline HTML file."""
        from ..presentation.robustness_figures import save_confidence_map

        return save_confidence_map(self, path, **options)

    def __repr__(self) -> str:
        return (f"Robustness({self.plan.scenario.name!r}: {len(self.samples)} samples, "
                f"{self.solved} with a plan, stable core {self.plan_stable} of "
                f"{len(self.confidence)} plan pairs ({int(self.confidence['locked'].sum())} "
                f"locked), similarity {self.similarity:.2f})")


def _ranked(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["acceptability", "region_code", "theme_id"],
                             ascending=[False, True, True], ignore_index=True)


def check_samples(samples: Any) -> int:
    """``samples`` as a whole number from 1 to :data:`MAX_SAMPLES`, else :class:`InputError`
    before any work."""
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) \
            or not 1 <= samples <= MAX_SAMPLES:
        raise InputError(f"samples must be a whole number from 1 to {MAX_SAMPLES:,}, "
                         f"got {samples!r}", key="samples",
                         fix=f"ask for 1 to {MAX_SAMPLES:,} samples; 200–1000 give stable shares")
    return int(samples)


def robustness(scenario: Scenario, dataset: Dataset | None = None, *, samples: int = 500,
               weight_spread: float = 0.25, value_noise: float = 0.05, seed: int = 0,
               executor: Executor | None = None, jobs: int | None = None,
               progress: Progress | None = None) -> Robustness:
    """How sure each assignment of ``scenario``'s plan is, under uncertain weights and data.

    Solves the scenario, then ``samples`` times more with each group and profile weight
    multiplied by ``exp(σ ξ)`` (``σ = weight_spread``) and each indicator value by
    ``1 + m ν ξ`` (``ν = value_noise``, ``m`` 1, 2 or 4 by the value's confidence,
    docs/model.md §8). Sample ``i`` depends on
    ``(seed, i)`` alone, so the answer is the same on any ``executor`` (a
    :class:`concurrent.futures.Executor`, e.g. Dask's ``client.get_executor()``); without
    one, ``jobs`` processes (default: the machine's cores, one for small work).
    ``progress(done, total)`` is called as samples finish. Everything runs with HiGHS. With a
    roadmap (docs/model.md §10) each sample solves the roadmap's model and its ``objective``
    includes the early-opening term on the sample's strengths; acceptability counts pairs,
    not years.

    Raises :class:`InputError` for bad arguments or input, before any solving, and
    :class:`~jazari_planner.common.errors.InfeasibleError` when the scenario itself has no plan.

    Parameters
    ----------
    scenario : Scenario
        Weights and rules.
    dataset : Dataset, optional
        Default: the scenario's data files, else the embedded data.
    samples : int
        Perturbed re-solves, 1 to 100 000.
    weight_spread, value_noise : float
        ``σ`` (0 to 3) and ``ν`` (0 to 1).
    seed : int
        Sample ``i`` draws from ``(seed, i)`` alone.
    executor : Executor, optional
        Where samples run (e.g. Dask's ``client.get_executor()``); default a process pool.
    jobs : int, optional
        Processes without an executor (default: the machine's cores).
    progress : callable, optional
        ``progress(done, total)``, as samples finish.

    Returns
    -------
    Robustness
        ``.confidence`` (each pair of the plan, its acceptability, ``locked`` where a lock
        fixes it), ``.acceptability``, ``.stable`` and ``.contested`` (locks left out),
        ``.similarity``, ``.infeasible``, ``.plot()``.

    Raises
    ------
    InputError
        For bad arguments or input, before any solving.
    InfeasibleError
        When the scenario itself has no plan.
    """
    count = check_samples(samples)
    spread = Spread(weight_spread=weight_spread, value_noise=value_noise, seed=seed)
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise InputError(f"jobs must be a whole number ≥ 1, got {jobs!r}", key="jobs",
                         fix="give the number of processes, e.g. 2; leave it out for one per "
                         "core")
    ensure_valid(scenario)
    dataset = dataset_for(scenario, dataset)
    check_against(scenario, dataset)
    highs = scenario.model_copy(update={"solver": scenario.solver.model_copy(
        update={"name": "highs"})})
    plan = solve(highs, dataset)
    if not plan.feasible:
        raise InfeasibleError(f"scenario {scenario.name!r} is infeasible: there is no plan "
                              "whose robustness to measure", rules=plan.diagnosis)
    opening = ({(str(r), str(t)): int(y) for r, t, y in plan.schedule[
        ["region_code", "theme_id", "year"]].itertuples(index=False)}
        if plan.schedule is not None else None)
    problem = sweep_problem(highs, dataset, plan.inputs, spread=spread, phasing=plan.phasing,
                            start=opening)
    workers = default_jobs(count, plan.solve_seconds) if jobs is None else jobs
    result = run_sweep(problem, count, executor=executor, jobs=workers, progress=progress)
    return _summarize(plan, result.status, result.gap, result.objective, result.chosen,
                      spread=spread, seconds=result.seconds, workers=result.workers)


def _summarize(plan: Plan, status: NDArray[np.str_], gap: NDArray[np.float64],
               objective: NDArray[np.float64], chosen: NDArray[np.bool_], *, spread: Spread,
               seconds: float, workers: int) -> Robustness:
    base = plan_cells(plan)
    solved = np.isin(status, ["optimal", "feasible"])
    regions = pd.Index(plan.inputs.regions, name="region_code")
    themes = pd.Index(plan.inputs.themes, name="theme_id")
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = chosen[solved].sum(axis=0) / solved.sum()
    acceptability = pd.DataFrame(shares, index=regions, columns=themes)

    changes = (chosen != base).sum(axis=(1, 2))
    union = (chosen | base).sum(axis=(1, 2))
    common = (chosen & base).sum(axis=(1, 2))
    jaccard = np.where(union > 0, common / np.where(union > 0, union, 1), 1.0)
    table = pd.DataFrame({
        "sample": np.arange(len(status)),
        "status": status.astype(str),
        "gap": gap,
        "objective": objective,
        "changes": np.where(solved, changes, -1),
        "jaccard": np.where(solved, jaccard, np.nan),
    }, columns=SAMPLE_COLUMNS)
    table["changes"] = table["changes"].astype("Int64").where(solved)

    confidence = plan.assignments[["region_code", "region_name", "theme_id",
                                   "theme_label"]].copy()
    rows = regions.get_indexer(pd.Index(confidence["region_code"]))
    columns = themes.get_indexer(pd.Index(confidence["theme_id"]))
    confidence["acceptability"] = shares[rows, columns]
    locked = locked_cells(plan)
    confidence["locked"] = [cell in locked for cell in zip(
        confidence["region_code"], confidence["theme_id"], strict=True)]
    return Robustness(
        plan=plan,
        acceptability=acceptability,
        confidence=confidence.reset_index(drop=True),
        samples=table,
        similarity=float(jaccard[solved].mean()) if solved.any() else math.nan,
        infeasible=int((status == "infeasible").sum()),
        limited=int((status == "limit").sum()),
        weight_spread=spread.weight_spread,
        value_noise=spread.value_noise,
        seed=spread.seed,
        seconds=seconds,
        workers=workers,
    )
