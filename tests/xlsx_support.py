"""Workbooks for tests: a CSV fixture's table saved as XLSX, as a user re-saving it from Excel would."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from kenali.importers.readers import read_document


def single_table(path: Path) -> bool:
    """True when the CSV file is one plain table (no title lines, no second block)."""
    doc = read_document(path.name, path.read_bytes())
    return len(doc.blocks) == 1 and not doc.blocks[0].title


def workbook_bytes(path: Path) -> bytes:
    """The CSV file's table as an XLSX workbook, every cell as text (a cell typed '=…' stays text)."""
    block = read_document(path.name, path.read_bytes()).blocks[0]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row_number, cells in enumerate([block.header, *(c for _, c in block.rows)], start=1):
        for column, value in enumerate(cells, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            cell.data_type = "s"  # as a real export stores it: text, not a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
