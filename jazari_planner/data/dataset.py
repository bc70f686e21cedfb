"""The planner's inputs in one immutable object: regions, indicators, catalogue, themes.

:func:`jazari_planner.load_dataset` builds and validates it from files or DataFrames; the
scoring and the model read it and never touch a file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ..common.errors import InputError, did_you_mean

if TYPE_CHECKING:  # imported where used: a sweep's worker needs this module, not pandas
    import geopandas as gpd
    import pandas as pd

__all__ = ["CONFIDENCES", "GROUPS", "STRENGTH_GROUPS", "Dataset", "fold"]

#: The indicator groups of docs/model.md §1; ``need`` never enters a strength.
GROUPS: tuple[str, ...] = ("economic", "academic", "infrastructure", "need")
STRENGTH_GROUPS: tuple[str, ...] = ("economic", "academic", "infrastructure")
#: How sure a value is (docs/model.md §2): the source's own figure, relayed by another
#: source, computed from other figures, or estimated where nothing is published.
CONFIDENCES: tuple[str, ...] = ("exact", "secondary", "derived", "gap")


def fold(text: str) -> str:
    """``text`` lower-cased, without accents, spaces, hyphens or apostrophes: a lookup key.

    ``fold("Fès-Meknès") == fold("fes meknes") == "fesmeknes"``.
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in bare.lower() if c.isalnum())


@dataclass(frozen=True, eq=False)
class Dataset:
    """Validated planning inputs (docs/model.md §1).

    Attributes:
        regions: one row per region, indexed by ``region_code`` (``"01"`` … ``"12"``), with
            ``region_name`` (French), ``region_name_ar``, ``population`` (2024 legal) and
            ``geometry`` (EPSG:4326).
        indicators: the long table ``region_code, indicator, value, year, source,
            confidence`` (one of :data:`CONFIDENCES`; a table without the column reads as
            ``exact``, or ``derived`` for an indicator the catalogue flags ``estimate``).
        catalogue: one row per indicator, indexed by ``indicator`` id, with ``label, group,
            unit, direction, source, year, estimate, method, description`` and ``measures``
            (the theme ids it measures directly, a tuple, empty for a proxy); ``label_fr``,
            ``label_ar``, ``unit_fr`` and ``unit_ar`` (the English word where not given).
        themes: one row per theme, indexed by ``theme_id``, with ``label, label_fr, label_ar,
            cost, min, max, rationale`` (a missing translation is the English label) and
            ``sector`` (the indicator ids of its profile that measure the sector itself, a
            tuple, empty where none is named; docs/model.md §2).
        profiles: theme × indicator weights ``a[t, k] >= 0`` (0 where a theme ignores it).
        provinces: the provinces and prefectures with ``region_code`` and geometry, if loaded.
        provenance: where each part came from (path and SHA-256, or "DataFrame").

    The tables are the validated inputs: read them, copy them to change them (an edited table
    is not validated again, and the name lookups below are computed once).
    """

    regions: gpd.GeoDataFrame
    indicators: pd.DataFrame
    catalogue: pd.DataFrame
    themes: pd.DataFrame
    profiles: pd.DataFrame
    provinces: gpd.GeoDataFrame | None = None
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def region_codes(self) -> list[str]:
        """The region codes in dataset order."""
        return [str(c) for c in self.regions.index]

    @property
    def theme_ids(self) -> list[str]:
        """The theme ids in dataset order."""
        return [str(t) for t in self.themes.index]

    def values(self) -> pd.DataFrame:
        """The indicator values as a wide table: one row per region, one column per indicator."""
        import pandas as pd

        row = self.regions.index.get_indexer(pd.Index(self.indicators["region_code"]))
        column = self.catalogue.index.get_indexer(pd.Index(self.indicators["indicator"]))
        known = (row >= 0) & (column >= 0)
        wide = np.full((len(self.regions), len(self.catalogue)), np.nan)
        wide[row[known], column[known]] = self.indicators["value"].to_numpy(dtype=float)[known]
        return pd.DataFrame(wide, index=self.regions.index,
                            columns=pd.Index(self.catalogue.index, name="indicator"))

    def sector_mask(self) -> NDArray[np.bool_]:
        """Theme × catalogue indicator (the profiles' orders): True where the indicator is one
        of the theme's ``sector`` measures. All False for themes without a ``sector`` list."""
        mask = np.zeros(self.profiles.shape, dtype=bool)
        if "sector" not in self.themes.columns:
            return mask
        column = {str(k): j for j, k in enumerate(self.profiles.columns)}
        for i, theme in enumerate(self.profiles.index):
            named: Any = self.themes.at[theme, "sector"]
            for indicator in named if isinstance(named, list | tuple) else ():
                if str(indicator) in column:
                    mask[i, column[str(indicator)]] = True
        return mask

    def confidence(self) -> pd.DataFrame:
        """The confidence of each value as a wide table (region × catalogue indicator).

        Where the long table has no ``confidence`` column or leaves a cell empty: ``exact``,
        or ``derived`` for an indicator the catalogue flags ``estimate`` (docs/model.md §2).
        """
        import pandas as pd

        estimate = self.catalogue.get("estimate", pd.Series(False, index=self.catalogue.index))
        default = np.where(estimate.fillna(False).astype(bool).to_numpy(), "derived", "exact")
        wide = np.tile(default.astype(object), (len(self.regions), 1))
        if "confidence" in self.indicators.columns:
            row = self.regions.index.get_indexer(pd.Index(self.indicators["region_code"]))
            column = self.catalogue.index.get_indexer(pd.Index(self.indicators["indicator"]))
            words = self.indicators["confidence"].to_numpy(dtype=object)
            given = (row >= 0) & (column >= 0) & pd.notna(words) & (words != "")
            wide[row[given], column[given]] = words[given]
        # object columns: inferring a string column for each indicator costs more than the rest
        return pd.DataFrame(wide, index=self.regions.index, dtype=object,
                            columns=pd.Index(self.catalogue.index, name="indicator"))

    @cached_property
    def _names(self) -> dict[str, str]:
        """French name by region code."""
        return {str(c): str(n) for c, n in self.regions["region_name"].items()}

    @cached_property
    def _codes_by_folded_name(self) -> dict[str, str]:
        return {fold(name): code for code, name in self._names.items()}

    def region_code(self, name_or_code: str, *, source: str | None = None,
                    key: str | None = None) -> str:
        """The code of a region named by code (``"04"``, ``"4"``) or French name (any accents).

        Raises :class:`InputError` naming ``source`` and ``key`` with the nearest match.
        """
        text = str(name_or_code).strip()
        if text in self.regions.index:
            return text
        if text.isdigit() and text.zfill(2) in self.regions.index:
            return text.zfill(2)
        if fold(text) in self._codes_by_folded_name:
            return self._codes_by_folded_name[fold(text)]
        raise InputError(
            f"unknown region {text!r}",
            source=source,
            key=key,
            fix=did_you_mean(text, [*self.regions["region_name"], *self.region_codes])
            + "name a region by its HCP code ('01'…'12') or its French name",
        )

    def region_name(self, code: str) -> str:
        """The French name of the region with this code."""
        return self._names[code]

    def theme_id(self, name: str, *, source: str | None = None, key: str | None = None) -> str:
        """``name`` checked against the theme ids; :class:`InputError` with a suggestion."""
        text = str(name).strip()
        if text in self.themes.index:
            return text
        raise InputError(
            f"unknown theme {text!r}",
            source=source,
            key=key,
            fix=did_you_mean(text, self.theme_ids)
            + f"themes are: {', '.join(self.theme_ids)}",
        )

    def check_numbers(self) -> None:
        """Raise :class:`InputError` where a number is not one :func:`load_dataset` accepts.

        A table edited in place after loading (``dataset.profiles.iloc[0, 0] = nan``) is not
        validated again; :func:`jazari_planner.solve` calls this (a few milliseconds), so such a
        table is refused by name (table, row, column) rather than planned on.
        """
        import pandas as pd

        for table, frame, least in (
                ("profiles", self.profiles, 0.0),
                ("indicators", self.indicators["value"].to_frame(), -np.inf),
                ("themes", self.themes[["cost", "min", "max"]], 0.0),
                # a column, not a one-column GeoDataFrame (a tenth of the time)
                ("regions", self.regions["population"].to_frame(), 1.0)):
            try:
                numbers = frame.to_numpy(dtype=float)
            except (TypeError, ValueError):  # text put in a column of numbers
                numbers = frame.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
            bad = ~(np.isfinite(numbers) & (numbers >= least))
            if bad.any():
                row, column = (int(i[0]) for i in np.nonzero(bad))
                value = frame.iat[row, column]
                shown = value.item() if isinstance(value, np.generic) else value
                raise InputError(
                    f"{shown!r} is not a number load_dataset accepts here (finite"
                    + (f", at least {least:g}" if np.isfinite(least) else "")
                    + "): the table was changed after loading",
                    source="dataset",
                    key=f"{table}[{frame.index[row]!r}, {frame.columns[column]!r}]",
                    fix="change the data in its file or DataFrame and load it again with "
                    "jp.load_dataset, which checks it")
        too_many = self.themes["min"].to_numpy(dtype=float) > self.themes["max"].to_numpy(
            dtype=float)
        if too_many.any():
            theme = self.themes.index[int(np.flatnonzero(too_many)[0])]
            raise InputError("min is above max: the table was changed after loading",
                             source="dataset", key=f"themes[{theme!r}]",
                             fix="load the data again with jp.load_dataset, which checks it")

    def __repr__(self) -> str:
        groups = self.catalogue["group"].value_counts()
        by_group = ", ".join(f"{g} {int(groups.get(g, 0))}" for g in GROUPS)
        sourced = int(self.catalogue["source"].astype(str).str.len().gt(0).sum())
        measures = self.catalogue.get("measures", ())
        direct = sum(bool(m) for m in measures)
        lines = [
            f"Dataset: {len(self.regions)} regions, {len(self.catalogue)} indicators "
            f"({by_group}; {sourced} with source and year; {direct} measuring a theme's own "
            f"sector), {len(self.themes)} themes",
            "  regions: " + ", ".join(f"{c} {n}" for c, n in self.regions["region_name"].items()),
            "  themes: " + ", ".join(self.theme_ids),
        ]
        lines += [f"  {role}: {where}" for role, where in self.provenance.items()]
        return "\n".join(lines)
