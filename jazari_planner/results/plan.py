"""``solve(scenario, dataset) -> Plan``: the one call that answers a planner's question.

The steps are public too, for a researcher who wants to add a constraint in between:
``build_inputs`` → :func:`~jazari_planner.optimization.model.create_model` →
:func:`~jazari_planner.optimization.solvers.solve_model` →
:func:`~jazari_planner.results.tables.assign_solution`.
The scenario's model itself (§3, and the roadmap of §10 when there is one) is built by
:func:`~jazari_planner.optimization.builder.build_model`, the one place every analysis builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd

from ..data.dataset import Dataset
from ..inputs.resolve import resolve
from ..optimization.builder import ScenarioModel, build_model
from ..optimization.diagnosis import colliding_rules, smallest_fixes
from ..optimization.model import Cell, ModelInputs, Rule
from ..optimization.phasing import PhasingInputs, phasing_fixes
from ..optimization.rule_wording import Fix, Lang, Names, collision_lines, collision_text
from ..optimization.solvers import SolveResult, Status, solve_model
from ..scenario.schema import Scenario
from ..scoring import strengths as scoring
from .metrics import Metrics
from .schedule import by_year_table, schedule_table
from .tables import assign_solution

if TYPE_CHECKING:
    import folium
    from matplotlib.figure import Figure

__all__ = ["Plan", "plan_from_result", "solve"]


@dataclass(eq=False)
class Plan:
    """A solved scenario: the assignments, per-region figures, metrics and how the solve went.

    Frames follow docs/model.md §6: ``assignments`` as ``assignments.csv``, ``regions`` as
    ``regions.csv`` plus ``region_name_ar`` and ``geometry``, ``strength`` as ``strength.csv``.
    ``metrics`` is ``None`` and ``collisions`` (worded in ``diagnosis``) holds the rules
    that collide when infeasible, ``fixes`` the smallest change of one of them the solver
    found. A phased scenario (docs/model.md §10) adds ``schedule`` (``region_code,
    region_name, theme_id, theme_label, year, cost``) and ``by_year`` (``year, budget,
    spending, openings, regions_served, mean_fit, worst_mean``); both are ``None`` without
    a ``phasing:`` block, and empty when infeasible. ``inputs`` and ``phasing`` (the
    roadmap's rules, ``None`` without one) are what the scenario's model is built from
    (:func:`~jazari_planner.optimization.builder.build_model`): the analyses of a plan build it
    again from them.
    """

    scenario: Scenario
    dataset: Dataset
    status: Status
    gap: float | None
    objective: float | None
    solver: str
    solve_seconds: float
    assignments: pd.DataFrame
    regions: gpd.GeoDataFrame
    strength: pd.DataFrame
    metrics: Metrics | None
    inputs: ModelInputs
    collisions: list[Rule] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    schedule: pd.DataFrame | None = None
    by_year: pd.DataFrame | None = None
    phasing: PhasingInputs | None = None

    def build_model(self, *, name: str | None = None) -> ScenarioModel:
        """A fresh copy of the model this plan's scenario solves (§3, and §10 with a roadmap),
        for an analysis to add rules or another objective to."""
        return build_model(self.inputs, self.phasing, name=name or self.scenario.name)

    @property
    def cells(self) -> list[Cell]:
        """The chosen ``(region_code, theme_id)`` pairs, in the order of ``assignments``: what
        the analyses compare plans by."""
        return [(str(region), str(theme)) for region, theme in
                zip(self.assignments["region_code"], self.assignments["theme_id"], strict=True)]

    @property
    def opening(self) -> dict[Cell, int]:
        """The year each chosen pair opens (the roadmap's ``schedule``; empty without one): with
        :attr:`cells`, the plan as a MIP start for an analysis that solves its model again."""
        if self.schedule is None:
            return {}
        return {(str(region), str(theme)): int(year) for region, theme, year in zip(
            self.schedule["region_code"], self.schedule["theme_id"], self.schedule["year"],
            strict=True)}

    @property
    def diagnosis(self) -> list[str]:
        """The colliding rules in plain words, one clause per kind (empty unless infeasible)."""
        return collision_lines(self.collisions, self.rule_names,
                               total_regions=len(self.inputs.regions))

    @property
    def rule_names(self) -> Names:
        """The region names (and Arabic names) and theme labels (in each language) rules are
        worded with."""
        themes, regions = self.dataset.themes, self.dataset.regions

        def labels(column: str) -> dict[str, str]:
            own = themes[column] if column in themes.columns else themes["label"]
            return {str(t): str(v) for t, v in own.items() if isinstance(v, str)}

        arabic = regions["region_name_ar"] if "region_name_ar" in regions.columns else None
        return Names.of({c: self.dataset.region_name(c) for c in self.dataset.region_codes},
                        labels("label"), labels("label_fr"), themes_ar=labels("label_ar"),
                        regions_ar={} if arabic is None else
                        {str(c): str(v) for c, v in arabic.items() if isinstance(v, str)})

    def diagnosis_text(self, lang: Lang = "en") -> str:
        """Why there is no plan, in ``lang``: what collides, the smallest fixes, what else to do
        (empty when there is a plan)."""
        if self.feasible:
            return ""
        return collision_text(self.collisions, self.rule_names, lang, fixes=self.fixes,
                              total_regions=len(self.inputs.regions))

    @property
    def feasible(self) -> bool:
        """Whether there is a plan (``optimal`` or ``feasible``)."""
        return self.status != "infeasible"

    @property
    def diagnosis_message(self) -> str:
        """The diagnosis as one English paragraph (empty when there is a plan)."""
        return self.diagnosis_text("en")

    def explain(self, region: str, theme: str) -> pd.DataFrame:
        """Why ``region`` scores what it does in ``theme``: each indicator's share of it."""
        code = self.dataset.region_code(region, key="region")
        theme_id = self.dataset.theme_id(theme, key="theme")
        return scoring.explain(self.dataset, self.scenario, code, theme_id)

    def explain_parts(self, region: str, theme: str) -> pd.DataFrame:
        """The sector and capability parts of ``region``'s strength in ``theme``, each with
        its score and share of the weight (docs/model.md §2 revision 3)."""
        code = self.dataset.region_code(region, key="region")
        theme_id = self.dataset.theme_id(theme, key="theme")
        return scoring.explain_parts(self.dataset, self.scenario, code, theme_id)

    def strength_of(self, region: str, theme: str) -> float:
        """``s[r,t]``: the strength the plan was solved with (the scenario's aggregation)."""
        code = self.dataset.region_code(region, key="region")
        theme_id = self.dataset.theme_id(theme, key="theme")
        return float(self.inputs.strength[self.inputs.regions.index(code),
                                          self.inputs.themes.index(theme_id)])

    def summary(self) -> dict[str, Any]:
        """The content of ``summary.json`` (docs/model.md §6)."""
        return {
            "scenario": self.scenario.name,
            "status": self.status,
            "objective": self.objective,
            "gap": self.gap,
            "solver": self.solver,
            "solve_seconds": round(self.solve_seconds, 4),
            "metrics": self.metrics.to_dict() if self.metrics else None,
            "diagnosis": list(self.diagnosis),
            "data": dict(self.dataset.provenance),
        }

    def to_map(self, **options: Any) -> folium.Map:
        """The interactive map of this plan (see :mod:`jazari_planner.presentation.webmap`)."""
        from ..presentation import plan_map

        return plan_map(self, **options)

    def save_map(self, path: str | Path, **options: Any) -> Path:
        """Write the self-contained, offline ``map.html`` of this plan."""
        from ..presentation import save_map

        return save_map(self, path, **options)

    def plot(self, **options: Any) -> Figure:
        """A static 16:9 map of this plan for slides (matplotlib)."""
        from ..presentation import plot_plan

        return plot_plan(self, **options)

    def to_pptx(self, path: str | Path, **options: Any) -> Path:
        """Write a short slide deck of this plan (python-pptx); ``lang="fr"`` for French."""
        from ..presentation import save_deck

        return save_deck(self, path, **options)

    def __repr__(self) -> str:
        head = f"Plan({self.scenario.name!r}: {self.status}"
        if self.objective is not None:
            head += f", objective {self.objective:.4f}"
        if self.status == "feasible" and self.gap is not None:
            head += f", gap {self.gap:.2%}"
        return head + f", {len(self.assignments)} specializations, {self.solver})"


def solve(scenario: Scenario, dataset: Dataset | None = None) -> Plan:
    """Solve ``scenario`` on ``dataset``: the one call that answers a planner's question.

    The scenario is validated first (``model_copy(update=…)`` skips pydantic's checks), then
    scored, resolved and solved (docs/model.md §2–§4, and §10 with a ``phasing:`` block).

    Parameters
    ----------
    scenario : Scenario
        Weights and rules (docs/model.md §5).
    dataset : Dataset, optional
        The data to plan on; default: the scenario's ``data:`` files, else the embedded data.

    Returns
    -------
    Plan
        Assignments, per-region figures, metrics, the solve's status and gap. An infeasible
        scenario is not an error: ``status`` is ``"infeasible"`` and ``diagnosis`` names the
        rules that collide, ``fixes`` the smallest change found.

    Raises
    ------
    InputError
        For names or values the data does not know, or a scenario out of range.
    SolverLimitError
        When the time limit ends the solve before any plan is found.
    """
    resolved = resolve(scenario, dataset)
    dataset, inputs, phasing = resolved.dataset, resolved.inputs, resolved.phasing
    strength, need = resolved.strength, resolved.need
    built = build_model(inputs, phasing, name=scenario.name)
    result: SolveResult = solve_model(built.model, scenario.solver)
    collisions: list[Rule] = []
    fixes: list[Fix] = []
    if result.status == "infeasible":
        collisions = colliding_rules(inputs, options=scenario.solver, phasing=phasing)
        fixes = smallest_fixes(inputs, collisions, options=scenario.solver, phasing=phasing)
        if phasing is not None:
            fixes += phasing_fixes(inputs, phasing, collisions, options=scenario.solver)
    return plan_from_result(scenario, dataset, inputs, result, strength=strength, need=need,
                            collisions=collisions, fixes=fixes, model=built)


def plan_from_result(scenario: Scenario, dataset: Dataset, inputs: ModelInputs,
                     result: SolveResult, *, strength: pd.DataFrame, need: pd.Series,
                     collisions: list[Rule] | None = None, fixes: list[Fix] | None = None,
                     model: ScenarioModel | None = None) -> Plan:
    """The :class:`Plan` of a solve of ``inputs``' model, or of a model built on it.

    :func:`solve` ends here; so does a module that adds rules or another objective to the
    scenario's model (the frontier's points, the alternatives), so each of its plans reads
    like any other. ``model``: the scenario's model that was solved
    (:func:`~jazari_planner.optimization.builder.build_model`); with a roadmap (docs/model.md
    §10) its schedule is read into ``schedule`` and ``by_year`` and its early-opening term
    added to ``objective``.
    """
    feasible = result.status != "infeasible"
    tables = assign_solution(dataset, inputs, result.selection, strength=strength, need=need,
                             feasible=feasible)
    objective = result.objective if model is None else model.plan_objective(result)
    schedule = by_year = None
    phasing = model.phasing if model is not None else None
    if model is not None and phasing is not None:
        opening = model.opening() if feasible else {}
        schedule = schedule_table(dataset, inputs, opening)
        by_year = by_year_table(inputs, phasing, opening)
        if not feasible:  # no roadmap: the columns, no rows
            by_year = by_year.iloc[0:0]
    return Plan(
        scenario=scenario, dataset=dataset, status=result.status, gap=result.gap,
        objective=objective, solver=result.solver, solve_seconds=result.seconds,
        assignments=tables.assignments, regions=tables.regions, strength=tables.strength,
        metrics=tables.metrics, inputs=inputs, collisions=list(collisions or []),
        fixes=list(fixes or []), schedule=schedule, by_year=by_year, phasing=phasing,
    )
