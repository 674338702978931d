"""Sign-ins and failed sign-ins go to the audit log; and the signals later apps listen to."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import Signal, receiver
from django.http import HttpRequest

from gaoxin.core import audit

# Sent with ``year`` when an administrator confirms a year's official schedule: apps holding
# provisional deadlines in that year recompute them.
calendar_year_confirmed = Signal()


@receiver(user_logged_in)
def _audit_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.record("core.sign_in", actor=user, obj=user, ip_address=audit.client_ip(request))


@receiver(user_logged_out)
def _audit_sign_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record("core.sign_out", actor=user, obj=user, ip_address=audit.client_ip(request))


@receiver(user_login_failed)
def _audit_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    audit.record(
        "core.sign_in_failed",
        actor=None,
        username=str(credentials.get("username", ""))[:150],
        ip_address=audit.client_ip(request) if request is not None else None,
    )
