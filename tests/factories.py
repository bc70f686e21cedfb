"""Small hand-written datasets and scenario files for tests whose expectations are known."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

import jazari_planner as jp
from jazari_planner.common.errors import InputError
from jazari_planner.data.dataset import Dataset
from jazari_planner.scenario.schema import Scenario


def read_error(path: Path) -> InputError:
    """The :class:`InputError` that reading the scenario file ``path`` raises."""
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(path)
    return caught.value


def make_dataset(
    values: Mapping[str, Sequence[float]],
    *,
    groups: Mapping[str, str],
    profiles: Mapping[str, Mapping[str, float]],
    directions: Mapping[str, str] | None = None,
    costs: Mapping[str, float] | None = None,
    bounds: Mapping[str, tuple[int, int]] | None = None,
    population: Sequence[int] | None = None,
    names: Sequence[str] | None = None,
    sectors: Mapping[str, Sequence[str]] | None = None,
    confidence: Mapping[str, Sequence[str]] | None = None,
) -> Dataset:
    """A dataset with one row per region (codes "01"…), indicators given column-wise.

    ``sectors``: each theme's ``sector`` indicators (none where not given); ``confidence``:
    per indicator, each region's confidence word (``exact`` where not given).
    """
    n = len(next(iter(values.values())))
    codes = [f"{i + 1:02d}" for i in range(n)]
    regions = gpd.GeoDataFrame(
        {
            "region_name": list(names or [f"Region {c}" for c in codes]),
            "region_name_ar": [f"جهة {c}" for c in codes],
            "population": list(population or [1_000_000] * n),
        },
        geometry=[box(i, 0, i + 1, 1) for i in range(n)],
        crs="EPSG:4326",
        index=pd.Index(codes, name="region_code"),
    )
    indicators = pd.DataFrame(
        [(c, k, float(v[i]), 2024, "hand") for k, v in values.items() for i, c in enumerate(codes)],
        columns=["region_code", "indicator", "value", "year", "source"],
    )
    indicators["confidence"] = [
        (confidence or {}).get(k, ["exact"] * n)[i] for k in values for i in range(n)]
    ids = list(values)
    catalogue = pd.DataFrame(
        {
            "label": ids,
            "group": [groups[k] for k in ids],
            "unit": "x",
            "direction": [(directions or {}).get(k, "higher") for k in ids],
            "source": "hand",
            "year": 2024,
            "estimate": False,
            "method": "",
        },
        index=pd.Index(ids, name="indicator"),
    )
    theme_ids = list(profiles)
    themes = pd.DataFrame(
        {
            "label": [t.upper() for t in theme_ids],
            "label_fr": [t.upper() for t in theme_ids],
            "cost": [float((costs or {}).get(t, 100.0)) for t in theme_ids],
            "min": [(bounds or {}).get(t, (0, n))[0] for t in theme_ids],
            "max": [(bounds or {}).get(t, (0, n))[1] for t in theme_ids],
            "rationale": "",
            "sector": [tuple((sectors or {}).get(t, ())) for t in theme_ids],
        },
        index=pd.Index(theme_ids, name="theme_id"),
    )
    weights = pd.DataFrame(
        [[float(profiles[t].get(k, 0.0)) for k in ids] for t in theme_ids],
        index=themes.index,
        columns=catalogue.index,
    )
    return Dataset(regions=regions, indicators=indicators, catalogue=catalogue, themes=themes,
                   profiles=weights, provenance={"source": "hand-written test dataset"})


def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: ``levels`` lines of 9 aliases each, 9**levels items."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        previous, current = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{current}: &{current} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "name: Bomb\ndescription:\n" + "".join(f"  {line}\n" for line in lines)


def themes_without_sectors(folder: Path) -> Path:
    """A copy of the embedded themes with every ``sector`` list taken out (revision 2's file)."""
    text = (Path(jp.__file__).resolve().parents[1] / "data" / "themes.yaml").read_text(
        encoding="utf-8")
    lines = text.splitlines(keepends=True)
    copy = folder / "themes-without-sectors.yaml"
    copy.write_text("".join(line for line in lines if not line.startswith("    sector:")),
                    encoding="utf-8")
    return copy


def themes_with_sectors(folder: Path) -> Path:
    """A copy of the embedded themes with only the energy theme's sector named."""
    text = themes_without_sectors(folder).read_text(encoding="utf-8")
    start = text.index("  - id: energy")
    profile = text.index("    profile:", start)
    copy = folder / "themes.yaml"
    copy.write_text(text[:profile] + "    sector: [renewable_capacity]\n" + text[profile:],
                    encoding="utf-8")
    return copy
