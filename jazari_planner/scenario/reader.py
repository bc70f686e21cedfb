"""Scenario files in: a regular file of bounded size, UTF-8, YAML read within limits.

The file is checked before it is read (a device such as ``/dev/zero``, a pipe or a file
over :data:`MAX_BYTES` is refused, never read without end), and its YAML is parsed by
:mod:`~jazari_planner.common.safe_yaml` (no aliases, bounded depth and size) with the line of every
key, which :mod:`~jazari_planner.scenario.validation` uses to name where a value is wrong.
A scenario file is only read, never modified.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from ..common.errors import InputError, suggest
from ..common.safe_yaml import KeyPath, load
from .schema import Scenario
from .validation import kind_of, region_ref, validate

__all__ = ["MAX_BYTES", "from_yaml", "read_text"]

#: The largest scenario file read, in bytes (the shipped ones are under 4 KB).
MAX_BYTES = 1 << 20


def from_yaml(path: str | Path) -> Scenario:
    """Read and validate the scenario file ``path``; it is only read, never modified.

    The scenario remembers its file (``scenario.path``) so its ``data:`` paths resolve
    against the file's folder, and the line of each key, for later messages. Raises
    :class:`InputError` (file, line, key path, fix).
    """
    file = Path(path)
    source = str(file)
    document = load(read_text(file), source=source, key_name=_key_name)
    if document.data is None:
        raise InputError(
            "the file is empty",
            source=source,
            fix="a scenario needs at least `name: My scenario`; see scenarios/baseline.yaml",
        )
    if not isinstance(document.data, dict):
        raise InputError(
            f"expected a mapping of scenario keys (name, balance, …) at the top, "
            f"got {kind_of(document.data)}",
            source=source,
            line=document.lines.get(()),
            fix="write one `key: value` per line, starting with `name: My scenario`",
        )
    scenario = validate(document.data, lines=document.lines, source=source)
    scenario._path = file.resolve()
    scenario._lines = document.lines
    return scenario


def _key_name(under: KeyPath, key: Any) -> str:
    """A mapping key as the validated scenario spells it (region codes zero-padded)."""
    return str(region_ref(key)) if under == ("regions",) else str(key)


def read_text(file: Path) -> str:
    """The text of the scenario file ``file``: a regular file of at most :data:`MAX_BYTES`.

    Opened without blocking and checked on the open descriptor, so a pipe, a device or a
    file swapped for one is refused rather than read without end.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(file, flags)
    except FileNotFoundError:
        near = _near_file(file)
        raise InputError(
            "no such file",
            source=file,
            fix=(f"did you mean {near}? " if near else "")
            + "check the path; it is relative to the current folder",
        ) from None
    except PermissionError:
        raise InputError(
            "permission denied: this user may not read the file",
            source=file,
            fix=f"make it readable (chmod u+r '{file}'), or copy it to a folder of yours",
        ) from None
    except IsADirectoryError:
        raise _directory(file) from None
    except OSError as error:
        raise InputError(f"cannot open the file ({error.strerror})", source=file) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise _directory(file)
        raise InputError(
            "is not a regular file (a device, a pipe or a socket)",
            source=file,
            fix="give the path of a .yaml file saved on disk; to use a program's output, "
            "save it to a file first",
        )
    with os.fdopen(descriptor, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"the file is larger than {MAX_BYTES // 1024} KiB; a scenario file is far smaller",
            source=file,
            fix="a scenario holds weights and rules only; put data in the files named under "
            "`data:` (see scenarios/own-indicators.yaml)",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            "the file is not UTF-8 text",
            source=file,
            line=line,
            fix="save the file as UTF-8 (any editor's 'Save with encoding' menu)",
        ) from None


def _directory(file: Path) -> InputError:
    return InputError(
        "is a directory, not a scenario file",
        source=file,
        fix="give the path of a .yaml file (globs such as scenarios/*.yaml are welcome)",
    )


def _near_file(file: Path) -> str | None:
    folder = file.parent if str(file.parent) else Path(".")
    if not folder.is_dir():
        return None
    near = suggest(file.name, [p.name for p in folder.iterdir()])
    return str(folder / near) if near else None
