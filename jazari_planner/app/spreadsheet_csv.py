"""Indicator files as spreadsheets save them, read like any other CSV, and written that way.

French Excel saves "CSV (séparateur : point-virgule)": ``;`` between fields, decimal
commas (``12,5``, ``1 234,5``) and Windows-1252 text; its "Unicode text" is UTF-16 with tabs
between fields and the same decimal commas.
:func:`standard_csv` rewrites such a file as the plain CSV the data layer reads (``,``
between fields, decimal points, UTF-8), line for line, so an error still names the line the
planner sees in the spreadsheet. A number whose meaning depends on a convention the file does
not settle (``1,234.5`` or ``1.234`` in a ``;`` file: a thousand times apart) is refused with
its line, never guessed. A tab-separated file is read as a ``;`` one when a decimal comma
appears in it, else (English Excel's) with its decimal points as they are. A file with ``,``
between fields keeps its numbers as they are
(re-encoded to UTF-8 if needed): decimal commas there cannot be told from field separators,
and :data:`HINT` says what to do. Either way a ``confidence`` column may be written in French
(``exacte``, ``secondaire``, ``dérivée``, ``lacune``): it is read as the English word the data
layer checks.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

import numpy as np
import pandas as pd

from ..common.errors import InputError

__all__ = ["CONFIDENCE_WORDS", "HINT", "looks_localized", "spreadsheet_csv", "standard_csv"]

#: Added to the fix of a rejected upload that looks like a spreadsheet's CSV.
HINT = ("a spreadsheet's CSV is read either with ';' between fields and decimal commas "
        "(French Excel's 'CSV (point-virgule)'), or with ',' between fields and decimal points")

#: A value's confidence in French, as the data layer spells it (docs/model.md §2).
CONFIDENCE_WORDS = {"exacte": "exact", "exact": "exact", "secondaire": "secondary",
                    "dérivée": "derived", "dérivé": "derived", "derivee": "derived",
                    "derive": "derived", "lacune": "gap"}

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_DECIMAL_COMMA = re.compile(r"\d,\d")
_EXPONENT = r"(?:[eE][-+]?\d+)?"
#: ``12,5``, ``-3``, ``1,5E+03``: a number with a decimal comma (spaces already removed).
_COMMA_NUMBER = re.compile(rf"[-+]?\d+(?:,\d+)?{_EXPONENT}")
#: ``1.234,5``, ``1.234.567``: dots grouping thousands, maybe a decimal comma.
_DOTTED_THOUSANDS = re.compile(rf"[-+]?[1-9]\d{{0,2}}(?:\.\d{{3}})+(?:,\d+)?{_EXPONENT}")
#: ``12.5``, ``0.125``: a decimal point where no thousands can be meant.
_POINT_NUMBER = re.compile(rf"[-+]?\d*\.\d+{_EXPONENT}")
#: Digits with ',' and '.' among them, which no rule above read: ``1,234.5``, ``1.234``.
_GROUPED = re.compile(rf"[-+]?\d[\d.,]*\d{_EXPONENT}")

#: Byte-order marks, longest first (a UTF-32 LE mark starts with UTF-16 LE's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def _text(data: bytes, *, source: str) -> str:
    """The file's text: by its byte-order mark; else UTF-16 when every other byte is zero
    (Excel's "Unicode text" without a mark), UTF-8, or Windows-1252 as a spreadsheet saves."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return _decoded(data[len(mark):], encoding, source=source)
    if b"\0" in data:
        even, odd = data[0::2], data[1::2]
        if odd and odd.count(0) > len(odd) // 2 >= even.count(0):
            return _decoded(data, "utf-16-le", source=source)
        if even and even.count(0) > len(even) // 2 >= odd.count(0):
            return _decoded(data, "utf-16-be", source=source)
        raise InputError("the file holds NUL bytes: it is not CSV text", source=source,
                         line=data[: data.index(b"\0")].count(b"\n") + 1,
                         fix="save the table as CSV (UTF-8) from the spreadsheet")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _decoded(data: bytes, encoding: str, *, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"the file is not {encoding.upper()} text as its start says",
                         source=source, line=data[: error.start].count(b"\n") + 1,
                         fix="save the table again as CSV (UTF-8) from the spreadsheet"
                         ) from None


#: The field separators a spreadsheet writes, as a message names them.
_SEPARATOR_NAMES = {",": "','", ";": "';'", "\t": "tabs"}


def _delimiter(text: str) -> str:
    """The separator the header line uses most (tab, ``;`` or ``,``); ``,`` on a tie."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {separator: header.count(separator) for separator in ("\t", ";")}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] > header.count(",") else ","


def _decimal_point(value: str, *, source: str, line: int, column: str,
                   delimiter: str = ";") -> str:
    """A number of a ``;`` (or tab) file with a decimal point: ``"1 234,5"`` and ``"1.234,5"`` as
    ``"1234.5"``; text that is no number unchanged (the data layer says what is wrong);
    InputError for a number whose reading depends on a convention (``1,234.5``, ``1.234``)."""
    bare = _SPACES.sub("", value)
    if _COMMA_NUMBER.fullmatch(bare):
        return bare.replace(",", ".")
    dotted = _DOTTED_THOUSANDS.fullmatch(bare)
    if dotted and ("," in bare or bare.count(".") > 1):
        return bare.replace(".", "").replace(",", ".")
    if _POINT_NUMBER.fullmatch(bare) and not dotted:
        return bare
    if not _GROUPED.fullmatch(bare):
        return value
    readings = sorted({_comma_form(reading) for reading in
                       (bare.replace(",", ""), bare.replace(".", "").replace(",", "."))
                       if _is_number(reading)})
    raise InputError(
        f"the number {value.strip()!r} can be read two ways in a file with "
        f"{_SEPARATOR_NAMES[delimiter]} between fields: ',' and '.' each either group "
        "thousands or mark the decimals, and the "
        "readings are a thousand times apart",
        source=source, line=line, key=column,
        fix="write the number you mean with a decimal comma and no thousands separator"
        + (f" ({' or '.join(readings)})" if readings else "")
        + "; or save the file with ',' between fields and decimal points",
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _comma_form(number: str) -> str:
    """``"1234.5"`` as a French spreadsheet writes it: ``1234,5``."""
    return number.replace(".", ",")


def standard_csv(data: bytes, *, source: str = "upload") -> bytes:
    """``data`` as a plain UTF-8 CSV with ``,`` between fields and decimal points.

    Only the ``value`` and ``year`` columns are read as numbers (in a ``;`` file, or a tab file
    with decimal commas); a
    ``confidence`` column's French words become English; other fields (a source with commas
    in it) are kept as text, quoted where needed. Raises :class:`InputError` naming
    ``source`` and the line for text that cannot be decoded or an ambiguous number.
    """
    text = _text(data, source=source)
    delimiter = _delimiter(text)
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    names = [name.strip().lower()
             for name in next(csv.reader([header_line], delimiter=delimiter), [])]
    if delimiter == "," and "confidence" not in names:
        return text.encode("utf-8")
    comma_decimals = delimiter == ";" or (delimiter == "\t" and bool(_DECIMAL_COMMA.search(text)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header: list[str] | None = None
    numeric: dict[int, str] = {}
    words: set[int] = set()
    try:
        for row in reader:
            if header is None and row:
                header = row
                numeric = {i: name.strip() for i, name in enumerate(row)
                           if name.strip().lower() in ("value", "year") and comma_decimals}
                words = {i for i, name in enumerate(row) if name.strip().lower() == "confidence"}
                writer.writerow(row)
                continue
            writer.writerow([
                _decimal_point(cell, source=source, line=reader.line_num, column=numeric[i],
                               delimiter=delimiter)
                if i in numeric else
                CONFIDENCE_WORDS.get(cell.strip().lower(), cell) if i in words else cell
                for i, cell in enumerate(row)])
    except csv.Error as error:
        separator = _SEPARATOR_NAMES[delimiter]
        raise InputError(f"malformed CSV: {error}", source=source, line=reader.line_num,
                         fix=f"each line needs as many fields between {separator} as the "
                         f"header; quote fields that contain {separator}") from None
    return out.getvalue().encode("utf-8")


def looks_localized(data: bytes) -> bool:
    """Whether ``data`` looks like a spreadsheet's localized CSV (``;``, tabs or ``12,5``)."""
    try:
        text = _text(data, source="upload")
    except InputError:
        return False
    return _delimiter(text) != "," or bool(_DECIMAL_COMMA.search(text))


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
