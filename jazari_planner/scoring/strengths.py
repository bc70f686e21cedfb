"""Scoring (docs/model.md §2): normalization, strength ``s[r,t]``, need ``n[r]``, explanations.

Pure functions on pandas objects, over the array formulas of :mod:`.scoring_arrays`. Region
order follows the dataset; nothing here reads a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..common.errors import InputError
from ..data.dataset import STRENGTH_GROUPS, Dataset
from ..scenario.schema import Scenario
from .arrays import (
    Normalization,
    need_array,
    normalize_array,
    strength_array,
    strength_parts,
)

__all__ = [
    "explain",
    "explain_parts",
    "need_array",
    "need_index",
    "normalize",
    "normalize_array",
    "strength",
    "strength_array",
    "strength_weights",
]


def normalize(values: pd.DataFrame, *, method: Normalization = "minmax",
              flip: pd.Series | None = None) -> pd.DataFrame:
    """Each column mapped to [0, 1] across the rows (regions), as docs/model.md §2 says.

    ``flip`` marks columns to negate first (``direction: lower``). ``minmax`` gives 0 to a
    constant column; ``rank`` averages tied ranks and gives 0 when there is a single row.
    """
    flipped = None
    if flip is not None:
        flipped = flip.reindex(values.columns).fillna(False).to_numpy(dtype=bool)
    scaled = normalize_array(values.to_numpy(dtype=float), method=method, flip=flipped)
    return pd.DataFrame(scaled, index=values.index, columns=values.columns)


def strength_weights(dataset: Dataset, weights: Mapping[Any, float]) -> pd.DataFrame:
    """``W[t,k] = a[t,k] · w[group(k)]`` over the strength indicators (theme × indicator).

    ``weights`` maps strength groups to ``w_g``; a group not listed weighs 0, and indicators
    of group ``need`` never enter.
    """
    groups = dataset.catalogue["group"].reindex(dataset.profiles.columns).to_numpy(dtype=object)
    strength_ids = np.isin(groups, STRENGTH_GROUPS)
    group_weight = np.array([float(weights.get(g, 0.0)) for g in groups[strength_ids]])
    profile = dataset.profiles.to_numpy(dtype=float)[:, strength_ids]
    return pd.DataFrame(profile * group_weight, index=dataset.profiles.index,
                        columns=dataset.profiles.columns[strength_ids])


def _source(dataset: Dataset, role: str) -> str:
    """Where the dataset's ``role`` part came from, for a message (its file when read from one)."""
    provenance = dataset.provenance.get(role)
    path = provenance.get("path") if isinstance(provenance, dict) else None
    return str(path) if path else role


def _values(dataset: Dataset, indicators: list[str]) -> pd.DataFrame:
    """The raw values of ``indicators``, each known to span a range a float can hold.

    Values near ±1.7e308 are finite, but their range is not: min-max scaling would turn every
    strength that uses them into NaN. Raises :class:`InputError` naming the indicator.
    """
    values = dataset.values()[indicators]
    with np.errstate(over="ignore"):
        span = values.max() - values.min()
    for indicator in span.index[np.isinf(span.to_numpy(dtype=float))]:
        raise InputError(
            f"the values of indicator {indicator!r} run from {values[indicator].min():g} to "
            f"{values[indicator].max():g}, a range wider than a floating-point number holds",
            source=_source(dataset, "indicators"),
            key=str(indicator),
            fix="express the indicator in a larger unit (thousands, millions) so its values "
            "stay within ±1e300",
        )
    return values


def _normalized_strength_inputs(dataset: Dataset, scenario: Scenario,
                                indicators: list[str]) -> pd.DataFrame:
    values = _values(dataset, indicators)
    lower = dataset.catalogue["direction"].reindex(indicators).to_numpy(dtype=object) == "lower"
    z = normalize_array(values.to_numpy(dtype=float), method=scenario.normalization, flip=lower)
    return pd.DataFrame(z, index=values.index, columns=pd.Index(indicators, name="indicator"))


def sector_mask(dataset: Dataset, columns: pd.Index) -> NDArray[np.bool_]:
    """Theme × ``columns`` (indicator ids): True where the indicator is a sector measure of
    the theme (its ``sector:`` list in themes.yaml, docs/model.md §2)."""
    mask = pd.DataFrame(dataset.sector_mask(), index=dataset.profiles.index,
                        columns=dataset.profiles.columns)
    return mask.reindex(index=dataset.themes.index, columns=columns,
                        fill_value=False).to_numpy(dtype=bool)


def strength(dataset: Dataset, scenario: Scenario) -> pd.DataFrame:
    """``s[r,t]``, region × theme (docs/model.md §2): the weighted mean of the normalized
    indicators (``additive``), or its sector-gated form (``gated``, the default)."""
    weights = strength_weights(dataset, scenario.weights)
    matrix = weights.to_numpy()
    used: NDArray[np.bool_] = np.asarray((matrix > 0).any(axis=0))
    if not used.any():
        return pd.DataFrame(0.0, index=dataset.regions.index, columns=dataset.themes.index)
    columns = weights.columns[used]
    z = _normalized_strength_inputs(dataset, scenario, list(columns)).to_numpy()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        scores = strength_array(z, matrix[:, used], sector=sector_mask(dataset, columns),
                                aggregation=scenario.aggregation, clip=False)
    broken = ~np.isfinite(scores).all(axis=0)
    if broken.any():
        theme = str(dataset.themes.index[int(broken.argmax())])
        raise InputError(
            f"the strengths of theme {theme!r} are not numbers: its profile weights times the "
            "group weights overflow a floating-point number",
            source=_source(dataset, "themes"), key=theme,
            fix="keep the theme's profile weights and the scenario's weights within 1e6",
        )
    return pd.DataFrame(np.clip(scores, 0.0, 1.0), index=dataset.regions.index,
                        columns=dataset.themes.index)


def need_index(dataset: Dataset, scenario: Scenario) -> pd.Series:
    """``n[r] = Σ_k |u_k| z'[r,k] / Σ_k |u_k|`` from the scenario's signed need weights.

    No direction flip: a positive ``u_k`` means a higher value is needier, a negative one
    that a lower value is (``z' = 1 − z``). Zero everywhere when no weights are given.
    """
    index = dataset.regions.index
    weights = {k: float(u) for k, u in scenario.need.items() if u != 0}
    if not weights:
        return pd.Series(0.0, index=index, name="need")
    indicators = list(weights)
    z = normalize(_values(dataset, indicators), method=scenario.normalization)
    signed = np.array([weights[k] for k in indicators])
    return pd.Series(need_array(z.to_numpy(), signed), index=z.index, name="need").reindex(index)


def explain(dataset: Dataset, scenario: Scenario, region_code: str, theme_id: str) -> pd.DataFrame:
    """Why region ``region_code`` scores what it does in ``theme_id``: one row per indicator.

    Columns: ``indicator, label, group, direction, part`` (``sector`` or ``capability``, the
    theme's ``sector:`` list deciding), ``value`` (raw), ``normalized`` (z, after the
    direction flip), ``weight`` (``W[t,k] / Σ W``, its share of the profile),
    ``contribution`` (``weight · normalized``: they add up to the ``additive`` strength),
    ``part_weight`` (its share of its part's weights) and ``part_contribution``
    (``part_weight · normalized``: they add up to the part's score, see
    :func:`explain_parts`).
    """
    weights = strength_weights(dataset, scenario.weights).loc[theme_id]
    used = [k for k in weights.index if weights[k] > 0]
    if not used:
        return pd.DataFrame(columns=["indicator", "label", "group", "direction", "part",
                                     "value", "normalized", "weight", "contribution",
                                     "part_weight", "part_contribution"])
    total = float(weights[used].to_numpy().sum())
    z = _normalized_strength_inputs(dataset, scenario, used).loc[region_code]
    raw = dataset.values().loc[region_code, used]
    in_sector = sector_mask(dataset, pd.Index(used))[dataset.theme_ids.index(theme_id)]
    part = np.where(in_sector, "sector", "capability")
    share = weights[used].to_numpy(dtype=float)
    part_total = np.where(in_sector, share[in_sector].sum(), share[~in_sector].sum())
    catalogue = dataset.catalogue.loc[used]
    table = pd.DataFrame({
        "indicator": used,
        "label": catalogue["label"].to_numpy(),
        "group": catalogue["group"].to_numpy(),
        "direction": catalogue["direction"].to_numpy(),
        "part": part,
        "value": raw.to_numpy(dtype=float),
        "normalized": z.to_numpy(dtype=float),
        "weight": share / total,
        "part_weight": share / part_total,
    })
    table["contribution"] = table["weight"] * table["normalized"]
    table["part_contribution"] = table["part_weight"] * table["normalized"]
    order = ["indicator", "label", "group", "direction", "part", "value", "normalized",
             "weight", "contribution", "part_weight", "part_contribution"]
    return table[order].sort_values(["part", "contribution"], ascending=[False, False],
                                    ignore_index=True)


def explain_parts(dataset: Dataset, scenario: Scenario, region_code: str,
                  theme_id: str) -> pd.DataFrame:
    """The two parts of a strength (docs/model.md §2 revision 3), one row each.

    Index ``part`` (``sector``, ``capability``); columns ``score`` (``s_sec`` or ``s_cap``,
    the weighted mean of the part's normalized indicators, NaN for a part without one),
    ``share`` (``α`` or ``1 − α``, the part's share of the profile's weight) and
    ``indicators`` (how many). The strength is ``s_sec^α · s_cap^(1−α)`` under ``gated``,
    ``α s_sec + (1 − α) s_cap`` under ``additive``.
    """
    weights = strength_weights(dataset, scenario.weights).loc[[theme_id]]
    row = weights.to_numpy(dtype=float)[0]
    used = [str(k) for k, w in zip(weights.columns, row, strict=True) if w > 0]
    frame = pd.DataFrame({"score": [np.nan, np.nan], "share": [0.0, 0.0], "indicators": [0, 0]},
                         index=pd.Index(["sector", "capability"], name="part"))
    if not used:
        return frame
    z = _normalized_strength_inputs(dataset, scenario, used).loc[[region_code]].to_numpy()
    mask = sector_mask(dataset, pd.Index(used))[[dataset.theme_ids.index(theme_id)]]
    sector, capability, share = strength_parts(z, weights[used].to_numpy(dtype=float), mask)
    count = int(mask.sum())
    frame["score"] = [float(sector[0, 0]) if count else np.nan,
                      float(capability[0, 0]) if count < len(used) else np.nan]
    frame["share"] = [float(share[0]), 1.0 - float(share[0])]
    frame["indicators"] = [count, len(used) - count]
    return frame
