"""Jazari Planner: which AI specializations each Moroccan region's Jazari institute should carry.

    import jazari_planner as jp

    data = jp.load_dataset()                          # the 12 regions, sourced indicators, themes
    plan = jp.solve(jp.Scenario(name="Baseline", balance=0.5), data)
    plan.assignments                                  # region × theme, with strengths
    plan.regions                                      # GeoDataFrame: fit, balance score…
    plan.metrics.gini, plan.explain("Dakhla-Oued Ed-Dahab", "energy")

The model is specified in MODEL.md; see docs/architecture.md for where each part lives.
"""

from .dataset import Dataset
from .errors import InputError, JazariError
from .metrics import Metrics
from .model import ModelInputs, PlanningModel, create_model
from .plan import Plan, build_inputs, solve
from .scenario import Scenario
from .solvers import solve_model

__all__ = [
    "Dataset",
    "InputError",
    "JazariError",
    "Metrics",
    "ModelInputs",
    "Plan",
    "PlanningModel",
    "Scenario",
    "build_inputs",
    "create_model",
    "solve",
    "solve_model",
]

try:  # the data layer lands with the embedded dataset
    from .data import load_dataset

    __all__ += ["load_dataset"]
except ImportError:  # pragma: no cover
    pass

__version__ = "0.1.0"
