"""The intake figures a clerk sees first thing on the start page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from gaoxin.cases.models import Case
from gaoxin.cases.workflow import Status


def window_today(user: Any) -> dict[str, Any]:
    today = timezone.localdate()
    mine = Case.objects.filter(received_by=user, received_at__date=today)
    figures = mine.aggregate(
        received=Count("id"),
        accepted=Count("id", filter=Q(accepted_at__date=today)),
        corrections=Count("id", filter=Q(status=Status.CORRECTION)),
        refused=Count("id", filter=Q(status=Status.REFUSED)),
    )
    waiting = Case.objects.filter(status=Status.CORRECTION).count()
    return {"figures": figures, "waiting": waiting}


def department_clock(user: Any) -> dict[str, Any]:
    from gaoxin.cases import queries

    today = timezone.localdate()
    return {"counts": queries.level_counts(queries.running(user.department_id), today)}


def zone_clock(user: Any) -> dict[str, Any]:
    from gaoxin.cases import queries

    today = timezone.localdate()
    return {"counts": queries.level_counts(queries.running(), today), "zone": True}


def my_desk(user: Any) -> dict[str, Any]:
    """The back office's "my desk": steps one holds, steps nobody holds in one's department,
    and one's own yellow and red, by the step's limit and by the case's."""
    from gaoxin.cases import queries

    return {"counts": queries.desk_counts(user, timezone.localdate())}


def my_desk_for_inspectors(user: Any) -> dict[str, Any]:
    # One panel per person: whoever also approves sees it through the approvers' panel.
    from gaoxin.core.permissions import can
    from gaoxin.core.roles import Capability

    if can(user, Capability.APPROVE):
        return {"hidden": True}
    return my_desk(user)
