"""``stability``: how far each setting can move before the scenario's plan changes."""

from __future__ import annotations

import argparse
from pathlib import Path

from .console import Console, echo, solver_chatter_to_stderr
from .exit_codes import EXIT_OK
from .loading import Datasets, load_scenario

__all__ = ["stability_command"]


def stability_command(args: argparse.Namespace) -> int:
    """Find each setting's stability interval by re-solving, with progress; write the table,
    each pair's nearest removal and the tornado chart."""
    from ..analysis.stability import stability
    from ..export.consensus_outputs import write_stability
    from ..export.output_folder import check_output_dir

    console = Console(quiet=args.quiet)
    loaded = load_scenario(Path(args.scenario), Datasets(), args.overrides)
    check_output_dir(args.out, force=args.force, protect=loaded.inputs)
    console.progress(f"the stability intervals of {loaded.scenario.name!r}: 5 settings, "
                     f"each end to {100 * args.tol:g} % of its range …")
    with solver_chatter_to_stderr():
        result = stability(loaded.scenario, loaded.dataset, tol=args.tol,
                           progress=console.paced(unit="ends"))
    for row in result.table.to_dict("records"):
        console.progress(f"  {row['parameter']} {float(row['value']):g}: the plan holds from "
                         f"{float(row['lo']):.3g} to {float(row['hi']):.3g}")
    console.progress(f"  {result.probes} re-solves; writing {args.out} …")
    out = write_stability(result, args.out, overrides=args.overrides, force=args.force,
                          progress=lambda m: console.progress(f"  {m}"))
    echo(f"stability: {loaded.scenario.name}: {result.probes} re-solves -> {out}")
    return EXIT_OK
