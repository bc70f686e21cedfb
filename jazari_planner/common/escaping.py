"""User text made safe for the program that reads it: a spreadsheet, Markdown, a terminal, a slide.

Scenario names, region names and theme labels are typed by people and end up in files other
programs open. Each target gets its own escape: a CSV cell starting with ``=`` would run as a
formula in Excel (``=HYPERLINK(…)`` leaks data), ``<script>`` or ``[x](javascript:…)`` in
Markdown becomes live, an ANSI escape sequence repaints a terminal (also through a library's
warning about a figure's text), and a PowerPoint core property holds at most 255 characters.
HTML is escaped where it is written (``html.escape``).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["csv_safe", "markdown_text", "printable", "shortened", "spreadsheet_cell",
           "terminal_text"]

#: The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: A number written as text (``-12.5``, ``+3e-4``): a spreadsheet reads it as a number, not a
#: formula, so it is left as it is.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def spreadsheet_cell(value: Any) -> Any:
    """``value``, with ``'`` put before text a spreadsheet would run as a formula.

    OWASP's recommendation for CSV injection: a text cell starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return is prefixed with a single quote, which spreadsheets show
    as text. Numbers, and text that is a plain number (``-12.5``), are returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) \
            and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names pass :func:`spreadsheet_cell`.

    Numeric columns are not touched, so they stay numbers in the CSV.
    """
    safe = frame.copy()
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        if not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)):
            safe.isetitem(position, series.map(spreadsheet_cell).to_numpy())
    safe.columns = [spreadsheet_cell(column) for column in frame.columns]
    return safe


#: Characters with a meaning anywhere in a line of Markdown (CommonMark, GitHub's tables and
#: strikethrough, Streamlit's ``:colour[…]`` and ``$…$``); each is escaped with a backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$:])")
#: What makes a line a heading, a list item, a quote or a rule when it starts it.
_MARKDOWN_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)](?:\s|$)))?)([#+\-=.)])", re.MULTILINE)


def markdown_text(text: str) -> str:
    """``text`` shown literally in Markdown: no HTML, link, emphasis, heading or table cell."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(r"\1\\\2", escaped)


#: C0 and C1 control characters (ANSI escape sequences start with ESC, 0x1b) but the newline
#: and the tab, and the Unicode marks that reorder text on screen (bidirectional overrides).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """``text`` with every control character shown as its escape (``\\x1b``), newlines kept."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


#: The same characters, and the tab: a figure's font has no glyph for either.
_UNPRINTABLE = re.compile(f"[\t{_CONTROL.pattern[1:-1]}]")


def printable(text: str) -> str:
    """``text`` with every control character but the newline shown as its escape: what a
    drawing library gets, so it never has a glyph to miss and nothing raw to print (matplotlib
    warns "Glyph 27 (\x1b) missing" with the raw character in its message)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"
