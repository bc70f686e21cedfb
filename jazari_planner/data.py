"""``load_dataset``: the embedded data, a user's files or DataFrames in, a validated Dataset out.

Each input is ``None`` (the embedded file in :func:`~jazari_planner._io.data_dir`), a path, or
an in-memory table; whichever it is, the same checks in :mod:`jazari_planner.validation` run,
and the :class:`~jazari_planner.dataset.Dataset` records where each part came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias

import geopandas as gpd
import pandas as pd

from ._io import data_dir, provenance, read_csv, read_geojson, read_yaml
from .dataset import Dataset
from .errors import InputError
from .measures import check_measures
from .validation import (
    validate_catalogue,
    validate_indicators,
    validate_provinces,
    validate_regions,
    validate_themes,
)

__all__ = ["EMBEDDED_FILES", "load_dataset"]

#: The embedded file of each part, inside the data directory.
EMBEDDED_FILES: dict[str, str] = {
    "indicators": "indicators.csv",
    "catalogue": "indicators.yaml",
    "themes": "themes.yaml",
    "regions": "regions.geojson",
    "provinces": "provinces.geojson",
}

TableInput: TypeAlias = str | Path | pd.DataFrame | None
RecordsInput: TypeAlias = str | Path | pd.DataFrame | Sequence[Mapping[str, Any]] | None


def load_dataset(
    *,
    indicators: TableInput = None,
    catalogue: RecordsInput = None,
    themes: RecordsInput = None,
    regions: str | Path | gpd.GeoDataFrame | None = None,
    provinces: bool = False,
) -> Dataset:
    """Read and validate the planning inputs (docs/model.md §1).

    Each of ``indicators`` (long CSV), ``catalogue`` (YAML), ``themes`` (YAML) and ``regions``
    (GeoJSON) is ``None`` for the embedded file, a path, or a DataFrame (a GeoDataFrame for
    regions; a list of dicts also works for catalogue and themes). ``provinces=True`` also loads
    the embedded provinces layer. Raises :class:`InputError` on any invalid input.
    """
    provenance_of: dict[str, Any] = {}

    region_frame, region_source = _geo_input("regions", regions, provenance_of)
    region_table = validate_regions(region_frame, source=region_source)

    catalogue_data, catalogue_source = _records_input("catalogue", catalogue, provenance_of)
    catalogue_table = validate_catalogue(catalogue_data, source=catalogue_source)

    values_frame, values_source, from_file = _table_input("indicators", indicators, provenance_of)
    values_table = validate_indicators(
        values_frame,
        source=values_source,
        from_file=from_file,
        regions=region_table,
        catalogue=catalogue_table,
    )

    themes_data, themes_source = _records_input("themes", themes, provenance_of)
    theme_table, profiles = validate_themes(
        themes_data, source=themes_source, catalogue=catalogue_table
    )
    if catalogue is not None or themes is None:
        # The embedded catalogue's ``measures`` name the embedded themes: a user's own
        # themes are not held to them, a user's own catalogue is held to the themes in use.
        check_measures(catalogue_table, theme_table.index, source=catalogue_source)

    province_table = None
    if provinces:
        province_frame, province_source = _geo_input("provinces", None, provenance_of)
        province_table = validate_provinces(
            province_frame, source=province_source, regions=region_table
        )

    return Dataset(
        regions=region_table,
        indicators=values_table,
        catalogue=catalogue_table,
        themes=theme_table,
        profiles=profiles,
        provinces=province_table,
        provenance=provenance_of,
    )


def _path(role: str, given: str | Path | None) -> Path:
    """The file to read for ``role``: ``given`` or the embedded one."""
    return Path(given) if given is not None else data_dir() / EMBEDDED_FILES[role]


def _record_file(role: str, path: Path, provenance_of: dict[str, Any]) -> None:
    provenance_of[role] = provenance(path)


def _table_input(
    role: str, given: TableInput, provenance_of: dict[str, Any]
) -> tuple[pd.DataFrame, str, bool]:
    """A CSV-shaped input as (frame, source name, read from a file?)."""
    if isinstance(given, pd.DataFrame):
        provenance_of[role] = {"source": "DataFrame"}
        return given.copy(), f"{role} DataFrame", False
    if given is not None and not isinstance(given, str | Path):
        raise InputError(
            f"{role} must be a path or a DataFrame, got {type(given).__name__}",
            source=role,
            fix="pass a CSV path or a pandas DataFrame",
        )
    path = _path(role, given)
    frame = read_csv(path, what=role)
    _record_file(role, path, provenance_of)
    return frame, str(path), True


def _records_input(
    role: str, given: RecordsInput, provenance_of: dict[str, Any]
) -> tuple[Any, str]:
    """A YAML-shaped input (catalogue or themes) as (data, source name)."""
    if isinstance(given, pd.DataFrame):
        provenance_of[role] = {"source": "DataFrame"}
        return given.copy(), f"{role} DataFrame"
    if isinstance(given, Sequence) and not isinstance(given, str):
        provenance_of[role] = {"source": "list"}
        return [
            dict(entry) if isinstance(entry, Mapping) else entry for entry in given
        ], f"{role} list"
    if given is not None and not isinstance(given, str | Path):
        raise InputError(
            f"{role} must be a path, a DataFrame or a list of dicts, got {type(given).__name__}",
            source=role,
            fix="pass a YAML path, a DataFrame or a list of dicts",
        )
    path = _path(role, given)
    data = read_yaml(path, what=role)
    _record_file(role, path, provenance_of)
    return data, str(path)


def _geo_input(
    role: str, given: str | Path | gpd.GeoDataFrame | None, provenance_of: dict[str, Any]
) -> tuple[gpd.GeoDataFrame, str]:
    """A geometry input as (GeoDataFrame, source name)."""
    if isinstance(given, gpd.GeoDataFrame):
        provenance_of[role] = {"source": "DataFrame"}
        return given.copy(), f"{role} GeoDataFrame"
    if isinstance(given, pd.DataFrame):
        raise InputError(
            f"{role} must be a GeoDataFrame (with a geometry column)",
            source=f"{role} DataFrame",
            fix="build it with geopandas.GeoDataFrame(..., geometry=..., crs='EPSG:4326')",
        )
    if given is not None and not isinstance(given, str | Path):
        raise InputError(
            f"{role} must be a path or a GeoDataFrame, got {type(given).__name__}",
            source=role,
            fix="pass a GeoJSON path or a geopandas.GeoDataFrame",
        )
    path = _path(role, given)
    frame = read_geojson(path, what=role)
    _record_file(role, path, provenance_of)
    return frame, str(path)
