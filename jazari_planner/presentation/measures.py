"""How each plan-wide measure is shown: its name, unit, decimals, and which way is better.

The app's cards, the Compare view's table and the comparison slides all write a measure
from here, so a Gini reads the same everywhere and a fall in it is good news everywhere.
Which way is better comes from one place, :func:`higher_is_better`; it reads the metrics'
own directions (``compare.METRIC_DIRECTIONS`` today, the metric catalogue of model
revision 2 when it lands: change that one function).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..compare import METRIC_DIRECTIONS
from .style import DASH, Lang, number

__all__ = [
    "MEASURES",
    "Change",
    "Measure",
    "change",
    "higher_is_better",
    "measure",
    "measure_help",
    "measure_name",
    "measure_value",
    "written",
]


def higher_is_better(metric: str) -> bool | None:
    """Whether a higher ``metric`` is better (``None``: neither, e.g. total investment).

    The one place the app and the outputs learn a measure's direction.
    """
    direction = METRIC_DIRECTIONS.get(metric)
    return None if direction is None else direction == "higher"


@dataclass(frozen=True)
class Measure:
    """How one measure is written: ``scale`` × value, ``decimals``, then its ``unit``."""

    name: Mapping[Lang, str]
    help: Mapping[Lang, str]
    decimals: int = 3
    scale: float = 1.0
    unit: Mapping[Lang, str] | None = None


_PERCENT: dict[Lang, str] = {"en": "%", "fr": "%"}
_MAD_MILLION: dict[Lang, str] = {"en": "MAD M", "fr": "M MAD"}
_MAD: dict[Lang, str] = {"en": "MAD", "fr": "MAD"}

#: Every measure the app shows, in the order it shows them.
MEASURES: dict[str, Measure] = {
    "mean_balance_score": Measure(
        name={"en": "Balance score", "fr": "Score d'équilibre"},
        help={"en": "Mean over regions of fit ÷ the region's own best fit (0–100 %). "
                    "Higher is better.",
              "fr": "Moyenne sur les régions de l'ajustement ÷ le meilleur possible pour la "
                    "région (0–100 %). Plus haut, mieux c'est."},
        decimals=1, unit=_PERCENT),
    "floor": Measure(
        name={"en": "Fit floor", "fr": "Plancher"},
        help={"en": "The fit of the worst-served region. Higher is better.",
              "fr": "L'ajustement de la région la moins servie. Plus haut, mieux c'est."}),
    "mean_fit": Measure(
        name={"en": "Mean fit", "fr": "Ajustement moyen"},
        help={"en": "Mean over regions of the sum of their themes' strengths. Higher is "
                    "better.",
              "fr": "Moyenne sur les régions de la somme des forces de leurs thèmes. Plus "
                    "haut, mieux c'est."}),
    "coverage": Measure(
        name={"en": "Population covered", "fr": "Population couverte"},
        help={"en": "Share of the population living in a region with a specialization.",
              "fr": "Part de la population vivant dans une région spécialisée."},
        decimals=1, scale=100.0, unit=_PERCENT),
    "gini": Measure(
        name={"en": "Gini", "fr": "Gini"},
        help={"en": "Gini index of investment per inhabitant across regions (0 = equal). "
                    "Lower is more even.",
              "fr": "Indice de Gini de l'investissement par habitant entre régions "
                    "(0 = égal). Plus bas, plus équilibré."}),
    "theil": Measure(
        name={"en": "Theil", "fr": "Theil"},
        help={"en": "Theil index of investment per inhabitant. Lower is more even.",
              "fr": "Indice de Theil de l'investissement par habitant. Plus bas, plus "
                    "équilibré."}),
    "mad": Measure(
        name={"en": "Mean abs. deviation", "fr": "Écart absolu moyen"},
        help={"en": "Mean absolute deviation of investment per inhabitant, MAD (HCP's "
                    "“écart absolu moyen”). Lower is more even.",
              "fr": "Écart absolu moyen de l'investissement par habitant, en MAD. Plus bas, "
                    "plus équilibré."},
        decimals=0, unit=_MAD),
    "total_investment": Measure(
        name={"en": "Investment", "fr": "Investissement"},
        help={"en": "Total cost of the specializations, MAD million.",
              "fr": "Coût total des spécialisations, en millions de MAD."},
        decimals=0, unit=_MAD_MILLION),
}


def measure(metric: str) -> Measure:
    """How ``metric`` is written; a measure not listed (a new one) by its own name."""
    return MEASURES.get(metric) or Measure(name={"en": metric, "fr": metric},
                                           help={"en": "", "fr": ""})


def measure_name(metric: str, lang: Lang = "en", *, unit: bool = False) -> str:
    """The measure's name in ``lang``, with its unit in brackets when ``unit`` is set."""
    shown = measure(metric)
    name = shown.name[lang]
    if unit and shown.unit is not None:
        return f"{name} ({shown.unit[lang]})"
    return name


def measure_help(metric: str, lang: Lang = "en") -> str:
    """One sentence on what the measure says and which way is better."""
    return measure(metric).help[lang]


def measure_value(metric: str, value: float) -> float:
    """The value as shown (coverage in per cent, the others as they are)."""
    return measure(metric).scale * value


def written(metric: str, value: float | None, lang: Lang = "en", *, unit: bool = True) -> str:
    """The measure's value written for a reader: ``"97.4 %"``, ``"2 860 M MAD"``, ``"0,611"``."""
    if value is None:
        return DASH
    shown = measure(metric)
    text = number(shown.scale * value, shown.decimals, lang)
    if unit and shown.unit is not None and text != DASH:
        text = f"{text} {shown.unit[lang]}"
    return text


@dataclass(frozen=True)
class Change:
    """A measure's change against a reference, ready to show: text, arrow and colour.

    ``arrow`` follows the sign of the change; ``tone`` says whether it is good news
    (``"better"``), bad news (``"worse"``) or neither (``"neutral"``: no change, or a
    measure with no better side).
    """

    text: str
    arrow: Literal["up", "down", "off"]
    tone: Literal["better", "worse", "neutral"]


def change(metric: str, value: float, reference: float, lang: Lang = "en") -> Change:
    """``value`` against ``reference``, as shown: ``"−32.0 %"``, down, better for a Gini."""
    shown = measure(metric)
    delta = shown.scale * (value - reference)
    unit = f" {shown.unit[lang]}" if shown.unit is not None else ""
    if round(delta, shown.decimals) == 0:
        return Change(text=f"±0{unit}", arrow="off", tone="neutral")
    sign = "+" if delta > 0 else "\u2212"
    text = f"{sign}{number(abs(delta), shown.decimals, lang)}{unit}"
    better = higher_is_better(metric)
    if better is None:
        tone: Literal["better", "worse", "neutral"] = "neutral"
    else:
        tone = "better" if (delta > 0) == better else "worse"
    return Change(text=text, arrow="up" if delta > 0 else "down", tone=tone)
