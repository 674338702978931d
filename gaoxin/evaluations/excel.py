"""The figures of 好差评 as an Excel workbook: one sheet per grouping (department, window,
clerk, item, month) with the page's columns, and a sheet of the bad ratings with their
rectification. Each sheet says its period and scope above the table, so a printed or
forwarded sheet says what it counts. Who served is named; who rated never is."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gaoxin.evaluations import queries
from gaoxin.evaluations.models import Encounter, Rating

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
# The sheets by grouping, in this order.
SHEETS = ("department", "window", "clerk", "item", "month")


def scope_text(filters: queries.Filters) -> str:
    parts = [filters.department.name if filters.department else _("Whole zone")]
    if filters.encounter:
        parts.append(str(Encounter(filters.encounter).label))
    return " · ".join(parts)


def period_text(filters: queries.Filters) -> str:
    return f"{date_format(filters.start)} – {date_format(filters.end)}"


def _heading(sheet: Worksheet, title: str, filters: queries.Filters, today: dt.date) -> None:
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Period"), period_text(filters)])
    sheet.append([_("Scope"), scope_text(filters)])
    sheet.append([_("Open rectifications are counted on"), date_format(today)])
    sheet.append([])


def _header(sheet: Worksheet, names: list[str]) -> int:
    sheet.append(names)
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return row


def _figures_sheet(
    sheet: Worksheet, by: str, filters: queries.Filters, today: dt.date, rows: list[queries.Row]
) -> None:
    _heading(sheet, f"{_('Rating figures')} · {queries.GROUP_TITLES[by]}", filters, today)
    columns = queries.TABLE_COLUMNS
    header_row = _header(sheet, [str(queries.GROUPS[by]), *[str(c[1]) for c in columns]])
    for name, values in queries.table(rows):
        line: list[Any] = [name]
        for key, _label, kind in columns:
            value = values[key]
            line.append(float(value) if value is not None and kind != "n" else value)
        sheet.append(line)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for index, (_key, _label, kind) in enumerate(columns, start=2):
        for (cell,) in sheet.iter_rows(
            min_row=header_row + 1, min_col=index, max_col=index, max_row=sheet.max_row
        ):
            cell.number_format = "0" if kind == "n" else "0.0"
        sheet.column_dimensions[get_column_letter(index)].width = 12
    sheet.column_dimensions["A"].width = 28
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.append([])
    if by in queries.AT_THE_WINDOW:
        sheet.append([_("Intake and delivery only: the whole case is no one window's.")])
    sheet.append([_("Definitions: see the rating figures page, “How the figures are counted”.")])


def _local(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _on_time(done: dt.datetime | None, due: dt.date) -> str:
    if done is None:
        return ""
    return str(_("On time") if timezone.localdate(done) <= due else _("Late"))


def _bad_sheet(sheet: Worksheet, filters: queries.Filters, today: dt.date) -> None:
    _heading(sheet, _("Bad ratings and their rectification"), filters, today)
    header_row = _header(
        sheet,
        [
            _("Case number"),
            _("Rated at"),
            _("Rated service"),
            _("Rating"),
            _("Reasons"),
            _("Department"),
            _("Window"),
            _("Clerk"),
            _("Item"),
            _("Rectification"),
            _("Call back by"),
            _("Called back at"),
            _("Call-back"),
            _("Rectify by"),
            _("Answered at"),
            _("Rectified"),
        ],
    )
    rating: Rating
    for rating in queries.bad_ratings(filters):
        line: list[Any] = [
            rating.case.display_number,
            _local(rating.rated_at),
            rating.get_encounter_display(),
            rating.get_level_display(),
            "、".join(rating.reason_labels()),
            rating.department.name,
            str(rating.window) if rating.window else "",
            str(rating.clerk) if rating.clerk else "",
            rating.item.name,
        ]
        rectification = getattr(rating, "rectification", None)
        if rectification is None:
            line += [""] * 7
        else:
            line += [
                rectification.get_status_display(),
                rectification.callback_due.isoformat(),
                _local(rectification.called_back_at),
                _on_time(rectification.called_back_at, rectification.callback_due),
                rectification.fix_due.isoformat(),
                _local(rectification.answered_at),
                _on_time(rectification.answered_at, rectification.fix_due)
                or (str(_("Overdue")) if today > rectification.fix_due else ""),
            ]
        sheet.append(line)
    widths = (20, 17, 14, 12, 28, 20, 18, 10, 28, 18, 12, 17, 10, 12, 17, 10)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)


def export(filters: queries.Filters, today: dt.date) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for by in SHEETS:
        rows = queries.breakdown(filters, by, today)
        title = str(queries.GROUP_TITLES[by])[:31]
        _figures_sheet(book.create_sheet(title), by, filters, today, rows)
    _bad_sheet(book.create_sheet(_("Bad ratings")[:31]), filters, today)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
