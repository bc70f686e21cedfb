"""Speed of the robustness sweep: samples per second against a direct ``highspy`` solve.

    python benchmarks/bench_sweep.py                  # national baseline, 500 samples
    python benchmarks/bench_sweep.py --samples 2000 --json sweep.json
    python benchmarks/bench_sweep.py --quick          # a smoke run, a few seconds

The reference is the same instance solved by a direct ``highspy`` model (``highs_direct.py``:
numpy arrays, three batch calls, no modelling layer), built and run from scratch for each of
the first ``--reference`` samples' perturbed inputs; its mean time ``t_d`` is the cost of one
sample without any sweep machinery. The sweep (:func:`jazari_planner.analysis.sweep.run_sweep`) then
solves all ``N`` samples, once in this process and once on a process pool of ``--jobs``
workers (default: the machine's cores); each wall time includes everything a user waits for
(scoring each sample, the pool's start-up, the chunks' round trips).

The pooled run is timed twice: **cold**, the first pool of the process (as a CLI run: it
starts multiprocessing's fork server, which imports the sweep module and this script once),
and **warm**, a second sweep in the same process (as the app's later sweeps: its workers are
forked from the running server). The pool's **start-up** is timed apart, as a pooled sweep of
one sample per worker (processes started, the problem unpickled, each worker's model built,
one solve each): cold in a fresh Python process, and warm in this one.

Reported: samples per second, the target ``N × t_d × 1.2 / cores`` and whether the pooled
run meets it, and the parallel efficiency ``T_serial / (cores × T_pool)``. Every direct
solve's objective is checked against the sweep's for the same sample (1e-9).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from highs_direct import solve_direct

import jazari_planner as jp
from jazari_planner.analysis.perturbation import Spread, perturbed_inputs
from jazari_planner.analysis.sweep import SweepProblem, run_sweep, sweep_problem

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Measured:
    """One scenario's figures (seconds unless said)."""

    scenario: str
    samples: int
    cores: int
    direct_seconds: float
    serial_seconds: float
    pool_seconds: float
    pool_warm_seconds: float
    startup_cold_seconds: float
    startup_warm_seconds: float
    target_seconds: float

    @property
    def efficiency(self) -> float:
        return self.serial_seconds / (self.cores * self.pool_seconds)

    @property
    def warm_efficiency(self) -> float:
        return self.serial_seconds / (self.cores * self.pool_warm_seconds)


#: Times a pooled sweep of one sample per worker in a fresh process: argv = problem file, jobs.
COLD_STARTUP = """
import pickle, sys
from jazari_planner.analysis.sweep import run_sweep
with open(sys.argv[1], "rb") as file:
    problem = pickle.load(file)
jobs = int(sys.argv[2])
print(run_sweep(problem, jobs, jobs=jobs).seconds)
"""


def cold_startup(problem: SweepProblem, jobs: int) -> float:
    """Seconds of a pooled sweep of ``jobs`` samples, the first pool of a fresh process."""
    with tempfile.TemporaryDirectory(prefix="jazari-bench-sweep-") as folder:
        path = Path(folder) / "problem.pickle"
        path.write_bytes(pickle.dumps(problem))
        done = subprocess.run([sys.executable, "-c", COLD_STARTUP, str(path), str(jobs)],
                              check=True, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def direct_time(scenario: jp.Scenario, dataset: jp.Dataset, spread: Spread, count: int,
                objectives: np.ndarray) -> float:
    """Mean seconds of a direct highspy build-and-solve over the first ``count`` samples."""
    total = 0.0
    for i in range(count):
        varied, data = perturbed_inputs(scenario, dataset, sample=i, spread=spread)
        inputs = jp.build_inputs(data, varied)  # scoring: not timed
        started = time.perf_counter()
        result = solve_direct(inputs, scenario.solver)
        total += time.perf_counter() - started
        if abs(inputs.objective_of(result.selection) - objectives[i]) > 1e-9:
            raise AssertionError(f"sample {i}: direct and sweep optima differ")
    return total / count


def bench(path: Path, samples: int, jobs: int, reference: int) -> Measured:
    scenario = jp.Scenario.from_yaml(path)
    dataset = jp.load_dataset()
    plan = jp.solve(scenario, dataset)
    spread = Spread(weight_spread=0.25, value_noise=0.05, seed=0)
    problem = sweep_problem(scenario, dataset, plan.inputs, spread=spread)
    run_sweep(problem, min(samples, 5), jobs=1)  # warm: imports, first model build
    serial = run_sweep(problem, samples, jobs=1)
    pooled = run_sweep(problem, samples, jobs=jobs)  # the first pool of this process
    startup_warm = run_sweep(problem, jobs, jobs=jobs).seconds
    warm = run_sweep(problem, samples, jobs=jobs)
    for run in (pooled, warm):
        if not np.array_equal(serial.chosen, run.chosen):
            raise AssertionError("the pool and the serial run disagree")
    startup_cold = cold_startup(problem, jobs)
    t_direct = direct_time(scenario, dataset, spread, min(reference, samples),
                           serial.objective)
    return Measured(scenario=scenario.name, samples=samples, cores=jobs,
                    direct_seconds=t_direct, serial_seconds=serial.seconds,
                    pool_seconds=pooled.seconds, pool_warm_seconds=warm.seconds,
                    startup_cold_seconds=startup_cold, startup_warm_seconds=startup_warm,
                    target_seconds=1.2 * samples * t_direct / jobs)


def table(results: list[Measured]) -> str:
    lines = ["| scenario | N | direct solve | serial sweep | pool sweep (cores) | samples/s "
             "(pool) | target 1.2·N·t_d/cores | met | parallel efficiency |",
             "|---|---:|---:|---:|---:|---:|---:|:---:|---:|"]
    for m in results:
        lines.append(
            f"| {m.scenario} | {m.samples} | {1e3 * m.direct_seconds:.1f} ms | "
            f"{m.serial_seconds:.2f} s | {m.pool_seconds:.2f} s ({m.cores}) | "
            f"{m.samples / m.pool_seconds:.0f} | {m.target_seconds:.2f} s | "
            f"{'yes' if m.pool_seconds <= m.target_seconds else 'no'} | {m.efficiency:.0%} |")
    lines += ["", "| scenario | pool start-up, fresh process | pool start-up, later pools | "
              "pool sweep, later pools | samples/s | met | parallel efficiency |",
              "|---|---:|---:|---:|---:|:---:|---:|"]
    for m in results:
        lines.append(
            f"| {m.scenario} | {1e3 * m.startup_cold_seconds:.0f} ms | "
            f"{1e3 * m.startup_warm_seconds:.0f} ms | {m.pool_warm_seconds:.2f} s | "
            f"{m.samples / m.pool_warm_seconds:.0f} | "
            f"{'yes' if m.pool_warm_seconds <= m.target_seconds else 'no'} | "
            f"{m.warm_efficiency:.0%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--reference", type=int, default=100,
                        help="samples solved directly for the reference time")
    parser.add_argument("--scenario", action="append", type=Path,
                        help="scenario files (default: scenarios/baseline.yaml)")
    parser.add_argument("--quick", action="store_true", help="40 samples, 10 direct")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.quick:
        args.samples, args.reference = 40, 10
    paths = args.scenario or [ROOT / "scenarios" / "baseline.yaml"]
    load = os.getloadavg()[0]
    results = [bench(path, args.samples, args.jobs, args.reference) for path in paths]
    print(table(results))
    print(f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {load:.1f} at the start; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    if args.json:
        args.json.write_text(json.dumps(
            [{**asdict(m), "efficiency": m.efficiency, "warm_efficiency": m.warm_efficiency}
             for m in results], indent=2) + "\n",
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
