"""Read paths shared by pages (and later the API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gaoxin.core.models import AuditEntry, CalendarDay, Department, User, Window


def audit_entries(filters: dict[str, Any]) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if filters.get("actor"):
        term = filters["actor"]
        entries = entries.filter(
            Q(actor_username__icontains=term) | Q(actor__full_name__icontains=term)
        )
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("object_type"):
        entries = entries.filter(object_type__icontains=filters["object_type"])
    tz = timezone.get_current_timezone()
    if filters.get("since"):
        start = dt.datetime.combine(filters["since"], dt.time.min, tzinfo=tz)
        entries = entries.filter(at__gte=start)
    if filters.get("until"):
        end = dt.datetime.combine(filters["until"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        entries = entries.filter(at__lt=end)
    return entries.select_related("actor")


def staff_accounts(search: str = "", role: str = "") -> QuerySet[User]:
    users = User.objects.select_related("department", "window").order_by(
        "department__sort_order", "role", "username"
    )
    if search:
        users = users.filter(
            Q(username__icontains=search) | Q(full_name__icontains=search) | Q(phone=search)
        )
    if role:
        users = users.filter(role=role)
    return users


def departments_with_counts(departments: QuerySet[Department]) -> QuerySet[Department]:
    return departments.annotate(
        staff_count=Count("staff", filter=Q(staff__is_active=True), distinct=True),
        window_count=Count("windows", distinct=True),
    )


def windows_with_departments() -> QuerySet[Window]:
    return Window.objects.prefetch_related("departments").annotate(
        staff_count=Count("staff", filter=Q(staff__is_active=True))
    )


def calendar_days(year: int) -> QuerySet[CalendarDay]:
    return CalendarDay.objects.filter(date__year=year).select_related("updated_by")
