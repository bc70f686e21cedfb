"""``compare``: several scenarios checked first, then solved, side by side in one folder."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..common.errors import InputError
from .console import Console, echo, echo_error
from .exit_codes import EXIT_INFEASIBLE, EXIT_INPUT, EXIT_OK
from .loading import (
    Datasets,
    Loaded,
    expand_patterns,
    load_scenario,
    report_infeasible,
    solve_loaded,
)

if TYPE_CHECKING:
    from ..results.plan import Plan

__all__ = ["compare_command"]


def compare_command(args: argparse.Namespace) -> int:
    """Every file checked before any is solved; an infeasible one still gets its row (exit 3)."""
    from ..export.output_folder import check_output_dir
    from ..export.outputs import write_comparison

    console = Console(quiet=args.quiet)
    datasets = Datasets()
    files = expand_patterns(args.scenarios)
    loaded: list[Loaded] = []
    problems: list[InputError] = []
    for file in files:
        try:
            loaded.append(load_scenario(file, datasets))
        except InputError as error:
            problems.append(error)
    if problems:
        for problem in problems:
            echo_error(problem)
        echo(f"error: {len(problems)} of {len(files)} scenario files are invalid; nothing was "
             "solved or written", stream=sys.stderr)
        return EXIT_INPUT
    inputs = [path for item in loaded for path in item.inputs]
    check_output_dir(args.out, force=args.force, protect=inputs)
    plans: list[Plan] = []
    for index, (file, item) in enumerate(zip(files, loaded, strict=True), start=1):
        plan = solve_loaded(item, console, prefix=f"[{index}/{len(files)}] ")
        if plan.status == "infeasible":
            report_infeasible(plan, file)
        plans.append(plan)
    console.progress(f"writing {args.out} …")
    out = write_comparison(plans, args.out, force=args.force,
                           progress=lambda m: console.progress(f"  {m}"))
    echo(f"compared {len(plans)} scenarios -> {out}")
    return EXIT_INFEASIBLE if any(p.status == "infeasible" for p in plans) else EXIT_OK
