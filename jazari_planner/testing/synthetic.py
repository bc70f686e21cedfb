"""Random but valid planning inputs of any size, for tests, property tests and benchmarks.

The real dataset has 12 regions; the solver, the checker and the benchmarks must also be
exercised on other shapes (4 regions x 5 themes for brute force, 75 x 20 and up for timing).
:func:`synthetic_dataset` builds such a :class:`~jazari_planner.data.dataset.Dataset` directly,
deterministically from a seed, with the same tables and columns as the loaded one.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from ..data.dataset import GROUPS, STRENGTH_GROUPS, Dataset

__all__ = ["synthetic_dataset"]

#: South-west corner and cell size (degrees) of the grid of square synthetic regions.
_GRID_ORIGIN = (-13.0, 21.0)
_CELL = 1.0


def synthetic_dataset(
    *,
    n_regions: int,
    n_themes: int,
    n_indicators: int = 8,
    seed: int = 0,
    profile_density: float = 0.5,
    cost_range: tuple[int, int] = (50, 300),
    sectors: bool = False,
    confidence: bool = False,
) -> Dataset:
    """A valid random dataset of the given numbers of regions, themes and indicators.

    Indicators cycle through the groups economic, academic, infrastructure, need (so at least
    one is a strength indicator); about one in four has ``direction: lower``. Each theme's
    profile weighs each strength indicator with probability ``profile_density`` (at least
    one), with an integer weight 1-5. Costs are integers in ``cost_range`` (MAD million);
    coverage bounds are 0 … ``n_regions``, so default region bounds (1-2) are always feasible.
    Region codes are ``"01"`` … zero-padded to width 2 (3 above 99); geometries are unit
    squares on a grid in EPSG:4326. The same arguments always give the same dataset.

    ``sectors``: each theme names a random non-empty part of its profile as its ``sector``
    measures (docs/model.md §2); ``confidence``: each value gets a random confidence word
    (half ``exact``, the rest ``secondary``, ``derived`` or ``gap``). Both are drawn after
    everything else, from their own generator: without them the dataset is as before.
    """
    if n_regions < 1 or n_themes < 1 or n_indicators < 1:
        raise ValueError("n_regions, n_themes and n_indicators must each be at least 1")
    if not 0 < profile_density <= 1:
        raise ValueError("profile_density must be in (0, 1]")
    rng = np.random.default_rng(seed)
    regions = _regions(n_regions, rng)
    catalogue = _catalogue(n_indicators, rng)
    indicators = _indicator_values(regions.index, catalogue.index, rng)
    themes = _themes(n_themes, n_regions, cost_range, rng)
    profiles = _profiles(themes.index, catalogue, profile_density, rng)
    extra = np.random.default_rng([seed, 1])
    themes["sector"] = [_sector(profiles.loc[t], extra) if sectors else ()
                        for t in themes.index]
    if confidence:
        indicators["confidence"] = extra.choice(
            ["exact", "exact", "exact", "secondary", "derived", "gap"], size=len(indicators))
    return Dataset(
        regions=regions,
        indicators=indicators,
        catalogue=catalogue,
        themes=themes,
        profiles=profiles,
        provenance={"source": "synthetic", "seed": seed},
    )


def _regions(n: int, rng: np.random.Generator) -> gpd.GeoDataFrame:
    width = 2 if n <= 99 else 3
    codes = [str(i).zfill(width) for i in range(1, n + 1)]
    columns = math.ceil(math.sqrt(n))
    squares = []
    for i in range(n):
        x0 = _GRID_ORIGIN[0] + (i % columns) * _CELL
        y0 = _GRID_ORIGIN[1] + (i // columns) * _CELL
        squares.append(box(x0, y0, x0 + _CELL, y0 + _CELL))
    frame = gpd.GeoDataFrame(
        {
            "region_name": [f"Region {c}" for c in codes],
            "region_name_ar": [f"الجهة {c}" for c in codes],
            "population": rng.integers(100_000, 5_000_000, size=n).astype(int),
        },
        geometry=squares,
        crs="EPSG:4326",
        index=pd.Index(codes, name="region_code"),
    )
    return frame


def _catalogue(n: int, rng: np.random.Generator) -> pd.DataFrame:
    groups = [GROUPS[i % len(GROUPS)] for i in range(n)]
    ids = [f"{g}_{i + 1:02d}" for i, g in enumerate(groups)]
    directions = np.where(rng.random(n) < 0.25, "lower", "higher")
    return pd.DataFrame(
        {
            "label": [f"Synthetic {g} indicator {i + 1}" for i, g in enumerate(groups)],
            "group": groups,
            "unit": "index",
            "direction": directions,
            "source": "synthetic",
            "year": 2024,
            "estimate": False,
            "method": "random uniform draw",
        },
        index=pd.Index(ids, name="indicator"),
    )


def _indicator_values(
    region_codes: pd.Index, indicator_ids: pd.Index, rng: np.random.Generator
) -> pd.DataFrame:
    scales = rng.choice([1.0, 10.0, 100.0, 1000.0], size=len(indicator_ids))
    values = np.round(rng.random((len(region_codes), len(indicator_ids))) * scales, 3)
    long = pd.DataFrame({  # region by region, indicators in order (a wide table stacked)
        "region_code": np.repeat(region_codes.to_numpy(), len(indicator_ids)),
        "indicator": np.tile(indicator_ids.to_numpy(), len(region_codes)),
        "value": values.ravel(),
    })
    long["year"] = 2024
    long["source"] = "synthetic"
    return long


def _themes(
    n: int, n_regions: int, cost_range: tuple[int, int], rng: np.random.Generator
) -> pd.DataFrame:
    ids = [f"theme_{i:02d}" for i in range(1, n + 1)]
    low, high = cost_range
    return pd.DataFrame(
        {
            "label": [f"Theme {i:02d}" for i in range(1, n + 1)],
            "label_fr": [f"Thème {i:02d}" for i in range(1, n + 1)],
            "cost": rng.integers(low, high + 1, size=n).astype(float),
            "min": 0,
            "max": n_regions,
            "rationale": "synthetic",
        },
        index=pd.Index(ids, name="theme_id"),
    )


def _sector(profile: pd.Series, rng: np.random.Generator) -> tuple[str, ...]:
    """A random non-empty part of a theme's profile (its indicators with a weight)."""
    weighed = [str(k) for k in profile.index if profile[k] > 0]
    chosen = [k for k in weighed if rng.random() < 0.5]
    return tuple(chosen or weighed[:1])


def _profiles(
    theme_ids: pd.Index, catalogue: pd.DataFrame, density: float, rng: np.random.Generator
) -> pd.DataFrame:
    strength_ids = catalogue.index[catalogue["group"].isin(STRENGTH_GROUPS)]
    weights = pd.DataFrame(0.0, index=theme_ids, columns=catalogue.index)
    weights.columns.name = "indicator"
    for theme in theme_ids:
        chosen = rng.random(len(strength_ids)) < density
        if not chosen.any():
            chosen[rng.integers(len(strength_ids))] = True
        for indicator in strength_ids[chosen]:
            weights.at[theme, indicator] = float(rng.integers(1, 6))
    return weights
