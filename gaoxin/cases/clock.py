"""The case clock: the deadline, the warning date, and what a case shows today.

Supervision colours are the same everywhere (电子监察): green while less than 80% of the
promised limit is used, yellow from the day 80% is used, red after the deadline. Both dates are
set when the case is accepted and move only with the clock (a recount of provisional deadlines
today; suspensions later), so "overdue" is always a comparison with today.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from gaoxin.cases.models import Case, CaseEvent
from gaoxin.cases.workflow import Status
from gaoxin.core import audit, workdays

# Cases whose clock no longer runs toward a deadline: finished one way or another.
CLOCK_STOPPED = frozenset({Status.COMPLETED, Status.REFUSED, Status.TERMINATED, Status.WITHDRAWN})

WARNING_SHARE = 0.8


class Level:
    GREEN, YELLOW, RED = "green", "yellow", "red"


@dataclass(frozen=True)
class Limits:
    deadline: dt.date
    warning_date: dt.date
    provisional: bool


def limits(
    calendar: workdays.WorkCalendar, start: dt.date, days: int, *, suspended: int = 0
) -> Limits:
    """The deadline and the warning date of a limit of ``days`` working days counted from the
    day after ``start`` (a case's acceptance, or a step's start), pushed on by the working
    days its clock stood still. Adding working days is additive, so pushing a deadline on by
    n days and counting days + n from the start give the same date."""
    deadline = calendar.add_working_days(start, days + suspended)
    warn_after = math.ceil(days * WARNING_SHARE)
    warning = calendar.add_working_days(start, warn_after + suspended)
    return Limits(deadline.date, warning.date, deadline.provisional)


def case_limits(case: Case, calendar: workdays.WorkCalendar) -> Limits:
    """A case's limits from its acceptance, extension and ended suspensions."""
    assert case.accepted_at is not None
    return limits(
        calendar,
        timezone.localdate(case.accepted_at),
        case.item.promised_days + case.extended_days,
        suspended=case.suspended_days,
    )


@dataclass(frozen=True)
class Reading:
    """What the clock of one case says today."""

    deadline: dt.date
    used: int
    left: int
    suspended: int
    level: str


def level_on(today: dt.date, deadline: dt.date, warning_date: dt.date | None) -> str:
    if today > deadline:
        return Level.RED
    if warning_date is not None and today >= warning_date:
        return Level.YELLOW
    return Level.GREEN


def reading(case: Case, today: dt.date, calendar: workdays.WorkCalendar) -> Reading | None:
    """None for a case whose clock never started (not accepted)."""
    if case.accepted_at is None or case.deadline is None:
        return None
    accepted = timezone.localdate(case.accepted_at)
    stop = today
    if case.ready_at is not None:
        stop = timezone.localdate(case.ready_at)
    elif case.status in CLOCK_STOPPED:
        stop = min(today, case.deadline)
    # The special procedure still running: not yet counted in ``suspended_days``.
    since = open_suspension_start(case) if case.status == Status.SUSPENDED else None
    running = max(calendar.working_days_between(since, stop), 0) if since else 0
    suspended = case.suspended_days + running
    used = max(calendar.working_days_between(accepted, stop) - suspended, 0)
    left = calendar.working_days_between(today, case.deadline)
    if case.status in CLOCK_STOPPED or case.ready_at is not None:
        level = Level.RED if stop > case.deadline else Level.GREEN
    elif case.status == Status.SUSPENDED:
        # The clock stands still: the colour is the one it had when it stopped.
        level = level_on(since or today, case.deadline, case.warning_date)
    else:
        level = level_on(today, case.deadline, case.warning_date)
    return Reading(case.deadline, used, left, suspended, level)


def open_suspension_start(case: Case) -> dt.date | None:
    started = (
        case.suspensions.filter(ended_at__isnull=True).values_list("started_at", flat=True).first()
    )
    return timezone.localdate(started) if started else None


@transaction.atomic
def recompute_provisional_deadlines(*, year: int, **_: Any) -> int:
    """A year's official holidays were confirmed: deadlines counted provisionally (Monday to
    Friday) into that year are counted again with the real calendar. Returns how many."""
    calendar = workdays.WorkCalendar.load()
    changed = 0
    cases = (
        Case.objects.select_for_update()
        .filter(deadline_provisional=True, accepted_at__isnull=False, deadline__year__gte=year)
        .select_related("item")
    )
    for case in cases:
        assert case.accepted_at is not None
        counted = case_limits(case, calendar)
        before = case.deadline
        case.deadline, case.warning_date = counted.deadline, counted.warning_date
        case.deadline_provisional = counted.provisional
        case.save(update_fields=["deadline", "warning_date", "deadline_provisional", "updated_at"])
        CaseEvent.objects.create(
            case=case,
            actor=None,
            action="recompute_deadline",
            from_status=case.status,
            to_status=case.status,
            data={"before": str(before), "after": str(counted.deadline), "year": year},
        )
        changed += 1
    if changed:
        audit.record(
            "cases.recompute_deadlines", actor=None, changes={"year": year, "cases": changed}
        )
    return changed
