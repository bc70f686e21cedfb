"""``jazari-planner``: validate, solve and compare scenario files, trace their frontier, list them.

A thin shell: it reads the scenario files, loads their data, calls
:func:`jazari_planner.solve` and hands the plans to :mod:`jazari_planner.outputs`. Results
and file names go to standard output, progress and errors to standard error, and the exit
code says what happened (docs/model.md §6): 0 a plan, 2 invalid input, 3 infeasible.
"""

from __future__ import annotations

import argparse
import gc
import glob
import os
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import InputError, JazariError
from .escaping import terminal_text
from .scenario import Scenario
from .scenario_checks import check_against, data_paths
from .scenario_overrides import apply_override
from .scenario_reader import from_yaml

if TYPE_CHECKING:
    from .dataset import Dataset
    from .plan import Plan

__all__ = ["EXIT_INFEASIBLE", "EXIT_INPUT", "EXIT_OK", "main"]

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_INTERRUPTED = 130

_EXIT_CODES = """\
exit codes:
  0  a plan was found (optimal, or feasible when a time limit stopped the solver)
  2  invalid input: arguments, a scenario file or a data file (the message names the
     file, the line, the key and the fix); nothing is written
  3  infeasible: the scenario's rules cannot all hold (the colliding rules are printed)
  4  the solver's time limit ran out before any plan was found (raise solver.time_limit)
  5  the solver failed (its own message is printed); nothing was proven about the scenario
  6  a robustness sweep was cut short: a worker process died or failed; nothing is written
130  interrupted (Ctrl-C): worker processes are stopped, nothing is written
"""

_MAIN_EPILOG = f"""\
examples:
  jazari-planner validate scenarios/*.yaml
  jazari-planner solve scenarios/baseline.yaml --out results/baseline
  jazari-planner solve scenarios/baseline.yaml --out results/what-if --set balance=0.8
  jazari-planner compare scenarios/*.yaml --out results/comparison
  jazari-planner frontier scenarios/baseline.yaml --out results/frontier
  jazari-planner robustness scenarios/baseline.yaml --out results/robust --samples 500
  jazari-planner alternatives scenarios/baseline.yaml --out results/alternatives -n 5
  jazari-planner scenarios --copy my-scenarios     # the shipped scenarios, to start from

Run `jazari-planner COMMAND --help` for a command's options.

{_EXIT_CODES}"""

_VALIDATE_EPILOG = f"""\
Checks each file's keys, types and ranges, then its region, theme and indicator names
against its data (the embedded data unless the scenario's `data:` says otherwise).
Nothing is solved or written.

examples:
  jazari-planner validate scenarios/baseline.yaml
  jazari-planner validate scenarios/*.yaml      # every file; all problems reported

{_EXIT_CODES}"""

_SOLVE_EPILOG = f"""\
DIR receives: assignments.csv, regions.csv, strength.csv, summary.json, map.html,
map.png (and deck.pptx with --pptx); a scenario with a phasing: block (a roadmap) adds
schedule.csv, by_year.csv, timeline.png and roadmap.png. The files are written to a
temporary folder next to DIR and moved into place only when all are complete. DIR may be
new, empty or a previous output of this tool; a folder holding other files is replaced
only with --force.

overrides (--set KEY.PATH=VALUE, repeatable, recorded in summary.json):
  --set balance=0.8               λ, 0 (best average) … 1 (best for the worst-served region)
  --set balance_focus=3           q, the balance term averages the 3 worst-served regions
  --set equity=1                  β, bonus for needier regions
  --set budget=1200               MAD million; --set budget=null for none
  --set solver.time_limit=5       seconds
  --set themes.energy.max=3       at most 3 regions specialize in energy
  --set regions.default.max=3     every region may carry up to 3 themes
  --set weights.academic=2

examples:
  jazari-planner solve scenarios/baseline.yaml --out results/baseline
  jazari-planner solve scenarios/roadmap-2030.yaml --out results/roadmap
  jazari-planner solve scenarios/baseline.yaml --out results/fast --set solver.time_limit=5
  jazari-planner solve scenarios/cohesion.yaml --out results/cohesion --pptx --force

{_EXIT_CODES}"""

_FRONTIER_EPILOG = f"""\
Traces the trade-off between efficiency (the mean fit, needier regions weighted up by
equity) and balance (the mean fit of the balance_focus worst-served regions): the plans no
other plan beats on both, from the most efficient to the most balanced, by the
epsilon-constraint method of docs/model.md §7 (N balance levels, N + 2 solves). Every rule
of the scenario holds at every point; its own balance (λ) only marks its own plan.

DIR receives: frontier.csv (a row per point: rank, efficiency, balance, floor, mean_fit,
gini, the pairs gained and lost against the most efficient plan, knee, status, gap),
frontier.png (the chart, the knee and the scenario's own plan marked), assignments.csv
(every point's assignments, by point) and summary.json. Written like `solve`'s folder:
complete or not at all; a folder holding other files is replaced only with --force.

examples:
  jazari-planner frontier scenarios/baseline.yaml --out results/frontier
  jazari-planner frontier scenarios/cohesion.yaml --out results/cohesion-frontier --points 21
  jazari-planner frontier scenarios/baseline.yaml --out results/f --set balance_focus=1

{_EXIT_CODES}"""

_SCENARIOS_EPILOG = f"""\
Lists the scenarios that ship with the package (a file, its name and what it asks), and
copies them out with --copy: every scenario, the data files they name (keeping the folder
layout, so their relative `data:` paths still work) and their README. Existing files are
never replaced without --force; with --force only the shipped files' names are replaced.

examples:
  jazari-planner scenarios
  jazari-planner scenarios --copy my-scenarios
  jazari-planner solve my-scenarios/baseline.yaml --out results/baseline

{_EXIT_CODES}"""

_COMPARE_EPILOG = f"""\
DIR receives: comparison.csv (a row per scenario: status, objective, every measure, solve
time), assignments.csv (region by scenario: the themes each scenario gives each region),
comparison.html (self-contained: opens offline, maps embedded) and comparison.md. Every
file is checked before any is solved. If a scenario is infeasible, the comparison is still
written (its row says so) and the exit code is 3.

examples:
  jazari-planner compare scenarios/*.yaml --out results/comparison
  jazari-planner compare scenarios/baseline.yaml scenarios/cohesion.yaml --out results/two

{_EXIT_CODES}"""


# --------------------------------------------------------------------------- arguments


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with code 2 and a hint."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n  fix: see `{self.prog} --help`\n")


def build_parser() -> argparse.ArgumentParser:
    """The ``jazari-planner`` argument parser and its commands."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="jazari-planner",
        description="Plan the thematic specializations of Morocco's Jazari AI institutes "
        "from YAML scenario files.",
        epilog=_MAIN_EPILOG,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     parser_class=_Parser)

    validate = commands.add_parser(
        "validate", help="check scenario files without solving",
        description="Check scenario files without solving them.",
        epilog=_VALIDATE_EPILOG, formatter_class=formatter)
    validate.add_argument("scenarios", nargs="+", metavar="SCENARIO",
                          help="scenario YAML files (globs such as scenarios/*.yaml are expanded)")
    _quiet(validate)

    solve = commands.add_parser(
        "solve", help="solve one scenario and write its outputs to DIR",
        description="Solve one scenario and write its plan's files to DIR.",
        epilog=_SOLVE_EPILOG, formatter_class=formatter)
    solve.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    solve.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    _overrides(solve)
    solve.add_argument("--pptx", action="store_true", help="also write deck.pptx")
    _force(solve)
    _quiet(solve)

    compare = commands.add_parser(
        "compare", help="solve several scenarios and compare them in DIR",
        description="Solve several scenarios and write a side-by-side comparison to DIR.",
        epilog=_COMPARE_EPILOG, formatter_class=formatter)
    compare.add_argument("scenarios", nargs="+", metavar="SCENARIO",
                         help="scenario YAML files (globs such as scenarios/*.yaml are expanded)")
    compare.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    _force(compare)
    _quiet(compare)

    frontier = commands.add_parser(
        "frontier", help="trace the efficiency-balance trade-off of one scenario into DIR",
        description="Trace the plans that trade efficiency for balance and write them to DIR.",
        epilog=_FRONTIER_EPILOG, formatter_class=formatter)
    frontier.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    frontier.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    frontier.add_argument("--points", type=_points, default=11, metavar="N",
                          help="balance levels to try, 2 to 201 (default 11); more levels "
                          "may find more points")
    frontier.add_argument("--set", dest="overrides", action="append", default=[],
                          metavar="KEY.PATH=VALUE",
                          help="override a scenario value for this run (repeatable)")
    _force(frontier)
    _quiet(frontier)

    scenarios = commands.add_parser(
        "scenarios", help="list the shipped scenarios, or copy them to DIR",
        description="List the scenarios that ship with the package, or copy them to DIR.",
        epilog=_SCENARIOS_EPILOG, formatter_class=formatter)
    scenarios.add_argument("--copy", metavar="DIR",
                           help="copy the scenarios and their data files to this folder")
    scenarios.add_argument("--force", action="store_true",
                           help="replace files of the same names already in DIR")
    _add_sweep_commands(commands, formatter)
    return parser


def _points(value: str) -> int:
    """``--points``: a whole number of balance levels, 2 to 201."""
    from .frontier import MAX_POINTS

    try:
        points = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 2 <= points <= MAX_POINTS:
        raise argparse.ArgumentTypeError(f"{points} is outside 2…{MAX_POINTS}")
    return points
_ROBUSTNESS_EPILOG = f"""\
Solves the scenario, then N more times with every group and profile weight multiplied
by exp(σξ) and every indicator value by (1 + νξ) (2ν for estimates), ξ standard normal;
sample i is drawn from (seed, i) alone, so the answer is the same on any machine or
number of processes. DIR receives: acceptability.csv (region × theme: the share of the
samples with a plan that choose the pair), confidence.csv (the plan's pairs with that
share), samples.csv (each sample's status and distance to the plan), robustness.json,
acceptability.png (the heat map) and map.html (badges showing confidence). The
folder is written aside and moved into place only when complete, as with `solve`.

examples:
  jazari-planner robustness scenarios/baseline.yaml --out results/robust
  jazari-planner robustness scenarios/baseline.yaml --out results/robust --samples 2000 --jobs 2
  jazari-planner robustness scenarios/baseline.yaml --out results/robust \\
      --scheduler tcp://HOST:8786    # a Dask cluster (pip install jazari-planner[distributed])

{_EXIT_CODES}"""

_ALTERNATIVES_EPILOG = f"""\
Solves the scenario, then finds up to K more plans, each the best within D (a share) of
the plan's objective that differs in at least C pairs from the plan and from every
alternative before it; and, for each pair of the plan, the objective lost when it is
locked out (replacement cost). DIR receives: alternatives.csv (one row per plan, the
plan first: objective, shortfall, pairs added and removed, every measure),
assignments.csv (region × plan), replacement_cost.csv and summary.json.

examples:
  jazari-planner alternatives scenarios/baseline.yaml --out results/alternatives
  jazari-planner alternatives scenarios/baseline.yaml --out results/alt -n 10 --within 0.05

{_EXIT_CODES}"""


def _add_sweep_commands(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    """The ``robustness`` and ``alternatives`` commands (docs/model.md §8–9)."""
    robustness = commands.add_parser(
        "robustness", help="how sure each assignment is: re-solve on perturbed inputs",
        description="Measure how sure each assignment of a scenario's plan is, by solving it "
        "again on perturbed weights and values.",
        epilog=_ROBUSTNESS_EPILOG, formatter_class=formatter)
    robustness.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    robustness.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    robustness.add_argument("--samples", type=_whole(1), default=500, metavar="N",
                            help="perturbed samples to solve (default 500)")
    robustness.add_argument("--weight-spread", type=_share, default=0.25, metavar="σ",
                            help="spread of the weights' log-normal factors (default 0.25)")
    robustness.add_argument("--value-noise", type=_share, default=0.05, metavar="ν",
                            help="relative noise on indicator values (default 0.05)")
    robustness.add_argument("--seed", type=_whole(0), default=0, metavar="S",
                            help="the seed: sample i draws from (S, i) (default 0)")
    workers = robustness.add_mutually_exclusive_group()
    workers.add_argument("--jobs", type=_whole(1), metavar="J",
                         help="processes on this machine (default: one per core, or one "
                         "for small work)")
    workers.add_argument("--scheduler", metavar="ADDR",
                         help="a Dask scheduler, e.g. tcp://HOST:8786, to spread the samples "
                         "over its workers")
    _overrides(robustness)
    _force(robustness)
    _quiet(robustness)

    alternatives = commands.add_parser(
        "alternatives", help="near-optimal alternative plans and each pair's replacement cost",
        description="Find near-optimal alternatives to a scenario's plan and what each of its "
        "pairs is worth.",
        epilog=_ALTERNATIVES_EPILOG, formatter_class=formatter)
    alternatives.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    alternatives.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    alternatives.add_argument("-n", type=_whole(1), default=5, metavar="K",
                              help="at most K alternatives (default 5)")
    alternatives.add_argument("--within", type=_share, default=0.02, metavar="D",
                              help="share of the objective an alternative may lose "
                              "(default 0.02: 2 %%)")
    alternatives.add_argument("--min-changes", type=_whole(1), default=2, metavar="C",
                              help="pairs in which each plan differs from every other "
                              "(default 2)")
    _overrides(alternatives)
    _force(alternatives)
    _quiet(alternatives)


def _whole(least: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"{value} is below {least}")
        return value

    return parse


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not a finite number ≥ 0")
    return value


def _overrides(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", dest="overrides", action="append", default=[],
                        metavar="KEY.PATH=VALUE",
                        help="override a scenario value for this run (repeatable)")


def _force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace DIR even if it holds files this tool did not write "
                        "(never a folder holding the run's inputs, the package, a git "
                        "repository, the current or the home folder)")


def _quiet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jazari-planner")
    except PackageNotFoundError:
        return "unknown"


# --------------------------------------------------------------------------- helpers


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


class _Console:
    """Progress on standard error, unless quiet."""

    def __init__(self, *, quiet: bool, stream: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr

    def progress(self, message: str) -> None:
        if not self.quiet:
            _print(message, stream=self.stream)

    def paced(self, unit: str = "solves") -> Callable[[int, int], None]:
        """A ``progress(done, total)`` that says the rate and the time left, a line a second
        at most (and the last)."""
        from .progress import Pace

        pace = Pace()
        shown = [-1.0]

        def report(done: int, total: int) -> None:
            if done == total or pace.elapsed() - shown[0] >= 1.0:
                shown[0] = pace.elapsed()
                self.progress(f"  {pace.describe(done, total, unit=unit)}")

        return report


def _print(text: str, *, stream: TextIO | None = None) -> None:
    """Print ``text`` with its control characters escaped: a scenario or region name holding
    an ANSI escape sequence must not repaint or hide the terminal's text."""
    print(terminal_text(text), file=stream or sys.stdout, flush=True)


def _error(error: JazariError) -> None:
    _print(f"error: {error}", stream=sys.stderr)


class _Loaded:
    """A checked scenario with its dataset and the files it reads."""

    def __init__(self, scenario: Scenario, dataset: Dataset, inputs: list[Path]) -> None:
        self.scenario = scenario
        self.dataset = dataset
        self.inputs = inputs


class _Datasets:
    """Loads each distinct set of data files once (several scenarios often share them)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[tuple[str, str], ...], Dataset] = {}

    def load(self, paths: dict[str, Path]) -> Dataset:
        key = tuple(sorted((role, str(path)) for role, path in paths.items()))
        if key not in self._cache:
            from .data import load_dataset

            self._cache[key] = load_dataset(
                indicators=paths.get("indicators"), catalogue=paths.get("catalogue"),
                themes=paths.get("themes"), regions=paths.get("regions"))
        return self._cache[key]


def _load(file: Path, datasets: _Datasets, overrides: Sequence[str] = ()) -> _Loaded:
    """Read, override and check one scenario file against its data; InputError if bad."""
    scenario = from_yaml(file)
    for override in overrides:
        scenario = apply_override(scenario, override)
    paths = data_paths(scenario)
    dataset = datasets.load(paths)
    check_against(scenario, dataset)
    from .outputs import input_files

    return _Loaded(scenario, dataset, input_files(scenario, dataset))


@contextmanager
def _solver_chatter_to_stderr() -> Iterator[None]:
    """Send what the solver library prints on file descriptor 1 to standard error.

    Standard output carries only results (so scripts can read it); HiGHS prints its
    banner from C, below Python's ``sys.stdout``, hence the descriptor-level redirection.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real descriptor (an embedding host): nothing to redirect
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def _solve(loaded: _Loaded, console: _Console, *, prefix: str = "") -> Plan:
    from .plan import solve

    options = loaded.scenario.solver
    limit = f", time limit {options.time_limit:g} s" if options.time_limit else ""
    console.progress(f"{prefix}solving {loaded.scenario.name!r} ({options.name}{limit}) …")
    started = time.perf_counter()
    with _solver_chatter_to_stderr():
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


def _report_infeasible(plan: Plan, source: Path) -> None:
    from .rule_wording import collision_head, fix_text

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
    _print("\n".join(lines), stream=sys.stderr)


# --------------------------------------------------------------------------- commands


def _validate(args: argparse.Namespace) -> int:
    console = _Console(quiet=args.quiet)
    datasets = _Datasets()
    failed = 0
    files = expand_patterns(args.scenarios)
    for file in files:
        try:
            loaded = _load(file, datasets)
        except InputError as error:
            _error(error)
            failed += 1
            continue
        _print(f"ok  {file}  ({loaded.scenario.name})")
    if len(files) > 1:
        console.progress(f"{len(files) - failed} of {len(files)} scenario files are valid")
    return EXIT_INPUT if failed else EXIT_OK


def _load_and_solve(args: argparse.Namespace, console: _Console) -> tuple[_Loaded, Plan | None]:
    """``args.scenario`` read and checked, ``--out`` checked, then solved; ``None`` (the
    collision already reported) when infeasible."""
    from .output_folder import check_output_dir

    file = Path(args.scenario)
    loaded = _load(file, _Datasets(), args.overrides)
    check_output_dir(args.out, force=args.force, protect=loaded.inputs)
    plan = _solve(loaded, console)
    if plan.status == "infeasible":
        _report_infeasible(plan, file)
        return loaded, None
    return loaded, plan


def _solve_command(args: argparse.Namespace) -> int:
    from .outputs import write_plan

    console = _Console(quiet=args.quiet)
    loaded, plan = _load_and_solve(args, console)
    if plan is None:
        return EXIT_INFEASIBLE
    console.progress(f"writing {args.out} …")
    out = write_plan(plan, args.out, overrides=args.overrides, pptx=args.pptx, force=args.force,
                     progress=lambda m: console.progress(f"  {m}"))
    _print(f"{plan.status}: {loaded.scenario.name} -> {out}")
    return EXIT_OK


def _compare_command(args: argparse.Namespace) -> int:
    from .output_folder import check_output_dir
    from .outputs import write_comparison

    console = _Console(quiet=args.quiet)
    datasets = _Datasets()
    files = expand_patterns(args.scenarios)
    loaded: list[_Loaded] = []
    problems: list[InputError] = []
    for file in files:
        try:
            loaded.append(_load(file, datasets))
        except InputError as error:
            problems.append(error)
    if problems:
        for problem in problems:
            _error(problem)
        _print(f"error: {len(problems)} of {len(files)} scenario files are invalid; nothing was "
               "solved or written", stream=sys.stderr)
        return EXIT_INPUT
    inputs = [path for item in loaded for path in item.inputs]
    check_output_dir(args.out, force=args.force, protect=inputs)
    plans: list[Plan] = []
    for index, (file, item) in enumerate(zip(files, loaded, strict=True), start=1):
        plan = _solve(item, console, prefix=f"[{index}/{len(files)}] ")
        if plan.status == "infeasible":
            _report_infeasible(plan, file)
        plans.append(plan)
    console.progress(f"writing {args.out} …")
    out = write_comparison(plans, args.out, force=args.force,
                           progress=lambda m: console.progress(f"  {m}"))
    _print(f"compared {len(plans)} scenarios -> {out}")
    return EXIT_INFEASIBLE if any(p.status == "infeasible" for p in plans) else EXIT_OK


def _frontier_command(args: argparse.Namespace) -> int:
    from .frontier import frontier
    from .output_folder import check_output_dir
    from .outputs import write_frontier

    console = _Console(quiet=args.quiet)
    file = Path(args.scenario)
    loaded = _load(file, _Datasets(), args.overrides)
    check_output_dir(args.out, force=args.force, protect=loaded.inputs)
    options = loaded.scenario.solver
    console.progress(f"tracing the frontier of {loaded.scenario.name!r}: {args.points} balance "
                     f"levels, {args.points + 2} solves ({options.name}) …")
    with _solver_chatter_to_stderr():
        result = frontier(loaded.scenario, loaded.dataset, points=args.points,
                          progress=console.paced())
    if not result.feasible:
        _report_infeasible(result.scenario_plan, file)
        return EXIT_INFEASIBLE
    table = result.table
    knee = table.loc[table["knee"]].iloc[0]
    console.progress(f"  {len(result.plans)} points kept; the knee is point {knee['rank']} "
                     f"(efficiency {knee['efficiency']:.4f}, balance {knee['balance']:.4f})")
    for rank, plan in zip(table["rank"], result.plans, strict=True):
        if plan.status == "feasible":
            gap = f"{100 * plan.gap:.2f} %" if plan.gap is not None else "unknown"
            console.progress(f"  warning: point {rank} stopped at the solver's limit (gap "
                             f"{gap}); raise solver.time_limit for a proven one")
    console.progress(f"writing {args.out} …")
    out = write_frontier(result, args.out, overrides=args.overrides, force=args.force,
                         progress=lambda m: console.progress(f"  {m}"))
    _print(f"{len(result.plans)} points: {loaded.scenario.name} -> {out}")
    return EXIT_OK


def _scenarios_command(args: argparse.Namespace) -> int:
    from .shipped import copy_scenarios, shipped_scenarios

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


@contextmanager
def _sweep_executor(scheduler: str | None) -> Iterator[Any]:
    """A Dask executor on ``scheduler`` (closed at the end), or ``None`` for this machine."""
    if scheduler is None:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask's distributed package", source="--scheduler",
                         fix="pip install 'jazari-planner[distributed]', or drop --scheduler "
                         "to use this machine's cores") from None
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"cannot reach the Dask scheduler {scheduler!r} ({error})",
                         source="--scheduler",
                         fix="start one (dask scheduler; dask worker ADDR) and give its "
                         "address as tcp://HOST:8786") from None
    try:
        yield client.get_executor()
    finally:
        client.close()


def _robustness_command(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .output_folder import check_output_dir
    from .outputs import write_robustness
    from .robustness import robustness

    console = _Console(quiet=args.quiet)
    loaded = _load(Path(args.scenario), _Datasets(), args.overrides)
    check_output_dir(args.out, force=args.force, protect=loaded.inputs)
    console.progress(f"solving {loaded.scenario.name!r}, then {args.samples} perturbed samples "
                     f"(σ {args.weight_spread:g}, ν {args.value_noise:g}, seed {args.seed}) …")
    with _sweep_executor(args.scheduler) as executor, _solver_chatter_to_stderr(), \
            tqdm(total=args.samples, unit="sample", file=sys.stderr, disable=args.quiet,
                 dynamic_ncols=True) as bar:
        result = robustness(loaded.scenario, loaded.dataset, samples=args.samples,
                            weight_spread=args.weight_spread, value_noise=args.value_noise,
                            seed=args.seed, executor=executor, jobs=args.jobs,
                            progress=lambda done, _total: bar.update(done - bar.n))
    console.progress(f"  {result.solved} of {args.samples} samples with a plan "
                     f"({result.infeasible} infeasible, {result.limited} at the time limit) "
                     f"in {result.seconds:.1f} s on {result.workers} worker(s)")
    console.progress(f"writing {args.out} …")
    out = write_robustness(result, args.out, overrides=args.overrides, force=args.force,
                           progress=lambda m: console.progress(f"  {m}"))
    _print(f"robustness: {loaded.scenario.name}: stable core {len(result.stable_core)} pairs, "
           f"{len(result.contested)} contested, similarity {result.similarity:.2f} -> {out}")
    return EXIT_OK


def _alternatives_command(args: argparse.Namespace) -> int:
    from .alternatives import alternatives, replacement_cost
    from .outputs import write_alternatives

    console = _Console(quiet=args.quiet)
    loaded, plan = _load_and_solve(args, console)
    if plan is None:
        return EXIT_INFEASIBLE
    console.progress(f"finding up to {args.n} alternatives within {100 * args.within:g} % "
                     f"and {args.min_changes} changes …")
    with _solver_chatter_to_stderr():
        found = alternatives(plan, n=args.n, within=args.within, min_changes=args.min_changes,
                             progress=console.paced())
        console.progress(f"  {len(found)} found; pricing the plan's {len(plan.assignments)} "
                         "pairs (one re-solve each) …")
        costs = replacement_cost(plan, progress=console.paced("re-solves"))
    console.progress(f"writing {args.out} …")
    options = {"n": args.n, "within": args.within, "min_changes": args.min_changes}
    out = write_alternatives(plan, found, costs, args.out, options=options,
                             overrides=args.overrides, force=args.force)
    _print(f"alternatives: {loaded.scenario.name}: {len(found)} found -> {out}")
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "solve": _solve_command,
    "compare": _compare_command,
    "frontier": _frontier_command,
    "scenarios": _scenarios_command,
    "robustness": _robustness_command,
    "alternatives": _alternatives_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (also the ``jazari-planner`` script)."""
    args = build_parser().parse_args(argv)
    # The imported libraries (pandas, GeoPandas, PuLP…) live as long as this short process:
    # moved out of the collector's sight, they are not rescanned by every full collection
    # while maps are drawn (about a tenth of `compare`'s time).
    gc.freeze()
    try:
        return _COMMANDS[args.command](args)
    except InputError as error:
        _error(error)
        return EXIT_INPUT
    except JazariError as error:
        _error(error)
        return error.exit_code
    except OSError as error:  # a folder that cannot be created or written, a full disk…
        where = f"{error.filename}: " if error.filename else ""
        _print(f"error: {where}{error.strerror or error}\n  fix: check that the --out folder's "
               "parent exists, is writable and has free space; nothing was written",
               stream=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; no output folder was written or changed", file=sys.stderr)
        return EXIT_INTERRUPTED
