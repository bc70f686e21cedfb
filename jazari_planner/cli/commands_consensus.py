"""``consensus``: the plan of least worst regret among a scenario's stakeholders, into a folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from .console import Console, echo, solver_chatter_to_stderr
from .exit_codes import EXIT_OK
from .loading import Datasets, load_scenario

__all__ = ["consensus_command"]


def consensus_command(args: argparse.Namespace) -> int:
    """Solve each stakeholder's own plan, then the consensus (two solves), with progress;
    write the regrets, the consensus plan, each stakeholder's assignments and the map."""
    from ..analysis.consensus import consensus
    from ..export.consensus_outputs import write_consensus
    from ..export.output_folder import check_output_dir

    console = Console(quiet=args.quiet)
    loaded = load_scenario(Path(args.scenario), Datasets(), args.overrides)
    check_output_dir(args.out, force=args.force, protect=loaded.inputs)
    parties = loaded.scenario.stakeholders
    console.progress(f"the consensus of {len(parties)} stakeholders of "
                     f"{loaded.scenario.name!r}: {len(parties)} own plans, then 2 solves "
                     f"({loaded.scenario.solver.name}) …")
    with solver_chatter_to_stderr():
        result = consensus(loaded.scenario, loaded.dataset, progress=console.paced())
    for row in result.regret.to_dict("records"):
        console.progress(f"  {row['stakeholder']}: regret {100 * float(row['regret']):.2f} % "
                         f"(own optimum {float(row['own_optimum']):.4f}, under the consensus "
                         f"{float(row['consensus_objective']):.4f})")
    if result.plan.status == "feasible":
        console.progress("  warning: a solve stopped at its limit; the consensus may not be "
                         "the least regret; raise solver.time_limit for a proven one")
    console.progress(f"writing {args.out} …")
    out = write_consensus(result, args.out, overrides=args.overrides, force=args.force,
                          progress=lambda m: console.progress(f"  {m}"))
    echo(f"consensus: {loaded.scenario.name}: largest regret {100 * result.max_regret:.2f} %, "
         f"mean {100 * result.mean_regret:.2f} %, {len(result.agreed)} pairs agreed, "
         f"{len(result.contested)} contested -> {out}")
    return EXIT_OK
