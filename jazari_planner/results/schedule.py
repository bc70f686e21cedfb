"""A phased plan's roadmap as tables (docs/model.md §10): what opens when, and year by year.

``schedule`` lists each specialization with its opening year and cost; ``by_year`` gives,
for each year, the yearly budget, what is spent and opened that year, and what the network
has reached by the end of it: the regions served so far, the mean fit and the balance term
``b`` of the specializations open by then (the figures of docs/model.md §4, on a partial
network).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..data.dataset import Dataset
from ..optimization import objective as obj
from ..optimization.model import ModelInputs
from ..optimization.phasing import PhasingInputs, opening_years

__all__ = ["BY_YEAR_COLUMNS", "SCHEDULE_COLUMNS", "by_year_table",
           "schedule_table"]

SCHEDULE_COLUMNS = ["region_code", "region_name", "theme_id", "theme_label", "year", "cost"]
BY_YEAR_COLUMNS = ["year", "budget", "spending", "openings", "regions_served", "mean_fit",
                   "worst_mean"]


def schedule_table(dataset: Dataset, inputs: ModelInputs,
                   opening: Mapping[tuple[str, str], int]) -> pd.DataFrame:
    """One row per specialization: region, theme, opening year and cost (MAD million).

    Sorted by year, then region code and theme, as a roadmap is read.
    """
    cost = dict(zip(inputs.themes, (float(c) for c in inputs.cost), strict=True))
    labels = dataset.themes["label"]
    rows = [
        {"region_code": r, "region_name": dataset.region_name(r), "theme_id": t,
         "theme_label": str(labels.get(t, t)), "year": int(y), "cost": cost[t]}
        for (r, t), y in opening.items()
    ]
    frame = pd.DataFrame(rows, columns=SCHEDULE_COLUMNS)
    frame = frame.astype({"year": "int64", "cost": "float64"})
    return frame.sort_values(["year", "region_code", "theme_id"], ignore_index=True)


def by_year_table(inputs: ModelInputs, phasing: PhasingInputs,
                  opening: Mapping[tuple[str, str], int]) -> pd.DataFrame:
    """Per year: budget (NaN where none), spending, openings, and by the end of the year the
    regions served, the mean fit and the balance term ``b`` of what is open."""
    year_of = opening_years(inputs, opening)
    opened = year_of > 0
    rows = []
    for year in phasing.years:
        now = opened & (year_of == year)
        so_far = opened & (year_of <= year)
        fit = obj.fits(inputs.strength, so_far)
        rows.append({
            "year": year,
            "budget": phasing.budget.get(year, np.nan),
            "spending": float((now * inputs.cost[None, :]).sum()),
            "openings": int(now.sum()),
            "regions_served": int(so_far.any(axis=1).sum()),
            "mean_fit": obj.mean_fit(fit),
            "worst_mean": obj.balance_term(fit, served=inputs.served,
                                           focus=inputs.balance_focus),
        })
    return pd.DataFrame(rows, columns=BY_YEAR_COLUMNS).astype({"budget": "float64"})
