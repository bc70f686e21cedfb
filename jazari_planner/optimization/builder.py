"""The scenario's model: the one place that builds what every question about a scenario solves.

A scenario's model is the MILP of docs/model.md §3 on its inputs, extended by the roadmap of
§10 when the scenario has a ``phasing:`` block (``o[r,t,y]``, ``x = Σ_y o``, the yearly rules
and the early-opening term in the objective). :func:`~jazari_planner.results.plan.solve` and its
infeasibility diagnosis, the frontier (§7), the alternatives and replacement cost (§9) and the
robustness sweep's workers (§8) all build their model with :func:`build_model`, so none of
them can solve a roadmap's scenario without its roadmap. Nothing here reads a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pulp

from . import objective as obj
from .model import ModelInputs, PlanningModel, closure_name, create_model
from .phasing import PhasedModel, PhasingInputs, add_phasing, opening_years
from .solvers import SolveResult

__all__ = ["ScenarioModel", "build_model", "every_closure"]

Cell = tuple[str, str]


@dataclass(frozen=True, eq=False)
class ScenarioModel:
    """A scenario's model, built: §3's handles (``model``) and, with a roadmap, phasing's
    (``phased``, ``None`` without one).

    ``model.objective`` is the scenario's own objective: ``z`` of §3, plus the early-opening
    term with a roadmap (what :attr:`~jazari_planner.results.plan.Plan.objective` reports).
    """

    model: PlanningModel
    phased: PhasedModel | None

    @property
    def inputs(self) -> ModelInputs:
        """§3's inputs the model was built on."""
        return self.model.inputs

    @property
    def phasing(self) -> PhasingInputs | None:
        """The roadmap's rules the model was extended with (``None`` without one)."""
        return self.phased.phasing if self.phased is not None else None

    def opening(self) -> dict[Cell, int]:
        """After a solve with a plan: the year each chosen cell opens (empty without a roadmap)."""
        return self.phased.schedule() if self.phased is not None else {}

    def plan_objective(self, result: SolveResult) -> float | None:
        """The plan's own objective of ``result`` (a solve of this model): §3's ``z`` of the
        chosen cells, plus the early-opening term of the schedule with a roadmap (``None``
        without a plan)."""
        if result.objective is None or result.status == "infeasible":
            return None
        phasing = self.phasing
        if phasing is None:
            return result.objective
        years = opening_years(self.inputs, self.opening())
        return result.objective + obj.early_opening(self.inputs.strength, years,
                                                    first_year=phasing.first_year,
                                                    last_year=phasing.last_year)

    def start(self, selection: Iterable[Cell], opening: Mapping[Cell, int] | None = None
              ) -> dict[pulp.LpVariable, float]:
        """A MIP start for :func:`~jazari_planner.optimization.solvers.solve_model`: ``x`` is 1
        on ``selection`` and 0 elsewhere and, with a roadmap, ``o[r,t,y]`` is 1 in the year
        ``opening`` gives each chosen cell (a plan's own schedule) and 0 elsewhere. The solver
        keeps it only where it is a plan of this model; the optimum is proven all the same."""
        chosen = set(selection)
        values = {var: float(cell in chosen) for cell, var in self.model.x.items()}
        if self.phased is not None:
            years = dict(opening or {})
            values.update({var: float((r, t) in chosen and years.get((r, t)) == y)
                           for (r, t, y), var in self.phased.opens.items()})
        return values

    def fix_choices(self, selection: Iterable[Cell]) -> None:
        """Fix every ``x[r,t]`` to ``selection`` (1 in it, 0 elsewhere) and maximize the
        scenario's own objective again: solved, the model then gives the best schedule of
        those choices (with a roadmap, the years the early-opening term prefers)."""
        chosen = set(selection)
        for cell, variable in self.model.x.items():
            value = 1 if cell in chosen else 0
            variable.lowBound = variable.upBound = value
        self.model.set_objective(self.model.objective)


def every_closure(inputs: ModelInputs) -> frozenset[str]:
    """The names of every rule-5 closure (``create_model(drop=…)`` keeps every cell open).

    The robustness sweep builds its model so: a sample's strengths close and open cells
    through the ``x`` columns' bounds, so every cell needs its columns (and, with a roadmap,
    its ``o[r,t,y]``).
    """
    return frozenset(closure_name(r, t) for r in inputs.regions for t in inputs.themes)


def build_model(inputs: ModelInputs, phasing: PhasingInputs | None = None, *,
                name: str = "jazari_plan", drop: frozenset[str] = frozenset()) -> ScenarioModel:
    """The scenario's model: :func:`~jazari_planner.optimization.model.create_model` on ``inputs``,
    then
    :func:`~jazari_planner.optimization.phasing.add_phasing` when there is a roadmap (``phasing``).

    ``drop`` names rules to leave out (constraint names, or rule-5 closures), as for
    ``create_model``: the diagnosis builds the model without some rules to find which collide.
    """
    model = create_model(inputs, name=name, drop=drop)
    phased = add_phasing(model, phasing) if phasing is not None else None
    return ScenarioModel(model, phased)

