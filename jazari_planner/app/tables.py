"""Tables written the chosen language's way: ``0.61`` in English, ``0,61`` in French and
Arabic (Babel's locale data, :mod:`jazari_planner.common.words.numbers`).

Streamlit formats a number column with a printf pattern, always with a decimal point; a
pandas ``Styler`` gives each cell its written text while the column keeps its numbers, so
it still sorts as numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import cast

import pandas as pd
from pandas.io.formats.style import Styler

from ..common.words import Lang
from ..common.words.numbers import number

__all__ = ["localized", "writer"]


def writer(decimals: int, lang: Lang) -> Callable[[object], str]:
    """A cell formatter: the number with ``decimals`` decimals, written in ``lang``."""
    def write(value: object) -> str:
        return number(float(cast(float, value)), decimals, lang)

    return write


def localized(frame: pd.DataFrame, decimals: Mapping[str, int], lang: Lang, *,
              shade: Mapping[str, tuple[float, float]] | None = None) -> Styler:
    """``frame`` with each column of ``decimals`` written in ``lang`` with that many decimals.

    ``shade`` colours a column's cells from light to dark over (low, high), the scale of
    the strength heat map.
    """
    styler = frame.style.format({column: writer(places, lang)
                                 for column, places in decimals.items()
                                 if column in frame.columns})
    for column, (low, high) in (shade or {}).items():
        styler = styler.background_gradient(cmap="YlGnBu", subset=[column], vmin=low, vmax=high)
    return styler
