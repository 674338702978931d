"""Fixtures for the inbox's tests: this zone, this deployment as its own partner (same code,
our own public key: a zone talking to itself exercises both ends of the exchange), and a
test-only kind of message whose effect is an audit entry, written or rolled back with the
message."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from gaoxin.core import audit
from gaoxin.core import services as core_services
from gaoxin.core.errors import DomainError
from gaoxin.core.models import AuditEntry, Zone
from gaoxin.exchange import inbox, keys
from gaoxin.exchange.models import Partner, PartnerKey

CODE = "XYGX"
NOTE = "test.note"
MESSAGES = "/exchange/v1/messages/"
CATALOG = "/exchange/v1/catalog/"


@pytest.fixture
def zone(db) -> Zone:
    return core_services.update_zone(
        actor=None,
        name="咸阳高新技术产业开发区",
        short_name="咸阳高新区",
        code=CODE,
        region_code="610402",
    )


def befriend(partner: Partner, key_id: str, public_key: str) -> PartnerKey:
    return PartnerKey.objects.create(partner=partner, key_id=key_id, public_key=public_key)


@pytest.fixture
def ourselves(zone) -> Partner:
    """Our own deployment registered as a partner, knowing our current public key."""
    partner = Partner.objects.create(
        code=CODE, name="咸阳高新区（本区）", base_url="http://testserver"
    )
    key = keys.current_key()
    befriend(partner, key.key_id, key.public_key)
    return partner


def apply_note(partner: Partner, payload: dict[str, Any]) -> None:
    if payload.get("text") == "refuse me":
        raise DomainError("This note is refused.")
    audit.record(NOTE, actor=None, username=partner.code, changes=payload)


@pytest.fixture
def notes():
    """The test kind of message, registered for the test only. Returns the notes applied."""
    inbox.register(NOTE, apply_note)
    yield AuditEntry.objects.filter(action=NOTE)
    inbox.unregister(NOTE)


def note(sequence: int, text: str = "", *, message_id: str | None = None) -> dict[str, Any]:
    return {
        "id": message_id or str(uuid.uuid4()),
        "sequence": sequence,
        "kind": NOTE,
        "payload": {"text": text or f"note {sequence}"},
    }


def body_of(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False).encode()
