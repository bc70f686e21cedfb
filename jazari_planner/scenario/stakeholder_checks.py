"""A scenario's ``stakeholders:`` list checked before any solving, errors naming file, line, key.

pydantic checks each entry's keys and ranges; this checks the list as a whole
(docs/model.md §11): none, or 2 to 12 parties, each named once, each weighing at least one
group, and (with the dataset) a ``balance_focus`` the regions can give.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..common.errors import InputError
from ..common.safe_yaml import KeyPath, format_path, line_of
from .schema import MAX_STAKEHOLDERS, MIN_STAKEHOLDERS, Stakeholder

__all__ = ["STAKEHOLDER_HINT", "check_focus", "check_stakeholders"]

#: What a stakeholder entry holds, for an error's fix.
STAKEHOLDER_HINT = ("write one `- {name: Ministry, weights: {economic: 1, academic: 2, "
                    "infrastructure: 1}}` item per party; balance, balance_focus and equity "
                    "are optional")


def _where(source: str, lines: Mapping[KeyPath, int], *path: str | int) -> dict[str, Any]:
    full: KeyPath = ("stakeholders", *path)
    return {"source": source, "key": format_path(full), "line": line_of(full, lines)}


def check_stakeholders(stakeholders: list[Stakeholder], *, lines: Mapping[KeyPath, int],
                       source: str) -> None:
    """None, or 2 to 12 stakeholders, names distinct (ignoring case and outer spaces), each
    with a positive weight; :class:`InputError` naming the entry's line otherwise."""
    if not stakeholders:
        return
    count = len(stakeholders)
    if not MIN_STAKEHOLDERS <= count <= MAX_STAKEHOLDERS:
        raise InputError(
            f"lists {count} stakeholder{'s' if count != 1 else ''}; a consensus needs "
            f"{MIN_STAKEHOLDERS} to {MAX_STAKEHOLDERS}",
            fix="add another party (a consensus of one is its own plan)" if count < 2
            else f"keep at most {MAX_STAKEHOLDERS} parties (merge those that weigh alike)",
            **_where(source, lines))
    seen: dict[str, int] = {}
    for index, party in enumerate(stakeholders):
        key = party.name.strip().casefold()
        if key in seen:
            raise InputError(
                f"the name {party.name!r} is already stakeholders[{seen[key]}]'s",
                fix="give each party its own name", **_where(source, lines, index, "name"))
        seen[key] = index
        if not any(weight > 0 for weight in party.weights.values()):
            raise InputError(
                f"{party.name!r} weighs no group: every strength would be 0 for it",
                fix="give at least one of economic, academic, infrastructure a weight above 0",
                **_where(source, lines, index, "weights"))


def check_focus(stakeholders: list[Stakeholder], served: int, *,
                lines: Mapping[KeyPath, int], source: str) -> None:
    """Each stakeholder's own ``balance_focus`` is at most ``served`` (``|R⁺|``, which only
    the dataset and the region bounds give)."""
    for index, party in enumerate(stakeholders):
        focus = party.balance_focus
        if focus is not None and not 1 <= focus <= max(1, served):
            raise InputError(
                f"is {focus}; expected a whole number from 1 to {max(1, served)}, the number "
                "of regions that must carry a specialization here",
                fix="lower it, or leave it out to use the scenario's balance_focus",
                **_where(source, lines, index, "balance_focus"))
