"""An output folder replaced all at once: written aside, swapped in atomically, never lost.

Every file goes first into a hidden staging folder next to the destination (same
filesystem). Once complete (with its manifest, :data:`MANIFEST`), it takes the destination's
place in one atomic step: on Linux, ``renameat2(RENAME_EXCHANGE)`` swaps the two folders, so
at every instant the destination is either the old complete folder or the new one, even if
the process is killed. Elsewhere, the old folder is renamed aside and the new one renamed in
(two steps); a run killed between them leaves the old folder aside, and the next run puts
it back.

Each run first writes a claim file beside the destination (its process id and host); a later
run removes the staging and set-aside folders of claims whose process is gone, and nothing
else. What may be replaced at all is decided by :func:`check_output_dir`.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import shutil
import socket
import stat
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..common.errors import InputError
from ..common.files import data_dir

__all__ = ["MANIFEST", "check_output_dir", "output_directory"]

#: The file that marks a folder as the planner's own output, listing what it wrote.
MANIFEST = ".jazari-planner.json"

#: The folder of the installed package, never replaced.
_PACKAGE = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- what may go


def check_output_dir(out: str | Path, *, force: bool = False,
                     protect: Sequence[str | Path] = ()) -> Path:
    """``out`` as an absolute path once it is known to be safe to (re)place; else InputError.

    Never replaced, even with ``force``: a folder that is or holds a file or folder of
    ``protect`` (the run's scenario and data files), the embedded data, the package, a git
    repository, the current folder or the home folder (or one above either). Without
    ``force``, only a folder that does not exist, is empty, or holds exactly what a previous
    run wrote (its manifest lists every file with its checksum) is replaced.

    ``out`` that is a symbolic link is never followed: without ``force`` it is refused;
    with ``force`` the link itself is replaced (removed as a link), and the folder it
    points to is not touched. The returned path is then the link's own.
    """
    where = f"--out {out}"
    link = _unresolved(out)
    target = link.resolve()
    if link.is_symlink():
        _refuse_guarded(target, protect, where=where)
        if not force:
            raise InputError(
                f"{link} is a symbolic link (to {target}); it is not followed",
                source=where,
                fix=f"give the folder itself (--out {target}), or pass --force to replace "
                "the link with the outputs (what it points to is not touched)",
            )
        return link
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} exists and is a file, not a folder", source=where,
                         fix="choose a folder name for --out")
    _refuse_guarded(target, protect, where=where)
    if not target.is_dir():
        return target
    repository = _git_repository_in(target)
    if repository is not None:
        raise InputError(
            f"{target} holds the git repository {repository}; it is never replaced, "
            "even with --force",
            source=where,
            fix="write the outputs to a folder of their own, e.g. --out results/baseline",
        )
    if force:
        return target
    foreign = _foreign_entries(target)
    if foreign:
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        shown = ", ".join(foreign[:3]) + more
        raise InputError(
            f"{target} already holds files jazari-planner did not write, or that changed since "
            f"({shown})",
            source=where,
            fix="choose another --out folder, or pass --force to replace the folder and all "
            "it holds",
        )
    return target


def _unresolved(out: str | Path) -> Path:
    """``out`` as an absolute path whose last part is kept as given (a link stays a link)."""
    given = Path(out).expanduser()
    if given.name in ("", ".", ".."):
        return given.resolve()
    return given.parent.resolve() / given.name


def _refuse_guarded(target: Path, protect: Sequence[str | Path], *, where: str) -> None:
    """Raise if ``target`` is or holds a path no output folder may replace (:func:`_guarded`),
    or lies inside the package (replacing one of its folders would break it)."""
    for guarded, what in _guarded(protect):
        if target == guarded or target in guarded.parents:
            raise InputError(
                f"{target} holds {what} {guarded}; it is never replaced, even with --force",
                source=where,
                fix="write the outputs to a folder of their own, e.g. --out results/baseline",
            )
    if _PACKAGE in target.parents:
        raise InputError(
            f"{target} is inside the jazari_planner package {_PACKAGE}; it is never replaced, "
            "even with --force",
            source=where,
            fix="write the outputs to a folder of their own, e.g. --out results/baseline",
        )


def _guarded(protect: Sequence[str | Path]) -> Iterator[tuple[Path, str]]:
    """Each path that no output folder may be or contain, with what it is, in words."""
    for path in protect:
        yield Path(path).expanduser().resolve(), "this run's input file"
    yield data_dir().resolve(), "the planner's embedded data"
    yield _PACKAGE, "the jazari_planner package"
    yield Path.cwd().resolve(), "the current folder"
    with suppress(RuntimeError):  # no home folder known (some service accounts)
        yield Path.home().resolve(), "your home folder"


def _git_repository_in(folder: Path) -> Path | None:
    """The first git repository (a ``.git`` entry) at or below ``folder``, if any."""
    for root, dirs, files in os.walk(folder):
        if ".git" in dirs or ".git" in files:
            return Path(root)
    return None


def _foreign_entries(folder: Path) -> list[str]:
    """What ``folder`` holds that its manifest does not account for, in words.

    A file the manifest does not list, or lists with another checksum (a person edited it),
    a symbolic link, anything but a regular file, and a folder holding none of the listed
    files (an empty one included) all belong to someone else: they are kept.
    """
    written = _manifest_checksums(folder)
    listed_folders = {parent for name in written for parent in Path(name).parents}
    foreign: list[str] = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        for name in sorted(dirs):
            relative = (here / name).relative_to(folder)
            if (here / name).is_symlink():
                foreign.append(f"{relative.as_posix()} (symbolic link)")
            elif relative not in listed_folders:
                foreign.append(f"{relative.as_posix()}/ (folder)")
        dirs[:] = [d for d in dirs if (here / d).relative_to(folder) in listed_folders
                   and not (here / d).is_symlink()]
        for name in sorted(files):
            path = here / name
            file = path.relative_to(folder).as_posix()
            mode = path.lstat().st_mode
            if file == MANIFEST and stat.S_ISREG(mode):
                continue
            if stat.S_ISLNK(mode):
                foreign.append(f"{file} (symbolic link)")
            elif not stat.S_ISREG(mode):
                foreign.append(f"{file} (not a regular file)")
            elif file not in written:
                foreign.append(file)
            elif _sha256(path) != written[file]:
                foreign.append(f"{file} (edited)")
    return foreign


def _manifest_checksums(folder: Path) -> dict[str, str]:
    manifest = folder / MANIFEST
    try:
        if not stat.S_ISREG(manifest.lstat().st_mode):
            return {}
        return dict(json.loads(manifest.read_text(encoding="utf-8"))["sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --------------------------------------------------------------------------- the swap


@dataclass(frozen=True)
class _Run:
    """One writing run's names beside the destination: claim file, staging and set-aside."""

    target: Path
    token: str

    @property
    def claim(self) -> Path:
        return self.target.parent / f".{self.target.name}.jazari-run-{self.token}.json"

    @property
    def staging(self) -> Path:
        return self.target.parent / f".{self.target.name}.writing-{self.token}"

    @property
    def aside(self) -> Path:
        return self.target.parent / f".{self.target.name}.previous-{self.token}"


@contextmanager
def output_directory(out: str | Path, *, force: bool = False,
                     protect: Sequence[str | Path] = (),
                     describe: Mapping[str, Any] | None = None) -> Iterator[Path]:
    """A temporary folder to write into, put in place of ``out`` (with a manifest) on success.

    On an exception the temporary folder is removed and ``out`` is left as it was; if the
    process is killed, ``out`` is the old complete folder or the new one, and the next run
    removes what this one left.
    """
    target = check_output_dir(out, force=force, protect=protect)
    created = _make_parents(target.parent)
    clean_stale_runs(target.parent)
    run = _Run(target, uuid.uuid4().hex[:12])
    _claim(run)
    try:
        run.staging.mkdir()
        yield run.staging
        _write_manifest(run.staging, describe or {})
        _swap_into_place(run)
    except BaseException:
        _remove_tree(run.staging)
        _release(run)
        for folder in reversed(created):
            _remove_if_empty(folder)
        raise
    _remove_tree(run.staging)
    _remove_tree(run.aside)
    _release(run)


def _claim(run: _Run) -> None:
    """Write the claim file that marks this run's staging folders as ours (pid, host)."""
    record = {"tool": "jazari-planner", "pid": os.getpid(), "host": socket.gethostname(),
              "target": run.target.name, "token": run.token}
    run.claim.write_text(json.dumps(record) + "\n", encoding="utf-8")


def _release(run: _Run) -> None:
    run.claim.unlink(missing_ok=True)


def _swap_into_place(run: _Run) -> None:
    """Put the staging folder at the target; the old target ends at the staging name.

    A target that is a symbolic link is moved as a link, never followed.
    """
    if not os.path.lexists(run.target):
        run.staging.rename(run.target)
    elif not _exchange(run.staging, run.target):
        run.target.rename(run.aside)
        try:
            run.staging.rename(run.target)
        except BaseException:
            run.aside.rename(run.target)
            raise


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2() -> Callable[..., int] | None:
    """Linux's ``renameat2`` from the C library, or ``None`` where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step; ``False`` where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # old kernel or filesystem
        return False
    raise OSError(code, os.strerror(code), str(second))


def _remove_tree(folder: Path) -> None:
    """Remove ``folder`` and all it holds; a symbolic link is removed as a link."""
    if folder.is_symlink():
        folder.unlink(missing_ok=True)
    else:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- after a kill


def clean_stale_runs(parent: Path) -> None:
    """Remove what killed runs left in ``parent``: only folders their claim files name.

    A claim counts as stale when it was written on this host by a process that no longer
    exists. If such a run was killed between its two renames, its target is missing and its
    set-aside folder (the old complete output) is put back first.
    """
    host = socket.gethostname()
    for claim in parent.glob(".*.jazari-run-*.json"):
        try:
            record = json.loads(claim.read_text(encoding="utf-8"))
            run = _Run(parent / str(record["target"]), str(record["token"]))
            stale = record["host"] == host and not _alive(int(record["pid"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not stale or run.claim != claim:
            continue
        if not os.path.lexists(run.target) and os.path.lexists(run.aside):
            run.aside.rename(run.target)
        _remove_tree(run.staging)
        _remove_tree(run.aside)
        _release(run)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists (where this cannot be known, assume it does)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


# --------------------------------------------------------------------------- helpers


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; return those created, outermost first."""
    missing = [p for p in [folder, *folder.parents] if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    return list(reversed(missing))


def _remove_if_empty(folder: Path) -> None:
    with suppress(OSError):
        folder.rmdir()


def _write_manifest(staging: Path, describe: Mapping[str, Any]) -> None:
    files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    manifest = {
        "tool": "jazari-planner",
        "version": _version(),
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        **describe,
        "files": files,
        "sha256": {f: _sha256(staging / f) for f in files},
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")


def _version() -> str:
    try:
        return version("jazari-planner")
    except PackageNotFoundError:
        return "unknown"
