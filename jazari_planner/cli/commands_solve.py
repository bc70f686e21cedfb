"""``validate`` (check scenario files, solve nothing) and ``solve`` (one scenario's plan to
its output folder)."""

from __future__ import annotations

import argparse

from ..common.errors import InputError
from .console import Console, echo, echo_error
from .exit_codes import EXIT_INFEASIBLE, EXIT_INPUT, EXIT_OK
from .loading import Datasets, expand_patterns, load_and_solve, load_scenario

__all__ = ["solve_command", "validate_command"]


def validate_command(args: argparse.Namespace) -> int:
    """Check every file against its data, report every problem; exit 2 if any."""
    console = Console(quiet=args.quiet)
    datasets = Datasets()
    failed = 0
    files = expand_patterns(args.scenarios)
    for file in files:
        try:
            loaded = load_scenario(file, datasets)
        except InputError as error:
            echo_error(error)
            failed += 1
            continue
        echo(f"ok  {file}  ({loaded.scenario.name})")
    if len(files) > 1:
        console.progress(f"{len(files) - failed} of {len(files)} scenario files are valid")
    return EXIT_INPUT if failed else EXIT_OK


def solve_command(args: argparse.Namespace) -> int:
    """Solve one scenario and write its plan's files to ``--out``."""
    from ..export.outputs import write_plan

    console = Console(quiet=args.quiet)
    loaded, plan = load_and_solve(args, console)
    if plan is None:
        return EXIT_INFEASIBLE
    console.progress(f"writing {args.out} …")
    out = write_plan(plan, args.out, overrides=args.overrides, pptx=args.pptx, force=args.force,
                     progress=lambda m: console.progress(f"  {m}"))
    echo(f"{plan.status}: {loaded.scenario.name} -> {out}")
    return EXIT_OK
