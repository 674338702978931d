"""The case clock's reactions to the calendar."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from gaoxin.cases.models import Case, CaseEvent
from gaoxin.core import audit, workdays


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
        deadline = calendar.add_working_days(accepted, case.item.promised_days)
        before = case.deadline
        case.deadline, case.deadline_provisional = deadline.date, deadline.provisional
        case.save(update_fields=["deadline", "deadline_provisional", "updated_at"])
        CaseEvent.objects.create(
            case=case,
            actor=None,
            action="recompute_deadline",
            from_status=case.status,
            to_status=case.status,
            data={"before": str(before), "after": str(deadline.date), "year": year},
        )
        changed += 1
    if changed:
        audit.record(
            "cases.recompute_deadlines", actor=None, changes={"year": year, "cases": changed}
        )
    return changed
