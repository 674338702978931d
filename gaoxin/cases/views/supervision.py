"""Watching the clock (电子监察): every yellow and red case across departments for the center's
supervisors, the own department's cases for its staff, and one case in full."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gaoxin.cases import backoffice, case_badges, clock, queries
from gaoxin.cases.models import Case, Submission
from gaoxin.cases.permissions import may_read_case
from gaoxin.core import workdays
from gaoxin.core.errors import NotAllowed
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import Department
from gaoxin.core.permissions import can, require
from gaoxin.core.roles import Capability


@login_required
def supervision(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.SUPERVISE)
    today = timezone.localdate()
    department = request.GET.get("department", "")
    level = request.GET.get("level", "")
    cases = queries.warnings(today, department=department, level=level)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/supervision.html",
        {
            "page": page,
            "today": today,
            "by_department": queries.warnings_by_department(today),
            "departments": Department.objects.filter(is_active=True),
            "department": department,
            "level": level,
            "readings": _readings(page, today),
            "late": queries.finished_late(department=department)[:20],
        },
    )


@login_required
def department_cases(request: StaffRequest) -> HttpResponse:
    """The own department's accepted cases, soonest deadline first, in their colours."""
    user = request.user
    if not can(user, Capability.VIEW_OWN_DEPARTMENT) or user.department_id is None:
        raise NotAllowed
    today = timezone.localdate()
    cases = queries.with_level(queries.running(user.department_id), today)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/department_cases.html",
        {
            "page": page,
            "today": today,
            "counts": queries.level_counts(queries.running(user.department_id), today),
            "readings": _readings(page, today),
        },
    )


def _readings(page: Any, today: dt.date) -> dict[int, clock.Reading | None]:
    calendar = workdays.WorkCalendar.load()
    return {case.pk: clock.reading(case, today, calendar) for case in page}


@login_required
def case_detail(request: StaffRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.select_related("item", "department", "window", "received_by"), pk=pk
    )
    if not may_read_case(request.user, case):
        raise Http404
    today = timezone.localdate()
    step = backoffice.open_step(case)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "may_work": step is not None and backoffice.may_work_on(request.user, step),
            "route": queries.route_progress(case) if case.accepted_at else [],
            "suspensions": case.suspensions.all(),
            "reading": clock.reading(case, today, workdays.WorkCalendar.load()),
            "submissions": case.submissions.select_related("material"),
            "events": case.events.select_related("actor"),
            "notices": case.notices.all(),
            "badges": case_badges.badges_for(case),
        },
    )


@login_required
def submission_file(request: StaffRequest, pk: int) -> FileResponse:
    """A scan handed in with the case, for those who may read the case; opened in the
    browser (PDF and images), the same way the work page's viewer shows it."""
    from gaoxin.cases.views.backoffice import scan

    submission = get_object_or_404(Submission.objects.only("case_id"), pk=pk)
    return scan(request, submission.case_id, pk)
