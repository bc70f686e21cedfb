"""``load_dataset`` on the embedded files, on copies of them, and on DataFrames."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import yaml

from jazari_planner.data.dataset import GROUPS, STRENGTH_GROUPS, Dataset
from jazari_planner.data.loading import EMBEDDED_FILES, load_dataset

DATA = Path(__file__).resolve().parents[2] / "data"
THEME_IDS = [
    "energy",
    "agrifood",
    "fisheries",
    "mining",
    "industry",
    "logistics",
    "finance",
    "health",
    "tourism",
    "sovereign_ai",
    "language_education",
    "water",
    "smart_cities",
]


def test_embedded_dataset_shape(dataset: Dataset) -> None:
    assert dataset.region_codes == [f"{i:02d}" for i in range(1, 13)]
    assert dataset.theme_ids == THEME_IDS
    assert len(dataset.catalogue) >= 25
    assert set(dataset.catalogue["group"]) == set(GROUPS)
    values = dataset.values()
    assert values.shape == (12, len(dataset.catalogue))
    assert values.notna().all().all()
    text = repr(dataset)
    assert "12 regions" in text and "13 themes" in text


def test_regions_table_contract(dataset: Dataset) -> None:
    regions = dataset.regions
    assert regions.index.name == "region_code"
    assert all(isinstance(c, str) for c in regions.index)
    assert list(regions.columns) == ["region_name", "region_name_ar", "population", "geometry"]
    assert regions.crs is not None and regions.crs.to_epsg() == 4326
    assert regions["population"].dtype == "int64"
    assert dataset.region_name("03") == "Fès-Meknès"
    assert dataset.region_code("fes-meknes") == "03"


def test_required_indicators_and_catalogue_fields(dataset: Dataset) -> None:
    catalogue = dataset.catalogue
    assert catalogue.at["gdp_per_capita", "group"] == "need"
    assert catalogue.at["gdp_per_capita", "direction"] == "higher"
    assert catalogue.at["renewable_capacity", "measures"] == ("energy",)
    assert catalogue.at["university_degree_share", "measures"] == ()
    assert catalogue.at["unemployment_rate", "group"] == "need"
    assert catalogue.at["poverty_rate", "group"] == "need"
    assert list(catalogue.columns) == [
        "label",
        "label_fr",
        "label_ar",
        "group",
        "unit",
        "unit_fr",
        "unit_ar",
        "direction",
        "source",
        "year",
        "estimate",
        "method",
        "description",
        "measures",
    ]
    assert catalogue["source"].str.len().gt(10).all()
    assert catalogue["year"].between(2014, 2026).all()
    estimates = catalogue[catalogue["estimate"]]
    assert not estimates.empty
    assert estimates["method"].notna().all()
    # Every row keeps a source and a year.
    assert dataset.indicators["source"].str.len().gt(0).all()
    assert dataset.indicators["year"].between(2014, 2026).all()


def test_themes_and_profiles(dataset: Dataset) -> None:
    themes = dataset.themes
    assert list(themes.columns) == ["label", "label_fr", "label_ar", "cost", "min", "max",
                                    "rationale", "sector"]
    assert (themes["cost"] >= 0).all()
    assert (themes["min"] <= themes["max"]).all()
    # The default scenario (each region 1-2 themes) must be able to meet the bounds.
    assert themes["min"].sum() <= 2 * 12 and themes["max"].sum() >= 12
    profiles = dataset.profiles
    assert list(profiles.index) == THEME_IDS
    assert list(profiles.columns) == list(dataset.catalogue.index)
    need = dataset.catalogue.index[~dataset.catalogue["group"].isin(STRENGTH_GROUPS)]
    assert (profiles[need] == 0).all().all()
    assert (profiles.sum(axis=1) > 0).all()


def test_provenance_names_files_and_digests(dataset: Dataset) -> None:
    for role in ("indicators", "catalogue", "themes", "regions"):
        record = dataset.provenance[role]
        # embedded files are named portably: no machine path in a summary
        assert record["path"] == f"embedded:{EMBEDDED_FILES[role]}"
        path = DATA / EMBEDDED_FILES[role]
        assert record["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert dataset.provinces is None


def test_provinces_on_request() -> None:
    loaded = load_dataset(provinces=True)
    assert loaded.provinces is not None
    assert len(loaded.provinces) == 75
    assert list(loaded.provinces.columns) == [
        "province_code",
        "province_name",
        "province_name_ar",
        "region_code",
        "population",
        "geometry",
    ]
    assert set(loaded.provinces["region_code"]) == set(loaded.region_codes)
    assert "provinces" in loaded.provenance


def test_explicit_paths_and_env_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset: Dataset
) -> None:
    for name in EMBEDDED_FILES.values():
        shutil.copy(DATA / name, tmp_path / name)
    by_path = load_dataset(
        indicators=tmp_path / "indicators.csv",
        catalogue=str(tmp_path / "indicators.yaml"),
        themes=tmp_path / "themes.yaml",
        regions=tmp_path / "regions.geojson",
    )
    assert by_path.provenance["indicators"]["path"] == str((tmp_path / "indicators.csv").resolve())
    pd.testing.assert_frame_equal(by_path.values(), dataset.values())

    monkeypatch.setenv("JAZARI_PLANNER_DATA", str(tmp_path))
    by_env = load_dataset()
    assert by_env.provenance["themes"]["path"] == "embedded:themes.yaml"


def test_dataframes_and_lists(dataset: Dataset) -> None:
    regions = gpd.read_file(DATA / "regions.geojson")
    indicators = pd.read_csv(DATA / "indicators.csv", dtype={"region_code": str})
    catalogue = yaml.safe_load((DATA / "indicators.yaml").read_text(encoding="utf-8"))
    themes = yaml.safe_load((DATA / "themes.yaml").read_text(encoding="utf-8"))["themes"]
    loaded = load_dataset(
        indicators=indicators,
        catalogue=catalogue["indicators"],
        themes=pd.DataFrame(themes),
        regions=regions,
    )
    assert loaded.provenance["indicators"] == {"source": "DataFrame"}
    assert loaded.provenance["regions"] == {"source": "DataFrame"}
    assert loaded.provenance["catalogue"] == {"source": "list"}
    pd.testing.assert_frame_equal(loaded.values(), dataset.values())
    pd.testing.assert_frame_equal(loaded.profiles, dataset.profiles)


def test_a_subset_of_regions_and_minimal_columns() -> None:
    """A user's own three-region dataset without the optional year/source columns."""
    regions = gpd.read_file(DATA / "regions.geojson").iloc[:3]
    catalogue = [
        {
            "id": "gdp",
            "label": "GDP",
            "group": "economic",
            "unit": "MAD",
            "direction": "higher",
            "source": "own",
            "year": 2024,
        },
        {
            "id": "jobless",
            "label": "Unemployment",
            "group": "need",
            "unit": "%",
            "direction": "lower",
            "source": "own",
            "year": 2024,
        },
    ]
    values = pd.DataFrame(
        {
            "region_code": [1, 2, 3, 1, 2, 3],
            "indicator": ["gdp"] * 3 + ["jobless"] * 3,
            "value": [1.0, 2.0, 3.0, 10.0, 20.0, 30.0],
        }
    )
    themes = [{"id": "t", "label": "T", "cost": 1, "min": 0, "max": 3, "profile": {"gdp": 1}}]
    loaded = load_dataset(indicators=values, catalogue=catalogue, themes=themes, regions=regions)
    assert loaded.region_codes == ["01", "02", "03"]
    assert list(loaded.indicators["year"]) == [2024] * 6
    assert list(loaded.indicators["source"]) == ["own"] * 6
    assert loaded.values().loc["02", "jobless"] == 20.0
