"""The bell in the top bar (how many of the signed-in person's notifications are unread) and
the notifications page's times."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from gaoxin.core import notifications

register = template.Library()


@register.simple_tag
def unread_notifications(user: Any) -> int:
    return notifications.unread_count(user)


@register.filter
def local(value: dt.datetime | None) -> dt.datetime | None:
    """The moment in the zone's time zone (before ``cn_date``, which takes the date as is)."""
    return timezone.localtime(value) if value is not None else None
