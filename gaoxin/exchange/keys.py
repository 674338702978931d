"""This zone's Ed25519 signing keys: the newest active key signs, older active keys stay
published until the partners have taken the new one, and a retired key signs nothing.

Keys are raw 32-byte Ed25519 keys, base64-encoded. Key ids read like ``XYGX-20261201-1``:
the zone's code, the day the key was made (in the zone's time) and a number for that day.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core import audit
from gaoxin.core.errors import DomainError
from gaoxin.core.models import User, Zone
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.exchange.models import SigningKey

KEY_BYTES = 32


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def public_key_b64(private: Ed25519PrivateKey) -> str:
    return _b64(
        private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
    )


def private_key_of(key: SigningKey) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(key.private_key))


def load_public_key(text: str) -> Ed25519PublicKey:
    """A partner's public key from its base64 text; ``ValueError`` unless it is a 32-byte
    Ed25519 key (what the partner page shows as its public key)."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError(_("The public key is not valid base64.")) from error
    if len(raw) != KEY_BYTES:
        raise ValueError(
            _("An Ed25519 public key has 32 bytes; this one has %(n)d.") % {"n": len(raw)}
        )
    return Ed25519PublicKey.from_public_bytes(raw)


def _active() -> SigningKey | None:
    return SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at", "-id").first()


def _locked_zone() -> Zone:
    # The zone's row serialises key making: two workers signing their first message at once
    # make one key, not two.
    zone = Zone.objects.select_for_update().filter(id=1).first()
    if zone is None or not zone.code:
        raise DomainError(_("Set this zone's code before exchanging messages with partners."))
    return zone


def _new_key(zone: Zone) -> SigningKey:
    now = timezone.now()
    prefix = f"{zone.code}-{timezone.localdate(now):%Y%m%d}-"
    number = SigningKey.objects.filter(key_id__startswith=prefix).count() + 1
    while SigningKey.objects.filter(key_id=f"{prefix}{number}").exists():
        number += 1
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return SigningKey.objects.create(
        key_id=f"{prefix}{number}",
        private_key=_b64(raw),
        public_key=public_key_b64(private),
        created_at=now,
    )


def current_key() -> SigningKey:
    """The key that signs now: the newest one not retired. The first is made on demand."""
    key = _active()
    if key is not None:
        return key
    with transaction.atomic():
        zone = _locked_zone()
        key = _active()
        if key is None:
            key = _new_key(zone)
            audit.record("exchange.create_key", actor=None, obj=key, changes={"key_id": key.key_id})
        return key


@transaction.atomic
def rotate(*, actor: User | None) -> SigningKey:
    """A new key signs from now on. The older keys stay active (a message signed a moment
    ago still verifies) until an administrator retires them, once the partners have taken
    the new public key."""
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    zone = _locked_zone()
    previous = _active()
    key = _new_key(zone)
    audit.record(
        "exchange.rotate_key",
        actor=actor,
        obj=key,
        changes={"key_id": key.key_id, "previous": previous.key_id if previous else ""},
    )
    return key


@transaction.atomic
def retire(*, actor: User | None, key: SigningKey) -> None:
    """The key signs nothing from now on. The last active key cannot be retired: the zone
    would have nothing to sign with (rotate first)."""
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    _locked_zone()
    key = SigningKey.objects.select_for_update().get(pk=key.pk)
    if key.retired_at is not None:
        raise DomainError(_("The key %(key)s is retired already.") % {"key": key.key_id})
    others = SigningKey.objects.filter(retired_at__isnull=True).exclude(pk=key.pk)
    if not others.exists():
        raise DomainError(
            _("The key %(key)s is the only one this zone signs with: make a new key first.")
            % {"key": key.key_id}
        )
    key.retired_at = timezone.now()
    key.save(update_fields=["retired_at"])
    audit.record("exchange.retire_key", actor=actor, obj=key, changes={"key_id": key.key_id})
