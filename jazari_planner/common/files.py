"""Reading the data files: the only module of the data layer that opens a file.

:func:`read_file` reads a file's bytes once and hashes them: the hash is both the file's
provenance and the key under which :mod:`jazari_planner.data.loading` caches what it parsed, so a
changed file is always read again and an unchanged one never parsed twice. Each parser turns
what can go wrong (absent, a directory, unreadable, malformed) into an :class:`InputError`
naming the file, the line where the parser knows it, and the fix.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.resources
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import safe_yaml
from .errors import InputError

__all__ = ["DATA_ENV", "MAX_BYTES", "DataFile", "data_dir", "provenance", "read_csv", "read_file",
           "read_geojson", "read_yaml", "replaced_atomically", "scenarios_dir", "shipped_dir"]


#: Environment variable that points the planner at another embedded-data directory.
DATA_ENV = "JAZARI_PLANNER_DATA"

#: The largest data file read, per part, in bytes: ~100 times the shipped files, yet small
#: enough that parsing one (pandas, GEOS) stays within a few hundred MB of memory.
MAX_BYTES: dict[str, int] = {
    "indicators": 16 << 20,
    "catalogue": 4 << 20,
    "themes": 4 << 20,
    "regions": 32 << 20,
    "provinces": 32 << 20,
}


def data_dir() -> Path:
    """The embedded data directory: ``$JAZARI_PLANNER_DATA`` if set, else the shipped ``data``."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    return shipped_dir("data")


def scenarios_dir() -> Path:
    """The folder of the scenarios shipped with the package."""
    return shipped_dir("scenarios")


@functools.cache
def shipped_dir(folder: str) -> Path:
    """Where the repository's top-level ``folder`` (``data`` or ``scenarios``) is installed.

    A wheel carries it inside the package, as ``jazari_planner/embedded/<folder>`` (the
    ``package-dir`` mapping in ``pyproject.toml``); a source checkout or an editable install
    reads it where it lives, at the repository's top level.
    """
    installed = Path(str(importlib.resources.files("jazari_planner"))) / "embedded" / folder
    checkout = Path(__file__).resolve().parents[2] / folder
    return checkout if not installed.is_dir() and checkout.is_dir() else installed


@dataclass(frozen=True)
class DataFile:
    """A file read once: the path as given (for messages), and the content with its SHA-256.

    Two ``DataFile`` are equal when they are the same file (resolved path) with the same
    content: the key of a cache that can never return what a file held before it changed.
    """

    path: Path = field(compare=False)
    resolved: Path
    sha256: str
    content: bytes = field(compare=False, repr=False)


def read_file(path: str | Path, *, what: str) -> DataFile:
    """The bytes of ``path`` with their SHA-256, read within :data:`MAX_BYTES` for ``what``.

    Opened without blocking and checked on the open descriptor: a folder, a pipe, a device,
    a file this user may not read or one over the limit is refused (InputError) before
    anything is read, and the file is read in blocks, never past the limit.
    """
    file = Path(path).expanduser()
    limit = MAX_BYTES.get(what, MAX_BYTES["regions"])
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(file, flags)
    except FileNotFoundError:
        hint = f" (set {DATA_ENV} or reinstall the package)" if file.parent == data_dir() else ""
        raise InputError(f"{what} file does not exist", source=file,
                         fix=f"check the path and its spelling{hint}") from None
    except IsADirectoryError:
        raise _directory(file, what) from None
    except OSError as exc:
        raise _unreadable(file, what, exc) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise _directory(file, what)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                f"the {what} file is not a regular file (a device, a pipe or a socket)",
                source=file,
                fix="give the path of a file saved on disk; to use a program's output, save "
                "it to a file first",
            )
        digest = hashlib.sha256()
        blocks: list[bytes] = []
        size = 0
        while size <= limit:
            block = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not block:
                break
            blocks.append(block)
            digest.update(block)
            size += len(block)
    except OSError as exc:
        raise _unreadable(file, what, exc) from None
    finally:
        os.close(descriptor)
    if size > limit or status.st_size > limit:
        raise InputError(
            f"the {what} file is larger than {_size(limit)}, the most a {what} file may hold",
            source=file,
            fix=f"a {what} file for the 12 regions is far smaller (the shipped one is under "
            "200 KB): check that this is the right file"
            + ("; simplify its geometries (QGIS: Vector > Geometry Tools > Simplify)"
               if what in ("regions", "provinces") else ""),
        )
    return DataFile(path=file, resolved=file.resolve(), sha256=digest.hexdigest(),
                    content=b"".join(blocks))


def _directory(file: Path, what: str) -> InputError:
    return InputError(
        f"{what} path is a directory, not a file",
        source=file,
        fix=f"give the path of the {what} file itself, not of the folder holding it",
    )


def _unreadable(file: Path, what: str, error: OSError) -> InputError:
    if isinstance(error, PermissionError):
        return InputError(
            f"cannot read the {what} file: permission denied",
            source=file,
            fix=f"make it readable (chmod u+r '{file}'), or copy it to a folder of yours",
        )
    return InputError(f"cannot read the {what} file: {error.strerror or error}", source=file,
                      fix="check the file's permissions")


def _size(limit: int) -> str:
    """``limit`` bytes in words: ``16 MiB``."""
    return f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit >> 10} KiB"


def provenance(file: DataFile) -> dict[str, str]:
    """``{"path": …, "sha256": …}`` of a file, to say exactly which data a plan used."""
    return {"path": _portable(file.resolved), "sha256": file.sha256}


def _portable(path: Path) -> str:
    """An embedded file as ``embedded:<name>`` (no machine path in a summary); others absolute."""
    try:
        return f"embedded:{path.relative_to(data_dir().resolve()).as_posix()}"
    except ValueError:
        return str(path)


def read_csv(data: DataFile) -> pd.DataFrame:
    """A CSV file as a DataFrame of strings (the validation converts types and says where)."""
    file = data.path
    try:
        frame = pd.read_csv(
            io.BytesIO(data.content), dtype=str, keep_default_na=False, na_values=[""],
            skipinitialspace=True, encoding="utf-8",
        )
    except pd.errors.EmptyDataError:
        raise InputError(
            "the CSV file is empty", source=file, fix="write a header line and one row per value"
        ) from None
    except pd.errors.ParserError as exc:
        line = _parser_line(str(exc))
        raise InputError(
            f"malformed CSV: {exc}",
            source=file,
            line=line,
            fix="each line needs as many comma-separated fields as the header; "
            "quote fields that contain commas",
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not UTF-8 text ({exc.reason})",
            source=file,
            fix="save the file as UTF-8 CSV",
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _parser_line(message: str) -> int | None:
    """The line number in a pandas parser message (``… in line 7, saw 5``), if any."""
    marker = " line "
    if marker not in message:
        return None
    digits = "".join(c for c in message.split(marker, 1)[1] if c.isdigit() or c == ",")
    head = digits.split(",", 1)[0]
    return int(head) if head.isdigit() else None


def read_yaml(data: DataFile) -> safe_yaml.Document:
    """A YAML document, read within the limits of :mod:`~jazari_planner.common.safe_yaml` (no
    aliases, bounded depth and size, the C parser when present), with the line of an error
    and of every key (for the validation's messages)."""
    file = data.path
    try:
        text = data.content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not UTF-8 text ({exc.reason})", source=file, fix="save the file as UTF-8"
        ) from None
    return safe_yaml.load(text, source=str(file))


def read_geojson(data: DataFile, *, what: str) -> gpd.GeoDataFrame:
    """A GeoJSON (or any OGR vector) file as a GeoDataFrame."""
    file = data.path
    try:
        return gpd.read_file(io.BytesIO(data.content))
    except Exception as exc:  # pyogrio raises its own types for every malformed input
        raise InputError(
            f"cannot read the {what} file as GeoJSON: {exc}",
            source=file,
            fix="give a valid GeoJSON FeatureCollection (e.g. exported by geopandas or QGIS)",
        ) from None


@contextlib.contextmanager
def replaced_atomically(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; it replaces ``target`` only on success.

    An interrupted or failed write leaves ``target`` as it was and no temporary file behind.
    """
    destination = Path(target)
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(0o644)
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
