"""The sweep engine: many solves of one scenario on perturbed numbers, without rebuilding it.

The data is loaded and checked once and the model's arrays built once (:class:`SweepProblem`);
each worker (a process of a pool, a Dask worker, or this process) builds one HiGHS model of
the scenario (:func:`~jazari_planner.optimization.builder.build_model`, with the roadmap of
docs/model.md §10 when the scenario has one) the first time it meets the problem and keeps
it. For every sample it then changes only what the sample changes: the objective costs of the
``x`` columns, the strengths in the balance rows (``f_r + u_r − τ ≥ 0``), the
``min_strength`` closures (column bounds) and, with a roadmap, the early-opening term's
costs of the ``o[r,t,y]`` columns; it clears the previous solution and runs
HiGHS again. The model it solves is the one :func:`jazari_planner.solve` would build from the
same perturbed inputs (entry for entry without a roadmap; with one, the same rules and
objective, with the ``o`` columns of a closed cell held at 0 by ``x = Σ_y o`` rather than
left out), so the plan is the same; and since a sample's numbers come from ``(seed, i)`` alone
(:mod:`jazari_planner.analysis.perturbation`) and each run starts from a cleared solver, the result
does not depend on which worker solved which sample, nor in which order.

A roadmap's samples take a MIP start: the first :data:`PILOT_SAMPLES` the unperturbed plan,
every later one the best, on its own numbers, of the plan and the pilots' schedules. The
start changes how soon a sample's optimum is proven, not the optimum; and it depends on
the sample's index and the pilots' results alone, never on the workers or the chunks.

Executors: any :class:`concurrent.futures.Executor` (``client.get_executor()`` of Dask
``distributed`` beyond one machine); by default a process pool sized to the machine, or this
process alone when the work is small. Samples travel in chunks, so a worker reuses its model
over many of them.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..common.errors import JazariError, SolverLimitError
from ..data.dataset import STRENGTH_GROUPS, Dataset
from ..optimization import objective as obj
from ..optimization._highs_fast import improvement_heuristics, run_from_start, set_start
from ..optimization.model import ModelInputs
from ..optimization.phasing import PhasingInputs, plan_value
from ..optimization.solvers import highs_outcome, on_highs_thread
from ..scenario.schema import Scenario, SolverOptions
from ..scoring import arrays
from .inplace import in_place_model
from .perturbation import Factors, Spread, draw_factors, noise_scale

__all__ = [
    "STATUSES",
    "SweepError",
    "SweepProblem",
    "SweepResult",
    "default_jobs",
    "executor_for",
    "run_sweep",
    "solve_samples",
    "solve_scores",
    "sweep_problem",
]

#: A sample's status: a plan proven best, a plan stopped by the time limit, no plan possible,
#: or the time limit reached before any plan was found (counted, never dropped).
STATUSES: tuple[str, ...] = ("optimal", "feasible", "infeasible", "limit")

#: Below this many seconds of solving (samples × one solve), starting worker processes costs
#: more than it saves: the sweep runs in this process.
SERIAL_SECONDS = 2.0
#: Most samples per task: enough to reuse a worker's model, few enough for a smooth progress bar.
MAX_CHUNK = 25

Progress = Callable[[int, int], None]
#: One solve's status, gap, objective and chosen cells (region × theme).
Outcome = tuple[str, float, float, NDArray[np.bool_]]
#: A solve's outcome and its schedule (each cell's opening year, region × theme; 0: not opened).
Solved = tuple[Outcome, NDArray[np.int64]]
#: A roadmap's first samples, each started from the unperturbed plan. Every later sample starts
#: from the best, on its own numbers, of the plan and their schedules: nearer its optimum than
#: the plan alone, so proved sooner (benchmarks/README.md, "Issue 23, eighth pass"). A fixed
#: count, so that no sample's start depends on how many samples, workers or chunks there are.
PILOT_SAMPLES = 24


class SweepError(JazariError):
    """A sweep cut short: a worker died or failed (exit code 6). Nothing is written."""

    exit_code = 6


@dataclass(frozen=True, eq=False)
class SweepProblem:
    """What a worker needs to solve any sample of a sweep: plain arrays, picklable, small.

    ``inputs`` are the unperturbed model inputs (the rules never change); ``values`` the raw
    region × catalogue-indicator values and ``noise`` each one's noise multiplier ``m`` (from
    its confidence); ``profiles`` the theme × catalogue-indicator weights;
    ``group_weights`` ``w_g`` in ``STRENGTH_GROUPS`` order (0 where the scenario lists none);
    ``strength_columns`` the catalogue positions of the indicators that enter a strength,
    ``strength_flip`` which of them run ``lower``, ``strength_group`` their group's position,
    ``strength_sector`` (theme × them) the themes' sector measures, ``aggregation`` how the
    sector and the capability parts combine (docs/model.md §2);
    ``need_columns`` and ``need_weights`` the scenario's signed need weights ``u_k``;
    ``phasing`` the roadmap's rules (``None`` without one); ``start`` (a roadmap's only)
    the unperturbed plan's opening year per region × theme (0: not chosen), the pilot
    samples' MIP start and a candidate start of every later one. ``key`` names the problem
    in a worker's model cache.
    """

    key: str
    inputs: ModelInputs
    spread: Spread
    options: SolverOptions
    normalization: arrays.Normalization
    aggregation: arrays.Aggregation
    values: NDArray[np.float64]
    noise: NDArray[np.float64]
    profiles: NDArray[np.float64]
    group_weights: NDArray[np.float64]
    strength_columns: NDArray[np.intp]
    strength_flip: NDArray[np.bool_]
    strength_group: NDArray[np.intp]
    strength_sector: NDArray[np.bool_]
    need_columns: NDArray[np.intp]
    need_weights: NDArray[np.float64]
    phasing: PhasingInputs | None = None
    start: NDArray[np.int64] | None = None

    def factors(self, sample: int) -> Factors:
        """Sample ``sample``'s multipliers
        (:func:`jazari_planner.analysis.perturbation.draw_factors`)."""
        return draw_factors(self.spread, sample, themes=len(self.inputs.themes),
                            regions=len(self.inputs.regions), scale=self.noise)

    def scores(self, sample: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Sample ``sample``'s strengths ``s[r,t]`` and need ``n[r]``, on arrays.

        The same operations, in the same order, as :func:`jazari_planner.scoring.strengths.strength`
        and :func:`~jazari_planner.scoring.strengths.need_index` on the sample's perturbed inputs.
        """
        factors = self.factors(sample)
        group = np.array([w * f for w, f in zip(self.group_weights.tolist(),
                                                factors.group.tolist(), strict=True)])
        return self.scores_of(self.values * factors.values,
                              profiles=self.profiles * factors.profile, group_weights=group)

    def scores_of(self, values: NDArray[np.float64], *,
                  profiles: NDArray[np.float64] | None = None,
                  group_weights: NDArray[np.float64] | None = None
                  ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The strengths and need of the raw ``values`` (region × catalogue indicator), with
        the problem's own profile and group weights unless others are given."""
        profiles = self.profiles if profiles is None else profiles
        group = self.group_weights if group_weights is None else group_weights
        if len(self.strength_columns):
            weights = profiles[:, self.strength_columns] * group[self.strength_group]
            z = arrays.normalize_array(values[:, self.strength_columns],
                                        method=self.normalization, flip=self.strength_flip)
            strength = arrays.strength_array(z, weights, sector=self.strength_sector,
                                             aggregation=self.aggregation)
        else:
            strength = np.zeros(self.inputs.strength.shape)
        if len(self.need_columns):
            z_need = arrays.normalize_array(values[:, self.need_columns],
                                             method=self.normalization)
            need = arrays.need_array(z_need, self.need_weights)
        else:
            need = np.zeros(len(self.inputs.regions))
        return strength, need


def sweep_problem(scenario: Scenario, dataset: Dataset, inputs: ModelInputs, *,
                  spread: Spread, phasing: PhasingInputs | None = None,
                  start: Mapping[tuple[str, str], int] | None = None) -> SweepProblem:
    """The arrays of a sweep of ``scenario`` on ``dataset`` (``inputs``: its model inputs,
    ``phasing``: its roadmap's, as :attr:`Plan.phasing <jazari_planner.results.plan.Plan.phasing>`).

    ``start`` (a roadmap's: each chosen cell's opening year, the unperturbed plan's
    schedule) is the samples' MIP start (:func:`run_sweep` says which). The sweep always
    runs HiGHS in-process, with the scenario's time limit and gap. Raises
    :class:`ValueError` when the scenario has a roadmap and ``phasing`` is not given.
    """
    if (scenario.phasing is None) != (phasing is None):
        raise ValueError("give the scenario's roadmap as phasing= (plan.phasing) exactly when "
                         "it has a phasing: block")
    from ..scoring import strengths as scoring  # pandas: imported here, so a worker never loads it
    catalogue = dataset.catalogue
    position = {str(k): j for j, k in enumerate(catalogue.index)}
    base_weights = scoring.strength_weights(dataset, scenario.weights)
    used = [str(k) for k in base_weights.columns if (base_weights[k] > 0).any()]
    group_of = catalogue["group"]
    need = {str(k): float(u) for k, u in scenario.need.items() if u != 0}
    options = scenario.solver.model_copy(update={"name": "highs"})
    return SweepProblem(
        key=uuid.uuid4().hex,
        inputs=inputs,
        spread=spread,
        options=options,
        normalization=scenario.normalization,
        aggregation=scenario.aggregation,
        values=dataset.values().to_numpy(dtype=float),
        noise=noise_scale(dataset),
        profiles=dataset.profiles.astype(float).to_numpy(),
        group_weights=np.array([float(scenario.weights.get(g, 0.0))  # type: ignore[call-overload]
                                for g in STRENGTH_GROUPS]),
        strength_columns=np.array([position[k] for k in used], dtype=np.intp),
        strength_flip=catalogue["direction"].reindex(used).eq("lower").to_numpy(dtype=bool),
        strength_group=np.array([STRENGTH_GROUPS.index(str(group_of[k])) for k in used],
                                dtype=np.intp),
        strength_sector=scoring.sector_mask(dataset, catalogue.index[[position[k] for k in used]]),
        need_columns=np.array([position[k] for k in need], dtype=np.intp),
        need_weights=np.array(list(need.values()), dtype=float),
        phasing=phasing,
        start=None if start is None or phasing is None else np.array(
            [[start.get((r, t), 0) for t in inputs.themes] for r in inputs.regions],
            dtype=np.int64),
    )


# --------------------------------------------------------------------------- one worker


class _WorkerModel:
    """One HiGHS model of a problem's scenario, changed in place for each sample.

    Built with every rule-5 closure left out, so every cell has its ``x`` column (and, with
    a roadmap, its ``o`` columns): a sample closes cells through their bounds.
    """

    def __init__(self, problem: SweepProblem) -> None:
        inputs = problem.inputs
        loaded = in_place_model(inputs, problem.phasing, problem.options)
        self.problem = problem
        self.loaded = loaded
        self.highs: Any = loaded.highs
        self.columns = loaded.columns
        self.locked_in = inputs.chosen(inputs.lock_in).astype(bool)
        self.lower = np.zeros(len(self.columns))
        # a roadmap's samples start from a plan: the unperturbed plan, or the best of the
        # candidates the sweep gives (run_sweep: the pilot samples' schedules)
        self.plan_opening = problem.start if problem.phasing is not None else None

    def solve(self, sample: int, starts: NDArray[np.int64] | None = None) -> Solved:
        """Sample ``sample``: its outcome (status, gap, objective ``z``, chosen cells) and
        its schedule (each cell's opening year, 0 where it does not open or without a
        roadmap), started from the best of the plan and ``starts`` (schedules, as the plan's).

        With a roadmap ``z`` is the plan's own objective: §3's, plus the early-opening term
        of the sample's schedule (on the sample's strengths).
        """
        return self.solve_scores(*self.problem.scores(sample), starts=starts)

    def solve_scores(self, strength: NDArray[np.float64], need: NDArray[np.float64], *,
                     starts: NDArray[np.int64] | None = None) -> Solved:
        """The model solved on these strengths and need, every rule as the problem's, as
        :meth:`solve` gives it."""
        problem, highs, inputs = self.problem, self.highs, self.problem.inputs
        n = len(self.columns)
        shape = strength.shape
        weights = obj.fit_weights(need, balance=inputs.balance, equity=inputs.equity)
        highs.changeColsCost(n, self.columns, -(weights[:, None] * strength).ravel())
        is_open = self.locked_in | (strength >= inputs.min_strength)
        highs.changeColsBounds(n, self.columns, self.lower, is_open.ravel().astype(float))
        phasing = problem.phasing
        self.loaded.set_strength(strength, phasing)
        highs.clearSolver()
        start = self._best_start(strength, need, is_open, starts)
        if start is not None:
            set_start(highs, self.loaded.start_values(start, phasing))
        elif self.plan_opening is not None:  # none is a plan here: HiGHS repairs or drops it
            set_start(highs, self.loaded.start_values(self.plan_opening, phasing))
        # with a plan of the sample's own model in hand the search spends its time on the bound
        improvement_heuristics(highs, on=start is None)
        run_status = run_from_start(highs) if self.plan_opening is not None else highs.run()
        none_chosen, none_opened = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=np.int64)
        try:
            status, gap = highs_outcome(highs, problem.options, run_status=run_status)
        except SolverLimitError:
            return ("limit", math.nan, math.nan, none_chosen), none_opened
        if status == "infeasible":
            return (status, math.nan, math.nan, none_chosen), none_opened
        solution = np.asarray(highs.getSolution().col_value)
        chosen = (solution[self.columns] > 0.5).reshape(shape)
        opening = (none_opened if phasing is None
                   else self.loaded.opening_years(solution, phasing))
        z = plan_value(inputs, chosen, opening, phasing, strength=strength, need=need)
        return (status, math.nan if gap is None else gap, z, chosen), opening

    def _best_start(self, strength: NDArray[np.float64], need: NDArray[np.float64],
                    is_open: NDArray[np.bool_], starts: NDArray[np.int64] | None
                    ) -> NDArray[np.int64] | None:
        """The best, on this sample's strengths and need, of the plan and ``starts`` that are
        still plans of the sample's model (only closures can rule one out: the rules are the
        problem's), the first of equals; ``None`` when there is none (or no roadmap)."""
        if self.plan_opening is None:
            return None
        problem = self.problem
        return max((year for year in [self.plan_opening, *(() if starts is None else starts)]
                    if is_open[year > 0].all()),
                   key=lambda year: plan_value(problem.inputs, year > 0, year, problem.phasing,
                                               strength=strength, need=need),
                   default=None)


_local = threading.local()


def _worker_model(problem: SweepProblem) -> _WorkerModel:
    """This thread's model of ``problem``, built on first use (the last problem only is kept)."""
    cached: _WorkerModel | None = getattr(_local, "model", None)
    if cached is None or cached.problem.key != problem.key:
        cached = _WorkerModel(problem)
        _local.model = cached
    return cached


@dataclass(frozen=True, eq=False)
class ChunkResult:
    """The outcomes of some samples: their indices, statuses, gaps, objectives, choices and
    schedules (each cell's opening year; all 0 without a roadmap)."""

    indices: NDArray[np.int64]
    status: NDArray[np.int8]
    gap: NDArray[np.float64]
    objective: NDArray[np.float64]
    chosen: NDArray[np.bool_]
    opening: NDArray[np.int64]


def solve_scores(problem: SweepProblem, strength: NDArray[np.float64],
                 need: NDArray[np.float64]) -> Outcome:
    """``problem``'s model solved in place on these strengths and need (region × theme, per
    region), on one of the planner's HiGHS threads: an analysis that asks many what-ifs of
    one scenario (the data stakes of docs/model.md §13) re-solves one model, not many."""
    return on_highs_thread(lambda: _worker_model(problem).solve_scores(strength, need)[0])


def solve_samples(problem: SweepProblem, indices: Sequence[int],
                  starts: NDArray[np.int64] | None = None) -> ChunkResult:
    """Solve the samples ``indices`` of ``problem`` in this worker (the task an executor runs),
    a roadmap's each started from the best of its plan and the schedules ``starts``.

    They run on one of the planner's own HiGHS threads (:func:`~.solvers.on_highs_thread`),
    each of which keeps its own model of the problem.
    """
    return on_highs_thread(_solve_here, problem, tuple(indices), starts)


def _solve_here(problem: SweepProblem, indices: tuple[int, ...],
                starts: NDArray[np.int64] | None) -> ChunkResult:
    model = _worker_model(problem)
    solved = [model.solve(i, starts) for i in indices]
    outcomes = [outcome for outcome, _ in solved]
    shape = (len(indices), *problem.inputs.strength.shape)
    return ChunkResult(
        indices=np.asarray(indices, dtype=np.int64),
        status=np.array([STATUSES.index(o[0]) for o in outcomes], dtype=np.int8),
        gap=np.array([o[1] for o in outcomes], dtype=float),
        objective=np.array([o[2] for o in outcomes], dtype=float),
        chosen=np.array([o[3] for o in outcomes], dtype=bool).reshape(shape),
        opening=np.array([opening for _, opening in solved], dtype=np.int64).reshape(shape),
    )


# --------------------------------------------------------------------------- the whole sweep


@dataclass(frozen=True, eq=False)
class SweepResult:
    """Every sample's outcome, by sample index: ``status`` (one of :data:`STATUSES`), ``gap``
    and ``objective`` (NaN without a plan), ``chosen`` (samples × regions × themes), and the
    wall-clock ``seconds`` and ``workers`` of the run."""

    status: NDArray[np.str_]
    gap: NDArray[np.float64]
    objective: NDArray[np.float64]
    chosen: NDArray[np.bool_]
    seconds: float
    workers: int


def _chunks(indices: range, workers: int) -> list[tuple[int, ...]]:
    """The sample ``indices`` in runs of up to :data:`MAX_CHUNK`, about eight per worker."""
    size = max(1, min(MAX_CHUNK, math.ceil(len(indices) / (8 * max(1, workers)))))
    return [tuple(indices[k:k + size]) for k in range(0, len(indices), size)]


def default_jobs(samples: int, solve_seconds: float) -> int:
    """How many processes a sweep uses by default: the machine's cores, or 1 for small work."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not cores or cores <= 1 or samples * max(solve_seconds, 0.0) < SERIAL_SECONDS:
        return 1
    return min(cores, samples)


def _ignore_interrupts() -> None:
    """A pool worker leaves Ctrl-C to the parent, which stops the pool as a whole."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, none a copy of its parent (nor of its solver threads).

    Where the platform has one (Linux, macOS), they are forked from multiprocessing's
    ``forkserver``: a clean process, started at the first pool and kept for the life of this
    one, that imports this module and the main script once; each worker then starts in
    milliseconds instead of importing them again (``spawn``, the fallback elsewhere).
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context: Any = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", __name__])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_ignore_interrupts)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: pending tasks cancelled, worker processes ended, none left behind."""
    processes = list(getattr(pool, "_processes", {}).values())  # no public handle before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


@contextmanager
def executor_for(executor: Executor | None, jobs: int) -> Iterator[Executor | None]:
    """The executor to use: ``executor``, else a pool of ``jobs`` processes made here and
    stopped at the end (at once, its processes ended, on an error or Ctrl-C), else ``None``
    (``jobs`` 1: this process)."""
    if executor is not None or jobs <= 1:
        yield executor
        return
    pool = process_pool(jobs)
    try:
        yield pool
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)


def run_sweep(problem: SweepProblem, samples: int, *, executor: Executor | None = None,
              jobs: int = 1, progress: Progress | None = None) -> SweepResult:
    """Solve samples ``0 … samples − 1`` of ``problem``; ``progress(done, total)`` as they end.

    A roadmap's first :data:`PILOT_SAMPLES` are solved first, from the unperturbed plan; the
    others then start from the best of it and the pilots' schedules (the same start
    wherever they run).

    ``executor`` runs the chunks (any :class:`concurrent.futures.Executor`); without one,
    ``jobs`` processes of a pool made here do, or this process when ``jobs`` is 1. Ctrl-C
    stops a pool made here with its processes; a worker that dies or fails raises
    :class:`SweepError`.
    """
    started = time.perf_counter()
    report = progress or (lambda _done, _total: None)
    # a roadmap's pilots first: the later samples start from their schedules too
    pilots = min(samples, PILOT_SAMPLES) if problem.start is not None else samples
    with executor_for(executor, jobs) as runner:
        workers = (1 if runner is None
                   else jobs if executor is None else _executor_workers(executor, jobs))

        def run(indices: range, starts: NDArray[np.int64] | None) -> list[ChunkResult]:
            def done(count: int, _total: int) -> None:
                report(indices.start + count, samples)
            if runner is None:
                results = []
                for index in indices:
                    results.append(solve_samples(problem, (index,), starts))
                    done(len(results), len(indices))
                return results
            return _run_chunks(runner, problem, _chunks(indices, workers), starts, done)

        results = run(range(pilots), None)
        if pilots < samples:
            results += run(range(pilots, samples), _pilot_schedules(results, problem))
    return _merge(results, samples, problem, time.perf_counter() - started, workers)


def _pilot_schedules(results: list[ChunkResult], problem: SweepProblem) -> NDArray[np.int64]:
    """The distinct schedules of the pilot samples that have a plan, in sample order, the
    unperturbed plan's left out: the same whichever worker solved which pilot."""
    shape = problem.inputs.strength.shape
    by_sample = sorted((int(i), chunk.status[k], chunk.opening[k]) for chunk in results
                       for k, i in enumerate(chunk.indices))
    schedules: list[NDArray[np.int64]] = []
    seen = [] if problem.start is None else [problem.start]
    solved = (STATUSES.index("optimal"), STATUSES.index("feasible"))
    for _, status, opening in by_sample:
        if status in solved and not any(np.array_equal(opening, other) for other in seen):
            schedules.append(opening)
            seen.append(opening)
    return np.array(schedules, dtype=np.int64).reshape(len(schedules), *shape)


def _executor_workers(executor: Executor, jobs: int) -> int:
    """How many tasks ``executor`` runs at once, as far as it says (for the chunk size)."""
    count = getattr(executor, "_max_workers", None)
    if isinstance(count, int) and count > 0:
        return count
    client = getattr(executor, "_client", None)
    if client is not None:
        try:
            return max(1, int(sum(client.nthreads().values())))
        except Exception:  # a client that cannot answer: fall back to the given count
            return max(1, jobs)
    return max(1, jobs)


def _run_chunks(runner: Executor, problem: SweepProblem, chunks: list[tuple[int, ...]],
                starts: NDArray[np.int64] | None, report: Progress) -> list[ChunkResult]:
    samples = sum(len(chunk) for chunk in chunks)
    futures: dict[Future[ChunkResult], tuple[int, ...]] = {
        runner.submit(solve_samples, problem, chunk, starts): chunk for chunk in chunks}
    done = 0
    results: list[ChunkResult] = []
    try:
        for future in as_completed(futures):
            try:
                results.append(future.result())
            except BrokenProcessPool as error:
                raise SweepError(
                    "a worker process died (killed, or out of memory) while solving samples "
                    f"{futures[future][0]}–{futures[future][-1]}; the sweep stopped and nothing "
                    "was written. Run it again, with fewer --jobs if memory is short (a "
                    "Python script that starts a sweep on a process pool must do so under "
                    "`if __name__ == \"__main__\":`, as for any process pool)") from error
            except (JazariError, KeyboardInterrupt):
                raise
            except Exception as error:
                raise SweepError(
                    f"a worker failed while solving samples {futures[future][0]}–"
                    f"{futures[future][-1]} ({type(error).__name__}: {error}); the sweep "
                    "stopped and nothing was written") from error
            done += len(futures[future])
            report(done, samples)
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    return results


def _merge(results: list[ChunkResult], samples: int, problem: SweepProblem, seconds: float,
           workers: int) -> SweepResult:
    shape = problem.inputs.strength.shape
    status = np.empty(samples, dtype=np.int8)
    gap = np.full(samples, math.nan)
    objective = np.full(samples, math.nan)
    chosen = np.zeros((samples, *shape), dtype=bool)
    for chunk in results:
        status[chunk.indices] = chunk.status
        gap[chunk.indices] = chunk.gap
        objective[chunk.indices] = chunk.objective
        chosen[chunk.indices] = chunk.chosen
    return SweepResult(status=np.array(STATUSES)[status], gap=gap, objective=objective,
                       chosen=chosen, seconds=seconds, workers=workers)
