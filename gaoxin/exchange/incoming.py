"""The handling zone's side of 异地代收: applications a partner's window received on our behalf.

A partner sends each scan first (``application.file``), then the application
(``application.forward``). The application waits at our windows as an
``IncomingApplication`` until a clerk of ours ends it one of three ways:

- accepted (受理): through the intake services, exactly as if the applicant stood at our
  window, so the case, its numbers, notice, clock and statistics are those of a local one;
  from then on every step of the case is reported to the partner (``on_case_event``);
- a correction requested (需补正), or refused (不予受理): these stay on the incoming
  application and create no case here. The applicant stands at the partner's window, which
  received the application under its own receipt number and tells them; a case of ours in
  "awaiting correction" would wait at our desk for an applicant who never comes here. A
  corrected application the partner sends again under the same ``ref`` reopens it.

Each step is told to the partner (``application.status``) and written as a line of the
shared history (``ApplicationEvent``), in the transaction of the step itself.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.cases import intake
from gaoxin.cases.models import Case, CaseEvent, PendingUpload, Submission
from gaoxin.cases.workflow import ACTION_LABELS
from gaoxin.cases.workflow import Status as CaseStatus
from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.core import audit, notifications
from gaoxin.core.errors import DomainError
from gaoxin.core.models import User, Window
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.core.uploads import DOCUMENT_KINDS, check_upload
from gaoxin.exchange import documents, inbox, outbox, signing
from gaoxin.exchange.models import (
    ApplicationEvent,
    ExchangeFile,
    IncomingApplication,
    Partner,
    RejectedMessage,
)

Reason = RejectedMessage.Reason
Status = IncomingApplication.Status

FILE = "application.file"
FORWARD = "application.forward"
STATUS = "application.status"

# A scan travels base64-encoded in one message.
FILE_MAX_BYTES = 4 * 1024 * 1024
KIND_NAMES = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png", "ofd": "ofd"}

# The applicant's fields, as on cases.Case.
APPLICANT_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_name",
    "phone",
    "address",
    "agent_name",
    "agent_id_number",
    "agent_phone",
)
# A material's state as the partner's window recorded it; anything else counts as missing.
SENT_STATES = (Submission.State.RECEIVED, Submission.State.NOT_APPLICABLE)


class OutcomeRefused(DomainError):
    """The clerk's choice cannot be carried out as entered; ``errors`` says where."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


# --- What arrives -------------------------------------------------------------------------


def apply_file(partner: Partner, payload: dict[str, Any]) -> None:
    """A scan of a material, ahead of its application. A scan that is not what it claims
    (checksum, kind, size) is refused for good: the application then arrives without it, and
    our clerk sees the scan missing."""
    ref = _uuid(payload, "ref")
    file_id = _uuid(payload, "file_id")
    name = str(payload.get("name") or "")[:200] or f"{file_id}"
    try:
        data = base64.b64decode(str(payload.get("data") or ""), validate=True)
    except (binascii.Error, ValueError) as error:
        raise inbox.Refused(Reason.INVALID, _("The scan is not valid base64.")) from error
    if hashlib.sha256(data).hexdigest() != str(payload.get("sha256") or "").lower():
        raise inbox.Refused(
            Reason.INVALID, _("The scan %(name)s does not match its checksum.") % {"name": name}
        )
    try:
        kind = check_upload(
            SimpleUploadedFile(name, data), kinds=DOCUMENT_KINDS, max_bytes=FILE_MAX_BYTES
        )
    except ValidationError as error:
        raise inbox.Refused(Reason.INVALID, f"{name}: {'; '.join(error.messages)}") from error
    claimed = KIND_NAMES.get(str(payload.get("kind") or "").lower())
    if claimed != kind:
        raise inbox.Refused(
            Reason.INVALID,
            _("The scan %(name)s is a %(kind)s file, not what its message says.")
            % {"name": name, "kind": kind.upper()},
        )
    if ExchangeFile.objects.filter(pk=file_id).exists():
        raise inbox.Refused(Reason.INVALID, _("This scan has arrived before."))
    scan = ExchangeFile(id=file_id, partner=partner, ref=ref, name=name, kind=kind)
    scan.sha256 = hashlib.sha256(data).hexdigest()
    scan.file.save(f"{file_id}.{kind}", ContentFile(data), save=False)
    scan.save()


def apply_forward(partner: Partner, payload: dict[str, Any]) -> None:
    """An application received for us: it waits at our windows; the partner is told it
    arrived. An item we do not handle for partners (not current, or not open to cross-zone
    handling) is refused for good (NOT_AGREED), and the partner told so."""
    ref = _uuid(payload, "ref")
    received_at = _datetime(payload, "received_at")
    code = str(payload.get("item_code") or "")[:40]
    receipt_number = str(payload.get("receipt_number") or "")[:32]
    applicant = payload.get("applicant")
    materials = payload.get("materials")
    if not receipt_number or not isinstance(applicant, dict) or not isinstance(materials, list):
        raise DomainError(_("The application lacks its receipt number, applicant or materials."))
    item = ServiceItem.objects.filter(code=code, is_current=True, cross_zone=True).first()
    if item is None:
        detail = _("Item %(code)s is not one this zone handles for its partners.") % {
            "code": code or "—"
        }
        raise inbox.Refused(
            Reason.NOT_AGREED,
            detail,
            reply=lambda: _not_agreed(partner, ref, received_at, detail),
        )
    incoming = (
        IncomingApplication.objects.select_for_update().filter(partner=partner, ref=ref).first()
    )
    if incoming is not None and incoming.status != Status.CORRECTION:
        raise inbox.Refused(Reason.INVALID, _("This application has arrived before."))
    now = timezone.now()
    values = {
        "item": item,
        "receipt_number": receipt_number,
        "applicant": {name: str(applicant.get(name) or "")[:200] for name in APPLICANT_FIELDS},
        "materials": _materials(partner, ref, item, materials),
        "received_at": received_at,
        "received_by_name": str(payload.get("received_by") or "")[:100],
        "received_window": str(payload.get("window") or "")[:100],
        "arrived_at": now,
        "status": Status.WAITING,
        "handled_at": None,
        "handled_by": None,
        "note": "",
    }
    if incoming is None:
        incoming = IncomingApplication.objects.create(partner=partner, ref=ref, **values)
    else:
        # Corrected at the partner's window and sent again: it waits once more.
        for name, value in values.items():
            setattr(incoming, name, value)
        incoming.save()
    _line(ref, received_at, partner.code, "forward", "")
    report(incoming, "arrived", Status.WAITING, at=now)
    with translation.override(settings.LANGUAGE_CODE):
        notifications.notify_department(
            None,
            Capability.SERVE_AT_WINDOW,
            _("Application received for us by %(partner)s: %(item)s")
            % {"partner": partner.name, "item": item.name},
            f"{incoming.applicant.get('applicant_name', '')} · {receipt_number}",
            url=reverse("incoming_detail", args=[incoming.pk]),
            dedupe_key=f"incoming:{incoming.pk}:{now.isoformat()}",
        )


def _materials(
    partner: Partner, ref: uuid.UUID, item: ServiceItem, sent: list[Any]
) -> list[dict[str, Any]]:
    """The partner's materials on our item's list, in our order, each with our material's
    id; a material of ours the partner did not send is missing; one not on our list comes
    last, without an id."""
    ours = list(item.materials.order_by("order", "id"))
    by_name = {material.name: material for material in ours}
    arrived = {
        str(pk)
        for pk in ExchangeFile.objects.filter(partner=partner, ref=ref).values_list("pk", flat=True)
    }
    matched: dict[int, dict[str, Any]] = {}
    others = []
    for entry in sent:
        if not isinstance(entry, dict):
            raise DomainError(_("A material of the application is not a JSON object."))
        name = str(entry.get("name") or "")[:200]
        files = [str(f) for f in entry.get("files") or []]
        try:
            copies = max(0, min(int(entry.get("copies") or 0), 99))
        except (TypeError, ValueError):
            copies = 0
        state = str(entry.get("state") or "")
        row = {
            "name": name,
            "material_id": None,
            "requirement": str(entry.get("requirement") or "")[:20],
            "state": state if state in SENT_STATES else Submission.State.MISSING,
            "copies": copies,
            "files": [f for f in files if f in arrived],
            "files_missing": [f for f in files if f not in arrived],
        }
        material = by_name.get(name)
        if material is not None and material.pk not in matched:
            row.update(material_id=material.pk, requirement=material.need)
            matched[material.pk] = row
        else:
            others.append(row)
    rows = []
    for material in ours:
        rows.append(
            matched.get(material.pk)
            or {
                "name": material.name,
                "material_id": material.pk,
                "requirement": material.need,
                "state": Submission.State.MISSING,
                "copies": 0,
                "files": [],
                "files_missing": [],
            }
        )
    return rows + others


def _not_agreed(partner: Partner, ref: uuid.UUID, received_at: dt.datetime, detail: str) -> None:
    now = timezone.now()
    _line(ref, received_at, partner.code, "forward", "")
    _tell(partner, ref, "not_agreed", Status.REFUSED, at=now, note=detail)


# --- What we tell the partner ---------------------------------------------------------------


def report(
    incoming: IncomingApplication,
    action: str,
    status: str,
    *,
    at: dt.datetime,
    note: str = "",
    number: str | None = "",
    deadline: dt.date | None = None,
    listed: list[dict[str, str]] | None = None,
) -> None:
    """Tell the partner one step of the application (in the caller's transaction) and write
    it in the shared history; ``listed``: the result's documents the step issues, which the
    partner fetches (gaoxin.exchange.documents)."""
    _tell(
        incoming.partner,
        incoming.ref,
        action,
        status,
        at=at,
        note=note,
        number=number,
        deadline=deadline,
        listed=listed,
    )


def _tell(
    partner: Partner,
    ref: uuid.UUID,
    action: str,
    status: str,
    *,
    at: dt.datetime,
    note: str = "",
    number: str | None = "",
    deadline: dt.date | None = None,
    listed: list[dict[str, str]] | None = None,
) -> None:
    payload: dict[str, Any] = {
        "ref": str(ref),
        "action": action,
        "status": status,
        "number": number or "",
        "deadline": deadline.isoformat() if deadline else None,
        "at": at.isoformat(),
        "note": note,
    }
    if listed is not None:
        payload["documents"] = listed
    outbox.enqueue(partner, STATUS, payload)
    _line(ref, at, signing.own_zone_code(), action, status, note)


def _line(
    ref: uuid.UUID, at: dt.datetime, zone: str, action: str, status: str, note: str = ""
) -> None:
    # The same line twice (a corrected application sent again with the same time) is kept once.
    ApplicationEvent.objects.bulk_create(
        [ApplicationEvent(ref=ref, at=at, zone=zone, action=action, status=status, note=note)],
        ignore_conflicts=True,
    )


def on_case_event(event: CaseEvent, case: Case) -> None:
    """Each step of a case accepted from a partner, told to the partner as it happens (a
    listener of ``cases.history``, inside the step's transaction)."""
    if case.being_received:
        return  # accept() links the partner's application after the intake, and reports it
    incoming = IncomingApplication.objects.filter(case_id=case.pk).select_related("partner").first()
    if incoming is None:
        return
    report(
        incoming,
        event.action,
        case.status,
        at=event.at,
        note=event.note,
        number=case.number,
        deadline=case.deadline,
        listed=documents.listed(case, event.action),
    )


# --- The three ways our clerk ends it ---------------------------------------------------------


@transaction.atomic
def accept(*, actor: User, incoming: IncomingApplication, window: Window | None = None) -> Case:
    """受理: the case is made by the intake services from what the partner's window
    recorded, with the scans, as if the applicant stood here."""
    require(actor, Capability.SERVE_AT_WINDOW)
    incoming = _waiting(incoming)
    item = _current_item(incoming)
    held: list[PendingUpload] = []
    try:
        checks = _checks(actor, incoming, item, held)
        case = intake.accept(
            actor=actor,
            intake=intake.Intake(
                item=item, applicant=_applicant(incoming), checks=checks, window=window
            ),
        )
    except Exception:
        # Nothing is written; the copies of the scans made for the intake go too.
        for pending in held:
            pending.file.delete(save=False)
        raise
    incoming.case = case
    incoming.status = Status.ACCEPTED
    incoming.handled_at = timezone.now()
    incoming.handled_by = actor
    incoming.save()
    assert case.accepted_at is not None
    report(
        incoming,
        "accept",
        case.status,
        at=case.accepted_at,
        number=case.number,
        deadline=case.deadline,
    )
    audit.record(
        "exchange.accept_incoming",
        actor=actor,
        obj=incoming,
        changes={"status": [Status.WAITING, Status.ACCEPTED], "case": case.number},
    )
    return case


@transaction.atomic
def request_correction(
    *, actor: User, incoming: IncomingApplication, note: str
) -> IncomingApplication:
    """需补正: what is missing or wrong, sent back to the partner's window, which tells the
    applicant; no case and no clock here."""
    require(actor, Capability.SERVE_AT_WINDOW)
    if not note.strip():
        raise OutcomeRefused(
            _("Say what is missing or wrong."), {"note": [_("Say what is missing or wrong.")]}
        )
    incoming = _waiting(incoming)
    return _end(actor, incoming, Status.CORRECTION, "request_correction", note.strip())


@transaction.atomic
def refuse(
    *, actor: User, incoming: IncomingApplication, reason: str, basis: str
) -> IncomingApplication:
    """不予受理, with the reason and its legal basis (the note: reason, then basis)."""
    require(actor, Capability.SERVE_AT_WINDOW)
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason for refusing.")]
    if not basis.strip():
        errors["basis"] = [_("Give the legal basis of the refusal.")]
    if errors:
        raise OutcomeRefused(_("A refusal needs its reason and legal basis."), errors)
    incoming = _waiting(incoming)
    note = f"{reason.strip()}\n{basis.strip()}"
    return _end(actor, incoming, Status.REFUSED, "refuse", note)


def _end(
    actor: User, incoming: IncomingApplication, status: str, action: str, note: str
) -> IncomingApplication:
    now = timezone.now()
    incoming.status = status
    incoming.note = note
    incoming.handled_at = now
    incoming.handled_by = actor
    incoming.save()
    report(incoming, action, status, at=now, note=note)
    audit.record(
        f"exchange.{action}_incoming",
        actor=actor,
        obj=incoming,
        changes={"status": [Status.WAITING, status], "note": note},
    )
    return incoming


def _waiting(incoming: IncomingApplication) -> IncomingApplication:
    locked = (
        IncomingApplication.objects.select_for_update()
        .select_related("partner", "item")
        .get(pk=incoming.pk)
    )
    if locked.status != Status.WAITING:
        raise DomainError(
            _("This application is no longer waiting: it is %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _current_item(incoming: IncomingApplication) -> ServiceItem:
    """The item's version in force (it may have been revised since the application came)."""
    if incoming.item.is_current:
        return incoming.item
    item = ServiceItem.objects.filter(code=incoming.item.code, is_current=True).first()
    if item is None:
        raise DomainError(_("This item has been withdrawn: refuse the application."))
    return item


def _applicant(incoming: IncomingApplication) -> intake.Applicant:
    given = incoming.applicant
    return intake.Applicant(
        kind=given.get("applicant_kind", ""),
        name=given.get("applicant_name", ""),
        phone=given.get("phone", ""),
        id_number=given.get("id_number", ""),
        credit_code=given.get("credit_code", ""),
        legal_representative=given.get("legal_representative", ""),
        contact_name=given.get("contact_name", ""),
        address=given.get("address", ""),
        agent_name=given.get("agent_name", ""),
        agent_id_number=given.get("agent_id_number", ""),
        agent_phone=given.get("agent_phone", ""),
    )


def _checks(
    actor: User, incoming: IncomingApplication, item: ServiceItem, held: list[PendingUpload]
) -> list[intake.MaterialCheck]:
    """The intake's checklist from the partner's materials, matched by name (the item may
    have been revised since), each received material with its first scan held for the
    accepting clerk as if just uploaded at the window."""
    sent = {row["name"]: row for row in incoming.materials if row.get("material_id")}
    scans = {
        str(scan.pk): scan
        for scan in ExchangeFile.objects.filter(partner=incoming.partner, ref=incoming.ref)
    }
    checks = []
    material: Material
    for material in item.materials.all():
        row = sent.get(material.name)
        if row is None:
            checks.append(intake.MaterialCheck(material.pk, Submission.State.MISSING))
            continue
        upload = None
        found = [scans[f] for f in row.get("files", []) if f in scans]
        if found and row["state"] == Submission.State.RECEIVED:
            with found[0].file.open("rb") as stored:
                upload = intake.hold_upload(actor=actor, file=File(stored, name=found[0].name))
            held.append(upload)
        checks.append(
            intake.MaterialCheck(
                material.pk,
                row["state"],
                copies=row.get("copies", 0),
                upload_id=upload.pk if upload else None,
            )
        )
    return checks


# --- Reading ------------------------------------------------------------------------------------


def badge(case: Case) -> str | None:
    """The mark of a case received for us by a partner, on our case and work pages."""
    incoming = IncomingApplication.objects.filter(case_id=case.pk).select_related("partner").first()
    if incoming is None:
        return None
    return _("Received for us by %(partner)s (receipt number %(number)s)") % {
        "partner": incoming.partner.name,
        "number": incoming.receipt_number,
    }


# The lines of the shared history that are not steps of a case.
EVENT_LABELS = {
    "forward": gettext_lazy("Received and forwarded by the partner zone"),
    "arrived": gettext_lazy("Arrived here, waiting for acceptance"),
    "not_agreed": gettext_lazy("Not accepted: not an item handled for partner zones"),
    "request_correction": gettext_lazy("Correction requested"),
    "refuse": gettext_lazy("Not accepted"),
    "hand_over": gettext_lazy("Handed out at the partner zone's window"),
}


def history(incoming: IncomingApplication) -> list[dict[str, Any]]:
    """The shared history, each line with what it is called on screen."""
    statuses = {**dict(CaseStatus.choices), **dict(Status.choices)}
    return [
        {
            "at": line.at,
            "zone": line.zone,
            "label": EVENT_LABELS.get(line.action) or ACTION_LABELS.get(line.action, line.action),
            "status": statuses.get(line.status, line.status),
            "note": line.note,
        }
        for line in ApplicationEvent.objects.filter(ref=incoming.ref).order_by("at", "id")
    ]


def _uuid(payload: dict[str, Any], name: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(payload.get(name)))
    except ValueError as error:
        raise DomainError(_("The message has no valid %(name)s.") % {"name": name}) from error


def _datetime(payload: dict[str, Any], name: str) -> dt.datetime:
    try:
        value = parse_datetime(str(payload.get(name) or ""))
    except ValueError:
        value = None
    if value is None or timezone.is_naive(value):
        raise DomainError(
            _("The message's %(name)s is not a date and time with its offset.") % {"name": name}
        )
    return value
