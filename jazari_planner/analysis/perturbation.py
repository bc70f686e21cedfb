"""The perturbed inputs of one robustness sample (docs/model.md §8), drawn from ``(seed, i)`` alone.

Sample ``i`` draws every number from ``numpy.random.default_rng([seed, i])``, in one fixed
order, so it is the same whichever process or machine draws it:

1. one standard normal ``ξ`` per strength group, in the order ``economic, academic,
   infrastructure`` (every group, listed in the scenario or not): ``w_g · exp(σ ξ)``;
2. one per profile weight, theme by theme in the dataset's theme order, each over the
   catalogue's indicators in catalogue order (zero weights included, they stay zero):
   ``a[t,k] · exp(σ ξ)``;
3. one per indicator value, region by region in the dataset's region order, each over the
   catalogue's indicators: ``v[r,k] · (1 + m ν ξ)``, ``m`` from the value's confidence
   (revision 3): 1 for ``exact`` and ``secondary``, 2 for ``derived``, 4 for ``gap``. A value
   without a confidence reads as ``exact``, or ``derived`` for an indicator the catalogue
   flags as an ``estimate``: revision 2's rule (2ν for estimates, ν otherwise).

With ``σ = ν = 0`` every factor is exactly 1. :func:`perturbed_inputs` gives a sample as a
scenario and a dataset that :func:`jazari_planner.solve` takes as they are; the sweep engine
(:mod:`jazari_planner.analysis.sweep`) applies the same :class:`Factors` to arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from ..common.errors import InputError
from ..data.dataset import STRENGTH_GROUPS, Dataset
from ..scenario.schema import Scenario

__all__ = ["MAX_VALUE_NOISE", "MAX_WEIGHT_SPREAD", "NOISE_SCALE", "Factors", "Spread",
           "dataset_factors", "draw_factors", "noise_scale", "perturbed_inputs"]

#: The multiplier ``m`` of the value noise by the value's confidence (docs/model.md §8).
NOISE_SCALE: dict[str, float] = {"exact": 1.0, "secondary": 1.0, "derived": 2.0, "gap": 4.0}

#: The largest ``σ``: at 3, one draw in twenty moves a weight by a factor above e⁶ ≈ 400
#: (ratios of 10⁵ between weights); beyond, the factors overflow into nonsense.
MAX_WEIGHT_SPREAD = 3.0
#: The largest ``ν``: at 1, a value's noise is as large as the value (``m`` times that for a
#: less sure value).
MAX_VALUE_NOISE = 1.0



@dataclass(frozen=True)
class Spread:
    """How far a sweep moves the inputs: ``σ`` (weights), ``ν`` (values) and the seed ``S``.

    Raises :class:`InputError` for a spread or noise outside ``0 … MAX_WEIGHT_SPREAD`` or
    ``0 … MAX_VALUE_NOISE``, or a seed that is not a whole number ≥ 0, before any work.
    """

    weight_spread: float = 0.25
    value_noise: float = 0.05
    seed: int = 0

    def __post_init__(self) -> None:
        for key, value, most, usual in (
                ("weight_spread", self.weight_spread, MAX_WEIGHT_SPREAD, "0.25"),
                ("value_noise", self.value_noise, MAX_VALUE_NOISE, "0.05")):
            if (isinstance(value, bool) or not isinstance(value, int | float)
                    or not math.isfinite(value) or not 0 <= value <= most):
                raise InputError(f"{key} must be a number from 0 to {most:g}, got {value!r}",
                                 key=key,
                                 fix=f"give {key} as 0 (no perturbation) or a positive number "
                                 f"such as {usual}, at most {most:g}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int | np.integer) \
                or self.seed < 0:
            raise InputError(f"seed must be a whole number ≥ 0, got {self.seed!r}", key="seed",
                             fix="give seed as 0, 1, 2 …")


@dataclass(frozen=True, eq=False)
class Factors:
    """The multipliers of one sample: per group, per profile weight, per indicator value.

    ``group`` follows ``STRENGTH_GROUPS``; ``profile`` is theme × catalogue indicator;
    ``values`` region × catalogue indicator (the dataset's orders).
    """

    group: NDArray[np.float64]
    profile: NDArray[np.float64]
    values: NDArray[np.float64]

    def group_weights(self, weights: dict[str, float]) -> dict[str, float]:
        """The scenario's group weights times their factors (unlisted groups stay unlisted)."""
        factor = dict(zip(STRENGTH_GROUPS, self.group.tolist(), strict=True))
        return {g: float(w) * factor[g] for g, w in weights.items()}


def draw_factors(spread: Spread, sample: int, *, themes: int, regions: int,
                 scale: NDArray[np.float64]) -> Factors:
    """The factors of sample ``sample``, in the order the module docstring states.

    ``scale`` is each value's noise multiplier ``m`` (:func:`noise_scale`): region × catalogue
    indicator, or one per indicator (its last dimension is the number of indicators).
    """
    rng = np.random.default_rng([int(spread.seed), int(sample)])
    scale = np.asarray(scale, dtype=float)
    indicators = scale.shape[-1]
    sigma, nu = float(spread.weight_spread), float(spread.value_noise)
    group = np.exp(sigma * rng.standard_normal(len(STRENGTH_GROUPS)))
    profile = np.exp(sigma * rng.standard_normal((themes, indicators)))
    values = 1.0 + scale * nu * rng.standard_normal((regions, indicators))
    return Factors(group=group, profile=profile, values=values)


def noise_scale(dataset: Dataset) -> NDArray[np.float64]:
    """Each value's noise multiplier ``m`` (region × catalogue indicator) from its confidence
    (:meth:`Dataset.confidence <jazari_planner.data.dataset.Dataset.confidence>`)."""
    words = dataset.confidence().to_numpy(dtype=object)
    scale: NDArray[np.float64] = np.vectorize(NOISE_SCALE.__getitem__, otypes=[float])(words)
    return scale


def dataset_factors(spread: Spread, sample: int, dataset: Dataset) -> Factors:
    """:func:`draw_factors` sized for ``dataset``."""
    return draw_factors(spread, sample, themes=len(dataset.themes),
                        regions=len(dataset.regions), scale=noise_scale(dataset))


def perturbed_inputs(scenario: Scenario, dataset: Dataset, *, sample: int,
                     spread: Spread) -> tuple[Scenario, Dataset]:
    """Sample ``sample``'s scenario and dataset: what the sweep solves, for :func:`solve`.

    Only the group weights, the profile weights and the indicator values change; every rule
    of the scenario stays as it is.
    """
    factors = dataset_factors(spread, sample, dataset)
    weights = factors.group_weights({str(g): float(w) for g, w in scenario.weights.items()})
    varied = scenario.model_copy(update={"weights": weights})
    profiles = dataset.profiles.astype(float) * factors.profile
    row = {code: i for i, code in enumerate(dataset.region_codes)}
    column = {k: j for j, k in enumerate(dataset.catalogue.index)}
    indicators = dataset.indicators.copy()
    rows = indicators["region_code"].map(row).to_numpy(dtype=int)
    columns = indicators["indicator"].map(column).to_numpy(dtype=int)
    indicators["value"] = indicators["value"].to_numpy(dtype=float) * factors.values[rows, columns]
    return varied, replace(dataset, indicators=indicators, profiles=profiles)
