"""Spreadsheet exports (CSV, XLSX) that a spreadsheet cannot turn into formulas.

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return,
which some programs skip before looking) is read by Excel, LibreOffice and Google Sheets
as a formula: a title typed as ``=HYPERLINK("https://…","Bấm vào đây")`` in a notice or
a petition would run on the computer of whoever opens the export (CSV/formula injection).
:func:`safe_cell` prefixes such text with an apostrophe, which spreadsheets show as text;
numbers, dates and empty cells pass unchanged. Every export of every module writes its
cells through it::

    writer.writerow([safe_cell(v) for v in row])
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

#: the first characters that make a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell that is never a formula: text starting with a formula
    character gets a leading apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A UTF-8 CSV (with a byte-order mark, so Excel reads the Vietnamese letters) whose
    every cell went through :func:`safe_cell`."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "Sheet1") -> bytes:
    """An XLSX workbook (a bold title line, a bold header, the rows) whose every text cell
    went through :func:`safe_cell` and is stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([safe_cell(title)])
    ws["A1"].font = Font(bold=True)
    ws.append(safe_row(header))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(safe_row(row))
    for line in ws.iter_rows(min_row=1):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
