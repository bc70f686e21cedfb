"""What each analysis costs on a roadmap (docs/model.md §7–10): the national 2025–2030 case.

    python benchmarks/bench_roadmap_analyses.py           # the four targets, HiGHS and CBC
    python benchmarks/bench_roadmap_analyses.py --quick   # smoke run: 1 alternative, 4 samples
    python benchmarks/bench_roadmap_analyses.py --samples 200 --jobs 2 --points 3
    python benchmarks/bench_roadmap_analyses.py --solvers highs --json roadmap-analyses.json

On ``scenarios/roadmap-2030.yaml`` (embedded data, already loaded) it prints the four figures
of issue 23's targets directly: a roadmap re-solve (the median of ``--repeats`` ``jp.solve``
runs, and the median of as many runs of the plan's own model from the plan as a MIP start),
the replacement cost of every pair of the plan (total), ``--alternatives`` alternatives
(total) and ``--samples`` robustness samples (total; the in-place sweep engine, every sample
started from the plan, ``--jobs`` processes; CPU seconds only with one); then the frontier
(``--points`` levels). Each solver of ``--solvers`` (the scenario's own ``solver:`` block
with its name replaced) runs every analysis, the solvers alternating and the first one
changing from one analysis to the next, so that the load of a shared machine hits them
alike; the sweep is HiGHS in place whatever the solver, so it runs once. Every figure is
wall-clock and CPU seconds (this process and its children: CBC's runs are a child process
each) and the load average is printed before and after: on a shared machine the CPU seconds
and the ratios between solvers are the steadier numbers. Every plan's objective is checked
against the first solver's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jazari_planner as jp
from jazari_planner.analysis.perturbation import Spread
from jazari_planner.analysis.sweep import run_sweep, sweep_problem
from jazari_planner.inputs.resolve import resolve
from jazari_planner.optimization.builder import build_model
from jazari_planner.optimization.solvers import solve_model

ROOT = Path(__file__).resolve().parents[1]
ROADMAP = ROOT / "scenarios" / "roadmap-2030.yaml"
#: Issue 23's targets on a quiet 2-core machine, seconds.
TARGETS = {"re-solve, median": 0.3, "replacement costs, total": 8.0,
           "robustness samples, total": 60.0, "alternatives, total": 3.0}


def cpu_seconds() -> float:
    """CPU seconds of this process (every thread) and of its finished children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """``(wall seconds, CPU seconds, result)`` of ``work()``."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = work()
    return time.perf_counter() - wall, cpu_seconds() - cpu, result


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (5 min {five:.1f})"


def with_solver(scenario: jp.Scenario, name: str) -> jp.Scenario:
    return scenario.model_copy(update={"solver": scenario.solver.model_copy(
        update={"name": name})})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solvers", nargs="+", default=["highs", "cbc"],
                        choices=["highs", "cbc"])
    parser.add_argument("--repeats", type=int, default=5,
                        help="re-solves of the plan (the median is the re-solve time)")
    parser.add_argument("--alternatives", type=int, default=5)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes of the robustness sweep")
    parser.add_argument("--points", type=int, default=3, help="frontier levels (0: none)")
    parser.add_argument("--quick", action="store_true",
                        help="2 repeats, 1 alternative, 4 samples in this process, no frontier")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.alternatives, args.samples, args.jobs, args.points = 2, 1, 4, 1, 0
    started_load = load()
    base = jp.Scenario.from_yaml(ROADMAP)
    dataset = jp.load_dataset()
    scenarios = {name: with_solver(base, name) for name in args.solvers}
    plans = {name: jp.solve(s, dataset) for name, s in scenarios.items()}  # warm, and plans
    reference = plans[args.solvers[0]]
    resolved = resolve(base, dataset)
    rows: list[dict[str, Any]] = []

    print(f"roadmap-2030.yaml; load average {started_load} at the start")
    print(f"{'figure':<42} {'solver':<24} {'solves':>6} {'wall s':>8} {'CPU s':>8} "
          f"{'target s':>8}", flush=True)

    def record(figure: str, solver: str, count: int, wall: float, cpu: float | None) -> None:
        rows.append({"figure": figure, "solver": solver, "solves": count, "wall": wall,
                     "cpu": cpu})
        target = TARGETS.get(figure)
        print(f"{figure:<42} {solver:<24} {count:>6} {wall:>8.2f} "
              f"{'—' if cpu is None else f'{cpu:.2f}':>8} "
              f"{'' if target is None else f'{target:.1f}':>8}", flush=True)

    def same(objective: float | None, what: str) -> None:
        if objective is None or abs(objective - float(reference.objective or 0)) > 1e-6:
            raise AssertionError(f"{what}: objective {objective} is not the plan's "
                                 f"{reference.objective}")

    def in_turn(turn: int) -> list[str]:
        shift = turn % len(args.solvers)
        return args.solvers[shift:] + args.solvers[:shift]

    # a re-solve: jp.solve from scratch, and the plan's own model from the plan (a MIP start)
    fresh: dict[str, list[tuple[float, float]]] = {name: [] for name in args.solvers}
    started: dict[str, list[tuple[float, float]]] = {name: [] for name in args.solvers}
    for turn in range(args.repeats):
        for name in in_turn(turn):
            wall, cpu, plan = timed(lambda n=name: jp.solve(scenarios[n], dataset))
            same(plan.objective, f"jp.solve with {name}")
            fresh[name].append((wall, cpu))
            built = build_model(resolved.inputs, resolved.phasing)
            start = built.start(reference.cells, reference.opening)
            wall, cpu, result = timed(lambda n=name, b=built, s=start: solve_model(
                b.model, scenarios[n].solver, start=s, start_is_plan=True))
            same(built.plan_objective(result), f"the re-solve from the plan with {name}")
            started[name].append((wall, cpu))
    for name in args.solvers:
        record("re-solve, median", name, 1, statistics.median(w for w, _ in fresh[name]),
               statistics.median(c for _, c in fresh[name]))
        record("re-solve from the plan, median", name, 1,
               statistics.median(w for w, _ in started[name]),
               statistics.median(c for _, c in started[name]))

    costs: dict[str, Any] = {}
    for name in in_turn(1):
        wall, cpu, costs[name] = timed(lambda n=name: jp.replacement_cost(plans[n]))
        record("replacement costs, total", name, len(costs[name]), wall, cpu)
    first = costs[args.solvers[0]]["cost_percent"].fillna(-1.0).to_numpy()
    for name, table in costs.items():
        if abs(table["cost_percent"].fillna(-1.0).to_numpy() - first).max() > 1e-3:
            raise AssertionError(f"replacement costs with {name} differ")

    for name in in_turn(2):
        wall, cpu, found = timed(lambda n=name: jp.alternatives(plans[n],
                                                                n=args.alternatives))
        record("alternatives, total", name, len(found), wall, cpu)

    spread = Spread(seed=0)
    problem = sweep_problem(base, dataset, reference.inputs, spread=spread,
                            phasing=reference.phasing, start=reference.opening)
    wall, cpu, swept = timed(lambda: run_sweep(problem, args.samples, jobs=args.jobs))
    if set(swept.status) != {"optimal"}:
        raise AssertionError(f"sweep statuses {sorted(set(swept.status))}")
    # a pool's workers are the forkserver's children, not ours: their CPU is not counted
    record("robustness samples, total", f"highs in place, {args.jobs} job(s)", args.samples,
           wall, cpu if args.jobs == 1 else None)

    if args.points:
        for name in in_turn(3):
            wall, cpu, frontier = timed(lambda n=name: jp.frontier(scenarios[n], dataset,
                                                                   points=args.points))
            record(f"frontier, {args.points} levels ({len(frontier.plans)} points)", name,
                   args.points + 2, wall, cpu)

    print(f"load average {load()} at the end")
    if len(args.solvers) > 1:
        one, other = args.solvers[0], args.solvers[1]
        for figure in ("re-solve, median", "re-solve from the plan, median",
                       "replacement costs, total", "alternatives, total"):
            a = next(r for r in rows if r["figure"] == figure and r["solver"] == one)
            b = next(r for r in rows if r["figure"] == figure and r["solver"] == other)
            print(f"{figure}: {other} ÷ {one} = {b['wall'] / a['wall']:.2f} wall, "
                  f"{b['cpu'] / a['cpu']:.2f} CPU")
    if args.json:
        args.json.write_text(json.dumps({
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": platform.platform(), "python": platform.python_version(),
            "load_start": started_load, "load_end": load(), "rows": rows,
        }, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
