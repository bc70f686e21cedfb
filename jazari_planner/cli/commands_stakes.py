"""``stakes``: which uncertain figures could change a scenario's plan (docs/model.md §13)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .console import Console, echo, solver_chatter_to_stderr
from .exit_codes import EXIT_OK
from .loading import Datasets, load_scenario

__all__ = ["stakes_command"]


def stakes_command(args: argparse.Namespace) -> int:
    """Measure every uncertain value's stake, with the rate and time left; write the table,
    the chart and the summary to ``--out``."""
    from ..analysis.stakes import data_stakes
    from ..export.output_folder import check_output_dir
    from ..export.outputs import write_stakes

    console = Console(quiet=args.quiet)
    loaded = load_scenario(Path(args.scenario), Datasets(), args.overrides)
    check_output_dir(args.out, force=args.force, protect=loaded.inputs)
    console.progress(f"measuring the data stakes of {loaded.scenario.name!r}: each uncertain "
                     "value at both ends of its interval …")
    with solver_chatter_to_stderr():
        result = data_stakes(loaded.scenario, loaded.dataset,
                             progress=console.paced(unit="values"))
    worth = result.worth_measuring
    console.progress(f"  {len(worth)} of {len(result.table)} uncertain values could change the "
                     f"plan ({result.solves} re-solves, {result.screened} ends settled by a "
                     f"bound, {result.seconds:.1f} s)")
    console.progress(f"writing {args.out} …")
    out = write_stakes(result, args.out, overrides=args.overrides, force=args.force,
                       progress=lambda m: console.progress(f"  {m}"))
    top = (f"; largest {worth['stake'].iloc[0]:.3f} % ({worth['region_name'].iloc[0]}, "
           f"{worth['indicator'].iloc[0]})" if len(worth) else "")
    echo(f"stakes: {loaded.scenario.name}: {len(worth)} figures worth measuring{top} -> {out}")
    return EXIT_OK
