"""Scenario files to plans for the commands: names expanded, each file read, overridden and
checked against its data (each distinct dataset loaded once), solved with an honest status
line, and an infeasible scenario's collision reported."""

from __future__ import annotations

import argparse
import glob
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.errors import InputError
from ..scenario.checks import check_against, data_paths
from ..scenario.overrides import apply_override
from ..scenario.reader import from_yaml
from ..scenario.schema import Scenario
from .console import Console, echo, solver_chatter_to_stderr

if TYPE_CHECKING:
    from ..data.dataset import Dataset
    from ..results.plan import Plan

__all__ = ["Datasets", "Loaded", "expand_patterns", "load_and_solve", "load_scenario",
           "report_infeasible", "solve_loaded"]


def expand_patterns(patterns: Sequence[str]) -> list[Path]:
    """The files named by ``patterns``, globs expanded (for shells that do not), in order."""
    files: list[Path] = []
    for pattern in patterns:
        if glob.has_magic(pattern) and not Path(pattern).exists():
            matches = sorted(glob.glob(pattern))
            if not matches:
                raise InputError("no file matches this pattern", source=pattern,
                                 fix="check the folder and the extension (.yaml or .yml)")
            files += [Path(m) for m in matches]
        else:
            files.append(Path(pattern))
    unique: list[Path] = []
    for file in files:
        if file.resolve() not in {u.resolve() for u in unique}:
            unique.append(file)
    return unique


class Loaded:
    """A checked scenario with its dataset and the files it reads."""

    def __init__(self, scenario: Scenario, dataset: Dataset, inputs: list[Path]) -> None:
        self.scenario = scenario
        self.dataset = dataset
        self.inputs = inputs


class Datasets:
    """Loads each distinct set of data files once (several scenarios often share them)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[tuple[str, str], ...], Dataset] = {}

    def load(self, paths: dict[str, Path]) -> Dataset:
        key = tuple(sorted((role, str(path)) for role, path in paths.items()))
        if key not in self._cache:
            from ..data.loading import load_dataset

            self._cache[key] = load_dataset(
                indicators=paths.get("indicators"), catalogue=paths.get("catalogue"),
                themes=paths.get("themes"), regions=paths.get("regions"))
        return self._cache[key]


def load_scenario(file: Path, datasets: Datasets, overrides: Sequence[str] = ()) -> Loaded:
    """Read, override and check one scenario file against its data; InputError if bad."""
    scenario = from_yaml(file)
    for override in overrides:
        scenario = apply_override(scenario, override)
    paths = data_paths(scenario)
    dataset = datasets.load(paths)
    check_against(scenario, dataset)
    from ..export.outputs import input_files

    return Loaded(scenario, dataset, input_files(scenario, dataset))


def solve_loaded(loaded: Loaded, console: Console, *, prefix: str = "") -> Plan:
    """Solve one checked scenario, saying the solver, the time, the status and (when the
    solver stopped at its limit) that the plan may not be the best."""
    from ..results.plan import solve

    options = loaded.scenario.solver
    limit = f", time limit {options.time_limit:g} s" if options.time_limit else ""
    console.progress(f"{prefix}solving {loaded.scenario.name!r} ({options.name}{limit}) …")
    started = time.perf_counter()
    with solver_chatter_to_stderr():
        plan = solve(loaded.scenario, loaded.dataset)
    elapsed = time.perf_counter() - started
    console.progress(f"{prefix}  {_status_text(plan)} in {elapsed:.1f} s")
    if plan.status == "feasible":
        console.progress(f"{prefix}  warning: the solver stopped at its limit; the plan may not "
                         "be the best (see gap); raise solver.time_limit for an optimal one")
    return plan


def _status_text(plan: Plan) -> str:
    text: str = plan.status
    if plan.objective is not None and plan.status != "infeasible":
        text += f", objective {plan.objective:.4f}"
    if plan.status == "feasible" and plan.gap is not None:
        text += f", gap {100 * plan.gap:.2f} %"
    return text


def report_infeasible(plan: Plan, source: Path) -> None:
    """Why ``source``'s scenario has no plan: the colliding rules and the smallest fix."""
    from ..optimization.rule_wording import collision_head, fix_text

    why = collision_head(plan.collisions, plan.rule_names) or "its rules cannot all hold at once."
    lines = [f"error: {source}: scenario {plan.scenario.name!r} is infeasible: {why}"]
    if plan.diagnosis:
        lines.append("  colliding rules:")
        lines += [f"  - {rule}" for rule in plan.diagnosis]
    fixes = [fix_text(fix, plan.rule_names) for fix in plan.fixes]
    if fixes:
        lines.append("  fix: " + "; or ".join(fixes) + " (the smallest change the solver "
                     "finds); or relax another of these rules")
    else:
        lines.append("  fix: relax one of these rules (a lock, a bound, a budget or "
                     "min_strength) and run again")
    echo("\n".join(lines), stream=sys.stderr)


def load_and_solve(args: argparse.Namespace, console: Console) -> tuple[Loaded, Plan | None]:
    """``args.scenario`` read and checked, ``--out`` checked, then solved; ``None`` (the
    collision already reported) when infeasible."""
    from ..export.output_folder import check_output_dir

    file = Path(args.scenario)
    loaded = load_scenario(file, Datasets(), args.overrides)
    check_output_dir(args.out, force=args.force, protect=loaded.inputs)
    plan = solve_loaded(loaded, console)
    if plan.status == "infeasible":
        report_infeasible(plan, file)
        return loaded, None
    return loaded, plan
