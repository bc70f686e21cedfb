"""``frontier``: one scenario's efficiency–balance trade-off traced into a folder."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .console import Console, echo, solver_chatter_to_stderr
from .exit_codes import EXIT_INFEASIBLE, EXIT_OK
from .loading import Datasets, load_scenario, report_infeasible

if TYPE_CHECKING:
    from ..frontier import Frontier

__all__ = ["frontier_command", "knee_words"]


def knee_words(result: Frontier) -> str:
    """The knee in words, or why there is none (no point above the chord, docs/model.md §7)."""
    rank = result.knee_rank
    if rank is None:
        return ("no knee: no point lies above the straight line between the extremes, so "
                "every step towards balance costs at least as much as it gives")
    knee = result.table.iloc[rank - 1]
    return (f"the knee is point {rank} (efficiency {knee['efficiency']:.4f}, "
            f"balance {knee['balance']:.4f})")


def frontier_command(args: argparse.Namespace) -> int:
    """Trace ``--points`` balance levels, name the knee, warn of points left unproven."""
    from ..analysis.frontier import frontier
    from ..export.output_folder import check_output_dir
    from ..export.outputs import write_frontier

    console = Console(quiet=args.quiet)
    file = Path(args.scenario)
    loaded = load_scenario(file, Datasets(), args.overrides)
    check_output_dir(args.out, force=args.force, protect=loaded.inputs)
    options = loaded.scenario.solver
    console.progress(f"tracing the frontier of {loaded.scenario.name!r}: {args.points} balance "
                     f"levels, {args.points + 2} solves ({options.name}) …")
    with solver_chatter_to_stderr():
        result = frontier(loaded.scenario, loaded.dataset, points=args.points,
                          progress=console.paced())
    if not result.feasible:
        report_infeasible(result.scenario_plan, file)
        return EXIT_INFEASIBLE
    table = result.table
    console.progress(f"  {len(result.plans)} points kept; {knee_words(result)}")
    for rank, plan in zip(table["rank"], result.plans, strict=True):
        if plan.status == "feasible":
            gap = f"{100 * plan.gap:.2f} %" if plan.gap is not None else "unknown"
            console.progress(f"  warning: point {rank} stopped at the solver's limit (gap "
                             f"{gap}); raise solver.time_limit for a proven one")
    console.progress(f"writing {args.out} …")
    out = write_frontier(result, args.out, overrides=args.overrides, force=args.force,
                         progress=lambda m: console.progress(f"  {m}"))
    echo(f"{len(result.plans)} points: {loaded.scenario.name} -> {out}")
    return EXIT_OK
