"""Every check on a dataset's tables, each failing with an :class:`InputError` that names
the file (or DataFrame), the row or key, and the fix.

The functions take already-read tables (``_io`` opens the files) and return clean, typed
tables in the shapes :class:`~jazari_planner.data.dataset.Dataset` documents.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..common.errors import InputError, did_you_mean, suggest
from ..common.safe_yaml import KeyPath, line_of
from .dataset import CONFIDENCES, GROUPS, STRENGTH_GROUPS
from .measures import parse_measures

__all__ = [
    "CATALOGUE_FIELDS",
    "THEME_FIELDS",
    "validate_catalogue",
    "validate_indicators",
    "validate_provinces",
    "validate_regions",
    "validate_themes",
]

DIRECTIONS: tuple[str, ...] = ("higher", "lower")
CATALOGUE_REQUIRED: tuple[str, ...] = (
    "id",
    "label",
    "group",
    "unit",
    "direction",
    "source",
    "year",
)
CATALOGUE_FIELDS: tuple[str, ...] = (
    *CATALOGUE_REQUIRED,
    "label_fr",
    "label_ar",
    "unit_fr",
    "unit_ar",
    "estimate",
    "method",
    "description",
    "measures",
)
THEME_REQUIRED: tuple[str, ...] = ("id", "label", "cost", "min", "max", "profile")
THEME_FIELDS: tuple[str, ...] = (*THEME_REQUIRED, "label_fr", "label_ar", "rationale", "sector")
INDICATOR_COLUMNS: tuple[str, ...] = ("region_code", "indicator", "value")
REGION_COLUMNS: tuple[str, ...] = ("region_code", "region_name", "region_name_ar", "population")
PROVINCE_COLUMNS: tuple[str, ...] = (
    "province_code",
    "province_name",
    "province_name_ar",
    "region_code",
    "population",
)


# ---------------------------------------------------------------------------- shared helpers


def require_columns(columns: Iterable[str], required: Sequence[str], *, source: str) -> None:
    """Raise if a required column is missing, suggesting a present column it may be misspelt as."""
    present = [str(c) for c in columns]
    for name in required:
        if name in present:
            continue
        near = suggest(name, [c for c in present if c not in required])
        raise InputError(
            f"column {name!r} is missing",
            source=source,
            key=name,
            fix=(
                f"rename column {near!r} to {name!r}"
                if near
                else f"add a column {name!r}; expected columns: {', '.join(required)}"
            ),
        )


def _row_place(index: int, *, from_file: bool) -> tuple[str, int | None]:
    """The ``key`` and ``line`` for data row ``index`` (0-based; line counts the CSV header)."""
    return f"row {index + 1}", (index + 2 if from_file else None)


def normalize_code(value: Any) -> str:
    """A region code as two characters: ``4``, ``"4"`` and ``"04"`` all give ``"04"``."""
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text.zfill(2) if text.isdigit() else text


def _check_keys(
    entry: Mapping[str, Any],
    allowed: Sequence[str],
    required: Sequence[str],
    *,
    source: str,
    where: str,
) -> None:
    """Unknown keys (with a near-miss suggestion) and missing required keys of one entry."""
    for key in entry:
        if key not in allowed:
            raise InputError(
                f"unknown key {key!r}",
                source=source,
                key=f"{where}.{key}",
                fix=did_you_mean(str(key), allowed)
                + f"keys are: {', '.join(allowed)}",
            )
    for key in required:
        if (
            key not in entry
            or entry[key] is None
            or (isinstance(entry[key], str) and not entry[key].strip())
        ):
            raise InputError(
                f"{key!r} is missing or empty",
                source=source,
                key=f"{where}.{key}",
                fix=f"give each entry a {key!r}",
            )


def _number(value: Any, *, source: str, key: str, what: str) -> float:
    """``value`` as a finite float, or an error naming ``key``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(
            f"{what} must be a number, got {value!r}",
            source=source,
            key=key,
            fix="write a plain number such as 120 or 0.5",
        ) from None
    if not math.isfinite(number):
        raise InputError(
            f"{what} must be finite, got {value!r}",
            source=source,
            key=key,
            fix="replace it with a finite number",
        )
    return number


def _integer(value: Any, *, source: str, key: str, what: str) -> int:
    """``value`` as an int (``3`` or ``3.0``), or an error naming ``key``."""
    number = _number(value, source=source, key=key, what=what)
    if number != int(number):
        raise InputError(
            f"{what} must be a whole number, got {value!r}",
            source=source,
            key=key,
            fix="write a whole number",
        )
    return int(number)


def _entries(data: Any, *, top_key: str, source: str) -> list[dict[str, Any]]:
    """The list of entries of a YAML document ``{top_key: [...]}``, a bare list, or a DataFrame."""
    if isinstance(data, pd.DataFrame):
        records = data.reset_index() if data.index.name == "id" else data
        return [{str(k): _plain(v) for k, v in row.items()} for row in records.to_dict("records")]
    if isinstance(data, Mapping):
        if top_key not in data:
            near = suggest(top_key, [str(k) for k in data])
            raise InputError(
                f"no {top_key!r} list at the top of the file",
                source=source,
                key=top_key,
                fix=(
                    f"rename {near!r} to {top_key!r}"
                    if near
                    else f"write '{top_key}:' followed by a list of entries '- id: …'"
                ),
            )
        data = data[top_key]
    if not isinstance(data, list) or not data:
        raise InputError(
            f"{top_key} must be a non-empty list of entries",
            source=source,
            key=top_key,
            fix=f"write '{top_key}:' followed by entries '- id: …'",
        )
    for number, entry in enumerate(data):
        if not isinstance(entry, Mapping):
            raise InputError(
                f"entry {number + 1} is not a mapping",
                source=source,
                key=f"{top_key}[{number}]",
                fix="write each entry as '- id: …' with keys",
            )
    return [dict(entry) for entry in data]


def _plain(value: Any) -> Any:
    """A DataFrame cell as a plain Python value (NaN → None)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _unique_ids(ids: Sequence[str], *, source: str, top_key: str) -> None:
    """Raise on the first id that appears twice."""
    seen: set[str] = set()
    for number, ident in enumerate(ids):
        if ident in seen:
            raise InputError(
                f"id {ident!r} appears twice",
                source=source,
                key=f"{top_key}[{number}].id",
                fix="keep one entry per id",
            )
        seen.add(ident)


# ---------------------------------------------------------------------------- regions


def validate_regions(frame: gpd.GeoDataFrame, *, source: str) -> gpd.GeoDataFrame:
    """Regions indexed by ``region_code`` with names, integer population, EPSG:4326 geometry."""
    if not isinstance(frame, gpd.GeoDataFrame):
        raise InputError(
            "regions must be a GeoDataFrame (a table with a geometry)",
            source=source,
            fix="pass a geopandas.GeoDataFrame or the path of a GeoJSON file",
        )
    if frame.index.name == "region_code":
        frame = frame.reset_index()
    require_columns(frame.columns, REGION_COLUMNS, source=source)
    if frame.crs is None:
        raise InputError(
            "the regions have no coordinate reference system",
            source=source,
            fix="set one, e.g. frame.set_crs('EPSG:4326')",
        )
    codes = [normalize_code(c) for c in frame["region_code"]]
    for number, code in enumerate(codes):
        if code in codes[:number]:
            raise InputError(
                f"region {code!r} appears twice",
                source=source,
                key=f"feature {number + 1}",
                fix="keep one feature per region",
            )
    population = []
    for number, value in enumerate(frame["population"]):
        key = f"feature {number + 1} (region {codes[number]}).population"
        count = _integer(value, source=source, key=key, what="population")
        if count <= 0:
            raise InputError(
                f"population must be positive, got {count}",
                source=source,
                key=key,
                fix="give the region's legal population (a positive whole number)",
            )
        population.append(count)
    for number, geom in enumerate(frame.geometry):
        if geom is None or geom.is_empty:
            raise InputError(
                "the region has no geometry",
                source=source,
                key=f"feature {number + 1} (region {codes[number]})",
                fix="give each region a polygon or multipolygon",
            )
    regions = gpd.GeoDataFrame(
        {
            "region_name": frame["region_name"].astype(str).to_numpy(),
            "region_name_ar": frame["region_name_ar"].astype(str).to_numpy(),
            "population": np.asarray(population, dtype="int64"),
        },
        geometry=frame.geometry.to_crs("EPSG:4326").to_numpy(),
        index=pd.Index(codes, name="region_code", dtype=object),
        crs="EPSG:4326",
    )
    return regions


def validate_provinces(
    frame: gpd.GeoDataFrame, *, source: str, regions: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Provinces with codes, names, region and population, in EPSG:4326."""
    require_columns(frame.columns, PROVINCE_COLUMNS, source=source)
    out = frame[[*PROVINCE_COLUMNS, frame.geometry.name]].copy()
    out["region_code"] = [normalize_code(c) for c in out["region_code"]]
    out["province_code"] = out["province_code"].astype(str)
    for number, code in enumerate(out["region_code"]):
        if code not in regions.index:
            raise InputError(
                f"unknown region {code!r}",
                source=source,
                key=f"feature {number + 1}.region_code",
                fix=f"use one of the regions' codes: {', '.join(regions.index)}",
            )
    out["population"] = [
        _integer(v, source=source, key=f"feature {n + 1}.population", what="population")
        for n, v in enumerate(out["population"])
    ]
    if (out["population"] < 0).any():
        number = int(np.flatnonzero(out["population"].to_numpy() < 0)[0])
        raise InputError(
            "population must not be negative",
            source=source,
            key=f"feature {number + 1}.population",
            fix="give the legal population",
        )
    return gpd.GeoDataFrame(out, geometry=frame.geometry.name, crs=frame.crs).to_crs("EPSG:4326")


# ---------------------------------------------------------------------------- catalogue


def validate_catalogue(data: Any, *, source: str) -> pd.DataFrame:
    """The indicator catalogue, indexed by ``indicator`` id, with every field typed."""
    entries = _entries(data, top_key="indicators", source=source)
    rows = []
    for number, entry in enumerate(entries):
        where = f"indicators[{number}]"
        _check_keys(entry, CATALOGUE_FIELDS, CATALOGUE_REQUIRED, source=source, where=where)
        ident = str(entry["id"]).strip()
        where = f"indicators.{ident}"
        group = str(entry["group"]).strip()
        if group not in GROUPS:
            raise InputError(
                f"unknown group {group!r}",
                source=source,
                key=f"{where}.group",
                fix=did_you_mean(group, GROUPS)
                + f"group is one of: {', '.join(GROUPS)}",
            )
        direction = str(entry["direction"]).strip()
        if direction not in DIRECTIONS:
            raise InputError(
                f"unknown direction {direction!r}",
                source=source,
                key=f"{where}.direction",
                fix=did_you_mean(direction, DIRECTIONS)
                + "direction is 'higher' or 'lower' (which way is stronger)",
            )
        estimate = entry.get("estimate", False)
        if estimate is None:
            estimate = False
        if not isinstance(estimate, bool):
            raise InputError(
                f"estimate must be true or false, got {estimate!r}",
                source=source,
                key=f"{where}.estimate",
                fix="write true or false",
            )
        method = entry.get("method")
        rows.append(
            {
                "indicator": ident,
                "label": str(entry["label"]),
                "label_fr": str(entry.get("label_fr") or entry["label"]),
                "label_ar": str(entry.get("label_ar") or entry["label"]),
                "group": group,
                "unit": str(entry["unit"]),
                "unit_fr": str(entry.get("unit_fr") or entry["unit"]),
                "unit_ar": str(entry.get("unit_ar") or entry["unit"]),
                "direction": direction,
                "source": str(entry["source"]),
                "year": _integer(entry["year"], source=source, key=f"{where}.year", what="year"),
                "estimate": estimate,
                "method": None if method is None else str(method),
                "description": str(entry.get("description") or ""),
                "measures": parse_measures(
                    entry.get("measures"), source=source, key=f"{where}.measures"
                ),
            }
        )
    _unique_ids([str(r["indicator"]) for r in rows], source=source, top_key="indicators")
    return pd.DataFrame(rows).set_index("indicator")


# ---------------------------------------------------------------------------- indicator values


def validate_indicators(
    frame: pd.DataFrame,
    *,
    source: str,
    from_file: bool,
    regions: gpd.GeoDataFrame,
    catalogue: pd.DataFrame,
) -> pd.DataFrame:
    """The long table ``region_code, indicator, value, year, source, confidence``, complete
    and finite.

    Every region of ``regions`` needs exactly one finite value for every catalogue indicator;
    ``year`` and ``source`` default to the catalogue's where a file leaves them out;
    ``confidence`` is one of ``exact, secondary, derived, gap`` (docs/model.md §2), and where
    it is left out ``exact``, or ``derived`` for an indicator the catalogue flags ``estimate``.
    """
    require_columns(frame.columns, INDICATOR_COLUMNS, source=source)
    optional = ("year", "source", "confidence")
    extra = [c for c in frame.columns if c not in (*INDICATOR_COLUMNS, *optional)]
    if extra:
        near = suggest(extra[0], optional)
        raise InputError(
            f"unknown column {extra[0]!r}",
            source=source,
            key=extra[0],
            fix=(
                f"rename it to {near!r}"
                if near
                else "remove it; columns are "
                "region_code, indicator, value and optionally year, source, confidence"
            ),
        )
    table = frame.reset_index(drop=True)
    codes = _each_distinct(table["region_code"], normalize_code)
    ids = _each_distinct(table["indicator"], lambda cell: str(cell).strip())
    values = _floats(table["value"])
    region_at = regions.index.get_indexer(pd.Index(codes))  # -1: not a region
    rank = catalogue.index.get_indexer(pd.Index(ids))  # -1: not in the catalogue
    year_given = table["year"].notna().to_numpy() if "year" in table else np.zeros(len(table), bool)
    year_numbers = _floats(table["year"]) if "year" in table else np.zeros(len(table))
    whole_year = np.isfinite(year_numbers) & (year_numbers == np.floor(year_numbers))
    confidence = _confidence_words(table)
    # Every check on every row at once; the first failing row is then told as a row-by-row
    # reading would tell it (its first failing check, in the order of _row_problem).
    failing = ((region_at < 0) | (rank < 0) | ~np.isfinite(values) | (year_given & ~whole_year)
               | ~np.isin(confidence, ("", *CONFIDENCES)))
    if failing.any():
        raise _row_problem(int(np.flatnonzero(failing)[0]), table, codes, ids, source=source,
                           from_file=from_file, regions=regions, catalogue=catalogue)
    years = np.where(year_given, year_numbers, catalogue["year"].to_numpy()[rank]).astype("int64")
    sources = catalogue["source"].to_numpy(dtype=object)[rank]
    if "source" in table:
        given = table["source"].notna().to_numpy()
        sources[given] = table["source"].to_numpy(dtype=object)[given]
    estimate = catalogue["estimate"].fillna(False).astype(bool).to_numpy()[rank]
    confidence = np.where(confidence != "", confidence,
                          np.where(estimate, "derived", "exact")).astype(object)
    cell = rank * len(regions) + region_at  # (indicator, region) in catalogue-then-region order
    duplicated = pd.Index(cell).duplicated(keep="first")
    if duplicated.any():
        number = int(np.flatnonzero(duplicated)[0])
        key, line = _row_place(number, from_file=from_file)
        first = int(np.flatnonzero(cell == cell[number])[0])
        raise InputError(
            f"region {codes[number]}, indicator {ids[number]} has a second value "
            f"(first at {_row_place(first, from_file=from_file)[0]})",
            source=source,
            key=key,
            line=line,
            fix="keep one row per region and indicator",
        )
    present = np.zeros(len(catalogue) * len(regions), dtype=bool)
    present[cell] = True
    if not present.all():
        ident_at, code_at = divmod(int(np.flatnonzero(~present)[0]), len(regions))
        code, ident = regions.index[code_at], catalogue.index[ident_at]
        raise InputError(
            f"region {code} ({regions.at[code, 'region_name']}) has no value for "
            f"indicator {ident!r}",
            source=source,
            key=f"{code}.{ident}",
            fix="add a row for it; every region needs a value for every catalogue "
            "indicator (derive a missing one by a stated method, or drop the indicator)",
        )
    order = np.argsort(cell)
    return pd.DataFrame({"region_code": codes[order], "indicator": ids[order],
                         "value": values[order], "year": years[order],
                         "source": [str(s) for s in sources[order]],
                         "confidence": confidence[order]})


def _confidence_words(table: pd.DataFrame) -> NDArray[np.object_]:
    """Each row's ``confidence`` cell, trimmed and lower-cased ("" where empty or absent)."""
    if "confidence" not in table:
        return np.full(len(table), "", dtype=object)
    return _each_distinct(table["confidence"],
                          lambda cell: "" if pd.isna(cell) else str(cell).strip().lower())


def _each_distinct(column: pd.Series, convert: Callable[[Any], str]) -> NDArray[np.object_]:
    """``convert`` applied to each cell, computed once per distinct value (codes repeat)."""
    positions, distinct = pd.factorize(column, use_na_sentinel=False)
    return np.array([convert(value) for value in distinct], dtype=object)[positions]


def _floats(column: pd.Series) -> NDArray[np.float64]:
    """Each cell as Python's ``float()`` reads it; NaN where it cannot (or where empty)."""
    numbers = np.array(pd.to_numeric(column, errors="coerce"), dtype=float)
    cells = column.to_numpy(dtype=object)
    for index in np.flatnonzero(np.isnan(numbers) & column.notna().to_numpy()).tolist():
        try:  # a cell pandas rejects and float() may take, such as "1_000"
            number = float(cells[index])
        except (TypeError, ValueError):
            continue
        numbers[index] = number
    return numbers


def _row_problem(number: int, table: pd.DataFrame, codes: NDArray[np.object_],
                 ids: NDArray[np.object_], *,
                 source: str, from_file: bool, regions: gpd.GeoDataFrame,
                 catalogue: pd.DataFrame) -> InputError:
    """The error of data row ``number``, whose first failing check it names."""
    key, line = _row_place(number, from_file=from_file)
    code, ident = str(codes[number]), str(ids[number])
    if code not in regions.index:
        return InputError(
            f"unknown region {table.at[number, 'region_code']!r}",
            source=source,
            key=f"{key}.region_code",
            line=line,
            fix=did_you_mean(code, [*regions.index, *regions["region_name"]])
            + f"region codes are: {', '.join(regions.index)}",
        )
    if ident not in catalogue.index:
        return InputError(
            f"indicator {ident!r} is not in the catalogue",
            source=source,
            key=f"{key}.indicator",
            line=line,
            fix=did_you_mean(ident, catalogue.index)
            + "add it to the catalogue or remove its rows",
        )
    raw: Any = table.at[number, "value"]
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return InputError(
            f"value {raw!r} is not a number",
            source=source,
            key=f"{key}.value",
            line=line,
            fix="write a plain number (decimal point, no units)",
        )
    if not math.isfinite(value):
        return InputError(
            f"value is {raw!r} (not a finite number) for region {code}, indicator {ident}",
            source=source,
            key=f"{key}.value",
            line=line,
            fix="give a finite value; if the figure is unknown, derive it by a "
            "stated method or drop the indicator from the catalogue",
        )
    year: Any = table.at[number, "year"] if "year" in table else None
    if _plain(year) is not None:
        try:
            _integer(year, source=source, key=f"{key}.year", what="year")
        except InputError as error:
            return InputError(error.problem, source=source, key=error.key, line=line,
                              fix=error.fix)
    word = str(table.at[number, "confidence"]).strip()
    return InputError(
        f"confidence {word!r} is not a confidence word (region {code}, indicator {ident})",
        source=source,
        key=f"{key}.confidence",
        line=line,
        fix=did_you_mean(word, CONFIDENCES) + "write exact (the source's own figure), "
        "secondary (relayed by another source), derived (computed or split from other "
        "figures) or gap (an estimate where nothing is published), or leave it empty",
    )


# ---------------------------------------------------------------------------- themes


def validate_themes(
    data: Any, *, source: str, catalogue: pd.DataFrame, lines: Mapping[KeyPath, int] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Themes indexed by ``theme_id`` and the theme x indicator profile weights.

    ``lines``: the line of each key path of the YAML file the themes come from, so that an
    error can name it (where the parser gave them).
    """
    entries = _entries(data, top_key="themes", source=source)
    top: KeyPath = ("themes",) if isinstance(data, Mapping) else ()
    rows = []
    weights: dict[str, dict[str, float]] = {}
    strength = catalogue.index[catalogue["group"].isin(STRENGTH_GROUPS)]
    for number, entry in enumerate(entries):
        _check_keys(entry, THEME_FIELDS, THEME_REQUIRED, source=source, where=f"themes[{number}]")
        ident = str(entry["id"]).strip()
        where = f"themes.{ident}"
        cost = _number(entry["cost"], source=source, key=f"{where}.cost", what="cost")
        if cost < 0:
            raise InputError(
                f"cost must not be negative, got {cost:g}",
                source=source,
                key=f"{where}.cost",
                fix="give a cost in MAD million, 0 or more",
            )
        low = _integer(entry["min"], source=source, key=f"{where}.min", what="min")
        high = _integer(entry["max"], source=source, key=f"{where}.max", what="max")
        if low < 0 or high < low:
            raise InputError(
                f"coverage bounds must satisfy 0 <= min <= max, got min {low}, max {high}",
                source=source,
                key=f"{where}.max",
                fix="make max at least min, and min at least 0",
            )
        weights[ident] = _profile(
            entry["profile"], source=source, where=where, catalogue=catalogue, strength=strength
        )
        sector = _sector(entry.get("sector"), weights[ident], source=source, where=where,
                         path=(*top, number, "sector"), lines=lines or {})
        rows.append(
            {
                "theme_id": ident,
                "label": str(entry["label"]),
                "label_fr": str(entry.get("label_fr") or entry["label"]),
                "label_ar": str(entry.get("label_ar") or entry["label"]),
                "cost": cost,
                "min": low,
                "max": high,
                "rationale": str(entry.get("rationale") or ""),
                "sector": sector,
            }
        )
    _unique_ids([str(r["theme_id"]) for r in rows], source=source, top_key="themes")
    themes = pd.DataFrame(rows).set_index("theme_id")
    profiles = pd.DataFrame(
        [[weights[t].get(k, 0.0) for k in catalogue.index] for t in themes.index],
        index=pd.Index(themes.index, name="theme_id"),
        columns=pd.Index(catalogue.index, name="indicator"),
        dtype=float,
    )
    return themes, profiles


def _sector(sector: Any, profile: Mapping[str, float], *, source: str, where: str,
            path: KeyPath, lines: Mapping[KeyPath, int]) -> tuple[str, ...]:
    """A theme's ``sector`` measures (docs/model.md §2): indicator ids of its own profile."""
    key = f"{where}.sector"
    if sector is None:
        return ()
    if isinstance(sector, str) or not isinstance(sector, Sequence):
        raise InputError(
            f"sector must be a list of indicator ids, got {sector!r:.60}",
            source=source, key=key, line=line_of(path, lines),
            fix="write it as sector: [indicator_id, …], ids of the theme's profile",
        )
    names: list[str] = []
    for number, name in enumerate(sector):
        ident = str(name).strip()
        if ident not in profile:
            raise InputError(
                f"sector names {ident!r}, which is not in the theme's profile",
                source=source, key=f"{key}[{number}]", line=line_of((*path, number), lines),
                fix=did_you_mean(ident, list(profile))
                + "a sector measure is one of the theme's profile indicators "
                f"({', '.join(profile)}): add it to the profile with a weight, or remove it",
            )
        if ident in names:
            raise InputError(
                f"sector names {ident!r} twice",
                source=source, key=f"{key}[{number}]", line=line_of((*path, number), lines),
                fix="name each sector measure once",
            )
        names.append(ident)
    return tuple(names)


def _profile(
    profile: Any, *, source: str, where: str, catalogue: pd.DataFrame, strength: pd.Index
) -> dict[str, float]:
    """One theme's profile weights, each naming a strength indicator, not all zero."""
    key = f"{where}.profile"
    if not isinstance(profile, Mapping) or not profile:
        raise InputError(
            "the profile names no strength indicator",
            source=source,
            key=key,
            fix="give weights such as {gdp_share: 2, internet_at_home: 1}",
        )
    out: dict[str, float] = {}
    for name, raw in profile.items():
        ident = str(name)
        if ident not in catalogue.index:
            raise InputError(
                f"the theme uses indicator {ident!r}, which the catalogue lacks",
                source=source,
                key=f"{key}.{ident}",
                fix=did_you_mean(ident, catalogue.index)
                + "use an indicator id of the catalogue or add it there",
            )
        if ident not in strength:
            raise InputError(
                f"indicator {ident!r} is in group {catalogue.at[ident, 'group']!r}, not a strength",
                source=source,
                key=f"{key}.{ident}",
                fix="profiles weigh economic, academic or infrastructure indicators; "
                "need indicators go in a scenario's 'need' weights",
            )
        weight = _number(raw, source=source, key=f"{key}.{ident}", what="weight")
        if weight < 0:
            raise InputError(
                f"weight must not be negative, got {weight:g}",
                source=source,
                key=f"{key}.{ident}",
                fix="use a weight of 0 or more",
            )
        out[ident] = weight
    if not any(w > 0 for w in out.values()):
        raise InputError(
            "every weight of the profile is 0",
            source=source,
            key=key,
            fix="give at least one strength indicator a positive weight",
        )
    return out
