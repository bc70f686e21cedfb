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

__all__ = ["HOME_VARIABLE", "delete_saved", "save_scenario", "saved_folder", "saved_scenarios"]

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


def save_scenario(scenario: Scenario, folder: Path) -> Path:
    """Write ``scenario`` to ``folder`` under a new file named after it; return the file.

    Relative data paths are rewritten to stay correct from there. Raises
    :class:`InputError` (naming the folder) when it cannot be written.
    """
    stem = file_stem(scenario.name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target, count = folder / f"{stem}.yaml", 2
        while target.exists():
            target, count = folder / f"{stem}-{count}.yaml", count + 1
        scenario.to_yaml(target)
    except OSError as error:
        raise InputError(f"cannot save the scenario: {error.strerror or error}",
                         source=str(folder),
                         fix=f"make the folder writable, or set {HOME_VARIABLE} to another "
                             "folder before starting the app") from None
    return target


def delete_saved(folder: Path, name: str) -> None:
    """Remove the saved scenario file ``name`` (only a file directly in ``folder``)."""
    path = folder / Path(name).name
    if path.parent == folder and path.suffix == ".yaml":
        path.unlink(missing_ok=True)
