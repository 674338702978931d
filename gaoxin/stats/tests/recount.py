"""A plain recount of the figures from the cases and their history, case by case in Python,
sharing no code with the summary tables: what the tests hold the published figures to."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gaoxin.cases.models import Case
from gaoxin.cases.workflow import CLOCK_RUNNING, Status
from gaoxin.catalog.models import HandlingKind
from gaoxin.core import workdays
from gaoxin.stats.queries import IN_PROGRESS, Figures, Filters


def every_case() -> list[Case]:
    return list(Case.objects.select_related("item").prefetch_related("events"))


def recount(
    filters: Filters,
    today: dt.date,
    cases: list[Case] | None = None,
    calendar: workdays.WorkCalendar | None = None,
) -> Figures:
    """``cases`` (from ``every_case()``) and ``calendar`` save reading them for each filter."""
    calendar = calendar or workdays.WorkCalendar.load()
    figures = Figures()

    def inside(moment: dt.datetime | None) -> bool:
        return moment is not None and filters.start <= timezone.localdate(moment) <= filters.end

    for case in every_case() if cases is None else cases:
        if filters.department is not None and case.department_id != filters.department.pk:
            continue
        if filters.item_code and case.item.code != filters.item_code:
            continue
        if filters.window is not None and case.window_id != filters.window.pk:
            continue
        figures.received += inside(case.received_at)
        if inside(case.accepted_at):
            figures.accepted += 1
            figures.accepted_immediate += case.item.handling == HandlingKind.IMMEDIATE
        for event in case.events.all():
            if not inside(event.at):
                continue
            figures.corrections += event.to_status == Status.CORRECTION
            if event.from_status != event.to_status:
                figures.refused += event.to_status == Status.REFUSED
                figures.withdrawn += event.to_status == Status.WITHDRAWN
        if case.status == Status.COMPLETED and inside(case.completed_at):
            assert case.accepted_at and case.ready_at and case.deadline
            accepted = timezone.localdate(case.accepted_at)
            ready = timezone.localdate(case.ready_at)
            figures.completed += 1
            figures.completed_denied += case.decision == "denied"
            figures.completed_on_time += ready <= case.deadline
            figures.used_days += (
                calendar.working_days_between(accepted, ready) - case.suspended_days
            )
            figures.promised_days += case.item.promised_days
        if case.status == Status.TERMINATED and inside(case.completed_at):
            figures.terminated += 1
        if case.status in IN_PROGRESS:
            figures.in_progress += 1
            assert case.deadline is not None
            figures.overdue += case.status in CLOCK_RUNNING and case.deadline < today
    return figures
