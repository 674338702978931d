"""The hall's figures page (/hall/figures/): tickets and appointments per day and hour, waiting
and service times per business, window and clerk, no-shows, the busiest hours (chart). For
those who see every department (the center's supervisors, the zone's leaders)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gaoxin.core.http import StaffRequest
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.hall import figures


@login_required
def page(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.VIEW_ALL_DEPARTMENTS)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    try:
        period = figures.parse_period(request.GET, today)
    except figures.FilterError as error:
        errors = error.errors
        period = figures.parse_period({}, today)
    report = figures.report(period)
    return render(
        request,
        "hall/figures.html",
        {
            "report": report,
            "period": period,
            "errors": errors,
            "typed": request.GET,
            "definitions": figures.DEFINITIONS,
        },
        status=400 if errors else 200,
    )
