"""Scenario data checked by pydantic, its complaints translated to file, line, key and fix.

A planner who writes ``balence`` or ``max: three`` is told where, and what to write instead:
every pydantic error is mapped through the reader's line map (key path → line) into one
:class:`~jazari_planner.common.errors.InputError`, the earliest line first, with a fix per kind of
mistake. Used for files (:mod:`~jazari_planner.scenario.reader`), mappings from a notebook or
a web form (:func:`from_dict`) and ``--set`` overrides.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ..common.errors import InputError, suggest
from ..common.safe_yaml import KeyPath, format_path, line_of
from .phasing_checks import BUDGET_HINT, check_years
from .schema import (
    MAX_BUDGET,
    MAX_COST,
    MAX_COUNT,
    MAX_EQUITY,
    MAX_TIME_LIMIT,
    MAX_WEIGHT,
    MAX_YEAR,
    MIN_YEAR,
    Scenario,
)
from .stakeholder_checks import STAKEHOLDER_HINT, check_stakeholders

__all__ = ["ensure_valid", "from_dict", "kind_of", "range_hint", "region_ref", "validate"]

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


def ensure_valid(scenario: Scenario) -> None:
    """Raise :class:`InputError` naming the key if ``scenario`` no longer passes validation.

    ``model_copy(update=…)`` and ``model_construct`` skip pydantic's checks, so a value such
    as ``balance=5``, ``nan`` or an unknown solver could reach the solver;
    :func:`~jazari_planner.solve` runs this first (a few tens of microseconds).
    """
    data = scenario.model_dump(warnings=False)
    source = f"{scenario.path} (as changed after loading)" if scenario.path else "scenario"
    validate(data, lines={}, source=source)


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
        if locks in out:
            out[locks] = _regions_of(out[locks])
    if isinstance(out.get("phasing"), dict):
        phasing = dict(out["phasing"])
        for entries in ("opened", "opened_regions"):
            if entries in phasing:
                phasing[entries] = _regions_of(phasing[entries])
        out["phasing"] = phasing
    return out


def _regions_of(entries: Any) -> Any:
    """A list of ``{region: …}`` entries with numeric region codes zero-padded."""
    if not isinstance(entries, list):
        return entries
    return [{**e, "region": region_ref(e["region"])} if isinstance(e, dict) and "region" in e
            else e for e in entries]


def validate(data: dict[str, Any], *, lines: Mapping[KeyPath, int], source: str) -> Scenario:
    """``data`` as a :class:`Scenario`, or one :class:`InputError` naming ``source`` and lines."""
    try:
        scenario = Scenario.model_validate(_normalized(data), strict=True)
    except ValidationError as error:
        raise _translate(error, lines=lines, source=source) from None
    check_years(scenario.phasing, lines=lines, source=source)
    check_stakeholders(scenario.stakeholders, lines=lines, source=source)
    return scenario


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
            f"is {_shown(value)}; expected one of {', '.join(choices)}"
            + (f"; did you mean {near!r}?" if near else ""),
            source=source,
            key=key,
            line=line,
            fix=f"write one of {', '.join(choices)}",
        )
    if kind in _BOUNDS:
        word, limit_key = _BOUNDS[kind]
        return InputError(
            f"is {_shown(value)}; expected a value {word} {ctx.get(limit_key):g}",
            source=source,
            key=key,
            line=line,
            fix=range_hint(path),
        )
    if kind == "finite_number":
        return InputError(
            f"is {_shown(value)}, not a finite number",
            source=source,
            key=key,
            line=line,
            fix=f"{range_hint(path)}; .inf, .nan and numbers beyond 1e308 are refused",
        )
    if kind == "string_too_long":
        return InputError(
            f"is {len(str(value))} characters long; at most {ctx.get('max_length')} are read",
            source=source,
            key=key,
            line=line,
            fix="shorten it (a longer text belongs in `description:`)" if path == ("name",)
            else "shorten it",
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        fields = _allowed_keys(path)
        example = ", ".join(f"{f}: …" for f in fields[:3])
        return InputError(
            f"expected a mapping of keys, got {kind_of(value)} {_shown(value)}",
            source=source,
            key=key,
            line=line,
            fix=f"write it as `{path[-1]}: {{{example}}}`" if fields else "write key: value pairs",
        )
    if kind == "value_error":
        message = str(detail.get("msg", "")).removeprefix("Value error, ")
        return InputError(message, source=source, key=key, line=line,
                          fix="make min at most max" if "larger than max" in message
                          else _phasing_hint(path) or "correct the values")
    if kind in _EXPECTED:
        expected, fix = _EXPECTED[kind]
        fix = _phasing_hint(path) or fix
        if path and path[0] == "stakeholders" and len(path) <= 2:
            fix = STAKEHOLDER_HINT
        return InputError(
            f"expected {expected}, got {kind_of(value)} {_shown(value)}",
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

#: What a value means and its range, by key (or by the key above it: ``weights``, ``need``).
_RANGE_HINTS: dict[str, str] = {
    "balance": "balance (λ) runs from 0 (best average use of strengths) to 1 (best deal for "
    "the worst-served region)",
    "balance_focus": "balance_focus (q) is a whole number from 1 to the number of regions "
    "whose minimum is 1 or more (|R⁺|): 1 looks after the worst-served region alone, |R⁺| "
    "after the mean of all of them",
    "min_strength": "min_strength (θ) is a strength between 0 and 1",
    "equity": f"equity (β) is 0 (no bonus) up to {MAX_EQUITY:g}",
    "budget": f"budget is in MAD million, from 0 to {MAX_BUDGET:g}; remove the key for no budget",
    "cost": f"a theme's cost is in MAD million per specialization, from 0 to {MAX_COST:g}",
    "mip_gap": "mip_gap is a fraction between 0 and 1 (0.01 is 1 %)",
    "time_limit": f"time_limit is a number of seconds above 0, at most {MAX_TIME_LIMIT:g} "
    "(a day); write null for no limit",
    "min": f"min and max are whole numbers from 0 to {MAX_COUNT}",
    "max": f"min and max are whole numbers from 0 to {MAX_COUNT}",
    "weights": f"weights are >= 0 and at most {MAX_WEIGHT:g}; only their ratios matter, and 0 "
    "leaves a group out",
    "need": f"need weights run from {-MAX_WEIGHT:g} to {MAX_WEIGHT:g}; the sign says which way "
    "is needier",
    "name": "give the scenario a short title",
}


#: What the roadmap's keys (``phasing.…``) hold, for an error's fix.
_PHASING_HINTS: dict[str, str] = {
    "years": f"years is [first, last], two years from {MIN_YEAR} to {MAX_YEAR}, e.g. "
    "[2025, 2030]",
    "year": "the year it opens, within the roadmap's years, e.g. 2026",
    "budget_per_year": BUDGET_HINT,
    "max_openings_per_year": f"max_openings_per_year is a whole number from 0 to {MAX_COUNT}",
    "first_institute_by": "first_institute_by is a year within the roadmap's years, e.g. 2028",
    "opened": "write a list, one `- {region: …, theme: …, year: …}` item per line",
    "opened_regions": "write a list, one `- {region: …, year: …}` item per line",
}


def _phasing_hint(path: KeyPath) -> str | None:
    """The fix for a value under ``phasing:``, by the nearest key that has one."""
    if not path or path[0] != "phasing":
        return None
    for part in reversed(path):
        if str(part) in _PHASING_HINTS:
            return _PHASING_HINTS[str(part)]
    return None


def range_hint(path: KeyPath) -> str:
    """What the value at ``path`` means and its allowed range, for an error's fix."""
    phasing = _phasing_hint(path)
    if phasing is not None:
        return phasing
    for part in reversed(path):
        if str(part) in _RANGE_HINTS:
            return _RANGE_HINTS[str(part)]
    return "bring the value into range"


def _shown(value: Any) -> str:
    """``value`` as a message shows it: a float in short form (``1e+15``), else its repr, cut
    to a length a message can carry."""
    text = f"{value:g}" if isinstance(value, float) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"

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
