"""The committed, simplified geometry: valid, small, and without gaps or overlaps."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely

DATA = Path(__file__).resolve().parents[2] / "data"
EQUAL_AREA = "EPSG:6933"


@pytest.fixture(scope="module")
def regions() -> gpd.GeoDataFrame:
    return gpd.read_file(DATA / "regions.geojson")


@pytest.fixture(scope="module")
def provinces() -> gpd.GeoDataFrame:
    return gpd.read_file(DATA / "provinces.geojson")


def test_file_sizes() -> None:
    assert (DATA / "regions.geojson").stat().st_size < 150 * 1024
    assert (DATA / "provinces.geojson").stat().st_size < 400 * 1024


def test_regions_have_codes_names_population(regions: gpd.GeoDataFrame) -> None:
    assert list(regions["region_code"]) == [f"{i:02d}" for i in range(1, 13)]
    assert regions["region_name"].str.len().gt(0).all()
    assert regions["region_name_ar"].str.len().gt(0).all()
    assert (regions["population"] > 0).all()
    # The 2024 legal population of Morocco (HCP): 36 828 330.
    assert int(regions["population"].sum()) == 36_828_330


def test_provinces_belong_to_regions(provinces: gpd.GeoDataFrame) -> None:
    assert len(provinces) == 75
    assert provinces["province_code"].is_unique
    assert (provinces["province_code"].str[:2] == provinces["region_code"]).all()
    khouribga = provinces.set_index("province_code").loc["05.311"]
    assert khouribga["province_name"] == "Khouribga"
    assert int(provinces["population"].sum()) == 36_828_330


@pytest.mark.parametrize("layer", ["regions", "provinces"])
def test_geometry_is_valid_polygons(layer: str, request: pytest.FixtureRequest) -> None:
    frame: gpd.GeoDataFrame = request.getfixturevalue(layer)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert frame.is_valid.all()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    assert not frame.is_empty.any()


@pytest.mark.parametrize("layer", ["regions", "provinces"])
def test_no_overlaps_and_no_gaps(layer: str, request: pytest.FixtureRequest) -> None:
    frame: gpd.GeoDataFrame = request.getfixturevalue(layer).to_crs(EQUAL_AREA)
    union = shapely.union_all(frame.geometry.to_numpy())
    # Overlaps would make the sum of areas exceed the union's area.
    assert frame.area.sum() == pytest.approx(union.area, rel=1e-6)
    # Gaps between neighbours would show as holes in the union (the country has none).
    parts = list(union.geoms) if union.geom_type == "MultiPolygon" else [union]
    assert sum(len(p.interiors) for p in parts) == 0
    assert len(parts) == 1


def test_regions_are_the_union_of_their_provinces(
    regions: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame
) -> None:
    dissolved = provinces.dissolve("region_code").to_crs(EQUAL_AREA)
    by_code = regions.set_index("region_code").to_crs(EQUAL_AREA)
    for code, geom in by_code.geometry.items():
        difference = geom.symmetric_difference(dissolved.geometry[code]).area
        assert difference < 1e-6 * geom.area, code
    populations = provinces.groupby("region_code")["population"].sum()
    assert (populations == by_code["population"]).all()


def test_neighbours_share_borders(regions: gpd.GeoDataFrame) -> None:
    """Shared arcs: each pair of touching regions meets along a line, not in slivers."""
    frame = regions.set_index("region_code")
    casablanca, rabat = frame.geometry["06"], frame.geometry["04"]
    shared = casablanca.intersection(rabat)
    assert shared.geom_type in {"LineString", "MultiLineString", "GeometryCollection"}
    assert shared.length > 0.5  # degrees: a real border, not a point
    assert casablanca.intersection(rabat).area == 0
