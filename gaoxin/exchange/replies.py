"""What a partner zone tells us about an application our window received for it
("application.status"): each report becomes a line of the shared history, updates what we
know of the partner's case (number, status, deadline), and tells the clerk who received it
when there is something to do at our window (a correction, a refusal, a result to hand over).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, NoReturn

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core import notifications
from gaoxin.core.errors import DomainError
from gaoxin.exchange import inbox
from gaoxin.exchange.models import (
    ApplicationEvent,
    ForwardedApplication,
    Partner,
    RejectedMessage,
)

STATUS_KIND = "application.status"

Status = ForwardedApplication.Status

# What the partner did before its case exists (its clerk's decision on the application).
BY_ACTION: dict[str, str | None] = {
    "arrived": None,  # stays FORWARDED
    "accept": Status.ACCEPTED,
    "request_correction": Status.CORRECTION,
    "refuse": Status.REFUSED,
    "not_agreed": Status.REFUSED,
}
# Afterwards, the status of the partner's case (cases.workflow.Status values).
BY_CASE_STATUS: dict[str, str] = {
    "accepted": Status.IN_PROGRESS,
    "in_review": Status.IN_PROGRESS,
    "suspended": Status.IN_PROGRESS,
    "decided": Status.IN_PROGRESS,
    "awaiting_delivery": Status.READY,
    "completed": Status.DELIVERED,
    "terminated": Status.ENDED,
    "withdrawn": Status.ENDED,
}

# The clerk who received the application is told when these are reached.
TOLD: dict[str, Any] = {
    Status.READY: _("The result of %(number)s is ready to hand over here"),
    Status.CORRECTION: _("%(partner)s asks for a correction of %(number)s"),
    Status.REFUSED: _("%(partner)s did not accept %(number)s"),
}


def target_status(action: str, case_status: str) -> str | None:
    """Our status after the partner reports ``action`` with its ``case_status``; None when
    it stays as it is."""
    if action in BY_ACTION:
        return BY_ACTION[action]
    return BY_CASE_STATUS.get(case_status)


def apply_status(partner: Partner, payload: dict[str, Any]) -> None:
    """The inbox's handler of "application.status" (runs in the inbox's transaction)."""
    ref = _ref(payload.get("ref"))
    forwarded = (
        ForwardedApplication.objects.select_for_update()
        .select_related("partner")
        .filter(ref=ref, partner=partner)
        .first()
    )
    if forwarded is None:
        _unknown(partner, ref)
    action = _text(payload.get("action"), 40)
    if not action:
        raise DomainError(gettext("The status report has no action."))
    case_status = _text(payload.get("status"), 20)
    at = parse_datetime(str(payload.get("at") or ""))
    if at is None or at.tzinfo is None:
        raise DomainError(gettext("The status report has no time with its offset."))
    note = str(payload.get("note") or "")
    # The same line reported again (or written already by the partner, when the partner
    # is this very deployment) is kept once.
    if not ApplicationEvent.objects.filter(
        ref=ref, zone=partner.code, action=action, at=at
    ).exists():
        ApplicationEvent.objects.create(
            ref=ref, zone=partner.code, action=action, at=at, status=case_status, note=note
        )
    number = _text(payload.get("number"), 32)
    if number:
        forwarded.remote_number = number
    if case_status:
        forwarded.remote_status = case_status
    deadline = payload.get("deadline")
    if deadline:
        parsed = parse_date(str(deadline))
        if parsed is None:
            raise DomainError(gettext("The status report's deadline is not a date."))
        forwarded.remote_deadline = parsed
    before = forwarded.status
    after = target_status(action, case_status) or before
    forwarded.status = after
    forwarded.save()
    if after != before and after in TOLD:
        _tell_clerk(forwarded, after, at)


def _tell_clerk(forwarded: ForwardedApplication, status: str, at: dt.datetime) -> None:
    # In the zone's language, as every notification is written.
    with translation.override(settings.LANGUAGE_CODE):
        title = TOLD[status] % {"number": forwarded.receipt_number, "partner": forwarded.partner}
    notifications.notify(
        forwarded.received_by,
        title,
        f"{forwarded.item_name} · {forwarded.applicant.get('applicant_name', '')}",
        reverse("forwarded_detail", args=[forwarded.ref]),
        dedupe_key=f"exchange.forwarded:{forwarded.ref}:{status}:{at:%Y%m%d%H%M%S}",
    )


def _unknown(partner: Partner, ref: uuid.UUID) -> NoReturn:
    detail = gettext("No application %(ref)s was forwarded to %(partner)s.") % {
        "ref": ref,
        "partner": partner.code,
    }
    # Taken and logged, so the partner's later messages are not held up behind it.
    raise inbox.Refused(RejectedMessage.Reason.INVALID, detail)


def _ref(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise DomainError(gettext("The status report has no valid ref.")) from None


def _text(value: Any, length: int) -> str:
    return str(value or "").strip()[:length]
