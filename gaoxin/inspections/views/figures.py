"""The figures of site inspections (/inspections/figures/): for supervisors, leaders and whoever
sees every department, and for a department head their own department. The figures and their
definitions are ``gaoxin.inspections.figures``; the API gives the same."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone

from gaoxin.core.http import StaffRequest
from gaoxin.core.models import Department
from gaoxin.inspections import figures


@login_required
def page(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    try:
        filters = figures.parse_filters(request.user, request.GET, today)
    except figures.FilterError as error:
        # The default period's figures, the message beside the field, what was typed kept.
        filters, errors = figures.parse_filters(request.user, QueryDict(), today), error.errors
    report = figures.report(filters)
    return render(
        request,
        "inspections/figures.html",
        {
            "report": report,
            "filters": filters,
            "errors": errors,
            "typed": request.GET,
            "periods": figures.PERIODS,
            "claim_days": figures.CLAIM_DAYS,
            "departments": (
                [] if filters.locked_department else Department.objects.filter(is_active=True)
            ),
        },
    )
