"""Indicator files as spreadsheets save them, read like any other CSV, and written that way.

French Excel saves "CSV (séparateur : point-virgule)": ``;`` between fields, decimal
commas (``12,5``, ``1 234,5``) and Windows-1252 text. :func:`standard_csv` rewrites such a
file as the plain CSV the data layer reads (``,`` between fields, decimal points, UTF-8),
line for line, so an error still names the line the planner sees in the spreadsheet. A file
with ``,`` between fields is left as it is (re-encoded to UTF-8 if needed): decimal commas
there cannot be told from field separators, and :data:`HINT` says what to do.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd

__all__ = ["HINT", "looks_localized", "spreadsheet_csv", "standard_csv"]

#: Added to the fix of a rejected upload that looks like a spreadsheet's CSV.
HINT = ("a spreadsheet's CSV is read either with ';' between fields and decimal commas "
        "(French Excel's 'CSV (point-virgule)'), or with ',' between fields and decimal points")

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_DECIMAL_COMMA = re.compile(r"\d,\d")


def _text(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """``;`` when the header line has more semicolons than commas, else ``,``."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if header.count(";") > header.count(",") else ","


def _decimal_point(value: str) -> str:
    """``"1 234,5"`` as ``"1234.5"``; ``"1.234,5"`` as ``"1234.5"``; other text unchanged."""
    bare = _SPACES.sub("", value)
    if "," in bare:
        bare = bare.replace(".", "").replace(",", ".")
    try:
        float(bare)
    except ValueError:
        return value
    return bare


def standard_csv(data: bytes) -> bytes:
    """``data`` as a plain UTF-8 CSV with ``,`` between fields and decimal points.

    Only the ``value`` and ``year`` columns are read as numbers; other fields (a source
    with commas in it) are kept as text, quoted where needed.
    """
    text = _text(data)
    if _delimiter(text) == ",":
        return text.encode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = next((row for row in rows if row), [])
    numeric = [i for i, name in enumerate(header) if name.strip().lower() in ("value", "year")]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([_decimal_point(cell) if i in numeric and row is not header else cell
                         for i, cell in enumerate(row)])
    return out.getvalue().encode("utf-8")


def looks_localized(data: bytes) -> bool:
    """Whether ``data`` looks like a spreadsheet's localized CSV (``;`` or ``12,5``)."""
    text = _text(data)
    return _delimiter(text) == ";" or bool(_DECIMAL_COMMA.search(text))


def spreadsheet_csv(table: pd.DataFrame) -> bytes:
    """``table`` as French Excel opens it in columns: ``;`` between fields, decimal commas
    (no thousands separator, every digit kept), UTF-8 with a byte-order mark.

    :func:`standard_csv` reads it back, so the file a planner edits is uploaded as it is.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(column) for column in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow([_decimal_comma(cell) for cell in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _decimal_comma(cell: object) -> str:
    if isinstance(cell, float | np.floating):
        return f"{float(cell):.12g}".replace(".", ",")
    return str(cell)
