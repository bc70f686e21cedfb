"""Territorial-balance measures of MODEL.md §4, as pure functions on arrays.

Kept apart from the plan so a researcher can apply them to any regional figure.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, fields

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["Metrics", "coverage", "gini", "mean_absolute_deviation", "theil"]


def gini(values: ArrayLike) -> float:
    """Unweighted Gini ``Σ_i Σ_j |y_i − y_j| / (2 n² ȳ)``; 0 when the mean is 0."""
    y = np.asarray(values, dtype=float)
    if y.size == 0 or y.mean() == 0:
        return 0.0
    return float(np.abs(y[:, None] - y[None, :]).sum() / (2 * y.size**2 * y.mean()))


def theil(values: ArrayLike) -> float:
    """Theil T ``(1/n) Σ (y_i/ȳ) ln(y_i/ȳ)`` with ``0 · ln 0 = 0``; 0 when the mean is 0."""
    y = np.asarray(values, dtype=float)
    if y.size == 0 or y.mean() == 0:
        return 0.0
    share = y / y.mean()
    positive = share > 0
    return float(np.sum(share[positive] * np.log(share[positive])) / y.size)


def mean_absolute_deviation(values: ArrayLike) -> float:
    """``(1/n) Σ |y_i − ȳ|``: HCP's "écart absolu moyen"."""
    y = np.asarray(values, dtype=float)
    if y.size == 0:
        return 0.0
    return float(np.abs(y - y.mean()).mean())


def coverage(population: ArrayLike, served: ArrayLike) -> float:
    """The share of ``population`` living where ``served`` is true."""
    p = np.asarray(population, dtype=float)
    mask = np.asarray(served, dtype=bool)
    total = p.sum()
    return float(p[mask].sum() / total) if total > 0 else 0.0


@dataclass(frozen=True)
class Metrics(Mapping[str, float]):
    """The plan-wide figures of ``summary.json``'s ``metrics``, as attributes and as a mapping."""

    gini: float
    theil: float
    mad: float
    coverage: float
    floor: float
    mean_fit: float
    mean_balance_score: float
    total_investment: float

    def __getitem__(self, key: str) -> float:
        if key not in self._names():
            raise KeyError(key)
        return float(getattr(self, key))

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    @classmethod
    def _names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def to_dict(self) -> dict[str, float]:
        """The metrics as a plain dict, in MODEL.md order."""
        return {k: float(v) for k, v in asdict(self).items()}
