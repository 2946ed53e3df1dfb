"""Exported spreadsheet cells are never formulas (CSV/formula injection)."""
import csv
import io

import pytest
from openpyxl import load_workbook

from thanthien.core.exports import csv_bytes, safe_cell, xlsx_bytes

ATTACKS = ['=HYPERLINK("https://evil.example","Bấm")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_a_formula_start_becomes_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Dự toán 2026", "", "a=b", "5 - 3", 12, -3, 1.5, None])
def test_other_cells_pass_unchanged(value):
    assert safe_cell(value) == value


def test_csv_and_xlsx_neutralise_every_cell():
    rows = [[i, text] for i, text in enumerate(ATTACKS, 1)]
    data = csv_bytes(["STT", "=Tiêu đề"], rows)
    assert data.startswith("\ufeff".encode())
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert read[0] == ["STT", "'=Tiêu đề"]
    assert all(r[1].startswith("'") for r in read[1:])
    ws = load_workbook(io.BytesIO(xlsx_bytes("=Danh mục", ["STT", "Tiêu đề"], rows))).active
    cells = [c for line in ws.iter_rows() for c in line if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert ws["A1"].value == "'=Danh mục" and [ws.cell(row=3 + i, column=2).value for i in range(len(ATTACKS))] == [
        "'" + t for t in ATTACKS]
    assert ws["A3"].value == 1  # numbers stay numbers
