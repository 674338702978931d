from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from gaoxin.core.audit import action_label
from gaoxin.core.identity import mask_phone, mask_resident_id

register = template.Library()


@register.filter
def bs(field: BoundField) -> SafeString:
    """Render a form field's widget with Bootstrap's classes and its error state."""
    widget = field.field.widget
    kind = getattr(widget, "input_type", "")
    if field.widget_type in ("checkboxselectmultiple", "radioselect"):
        return field.as_widget()
    if kind == "checkbox":
        css = "form-check-input"
    elif field.widget_type == "select" or field.widget_type == "selectmultiple":
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs: dict[str, Any] = {"class": css}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def cn_date(value: dt.date | dt.datetime | None) -> str:
    """2026年11月23日 in Chinese; 23 Nov 2026 in English."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        # The zone's day, not UTC's: before 08:00 Beijing time they differ.
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if (get_language() or "").startswith("zh"):
        return f"{value.year}年{value.month}月{value.day}日"
    return value.strftime("%d %b %Y").lstrip("0")


@register.filter
def masked_id(value: str) -> str:
    return mask_resident_id(value) if value else ""


@register.filter
def masked_phone(value: str) -> str:
    return mask_phone(value) if value else ""


@register.filter
def weekday_name(value: dt.date) -> str:
    from django.utils.dates import WEEKDAYS

    return str(WEEKDAYS[value.weekday()])


@register.filter
def minutes(value: dt.timedelta | None) -> int:
    return round(value.total_seconds() / 60) if value else 0


@register.filter
def audit_action(code: str) -> str:
    return str(action_label(code))


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None
