"""The result handed out at the window that received the application (跨区通办, 异地出件).

At the receiving zone (A): once the handling zone reported the result ready and its
documents arrived (gaoxin.exchange.documents), a window clerk of ours hands it over as the
delivery window does for a local case (``cases.delivery``'s rules: who may collect, the
signed receipt, or the post), the application is DELIVERED here, the line written in the
shared history, and the partner told ("application.delivered").

At the handling zone (B): that message completes the case (办结) through
``cases.delivery.deliver_at_partner``: the completion notice is issued and the step is told
back to the partner like every other one.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from gaoxin.cases import delivery as cases_delivery
from gaoxin.cases.backoffice import StepRefused
from gaoxin.cases.models import Case, Delivery, PendingUpload
from gaoxin.cases.workflow import Status as CaseStatus
from gaoxin.core import audit
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.identity import normalise_resident_id
from gaoxin.core.models import User
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.core.uploads import check_upload
from gaoxin.exchange import documents, inbox, incoming, outbox, signing
from gaoxin.exchange.models import (
    ApplicationEvent,
    ExchangeFile,
    ForwardedApplication,
    IncomingApplication,
    Partner,
    RejectedMessage,
)

DELIVERED_KIND = "application.delivered"
# The line of the shared history: the result handed out at the receiving zone's window.
HAND_OVER_ACTION = "hand_over"
METHODS = (Delivery.Method.PICKUP, Delivery.Method.POST)
SLOTS = ("authorisation", "receipt")

Status = ForwardedApplication.Status


def stand_in(forwarded: ForwardedApplication) -> Case:
    """The applicant on record as an (unsaved) case, for ``cases.delivery``'s checks."""
    given = forwarded.applicant
    return Case(
        applicant_kind=given.get("applicant_kind", ""),
        applicant_name=given.get("applicant_name", ""),
        id_number=given.get("id_number", ""),
        agent_name=given.get("agent_name", ""),
        agent_id_number=given.get("agent_id_number", ""),
    )


def identity_matches(forwarded: ForwardedApplication, id_number: str) -> bool:
    return cases_delivery.identity_matches(stand_in(forwarded), id_number)


def slot_file_id(ref: uuid.UUID, slot: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"gaoxin-exchange:{ref}/hand-over/{slot}")


@transaction.atomic
def hand_over(
    *, actor: User, forwarded: ForwardedApplication, handover: cases_delivery.Handover
) -> ForwardedApplication:
    """Hand the partner's result to the applicant at our window (or post it)."""
    require(actor, Capability.SERVE_AT_WINDOW)
    forwarded = (
        ForwardedApplication.objects.select_for_update()
        .select_related("partner")
        .get(pk=forwarded.pk)
    )
    if forwarded.status != Status.READY:
        raise DomainError(
            _("This application is %(status)s: there is no result to hand out here.")
            % {"status": forwarded.get_status_display()}
        )
    waiting = documents.missing(forwarded)
    if waiting:
        raise DomainError(
            _(
                "The partner zone's documents have not all arrived yet: %(names)s. "
                "Try again shortly."
            )
            % {"names": "、".join(d.title or d.number for d in waiting)}
        )
    if handover.method not in METHODS:
        raise StepRefused(
            _("The hand-over is not complete."), {"method": [_("Choose pick-up or post.")]}
        )
    errors = cases_delivery.check_handover(stand_in(forwarded), handover)
    files: dict[str, tuple[Any, str]] = {}
    held: list[PendingUpload] = []
    for slot in SLOTS:
        upload = getattr(handover, slot)
        if isinstance(upload, PendingUpload):
            if upload.owner_id != actor.pk:
                raise NotAllowed(_("This upload belongs to someone else."))
            held.append(upload)
            files[slot] = (upload.file.open("rb"), upload.kind)
        elif upload:
            try:
                files[slot] = (upload, check_upload(upload, kinds=cases_delivery.DELIVERY_KINDS))
            except ValidationError as error:
                errors[slot] = list(error.messages)
    if errors:
        for content, _kind in files.values():
            content.close()
        raise StepRefused(_("The hand-over is not complete."), errors)

    now = timezone.now()
    names = {"authorisation": _("Letter of authorisation"), "receipt": _("Signed receipt")}
    for slot, (content, kind) in files.items():
        kept = ExchangeFile(
            id=slot_file_id(forwarded.ref, slot),
            partner=forwarded.partner,
            ref=forwarded.ref,
            name=str(names[slot]),
            kind="jpg" if kind == "jpeg" else kind,
            created_at=now,
        )
        data = content.read()
        content.close()
        kept.sha256 = hashlib.sha256(data).hexdigest()
        kept.file.save(f"{kept.pk}.{kept.kind}", ContentFile(data), save=False)
        kept.save(force_insert=True)
    for upload in held:
        _forget_after_commit(upload)

    recipient = handover.recipient_name.strip()
    posted = handover.method == Delivery.Method.POST
    forwarded.status = Status.DELIVERED
    forwarded.save()
    note = (
        " ".join(p for p in (handover.carrier.strip(), handover.tracking_number.strip()) if p)
        if posted
        else recipient
    )
    ApplicationEvent.objects.create(
        ref=forwarded.ref,
        at=now,
        zone=signing.own_zone_code(),
        action=HAND_OVER_ACTION,
        # The partner's case status follows on its own line (completed, once it is told).
        status="",
        note=note,
    )
    outbox.enqueue(
        forwarded.partner,
        DELIVERED_KIND,
        {
            "ref": str(forwarded.ref),
            "method": handover.method,
            "at": now.isoformat(),
            "recipient_name": "" if posted else recipient,
            "by_agent": bool(handover.by_agent) and not posted,
            "carrier": handover.carrier.strip() if posted else "",
            "tracking_number": handover.tracking_number.strip() if posted else "",
        },
    )
    audit.record(
        "exchange.hand_over",
        actor=actor,
        obj=forwarded,
        changes={
            "status": [Status.READY, Status.DELIVERED],
            "method": handover.method,
            "recipient_id_number": normalise_resident_id(handover.recipient_id_number)
            if not posted
            else "",
            "tracking_number": handover.tracking_number.strip() if posted else "",
        },
    )
    return forwarded


def _forget_after_commit(upload: PendingUpload) -> None:
    name, storage = upload.file.name, upload.file.storage
    upload.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- At the handling zone ------------------------------------------------------------------


def apply_delivered(partner: Partner, payload: dict[str, Any]) -> None:
    """The inbox's handler of "application.delivered": the partner handed our result out at
    its window; the case is completed here. A message that cannot complete a case (unknown
    application, a case no longer awaiting delivery) is refused for good and logged, so the
    partner's later messages are not held up behind it."""
    try:
        ref = uuid.UUID(str(payload.get("ref")))
    except ValueError as error:
        raise DomainError(_("The message has no valid ref.")) from error
    at = parse_datetime(str(payload.get("at") or ""))
    if at is None or timezone.is_naive(at):
        raise DomainError(_("The message's at is not a date and time with its offset."))
    method = str(payload.get("method") or "")
    if method not in METHODS:
        raise DomainError(_("The hand-over's method is neither pick-up nor post."))
    received = (
        # Only this row: its case and clerk are nullable (outer joins PostgreSQL won't lock).
        IncomingApplication.objects.select_for_update(of=("self",))
        .select_related("case", "handled_by")
        .filter(partner=partner, ref=ref)
        .first()
    )
    if received is None or received.case is None or received.handled_by is None:
        raise inbox.Refused(
            RejectedMessage.Reason.INVALID,
            _("No case of ours was accepted from application %(ref)s.") % {"ref": ref},
        )
    case = received.case
    if case.status != CaseStatus.AWAITING_DELIVERY:
        raise inbox.Refused(
            RejectedMessage.Reason.INVALID,
            _("Case %(number)s is %(status)s: it has no result to hand out.")
            % {"number": case.number, "status": case.get_status_display()},
        )
    posted = method == Delivery.Method.POST
    recipient = str(payload.get("recipient_name") or "").strip()[:50]
    carrier = str(payload.get("carrier") or "").strip()[:50]
    tracking = str(payload.get("tracking_number") or "").strip()[:40]
    incoming._line(
        ref,
        at,
        partner.code,
        HAND_OVER_ACTION,
        "",
        " ".join(p for p in (carrier, tracking) if p) if posted else recipient,
    )
    cases_delivery.deliver_at_partner(
        clerk=received.handled_by,
        case=case,
        handover=cases_delivery.Handover(
            method=Delivery.Method.PARTNER,
            recipient_name="" if posted else recipient,
            by_agent=bool(payload.get("by_agent")) and not posted,
            carrier=carrier if posted else "",
            tracking_number=tracking if posted else "",
        ),
    )
