"""The ``jazari-planner`` argument parser: its commands, their options and their ``--help``."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

from pydantic import BaseModel

from ..scenario.fields import scalar_fields
from ..scenario.schema import Scenario
from .arguments import (
    add_force,
    add_overrides,
    add_quiet,
    points,
    samples,
    share,
    value_noise,
    weight_spread,
    whole,
)
from .exit_codes import EXIT_CODES_HELP, EXIT_INPUT

__all__ = ["OVERRIDE_EXAMPLES", "build_parser", "overrides_help"]

#: ``--set`` examples for the keys below one value (mappings, per theme or region).
OVERRIDE_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("themes.energy.max=3", "at most 3 regions specialize in energy"),
    ("regions.default.max=3", "every region may carry up to 3 themes"),
    ("weights.academic=2", "w_g of a strength group (economic, academic, infrastructure)"),
)
#: The scalar keys whose text is not worth a line in ``--set`` help (set in the file).
_NOT_SET_HELP = frozenset({"name", "description", "description_fr", "description_ar"})


def overrides_help(model: type[BaseModel] = Scenario) -> str:
    """The ``--set`` lines of ``solve --help``: one per scalar scenario key, read off the
    :class:`~jazari_planner.scenario.schema.Scenario` model (its default, range and
    description), then :data:`OVERRIDE_EXAMPLES`."""
    lines = []
    for field in scalar_fields(model):
        if field.key in _NOT_SET_HELP:
            continue
        example = field.default if field.default is not None else "null"
        text = "; ".join(w for w in (field.description, field.range_text) if w)
        lines.append(_help_line(f"{field.key}={example}", text))
    lines += [_help_line(example, text) for example, text in OVERRIDE_EXAMPLES]
    return "\n".join(lines)


def _help_line(example: str, text: str) -> str:
    """``  --set EXAMPLE   text``, the text wrapped under itself within 96 columns."""
    head = f"  --set {example:<26}"
    return textwrap.fill(text, width=96, initial_indent=head,
                         subsequent_indent=" " * len(head)) if text else head.rstrip()

_MAIN_EPILOG = f"""\
examples:
  jazari-planner validate scenarios/*.yaml
  jazari-planner solve scenarios/baseline.yaml --out results/baseline
  jazari-planner solve scenarios/baseline.yaml --out results/what-if --set balance=0.8
  jazari-planner compare scenarios/*.yaml --out results/comparison
  jazari-planner frontier scenarios/baseline.yaml --out results/frontier
  jazari-planner robustness scenarios/baseline.yaml --out results/robust --samples 500
  jazari-planner alternatives scenarios/baseline.yaml --out results/alternatives -n 5
  jazari-planner stakes scenarios/baseline.yaml --out results/stakes  # figures to measure
  jazari-planner consensus scenarios/stakeholders.yaml --out results/consensus
  jazari-planner stability scenarios/baseline.yaml --out results/stability
  jazari-planner scenarios --copy my-scenarios     # the shipped scenarios, to start from

Run `jazari-planner COMMAND --help` for a command's options.

{EXIT_CODES_HELP}"""

_VALIDATE_EPILOG = f"""\
Checks each file's keys, types and ranges, then its region, theme and indicator names
against its data (the embedded data unless the scenario's `data:` says otherwise).
Nothing is solved or written.

examples:
  jazari-planner validate scenarios/baseline.yaml
  jazari-planner validate scenarios/*.yaml      # every file; all problems reported

{EXIT_CODES_HELP}"""

_SOLVE_EPILOG = f"""\
DIR receives: assignments.csv, regions.csv, strength.csv, summary.json, map.html,
map.png (and deck.pptx with --pptx); a scenario with a phasing: block (a roadmap) adds
schedule.csv, by_year.csv, timeline.png and roadmap.png. The files are written to a
temporary folder next to DIR and moved into place only when all are complete. DIR may be
new, empty or a previous output of this tool; a folder holding other files is replaced
only with --force.

overrides (--set KEY.PATH=VALUE, repeatable, recorded in summary.json):
{overrides_help()}

examples:
  jazari-planner solve scenarios/baseline.yaml --out results/baseline
  jazari-planner solve scenarios/roadmap-2030.yaml --out results/roadmap
  jazari-planner solve scenarios/baseline.yaml --out results/fast --set solver.time_limit=5
  jazari-planner solve scenarios/cohesion.yaml --out results/cohesion --pptx --force

{EXIT_CODES_HELP}"""

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

{EXIT_CODES_HELP}"""

_SCENARIOS_EPILOG = f"""\
Lists the scenarios that ship with the package (a file, its name and what it asks), and
copies them out with --copy: every scenario, the data files they name (keeping the folder
layout, so their relative `data:` paths still work) and their README. Existing files are
never replaced without --force; with --force only the shipped files' names are replaced.

examples:
  jazari-planner scenarios
  jazari-planner scenarios --copy my-scenarios
  jazari-planner solve my-scenarios/baseline.yaml --out results/baseline

{EXIT_CODES_HELP}"""

_COMPARE_EPILOG = f"""\
DIR receives: comparison.csv (a row per scenario: status, objective, every measure, solve
time), assignments.csv (region by scenario: the themes each scenario gives each region),
comparison.html (self-contained: opens offline, maps embedded) and comparison.md. Every
file is checked before any is solved. If a scenario is infeasible, the comparison is still
written (its row says so) and the exit code is 3.

examples:
  jazari-planner compare scenarios/*.yaml --out results/comparison
  jazari-planner compare scenarios/baseline.yaml scenarios/cohesion.yaml --out results/two

{EXIT_CODES_HELP}"""


_ROBUSTNESS_EPILOG = f"""\
Solves the scenario, then N more times with every group and profile weight multiplied
by exp(σξ) and every indicator value by (1 + mνξ), ξ standard normal, m from the value's
confidence (1 exact or secondary, 2 derived, 4 gap; a value without one: 2 for an
indicator the catalogue flags as an estimate, else 1);
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

{EXIT_CODES_HELP}"""

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

{EXIT_CODES_HELP}"""

_STAKES_EPILOG = f"""\
Solves the scenario, then again with each indicator value whose confidence is not
exact at each end of its interval (secondary ±10 %, derived ±25 %, gap ±50 %), everything
else as it is. A value's stake is the larger share of the objective today's plan would
lose there against the best plan (docs/model.md §13): 0, the plan stands wherever in its
interval the figure lies; the others, largest first, are the figures worth measuring
before deciding. DIR receives: stakes.csv (one row per uncertain value: region,
indicator, value, confidence, interval, stake in percent, where it is reached and the
pairs that would change), stakes.png (the largest stakes) and summary.json. Written like
`solve`'s folder: complete or not at all.

examples:
  jazari-planner stakes scenarios/baseline.yaml --out results/stakes
  jazari-planner stakes scenarios/baseline.yaml --out results/stakes --set aggregation=additive

{EXIT_CODES_HELP}"""


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
    add_quiet(validate)

    solve = commands.add_parser(
        "solve", help="solve one scenario and write its outputs to DIR",
        description="Solve one scenario and write its plan's files to DIR.",
        epilog=_SOLVE_EPILOG, formatter_class=formatter)
    solve.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    solve.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    add_overrides(solve)
    solve.add_argument("--pptx", action="store_true", help="also write deck.pptx")
    add_force(solve)
    add_quiet(solve)

    compare = commands.add_parser(
        "compare", help="solve several scenarios and compare them in DIR",
        description="Solve several scenarios and write a side-by-side comparison to DIR.",
        epilog=_COMPARE_EPILOG, formatter_class=formatter)
    compare.add_argument("scenarios", nargs="+", metavar="SCENARIO",
                         help="scenario YAML files (globs such as scenarios/*.yaml are expanded)")
    compare.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    add_force(compare)
    add_quiet(compare)

    frontier = commands.add_parser(
        "frontier", help="trace the efficiency-balance trade-off of one scenario into DIR",
        description="Trace the plans that trade efficiency for balance and write them to DIR.",
        epilog=_FRONTIER_EPILOG, formatter_class=formatter)
    frontier.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    frontier.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    frontier.add_argument("--points", type=points, default=11, metavar="N",
                          help="balance levels to try, 2 to 201 (default 11); more levels "
                          "may find more points")
    add_overrides(frontier)
    add_force(frontier)
    add_quiet(frontier)

    scenarios = commands.add_parser(
        "scenarios", help="list the shipped scenarios, or copy them to DIR",
        description="List the scenarios that ship with the package, or copy them to DIR.",
        epilog=_SCENARIOS_EPILOG, formatter_class=formatter)
    scenarios.add_argument("--copy", metavar="DIR",
                           help="copy the scenarios and their data files to this folder")
    scenarios.add_argument("--force", action="store_true",
                           help="replace files of the same names already in DIR")
    _add_sweep_commands(commands, formatter)
    _add_stakes_command(commands, formatter)
    return parser


def _add_stakes_command(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    """The ``stakes`` command (docs/model.md §13)."""
    stakes = commands.add_parser(
        "stakes", help="which uncertain figures could change the plan: measure them first",
        description="Measure how much each uncertain indicator value could change a "
        "scenario's plan within its interval.",
        epilog=_STAKES_EPILOG, formatter_class=formatter)
    stakes.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    stakes.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    add_overrides(stakes)
    add_force(stakes)
    add_quiet(stakes)


def _add_sweep_commands(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    """The ``robustness``, ``alternatives``, ``consensus`` and ``stability`` commands
    (docs/model.md §8–9, §11–12)."""
    robustness = commands.add_parser(
        "robustness", help="how sure each assignment is: re-solve on perturbed inputs",
        description="Measure how sure each assignment of a scenario's plan is, by solving it "
        "again on perturbed weights and values.",
        epilog=_ROBUSTNESS_EPILOG, formatter_class=formatter)
    robustness.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    robustness.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    robustness.add_argument("--samples", type=samples, default=500, metavar="N",
                            help="perturbed samples to solve, 1 to 100000 (default 500)")
    robustness.add_argument("--weight-spread", type=weight_spread, default=0.25, metavar="σ",
                            help="spread of the weights' log-normal factors, 0 to 3 "
                            "(default 0.25)")
    robustness.add_argument("--value-noise", type=value_noise, default=0.05, metavar="ν",
                            help="relative noise on indicator values, 0 to 1 (default 0.05)")
    robustness.add_argument("--seed", type=whole(0), default=0, metavar="S",
                            help="the seed: sample i draws from (S, i) (default 0)")
    workers = robustness.add_mutually_exclusive_group()
    workers.add_argument("--jobs", type=whole(1), metavar="J",
                         help="processes on this machine (default: one per core, or one "
                         "for small work)")
    workers.add_argument("--scheduler", metavar="ADDR",
                         help="a Dask scheduler, e.g. tcp://HOST:8786, to spread the samples "
                         "over its workers")
    add_overrides(robustness)
    add_force(robustness)
    add_quiet(robustness)

    alternatives = commands.add_parser(
        "alternatives", help="near-optimal alternative plans and each pair's replacement cost",
        description="Find near-optimal alternatives to a scenario's plan and what each of its "
        "pairs is worth.",
        epilog=_ALTERNATIVES_EPILOG, formatter_class=formatter)
    alternatives.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    alternatives.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    alternatives.add_argument("-n", type=whole(1), default=5, metavar="K",
                              help="at most K alternatives (default 5)")
    alternatives.add_argument("--within", type=share, default=0.02, metavar="D",
                              help="share of the objective an alternative may lose "
                              "(default 0.02: 2 %%)")
    alternatives.add_argument("--min-changes", type=whole(1), default=2, metavar="C",
                              help="pairs in which each plan differs from every other "
                              "(default 2)")
    alternatives.add_argument("--jobs", type=whole(1), metavar="J",
                              help="processes pricing the pairs (default: one per core when "
                              "the re-solves take a while, as on a roadmap; else one)")
    add_overrides(alternatives)
    add_force(alternatives)
    add_quiet(alternatives)

    consensus = commands.add_parser(
        "consensus", help="the stakeholders' consensus plan: least worst regret",
        description="Find the plan of least worst regret among a scenario's stakeholders "
        "and write it, with each party's own plan and regret, to DIR.",
        epilog=_CONSENSUS_EPILOG, formatter_class=formatter)
    consensus.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    consensus.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    add_overrides(consensus)
    add_force(consensus)
    add_quiet(consensus)

    stability = commands.add_parser(
        "stability", help="how far each setting can move before the plan changes",
        description="Find the stability interval of each setting around a scenario's plan "
        "and write them to DIR.",
        epilog=_STABILITY_EPILOG, formatter_class=formatter)
    stability.add_argument("scenario", metavar="SCENARIO", help="a scenario YAML file")
    stability.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    stability.add_argument("--tol", type=share, default=0.01, metavar="T",
                           help="each end to within this share of the setting's range "
                           "(default 0.01: 1 %%)")
    add_overrides(stability)
    add_force(stability)
    add_quiet(stability)


_CONSENSUS_EPILOG = f"""\
The plan the scenario's stakeholders (its stakeholders: list, 2 to 12 parties, each with
its own weights and optionally its own balance, balance_focus and equity) can best agree
on (docs/model.md §11): each party's own best plan first, then one MILP that makes the
largest regret (a party's shortfall from its own optimum, as a share of it) as small as it
can be, and among those plans the least mean regret. Every rule of the scenario (locks,
budget, bounds, a roadmap's years) holds for every party.

DIR receives: consensus.csv (a row per stakeholder: weights, parameters, own optimum,
objective under the consensus, regret, own pairs), the consensus plan's assignments.csv,
regions.csv, strength.csv (and a roadmap's schedule.csv, by_year.csv),
stakeholder_assignments.csv (each party's own plan), summary.json, regret.png (the bars),
map.html (each pair's share of parties that chose it) and map.png. Written like `solve`'s
folder: complete or not at all.

examples:
  jazari-planner consensus scenarios/stakeholders.yaml --out results/consensus
  jazari-planner consensus scenarios/stakeholders.yaml --out results/c --set budget=1500

{EXIT_CODES_HELP}"""

_STABILITY_EPILOG = f"""\
How far each of five settings (the economic, academic and infrastructure weights, balance
λ and equity β) can move alone before the scenario's plan stops being optimal
(docs/model.md §12): each end of the interval is found by re-solving (bracket, then
bisect) to within --tol of the setting's range (a weight's range is 0 to 10 times the
largest weight, λ's 0 to 1, β's 0 to 5).

DIR receives: stability.csv (a row per setting: value, lo, hi, whether each end is the
range's own, the points just beyond and the pairs gained and lost there),
stability_pairs.csv (per pair of the plan, the nearest change of one setting that removes
it), assignments.csv, summary.json and tornado.png.

examples:
  jazari-planner stability scenarios/baseline.yaml --out results/stability
  jazari-planner stability scenarios/cohesion.yaml --out results/s --tol 0.005

{EXIT_CODES_HELP}"""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jazari-planner")
    except PackageNotFoundError:
        return "unknown"

