"""The scenarios that ship with the package: list them, and copy them out to start from.

An installed wheel has no ``scenarios/`` folder beside the user's work: these functions find
the shipped ones (:func:`jazari_planner.common.files.scenarios_dir`) and copy them, with the data
files they name, to a folder of the user's, never replacing a file without ``force``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import InputError
from ..common.files import replaced_atomically, scenarios_dir
from .schema import Scenario

__all__ = ["ShippedScenario", "copy_scenarios", "shipped_scenarios"]


@dataclass(frozen=True)
class ShippedScenario:
    """One shipped scenario file with its ``name`` and ``description``."""

    path: Path
    name: str
    description: str


def shipped_scenarios() -> list[ShippedScenario]:
    """The scenario files that ship with the package, each read (and so checked).

    Returns
    -------
    list of ShippedScenario
        By file name: each file's ``path``, ``name`` and one-line ``description``; pass a
        ``path`` to :meth:`Scenario.from_yaml` to start from it.

    Raises
    ------
    InputError
        If a shipped file does not read (a broken install).
    """
    found = []
    for path in sorted(scenarios_dir().glob("*.yaml")):
        scenario = Scenario.from_yaml(path)
        found.append(ShippedScenario(path, scenario.name, " ".join(scenario.description.split())))
    return found


def _shipped_files() -> list[Path]:
    """Every file of the shipped scenarios folder (scenarios, their data, the README)."""
    folder = scenarios_dir()
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.relative_to(folder).parts)


def copy_scenarios(destination: str | Path, *, force: bool = False) -> list[Path]:
    """Copy the shipped scenarios, their data files and README into ``destination``.

    Nothing is written if any file would be replaced, unless ``force`` (then only those files
    are replaced, each atomically; other files in ``destination`` are left alone). Returns the
    files written. Raises :class:`InputError` (the first files in the way, and the fix).
    """
    folder, target = scenarios_dir(), Path(destination).expanduser()
    if target.exists() and not target.is_dir():
        raise InputError("the destination is a file, not a folder", source=target,
                         fix="give a folder (it is created if missing)")
    if target.resolve() == folder.resolve():
        raise InputError("the destination is the shipped scenarios folder itself",
                         source=target, fix="give another folder")
    pairs = [(source, target / source.relative_to(folder)) for source in _shipped_files()]
    taken = [copy for _, copy in pairs if copy.exists()]
    if taken and not force:
        shown = ", ".join(str(p.relative_to(target)) for p in taken[:3])
        more = f" and {len(taken) - 3} more" if len(taken) > 3 else ""
        raise InputError(f"{len(taken)} file(s) already there would be replaced: {shown}{more}",
                         source=target,
                         fix="copy to a new or empty folder, or add --force to replace them "
                         "(other files in the folder are kept)")
    for source, copy in pairs:
        with replaced_atomically(copy) as temporary:
            shutil.copyfile(source, temporary)
    return [copy for _, copy in pairs]
