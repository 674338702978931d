"""In-app notifications: the messages under the bell in the top bar.

Any app tells a person something with :func:`notify`, or everyone in a department who holds a
capability with :func:`notify_department` (the code asks for a capability, never a role). A
message that must reach each person once (a case turning yellow, whatever job runs twice) is
given a ``dedupe_key``: the database keeps one row per person and key, so a repeat is dropped.

Messages are composed in the zone's language (zh-hans by default) when they are written, since
they are mostly written by the background worker, which has no reader's language to follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise

from gaoxin.core.models import Department, Notification, User
from gaoxin.core.roles import ROLE_CAPABILITIES, Capability

Text = str | Promise


def holders(capability: Capability, department: Department | int | None = None) -> QuerySet[User]:
    """Active staff whose role grants ``capability``; only a department's own staff when one is
    given."""
    roles = [role for role, granted in ROLE_CAPABILITIES.items() if capability in granted]
    users = User.objects.filter(is_active=True, role__in=roles)
    if department is not None:
        users = users.filter(department=department)
    return users.order_by("pk")


def notify(
    user: User | int, title: Text, body: Text = "", url: str = "", *, dedupe_key: str = ""
) -> int:
    """Tell one person something. Returns 1 when written, 0 when the key was used before."""
    return notify_many([user], title, body, url, dedupe_key=dedupe_key)


def notify_department(
    department: Department | int | None,
    capability: Capability,
    title: Text,
    body: Text = "",
    url: str = "",
    *,
    dedupe_key: str = "",
) -> int:
    """Tell everyone in ``department`` who holds ``capability`` (everyone in the zone who
    holds it when ``department`` is None, e.g. the center's supervisors)."""
    return notify_many(holders(capability, department), title, body, url, dedupe_key=dedupe_key)


def notify_many(
    users: Iterable[User | int],
    title: Text,
    body: Text = "",
    url: str = "",
    *,
    dedupe_key: str = "",
) -> int:
    """Tell several people the same thing, each once. Returns how many rows were written."""
    user_ids = sorted({u if isinstance(u, int) else u.pk for u in users})
    if not user_ids:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        title, body = str(title)[:200], str(body)
    if dedupe_key:
        already = set(
            Notification.objects.filter(dedupe_key=dedupe_key, user_id__in=user_ids).values_list(
                "user_id", flat=True
            )
        )
        user_ids = [pk for pk in user_ids if pk not in already]
    now = timezone.now()
    rows = [
        Notification(
            user_id=pk, title=title, body=body, url=url, created_at=now, dedupe_key=dedupe_key
        )
        for pk in user_ids
    ]
    # A second writer racing on the same key loses quietly: the unique constraint drops its row.
    Notification.objects.bulk_create(rows, ignore_conflicts=bool(dedupe_key))
    return len(rows)


def already_sent(keys: Iterable[str]) -> set[str]:
    """Which of these dedupe keys reached somebody already."""
    wanted = list(set(keys))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        found.update(
            Notification.objects.filter(dedupe_key__in=wanted[start : start + 500])
            .values_list("dedupe_key", flat=True)
            .distinct()
        )
    return found


# --- Reading and marking, for the bell and the page ---------------------------------------


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def for_user(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(user=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


@transaction.atomic
def open_notification(*, user: User, pk: int) -> Notification:
    """The person opens one of their own messages: it counts as read from now on. Someone
    else's message is not found (``Notification.DoesNotExist``)."""
    notification = Notification.objects.select_for_update().get(pk=pk, user=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
