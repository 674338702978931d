"""Reads of rectifications (差评整改) for the pages: who sees which, the list's filters and
order, the colours of the due dates, and the counts on the start page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Case, Count, DateField, F, Q, QuerySet, Value, When
from django.utils import timezone

from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.evaluations import rectification as rectifications
from gaoxin.evaluations.models import Appeal, Rectification

Status = Rectification.Status
FINISHED = (Status.CLOSED, Status.EXCLUDED)
# The list's status filter: every status that is not finished.
UNFINISHED = "unfinished"


def may_list(user: Any) -> bool:
    """The department that rectifies sees its own; the supervisors and the zone's leaders see
    every department's (the leaders without the raters' names)."""
    if can(user, Capability.VIEW_ALL_DEPARTMENTS):
        return True
    return can(user, Capability.RECTIFY) and bool(user.department_id)


def sees_all(user: Any) -> bool:
    return can(user, Capability.VIEW_ALL_DEPARTMENTS)


def shows_names(user: Any) -> bool:
    """Staff never see the name of a rater beside a bad rating unless they rectify."""
    return can(user, Capability.RECTIFY)


def visible(user: Any) -> QuerySet[Rectification]:
    rows = Rectification.objects.all()
    if sees_all(user):
        return rows
    if can(user, Capability.RECTIFY) and user.department_id:
        return rows.filter(department_id=user.department_id)
    return rows.none()


def callback_late(today: dt.date) -> Q:
    return Q(called_back_at__isnull=True, callback_due__lt=today) & ~Q(status__in=FINISHED)


def fix_late(today: dt.date) -> Q:
    return Q(answered_at__isnull=True, fix_due__lt=today) & ~Q(status__in=FINISHED)


def listing(
    rows: QuerySet[Rectification],
    *,
    today: dt.date,
    department: int | None = None,
    status: str = "",
    overdue: str = "",
) -> QuerySet[Rectification]:
    """Those still running first, the soonest next due date first; then the closed ones,
    the latest first."""
    if department is not None:
        rows = rows.filter(department_id=department)
    if status == UNFINISHED:
        rows = rows.exclude(status__in=FINISHED)
    elif status:
        rows = rows.filter(status=status)
    if overdue == "callback":
        rows = rows.filter(callback_late(today))
    elif overdue == "fix":
        rows = rows.filter(fix_late(today))
    elif overdue == "any":
        rows = rows.filter(callback_late(today) | fix_late(today))
    return (
        rows.select_related(
            "rating__case", "rating__item", "department", "appeal", "rating__window"
        )
        .annotate(
            finished=Case(
                When(status__in=FINISHED, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            next_due=Case(
                When(status=Status.OPEN, then=F("callback_due")),
                When(status=Status.CALLED_BACK, then=F("fix_due")),
                default=None,
                output_field=DateField(),
            ),
        )
        .order_by("finished", F("next_due").asc(nulls_last=True), "-opened_at", "-pk")
    )


def due_level(due: dt.date, done: bool, late: bool, today: dt.date) -> str:
    """Red when overdue, yellow on the due day, nothing otherwise or once done."""
    if done:
        return ""
    if late:
        return "red"
    if today == due:
        return "yellow"
    return ""


def dress(rectification: Rectification, today: dt.date) -> Rectification:
    """The colours of the two due dates, for the list and the work page."""
    running = not rectification.is_finished
    rectification.callback_level = due_level(  # type: ignore[attr-defined]
        rectification.callback_due,
        not running or rectification.called_back_at is not None,
        rectifications.callback_overdue(rectification, today),
        today,
    )
    rectification.fix_level = due_level(  # type: ignore[attr-defined]
        rectification.fix_due,
        not running or rectification.answered_at is not None,
        rectifications.fix_overdue(rectification, today),
        today,
    )
    called = rectification.called_back_at
    rectification.callback_done_late = (  # type: ignore[attr-defined]
        called is not None and timezone.localdate(called) > rectification.callback_due
    )
    rectification.fix_done_late = rectification.answered_on_time() is False  # type: ignore[attr-defined]
    appeal = appeal_of(rectification)
    rectification.pending_appeal = appeal is not None and appeal.is_pending  # type: ignore[attr-defined]
    return rectification


def appeal_of(rectification: Rectification) -> Appeal | None:
    try:
        return rectification.appeal
    except Appeal.DoesNotExist:
        return None


def counts(user: Any, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    running = visible(user).exclude(status__in=FINISHED)
    return running.aggregate(
        running=Count("pk"),
        callback_late=Count("pk", filter=callback_late(today)),
        fix_late=Count("pk", filter=fix_late(today)),
        due_today=Count(
            "pk",
            filter=Q(status=Status.OPEN, callback_due=today)
            | Q(status=Status.CALLED_BACK, fix_due=today),
        ),
        appeals=Count("pk", filter=Q(appeal__isnull=False, appeal__decision="")),
    )


def start_panel(user: Any) -> dict[str, Any]:
    """The start page's panel for those who rectify: what is open and what is late."""
    if not may_list(user):
        return {"hidden": True}
    return {"counts": counts(user), "zone": sees_all(user)}
