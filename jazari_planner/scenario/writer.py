"""Scenario files out: YAML that :func:`~jazari_planner.scenario.reader.from_yaml` reads back.

Keys left at their defaults are omitted, so a saved scenario says only what its author chose.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..common.files import replaced_atomically
from .schema import Scenario

__all__ = ["to_yaml"]

#: YAML's line breaks beyond \n and \r: PyYAML writes them raw in a single-quoted scalar
#: with ``allow_unicode`` and reads them back as spaces, so they go double-quoted, escaped.
_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


class _ScenarioDumper(yaml.SafeDumper):
    """``yaml.SafeDumper`` whose strings read back exactly, whatever characters they hold."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if _UNICODE_BREAKS.intersection(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ScenarioDumper.add_representer(str, _represent_text)


def to_yaml(scenario: Scenario, path: str | Path | None = None) -> str:
    """The scenario as YAML text that ``from_yaml`` reads back to an equal scenario.

    With ``path``, the text is also written there (atomically: a temporary file renamed into
    place); relative data paths are rewritten to stay correct from the new file's folder.
    """
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    if path is not None and scenario.path is not None and "data" in data:
        target_folder = Path(path).resolve().parent
        for role, value in data["data"].items():
            if value is not None and not Path(value).is_absolute():
                absolute = scenario.path.parent / value
                data["data"][role] = Path(os.path.relpath(absolute, target_folder)).as_posix()
    ordered = {"name": data.pop("name"), **data}
    text: str = yaml.dump(ordered, Dumper=_ScenarioDumper, sort_keys=False,
                          allow_unicode=True, default_flow_style=False)
    if path is not None:
        with replaced_atomically(path) as temporary:
            temporary.write_text(text, encoding="utf-8")
    return text
