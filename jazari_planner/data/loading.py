"""``load_dataset``: the embedded data, a user's files or DataFrames in, a validated Dataset out.

Each input is ``None`` (the embedded file in :func:`~jazari_planner.common.files.data_dir`), a
path, or
an in-memory table; whichever it is, the same checks in :mod:`jazari_planner.data.validation` run,
and the :class:`~jazari_planner.data.dataset.Dataset` records where each part came from.

Files are parsed and validated once per content: the validated tables are cached under each
file's resolved path and SHA-256 (:class:`~jazari_planner.common.files.DataFile`), so solving many
scenarios on the same files reads them without parsing them again, and a file changed on disk
is always read afresh. Every call returns its own copy of the tables: what a caller does to
its dataset never reaches the cache, nor another caller's dataset.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import geopandas as gpd
import pandas as pd

from ..common.errors import InputError
from ..common.files import (
    DataFile,
    data_dir,
    provenance,
    read_csv,
    read_file,
    read_geojson,
    read_yaml,
)
from ..common.safe_yaml import KeyPath
from .dataset import Dataset
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

#: How many distinct sets of files keep their validated tables in memory.
CACHED_DATASETS = 8

TableInput: TypeAlias = str | Path | pd.DataFrame | None
RecordsInput: TypeAlias = str | Path | pd.DataFrame | Sequence[Mapping[str, Any]] | None


@dataclass(frozen=True)
class _Tables:
    """The validated tables of a dataset, before they are handed out (as copies)."""

    regions: gpd.GeoDataFrame
    indicators: pd.DataFrame
    catalogue: pd.DataFrame
    themes: pd.DataFrame
    profiles: pd.DataFrame
    provinces: gpd.GeoDataFrame | None

    def dataset(self, provenance_of: dict[str, Any]) -> Dataset:
        """A :class:`Dataset` holding copies of these tables, so the cached ones stay intact."""
        return Dataset(
            regions=self.regions.copy(),
            indicators=self.indicators.copy(),
            catalogue=self.catalogue.copy(),
            themes=self.themes.copy(),
            profiles=self.profiles.copy(),
            provinces=None if self.provinces is None else self.provinces.copy(),
            provenance=provenance_of,
        )


def load_dataset(
    *,
    indicators: TableInput = None,
    catalogue: RecordsInput = None,
    themes: RecordsInput = None,
    regions: str | Path | gpd.GeoDataFrame | None = None,
    provinces: bool = False,
) -> Dataset:
    """Read and validate the planning inputs (docs/model.md §1).

    Files are parsed once per content (a cache keyed on path and SHA-256); each caller gets
    its own copy.

    Parameters
    ----------
    indicators : path or DataFrame, optional
        The long table ``region_code, indicator, value`` (plus ``year, source, confidence``).
    catalogue, themes : path, DataFrame or list of dicts, optional
        The indicator catalogue and the themes (YAML files).
    regions : path or GeoDataFrame, optional
        The 12 regions with population and geometry (GeoJSON).
    provinces : bool
        Also load the embedded provinces layer.

    Each input left ``None`` is the embedded file.

    Returns
    -------
    Dataset
        The validated inputs, with each file's provenance.

    Raises
    ------
    InputError
        On any invalid input, naming the file, the row or key and the fix.
    """
    given = {"regions": regions, "catalogue": catalogue, "indicators": indicators,
             "themes": themes}
    for role, value in given.items():
        _check_kind(role, value)
    paths = {role: value for role, value in given.items()
             if value is None or isinstance(value, str | Path)}
    # The embedded catalogue's ``measures`` name the embedded themes: a user's own themes are
    # not held to them, a user's own catalogue is held to the themes in use.
    hold_measures = catalogue is not None or themes is None
    if len(paths) == len(given):
        files = {role: read_file(_path(role, value), what=role) for role, value in paths.items()}
        province_file = read_file(_path("provinces", None), what="provinces") if provinces else None
        tables = _validated_files(files["regions"], files["catalogue"], files["indicators"],
                                  files["themes"], province_file, hold_measures)
        provenance_of: dict[str, Any] = {role: provenance(file) for role, file in files.items()}
        if province_file is not None:
            provenance_of["provinces"] = provenance(province_file)
        return tables.dataset(provenance_of)
    return _validated_inputs(given, provinces=provinces, hold_measures=hold_measures)


def _check_kind(role: str, value: Any) -> None:
    """Raise unless ``value`` is an input ``role`` accepts (see :func:`load_dataset`)."""
    if value is None or isinstance(value, str | Path):
        return
    if role == "regions":
        if isinstance(value, gpd.GeoDataFrame):
            return
        if isinstance(value, pd.DataFrame):
            raise InputError(
                f"{role} must be a GeoDataFrame (with a geometry column)",
                source=f"{role} DataFrame",
                fix="build it with geopandas.GeoDataFrame(..., geometry=..., crs='EPSG:4326')",
            )
        raise InputError(
            f"{role} must be a path or a GeoDataFrame, got {type(value).__name__}",
            source=role,
            fix="pass a GeoJSON path or a geopandas.GeoDataFrame",
        )
    if isinstance(value, pd.DataFrame):
        return
    if role == "indicators":
        raise InputError(
            f"{role} must be a path or a DataFrame, got {type(value).__name__}",
            source=role,
            fix="pass a CSV path or a pandas DataFrame",
        )
    if not (isinstance(value, Sequence) and not isinstance(value, str)):
        raise InputError(
            f"{role} must be a path, a DataFrame or a list of dicts, got {type(value).__name__}",
            source=role,
            fix="pass a YAML path, a DataFrame or a list of dicts",
        )


#: One part of a dataset before validation: the parsed data, its name in messages, whether
#: it came from a file (so messages can give a line number), and the line of each key path
#: of a YAML file (empty otherwise).
_Part: TypeAlias = tuple[Any, str, bool, Mapping[KeyPath, int]]


@functools.lru_cache(maxsize=CACHED_DATASETS)
def _validated_files(regions: DataFile, catalogue: DataFile, indicators: DataFile,
                     themes: DataFile, provinces: DataFile | None, hold_measures: bool
                     ) -> _Tables:
    """The validated tables of these files (cached: a key is a file's path and content hash)."""
    return _validated(_parsed("regions", regions), _parsed("catalogue", catalogue),
                      _parsed("indicators", indicators), _parsed("themes", themes),
                      None if provinces is None else _parsed("provinces", provinces),
                      hold_measures=hold_measures)


def _validated_inputs(given: dict[str, Any], *, provinces: bool, hold_measures: bool
                      ) -> Dataset:
    """The dataset of inputs some of which are in memory (not cached: they may change)."""
    provenance_of: dict[str, Any] = {}

    def part(role: str, value: Any) -> _Part:
        if isinstance(value, pd.DataFrame):  # GeoDataFrames too
            provenance_of[role] = {"source": "DataFrame"}
            kind = "GeoDataFrame" if isinstance(value, gpd.GeoDataFrame) else "DataFrame"
            return value.copy(), f"{role} {kind}", False, {}
        if isinstance(value, Sequence) and not isinstance(value, str):
            provenance_of[role] = {"source": "list"}
            return ([dict(e) if isinstance(e, Mapping) else e for e in value], f"{role} list",
                    False, {})
        file = read_file(_path(role, value), what=role)
        provenance_of[role] = provenance(file)
        return _parsed(role, file)

    parts = {role: part(role, value) for role, value in given.items()}
    tables = _validated(parts["regions"], parts["catalogue"], parts["indicators"],
                        parts["themes"], part("provinces", None) if provinces else None,
                        hold_measures=hold_measures)
    return tables.dataset(provenance_of)


def _parsed(role: str, file: DataFile) -> _Part:
    """A file parsed as its role expects: GeoJSON, CSV or YAML."""
    if role in ("regions", "provinces"):
        return read_geojson(file, what=role), str(file.path), True, {}
    if role == "indicators":
        return read_csv(file), str(file.path), True, {}
    document = read_yaml(file)
    return document.data, str(file.path), True, document.lines


def _validated(regions: _Part, catalogue: _Part, indicators: _Part, themes: _Part,
               provinces: _Part | None, *, hold_measures: bool) -> _Tables:
    """Every part checked by :mod:`jazari_planner.data.validation`, in dependency order.

    ``hold_measures``: check the catalogue's ``measures`` against these themes' ids.
    """
    region_table = validate_regions(regions[0], source=regions[1])
    catalogue_table = validate_catalogue(catalogue[0], source=catalogue[1])
    values_table = validate_indicators(indicators[0], source=indicators[1],
                                       from_file=indicators[2], regions=region_table,
                                       catalogue=catalogue_table)
    theme_table, profiles = validate_themes(themes[0], source=themes[1],
                                            catalogue=catalogue_table, lines=themes[3])
    if hold_measures:
        check_measures(catalogue_table, theme_table.index, source=catalogue[1])
    province_table = (None if provinces is None else
                      validate_provinces(provinces[0], source=provinces[1], regions=region_table))
    return _Tables(region_table, values_table, catalogue_table, theme_table, profiles,
                   province_table)


def _path(role: str, given: str | Path | None) -> Path:
    """The file to read for ``role``: ``given`` or the embedded one."""
    return Path(given) if given is not None else data_dir() / EMBEDDED_FILES[role]
