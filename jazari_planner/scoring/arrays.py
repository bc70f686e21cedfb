"""The scoring formulas of docs/model.md §2 on plain numpy arrays: their one implementation.

:mod:`jazari_planner.scoring.strengths` applies them to a dataset's tables; a robustness sweep's
workers apply them to each sample's perturbed arrays. Numpy alone: a worker process starts
without importing pandas.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = ["AGGREGATIONS", "Aggregation", "Normalization", "need_array", "normalize_array",
           "strength_array", "strength_parts"]

Normalization = Literal["minmax", "rank"]
Aggregation = Literal["gated", "additive"]
#: How a theme's sector and capability indicators combine (docs/model.md §2 revision 3).
AGGREGATIONS: tuple[str, ...] = ("gated", "additive")


def normalize_array(array: NDArray[np.float64], *, method: str = "minmax",
                    flip: NDArray[np.bool_] | None = None) -> NDArray[np.float64]:
    """:func:`jazari_planner.scoring.strengths.normalize` on a plain array (regions × indicators).

    The robustness sweep calls it once per sample on perturbed values.
    """
    if flip is not None:
        array = np.where(flip, -array, array)
    if method == "minmax":
        low, span = array.min(axis=0), np.ptp(array, axis=0)
        constant = span == 0
        scaled: NDArray[np.float64] = (array - low) / np.where(constant, 1.0, span)
        scaled[:, constant] = 0.0
        return scaled
    if method == "rank":
        n = len(array)
        if n <= 1:
            return array * 0.0
        import pandas as pd  # its average ranks; only rank-normalized scenarios pay the import

        ranks: NDArray[np.float64] = pd.DataFrame(array).rank(method="average").to_numpy()
        return (ranks - 1.0) / (n - 1)
    raise ValueError(f"normalization is 'minmax' or 'rank', not {method!r}")


def strength_array(z: NDArray[np.float64], weights: NDArray[np.float64], *,
                   sector: NDArray[np.bool_] | None = None, aggregation: str = "gated",
                   clip: bool = True) -> NDArray[np.float64]:
    """The strength ``s[r,t]`` of docs/model.md §2, region × theme.

    ``z`` is region × the strength indicators in use (normalized), ``weights`` ``W[t,k]``
    theme × the same indicators, ``sector`` (theme × the same indicators) the theme's sector
    measures. ``additive`` (revision 2): ``s = Σ_k W z / Σ_k W``. ``gated`` (revision 3):
    ``s = s_sec^α · s_cap^(1−α)``, each part the weighted mean over its own indicators and
    ``α`` the sector's share of ``Σ W`` (``0⁰ = 1``), so a theme without sector measures
    scores as under ``additive``. ``s = 0`` where ``Σ W = 0``; ``clip`` keeps the result in
    [0, 1] against rounding.
    """
    if aggregation not in AGGREGATIONS:
        raise ValueError(f"aggregation is 'gated' or 'additive', not {aggregation!r}")
    totals = weights.sum(axis=1)
    if aggregation == "additive" or sector is None or not sector.any():
        scores = _weighted_mean(z, weights, totals)
    else:
        sector_part, capability_part, share = strength_parts(z, weights, sector)
        # an empty part is 0, raised to the power 0: 1 (numpy's 0.0 ** 0.0 is 1.0)
        gated = (np.clip(sector_part, 0.0, None) ** share
                 * np.clip(capability_part, 0.0, None) ** (1.0 - share))
        scores = np.where(totals > 0, gated, 0.0)
    return np.clip(scores, 0.0, 1.0) if clip else scores


def strength_parts(z: NDArray[np.float64], weights: NDArray[np.float64],
                   sector: NDArray[np.bool_]) -> tuple[NDArray[np.float64],
                                                       NDArray[np.float64],
                                                       NDArray[np.float64]]:
    """The two parts of a gated strength: ``s_sec`` and ``s_cap`` (region × theme) and the
    sector's share ``α`` (per theme), each part 0 where it has no indicator."""
    in_sector = np.where(sector, weights, 0.0)
    in_capability = weights - in_sector
    totals = weights.sum(axis=1)
    sector_total = in_sector.sum(axis=1)
    share = np.where(totals > 0, sector_total / np.where(totals > 0, totals, 1.0), 0.0)
    return (_weighted_mean(z, in_sector, sector_total),
            _weighted_mean(z, in_capability, in_capability.sum(axis=1)), share)


def _weighted_mean(z: NDArray[np.float64], weights: NDArray[np.float64],
                   totals: NDArray[np.float64]) -> NDArray[np.float64]:
    """``Σ_k W z / Σ_k W`` per region and theme, 0 where the theme's ``Σ W`` is 0."""
    weighted = z @ weights.T
    mean: NDArray[np.float64] = np.where(
        totals > 0, weighted / np.where(totals > 0, totals, 1.0), 0.0)
    return mean


def need_array(z: NDArray[np.float64], signed: NDArray[np.float64]) -> NDArray[np.float64]:
    """``n = Σ_k |u_k| z'[r,k] / Σ_k |u_k|``, ``z' = z`` where ``u_k > 0`` and ``1 − z`` else.

    ``z`` is region × the need indicators, normalized without the direction flip.
    """
    oriented = np.where(signed > 0, z, 1.0 - z)
    need: NDArray[np.float64] = oriented @ np.abs(signed) / np.abs(signed).sum()
    return need
