"""Territorial-balance measures of docs/model.md §4: pure functions on arrays, and their catalogue.

The functions are kept apart from the plan so a researcher can apply them to any regional
figure. :data:`METRIC_INFO` is the one place that says, for each field of :class:`Metrics`,
where its words are, its scale and whether a higher value is better: the
app's cards and change arrows, the comparison's highlighting and the slides derive from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, fields

import numpy as np
from numpy.typing import ArrayLike

from ..common.words import LANGS, Lang, has_word, word

__all__ = [
    "METRIC_INFO",
    "MetricInfo",
    "Metrics",
    "coverage",
    "gini",
    "mean_absolute_deviation",
    "theil",
]


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
    worst_mean: float
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
        """The metrics as a plain dict, in ``summary.json``'s order."""
        return {k: float(v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class MetricInfo:
    """How one metric is read: its unit's presence, its better side, decimals and scale.

    Its words live in :mod:`jazari_planner.common.words` under ``metric_<name>_label``
    (short: a card, a table row), ``metric_<name>`` (the title that stands alone on a slide
    or a figure), ``metric_<name>_help`` (what it measures) and ``metric_<name>_unit``;
    :attr:`label`, :attr:`help`, :attr:`unit` and :meth:`title` read them in each language.
    ``higher_is_better`` is ``None`` where neither side is better (total investment).
    ``scale`` turns the stored value into the shown one (a share into per cent).
    """

    name: str
    higher_is_better: bool | None
    decimals: int = 3
    scale: float = 1.0

    def _words(self, suffix: str) -> dict[Lang, str]:
        key = f"metric_{self.name}{suffix}"
        return {lang: word(key, lang) if has_word(key) else (self.name if suffix == "_label"
                                                              else "")
                for lang in LANGS}

    @property
    def label(self) -> Mapping[Lang, str]:
        """The short name in each language."""
        return self._words("_label")

    @property
    def help(self) -> Mapping[Lang, str]:
        """What the metric measures, in each language."""
        return self._words("_help")

    @property
    def unit(self) -> Mapping[Lang, str]:
        """The unit in each language (empty for a plain index)."""
        return self._words("_unit")

    def describe(self, lang: Lang = "en") -> str:
        """``help`` followed by which side is better, in ``lang``."""
        if self.higher_is_better is None:
            return self.help[lang]
        side = word("better_higher" if self.higher_is_better else "better_lower", lang)
        return f"{self.help[lang]} {side}"

    def title(self, lang: Lang = "en") -> str:
        """The label that stands alone on a slide or a figure."""
        key = f"metric_{self.name}"
        return word(key, lang) if has_word(key) else self.label[lang]


#: Every metric of :class:`Metrics`, in the order a planner reads them (balance first).
METRIC_INFO: dict[str, MetricInfo] = {info.name: info for info in (
    MetricInfo("mean_balance_score", higher_is_better=True, decimals=1),
    MetricInfo("worst_mean", higher_is_better=True),
    MetricInfo("floor", higher_is_better=True),
    MetricInfo("mean_fit", higher_is_better=True),
    MetricInfo("coverage", higher_is_better=True, decimals=1, scale=100.0),
    MetricInfo("gini", higher_is_better=False),
    MetricInfo("theil", higher_is_better=False),
    MetricInfo("mad", higher_is_better=False, decimals=0),
    MetricInfo("total_investment", higher_is_better=None, decimals=0),
)}
