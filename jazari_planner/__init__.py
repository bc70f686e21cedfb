"""Jazari Planner: which AI specializations each Moroccan region's Jazari institute should carry.

    import jazari_planner as jp

    data = jp.load_dataset()                          # the 12 regions, sourced indicators, themes
    plan = jp.solve(jp.Scenario(name="Baseline", balance=0.5), data)
    plan.assignments                                  # region × theme, with strengths
    plan.regions                                      # GeoDataFrame: fit, balance score…
    plan.metrics.gini, plan.explain("Dakhla-Oued Ed-Dahab", "energy")
    jp.robustness(scenario, data, samples=200).confidence   # how sure each assignment is
    jp.alternatives(plan, n=3), jp.replacement_cost(plan)    # near-optimal plans, pair values
    jp.consensus(scenario, data).regret               # the parties' plan: who gives up what
    jp.stability(scenario, data).table                # how far each setting moves, plan kept

The model is specified in docs/model.md; see docs/architecture.md for where each part lives.

The names below are imported on first use (PEP 562): ``import jazari_planner`` costs almost
nothing, so a process that needs one module (a sweep's worker, ``jazari-planner --help``)
does not load pandas, GeoPandas and the solver layers of every other one.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .alternatives import alternatives, replacement_cost
    from .consensus import Consensus, consensus
    from .data import load_dataset
    from .dataset import Dataset
    from .errors import InfeasibleError, InputError, JazariError, SolverError, SolverLimitError
    from .frontier import Frontier, frontier
    from .metrics import Metrics
    from .model import ModelInputs, PlanningModel, create_model
    from .plan import Plan, build_inputs, solve
    from .robustness import Robustness, robustness
    from .scenario import Scenario
    from .shipped import shipped_scenarios
    from .solvers import solve_model
    from .stability import Stability, stability

#: Where each public name lives: the module imported when the name is first read.
_HOMES: dict[str, str] = {
    "Consensus": "consensus",
    "Dataset": "dataset",
    "Frontier": "frontier",
    "InfeasibleError": "errors",
    "InputError": "errors",
    "JazariError": "errors",
    "Metrics": "metrics",
    "ModelInputs": "model",
    "Plan": "plan",
    "PlanningModel": "model",
    "Robustness": "robustness",
    "Scenario": "scenario",
    "SolverError": "errors",
    "SolverLimitError": "errors",
    "Stability": "stability",
    "alternatives": "alternatives",
    "build_inputs": "plan",
    "consensus": "consensus",
    "create_model": "model",
    "frontier": "frontier",
    "load_dataset": "data",
    "replacement_cost": "alternatives",
    "robustness": "robustness",
    "shipped_scenarios": "shipped",
    "solve": "plan",
    "solve_model": "solvers",
    "stability": "stability",
}

__all__ = [
    "Consensus",
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


class _Package(types.ModuleType):
    """This package, whose functions named like their module stay functions.

    Importing a submodule binds it on its package (``jazari_planner.robustness``, the
    module); ``jp.robustness`` must stay the function, as ``from .robustness import
    robustness`` made it when the package imported everything up front.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _HOMES.get(name) == name:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def plot_comparison(plans: Sequence[Plan], **options: Any) -> Figure:
    """Several plans side by side on one 16:9 figure, on a shared legend.

    Imported on call: the drawing stack takes seconds to load and most uses never need it.
    """
    from .presentation import plot_comparison as draw

    return draw(plans, **options)


__version__ = "0.1.0"
