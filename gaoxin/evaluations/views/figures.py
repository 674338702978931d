"""The figures of 好差评 (/ratings/) and their Excel export: the same filters, the same
figures (``gaoxin.evaluations.queries``). No rater is named here: only who served."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.http import StaffRequest
from gaoxin.core.models import Department
from gaoxin.evaluations import excel, queries
from gaoxin.evaluations.models import Encounter, Level

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows of the table per page (a zone has some hundreds of items); the export has them all.
ROWS_PER_PAGE = 50
# The page's "group by": the day is the trend's, for short periods.
PAGE_GROUPS = {k: v for k, v in queries.GROUPS.items() if k != "day"}
# From 非常满意 to 非常不满意, the supervision colours.
LEVEL_COLOURS = {5: "#198754", 4: "#20c997", 3: "#b58100", 2: "#fd7e14", 1: "#dc3545"}


def _filters(request: StaffRequest) -> tuple[queries.Filters, dict[str, list[str]]]:
    today = timezone.localdate()
    try:
        return queries.parse_filters(request.user, request.GET, today), {}
    except queries.FilterError as error:
        # The figures of the default period, the message beside the field, what was typed kept.
        return queries.parse_filters(request.user, QueryDict(), today), error.errors


@login_required
def figures(request: StaffRequest) -> HttpResponse:
    filters, errors = _filters(request)
    report = queries.report(filters, timezone.localdate())
    rows = Paginator(queries.table(report.rows, with_total=False), ROWS_PER_PAGE)
    return render(
        request,
        "evaluations/figures.html",
        {
            "report": report,
            "filters": filters,
            "errors": errors,
            "typed": request.GET,
            "periods": queries.PERIODS,
            "encounters": Encounter.choices,
            "groups": PAGE_GROUPS,
            "departments": (
                [] if filters.locked_department else Department.objects.filter(is_active=True)
            ),
            "columns": queries.TABLE_COLUMNS,
            "page": rows.get_page(request.GET.get("page")),
            "total_row": queries.total(report.rows).as_dict(),
            "group_label": queries.GROUPS[filters.group_by],
            "group_title": queries.GROUP_TITLES[filters.group_by],
            "at_the_window": filters.group_by in queries.AT_THE_WINDOW,
            "chart": _chart(report),
            "scope": excel.scope_text(filters),
            "period_text": excel.period_text(filters),
            "export_query": _query(filters),
        },
    )


@login_required
def export(request: StaffRequest) -> HttpResponse:
    filters, _errors = _filters(request)
    response = HttpResponse(excel.export(filters, timezone.localdate()), content_type=XLSX)
    name = f"ratings-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _query(filters: queries.Filters) -> str:
    query = QueryDict(mutable=True)
    query.update(filters.params())
    return query.urlencode()


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _chart(report: queries.Report) -> dict[str, Any]:
    """What the three charts draw (read by static/evaluations/figures.js)."""
    trend = report.trend
    by_month = report.filters.trend_by == "month"
    departments = report.departments
    return {
        "buckets": [row.label if by_month else row.label[5:] for row in trend],
        "counts": [
            {
                "name": _("Satisfied or better"),
                "data": [row.figures.satisfied for row in trend],
                "colour": LEVEL_COLOURS[5],
            },
            {
                "name": str(Level.FAIRLY_SATISFIED.label),
                "data": [row.figures.good - row.figures.satisfied for row in trend],
                "colour": LEVEL_COLOURS[3],
            },
            {
                "name": _("Bad"),
                "data": [row.figures.bad for row in trend],
                "colour": LEVEL_COLOURS[1],
            },
        ],
        "rate": {
            "name": _("Satisfaction rate (%)"),
            "data": [_number(row.figures.satisfaction_percent) for row in trend],
        },
        "coverage": {
            "name": _("Coverage (%)"),
            "data": [_number(row.figures.coverage_percent) for row in trend],
        },
        "departments": [row.short or row.label for row in departments],
        "rates": [
            {
                "name": _("Satisfaction rate (%)"),
                "data": [_number(row.figures.satisfaction_percent) for row in departments],
            },
            {
                "name": _("Good-rating rate (%)"),
                "data": [_number(row.figures.good_percent) for row in departments],
            },
            {
                "name": _("Coverage (%)"),
                "data": [_number(row.figures.coverage_percent) for row in departments],
            },
        ],
        "levels": [
            {
                "name": str(level.label),
                "value": report.figures.by_level.get(level.value, 0),
                "colour": LEVEL_COLOURS[level.value],
            }
            for level in sorted(Level, reverse=True)
        ],
        "titles": {
            "trend": _("Ratings and satisfaction rate per month")
            if by_month
            else _("Ratings and satisfaction rate per day"),
            "departments": _("Rates by department"),
            "levels": _("Ratings by level"),
        },
    }
