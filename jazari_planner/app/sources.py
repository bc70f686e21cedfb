"""Where the app's data and scenarios come from: the embedded files, a scenario's own data
files, or a planner's upload, each checked before it replaces anything on screen.

An indicators upload may carry only some values (one region's value of one indicator, to
correct a figure): it then overrides those values of the data in use and keeps the others
(:func:`read_indicators_upload`). An upload is written to a private temporary folder under
its own name and read by the same functions as a file on disk
(:func:`~jazari_planner.data.loading.load_dataset`,
:meth:`Scenario.from_yaml`), so it gets the same checks and the same error messages, which
name the uploaded file, not the temporary copy.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..common.errors import InputError
from ..common.files import MAX_BYTES
from ..data.dataset import Dataset
from ..data.loading import load_dataset
from ..data.validation import normalize_code
from ..scenario.checks import data_paths
from ..scenario.reader import MAX_BYTES as MAX_SCENARIO_BYTES
from ..scenario.schema import Scenario
from .spreadsheet_csv import HINT, looks_localized, standard_csv

__all__ = ["MAX_UPLOAD_BYTES", "DataSource", "read_indicators_upload", "read_scenario_upload",
           "source_of", "upload_name"]

#: The largest upload read, per kind, in bytes: a file on disk's own limit
#: (``scenario.reader.MAX_BYTES``, ``common.files.MAX_BYTES``), checked before anything is
#: decoded.
MAX_UPLOAD_BYTES: dict[str, int] = {"scenario": MAX_SCENARIO_BYTES,
                                    "indicators": MAX_BYTES["indicators"]}


@dataclass(frozen=True)
class DataSource:
    """The files a dataset is read from (``None``: the embedded one); hashable, for caching.

    ``label`` says in words where the data comes from; ``None`` means the embedded data.
    ``overrides`` lists the (region code, indicator) values a partial upload replaced in the
    data it was laid over, ``under`` (empty and ``None`` for a complete file).
    """

    indicators: str | None = None
    catalogue: str | None = None
    themes: str | None = None
    regions: str | None = None
    label: str | None = None
    overrides: tuple[tuple[str, str], ...] = ()
    under: DataSource | None = None

    def load(self) -> Dataset:
        """Read and validate the dataset (raises :class:`InputError`)."""
        paths = {role: getattr(self, role)
                 for role in ("indicators", "catalogue", "themes", "regions")
                 if getattr(self, role) is not None}
        return load_dataset(**paths)


def source_of(scenario: Scenario) -> DataSource:
    """The data a scenario names in ``data:`` (the embedded files for those it does not)."""
    paths = data_paths(scenario)
    if not paths:
        return DataSource()
    label = ", ".join(f"{role}: {path.name}" for role, path in paths.items())
    found = {role: str(path) for role, path in paths.items()}
    return DataSource(indicators=found.get("indicators"), catalogue=found.get("catalogue"),
                      themes=found.get("themes"), regions=found.get("regions"), label=label)


@lru_cache(maxsize=1)
def _upload_root() -> Path:
    return Path(tempfile.mkdtemp(prefix="jazari-app-uploads-"))


#: The most bytes of an upload's file name kept (file systems allow 255).
_NAME_BYTES = 120


def upload_name(name: str) -> str:
    """An upload's file name as one safe path component, for the disk and for messages.

    A browser sends any text: folders (``../x``), ``..``, control characters, 300 characters.
    The last component is kept, without control characters, shortened to ``_NAME_BYTES``
    (keeping its extension); ``upload`` stands for a name with nothing left.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable()).strip()
    if base in ("", ".", ".."):
        return "upload"
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem or len(suffix) > 10:
        stem, dot, suffix = base, "", ""
    while len(f"{stem}{dot}{suffix}".encode()) > _NAME_BYTES:
        stem = stem[:-1]
    return f"{stem or 'upload'}{dot}{suffix}"


def _within_limit(name: str, data: bytes, kind: str) -> None:
    """Raise unless the upload ``data`` of ``kind`` is within :data:`MAX_UPLOAD_BYTES`."""
    limit = MAX_UPLOAD_BYTES[kind]
    if len(data) > limit:
        raise InputError(
            f"the file is {len(data) / (1 << 20):.1f} MiB; a {kind} upload may hold at most "
            f"{limit >> 20} MiB",
            source=name,
            fix="check that this is the right file: the shipped " + (
                "scenarios are under 4 KB" if kind == "scenario" else
                "indicator values are under 100 KB, and a file for the 12 regions stays far "
                "below the limit"),
        )


def _saved(name: str, data: bytes) -> Path:
    """``data`` written under the upload's name in a folder of its own (by content hash)."""
    folder = _upload_root() / hashlib.sha256(data).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / upload_name(name)
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


def _renamed(error: InputError, path: Path, name: str) -> InputError:
    """``error`` telling of the upload ``name`` where it spoke of its temporary copy."""

    def clean(text: str | None) -> str | None:
        return None if text is None else text.replace(str(path), name)

    return InputError(clean(error.problem) or error.problem, source=clean(error.source),
                      key=error.key, line=error.line, fix=clean(error.fix))


def read_scenario_upload(name: str, data: bytes) -> Scenario:
    """An uploaded scenario file, validated like one on disk (raises :class:`InputError`).

    An upload cannot name data files (there is no folder to find them in): it is rejected
    with a fix pointing to the Data view.
    """
    name = upload_name(name)
    _within_limit(name, data, "scenario")
    path = _saved(name, data)
    try:
        scenario = Scenario.from_yaml(path)
    except InputError as error:
        raise _renamed(error, path, name) from None
    if any(value is not None for value in scenario.data.model_dump().values()):
        raise InputError(
            "an uploaded scenario cannot name data files",
            source=name,
            key="data",
            fix="remove the `data:` key and upload the indicators file in the Data view, "
                "or put the scenario next to its data in scenarios/",
        )
    scenario._path = None
    return scenario


def read_indicators_upload(source: DataSource, name: str, data: bytes
                           ) -> tuple[DataSource, Dataset]:
    """``source`` with the indicator values of the upload ``name``, and its dataset.

    A file with a value for every region and catalogue indicator replaces them all; one with
    fewer (a single corrected figure) replaces only the values it carries, the others are
    kept from ``source``. A row without a source is credited to the upload. A spreadsheet's
    CSV (``;`` between fields, decimal commas, Windows-1252, UTF-16) is read too
    (:mod:`.spreadsheet_csv`). Raises :class:`InputError` naming the upload, its row and the
    fix; nothing changes then.
    """
    name = upload_name(name)
    _within_limit(name, data, "indicators")
    text = standard_csv(data, source=name)
    merged, overrides = _laid_over(text, name, source.load())
    # a partial file is laid over the data in use, its own rows first, so an error still
    # names the line the planner sees in it
    path = _saved(name, merged.to_csv(index=False).encode() if overrides else text)
    updated = replace(source, indicators=str(path), label=name, overrides=overrides,
                      under=source if overrides else None)
    try:
        return updated, updated.load()
    except InputError as error:
        renamed = _renamed(error, path, name)
        if looks_localized(data):
            fix = f"{renamed.fix}; {HINT}" if renamed.fix else HINT
            renamed = InputError(renamed.problem, source=renamed.source, key=renamed.key,
                                 line=renamed.line, fix=fix)
        raise renamed from None


def _laid_over(text: bytes, name: str, base: Dataset
               ) -> tuple[pd.DataFrame, tuple[tuple[str, str], ...]]:
    """The upload's rows, then the rows of ``base`` it does not replace; and the values it
    replaces (none when it carries every value, or when it cannot be read: the data
    layer's own checks then tell what is wrong)."""
    try:
        upload = pd.read_csv(io.BytesIO(text), dtype=str, keep_default_na=False,
                             na_values=[""])
    except (ValueError, pd.errors.ParserError):
        return pd.DataFrame(), ()
    if not {"region_code", "indicator", "value"} <= set(upload.columns):
        return pd.DataFrame(), ()
    cells = {(normalize_code(code), str(indicator).strip())
             for code, indicator in zip(upload["region_code"], upload["indicator"], strict=True)}
    table = base.indicators
    kept = [(normalize_code(code), str(indicator)) not in cells for code, indicator in
            zip(table["region_code"], table["indicator"], strict=True)]
    if all(not keep for keep in kept) or not cells:
        return pd.DataFrame(), ()  # a complete file
    if "source" not in upload.columns:
        upload["source"] = None
    upload["source"] = upload["source"].fillna(name)
    rest = table.loc[kept]  # every column the data layer gives: year, source, confidence
    merged = pd.concat([upload, rest.astype(str)], ignore_index=True)
    return merged, tuple(sorted(cells))
