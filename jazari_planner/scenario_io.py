"""Scenario files in and out: YAML with errors that name the file, the line and the key.

A planner who mistypes ``balence`` or writes ``max: three`` must be told where and what to
write instead, never shown a traceback. Reading keeps PyYAML's node tree so every key path
(``themes.energy.max``) maps to its line; pydantic's errors are translated through that map
into :class:`~jazari_planner.errors.InputError`. :func:`check_against` then checks the
scenario's region, theme and indicator names against a dataset, before any solving.
"""

from __future__ import annotations

import math
import os
import re
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError, did_you_mean, suggest
from .scenario import Scenario

if typing.TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "apply_override",
    "check_against",
    "data_paths",
    "from_dict",
    "from_yaml",
    "parse_override",
    "to_yaml",
]

#: A key path inside a scenario: mapping keys (str) and list indices (int).
KeyPath = tuple[str | int, ...]

#: The most problems one message lists (the first in full, the others one line each).
_MAX_LISTED = 6


# --------------------------------------------------------------------------- reading


def from_yaml(path: str | Path) -> Scenario:
    """Read and validate the scenario file ``path``; it is only read, never modified.

    The scenario remembers its file (``scenario.path``) so its ``data:`` paths resolve
    against the file's folder. Raises :class:`InputError` (file, line, key path, fix).
    """
    file = Path(path)
    text = _read_text(file)
    data, lines = _parse(text, source=str(file))
    scenario = _validate(data, lines=lines, source=str(file))
    scenario._path = file.resolve()
    return scenario


def from_dict(data: Any, source: str | None = None) -> Scenario:
    """Validate a scenario given as a mapping (e.g. from a notebook or a web form).

    ``source`` names where the mapping came from in error messages.
    """
    where = source or "scenario"
    if not isinstance(data, Mapping):
        raise InputError(
            f"expected a mapping of scenario keys (name, balance, …), got {_kind(data)}",
            source=where,
            fix="give the scenario as key: value pairs, starting with `name: My scenario`",
        )
    return _validate(dict(data), lines={}, source=where)


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


def _parse(text: str, *, source: str) -> tuple[Any, dict[KeyPath, int]]:
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
            f"expected a mapping of scenario keys (name, balance, …) at the top, got {_kind(data)}",
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
                    key=_format_path((*path, key)),
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
        return _region_ref(value) if under == ("regions",) else str(value)
    return str(node.value)


def _region_ref(value: Any) -> Any:
    """An unquoted region code read by YAML as a number (``4``, ``12``) as its code ``"04"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:02d}"
    return value


def _normalized(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with region codes given as numbers turned into their two-digit codes."""
    out = dict(data)
    if isinstance(out.get("regions"), dict):
        out["regions"] = {_region_ref(k): v for k, v in out["regions"].items()}
    for locks in ("lock_in", "lock_out"):
        if isinstance(out.get(locks), list):
            out[locks] = [
                {**lock, "region": _region_ref(lock["region"])}
                if isinstance(lock, dict) and "region" in lock
                else lock
                for lock in out[locks]
            ]
    return out


# --------------------------------------------------------------------------- validation


def _validate(data: dict[str, Any], *, lines: Mapping[KeyPath, int], source: str) -> Scenario:
    try:
        return Scenario.model_validate(_normalized(data), strict=True)
    except ValidationError as error:
        raise _translate(error, lines=lines, source=source) from None


def _translate(
    error: ValidationError, *, lines: Mapping[KeyPath, int], source: str
) -> InputError:
    """One :class:`InputError` for all of pydantic's complaints, the earliest line first."""
    found = [_one(detail, lines=lines, source=source) for detail in error.errors()]
    found.sort(key=lambda e: (e.line is None, e.line or 0))
    first = found[0]
    others = [
        f"also {e.key or ''}{f' (line {e.line})' if e.line else ''}: {e.problem}"
        for e in found[1:_MAX_LISTED]
    ]
    if len(found) > _MAX_LISTED:
        others.append(f"… and {len(found) - _MAX_LISTED} more")
    if others:
        fix = "\n  ".join([first.fix or "", *others]) if first.fix else "\n  ".join(others)
        return InputError(first.problem, source=source, key=first.key, line=first.line, fix=fix)
    return first


def _one(detail: Mapping[str, Any], *, lines: Mapping[KeyPath, int], source: str) -> InputError:
    """Translate one pydantic error dict into plain words."""
    loc: KeyPath = tuple(detail["loc"])
    kind: str = detail["type"]
    value = detail.get("input")
    ctx: Mapping[str, Any] = detail.get("ctx") or {}
    is_key = bool(loc) and loc[-1] == "[key]"
    path = loc[:-1] if is_key else loc
    line = _line(path, lines)

    if kind == "extra_forbidden" or (is_key and kind == "literal_error"):
        parent, name = path[:-1], str(path[-1])
        allowed = _allowed_keys(parent)
        near = suggest(name, allowed)
        where = f" under `{_format_path(parent)}`" if parent else ""
        return InputError(
            f"unknown key `{name}`{where}" + (f"; did you mean `{near}`?" if near else ""),
            source=source,
            key=_format_path(path),
            line=line,
            fix=f"allowed keys here: {', '.join(allowed)}",
        )
    key = _format_path(path)
    if kind == "missing":
        line = lines.get(path[:-1], line)
        return InputError(
            f"required key `{path[-1]}` is missing",
            source=source,
            key=key,
            line=line,
            fix=f"add `{path[-1]}: …`"
            + (" (a short title for the scenario)" if path == ("name",) else ""),
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        choices = [c.strip(" '") for c in expected.split(",")]
        near = suggest(str(value), choices)
        return InputError(
            f"is {value!r}; expected one of {', '.join(choices)}"
            + (f"; did you mean {near!r}?" if near else ""),
            source=source,
            key=key,
            line=line,
            fix=f"write one of {', '.join(choices)}",
        )
    if kind in _BOUNDS:
        word, limit_key = _BOUNDS[kind]
        return InputError(
            f"is {value!r}; expected a value {word} {ctx.get(limit_key)}",
            source=source,
            key=key,
            line=line,
            fix=_RANGE_HINTS.get(str(path[-1]), "bring the value into range"),
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        fields = _allowed_keys(path)
        example = ", ".join(f"{f}: …" for f in fields[:3])
        return InputError(
            f"expected a mapping of keys, got {_kind(value)} {value!r}",
            source=source,
            key=key,
            line=line,
            fix=f"write it as `{path[-1]}: {{{example}}}`" if fields else "write key: value pairs",
        )
    if kind == "value_error":
        message = str(detail.get("msg", "")).removeprefix("Value error, ")
        weight = re.match(r"weight of '(\w+)'", message)
        if not path and weight:  # Scenario's own check of the weights names its group
            path = ("weights", weight.group(1))
            return InputError(message, source=source, key=_format_path(path),
                              line=_line(path, lines), fix="give each group a weight of 0 or more")
        return InputError(message, source=source, key=key, line=line,
                          fix="make min at most max" if "larger than max" in message
                          else "correct the values")
    if kind in _EXPECTED:
        expected, fix = _EXPECTED[kind]
        return InputError(
            f"expected {expected}, got {_kind(value)} {value!r}",
            source=source,
            key=key,
            line=line,
            fix=fix,
        )
    return InputError(str(detail.get("msg", kind)), source=source, key=key, line=line)


_BOUNDS: dict[str, tuple[str, str]] = {
    "greater_than_equal": (">=", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("<=", "le"),
    "less_than": ("<", "lt"),
}

_RANGE_HINTS: dict[str, str] = {
    "balance": "balance (λ) runs from 0 (best average use of strengths) to 1 (best deal for "
    "the worst-served region)",
    "balance_focus": "balance_focus (q) is a whole number from 1 to the number of regions "
    "whose minimum is 1 or more (|R⁺|): 1 looks after the worst-served region alone, |R⁺| "
    "after the mean of all of them",
    "min_strength": "min_strength (θ) is a strength between 0 and 1",
    "equity": "equity (β) is 0 (no bonus) or more",
    "budget": "budget is in MAD million, 0 or more; remove the key for no budget",
    "mip_gap": "mip_gap is a fraction between 0 and 1 (0.01 is 1 %)",
    "time_limit": "time_limit is a number of seconds above 0; write null for no limit",
    "name": "give the scenario a short title",
}

_EXPECTED: dict[str, tuple[str, str]] = {
    "float_type": ("a number", "write a plain number such as 0.5 (no quotes, no unit)"),
    "float_parsing": ("a number", "write a plain number such as 0.5 (no quotes, no unit)"),
    "finite_number": ("a finite number", "write a plain number such as 0.5"),
    "int_type": ("a whole number", "write a whole number such as 2 (no quotes)"),
    "int_parsing": ("a whole number", "write a whole number such as 2 (no quotes)"),
    "int_from_float": ("a whole number", "write a whole number such as 2"),
    "string_type": ("text", "put the value in quotes, e.g. \"12\""),
    "string_too_short": ("non-empty text", "write a short title"),
    "list_type": ("a list", "write a list, one `- region: …, theme: …` item per line"),
    "bool_type": ("true or false", "write true or false"),
}


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, Sequence):
        return "a list"
    return type(value).__name__


def _line(path: KeyPath, lines: Mapping[KeyPath, int]) -> int | None:
    """The line of ``path`` or of its nearest enclosing key the parser saw."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _format_path(path: KeyPath) -> str:
    """``("lock_in", 0, "region")`` as ``lock_in[0].region``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _allowed_keys(path: KeyPath) -> list[str]:
    """The keys a scenario accepts at ``path`` (walking the pydantic models)."""
    annotation: Any = Scenario
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    origin = typing.get_origin(annotation)
    if origin is dict:
        key_type = typing.get_args(annotation)[0]
        if typing.get_origin(key_type) is typing.Literal:
            return [str(k) for k in typing.get_args(key_type)]
    return []


def _step(annotation: Any, part: str | int) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return _unwrap(field.annotation) if field else None
    origin = typing.get_origin(annotation)
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
    if origin is list:
        return _unwrap(typing.get_args(annotation)[0])
    return None


def _unwrap(annotation: Any) -> Any:
    """``X | None`` as ``X``."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return args[0] if len(args) == 1 else annotation
    return annotation


# --------------------------------------------------------------------------- writing


def to_yaml(scenario: Scenario, path: str | Path | None = None) -> str:
    """The scenario as YAML text that :func:`from_yaml` reads back to an equal scenario.

    Keys left at their defaults are omitted. With ``path``, the text is also written there
    (atomically: a temporary file renamed into place); relative data paths are rewritten
    to stay correct from the new file's folder.
    """
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    if path is not None and scenario.path is not None and "data" in data:
        target_folder = Path(path).resolve().parent
        for role, value in data["data"].items():
            if value is not None and not Path(value).is_absolute():
                absolute = scenario.path.parent / value
                data["data"][role] = Path(os.path.relpath(absolute, target_folder)).as_posix()
    ordered = {"name": data.pop("name"), **data}
    text: str = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True,
                               default_flow_style=False)
    if path is not None:
        target = Path(path)
        temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        try:
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(target)
        finally:
            temporary.unlink(missing_ok=True)
    return text


# --------------------------------------------------------------------------- overrides


def parse_override(text: str) -> tuple[tuple[str, ...], Any]:
    """``"themes.energy.max=3"`` as ``(("themes", "energy", "max"), 3)``; values are YAML."""
    where = f"--set {text}"
    key, sep, raw = text.partition("=")
    parts = [p.strip() for p in key.strip().split(".")]
    if not sep or not all(parts):
        raise InputError(
            "expected KEY.PATH=VALUE",
            source=where,
            fix="for example --set balance=0.8 or --set themes.energy.max=3",
        )
    try:
        value = yaml.safe_load(raw) if raw.strip() else None
    except yaml.YAMLError:
        raise InputError(
            f"cannot read the value {raw!r}",
            source=where,
            fix="write a number, a word, or a YAML list such as [a, b]",
        ) from None
    return tuple(parts), value


def apply_override(scenario: Scenario, text: str) -> Scenario:
    """A copy of ``scenario`` with the ``--set`` override ``text`` applied and revalidated."""
    parts, value = parse_override(text)
    data = scenario.model_dump(mode="json")
    where = f"--set {text}"
    node: Any = data
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                raise InputError(
                    f"`{'.'.join(parts[:depth])}` has no item {part}",
                    source=where,
                    fix=f"items are numbered from 0 to {len(node) - 1}" if node else "it is empty",
                )
            if last:
                node[int(part)] = value
            else:
                node = node[int(part)]
        elif isinstance(node, dict):
            if last:
                node[part] = value
            else:
                if node.get(part) is None:
                    node[part] = {}
                node = node[part]
        else:
            raise InputError(
                f"`{'.'.join(parts[:depth])}` is a single value; it holds no key `{part}`",
                source=where,
                fix=f"write --set {'.'.join(parts[:depth])}=VALUE",
            )
    updated = _validate(data, lines={}, source=where)
    updated._path = scenario.path
    return updated


# --------------------------------------------------------------------------- dataset checks


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
    when a path does not exist or is a directory.
    """
    base = scenario.path.parent if scenario.path else Path.cwd()
    source = str(scenario.path) if scenario.path else "scenario"
    lines = _lines_of(scenario)
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
                key=_format_path(key),
                line=lines.get(key),
                fix=f"name the file inside it, e.g. {Path(value) / _EXAMPLE_FILES[role]}",
            )
        if not path.is_file():
            siblings = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
            raise InputError(
                f"data file {value!r} does not exist (looked for {path})",
                source=source,
                key=_format_path(key),
                line=lines.get(key),
                fix=did_you_mean(path.name, siblings)
                + "data paths are relative to the scenario file's folder",
            )
        found[role] = path
    return found


def check_against(scenario: Scenario, dataset: Dataset) -> None:
    """Check every region, theme and indicator the scenario names against ``dataset``.

    Also rejects a lock listed twice, a region given bounds twice (by code and by name),
    theme bounds that cross the data's, and a ``balance_focus`` above the number of regions
    that must carry a specialization. Raises :class:`InputError` with the line.
    """
    source = str(scenario.path) if scenario.path else "scenario"
    lines = _lines_of(scenario)

    def where(path: KeyPath) -> dict[str, Any]:
        return {"source": source, "key": _format_path(path), "line": _line(path, lines)}

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
            fix=_RANGE_HINTS["balance_focus"],
            **where(("balance_focus",)),
        )

    for theme, override in scenario.themes.items():
        try:
            theme_id = dataset.theme_id(theme)
        except InputError as error:
            raise relocated(error, ("themes", theme)) from None
        low = override.min if override.min is not None else int(dataset.themes.at[theme_id, "min"])
        high = override.max if override.max is not None else int(dataset.themes.at[theme_id, "max"])
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
                first = _line((kind, seen[pair]), lines)
                raise InputError(
                    f"duplicate lock: ({dataset.region_name(code)}, {theme_id}) is already in "
                    f"{kind}[{seen[pair]}]" + (f" (line {first})" if first else ""),
                    fix="remove one of the two entries",
                    **where((kind, index)),
                )
            seen[pair] = index


def _lines_of(scenario: Scenario) -> dict[KeyPath, int]:
    """The key-path lines of the scenario's file, re-read (it is never modified)."""
    if scenario.path is None or not scenario.path.is_file():
        return {}
    try:
        _, lines = _parse(scenario.path.read_text(encoding="utf-8-sig"), source=str(scenario.path))
    except (InputError, OSError, UnicodeDecodeError):
        return {}
    return lines
