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


def limits(calendar: workdays.WorkCalendar, accepted: dt.date, promised_days: int) -> Limits:
    """The deadline and the warning date of a case accepted on ``accepted``."""
    deadline = calendar.add_working_days(accepted, promised_days)
    warn_after = math.ceil(promised_days * WARNING_SHARE)
    warning = calendar.add_working_days(accepted, warn_after)
    return Limits(deadline.date, warning.date, deadline.provisional)


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
    stop = min(today, case.deadline) if case.status in CLOCK_STOPPED else today
    used = max(calendar.working_days_between(accepted, stop), 0)
    left = calendar.working_days_between(today, case.deadline)
    level = (
        Level.GREEN
        if case.status in CLOCK_STOPPED
        else level_on(today, case.deadline, case.warning_date)
    )
    return Reading(case.deadline, used, left, 0, level)


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
        accepted = timezone.localdate(case.accepted_at)
        counted = limits(calendar, accepted, case.item.promised_days)
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
