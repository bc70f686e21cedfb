"""What the stakeholders' consensus and the stability intervals cost (docs/model.md §11–12).

    python benchmarks/bench_consensus.py                # national data: 6 parties, 5 settings
    python benchmarks/bench_consensus.py --roadmap      # and both on the national roadmap
    python benchmarks/bench_consensus.py --quick        # a smoke run (1 round, tol 5 %)
    python benchmarks/bench_consensus.py --json consensus.json

On ``scenarios/stakeholders.yaml``'s rules (embedded data, HiGHS, data already loaded) it
times ``jp.consensus`` with six parties (the file's three and three more below: 6 own plans,
then the two solves of the consensus MILP), and ``jp.stability`` of the five settings around
the plan of ``scenarios/baseline.yaml`` (tol 1 % of each range: every probe one in-place
re-solve), each the median of ``--rounds`` runs, beside the plan's own ``jp.solve``; wall-clock
and CPU seconds (every thread of the process), the steadier on a shared machine. With
``--roadmap`` it times both once on ``scenarios/roadmap-2030.yaml`` (the file's three parties;
stability to ``--roadmap-tol``), where each probe of the stability is two phased solves (the
probe's optimum, then the plan's cells' best schedule). Speed is never asserted in a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jazari_planner as jp

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"

#: Three more parties for the six-party run, each with whom it stands for.
MORE_PARTIES: list[dict[str, Any]] = [
    # employers: the firms that will hire the graduates weigh the regions' economies most
    {"name": "Employers", "weights": {"economic": 3, "academic": 1, "infrastructure": 1},
     "balance": 0.0},
    # network operators: data centres and connectivity, the infrastructure group
    {"name": "Operators", "weights": {"economic": 1, "academic": 1, "infrastructure": 3}},
    # a cohesion fund: the worst-served regions first, the three groups alike
    {"name": "Cohesion fund", "weights": {"economic": 1, "academic": 1, "infrastructure": 1},
     "balance": 1.0, "balance_focus": 1},
]


def timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall-clock and CPU seconds of ``work`` (CPU: every thread of this process, HiGHS's
    included; on a machine shared with other jobs it is the steadier figure)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - started, time.process_time() - cpu, result


def median_of(rounds: int, work: Callable[[], Any]) -> tuple[float, float, Any]:
    runs = [timed(work) for _ in range(rounds)]
    return (statistics.median(wall for wall, _, _ in runs),
            statistics.median(cpu for _, cpu, _ in runs), runs[-1][2])


def with_parties(path: Path, extra: list[dict[str, Any]]) -> jp.Scenario:
    scenario = jp.Scenario.from_yaml(path)
    parties = [p.model_dump(exclude_defaults=True) for p in
               jp.Scenario.from_yaml(SCENARIOS / "stakeholders.yaml").stakeholders]
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data["stakeholders"] = [*parties, *extra]
    return jp.Scenario.from_dict(data, source=str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tol", type=float, default=0.01)
    parser.add_argument("--roadmap", action="store_true", help="also time the national roadmap")
    parser.add_argument("--roadmap-tol", type=float, default=0.05)
    parser.add_argument("--quick", action="store_true", help="1 round, tol 0.05")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.tol = 1, 0.05
    dataset = jp.load_dataset()
    six = with_parties(SCENARIOS / "stakeholders.yaml", MORE_PARTIES)
    baseline = jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml")
    jp.solve(baseline, dataset)  # warm: imports, HiGHS's threads
    solve_wall, solve_cpu, _ = median_of(args.rounds, lambda: jp.solve(baseline, dataset))
    consensus_wall, consensus_cpu, agreed = median_of(args.rounds,
                                                      lambda: jp.consensus(six, dataset))
    stability_wall, stability_cpu, stable = median_of(
        args.rounds, lambda: jp.stability(baseline, dataset, tol=args.tol))
    rows = [
        ("plan (jp.solve), baseline", 1, solve_wall, solve_cpu, None),
        (f"consensus, {len(six.stakeholders)} parties", len(six.stakeholders) + 2,
         consensus_wall, consensus_cpu, 2.0),
        (f"stability, 5 settings, tol {args.tol:g}", stable.probes, stability_wall,
         stability_cpu, 3.0),
    ]
    if args.roadmap:
        roadmap = with_parties(SCENARIOS / "roadmap-2030.yaml", [])
        plain = jp.Scenario.from_yaml(SCENARIOS / "roadmap-2030.yaml")
        wall, cpu, _ = timed(lambda: jp.solve(plain, dataset))
        rows.append(("plan (jp.solve), roadmap 2025-2030", 1, wall, cpu, None))
        wall, cpu, _ = timed(lambda: jp.consensus(roadmap, dataset))
        rows.append((f"roadmap consensus, {len(roadmap.stakeholders)} parties",
                     len(roadmap.stakeholders) + 2, wall, cpu, None))
        wall, cpu, found = timed(lambda: jp.stability(plain, dataset, tol=args.roadmap_tol))
        rows.append((f"roadmap stability, tol {args.roadmap_tol:g}", found.probes, wall, cpu,
                     None))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M UTC}; {platform.machine()}, "
          f"{os.cpu_count()} cores, load average {load:.1f}; median of {args.rounds} "
          f"round(s) (roadmap: 1)")
    print(f"{'analysis':44} {'solves':>6} {'wall s':>8} {'CPU s':>8} {'target':>7}")
    for name, solves, wall, cpu, target in rows:
        shown = f"≤ {target:g} s" if target is not None else ""
        print(f"{name:44} {solves:6d} {wall:8.2f} {cpu:8.2f} {shown:>7}")
    print(f"consensus: largest regret {100 * agreed.max_regret:.2f} %; stability: "
          f"{stable.probes} re-solves")
    if args.json is not None:
        args.json.write_text(json.dumps({
            "rounds": args.rounds, "load_average": load,
            "rows": [{"analysis": n, "solves": s, "seconds": w, "cpu_seconds": c, "target": g}
                     for n, s, w, c, g in rows]}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
