"""Territorial-balance measures of docs/model.md §4: pure functions on arrays, and their catalogue.

The functions are kept apart from the plan so a researcher can apply them to any regional
figure. :data:`METRIC_INFO` is the one place that says, for each field of :class:`Metrics`,
how it is worded (English and French), its unit and whether a higher value is better: the
app's cards and change arrows, the comparison's highlighting and the slides derive from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields

import numpy as np
from numpy.typing import ArrayLike

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


#: The two languages of every label: English and French.
Words = Mapping[str, str]


@dataclass(frozen=True)
class MetricInfo:
    """How one metric is read: its words in each language, its unit and its better side.

    ``label`` is short (a card, a table row); ``long_label`` stands alone on a slide or a
    figure, with no tooltip to explain it; ``help`` says what it measures.
    ``higher_is_better`` is ``None`` where neither side is better (total investment).
    ``scale`` turns the stored value into the shown one (a share into per cent).
    """

    name: str
    label: Words
    help: Words
    higher_is_better: bool | None
    unit: Words = field(default_factory=lambda: {"en": "", "fr": ""})
    decimals: int = 3
    scale: float = 1.0
    long_label: Words | None = None

    def describe(self, lang: str = "en") -> str:
        """``help`` followed by which side is better, in ``lang``."""
        if self.higher_is_better is None:
            return self.help[lang]
        side = _BETTER[lang][self.higher_is_better]
        return f"{self.help[lang]} {side}"

    def title(self, lang: str = "en") -> str:
        """The label that stands alone (``long_label``, else ``label``)."""
        return (self.long_label or self.label)[lang]


_BETTER: dict[str, dict[bool, str]] = {
    "en": {True: "Higher is better.", False: "Lower is better."},
    "fr": {True: "Plus haut, mieux c'est.", False: "Plus bas, mieux c'est."},
}

_PERCENT = {"en": "%", "fr": "%"}

#: Every metric of :class:`Metrics`, in the order a planner reads them (balance first).
METRIC_INFO: dict[str, MetricInfo] = {info.name: info for info in (
    MetricInfo(
        "mean_balance_score",
        label={"en": "Mean balance score", "fr": "Score d'équilibre moyen"},
        help={"en": "Mean over regions of fit ÷ the region's own best fit (0–100 %).",
              "fr": "Moyenne sur les régions de l'ajustement ÷ le meilleur possible pour la "
                    "région (0–100 %)."},
        higher_is_better=True, unit=_PERCENT, decimals=1),
    MetricInfo(
        "worst_mean",
        label={"en": "Worst-served mean", "fr": "Moyenne des moins servies"},
        help={"en": "Mean fit of the balance_focus (q) worst-served regions: the balance term "
                    "of the objective (with q = 1, the floor).",
              "fr": "Ajustement moyen des q régions les moins servies (balance_focus) : le "
                    "terme d'équilibre de l'objectif (avec q = 1, le plancher)."},
        higher_is_better=True),
    MetricInfo(
        "floor",
        label={"en": "Fit floor", "fr": "Plancher"},
        help={"en": "The fit of the worst-served region.",
              "fr": "L'ajustement de la région la moins servie."},
        higher_is_better=True),
    MetricInfo(
        "mean_fit",
        label={"en": "Mean fit", "fr": "Ajustement moyen"},
        help={"en": "Mean over regions of the sum of their themes' strengths.",
              "fr": "Moyenne sur les régions de la somme des forces de leurs thèmes."},
        higher_is_better=True),
    MetricInfo(
        "coverage",
        label={"en": "Population covered", "fr": "Population couverte"},
        help={"en": "Share of the population living in a region with a specialization.",
              "fr": "Part de la population vivant dans une région spécialisée."},
        higher_is_better=True, unit=_PERCENT, decimals=1, scale=100.0),
    MetricInfo(
        "gini",
        label={"en": "Gini", "fr": "Gini"},
        long_label={"en": "Gini of investment per inhabitant",
                    "fr": "Gini de l'investissement par habitant"},
        help={"en": "Gini index of investment per inhabitant across regions (0 = equal).",
              "fr": "Indice de Gini de l'investissement par habitant entre régions "
                    "(0 = égal)."},
        higher_is_better=False),
    MetricInfo(
        "theil",
        label={"en": "Theil", "fr": "Theil"},
        long_label={"en": "Theil of investment per inhabitant",
                    "fr": "Theil de l'investissement par habitant"},
        help={"en": "Theil index of investment per inhabitant (0 = equal).",
              "fr": "Indice de Theil de l'investissement par habitant (0 = égal)."},
        higher_is_better=False),
    MetricInfo(
        "mad",
        label={"en": "Mean abs. deviation", "fr": "Écart absolu moyen"},
        long_label={"en": "Mean absolute deviation of investment per inhabitant",
                    "fr": "Écart absolu moyen de l'investissement par habitant"},
        help={"en": "Mean absolute deviation of investment per inhabitant, MAD (HCP's "
                    "“écart absolu moyen”).",
              "fr": "Écart absolu moyen de l'investissement par habitant, en MAD."},
        higher_is_better=False, unit={"en": "MAD", "fr": "MAD"}, decimals=0),
    MetricInfo(
        "total_investment",
        label={"en": "Investment", "fr": "Investissement"},
        long_label={"en": "Total investment", "fr": "Investissement total"},
        help={"en": "Total cost of the specializations, MAD million.",
              "fr": "Coût total des spécialisations, en millions de MAD."},
        higher_is_better=None, unit={"en": "MAD million", "fr": "millions de MAD"},
        decimals=0),
)}
