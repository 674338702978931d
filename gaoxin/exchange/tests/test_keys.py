"""This zone's signing keys: the first is made when first needed, a new one takes over the
signing once the partners have it (at once when there is no partner to wait for) while the
older ones stay valid, and the last one is never retired. How a new key reaches the partners
is told in test_key_rotation.py."""

import base64
import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import translation

from gaoxin.core.errors import DomainError
from gaoxin.core.models import AuditEntry, Zone
from gaoxin.exchange import keys
from gaoxin.exchange.models import SigningKey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# 1 December 2026, 09:00 in Shanghai.
MORNING = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


def test_the_first_key_is_made_when_first_needed(zone):
    with time_machine.travel(MORNING, tick=False):
        key = keys.current_key()
    assert key.key_id == "XYGX-20261201-1"
    assert keys.current_key() == key  # made once
    assert SigningKey.objects.count() == 1
    # A raw 32-byte Ed25519 pair: the private key signs what the public key verifies.
    assert len(base64.b64decode(key.public_key)) == 32
    signature = keys.private_key_of(key).sign(b"hello")
    keys.load_public_key(key.public_key).verify(signature, b"hello")
    assert keys.public_key_b64(keys.private_key_of(key)) == key.public_key
    assert key.activated_at == key.created_at  # nobody to wait for: it signs at once
    entry = AuditEntry.objects.get(action="exchange.create_key")
    assert entry.changes == {"key_id": key.key_id} and entry.actor is None


def test_the_day_is_the_zones_day(zone):
    # 23:30 UTC on 30 November is already 1 December in Shanghai.
    with time_machine.travel(dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC), tick=False):
        assert keys.current_key().key_id == "XYGX-20261201-1"


def test_no_key_without_the_zones_code(db):
    assert Zone.current() is None
    with pytest.raises(DomainError, match="zone's code"):
        keys.current_key()
    assert not SigningKey.objects.exists()


def test_with_no_partner_to_wait_for_a_rotated_key_signs_at_once(zone, admin_user):
    with time_machine.travel(MORNING, tick=False):
        old = keys.current_key()
        new = keys.rotate(actor=admin_user)
    assert new.key_id == "XYGX-20261201-2"
    assert new.activated_at is not None
    assert keys.current_key() == new
    old.refresh_from_db()
    assert old.retired_at is None  # partners may still verify with it until they have the new
    assert new.public_key != old.public_key
    entry = AuditEntry.objects.get(action="exchange.rotate_key")
    assert entry.actor == admin_user
    assert entry.changes == {"key_id": new.key_id, "previous": old.key_id}


def test_retiring_a_key_once_partners_have_the_new_one(zone, admin_user):
    old = keys.current_key()
    new = keys.rotate(actor=admin_user)
    keys.retire(actor=admin_user, key=old)
    old.refresh_from_db()
    assert old.retired_at is not None
    assert keys.current_key() == new
    assert AuditEntry.objects.get(action="exchange.retire_key").changes == {"key_id": old.key_id}
    with pytest.raises(DomainError, match="retired already"):
        keys.retire(actor=admin_user, key=old)


def test_the_last_active_key_is_never_retired(zone, admin_user):
    only = keys.current_key()
    with pytest.raises(DomainError, match="only one"):
        keys.retire(actor=admin_user, key=only)
    only.refresh_from_db()
    assert only.retired_at is None
    assert not AuditEntry.objects.filter(action="exchange.retire_key").exists()


def test_a_clerk_may_neither_rotate_nor_retire(zone, clerk, admin_user):
    key = keys.current_key()
    keys.rotate(actor=admin_user)
    with pytest.raises(PermissionDenied):
        keys.rotate(actor=clerk)
    with pytest.raises(PermissionDenied):
        keys.retire(actor=clerk, key=key)
    assert SigningKey.objects.filter(retired_at__isnull=True).count() == 2


def test_a_public_key_must_be_32_bytes_of_base64():
    with pytest.raises(ValueError, match="base64"):
        keys.load_public_key("not a key!")
    with pytest.raises(ValueError, match="32 bytes"):
        keys.load_public_key(base64.b64encode(b"x" * 31).decode())
