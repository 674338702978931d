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

from gaoxin.core.models import AuditEntry, User


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
