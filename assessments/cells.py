"""The one way to write a value into a spreadsheet cell, for every CSV and Excel download.

Partnership names, round periods, explanations and next steps are typed by users. A text
that starts with "=", "+", "-" or "@" (or a tab or carriage return before it) is run as a
formula when the file is opened in Excel or LibreOffice: it could fetch data from elsewhere
or start a program (formula or CSV injection). Such text gets a leading apostrophe, which
spreadsheets show as plain text. Numbers and dates stay as they are, so sums still work;
a negative number is a number, not a formula.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence

from openpyxl.styles import Font
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

# The characters a spreadsheet reads as the start of a formula, also in their full-width
# forms (an East-Asian keyboard types those, and some spreadsheets normalise them).
_FORMULA_START = tuple("=+-@\uff1d\uff0b\uff0d\uff20")
# A tab, carriage return or new line in front of a formula is skipped by some importers.
_CONTROL_START = ("\t", "\r", "\n")
# Control characters that an .xlsx file (XML) cannot hold; a CSV has no use for them either.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet run this text as a formula (also after leading blanks)?"""
    return text.startswith(_CONTROL_START) or text.lstrip(" \u00a0\u3000").startswith(
        _FORMULA_START
    )


def cell_value(value: object) -> object:
    """The value as it goes into a cell: text is cleaned and never a formula."""
    if not isinstance(value, str):
        return value
    text = _ILLEGAL.sub("", value)
    return "'" + text if is_formula_like(text) else text


def cell_row(values: Iterable[object]) -> list[object]:
    return [cell_value(v) for v in values]


# --- CSV ----------------------------------------------------------------------------------


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """UTF-8 with BOM and semicolons: opens correctly in Dutch Excel."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(cell_row(header))
    for row in rows:
        writer.writerow(cell_row(row))
    return out.getvalue()


# --- Excel --------------------------------------------------------------------------------


def append_row(sheet: Worksheet, values: Iterable[object], *, bold: bool = False) -> None:
    """Append one row; a text cell stays text even when openpyxl took it for a formula."""
    sheet.append(cell_row(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True)


def add_sheet(
    workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Worksheet:
    """A sheet with a bold header row that stays in view, and the rows under it."""
    sheet = workbook.create_sheet(title)
    append_row(sheet, header, bold=True)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A2"
    return sheet


def new_workbook() -> Workbook:
    """An empty workbook: every sheet is added with add_sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
