"""Scenarios a planner saves from the app: YAML files in a folder of their own, so they
survive a restart of the app.

The folder is ``$JAZARI_PLANNER_HOME/scenarios`` when that variable is set, else the user's
data folder (``platformdirs``: ``~/.local/share/jazari-planner/scenarios`` on Linux,
``%LOCALAPPDATA%\\jazari-planner\\scenarios`` on Windows), never inside the package or the
repository. Each file is what the YAML download gives (``Scenario.to_yaml``, written
atomically), so a saved scenario also runs headless: ``jazari-planner solve <file>``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..common.errors import InputError
from ..scenario.schema import Scenario
from .exports import file_stem

__all__ = ["HOME_VARIABLE", "delete_saved", "rename_saved", "save_scenario", "saved_folder",
           "saved_scenarios", "saved_target"]

#: The environment variable that moves the app's own files (tests, shared machines).
HOME_VARIABLE = "JAZARI_PLANNER_HOME"


def saved_folder() -> Path:
    """Where saved scenarios live (see the module's docstring); not created here."""
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home).expanduser() / "scenarios"
    import platformdirs

    return platformdirs.user_data_path("jazari-planner", appauthor=False) / "scenarios"


def saved_scenarios(folder: Path) -> list[str]:
    """The file names of the scenarios saved in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.yaml") if p.is_file()]
    return [p.name for p in sorted(files, key=lambda p: (p.stat().st_mtime, p.name))]


def saved_target(scenario: Scenario, folder: Path) -> Path:
    """The file ``scenario`` is saved to: its name as a file stem, in ``folder``."""
    return folder / f"{file_stem(scenario.name)}.yaml"


def save_scenario(scenario: Scenario, folder: Path, *, overwrite: bool = False) -> Path:
    """Write ``scenario`` to ``folder`` under the file named after it; return the file.

    A file of that name is replaced only when ``overwrite`` is set (the planner said so):
    otherwise :class:`FileExistsError` is raised and nothing is written, never a silent
    copy under another name. Relative data paths are rewritten to stay correct from there.
    Raises :class:`InputError` (naming the folder) when it cannot be written.
    """
    target = saved_target(scenario, folder)
    if target.exists() and not overwrite:
        raise FileExistsError(target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        scenario.to_yaml(target)
    except OSError as error:
        raise _unwritable(folder, error) from None
    return target


def rename_saved(folder: Path, name: str, new_name: str) -> Path:
    """Give the saved scenario file ``name`` the scenario name ``new_name``, and the file
    named after it; return the new file.

    Raises :class:`InputError` when ``new_name`` is empty or another saved scenario has
    that file name already (nothing changes then).
    """
    path = _inside(folder, name)
    scenario = Scenario.from_yaml(path)
    cleaned = new_name.strip()
    if not cleaned:
        raise InputError("a saved scenario needs a name", source=name,
                         fix="type the new name, then click Rename")
    renamed = scenario.model_copy(update={"name": cleaned})
    renamed._path = scenario.path
    target = saved_target(renamed, folder)
    if target != path and target.exists():
        raise InputError(f"a saved scenario is already named {target.name}", source=name,
                         fix="choose another name, or delete that scenario first")
    try:
        renamed.to_yaml(target)
        if target != path:
            path.unlink(missing_ok=True)
    except OSError as error:
        raise _unwritable(folder, error) from None
    return target


def delete_saved(folder: Path, name: str) -> None:
    """Remove the saved scenario file ``name`` (only a file directly in ``folder``)."""
    _inside(folder, name).unlink(missing_ok=True)


def _inside(folder: Path, name: str) -> Path:
    """The file ``name`` directly in ``folder`` (a path with folders in it is cut to its
    last part, so no file elsewhere is ever touched)."""
    path = folder / Path(name).name
    if path.suffix != ".yaml":
        raise InputError("not a saved scenario file", source=name, fix="choose a .yaml file")
    return path


def _unwritable(folder: Path, error: OSError) -> InputError:
    return InputError(f"cannot save the scenario: {error.strerror or error}", source=str(folder),
                      fix=f"make the folder writable, or set {HOME_VARIABLE} to another "
                          "folder before starting the app")
