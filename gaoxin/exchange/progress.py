"""The public progress page at the zone that received an application for a partner: the
applicant types the receipt number on their slip and four characters of their phone or ID
number, as for a case of ours, and sees the partner's status, number and deadline and the
shared history (what happened and where; never who, never what anyone wrote).
Registered in ``cases.progress_lookups`` by ``ExchangeConfig.ready()``."""

from __future__ import annotations

from typing import Any

from gaoxin.core.models import Zone
from gaoxin.exchange.models import ApplicationEvent, ForwardedApplication

CHECKED_FIELDS = ("phone", "id_number", "agent_phone", "credit_code")


def find_forwarded(number: str, check: str) -> dict[str, Any] | None:
    forwarded = (
        ForwardedApplication.objects.select_related("partner").filter(receipt_number=number).first()
    )
    if forwarded is None:
        return None
    applicant = forwarded.applicant or {}
    values = [str(applicant.get(name) or "").upper() for name in CHECKED_FIELDS]
    if not any(value and value.endswith(check) for value in values):
        return None
    # The labels live with the clerk's pages; read here only once something was found.
    from gaoxin.exchange.views_forward import action_labels, status_labels

    zone = Zone.current()
    zones = {forwarded.partner.code: forwarded.partner.name}
    if zone is not None:
        zones[zone.code] = zone.short_name or zone.name
    actions, statuses = action_labels(), status_labels()
    steps = [
        {
            "at": event.at,
            "zone": zones.get(event.zone, event.zone),
            "label": actions.get(event.action, event.action),
        }
        for event in ApplicationEvent.objects.filter(ref=forwarded.ref).order_by("at", "id")
    ]
    return {
        "template": "exchange/progress_forwarded.html",
        "forwarded": forwarded,
        "steps": steps,
        "remote_status": statuses.get(forwarded.remote_status, forwarded.remote_status),
    }
