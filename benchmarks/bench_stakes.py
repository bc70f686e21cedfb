"""Time of ``jp.data_stakes`` (docs/model.md §13) on the national data; target: under 10 s.

    python benchmarks/bench_stakes.py               # national cases, 3 runs each
    python benchmarks/bench_stakes.py --quick       # a smoke run: one case, one run
    python benchmarks/bench_stakes.py --repeat 5 --json stakes.json

Each run is one call of ``jp.data_stakes`` on a loaded dataset after a warm-up (the imports
and the first solve are paid there, as in a session that has already shown a plan): today's
plan, the runner-up solve, and one in-place re-solve of the sweep engine's model per end of
each uncertain value that a bound does not settle. Reports the median wall time with the
number of uncertain values, re-solves and ends the bound settled. Figures depend on the
machine's load (printed).
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

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@dataclass(frozen=True)
class Timing:
    """The median time of one case and what the run did."""

    label: str
    values: int
    worth: int
    solves: int
    screened: int
    seconds: float


def cases(quick: bool) -> list[tuple[str, Dataset, jp.Scenario]]:
    national = jp.load_dataset()
    baseline = jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml")
    found = [("national, baseline.yaml", national, baseline)]
    if quick:
        return found
    return [*found,
            ("national, baseline.yaml, additive", national,
             baseline.model_copy(update={"aggregation": "additive"})),
            ("national, cohesion.yaml", national,
             jp.Scenario.from_yaml(SCENARIOS / "cohesion.yaml"))]


def measure(label: str, dataset: Dataset, scenario: jp.Scenario, repeat: int) -> Timing:
    result = jp.data_stakes(scenario, dataset)  # warm-up
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = jp.data_stakes(scenario, dataset)
        seconds.append(time.perf_counter() - started)
    return Timing(label, len(result.table), len(result.worth_measuring), result.solves,
                  result.screened, statistics.median(seconds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one national case, 1 run")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per case")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    repeat = 1 if args.quick else args.repeat
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    timings = [measure(label, data, scenario, repeat)
               for label, data, scenario in cases(args.quick)]
    print(f"_{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()}, {os.cpu_count()} "
          f"cores (load average {load:.1f}), Python {platform.python_version()}, PuLP "
          f"{version('pulp')}, highspy {version('highspy')}; medians of {repeat} runs; "
          f"`python benchmarks/bench_stakes.py`._\n")
    print("| case | uncertain values | worth measuring | re-solves | ends settled by the bound "
          "| `jp.data_stakes` (s) |")
    print("|---|--:|--:|--:|--:|--:|")
    for t in timings:
        print(f"| {t.label} | {t.values} | {t.worth} | {t.solves} | {t.screened} | "
              f"{t.seconds:.2f} |")
    if args.json:
        args.json.write_text(json.dumps([asdict(t) for t in timings], indent=2) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()
