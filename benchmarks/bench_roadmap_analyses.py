"""What each analysis costs on a roadmap (docs/model.md §7–10): the national 2025–2030 case.

    python benchmarks/bench_roadmap_analyses.py             # 11 levels, 5 alternatives, 20 samples
    python benchmarks/bench_roadmap_analyses.py --quick     # a smoke run: 3 levels, 1, 4 samples
    python benchmarks/bench_roadmap_analyses.py --json roadmap-analyses.json
    python benchmarks/bench_roadmap_analyses.py --samples 200 --alternatives 5 --points 3

On ``scenarios/roadmap-2030.yaml`` (embedded data, HiGHS, already loaded) it times the plan
itself (``jp.solve``: the reference every other figure is divided by), the frontier
(``--points`` levels: ``points + 2`` phased solves and one scheduling solve per point), the
alternatives (``--alternatives``), the replacement cost of every pair of the plan (one
phased solve each) and a robustness sweep in this process (``--samples``; the in-place
engine, every sample started from the plan: a MIP start); then the first ``--fresh``
samples once more in place and by ``jp.solve`` from scratch on their perturbed inputs (the
same plans: their objectives are checked to 1e-9), since one sample's time varies
several-fold from another's. Figures on a shared machine are noisy: the ratios to the
plan's own solve, measured in the same run, are the steadier numbers.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jazari_planner as jp
from jazari_planner.analysis.perturbation import Spread, perturbed_inputs
from jazari_planner.analysis.sweep import run_sweep, solve_samples, sweep_problem

ROOT = Path(__file__).resolve().parents[1]
ROADMAP = ROOT / "scenarios" / "roadmap-2030.yaml"


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=11)
    parser.add_argument("--alternatives", type=int, default=5)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--fresh", type=int, default=5,
                        help="samples also solved from scratch by jp.solve")
    parser.add_argument("--repeats", type=int, default=3,
                        help="solves of the plan itself (the median is the re-solve time)")
    parser.add_argument("--quick", action="store_true", help="3 levels, 1 alternative, 4 samples")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.quick:
        args.points, args.alternatives, args.samples, args.fresh = 3, 1, 4, 2
    scenario = jp.Scenario.from_yaml(ROADMAP)
    dataset = jp.load_dataset()
    jp.solve(scenario, dataset)  # warm: imports, HiGHS's threads
    solves = [timed(lambda: jp.solve(scenario, dataset)) for _ in range(max(args.repeats, 1))]
    solve_seconds, plan = statistics.median(s for s, _ in solves), solves[-1][1]
    frontier_seconds, frontier = timed(lambda: jp.frontier(scenario, dataset,
                                                           points=args.points))
    alternatives_seconds, found = timed(lambda: jp.alternatives(plan, n=args.alternatives))
    costs_seconds, costs = timed(lambda: jp.replacement_cost(plan))
    spread = Spread(seed=0)
    opening = {(str(r), str(t)): int(y) for r, t, y in plan.schedule[
        ["region_code", "theme_id", "year"]].itertuples(index=False)}
    problem = sweep_problem(scenario, dataset, plan.inputs, spread=spread, phasing=plan.phasing,
                            start=opening)
    sweep_seconds, swept = timed(lambda: run_sweep(problem, args.samples, jobs=1))
    fresh: list[float] = []
    in_place: list[float] = []
    for i in range(min(args.fresh, args.samples)):
        varied, varied_data = perturbed_inputs(scenario, dataset, sample=i, spread=spread)
        seconds, again = timed(lambda v=varied, d=varied_data: jp.solve(v, d))
        fresh.append(seconds)
        if abs(again.objective - swept.objective[i]) > 1e-9:
            raise AssertionError(f"sample {i}: the sweep's objective is not jp.solve's")
        in_place.append(timed(lambda i=i: solve_samples(problem, (i,)))[0])
    rows = [
        (f"plan (jp.solve), median of {len(solves)}", 1, solve_seconds),
        (f"frontier, {args.points} levels ({len(frontier.plans)} points)", args.points + 2,
         frontier_seconds),
        (f"alternatives, {len(found)} found", args.alternatives, alternatives_seconds),
        (f"replacement cost, {len(costs)} pairs", len(costs), costs_seconds),
        (f"robustness sweep, {args.samples} samples in place", args.samples, sweep_seconds),
        (f"the first {len(fresh)} samples again, in place", len(fresh), sum(in_place)),
        (f"the first {len(fresh)} samples by jp.solve from scratch", len(fresh), sum(fresh)),
    ]
    print(f"{'analysis':<48} {'solves':>6} {'seconds':>8} {'per solve':>9} {'× plan':>7}")
    for name, count, seconds in rows:
        each = seconds / max(count, 1)
        print(f"{name:<48} {count:>6} {seconds:>8.2f} {each:>9.2f} "
              f"{each / solve_seconds:>7.2f}")
    ratio = sum(in_place) / sum(fresh)
    print(f"the same samples in place take {ratio:.2f}× their fresh jp.solve")
    if args.json:
        args.json.write_text(json.dumps({
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": platform.platform(), "python": platform.python_version(),
            "rows": [{"analysis": n, "solves": c, "seconds": s} for n, c, s in rows],
            "in_place_over_fresh": ratio,
        }, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
