"""Applications a partner zone received for us, as its outbox sends them: one message per
scan, then the application. The partner is this deployment itself (the ``ourselves``
fixture), so what we tell it lands in our own outbox."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from typing import Any

from django.db.models import Max

from gaoxin.cases.tests.factories import person
from gaoxin.catalog.models import Material, ServiceItem
from gaoxin.exchange import inbox, incoming
from gaoxin.exchange.models import InboxMessage, IncomingApplication, OutboxMessage, Partner

# Enough of each kind for the content check (which reads the first bytes).
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
RECEIVED_AT = dt.datetime(2026, 12, 1, 1, 30, tzinfo=dt.UTC)
PARTNER_RECEIPT = "XAGX-SJ-20261201-0007"


def next_sequence(partner: Partner) -> int:
    last = InboxMessage.objects.filter(partner=partner).aggregate(last=Max("sequence"))["last"]
    return (last or 0) + 1


def message(partner: Partner, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "sequence": next_sequence(partner),
        "kind": kind,
        "payload": payload,
    }


def scan(
    ref: uuid.UUID | str,
    name: str = "营业执照.pdf",
    data: bytes = PDF,
    *,
    kind: str = "pdf",
    sha256: str | None = None,
) -> dict[str, Any]:
    return {
        "ref": str(ref),
        "file_id": str(uuid.uuid4()),
        "name": name,
        "kind": kind,
        "sha256": sha256 or hashlib.sha256(data).hexdigest(),
        "data": base64.b64encode(data).decode(),
    }


def applicant() -> dict[str, str]:
    given = person()
    return {
        "applicant_kind": given.kind,
        "applicant_name": given.name,
        "id_number": given.id_number,
        "credit_code": "",
        "legal_representative": "",
        "contact_name": "",
        "phone": given.phone,
        "address": "西安市高新区锦业路1号",
        "agent_name": "",
        "agent_id_number": "",
        "agent_phone": "",
    }


def materials(item: ServiceItem, files: dict[str, list[str]] | None = None, *, leave_out=()):
    """The item's list as the partner's window checked it: every required material
    received, the conditional ones not applying; ``leave_out`` names ones not sent."""
    files = files or {}
    return [
        {
            "name": m.name,
            "requirement": m.need,
            "state": "not_applicable" if m.need == Material.Need.CONDITIONAL else "received",
            "copies": m.copies,
            "files": files.get(m.name, []),
        }
        for m in item.materials.order_by("order", "id")
        if m.name not in leave_out
    ]


def forward(
    ref: uuid.UUID | str,
    item: ServiceItem | None,
    *,
    code: str = "",
    material_list: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "ref": str(ref),
        "item_code": code or (item.code if item else ""),
        "item_version": item.version if item else 1,
        "item_name": item.name if item else "某事项",
        "receipt_number": PARTNER_RECEIPT,
        "received_at": RECEIVED_AT.isoformat(),
        "received_by": "周敏",
        "window": "01 综合受理窗口",
        "applicant": applicant(),
        "materials": material_list if material_list is not None else materials(item),
    }


def arrive(
    partner: Partner, item: ServiceItem, *, scanned=("营业执照",), leave_out=()
) -> IncomingApplication:
    """The partner sends one scan per material in ``scanned``, then the application."""
    ref = uuid.uuid4()
    files: dict[str, list[str]] = {}
    for name in scanned:
        payload = scan(ref, f"{name}.pdf")
        assert inbox.receive(partner, message(partner, incoming.FILE, payload)) == "applied"
        files[name] = [payload["file_id"]]
    payload = forward(ref, item, material_list=materials(item, files, leave_out=leave_out))
    assert inbox.receive(partner, message(partner, incoming.FORWARD, payload)) == "applied"
    return IncomingApplication.objects.get(partner=partner, ref=ref)


def told(partner: Partner, ref: uuid.UUID | str | None = None) -> list[dict[str, Any]]:
    """What we told the partner about its applications, in order."""
    sent = OutboxMessage.objects.filter(partner=partner, kind=incoming.STATUS)
    payloads = [m.payload for m in sent.order_by("sequence")]
    return [p for p in payloads if ref is None or p["ref"] == str(ref)]
