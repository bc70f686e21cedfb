"""A scenario's scalar settings, read off the :class:`~.schema.Scenario` model itself.

Each key a planner sets with one value (``balance``, ``solver.time_limit``…) is listed once,
on the pydantic model, with its type, bounds (``Field(ge=…, le=…)``), default and
description. The CLI's ``--set`` help and the app's form are derived from this list, so a
new scalar key reaches both without being written out again.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel

from .schema import Scenario

__all__ = ["ScalarField", "scalar_fields"]

Kind = Literal["bool", "int", "float", "str", "choice"]


@dataclass(frozen=True)
class ScalarField:
    """One scalar setting: its dotted ``key``, ``kind``, bounds, default and description.

    ``low``/``high`` are the inclusive bounds (``low_open``: ``gt`` rather than ``ge``);
    ``choices`` the values of a ``Literal``; ``optional`` whether ``None`` is allowed.
    """

    key: str
    kind: Kind
    default: Any
    description: str = ""
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple[str, ...] = ()
    optional: bool = False

    @property
    def range_text(self) -> str:
        """The values it takes, as help text: ``0 to 1``, ``> 0 to 86400``, ``highs | cbc``."""
        if self.choices:
            return " | ".join(self.choices)
        if self.low is None and self.high is None:
            return ""
        def written(bound: float | None) -> str:
            return "" if bound is None else f"{bound:g}"
        low = f"> {written(self.low)}" if self.low_open else written(self.low)
        return f"{low} to {written(self.high)}".strip()

    def value_of(self, scenario: BaseModel) -> Any:
        """This setting's value in ``scenario`` (following the dotted key)."""
        value: Any = scenario
        for part in self.key.split("."):
            value = getattr(value, part)
        return value


def _scalar(annotation: Any) -> tuple[Kind | None, tuple[str, ...], bool]:
    """The kind of ``annotation`` if scalar (``None`` otherwise), its choices, optional."""
    optional = False
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) != 1:
            return None, (), False
        annotation, optional = members[0], True
    if get_origin(annotation) is Literal:
        return "choice", tuple(str(a) for a in get_args(annotation)), optional
    kinds: dict[Any, Kind] = {bool: "bool", int: "int", float: "float", str: "str"}
    return kinds.get(annotation), (), optional


def scalar_fields(model: type[BaseModel] = Scenario, *,
                  prefix: str = "") -> tuple[ScalarField, ...]:
    """Every scalar setting of ``model``, in its fields' order, nested blocks that always
    exist (``solver``) by dotted key; mappings, lists and optional blocks are left out."""
    found: list[ScalarField] = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.extend(scalar_fields(annotation, prefix=f"{prefix}{name}."))
            continue
        kind, choices, optional = _scalar(annotation)
        if kind is None:
            continue
        bounds: dict[str, Any] = {}
        for rule in info.metadata:
            if isinstance(rule, Ge):
                bounds["low"] = float(rule.ge)  # type: ignore[arg-type]
            elif isinstance(rule, Gt):
                bounds["low"], bounds["low_open"] = float(rule.gt), True  # type: ignore[arg-type]
            elif isinstance(rule, Le):
                bounds["high"] = float(rule.le)  # type: ignore[arg-type]
            elif isinstance(rule, Lt):
                bounds["high"] = float(rule.lt)  # type: ignore[arg-type]
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        found.append(ScalarField(key=f"{prefix}{name}", kind=kind, default=default,
                                 description=info.description or "", choices=choices,
                                 optional=optional, **bounds))
    return tuple(found)
