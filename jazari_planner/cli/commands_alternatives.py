"""``alternatives``: near-optimal plans that differ from the plan, and what each of the plan's
pairs is worth (its replacement cost)."""

from __future__ import annotations

import argparse
import math

from .console import Console, echo, solver_chatter_to_stderr
from .exit_codes import EXIT_INFEASIBLE, EXIT_OK
from .loading import load_and_solve

__all__ = ["alternatives_command"]


def alternatives_command(args: argparse.Namespace) -> int:
    """Solve the scenario, find up to ``-n`` alternatives, price every pair; write them."""
    from ..analysis.alternatives import alternatives, replacement_cost
    from ..export.outputs import write_alternatives

    console = Console(quiet=args.quiet)
    loaded, plan = load_and_solve(args, console)
    if plan is None:
        return EXIT_INFEASIBLE
    console.progress(f"finding up to {args.n} alternatives within {100 * args.within:g} % "
                     f"and {args.min_changes} changes …")
    with solver_chatter_to_stderr():
        found = alternatives(plan, n=args.n, within=args.within, min_changes=args.min_changes,
                             progress=console.paced())
        console.progress(f"  {len(found)} found; pricing the plan's {len(plan.assignments)} "
                         "pairs (one re-solve each) …")
        costs = replacement_cost(plan, progress=console.paced("re-solves"), jobs=args.jobs)
    locked = costs.loc[costs["locked"]]
    for region, theme, percent in zip(locked["region_code"], locked["theme_id"],
                                      locked["cost_percent"].astype(float), strict=True):
        cost = ("no plan with the lock lifted" if math.isnan(percent)
                else f"the announcement costs {percent:.1f} % of the fit")
        console.progress(f"  locked: {plan.dataset.region_name(str(region))} → {theme}: {cost}")
    console.progress(f"writing {args.out} …")
    options = {"n": args.n, "within": args.within, "min_changes": args.min_changes}
    out = write_alternatives(plan, found, costs, args.out, options=options,
                             overrides=args.overrides, force=args.force)
    echo(f"alternatives: {loaded.scenario.name}: {len(found)} found -> {out}")
    return EXIT_OK
