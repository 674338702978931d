"""异地代收 at our window: an application for a partner zone's item, received here and
forwarded to the partner, which decides under its own clock and reports back
(gaoxin.exchange.replies).

The clerk checks the applicant as the intake desk does and the materials against the
partner's list (``AgreedItem.materials``); then, in one transaction, the application is
recorded (``ForwardedApplication``), each scan is kept (``ExchangeFile``) and put in the
outbox ahead of the application itself, so the partner never receives an application
without its scans.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.cases import intake, numbering
from gaoxin.cases.models import PendingUpload
from gaoxin.core import audit
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import User, Window, Zone
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.core.uploads import JPEG, PDF, PNG
from gaoxin.exchange import outbox
from gaoxin.exchange.models import AgreedItem, ApplicationEvent, ExchangeFile, ForwardedApplication

FILE_KIND = "application.file"
FORWARD_KIND = "application.forward"
FORWARD_ACTION = "forward"

# The kinds of scan a partner takes, as the messages name them (our uploads say "jpeg").
SCAN_KINDS = (PDF, JPEG, PNG)
MESSAGE_KINDS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}

# A scan travels base64-encoded (4/3 of its size) in one message, which the partner's inbox
# takes up to DATA_UPLOAD_MAX_MEMORY_SIZE (5 MiB): so at most 4 MiB, and less while the
# inbox's limit would not hold a 4 MiB scan with the message around it.
MESSAGE_ROOM = 16 * 1024


def max_scan_bytes() -> int:
    fits = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE - MESSAGE_ROOM) * 3 // 4
    return min(4 * 1024 * 1024, fits)


@dataclass
class MaterialReceipt:
    """One entry of the partner's list as the clerk checked it: received or not, how many
    copies, and the scans held for it (``cases.intake.hold_upload``)."""

    received: bool
    copies: int = 0
    upload_ids: list[uuid.UUID] = field(default_factory=list)


def material_key(index: int) -> str:
    """The key of the ``index``-th material (from 0) in a refusal's errors."""
    return f"material-{index}"


def hold_scan(*, actor: User, file: Any) -> PendingUpload:
    """Keep a scan for a partner's material until the application is forwarded: a PDF, JPEG
    or PNG small enough to travel in one message."""
    require(actor, Capability.SERVE_AT_WINDOW)
    limit = max_scan_bytes()
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; a scan for a partner zone may be at most %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    return intake.hold_upload(actor=actor, file=file, kinds=SCAN_KINDS)


@transaction.atomic
def forward(
    *,
    actor: User,
    item: AgreedItem,
    applicant: intake.Applicant,
    materials: list[MaterialReceipt],
    window: Window | None,
) -> ForwardedApplication:
    """Receive an application for ``item`` on its partner's behalf and forward it.

    Refused with ``IntakeRefused`` (field by field, materials as ``material-<index>``) when
    the applicant's details are wrong or a material the partner requires was not received;
    with ``DomainError`` when the partner or the item is no longer agreed."""
    require(actor, Capability.SERVE_AT_WINDOW)
    item = AgreedItem.objects.select_related("partner").get(pk=item.pk)
    partner = item.partner
    if not partner.is_active:
        raise DomainError(
            _("%(partner)s is no longer an active partner zone: nothing can be forwarded to it.")
            % {"partner": partner}
        )
    if not item.is_active:
        raise DomainError(
            _("%(partner)s no longer agrees to our receiving %(item)s.")
            % {"partner": partner, "item": item.name}
        )
    if window is not None and window.kind == Window.Kind.DELIVERY:
        raise NotAllowed(_("A delivery window does not receive applications."))
    zone = Zone.current()
    if zone is None or not zone.code:
        raise DomainError(_("This zone's code is not set: an administrator sets it first."))

    errors: dict[str, list[str]] = {}
    try:
        values = intake.applicant_values(applicant)
    except intake.IntakeRefused as refused:
        values, errors = {}, dict(refused.errors)
    uploads = _uploads(actor, materials, errors)
    missing = _missing(item, materials, errors)
    if errors:
        if missing:
            message = _(
                "Materials %(partner)s requires are missing: %(names)s. Receive them first."
            ) % {"partner": partner, "names": "、".join(missing)}
        elif any(key.startswith("material-") for key in errors):
            message = _("Please check the scans.")
        else:
            message = _("Please correct the applicant's details.")
        raise intake.IntakeRefused(message, errors)

    now = timezone.now()
    ref = uuid.uuid4()
    files: dict[uuid.UUID, ExchangeFile] = {}
    file_messages = []
    for upload in uploads.values():
        exchange_file, payload = _keep_scan(partner, ref, upload, now)
        files[upload.pk] = exchange_file
        file_messages.append(payload)
    entries = []
    for entry, receipt in zip(item.materials, materials, strict=True):
        entries.append(
            {
                "name": str(entry.get("name", "")),
                "requirement": str(entry.get("requirement", "")),
                "state": "received" if receipt.received else "not_applicable",
                "copies": max(0, min(receipt.copies, 99)) if receipt.received else 0,
                "files": [str(files[pk].pk) for pk in receipt.upload_ids]
                if receipt.received
                else [],
            }
        )
    # The number last: its counter stays locked until commit.
    forwarded = ForwardedApplication.objects.create(
        ref=ref,
        partner=partner,
        item=item,
        item_code=item.code,
        item_version=item.version,
        item_name=item.name,
        receipt_number=numbering.receipt_number(timezone.localdate(now)),
        applicant=values,
        materials=entries,
        window=window,
        received_by=actor,
        received_at=now,
        status=ForwardedApplication.Status.FORWARDED,
    )
    # The scans first: the partner has them all when the application arrives.
    for payload in file_messages:
        outbox.enqueue(partner, FILE_KIND, payload)
    outbox.enqueue(partner, FORWARD_KIND, forward_payload(forwarded))
    ApplicationEvent.objects.create(
        ref=ref,
        at=now,
        zone=zone.code,
        action=FORWARD_ACTION,
        status=ForwardedApplication.Status.FORWARDED,
    )
    audit.record(
        "exchange.forward",
        actor=actor,
        obj=forwarded,
        changes={
            "partner": partner.code,
            "item": f"{item.code} v{item.version}",
            "applicant": values["applicant_name"],
            "scans": len(files),
        },
    )
    # The scans now travel with the application; the clerk's held copies go.
    held = [upload.file.name for upload in uploads.values() if upload.file.name]
    PendingUpload.objects.filter(pk__in=list(uploads)).delete()
    transaction.on_commit(lambda: _delete_files(held))
    return forwarded


def _delete_files(names: list[str]) -> None:
    storage = PendingUpload._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def forward_payload(forwarded: ForwardedApplication) -> dict[str, Any]:
    return {
        "ref": str(forwarded.ref),
        "item_code": forwarded.item_code,
        "item_version": forwarded.item_version,
        "item_name": forwarded.item_name,
        "receipt_number": forwarded.receipt_number,
        "received_at": forwarded.received_at.isoformat(),
        "received_by": forwarded.received_by.full_name or forwarded.received_by.get_username(),
        "window": str(forwarded.window) if forwarded.window else "",
        "applicant": dict(forwarded.applicant),
        "materials": list(forwarded.materials),
    }


def _uploads(
    actor: User, materials: list[MaterialReceipt], errors: dict[str, list[str]]
) -> dict[uuid.UUID, PendingUpload]:
    """The clerk's held scans the checklist names, each checked to travel."""
    wanted = [pk for receipt in materials if receipt.received for pk in receipt.upload_ids]
    held = {u.pk: u for u in PendingUpload.objects.filter(pk__in=wanted, owner=actor)}
    limit = max_scan_bytes()
    for index, receipt in enumerate(materials):
        if not receipt.received:
            continue
        for pk in receipt.upload_ids:
            upload = held.get(pk)
            key = material_key(index)
            if upload is None:
                errors.setdefault(key, []).append(_("A scan is no longer held: upload it again."))
            elif upload.kind not in MESSAGE_KINDS:
                errors.setdefault(key, []).append(
                    _("%(name)s: a partner zone takes PDF, JPEG or PNG scans only.")
                    % {"name": upload.name}
                )
            elif upload.size > limit:
                errors.setdefault(key, []).append(
                    _("%(name)s is %(size)s; a scan for a partner zone may be at most %(limit)s.")
                    % {
                        "name": upload.name,
                        "size": filesizeformat(upload.size),
                        "limit": filesizeformat(limit),
                    }
                )
    return {pk: held[pk] for pk in dict.fromkeys(wanted) if pk in held}


def _missing(
    item: AgreedItem, materials: list[MaterialReceipt], errors: dict[str, list[str]]
) -> list[str]:
    """The names of the materials the partner requires that were not received."""
    if len(materials) != len(item.materials):
        raise DomainError(_("The checklist does not belong to this item."))
    missing = []
    for index, (entry, receipt) in enumerate(zip(item.materials, materials, strict=True)):
        if entry.get("requirement") == "required" and not receipt.received:
            missing.append(str(entry.get("name", "")))
            errors.setdefault(material_key(index), []).append(
                _("%(partner)s requires this material.") % {"partner": item.partner}
            )
    return missing


def _keep_scan(
    partner: Any, ref: uuid.UUID, upload: PendingUpload, now: Any
) -> tuple[ExchangeFile, dict[str, Any]]:
    with upload.file.open("rb") as source:
        data = source.read()
    kind = MESSAGE_KINDS[upload.kind]
    digest = hashlib.sha256(data).hexdigest()
    kept = ExchangeFile(
        partner=partner, ref=ref, name=upload.name, kind=kind, sha256=digest, created_at=now
    )
    kept.file.save(f"{kept.pk}.{kind}", ContentFile(data), save=False)
    kept.save()
    payload = {
        "ref": str(ref),
        "file_id": str(kept.pk),
        "name": kept.name,
        "kind": kind,
        "sha256": digest,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return kept, payload
