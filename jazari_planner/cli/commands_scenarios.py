"""``scenarios``: the scenarios that ship with the package, listed or copied out."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from ..common.errors import InputError
from .exit_codes import EXIT_OK

__all__ = ["scenarios_command"]


def scenarios_command(args: argparse.Namespace) -> int:
    """List each shipped scenario (file, name, what it asks), or copy them to ``--copy``."""
    from ..scenario.shipped import copy_scenarios, shipped_scenarios

    if args.copy is not None:
        written = copy_scenarios(args.copy, force=args.force)
        print(f"copied {len(written)} files -> {Path(args.copy).expanduser().resolve()}")
        return EXIT_OK
    if args.force:
        raise InputError("--force only applies with --copy DIR", source="arguments",
                         fix="add --copy DIR, or drop --force")
    shipped = shipped_scenarios()
    width = max(len(s.path.name) for s in shipped)
    for scenario in shipped:
        print(f"{scenario.path.name:<{width}}  {scenario.name}")
        for line in textwrap.wrap(scenario.description, width=96 - width):
            print(f"{'':<{width}}    {line}")
    folder = shipped[0].path.parent if shipped else None
    print(f"\nshipped in {folder}\ncopy them to start your own: "
          "jazari-planner scenarios --copy DIR")
    return EXIT_OK
