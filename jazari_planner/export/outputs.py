"""Writing a plan's or a comparison's files (docs/model.md §6) so that nothing is ever lost.

The files are written into the folder :func:`~jazari_planner.export.output_folder.output_directory`
swaps into place atomically once complete; it never replaces a folder holding the run's own
inputs, and replaces a folder it did not write only with ``force=True``. Every CSV has its
text cells neutralized against formula injection (:func:`~jazari_planner.common.escaping.csv_safe`).
"""

from __future__ import annotations

import base64
import html
import json
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..common.escaping import csv_safe
from ..results.compare import (
    METRIC_DIRECTIONS,
    assignment_matrix,
    compare_plans,
    differences,
    reference_scenario,
    to_markdown,
)
from ..results.schedule import BY_YEAR_COLUMNS, SCHEDULE_COLUMNS
from ..results.tables import ASSIGNMENT_COLUMNS, REGION_COLUMNS
from .output_folder import output_directory

if TYPE_CHECKING:
    from ..analysis.frontier import Frontier
    from ..analysis.robustness import Robustness
    from ..analysis.stakes import DataStakes
    from ..data.dataset import Dataset
    from ..results.plan import Plan
    from ..scenario.schema import Scenario

__all__ = [
    "csv_text",
    "frontier_assignments",
    "frontier_schedule",
    "frontier_summary",
    "input_files",
    "plan_summary",
    "write_alternatives",
    "write_comparison",
    "write_frontier",
    "write_plan",
    "write_robustness",
    "write_stakes",
]


def input_files(scenario: Scenario, dataset: Dataset) -> list[Path]:
    """The files a run reads (its scenario file and data files), which no output may replace.

    The embedded data files are recorded as ``embedded:<name>``; their whole folder is
    guarded by :func:`~jazari_planner.export.output_folder.check_output_dir` anyway.
    """
    files = [scenario.path] if scenario.path is not None else []
    for part in dataset.provenance.values():
        recorded = part.get("path") if isinstance(part, dict) else None
        if recorded is not None and Path(str(recorded)).is_absolute():
            files.append(Path(str(recorded)))
    return files


# --------------------------------------------------------------------------- one plan


def plan_summary(plan: Plan, *, overrides: Sequence[str] = ()) -> dict[str, Any]:
    """``summary.json``: the plan's summary, the data's provenance and the ``--set`` overrides."""
    summary = dict(plan.summary())
    summary.setdefault("data", _jsonable(plan.dataset.provenance))
    summary["overrides"] = list(overrides)
    if plan.scenario.path is not None:
        summary.setdefault("scenario_file", str(plan.scenario.path))
    return summary


def write_plan(plan: Plan, out: str | Path, *, overrides: Sequence[str] = (), pptx: bool = False,
               force: bool = False, progress: Callable[[str], None] | None = None) -> Path:
    """Write a solved plan's files (docs/model.md §6) to ``out`` atomically; return the folder.

    A phased plan adds ``schedule.csv``, ``by_year.csv``, ``timeline.png`` and
    ``roadmap.png`` (docs/model.md §10). A folder holding the plan's own scenario or data
    files is never replaced.
    """
    say = progress or (lambda _message: None)
    describe = {"command": "solve", "scenario": plan.scenario.name}
    protect = input_files(plan.scenario, plan.dataset)
    with output_directory(out, force=force, protect=protect, describe=describe) as folder:
        # The columns of assignments.csv and regions.csv (docs/model.md §6), without geometry.
        _csv(plan.assignments.loc[:, ASSIGNMENT_COLUMNS], folder / "assignments.csv")
        _csv(pd.DataFrame(plan.regions.loc[:, REGION_COLUMNS]), folder / "regions.csv")
        _csv(plan.strength, folder / "strength.csv")
        _json(plan_summary(plan, overrides=overrides), folder / "summary.json")
        if plan.schedule is not None and plan.by_year is not None:  # a roadmap (§10)
            _csv(plan.schedule.loc[:, SCHEDULE_COLUMNS], folder / "schedule.csv")
            _csv(plan.by_year.loc[:, BY_YEAR_COLUMNS], folder / "by_year.csv")
        from ..presentation import save_deck, save_figure, save_map

        say("drawing map.html")
        save_map(plan, folder / "map.html")
        say("drawing map.png")
        save_figure(plan, folder / "map.png")
        if plan.schedule is not None:
            from ..presentation import save_roadmap_maps, save_timeline

            say("drawing timeline.png")
            save_timeline(plan, folder / "timeline.png")
            say("drawing roadmap.png")
            save_roadmap_maps(plan, folder / "roadmap.png")
        if pptx:
            say("building deck.pptx")
            save_deck(plan, folder / "deck.pptx")
    return Path(out).expanduser().resolve()


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as the planner writes every CSV (the CLI's files, the app's downloads).

    Its text cells are neutralized so that no spreadsheet runs them as formulas.
    """
    text: str = csv_safe(frame).to_csv(index=False, lineterminator="\n")
    return text


def _csv(frame: pd.DataFrame, path: Path) -> None:
    path.write_text(csv_text(frame), encoding="utf-8", newline="")


def _json(data: Mapping[str, Any], path: Path) -> None:
    path.write_text(json.dumps(_jsonable(data), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def _jsonable(value: Any) -> Any:
    """``value`` with numpy scalars, paths and NaN made JSON-safe (NaN as null)."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


# --------------------------------------------------------------------------- frontier


def frontier_assignments(frontier: Frontier) -> pd.DataFrame:
    """Every point's assignments in one table: ``point`` (its rank), then ``assignments.csv``'s
    columns."""
    frames = [plan.assignments.loc[:, ASSIGNMENT_COLUMNS].assign(point=rank)
              for rank, plan in zip(frontier.table["rank"], frontier.plans, strict=True)]
    columns = ["point", *ASSIGNMENT_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True).loc[:, columns]


def frontier_schedule(frontier: Frontier) -> pd.DataFrame | None:
    """A roadmap's frontier: every point's schedule in one table, ``point`` (its rank) then
    ``schedule.csv``'s columns; ``None`` without a roadmap."""
    if frontier.scenario_plan.schedule is None:
        return None
    return _stacked("point", list(frontier.table["rank"]), frontier.plans)


def _stacked(label: str, names: Sequence[Any], plans: Sequence[Plan]) -> pd.DataFrame:
    """The plans' schedules in one table, each row's plan named in the ``label`` column."""
    columns = [label, *SCHEDULE_COLUMNS]
    frames = [plan.schedule.loc[:, SCHEDULE_COLUMNS].assign(**{label: name})
              for name, plan in zip(names, plans, strict=True) if plan.schedule is not None]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True).loc[:, columns]


def frontier_summary(frontier: Frontier, *, overrides: Sequence[str] = ()) -> dict[str, Any]:
    """``summary.json`` of a frontier: the levels tried, the points kept, the knee, the
    scenario's own plan, the data's provenance and the ``--set`` overrides."""
    from ..analysis.frontier import plan_point

    own = frontier.scenario_plan
    table = frontier.table
    summary: dict[str, Any] = {
        "scenario": frontier.scenario.name,
        "levels": list(frontier.levels),
        "points": len(frontier.plans),
        "knee": frontier.knee_rank,
        "statuses": sorted(set(table["status"])),
        "scenario_plan": {"status": own.status, "objective": own.objective,
                          "efficiency": plan_point(own)[0] if own.feasible else None,
                          "balance": plan_point(own)[1] if own.feasible else None},
        "diagnosis": list(own.diagnosis),
        "data": _jsonable(own.dataset.provenance),
        "overrides": list(overrides),
    }
    if frontier.scenario.path is not None:
        summary["scenario_file"] = str(frontier.scenario.path)
    return summary


def write_frontier(frontier: Frontier, out: str | Path, *, overrides: Sequence[str] = (),
                   force: bool = False, progress: Callable[[str], None] | None = None) -> Path:
    """Write ``frontier.csv``, ``frontier.png``, ``assignments.csv`` (every point's, with its
    ``point``) and ``summary.json`` to ``out`` atomically; return the folder. A roadmap's
    frontier adds ``schedule.csv`` (every point's schedule, with its ``point``).

    A folder holding the scenario's own scenario or data files is never replaced.
    """
    say = progress or (lambda _message: None)
    own = frontier.scenario_plan
    describe = {"command": "frontier", "scenario": frontier.scenario.name}
    protect = input_files(frontier.scenario, own.dataset)
    with output_directory(out, force=force, protect=protect, describe=describe) as folder:
        _csv(frontier.table, folder / "frontier.csv")
        _csv(frontier_assignments(frontier), folder / "assignments.csv")
        schedule = frontier_schedule(frontier)
        if schedule is not None:  # a roadmap (§10)
            _csv(schedule, folder / "schedule.csv")
        _json(frontier_summary(frontier, overrides=overrides), folder / "summary.json")
        from ..presentation.frontier_figure import save_frontier

        say("drawing frontier.png")
        save_frontier(frontier, folder / "frontier.png")
    return Path(out).expanduser().resolve()


# --------------------------------------------------------------------------- comparison


def write_comparison(plans: Sequence[Plan], out: str | Path, *, force: bool = False,
                     progress: Callable[[str], None] | None = None) -> Path:
    """Write ``comparison.csv``, ``assignments.csv``, ``comparison.html`` and ``.md`` to ``out``.

    A folder holding any plan's scenario or data files is never replaced.
    """
    say = progress or (lambda _message: None)
    table = compare_plans(plans)
    matrix = assignment_matrix(plans)
    describe = {"command": "compare", "scenarios": [p.scenario.name for p in plans]}
    protect = [path for plan in plans for path in input_files(plan.scenario, plan.dataset)]
    with output_directory(out, force=force, protect=protect, describe=describe) as folder:
        _csv(table, folder / "comparison.csv")
        _csv(matrix, folder / "assignments.csv")
        (folder / "comparison.md").write_text(
            comparison_markdown(table, matrix), encoding="utf-8")
        maps: list[tuple[str, str | None]] = []
        for plan in plans:
            say(f"drawing the map of {plan.scenario.name}")
            maps.append((plan.scenario.name, _map_png_base64(plan)))
        (folder / "comparison.html").write_text(
            comparison_html(table, matrix, maps), encoding="utf-8")
    return Path(out).expanduser().resolve()


def _map_png_base64(plan: Plan) -> str | None:
    """The plan's static map as base64 PNG, or ``None`` for a plan without assignments."""
    if plan.status == "infeasible":
        return None
    from ..presentation import save_figure

    with tempfile.TemporaryDirectory(prefix="jazari-map-") as scratch:
        png = Path(scratch) / "map.png"
        save_figure(plan, png)
        return base64.b64encode(png.read_bytes()).decode("ascii")


def comparison_markdown(table: pd.DataFrame, matrix: pd.DataFrame) -> str:
    """The comparison as Markdown, for pasting into a note; differences in bold."""
    return (
        "# Scenario comparison\n\n## Results\n\n" + to_markdown(table)
        + "\n\n## Themes per region\n\nIn bold: themes that differ from the first "
        "scenario's.\n\n" + to_markdown(matrix, bold=differences(matrix)) + "\n"
    )


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.best{background:#d8f0d8;font-weight:600}td.diff{background:#fff1c2}
.wide{overflow-x:auto;max-width:100%}
.maps{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0;border:1px solid #ddd;padding:.5rem;max-width:32rem}
figure img{width:100%;height:auto}figcaption{font-weight:600;margin-bottom:.3rem}
.note{color:#555;font-size:.85rem}
"""


def comparison_html(table: pd.DataFrame, matrix: pd.DataFrame,
                    maps: Sequence[tuple[str, str | None]]) -> str:
    """A self-contained HTML report: the results, the assignments, the maps side by side.

    No external resource: styles are inline and maps are embedded base64 PNGs, so the file
    opens offline (from a USB stick). The best value of each metric is shaded green; a
    region's cell is shaded yellow where the scenarios disagree on its themes.
    """
    first = reference_scenario(matrix)
    reference = f"the first scenario's ({html.escape(first)})" if first else "the first scenario's"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Jazari Planner: scenario comparison</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Jazari Planner: scenario comparison</h1>",
        "<h2>Results</h2>",
        '<p class="note">Green: the best value of each measure across the scenarios.</p>',
        f'<div class="wide">{_results_table(table)}</div>',
        "<h2>Themes per region</h2>",
        f'<p class="note">Yellow: themes that differ from {reference}.</p>',
        f'<div class="wide">{_matrix_table(matrix)}</div>',
        "<h2>Maps</h2>",
        '<div class="maps">',
    ]
    for name, png in maps:
        body = (f'<img alt="map of the plan {html.escape(name)}" src="data:image/png;base64,{png}">'
                if png else "<p>No plan (infeasible).</p>")
        parts.append(f"<figure><figcaption>{html.escape(name)}</figcaption>{body}</figure>")
    parts += ["</div>", "</body></html>", ""]
    return "\n".join(parts)


def _results_table(table: pd.DataFrame) -> str:
    best: dict[str, Any] = {}
    for column, direction in METRIC_DIRECTIONS.items():
        if column in table and table[column].notna().sum() > 1:
            values = pd.to_numeric(table[column], errors="coerce")
            if values.nunique(dropna=True) > 1:
                best[column] = values.max() if direction == "higher" else values.min()
    rows = [_table_head(table.columns)]
    for _, row in table.iterrows():
        cells = []
        for column in table.columns:
            value = row[column]
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            classes = ["num"] if numeric else []
            if column in best and numeric and value == best[column]:
                classes.append("best")
            attr = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attr}>{html.escape(_cell_text(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _matrix_table(matrix: pd.DataFrame) -> str:
    mask = differences(matrix)
    rows = [_table_head(matrix.columns)]
    for index, row in matrix.iterrows():
        cells = []
        for column in matrix.columns:
            shade = column in mask.columns and bool(mask.at[index, column])
            attr = ' class="diff"' if shade else ""
            cells.append(f"<td{attr}>{html.escape(_cell_text(row[column]))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _table_head(columns: Iterable[Any]) -> str:
    cells = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>"


def _cell_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


# --------------------------------------------------------------------------- robustness


def write_robustness(robustness: Robustness, out: str | Path, *, overrides: Sequence[str] = (),
                     force: bool = False, progress: Callable[[str], None] | None = None) -> Path:
    """Write a robustness sweep's files (docs/model.md §8) to ``out`` atomically.

    ``acceptability.csv`` (region × theme shares), ``confidence.csv`` (the plan's pairs with
    their share), ``samples.csv`` (each sample's status and distance to the plan),
    ``robustness.json`` (the sweep in figures), ``acceptability.png`` (the heat map) and
    ``map.html`` (badges showing confidence).
    """
    say = progress or (lambda _message: None)
    plan = robustness.plan
    describe = {"command": "robustness", "scenario": plan.scenario.name}
    protect = input_files(plan.scenario, plan.dataset)
    with output_directory(out, force=force, protect=protect, describe=describe) as folder:
        shares = robustness.acceptability
        table = shares.reset_index()
        table.insert(1, "region_name", [plan.dataset.region_name(c) for c in shares.index])
        _csv(table.rename_axis(columns=None), folder / "acceptability.csv")
        _csv(robustness.confidence, folder / "confidence.csv")
        _csv(robustness.samples, folder / "samples.csv")
        summary = {**robustness.summary(), "plan": plan_summary(plan, overrides=overrides)}
        _json(summary, folder / "robustness.json")
        from ..presentation.robustness_figures import save_acceptability, save_confidence_map

        say("drawing acceptability.png")
        save_acceptability(robustness, folder / "acceptability.png")
        say("drawing map.html")
        save_confidence_map(robustness, folder / "map.html")
    return Path(out).expanduser().resolve()


def write_alternatives(plan: Plan, found: Sequence[Plan], costs: pd.DataFrame,
                       out: str | Path, *, options: Mapping[str, Any] | None = None,
                       overrides: Sequence[str] = (), force: bool = False) -> Path:
    """Write a plan's alternatives and replacement costs (docs/model.md §9) atomically.

    ``alternatives.csv`` (one row per plan, the plan first, with its distance and metrics),
    ``assignments.csv`` (region × plan, the themes each gives each region),
    ``replacement_cost.csv`` and ``summary.json`` (the options and the plan's summary). A
    roadmap adds ``schedule.csv``: each plan's schedule, named in its ``alternative`` column.
    """
    from ..analysis.alternatives import alternatives_matrix, alternatives_table, plan_label

    describe = {"command": "alternatives", "scenario": plan.scenario.name}
    protect = input_files(plan.scenario, plan.dataset)
    with output_directory(out, force=force, protect=protect, describe=describe) as folder:
        _csv(alternatives_table(plan, list(found)), folder / "alternatives.csv")
        _csv(alternatives_matrix(plan, list(found)), folder / "assignments.csv")
        _csv(costs, folder / "replacement_cost.csv")
        if plan.schedule is not None:  # a roadmap (§10)
            plans = [plan, *found]
            names = [plan_label(index) for index in range(len(plans))]
            _csv(_stacked("alternative", names, plans), folder / "schedule.csv")
        _json({"options": dict(options or {}), "alternatives": len(found),
               "plan": plan_summary(plan, overrides=overrides)}, folder / "summary.json")
    return Path(out).expanduser().resolve()


def write_stakes(stakes: DataStakes, out: str | Path, *, overrides: Sequence[str] = (),
                 force: bool = False, progress: Callable[[str], None] | None = None) -> Path:
    """Write a scenario's data stakes (docs/model.md §13) to ``out`` atomically.

    ``stakes.csv`` (one row per uncertain value, largest stake first), ``stakes.png`` (the
    largest stakes) and ``summary.json`` (the run in figures and the plan's summary).
    """
    say = progress or (lambda _message: None)
    plan = stakes.plan
    describe = {"command": "stakes", "scenario": plan.scenario.name}
    protect = input_files(plan.scenario, plan.dataset)
    with output_directory(out, force=force, protect=protect, describe=describe) as folder:
        _csv(stakes.table, folder / "stakes.csv")
        _json({**stakes.summary(), "plan": plan_summary(plan, overrides=overrides)},
              folder / "summary.json")
        from ..presentation.stakes_figure import save_stakes

        say("drawing stakes.png")
        save_stakes(stakes, folder / "stakes.png")
    return Path(out).expanduser().resolve()
