"""Scenario files in: the file read as UTF-8 text, its YAML parsed with the line of every key.

Reading keeps PyYAML's node tree so every key path (``themes.energy.max``) maps to its line;
:mod:`~jazari_planner.scenario_validation` then checks the data and names those lines. A
scenario file is only read, never modified.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, suggest
from .scenario import Scenario
from .scenario_validation import KeyPath, format_path, kind_of, region_ref, validate

__all__ = ["from_yaml", "lines_of", "parse"]


def from_yaml(path: str | Path) -> Scenario:
    """Read and validate the scenario file ``path``; it is only read, never modified.

    The scenario remembers its file (``scenario.path``) so its ``data:`` paths resolve
    against the file's folder. Raises :class:`InputError` (file, line, key path, fix).
    """
    file = Path(path)
    text = _read_text(file)
    data, lines = parse(text, source=str(file))
    scenario = validate(data, lines=lines, source=str(file))
    scenario._path = file.resolve()
    return scenario


def lines_of(scenario: Scenario) -> dict[KeyPath, int]:
    """The key-path lines of the scenario's file, re-read (it is never modified)."""
    if scenario.path is None or not scenario.path.is_file():
        return {}
    try:
        _, lines = parse(scenario.path.read_text(encoding="utf-8-sig"), source=str(scenario.path))
    except (InputError, OSError, UnicodeDecodeError):
        return {}
    return lines


def _read_text(file: Path) -> str:
    if file.is_dir():
        raise InputError(
            "is a directory, not a scenario file",
            source=file,
            fix="give the path of a .yaml file (globs such as scenarios/*.yaml are welcome)",
        )
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        near = _near_file(file)
        raise InputError(
            "no such file",
            source=file,
            fix=(f"did you mean {near}? " if near else "")
            + "check the path; it is relative to the current folder",
        ) from None
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", source=file) from None
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


def _near_file(file: Path) -> str | None:
    folder = file.parent if str(file.parent) else Path(".")
    if not folder.is_dir():
        return None
    near = suggest(file.name, [p.name for p in folder.iterdir()])
    return str(folder / near) if near else None


def parse(text: str, *, source: str) -> tuple[dict[str, Any], dict[KeyPath, int]]:
    """The YAML document as Python data, and the line of every key path in it."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(
                "the file is empty",
                source=source,
                fix="a scenario needs at least `name: My scenario`; see scenarios/baseline.yaml",
            )
        lines: dict[KeyPath, int] = {(): node.start_mark.line + 1}
        _record_lines(node, (), lines, loader=loader, source=source)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "the YAML cannot be read"
        if error.context:
            opened = error.context_mark
            start = f" that starts on line {opened.line + 1}" if opened else ""
            problem += f" ({error.context}{start})"
        raise InputError(
            f"YAML syntax error: {problem}",
            source=source,
            line=mark.line + 1 if mark else None,
            fix="check the indentation and the colons around this line; "
            "quote values holding ':' or '#'",
        ) from None
    except yaml.YAMLError as error:
        raise InputError(f"YAML syntax error: {error}", source=source) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise InputError(
            f"expected a mapping of scenario keys (name, balance, …) at the top, "
            f"got {kind_of(data)}",
            source=source,
            line=node.start_mark.line + 1,
            fix="write one `key: value` per line, starting with `name: My scenario`",
        )
    return data, lines


def _record_lines(
    node: yaml.Node,
    path: KeyPath,
    lines: dict[KeyPath, int],
    *,
    loader: yaml.SafeLoader,
    source: str,
) -> None:
    """Fill ``lines`` with the 1-based line of each key path below ``node``; reject duplicates."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _key_text(key_node, loader=loader, under=path)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise InputError(
                    f"key `{key}` appears twice (first on line {seen[key]})",
                    source=source,
                    key=format_path((*path, key)),
                    line=line,
                    fix="keep one of the two; YAML would silently keep only the last",
                )
            seen[key] = line
            lines[(*path, key)] = line
            _record_lines(value_node, (*path, key), lines, loader=loader, source=source)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _record_lines(item, (*path, index), lines, loader=loader, source=source)


def _key_text(node: yaml.Node, *, loader: yaml.SafeLoader, under: KeyPath) -> str:
    """A mapping key as the validated scenario will spell it (region codes zero-padded)."""
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_object(node)
        return str(region_ref(value)) if under == ("regions",) else str(value)
    return str(node.value)
