"""The scoring formulas of docs/model.md §2 on plain numpy arrays: their one implementation.

:mod:`jazari_planner.scoring.strengths` applies them to a dataset's tables; a robustness sweep's
workers apply them to each sample's perturbed arrays. Numpy alone: a worker process starts
without importing pandas.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = ["Normalization", "need_array", "normalize_array", "strength_array"]

Normalization = Literal["minmax", "rank"]


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
                   clip: bool = True) -> NDArray[np.float64]:
    """``s = Σ_k W[t,k] z[r,k] / Σ_k W[t,k]`` (0 where ``Σ W = 0``), region × theme.

    ``z`` is region × the strength indicators in use (normalized), ``weights`` theme × the
    same indicators; ``clip`` keeps the result in [0, 1] against rounding.
    """
    totals = weights.sum(axis=1)
    weighted = z @ weights.T
    scores: NDArray[np.float64] = np.where(
        totals > 0, weighted / np.where(totals > 0, totals, 1.0), 0.0)
    return np.clip(scores, 0.0, 1.0) if clip else scores


def need_array(z: NDArray[np.float64], signed: NDArray[np.float64]) -> NDArray[np.float64]:
    """``n = Σ_k |u_k| z'[r,k] / Σ_k |u_k|``, ``z' = z`` where ``u_k > 0`` and ``1 − z`` else.

    ``z`` is region × the need indicators, normalized without the direction flip.
    """
    oriented = np.where(signed > 0, z, 1.0 - z)
    need: NDArray[np.float64] = oriented @ np.abs(signed) / np.abs(signed).sum()
    return need
