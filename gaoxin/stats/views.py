"""The statistics page (/stats/) and its Excel export: the same filters, the same figures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.catalog.models import ServiceItem
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import Department, Window
from gaoxin.stats import excel, queries, sections

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: StaffRequest) -> tuple[queries.Filters, dict[str, list[str]]]:
    today = timezone.localdate()
    try:
        return queries.parse_filters(request.user, request.GET, today), {}
    except queries.FilterError as error:
        # The figures of the default period, the message beside the field, what was typed kept.
        return queries.parse_filters(request.user, QueryDict(), today), error.errors


@login_required
def stats(request: StaffRequest) -> HttpResponse:
    filters, errors = _filters(request)
    today = timezone.localdate()
    board = queries.dashboard(filters, today)
    return render(
        request,
        "stats/stats.html",
        {
            "board": board,
            "filters": filters,
            "errors": errors,
            "typed": request.GET,
            "periods": queries.PERIODS,
            "departments": (
                [] if filters.locked_department else Department.objects.filter(is_active=True)
            ),
            "items": _items(filters),
            "windows": Window.objects.exclude(kind=Window.Kind.DELIVERY),
            "columns": queries.TABLE_COLUMNS,
            "rows": queries.table(board),
            "chart": _chart(board),
            "scope": excel.scope_text(board),
            "period_text": excel.period_text(board),
            "export_query": _query(filters),
            # What the apps above this one add under the table (gaoxin.stats.sections).
            "sections": sections.compute(filters, today),
        },
    )


@login_required
def export(request: StaffRequest) -> HttpResponse:
    filters, _errors = _filters(request)
    today = timezone.localdate()
    board = queries.dashboard(filters, today)
    response = HttpResponse(
        excel.export(board, sections.compute(filters, today)), content_type=XLSX
    )
    name = f"stats-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _items(filters: queries.Filters) -> Any:
    items = ServiceItem.objects.filter(is_current=True).order_by("code")
    if filters.department is not None:
        items = items.filter(department=filters.department)
    return items.only("code", "name")


def _query(filters: queries.Filters) -> str:
    query = QueryDict(mutable=True)
    query.update(filters.params())
    return query.urlencode()


def _chart(board: queries.Dashboard) -> dict[str, Any]:
    """What the two charts draw (read by static/stats/charts.js)."""

    def number(value: Any) -> float | None:
        return None if value is None else float(value)

    series = board.series
    return {
        "buckets": [b.label for b in series],
        "outcomes": [
            {"name": _("Granted"), "data": [b.figures.completed_granted for b in series]},
            {"name": _("Denied"), "data": [b.figures.completed_denied for b in series]},
            {"name": _("Terminated"), "data": [b.figures.terminated for b in series]},
            {"name": _("Refused"), "data": [b.figures.refused for b in series]},
        ],
        "departments": [r.department.short_name or r.department.name for r in board.departments],
        "rates": [
            {
                "name": _("Completion rate (%)"),
                "data": [number(r.figures.completion_rate) for r in board.departments],
            },
            {
                "name": _("On-time rate (%)"),
                "data": [number(r.figures.on_time_rate) for r in board.departments],
            },
        ],
        "titles": {
            "outcomes": _("Cases finished per month, by outcome")
            if board.by_month
            else _("Cases finished per day, by outcome"),
            "rates": _("Completion and on-time rate by department"),
        },
    }
