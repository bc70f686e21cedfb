"""Scenario data checked by pydantic, its complaints translated to file, line, key and fix.

A planner who writes ``balence`` or ``max: three`` is told where, and what to write instead:
every pydantic error is mapped through the reader's line map (key path → line) into one
:class:`~jazari_planner.errors.InputError`, the earliest line first, with a fix per kind of
mistake. Used for files (:mod:`~jazari_planner.scenario_reader`), mappings from a notebook or
a web form (:func:`from_dict`) and ``--set`` overrides.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputError, suggest
from .scenario import Scenario

__all__ = ["KeyPath", "format_path", "from_dict", "kind_of", "line_of", "region_ref", "validate"]

#: A key path inside a scenario: mapping keys (str) and list indices (int).
KeyPath = tuple[str | int, ...]

#: The most problems one message lists (the first in full, the others one line each).
_MAX_LISTED = 6


def from_dict(data: Any, source: str | None = None) -> Scenario:
    """Validate a scenario given as a mapping (e.g. from a notebook or a web form).

    ``source`` names where the mapping came from in error messages.
    """
    where = source or "scenario"
    if not isinstance(data, Mapping):
        raise InputError(
            f"expected a mapping of scenario keys (name, balance, …), got {kind_of(data)}",
            source=where,
            fix="give the scenario as key: value pairs, starting with `name: My scenario`",
        )
    return validate(dict(data), lines={}, source=where)


def region_ref(value: Any) -> Any:
    """An unquoted region code read by YAML as a number (``4``, ``12``) as its code ``"04"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:02d}"
    return value


def _normalized(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with region codes given as numbers turned into their two-digit codes."""
    out = dict(data)
    if isinstance(out.get("regions"), dict):
        out["regions"] = {region_ref(k): v for k, v in out["regions"].items()}
    for locks in ("lock_in", "lock_out"):
        if isinstance(out.get(locks), list):
            out[locks] = [
                {**lock, "region": region_ref(lock["region"])}
                if isinstance(lock, dict) and "region" in lock
                else lock
                for lock in out[locks]
            ]
    return out


def validate(data: dict[str, Any], *, lines: Mapping[KeyPath, int], source: str) -> Scenario:
    """``data`` as a :class:`Scenario`, or one :class:`InputError` naming ``source`` and lines."""
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
    line = line_of(path, lines)

    if kind == "extra_forbidden" or (is_key and kind == "literal_error"):
        parent, name = path[:-1], str(path[-1])
        allowed = _allowed_keys(parent)
        near = suggest(name, allowed)
        where = f" under `{format_path(parent)}`" if parent else ""
        return InputError(
            f"unknown key `{name}`{where}" + (f"; did you mean `{near}`?" if near else ""),
            source=source,
            key=format_path(path),
            line=line,
            fix=f"allowed keys here: {', '.join(allowed)}",
        )
    key = format_path(path)
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
            f"expected a mapping of keys, got {kind_of(value)} {value!r}",
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
            return InputError(message, source=source, key=format_path(path),
                              line=line_of(path, lines),
                              fix="give each group a weight of 0 or more")
        return InputError(message, source=source, key=key, line=line,
                          fix="make min at most max" if "larger than max" in message
                          else "correct the values")
    if kind in _EXPECTED:
        expected, fix = _EXPECTED[kind]
        return InputError(
            f"expected {expected}, got {kind_of(value)} {value!r}",
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


def kind_of(value: Any) -> str:
    """What ``value`` is, in words ("a number", "text"…), for a message."""
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


def line_of(path: KeyPath, lines: Mapping[KeyPath, int]) -> int | None:
    """The line of ``path`` or of its nearest enclosing key the parser saw."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def format_path(path: KeyPath) -> str:
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
