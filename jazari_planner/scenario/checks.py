"""A scenario checked against its data, before any solving: files, names, bounds, locks.

A scenario may be written before its data is chosen, so its region, theme and indicator names
are checked here, against a :class:`~jazari_planner.data.dataset.Dataset`; errors still name the
scenario file, the key and its line.
"""

from __future__ import annotations

import math
import typing
from pathlib import Path
from typing import Any

from ..common.errors import InputError, did_you_mean
from ..common.safe_yaml import KeyPath, format_path, line_of
from .phasing_checks import check_against as check_phasing
from .schema import Scenario
from .stakeholder_checks import check_focus
from .validation import range_hint

if typing.TYPE_CHECKING:
    from ..data.dataset import Dataset

__all__ = ["check_against", "data_paths"]


#: A file name to suggest inside a folder given as a data path, per role.
_EXAMPLE_FILES: dict[str, str] = {
    "indicators": "indicators.csv",
    "catalogue": "indicators.yaml",
    "themes": "themes.yaml",
    "regions": "regions.geojson",
}


def data_paths(scenario: Scenario) -> dict[str, Path]:
    """The scenario's data files, resolved against its file's folder, each checked to exist.

    Raises :class:`InputError` naming the scenario file, the ``data.*`` key and its line
    when a path does not exist, is a directory, or is not a regular file (a pipe, a device).
    """
    base = scenario.path.parent if scenario.path else Path.cwd()
    source = str(scenario.path) if scenario.path else "scenario"
    lines = scenario.key_lines
    found: dict[str, Path] = {}
    for role, value in scenario.data.model_dump().items():
        if value is None:
            continue
        path = (base / Path(value).expanduser()).resolve()
        key = ("data", role)
        if path.is_dir():
            raise InputError(
                f"{value!r} is a directory ({path}); expected a file",
                source=source,
                key=format_path(key),
                line=lines.get(key),
                fix=f"name the file inside it, e.g. {Path(value) / _EXAMPLE_FILES[role]}",
            )
        if path.exists() and not path.is_file():
            raise InputError(
                f"data file {value!r} is not a regular file (a device, a pipe or a socket)",
                source=source,
                key=format_path(key),
                line=lines.get(key),
                fix="give the path of a file saved on disk; to use a program's output, save "
                "it to a file first",
            )
        if not path.is_file():
            siblings = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
            raise InputError(
                f"data file {value!r} does not exist (looked for {path})",
                source=source,
                key=format_path(key),
                line=lines.get(key),
                fix=did_you_mean(path.name, siblings)
                + "data paths are relative to the scenario file's folder",
            )
        found[role] = path
    return found


def check_against(scenario: Scenario, dataset: Dataset) -> None:
    """Check every region, theme and indicator the scenario names against ``dataset``.

    Also rejects a lock listed twice, a region given bounds twice (by code and by name),
    theme bounds that cross the data's, a ``balance_focus`` above the number of regions
    that must carry a specialization, and a roadmap's announcements that cannot be honoured
    (:func:`.phasing_checks.check_against`). Raises :class:`InputError` with the line.
    """
    source = str(scenario.path) if scenario.path else "scenario"
    lines = scenario.key_lines

    def where(path: KeyPath) -> dict[str, Any]:
        return {"source": source, "key": format_path(path), "line": line_of(path, lines)}

    def relocated(error: InputError, path: KeyPath) -> InputError:
        return InputError(error.problem, fix=error.fix, **where(path))

    bounded: dict[str, str] = {}
    for name in scenario.regions:
        if name == "default":
            continue
        try:
            code = dataset.region_code(name)
        except InputError as error:
            raise relocated(error, ("regions", name)) from None
        if code in bounded:
            raise InputError(
                f"region {name!r} is {code}, already given bounds as {bounded[code]!r}",
                fix="keep one entry per region",
                **where(("regions", name)),
            )
        bounded[code] = name

    # balance_focus's upper bound |R⁺| depends on the dataset's regions and their bounds.
    served = sum(
        1 for code in dataset.region_codes
        if scenario.regions.get(bounded.get(code, "default"), scenario.default_bounds).min >= 1)
    if not 1 <= scenario.balance_focus <= max(1, served):
        raise InputError(
            f"is {scenario.balance_focus}; expected a whole number from 1 to {max(1, served)}, "
            "the number of regions that must carry a specialization here",
            fix=range_hint(("balance_focus",)),
            **where(("balance_focus",)),
        )
    check_focus(scenario.stakeholders, served, lines=lines, source=source)

    for theme, override in scenario.themes.items():
        try:
            theme_id = dataset.theme_id(theme)
        except InputError as error:
            raise relocated(error, ("themes", theme)) from None
        data_low, data_high = (int(v) for v in
                               dataset.themes.loc[theme_id, ["min", "max"]].to_numpy(dtype=int))
        low = override.min if override.min is not None else data_low
        high = override.max if override.max is not None else data_high
        if low > high:
            raise InputError(
                f"the theme's min ({low}) is larger than its max ({high}), counting the "
                "data's own bounds",
                fix="set both min and max, with min <= max",
                **where(("themes", theme)),
            )

    catalogue = [str(k) for k in dataset.catalogue.index]
    for indicator, weight in scenario.need.items():
        if indicator not in catalogue:
            raise InputError(
                f"unknown indicator {indicator!r} in the need index",
                fix=did_you_mean(indicator, catalogue)
                + f"indicators are: {', '.join(catalogue)}",
                **where(("need", indicator)),
            )
        if not math.isfinite(weight):
            raise InputError(f"need weight {weight} is not finite", fix="write a number",
                             **where(("need", indicator)))

    for kind in ("lock_in", "lock_out"):
        seen: dict[tuple[str, str], int] = {}
        for index, lock in enumerate(getattr(scenario, kind)):
            try:
                code = dataset.region_code(lock.region)
            except InputError as error:
                raise relocated(error, (kind, index, "region")) from None
            try:
                theme_id = dataset.theme_id(lock.theme)
            except InputError as error:
                raise relocated(error, (kind, index, "theme")) from None
            pair = (code, theme_id)
            if pair in seen:
                first = line_of((kind, seen[pair]), lines)
                raise InputError(
                    f"duplicate lock: ({dataset.region_name(code)}, {theme_id}) is already in "
                    f"{kind}[{seen[pair]}]" + (f" (line {first})" if first else ""),
                    fix="remove one of the two entries",
                    **where((kind, index)),
                )
            seen[pair] = index

    check_phasing(scenario, dataset)
