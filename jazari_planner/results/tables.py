"""From a solved selection to the plan's tables and balance scores (docs/model.md §4).

``assign_solution`` turns the chosen ``(region, theme)`` cells into the frames a planner reads:
assignments, per-region figures (with geometry) and the plan-wide metrics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from ..data.dataset import Dataset
from ..optimization import objective as obj
from ..optimization.model import ModelInputs
from . import metrics as m

__all__ = ["ASSIGNMENT_COLUMNS", "REGION_COLUMNS", "Tables", "assign_solution", "best_fit"]

ASSIGNMENT_COLUMNS = ["region_code", "region_name", "theme_id", "theme_label", "strength",
                      "locked"]
REGION_COLUMNS = ["region_code", "region_name", "population", "specializations", "themes", "fit",
                  "best_fit", "balance_score", "investment", "investment_per_capita", "need"]


def best_fit(inputs: ModelInputs) -> np.ndarray:
    """``best_r``: the sum of the ``kmax_r`` largest strengths among the themes open to ``r``.

    Open means not locked out and not closed by ``min_strength`` (unless locked in).
    """
    best = np.zeros(len(inputs.regions))
    for i, region in enumerate(inputs.regions):
        open_scores = sorted(
            (inputs.strength[i, j] for j, theme in enumerate(inputs.themes)
             if (region, theme) not in inputs.lock_out and inputs.is_open(i, j)),
            reverse=True)
        best[i] = float(sum(open_scores[: int(inputs.kmax[i])]))
    return best


@dataclass(frozen=True, eq=False)
class Tables:
    """The assignments, regions and strength frames of a plan, and its metrics."""

    assignments: pd.DataFrame
    regions: gpd.GeoDataFrame
    strength: pd.DataFrame
    metrics: m.Metrics | None


def strength_table(dataset: Dataset, strength: pd.DataFrame) -> pd.DataFrame:
    """``region_code, region_name`` then one column per theme id (``strength.csv``)."""
    table = strength.copy()
    table.insert(0, "region_name", dataset.regions["region_name"].reindex(table.index).to_numpy())
    table.insert(0, "region_code", [str(c) for c in table.index])
    return table.reset_index(drop=True).rename_axis(columns=None)


def assign_solution(dataset: Dataset, inputs: ModelInputs, selection: Iterable[tuple[str, str]],
                    *, strength: pd.DataFrame, need: pd.Series, feasible: bool = True) -> Tables:
    """The plan's frames for the chosen cells (``feasible=False``: no plan, empty figures)."""
    chosen = set(selection)
    regions = list(inputs.regions)
    themes = list(inputs.themes)
    x = np.array([[1.0 if (r, t) in chosen else 0.0 for t in themes] for r in regions])
    theme_label = dataset.themes["label"]

    rows = [
        {"region_code": r, "region_name": dataset.region_name(r), "theme_id": t,
         "theme_label": str(theme_label.get(t, t)), "strength": float(inputs.strength[i, j]),
         "locked": (r, t) in inputs.lock_in}
        for i, r in enumerate(regions) for j, t in enumerate(themes) if x[i, j] > 0.5
    ]
    assignments = pd.DataFrame(rows, columns=ASSIGNMENT_COLUMNS)

    fit = obj.fits(inputs.strength, x)
    best = best_fit(inputs)
    balance_score = np.where(best > 0, 100.0 * fit / np.where(best > 0, best, 1.0), 0.0)
    investment = x @ inputs.cost
    population = dataset.regions["population"].reindex(regions).to_numpy(dtype=float)
    per_capita = 1e6 * investment / population
    frame = pd.DataFrame({
        "region_code": regions,
        "region_name": [dataset.region_name(r) for r in regions],
        "region_name_ar": dataset.regions["region_name_ar"].reindex(regions).to_numpy(),
        "population": population.astype(np.int64),
        "specializations": x.sum(axis=1).astype(int),
        "themes": ["; ".join(t for j, t in enumerate(themes) if x[i, j] > 0.5)
                   for i in range(len(regions))],
        "fit": fit,
        "best_fit": best,
        "balance_score": balance_score,
        "investment": investment,
        "investment_per_capita": per_capita,
        "need": need.reindex(regions).to_numpy(dtype=float),
    })
    geometry = dataset.regions.geometry.reindex(regions).to_numpy()
    region_frame = gpd.GeoDataFrame(frame, geometry=geometry, crs=dataset.regions.crs)

    metrics = None
    if feasible:
        served = inputs.served
        metrics = m.Metrics(
            gini=m.gini(per_capita),
            theil=m.theil(per_capita),
            mad=m.mean_absolute_deviation(per_capita),
            coverage=m.coverage(population, x.sum(axis=1) >= 1),
            floor=obj.balance_term(fit, served=served, focus=1),
            worst_mean=obj.balance_term(fit, served=served, focus=inputs.balance_focus),
            mean_fit=obj.mean_fit(fit),
            mean_balance_score=float(balance_score.mean()),
            total_investment=float(investment.sum()),
        )
    return Tables(assignments, region_frame, strength_table(dataset, strength), metrics)
