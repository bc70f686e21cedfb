"""Time of ``jp.frontier`` (docs/model.md §7) against ``jp.solve`` of the same scenario.

    python benchmarks/bench_frontier.py               # national cases + 75×20, about a minute
    python benchmarks/bench_frontier.py --quick       # a smoke run, a few seconds
    python benchmarks/bench_frontier.py --repeat 20 --json frontier.json

A frontier of ``P`` levels is ``P + 2`` solves (the scenario's own plan, the two extremes,
``P − 1`` levels; the first level is the most efficient plan's own problem) plus the tables
of each point. Each case times ``jp.frontier`` and ``jp.solve`` alternately on a loaded
dataset, after a warm-up, and reports medians and the ratio of the frontier to ``P + 2``
solves: above 1 is the frontier's own overhead (building the model anew per level, the
points' tables and the filter). Figures depend on the machine's load (printed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import jazari_planner as jp
from jazari_planner.data.dataset import Dataset
from jazari_planner.testing.synthetic import synthetic_dataset

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@dataclass(frozen=True)
class Case:
    """One benchmark case: a scenario on a dataset, with its number of levels."""

    label: str
    dataset: Dataset
    scenario: jp.Scenario
    points: int


@dataclass(frozen=True)
class Timing:
    """Medians (ms) of one case, and what the frontier found."""

    label: str
    points: int
    kept: int
    frontier_ms: float
    solve_ms: float
    per_solve_ratio: float


def cases(quick: bool) -> list[Case]:
    national = jp.load_dataset()
    baseline = jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml")
    found = [Case("national, baseline.yaml, 11 levels", national, baseline, 11)]
    if quick:
        return found
    found += [
        Case("national, baseline.yaml, 31 levels", national, baseline, 31),
        Case("national, cohesion.yaml, 11 levels", national,
             jp.Scenario.from_yaml(SCENARIOS / "cohesion.yaml"), 11),
        Case("national, tight-budget.yaml, 11 levels", national,
             jp.Scenario.from_yaml(SCENARIOS / "tight-budget.yaml"), 11),
        Case("synthetic 75×20, balance_focus 5, 11 levels",
             synthetic_dataset(n_regions=75, n_themes=20, seed=0),
             jp.Scenario(name="synthetic", balance_focus=5), 11),
    ]
    return found


def measure(case: Case, repeat: int) -> Timing:
    jp.frontier(case.scenario, case.dataset, points=case.points)  # warm-up
    jp.solve(case.scenario, case.dataset)
    frontier_s: list[float] = []
    solve_s: list[float] = []
    kept = 0
    for _ in range(repeat):
        started = time.perf_counter()
        kept = len(jp.frontier(case.scenario, case.dataset, points=case.points).plans)
        frontier_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        jp.solve(case.scenario, case.dataset)
        solve_s.append(time.perf_counter() - started)
    frontier_ms = 1e3 * statistics.median(frontier_s)
    solve_ms = 1e3 * statistics.median(solve_s)
    return Timing(case.label, case.points, kept, frontier_ms, solve_ms,
                  frontier_ms / ((case.points + 2) * solve_ms))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one national case, 3 runs")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per case")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    repeat = 3 if args.quick else args.repeat
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    timings = [measure(case, repeat) for case in cases(args.quick)]
    print(f"_{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()}, {os.cpu_count()} "
          f"cores (load average {load:.1f}), Python {platform.python_version()}, PuLP "
          f"{version('pulp')}, highspy {version('highspy')}; medians of {repeat} runs; "
          f"`python benchmarks/bench_frontier.py`._\n")
    print("| case | levels | points kept | `jp.frontier` (ms) | `jp.solve` (ms) "
          "| frontier ÷ (levels + 2) solves |")
    print("|---|--:|--:|--:|--:|--:|")
    for t in timings:
        print(f"| {t.label} | {t.points} | {t.kept} | {t.frontier_ms:.0f} | "
              f"{t.solve_ms:.1f} | {t.per_solve_ratio:.2f}× |")
    if args.json:
        args.json.write_text(json.dumps([asdict(t) for t in timings], indent=2) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()
