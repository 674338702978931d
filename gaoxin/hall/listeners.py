"""The hall's answers to the apps below it: the intake desk asks who stands at the window (the
ticket's person, when known), and the cases app tells of each case event (an intake ended or a
result handed over links the ticket served to the case)."""

from __future__ import annotations

from typing import Any

from gaoxin.cases.models import Case, CaseEvent
from gaoxin.core.models import User, Window
from gaoxin.hall import services
from gaoxin.hall.models import Ticket


def case_event(event: CaseEvent, case: Case) -> None:
    if event.actor_id is None or event.action not in services.SERVED_AT_WINDOW:
        return
    actor = event.actor
    assert isinstance(actor, User)
    services.link_case(actor=actor, case=case, action=event.action)


def desk_prefill(user: Any, window: Window | None) -> dict[str, Any] | None:
    """The person of the ticket called or served at the desk's window (else the one the clerk
    is serving), when the ticket knows them: a checked-in booking."""
    current = Ticket.objects.filter(status__in=services.CURRENT)
    if window is not None:
        current = current.filter(window=window)
    elif getattr(user, "pk", None) is not None:
        current = current.filter(served_by=user.pk)
    else:
        return None
    ticket = current.order_by("-called_at").first()
    if ticket is None or not ticket.name:
        return None
    return {
        "kind": "person",
        "name": ticket.name,
        "id_number": ticket.id_number,
        "phone": ticket.phone,
    }
