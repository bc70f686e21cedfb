"""Jazari Planner: which AI specializations each Moroccan region's Jazari institute should carry.

    import jazari_planner as jp

    data = jp.load_dataset()                          # the 12 regions, sourced indicators, themes
    plan = jp.solve(jp.Scenario(name="Baseline", balance=0.5), data)
    plan.assignments                                  # region × theme, with strengths
    plan.regions                                      # GeoDataFrame: fit, balance score…
    plan.metrics.gini, plan.explain("Dakhla-Oued Ed-Dahab", "energy")
    jp.robustness(scenario, data, samples=200).confidence   # how sure each assignment is
    jp.alternatives(plan, n=3), jp.replacement_cost(plan)    # near-optimal plans, pair values
    jp.data_stakes(scenario, data).table              # which uncertain figures could change it
    jp.consensus(scenario, data).regret               # the parties' plan: who gives up what
    jp.stability(scenario, data).table                # how far each setting moves, plan kept

The model is specified in docs/model.md; see docs/architecture.md for where each part lives.

The names below are imported on first use (PEP 562): ``import jazari_planner`` costs almost
nothing, so a process that needs one module (a sweep's worker, ``jazari-planner --help``)
does not load pandas, GeoPandas and the solver layers of every other one.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .analysis.alternatives import alternatives, replacement_cost
    from .analysis.consensus import Consensus, consensus
    from .analysis.frontier import Frontier, frontier
    from .analysis.robustness import Robustness, robustness
    from .analysis.stability import Stability, stability
    from .analysis.stakes import DataStakes, data_stakes
    from .common.errors import (
        InfeasibleError,
        InputError,
        JazariError,
        SolverError,
        SolverLimitError,
    )
    from .data.dataset import Dataset
    from .data.loading import load_dataset
    from .inputs.resolve import build_inputs
    from .optimization.model import ModelInputs, PlanningModel, create_model
    from .optimization.solvers import solve_model
    from .results.metrics import Metrics
    from .results.plan import Plan, solve
    from .scenario.schema import Scenario
    from .scenario.shipped import shipped_scenarios

#: Where each public name lives: the module imported when the name is first read.
_HOMES: dict[str, str] = {
    "DataStakes": "analysis.stakes",
    "Consensus": "analysis.consensus",
    "Dataset": "data.dataset",
    "Frontier": "analysis.frontier",
    "InfeasibleError": "common.errors",
    "InputError": "common.errors",
    "JazariError": "common.errors",
    "Metrics": "results.metrics",
    "ModelInputs": "optimization.model",
    "Plan": "results.plan",
    "PlanningModel": "optimization.model",
    "Robustness": "analysis.robustness",
    "Scenario": "scenario.schema",
    "SolverError": "common.errors",
    "SolverLimitError": "common.errors",
    "Stability": "analysis.stability",
    "alternatives": "analysis.alternatives",
    "build_inputs": "inputs.resolve",
    "consensus": "analysis.consensus",
    "create_model": "optimization.model",
    "data_stakes": "analysis.stakes",
    "frontier": "analysis.frontier",
    "load_dataset": "data.loading",
    "replacement_cost": "analysis.alternatives",
    "robustness": "analysis.robustness",
    "shipped_scenarios": "scenario.shipped",
    "solve": "results.plan",
    "solve_model": "optimization.solvers",
    "stability": "analysis.stability",
}

__all__ = [
    "Consensus",
    "DataStakes",
    "Dataset",
    "Frontier",
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
    "Stability",
    "alternatives",
    "build_inputs",
    "consensus",
    "create_model",
    "data_stakes",
    "frontier",
    "load_dataset",
    "plot_comparison",
    "replacement_cost",
    "robustness",
    "shipped_scenarios",
    "solve",
    "solve_model",
    "stability",
]


def __getattr__(name: str) -> Any:
    """A public name, or a submodule (``jp.scoring``), imported the first time it is read."""
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(importlib.import_module(f".{home}", __name__), name)
    else:
        try:
            value = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def plot_comparison(plans: Sequence[Plan], **options: Any) -> Figure:
    """Several plans side by side on one 16:9 figure, on a shared legend.

    Imported on call: the drawing stack takes seconds to load and most uses never need it.
    """
    from .presentation import plot_comparison as draw

    return draw(plans, **options)


__version__ = "0.1.0"
