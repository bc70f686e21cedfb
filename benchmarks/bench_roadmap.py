"""Solve time of a roadmap (docs/model.md §10): the national 2025–2030 case, and its growth.

    python benchmarks/bench_roadmap.py                  # 3 to 16 years, 2025–2030 the national
    python benchmarks/bench_roadmap.py --quick          # a smoke run, a few seconds
    python benchmarks/bench_roadmap.py --repeat 20 --max-years 24 --json roadmap.json

The national case is ``scenarios/roadmap-2030.yaml`` solved by ``jp.solve`` on the embedded
data (already loaded): every run must be proven ``optimal``. The table keeps that scenario's
announcements and lock-outs and spreads the same network over ``k`` years (2025 to 2025 + k
− 1; the scenario is revised as of 2026, its years to ``as_of`` history, so ``k`` starts
where a plan year follows them, at 3): the yearly budget is the 2 700 MAD million of the
six-year case divided by ``k`` (at least the 330 of the two 2026 announcements), the
openings cap ``max(4, ⌈24 / k⌉)`` (24 specializations at most), and every region served by
the last year or 2028, whichever comes first; six years is the shipped scenario itself. Each
row reports the model's size, the solver's time (``plan.solve_seconds``: PuLP to HiGHS, the
solve, the read-back) and the whole ``jp.solve`` (scoring, model, solve, tables), as
medians, and the ratio of the latter to the unphased baseline scenario solved in the same
run. Figures on a shared machine are noisy: the ratio is the steadier number.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jazari_planner as jp
from jazari_planner.inputs.resolve import phasing_inputs
from jazari_planner.optimization.model import create_model
from jazari_planner.optimization.phasing import add_phasing

ROOT = Path(__file__).resolve().parents[1]
ROADMAP = ROOT / "scenarios" / "roadmap-2030.yaml"
BASELINE = ROOT / "scenarios" / "baseline.yaml"
#: The six-year case's whole budget (6 × 450 MAD million), spread over ``k`` years.
TOTAL_BUDGET = 2700.0
#: What the two announcements of 2026 cost together (sovereign AI 180, industry 150).
ANNOUNCED_2026 = 330.0
#: The target of issue 14 for the national roadmap, seconds.
TARGET_SECONDS = 2.0
#: The national roadmap's length: 2025–2030.
NATIONAL_YEARS = 6


@dataclass(frozen=True)
class Row:
    """One measured case."""

    case: str
    years: int
    columns: int
    rows: int
    status: str
    solver_ms: float
    solve_ms: float
    ratio: float


def spread_over(scenario: jp.Scenario, years: int) -> jp.Scenario:
    """The roadmap's announcements over ``years`` years from 2025, budget and cap rescaled."""
    phasing = scenario.phasing
    assert phasing is not None
    last = 2025 + years - 1
    return scenario.model_copy(update={"phasing": phasing.model_copy(update={
        "years": [2025, last],
        "budget_per_year": float(max(math.ceil(TOTAL_BUDGET / years), ANNOUNCED_2026)),
        "max_openings_per_year": max(4, math.ceil(24 / years)),
        "first_institute_by": min(last, 2028),
    })})


def size(scenario: jp.Scenario, dataset: jp.Dataset) -> tuple[int, int]:
    """Columns and rows of the scenario's MILP, phasing included."""
    model = create_model(jp.build_inputs(dataset, scenario))
    phasing = phasing_inputs(dataset, scenario)
    if phasing is not None:
        add_phasing(model, phasing)
    return len(model.problem.variables()), len(model.problem.constraints())


def timed(scenario: jp.Scenario, dataset: jp.Dataset, repeat: int) -> tuple[str, float, float]:
    """Status, median solver time and median ``jp.solve`` time (ms) over ``repeat`` runs."""
    statuses, solver, whole = set(), [], []
    for _ in range(repeat):
        started = time.perf_counter()
        plan = jp.solve(scenario, dataset)
        whole.append(1000 * (time.perf_counter() - started))
        solver.append(1000 * plan.solve_seconds)
        statuses.add(plan.status)
    if statuses != {"optimal"}:
        raise SystemExit(f"{scenario.name}: not proven optimal in every run ({statuses})")
    return "optimal", statistics.median(solver), statistics.median(whole)


def measure(*, repeat: int, year_counts: list[int]) -> tuple[float, list[Row]]:
    """The baseline's median ``jp.solve`` time (ms) and one row per case."""
    dataset = jp.load_dataset()
    roadmap = jp.Scenario.from_yaml(ROADMAP)
    assert spread_over(roadmap, NATIONAL_YEARS).model_dump() == roadmap.model_dump()
    baseline = jp.Scenario.from_yaml(BASELINE)
    jp.solve(baseline, dataset)  # warm-up: imports, HiGHS's first instance
    _, _, reference = timed(baseline, dataset, repeat)
    assert roadmap.phasing is not None
    as_of = roadmap.phasing.as_of
    # a roadmap needs a plan year after its history (model §10): shorter spreads are invalid
    year_counts = [k for k in year_counts if as_of is None or 2025 + k - 1 > as_of]
    rows = []
    # six years spread this way is roadmap-2030.yaml itself (450 a year, 4 openings, 2028)
    cases = [(f"{k} years (2025–{2025 + k - 1})" if k != 6 else
              "roadmap-2030.yaml (2025–2030)", spread_over(roadmap, k)) for k in year_counts]
    for name, scenario in cases:
        status, solver_ms, solve_ms = timed(scenario, dataset, repeat)
        columns, constraints = size(scenario, dataset)
        assert scenario.phasing is not None
        span = scenario.phasing.last_year - scenario.phasing.first_year + 1
        rows.append(Row(name, span, columns, constraints, status, solver_ms, solve_ms,
                        solve_ms / reference))
        print(f"  {name}: {solve_ms:.0f} ms", flush=True)
    return reference, rows


def markdown(reference: float, rows: list[Row], *, repeat: int) -> str:
    """The figures as Markdown, with the machine and its load."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    head = (f"_{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()}, "
            f"{os.cpu_count()} cores (load average {load:.1f}), Python "
            f"{platform.python_version()}, PuLP {version('pulp')}, highspy {version('highspy')};"
            f" medians of {repeat} runs; baseline.yaml (no roadmap) {reference:.0f} ms._\n\n")
    table = ["| case | years | columns × rows | status | solver (ms) | jp.solve (ms) | "
             "× baseline |", "|---|--:|---|---|--:|--:|--:|"]
    table += [f"| {r.case} | {r.years} | {r.columns} × {r.rows} | {r.status} | "
              f"{r.solver_ms:.0f} | {r.solve_ms:.0f} | {r.ratio:.1f}× |" for r in rows]
    national = next(r for r in rows if r.years == NATIONAL_YEARS).solve_ms / 1000
    verdict = (f"\nThe national roadmap: {national:.2f} s, "
               f"{'within' if national < TARGET_SECONDS else 'above'} the {TARGET_SECONDS:g} s "
               "target.\n")
    return head + "\n".join(table) + "\n" + verdict


def main(argv: list[str] | None = None) -> None:
    """Measure and print the Markdown table (and write JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (median)")
    parser.add_argument("--max-years", type=int, default=16, help="longest roadmap timed")
    parser.add_argument("--quick", action="store_true", help="3 runs, 3 to 6 years")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else args.repeat
    last = 6 if args.quick else args.max_years
    counts = [k for k in (2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 30) if k <= max(last, 6)]
    reference, rows = measure(repeat=repeat, year_counts=counts)
    print(markdown(reference, rows, repeat=repeat))
    if args.json:
        data: dict[str, Any] = {"baseline_ms": reference,
                                "rows": [row.__dict__ for row in rows]}
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
