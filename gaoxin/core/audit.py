"""The append-only audit log: who did what, when, from where, to which object.

Every service calls :func:`record` inside its transaction, so an action and its entry are
written together or not at all.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import AuditEntry, User

# What each action is called on screen. Apps add theirs with ``ACTION_LABELS.update(...)`` in
# their AppConfig.ready(); an action without a label shows its code.
ACTION_LABELS: dict[str, str | Promise] = {
    "core.sign_in": _("Signed in"),
    "core.sign_out": _("Signed out"),
    "core.sign_in_failed": _("Failed sign-in"),
    "core.update_zone": _("Changed the zone's identity"),
    "core.create_department": _("Created a department"),
    "core.update_department": _("Changed a department"),
    "core.create_window": _("Created a window"),
    "core.update_window": _("Changed a window"),
    "core.create_user": _("Created a staff account"),
    "core.update_user": _("Changed a staff account"),
    "core.set_password": _("Set a password"),
    "core.set_staff_photo": _("Set or removed a staff photo"),
    "core.issue_token": _("Issued an API token"),
    "core.seed_calendar": _("Loaded official holidays"),
    "core.set_calendar_day": _("Changed a calendar day"),
    "core.confirm_calendar_year": _("Confirmed a year's holidays"),
}


def action_label(action: str) -> str | Promise:
    return ACTION_LABELS.get(action, action)


@dataclass(frozen=True)
class RequestContext:
    user: Any
    ip_address: str | None


_context: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "gaoxin_request_context", default=None
)


def client_ip(request: HttpRequest) -> str | None:
    # Behind nginx the address arrives in X-Forwarded-For; axes reads it the same way.
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def bind_request(request: HttpRequest) -> contextvars.Token[RequestContext | None]:
    return _context.set(RequestContext(user=request.user, ip_address=client_ip(request)))


def unbind_request(token: contextvars.Token[RequestContext | None]) -> None:
    _context.reset(token)


def current_ip() -> str | None:
    context = _context.get()
    return context.ip_address if context else None


def record(
    action: str,
    *,
    actor: User | None,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    username: str = "",
    ip_address: str | None = None,
) -> AuditEntry:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        actor_username=actor.get_username() if actor is not None else username,
        ip_address=ip_address or current_ip(),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=_jsonable(changes or {}),
    )


def diff(instance: models.Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value ``values`` changes, as ``{field: [old, new]}``."""
    changed: dict[str, list[Any]] = {}
    for name, new in values.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [old, new]
    return changed


def save_changes(
    instance: models.Model,
    values: dict[str, Any],
    *,
    action: str,
    actor: User | None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The common tail of an update service: set the fields, validate, save, and record what
    changed (plus ``extra`` changes the caller computed, e.g. of many-to-many fields)."""
    changes: dict[str, Any] = {**diff(instance, values), **(extra or {})}
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    if changes:
        record(action, actor=actor, obj=instance, changes=changes)
    return changes


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
