"""``--set KEY.PATH=VALUE``: a what-if on a loaded scenario without editing its file.

The value is YAML (``3``, ``null``, ``[a, b]``); the changed scenario is validated again, and
errors name the override itself (``--set balence=0.8``) rather than the file.
"""

from __future__ import annotations

from typing import Any

from ..common.errors import InputError
from ..common.safe_yaml import load
from .schema import Scenario
from .validation import validate

__all__ = ["apply_override", "parse_override"]


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
    value = load(raw, source=where).data if raw.strip() else None
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
    updated = validate(data, lines={}, source=where)
    updated._path = scenario.path
    updated._lines = scenario.key_lines
    return updated
