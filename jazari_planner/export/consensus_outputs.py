"""Writing a consensus's and a stability analysis's files (docs/model.md §11–12), atomically.

Like every output folder (:mod:`~jazari_planner.export.outputs`): written into a temporary folder
that :func:`~jazari_planner.export.output_folder.output_directory` swaps into place once complete,
never replacing the run's own inputs, and a folder it did not write only with ``force=True``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..results.schedule import BY_YEAR_COLUMNS, SCHEDULE_COLUMNS
from ..results.tables import ASSIGNMENT_COLUMNS, REGION_COLUMNS
from .output_folder import output_directory
from .outputs import _jsonable, csv_text, input_files, plan_summary

if TYPE_CHECKING:
    from ..analysis.consensus import Consensus
    from ..analysis.stability import Stability
    from ..results.plan import Plan

__all__ = ["stakeholder_assignments", "write_consensus", "write_stability"]


def _csv(frame: pd.DataFrame, path: Path) -> None:
    path.write_text(csv_text(frame), encoding="utf-8", newline="")


def _json(data: object, path: Path) -> None:
    path.write_text(json.dumps(_jsonable(data), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def stakeholder_assignments(result: Consensus) -> pd.DataFrame:
    """Every stakeholder's own assignments, stacked, named in a first ``stakeholder`` column."""
    frames = [plan.assignments.loc[:, ASSIGNMENT_COLUMNS].assign(stakeholder=name)
              for name, plan in result.plans.items()]
    stacked = pd.concat(frames, ignore_index=True)
    return stacked.loc[:, ["stakeholder", *ASSIGNMENT_COLUMNS]]


def _plan_files(plan: Plan, folder: Path) -> None:
    """The plan's tables of docs/model.md §6 (and a roadmap's schedule)."""
    _csv(plan.assignments.loc[:, ASSIGNMENT_COLUMNS], folder / "assignments.csv")
    _csv(pd.DataFrame(plan.regions.loc[:, REGION_COLUMNS]), folder / "regions.csv")
    _csv(plan.strength, folder / "strength.csv")
    if plan.schedule is not None and plan.by_year is not None:
        _csv(plan.schedule.loc[:, SCHEDULE_COLUMNS], folder / "schedule.csv")
        _csv(plan.by_year.loc[:, BY_YEAR_COLUMNS], folder / "by_year.csv")


def write_consensus(result: Consensus, out: str | Path, *, overrides: Sequence[str] = (),
                    force: bool = False, progress: Callable[[str], None] | None = None) -> Path:
    """Write a consensus's files to ``out`` atomically; return the folder.

    ``consensus.csv`` (a row per stakeholder: weights, parameters, own optimum, objective
    under the consensus, regret), the consensus plan's ``assignments.csv``, ``regions.csv``,
    ``strength.csv`` (and a roadmap's ``schedule.csv``, ``by_year.csv``),
    ``stakeholder_assignments.csv`` (each stakeholder's own plan), ``summary.json``,
    ``regret.png`` (the bars), ``map.html`` (the consensus, each pair's agreement) and
    ``map.png``.
    """
    say = progress or (lambda _message: None)
    plan = result.plan
    describe = {"command": "consensus", "scenario": plan.scenario.name}
    with output_directory(out, force=force, protect=input_files(plan.scenario, plan.dataset),
                          describe=describe) as folder:
        _csv(result.regret, folder / "consensus.csv")
        _plan_files(plan, folder)
        _csv(stakeholder_assignments(result), folder / "stakeholder_assignments.csv")
        _json({"max_regret": result.max_regret, "mean_regret": result.mean_regret,
               "agreed": [list(c) for c in result.agreed],
               "contested": [list(c) for c in result.contested],
               "plan": plan_summary(plan, overrides=overrides)}, folder / "summary.json")
        from ..presentation import save_figure
        from ..presentation.consensus_figure import consensus_map, save_regret
        from ..presentation.webmap import offline_html

        say("drawing regret.png")
        save_regret(result, folder / "regret.png")
        say("drawing map.html")
        (folder / "map.html").write_text(offline_html(consensus_map(result)), encoding="utf-8")
        say("drawing map.png")
        save_figure(plan, folder / "map.png")
    return Path(out).expanduser().resolve()


def write_stability(result: Stability, out: str | Path, *, overrides: Sequence[str] = (),
                    force: bool = False, progress: Callable[[str], None] | None = None) -> Path:
    """Write a stability analysis's files to ``out`` atomically; return the folder.

    ``stability.csv`` (a row per setting: value, interval, whether each end is the range's,
    the probes beyond and the pairs gained and lost there), ``stability_pairs.csv`` (per
    pair of the plan, the nearest change that removes it), the plan's ``assignments.csv``,
    ``summary.json`` and ``tornado.png``.
    """
    say = progress or (lambda _message: None)
    plan = result.plan
    describe = {"command": "stability", "scenario": plan.scenario.name}
    with output_directory(out, force=force, protect=input_files(plan.scenario, plan.dataset),
                          describe=describe) as folder:
        _csv(result.table, folder / "stability.csv")
        _csv(result.pairs, folder / "stability_pairs.csv")
        _csv(plan.assignments.loc[:, ASSIGNMENT_COLUMNS], folder / "assignments.csv")
        _json({"tol": result.tol, "re_solves": result.probes,
               "plan": plan_summary(plan, overrides=overrides)}, folder / "summary.json")
        from ..presentation.stability_figure import save_tornado

        say("drawing tornado.png")
        save_tornado(result, folder / "tornado.png")
    return Path(out).expanduser().resolve()
