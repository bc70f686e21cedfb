"""Which themes an indicator measures directly: the catalogue's ``measures`` key.

An indicator *measures* a theme when it counts the theme's own sector (the megawatts of the
wind and solar plants for energy, the tonnes landed for fisheries), as opposed to a proxy that
only goes with it (graduates, a services location quotient). Knowing which is which lets a
planner see how much of a theme's strength rests on its own sector: :func:`direct_share`.

Kept apart from :mod:`jazari_planner.data.validation` on purpose: the catalogue is read before the
themes, so the cross-check of theme ids (:func:`check_measures`) runs once both are loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from ..common.errors import InputError, did_you_mean

__all__ = ["check_measures", "direct_share", "parse_measures"]


def parse_measures(value: Any, *, source: str, key: str) -> tuple[str, ...]:
    """A catalogue entry's ``measures`` as a tuple of theme ids (empty when left out).

    Accepts a YAML list of ids, a single id, or a comma-separated string (as a CSV-born
    DataFrame would hold it).
    """
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[Any] = [part for part in value.replace(",", " ").split() if part]
    elif isinstance(value, Sequence | pd.Index) or hasattr(value, "tolist"):
        items = list(value.tolist() if hasattr(value, "tolist") else value)
    else:
        items = [value]
    if not all(isinstance(item, str) and item.strip() for item in items):
        raise InputError(
            f"measures must be a list of theme ids, got {value!r}",
            source=source,
            key=key,
            fix="write measures: [energy] (the ids of the themes this indicator measures), "
            "or leave the key out",
        )
    return tuple(dict.fromkeys(item.strip() for item in items))


def check_measures(catalogue: pd.DataFrame, theme_ids: Iterable[str], *, source: str) -> None:
    """Raise if an indicator's ``measures`` names a theme the themes table lacks."""
    known = [str(t) for t in theme_ids]
    if "measures" not in catalogue.columns:
        return
    for indicator, measured in catalogue["measures"].items():
        for theme in measured:
            if theme not in known:
                raise InputError(
                    f"indicator {indicator!r} measures unknown theme {theme!r}",
                    source=source,
                    key=f"indicators.{indicator}.measures",
                    fix=did_you_mean(theme, known) + f"themes are: {', '.join(known)}",
                )


def direct_share(
    profiles: Mapping[str, Mapping[str, float]], measures: Mapping[str, Iterable[str]]
) -> dict[str, float]:
    """Each theme's share of profile weight on indicators that measure it directly.

    ``profiles`` maps theme → indicator → weight; ``measures`` maps indicator → theme ids.
    A theme with no positive weight gets 0.
    """
    shares: dict[str, float] = {}
    for theme, profile in profiles.items():
        total = sum(float(w) for w in profile.values())
        direct = sum(float(w) for k, w in profile.items() if theme in measures.get(k, ()))
        shares[theme] = direct / total if total > 0 else 0.0
    return shares
