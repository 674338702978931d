"""The statistics table as an Excel workbook: what the page shows, with its period and scope
written above it, so a printed or forwarded sheet says what it counts; then a sheet for each
section under the table that makes one (``gaoxin.stats.sections``)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gaoxin.stats.queries import TABLE_COLUMNS, Dashboard, table
from gaoxin.stats.sections import Shown

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def scope_text(board: Dashboard) -> str:
    filters = board.filters
    parts = [filters.department.name if filters.department else _("Whole zone")]
    if filters.item_code:
        parts.append(_("item %(code)s") % {"code": filters.item_code})
    if filters.window is not None:
        parts.append(str(filters.window))
    return " · ".join(parts)


def period_text(board: Dashboard) -> str:
    return f"{date_format(board.filters.start)} – {date_format(board.filters.end)}"


def export(board: Dashboard, sections: Iterable[Shown] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("By department")[:31]
    sheet.append([_("Statistics of cases")])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Period"), period_text(board)])
    sheet.append([_("Scope"), scope_text(board)])
    sheet.append(
        [_("In progress and overdue are counted on"), date_format(board.today)],
    )
    sheet.append([])
    header = [_("Department"), *[str(label) for _key, label, _kind in TABLE_COLUMNS]]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for name, values in table(board):
        row: list[Any] = [name]
        for key, _label, kind in TABLE_COLUMNS:
            value = values[key]
            row.append(float(value) if value is not None and kind != "n" else value)
        sheet.append(row)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for index, (_key, _label, kind) in enumerate(TABLE_COLUMNS, start=2):
        for (cell,) in sheet.iter_rows(
            min_row=header_row + 1, min_col=index, max_col=index, max_row=sheet.max_row
        ):
            cell.number_format = "0" if kind == "n" else "0.0"
        sheet.column_dimensions[get_column_letter(index)].width = 12
    sheet.column_dimensions["A"].width = 24
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.append([])
    sheet.append([_("Definitions: see the statistics page, “How the figures are counted”.")])
    for shown in sections:
        if shown.section.sheet is not None:
            _section_sheet(book, board, *shown.section.sheet(shown.data))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _section_sheet(book: Workbook, board: Dashboard, title: str, rows: list[list[Any]]) -> None:
    """A section's sheet: its title, the period and scope, then its rows (heading first)."""
    sheet = book.create_sheet(title[:31])
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Period"), period_text(board)])
    sheet.append([_("Scope"), scope_text(board)])
    sheet.append([])
    header_row = sheet.max_row + 1
    for row in rows:
        sheet.append(row)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 24
    for index in range(2, max((len(r) for r in rows), default=1) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
