"""A plan-wide measure written where room is short, and its change against a reference.

Each measure's words, unit, decimals, scale and better side come from
:data:`jazari_planner.results.metrics.METRIC_INFO`, the one catalogue of the metrics. This module
writes them for the app's cards, the Compare view's table and the comparison slides: a
value with a short unit, a name with its unit in brackets, and a change whose arrow
follows its sign and whose tone says whether it is good news for that measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..common.words import Lang, word
from ..common.words.numbers import DASH, number
from ..results.metrics import METRIC_INFO, MetricInfo

__all__ = [
    "Change",
    "change",
    "higher_is_better",
    "measure_help",
    "measure_name",
    "written",
]

def _info(metric: str) -> MetricInfo:
    """The catalogue's entry for ``metric``; a measure not listed by its own name."""
    return METRIC_INFO.get(metric) or MetricInfo(metric, higher_is_better=None)


def higher_is_better(metric: str) -> bool | None:
    """Whether a higher ``metric`` is better (``None``: neither, e.g. total investment)."""
    return _info(metric).higher_is_better


def _unit(metric: str, lang: Lang) -> str:
    """The unit, shortened where room is short (a card, a table cell): ``MAD M``."""
    unit = _info(metric).unit[lang]
    return word("unit_mad_million_short", lang) if unit == word("mad_million", lang) else unit


def measure_name(metric: str, lang: Lang = "en", *, unit: bool = False) -> str:
    """The measure's short name in ``lang``, with its unit in brackets when ``unit`` is set."""
    name = _info(metric).label[lang]
    shown = _unit(metric, lang)
    return f"{name} ({shown})" if unit and shown else name


def measure_help(metric: str, lang: Lang = "en") -> str:
    """What the measure says, and which way is better."""
    return _info(metric).describe(lang)


def written(metric: str, value: float | None, lang: Lang = "en", *, unit: bool = True) -> str:
    """The value written for a reader: ``"97.4 %"``, ``"2 860 M MAD"``, ``"0,611"``."""
    if value is None:
        return DASH
    info = _info(metric)
    text = number(info.scale * value, info.decimals, lang)
    shown = _unit(metric, lang)
    return f"{text} {shown}" if unit and shown and text != DASH else text


@dataclass(frozen=True)
class Change:
    """A measure's change against a reference, ready to show: text, arrow and tone.

    ``arrow`` follows the sign of the change; ``tone`` says whether it is good news
    (``"better"``), bad news (``"worse"``) or neither (``"neutral"``: no change, or a
    measure with no better side).
    """

    text: str
    arrow: Literal["up", "down", "off"]
    tone: Literal["better", "worse", "neutral"]


def change(metric: str, value: float, reference: float, lang: Lang = "en") -> Change:
    """``value`` against ``reference``, as shown: ``"−0.032"``, down, good news for a Gini;
    a share's change in points (``"+1.2 pts"``), not in per cent."""
    info = _info(metric)
    delta = info.scale * (value - reference)
    shown = _unit(metric, lang)
    if shown == "%":  # a change of a share is in points, not per cent of itself
        shown = word("unit_points", lang)
    unit = f" {shown}" if shown else ""
    if round(delta, info.decimals) == 0:
        return Change(text=f"±0{unit}", arrow="off", tone="neutral")
    sign = "+" if delta > 0 else "\u2212"
    text = f"{sign}{number(abs(delta), info.decimals, lang)}{unit}"
    better = info.higher_is_better
    tone: Literal["better", "worse", "neutral"] = (
        "neutral" if better is None else ("better" if (delta > 0) == better else "worse"))
    return Change(text=text, arrow="up" if delta > 0 else "down", tone=tone)
