"""Build-and-solve time of the planning MILP: PuLP + HiGHS, PuLP + CBC, and ``highspy`` direct.

    python benchmarks/bench_solve.py                 # national scenarios + 75×20, ~1 min
    python benchmarks/bench_solve.py --quick         # a smoke run, a few seconds
    python benchmarks/bench_solve.py --large         # adds 150×30 and 300×40 (+ ~1 min)
    python benchmarks/bench_solve.py --repeat 100 --json bench.json

Every path starts from the same ``ModelInputs`` (scoring, common to all, is timed apart).
The from-files case starts from a scenario file instead: ``jp.solve`` on
``Scenario.from_yaml`` (its data files read for the first time, then cached) against
``files_direct.solve_files``, which reads the same files and solves the same MILP with arrays.
The floor is the identical MILP passed to ``highspy`` with numpy arrays (``highs_direct.py``),
with the same threads, gap and time limit; each run asserts the same optimum (1e-6).
Runs of the paths are interleaved so that machine noise hits them alike; figures are medians.
Each PuLP run is split into: model (``create_model``), translation (PuLP → solver: HiGHS's
``buildSolverModel``, CBC's MPS file), solver run, and read-back (the rest of ``solve_model``).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pulp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from files_direct import solve_files
from highs_direct import build_direct, read_solution, solve_direct

import jazari_planner as jp
from jazari_planner.data import loading as data
from jazari_planner.data.dataset import Dataset
from jazari_planner.optimization import solvers
from jazari_planner.optimization._highs_fast import MIP_TOLERANCES, BatchHiGHS
from jazari_planner.optimization.model import ModelInputs
from jazari_planner.scenario.schema import SolverOptions
from jazari_planner.testing.synthetic import synthetic_dataset

OBJECTIVE_TOLERANCE = 1e-6
TARGET_RATIO = 1.5
#: Scoring (``build_inputs``) is common to every path: timed apart, median of this many runs.
SCORING_RUNS = 7
PHASES = ("model", "translate", "solver", "read")

#: The national scenarios of the brief: default, pure strength, pure balance with need, the
#: balance term over the three worst-served regions (revision 2), budget.
NEED = {"unemployment_rate": 1.0, "poverty_rate": 1.0, "illiteracy_rate": 0.5,
        "gdp_per_capita": -1.0}
NATIONAL = [
    jp.Scenario(name="default (λ 0.3)"),
    jp.Scenario(name="balance 0", balance=0.0),
    jp.Scenario(name="balance 1, need, equity 1", balance=1.0, equity=1.0, need=NEED),
    jp.Scenario(name="balance 0.8, focus 3", balance=0.8, balance_focus=3),
    jp.Scenario(name="budget 1800", budget=1800.0),
]
SYNTHETIC = [jp.Scenario(name="default (λ 0.3)"), jp.Scenario(name="balance 0", balance=0.0)]
#: A shipped scenario that brings its own indicator file (the rest embedded).
FROM_FILES = Path(__file__).resolve().parent.parent / "scenarios" / "own-indicators.yaml"
FILE_PATHS = ("highspy direct, from files", "jp.solve, files read", "jp.solve, files cached")


@dataclass
class Instance:
    """One benchmark case: a dataset, a scenario, and how many runs it gets."""

    label: str
    dataset: Dataset
    scenario: jp.Scenario
    repeat: int
    cbc_repeat: int
    inputs: ModelInputs = field(init=False)
    scoring_seconds: float = field(init=False)

    def __post_init__(self) -> None:
        seconds = []
        for _ in range(SCORING_RUNS):
            started = time.perf_counter()
            self.inputs = jp.build_inputs(self.dataset, self.scenario)
            seconds.append(time.perf_counter() - started)
        self.scoring_seconds = statistics.median(seconds)


class PhaseClock:
    """Seconds per phase of the current run, fed by wrappers around solver methods."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def reset(self) -> None:
        self.seconds.clear()

    def wrap(self, owner: type, method: str, phase: str) -> Callable[[], None]:
        """Time every call of ``owner.method`` under ``phase``; returns the undo."""
        original = owner.__dict__[method]

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[phase] += time.perf_counter() - started

        setattr(owner, method, timed)
        return lambda: setattr(owner, method, original)


@contextlib.contextmanager
def instrumented(clock: PhaseClock) -> Iterator[None]:
    """Wrap PuLP's translation, solver-run and read-back steps with ``clock``."""
    undo = [
        clock.wrap(pulp.HiGHS, "createAndConfigureSolver", "translate"),
        clock.wrap(pulp.HiGHS, "buildSolverModel", "translate"),
        clock.wrap(BatchHiGHS, "buildSolverModel", "translate"),
        clock.wrap(pulp.HiGHS, "callSolver", "solver"),
        clock.wrap(BatchHiGHS, "callSolver", "solver"),
        clock.wrap(pulp.LpProblem, "writeMPS", "translate"),
        clock.wrap(pulp.COIN_CMD, "readsol_MPS", "read"),
    ]
    try:
        yield
    finally:
        for restore in reversed(undo):
            restore()


@contextlib.contextmanager
def highs_class(cls: type) -> Iterator[None]:
    """Make ``solve_model`` use ``cls`` as its PuLP HiGHS interface for the duration."""
    original = solvers._highs_solver

    def make(options: SolverOptions, start: object = None, start_is_plan: bool = False,
             met: object = None, *, cutoff: float | None = None) -> pulp.HiGHS:
        if start is not None or met is not None or cutoff is not None:  # none asked for here
            raise ValueError("highs_class: a MIP start, the solutions met or a cutoff are not "
                             "benchmarked")
        # the planner's tolerances on either interface, so that both solve the same problem
        solver = cls(msg=False, timeLimit=options.time_limit, gapRel=options.mip_gap,
                     threads=solvers.HIGHS_THREADS, **MIP_TOLERANCES)
        if not hasattr(solver, "run_status"):  # PuLP's own interface drops Highs.run's status
            solver.run_status = None
        return solver

    solvers._highs_solver = make
    try:
        yield
    finally:
        solvers._highs_solver = original


def run_pulp(instance: Instance, options: SolverOptions, clock: PhaseClock,
             interface: type = pulp.HiGHS) -> tuple[dict[str, float], float]:
    """One PuLP run: ``create_model`` then ``solve_model``; phase seconds and the objective."""
    clock.reset()
    gc.collect()
    started = time.perf_counter()
    model = jp.create_model(instance.inputs)
    built = time.perf_counter()
    with highs_class(interface):
        result = jp.solve_model(model, options)
    finished = time.perf_counter()
    if result.status != "optimal" or result.objective is None:
        raise RuntimeError(f"{instance.label}: {options.name} ended {result.status}")
    phases = {"model": built - started, "translate": clock.seconds["translate"],
              "solver": clock.seconds["solver"]}
    # CBC's solver phase is the subprocess: the solve minus writing and reading its files.
    if options.name == "cbc":
        phases["solver"] = (finished - built) - phases["translate"] - clock.seconds["read"]
    phases["read"] = (finished - built) - phases["translate"] - phases["solver"]
    phases["total"] = finished - started
    return phases, result.objective


def run_direct(instance: Instance, options: SolverOptions) -> tuple[dict[str, float], float]:
    """One direct ``highspy`` run: arrays → ``Highs``, run, read the solution back."""
    gc.collect()
    started = time.perf_counter()
    highs, col = build_direct(instance.inputs, options)
    built = time.perf_counter()
    highs.run()
    ran = time.perf_counter()
    result = read_solution(highs, col, instance.inputs)
    finished = time.perf_counter()
    return ({"model": 0.0, "translate": built - started, "solver": ran - built,
             "read": finished - ran, "total": finished - started}, result.objective)


def check(instance: Instance, path: str, objective: float, reference: float) -> None:
    """Fail loudly if a path's optimum differs from the direct model's.

    HiGHS paths solve the identical model: within :data:`OBJECTIVE_TOLERANCE`, absolute.
    CBC is another solver, whose "optimal" is proven to its own tolerance: within
    :data:`jazari_planner.optimization.solvers.PROVEN_GAP`, relative (on 300×40 it stops ~7e-7
    short).
    """
    if path == "PuLP + CBC":
        tolerance = solvers.PROVEN_GAP * max(1.0, abs(reference))
    else:
        tolerance = OBJECTIVE_TOLERANCE
    if abs(objective - reference) > tolerance:
        raise AssertionError(f"{instance.label}: {path} objective {objective!r} differs from "
                             f"the direct highspy model's {reference!r} by more than "
                             f"{tolerance:g}")


PATHS = ("highspy direct", "PuLP + HiGHS", "PuLP + BatchHiGHS", "PuLP + CBC")


@dataclass
class Measured:
    """Median phase seconds per path, and each PuLP path's median paired ratio to the floor."""

    medians: dict[str, dict[str, float]]
    ratios: dict[str, float]


def bench(instance: Instance, clock: PhaseClock) -> Measured:
    """Time every path on ``instance``: a warm-up, then runs interleaved in rotating order.

    The ratio of a PuLP path is the median over runs of its time divided by the direct run's
    of the same round, which cancels most of the noise of a shared machine.
    """
    highs = instance.scenario.solver
    cbc = highs.model_copy(update={"name": "cbc"})
    runners: dict[str, Callable[[], tuple[dict[str, float], float]]] = {
        "PuLP + HiGHS": lambda: run_pulp(instance, highs, clock),  # first: swallows the banner
        "PuLP + BatchHiGHS": lambda: run_pulp(instance, highs, clock, BatchHiGHS),
        "highspy direct": lambda: run_direct(instance, highs),
    }
    for runner in runners.values():  # warm-up: imports, caches, HiGHS's thread pool
        runner()
    reference = solve_direct(instance.inputs, highs).objective
    samples: dict[str, list[dict[str, float]]] = defaultdict(list)
    order = list(runners)
    for i in range(max(instance.repeat, instance.cbc_repeat)):
        if i < instance.repeat:
            for path in order[i % 3:] + order[:i % 3]:
                phases, objective = runners[path]()
                check(instance, path, objective, reference)
                samples[path].append(phases)
        if i < instance.cbc_repeat:
            phases, objective = run_pulp(instance, cbc, clock)
            check(instance, "PuLP + CBC", objective, reference)
            samples["PuLP + CBC"].append(phases)
    medians = {path: {key: statistics.median(run[key] for run in runs) for key in runs[0]}
               for path, runs in samples.items()}
    floor = [run["total"] for run in samples["highspy direct"]]
    ratios = {path: statistics.median(run["total"] / base
                                      for run, base in zip(samples[path], floor, strict=True))
              for path in ("PuLP + HiGHS", "PuLP + BatchHiGHS")}
    return Measured(medians, ratios)


def bench_from_files(path: Path, repeat: int) -> Measured:
    """``jp.solve(Scenario.from_yaml(path))`` against :func:`files_direct.solve_files`.

    "files read": the dataset cache emptied before each run, so the data files are parsed and
    validated again (a first solve); "files cached": as every later solve of the same files.
    Rounds run the three paths in rotating order; each ratio is paired with its round's floor.
    """
    def first_read() -> tuple[float, float]:
        data._validated_files.cache_clear()
        return timed(lambda: jp.solve(jp.Scenario.from_yaml(path)).objective)

    runners: dict[str, Callable[[], tuple[float, float]]] = {
        FILE_PATHS[0]: lambda: timed(lambda: solve_files(path).objective),
        FILE_PATHS[1]: first_read,
        FILE_PATHS[2]: lambda: timed(lambda: jp.solve(jp.Scenario.from_yaml(path)).objective),
    }
    for runner in runners.values():
        runner()
    reference = solve_files(path)
    plan = jp.solve(jp.Scenario.from_yaml(path))
    chosen = frozenset(zip(plan.assignments["region_code"], plan.assignments["theme_id"],
                           strict=True))
    if chosen != reference.selection:
        raise AssertionError(f"{path.name}: jp.solve and the direct model chose different plans")
    samples: dict[str, list[float]] = defaultdict(list)
    order = list(runners)
    for i in range(repeat):
        for name in order[i % 3:] + order[:i % 3]:
            seconds, objective = runners[name]()
            if abs(objective - reference.objective) > OBJECTIVE_TOLERANCE:
                raise AssertionError(f"{path.name}: {name} objective {objective!r} differs from "
                                     f"the direct model's {reference.objective!r}")
            samples[name].append(seconds)
    medians = {name: {"total": statistics.median(runs)} for name, runs in samples.items()}
    ratios = {name: statistics.median(run / base for run, base in
                                      zip(samples[name], samples[FILE_PATHS[0]], strict=True))
              for name in FILE_PATHS[1:]}
    return Measured(medians, ratios)


def timed(run: Callable[[], float | None]) -> tuple[float, float]:
    """Seconds of ``run()`` (after a garbage collection) and the objective it returned."""
    gc.collect()
    started = time.perf_counter()
    objective = run()
    seconds = time.perf_counter() - started
    return seconds, float("nan") if objective is None else objective


def files_table(path: Path, measured: Measured) -> str:
    """The from-files case: the direct floor and ``jp.solve`` with and without the cache."""
    m, r = measured.medians, measured.ratios
    return "\n".join([
        f"| from files: `scenarios/{path.name}` | {FILE_PATHS[0]} (ms) | {FILE_PATHS[1]} (ms) "
        f"| ratio | {FILE_PATHS[2]} (ms) | ratio |",
        "|---|--:|--:|--:|--:|--:|",
        f"| scenario YAML + its CSV, embedded catalogue, themes, regions "
        f"| {ms(m[FILE_PATHS[0]]['total'])} | {ms(m[FILE_PATHS[1]]['total'])} "
        f"| {r[FILE_PATHS[1]]:.2f}× | {ms(m[FILE_PATHS[2]]['total'])} "
        f"| {r[FILE_PATHS[2]]:.2f}× |"])


def instances(args: argparse.Namespace) -> list[Instance]:
    """The national scenarios and the synthetic sizes this run covers."""
    national = jp.load_dataset()
    chosen = NATIONAL[:1] if args.quick else NATIONAL
    cases = [Instance(f"national 12×13, {s.name}", national, s, args.repeat, args.cbc_repeat)
             for s in chosen]
    sizes = [(75, 20)] + ([(150, 30), (300, 40)] if args.large else [])
    synthetic_repeat = max(1, min(args.repeat, args.synthetic_repeat))
    for n_regions, n_themes in sizes:
        data = synthetic_dataset(n_regions=n_regions, n_themes=n_themes, seed=0)
        for scenario in SYNTHETIC[:1] if args.quick else SYNTHETIC:
            cases.append(Instance(f"synthetic {n_regions}×{n_themes}, {scenario.name}", data,
                                  scenario, synthetic_repeat, min(args.cbc_repeat,
                                                                  synthetic_repeat)))
    return cases


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f}"


def size_of(instance: Instance) -> str:
    model = jp.create_model(instance.inputs).problem
    return f"{len(model.variables())} × {len(model.constraints())}"


def ratio_table(results: list[tuple[Instance, Measured]]) -> str:
    """PuLP paths against the direct highspy floor (median ms, build + solve, from inputs)."""
    lines = [
        "| instance | columns × rows | scoring (ms) | highspy direct (ms) | PuLP + HiGHS (ms) "
        "| ratio | PuLP + BatchHiGHS (ms) | ratio | PuLP + CBC (ms) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for instance, measured in results:
        medians = measured.medians
        lines.append(
            f"| {instance.label} | {size_of(instance)} | {ms(instance.scoring_seconds)} "
            f"| {ms(medians['highspy direct']['total'])} | {ms(medians['PuLP + HiGHS']['total'])} "
            f"| {measured.ratios['PuLP + HiGHS']:.2f}× "
            f"| {ms(medians['PuLP + BatchHiGHS']['total'])} "
            f"| {measured.ratios['PuLP + BatchHiGHS']:.2f}× "
            f"| {ms(medians['PuLP + CBC']['total'])} |")
    return "\n".join(lines)


def phase_table(results: list[tuple[Instance, Measured]]) -> str:
    """Where each path's time goes: median ms per phase and its share of the total."""
    lines = ["| instance | path | model | translate | solver run | read back | build share |",
             "|---|---|--:|--:|--:|--:|--:|"]
    for instance, measured in results:
        for path in PATHS:
            m = measured.medians[path]
            whole = sum(m[p] for p in PHASES)  # shares of the summed medians add up to 100%
            parts = [f"{ms(m[p])} ({m[p] / whole:.0%})" for p in PHASES]
            build = (m["model"] + m["translate"]) / whole
            lines.append(f"| {instance.label} | {path} | " + " | ".join(parts)
                         + f" | {build:.0%} |")
    return "\n".join(lines)


def end_to_end(runs: int) -> float:
    """Median seconds of the one-call ``jp.solve`` on the national data, default scenario."""
    data, scenario = jp.load_dataset(), NATIONAL[0]
    jp.solve(scenario, data)
    seconds = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        jp.solve(scenario, data)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def setting(args: argparse.Namespace, load_before: float) -> str:
    """Date, machine, versions, run counts and load: what a reader needs to weigh the figures."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f"_{when}; {platform.machine()}, {os.cpu_count()} cores (load average "
            f"{load_before:.1f} → {os.getloadavg()[0]:.1f}), Python "
            f"{platform.python_version()}, PuLP {version('pulp')}, highspy {version('highspy')}, "
            f"HiGHS threads {solvers.HIGHS_THREADS}; medians of {args.repeat} runs (national), "
            f"{min(args.repeat, args.synthetic_repeat)} (synthetic), {args.cbc_repeat} (CBC)._")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="HiGHS runs per national case")
    parser.add_argument("--cbc-repeat", type=int, default=15, help="CBC runs per case")
    parser.add_argument("--synthetic-repeat", type=int, default=10,
                        help="runs per synthetic case (capped by --repeat)")
    parser.add_argument("--quick", action="store_true",
                        help="5 runs, one national and one synthetic case (a smoke test)")
    parser.add_argument("--large", action="store_true", help="add 150×30 and 300×40")
    parser.add_argument("--json", type=Path, help="also write the medians to this JSON file")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.cbc_repeat, args.synthetic_repeat = 5, 3, 3
    clock = PhaseClock()
    results = []
    load_before = os.getloadavg()[0]
    with instrumented(clock):
        for instance in instances(args):
            print(f"… {instance.label} ({instance.repeat} runs)", file=sys.stderr, flush=True)
            results.append((instance, bench(instance, clock)))
    whole = end_to_end(min(args.repeat, 20))
    print(f"… from files: {FROM_FILES.name} ({args.repeat} runs)", file=sys.stderr, flush=True)
    from_files = bench_from_files(FROM_FILES, args.repeat)
    print("\n" + setting(args, load_before) + "\n")
    print(ratio_table(results))
    print()
    print(phase_table(results))
    print()
    print(files_table(FROM_FILES, from_files))
    national = [measured for instance, measured in results
                if instance.label.startswith("national")]
    for path in ("PuLP + HiGHS", "PuLP + BatchHiGHS"):
        worst = max(measured.ratios[path] for measured in national)
        verdict = "met" if worst <= TARGET_RATIO else "NOT met"
        print(f"\nNational plan, {path} vs highspy direct: at most {worst:.3f}× "
              f"(target {TARGET_RATIO}×): {verdict}.")
    print(f"\nEnd to end, `jp.solve(Scenario(name=...), data)` on the national data (scoring, "
          f"model, HiGHS, results and metrics): median {ms(whole)} ms.")
    for path in FILE_PATHS[1:]:
        ratio = from_files.ratios[path]
        verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
        print(f"From files, {path} vs highspy direct from the same files: {ratio:.2f}× "
              f"(target {TARGET_RATIO}×): {verdict}.")
    if args.json:
        payload = {"setting": setting(args, load_before), "end_to_end_seconds": whole, "cases": [
            {"instance": i.label, "scoring_seconds": i.scoring_seconds,
             "medians": m.medians, "ratios": m.ratios} for i, m in results],
            "from_files": {"scenario": FROM_FILES.name, "medians": from_files.medians,
                           "ratios": from_files.ratios}}
        args.json.write_text(json.dumps(payload, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
