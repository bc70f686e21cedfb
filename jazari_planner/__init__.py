"""Jazari Planner: which AI specializations each Moroccan region's Jazari institute should carry.

    import jazari_planner as jp

    data = jp.load_dataset()                          # the 12 regions, sourced indicators, themes
    plan = jp.solve(jp.Scenario(name="Baseline", balance=0.5), data)
    plan.assignments                                  # region × theme, with strengths
    plan.regions                                      # GeoDataFrame: fit, balance score…
    plan.metrics.gini, plan.explain("Dakhla-Oued Ed-Dahab", "energy")
    jp.robustness(scenario, data, samples=200).confidence   # how sure each assignment is
    jp.alternatives(plan, n=3), jp.replacement_cost(plan)    # near-optimal plans, pair values

The model is specified in docs/model.md; see docs/architecture.md for where each part lives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .alternatives import alternatives, replacement_cost
from .data import load_dataset
from .dataset import Dataset
from .errors import InfeasibleError, InputError, JazariError, SolverError, SolverLimitError
from .metrics import Metrics
from .model import ModelInputs, PlanningModel, create_model
from .plan import Plan, build_inputs, solve
from .robustness import Robustness, robustness
from .scenario import Scenario
from .shipped import shipped_scenarios
from .solvers import solve_model

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "Dataset",
    "InfeasibleError",
    "InputError",
    "JazariError",
    "Metrics",
    "ModelInputs",
    "Plan",
    "PlanningModel",
    "Robustness",
    "Scenario",
    "SolverError",
    "SolverLimitError",
    "alternatives",
    "build_inputs",
    "create_model",
    "load_dataset",
    "plot_comparison",
    "replacement_cost",
    "robustness",
    "shipped_scenarios",
    "solve",
    "solve_model",
]


def plot_comparison(plans: Sequence[Plan], **options: Any) -> Figure:
    """Several plans side by side on one 16:9 figure, on a shared legend.

    Imported on call: the drawing stack takes seconds to load and most uses never need it.
    """
    from .presentation import plot_comparison as draw

    return draw(plans, **options)


__version__ = "0.1.0"
