from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gaoxin.core import queries, start_panels, workdays
from gaoxin.core.errors import NotAllowed
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import AuditEntry, Department
from gaoxin.core.permissions import can, require_department, visible_departments
from gaoxin.core.roles import Capability


@login_required
def start(request: StaffRequest) -> HttpResponse:
    """Each role's own start page: what that person needs to see first thing in the morning."""
    user = request.user
    today = timezone.localdate()
    calendar = workdays.WorkCalendar.load()
    context = {
        "today": today,
        "today_is_working_day": calendar.is_working_day(today),
        "next_working_day": calendar.next_working_day(today),
        "upcoming_days_off": _upcoming_days_off(calendar, today),
    }
    context["panels"] = start_panels.panels_for(user)
    if can(user, Capability.MANAGE_CALENDAR):
        context["years_missing_schedule"] = workdays.years_missing_schedule(today)
    if can(user, Capability.VIEW_AUDIT_LOG):
        context["recent_audit"] = AuditEntry.objects.select_related("actor")[:10]
        context["failed_sign_ins_today"] = AuditEntry.objects.filter(
            action="core.sign_in_failed", at__date=today
        ).count()
    return render(request, "core/start.html", context)


def _upcoming_days_off(calendar: workdays.WorkCalendar, today: dt.date) -> list[dt.date]:
    """Weekday holidays in the next 60 days: staff plan deadlines around them."""
    days = []
    for offset in range(1, 61):
        day = today + dt.timedelta(days=offset)
        if day.weekday() < 5 and not calendar.is_working_day(day):
            days.append(day)
    return days


@login_required
def department_list(request: StaffRequest) -> HttpResponse:
    if not can(request.user, Capability.VIEW_ALL_DEPARTMENTS):
        raise NotAllowed
    departments = queries.departments_with_counts(visible_departments(request.user))
    return render(request, "core/department_list.html", {"departments": departments})


@login_required
def own_department(request: StaffRequest) -> HttpResponse:
    department = request.user.department
    if department is None or not can(request.user, Capability.VIEW_OWN_DEPARTMENT):
        raise NotAllowed
    return department_detail(request, department.code)


@login_required
def department_detail(request: StaffRequest, code: str) -> HttpResponse:
    department = get_object_or_404(Department, code=code)
    require_department(request.user, department)
    return render(
        request,
        "core/department_detail.html",
        {
            "department": department,
            "staff": department.staff.filter(is_active=True).order_by("role", "username"),
            "windows": department.windows.filter(is_active=True),
        },
    )
