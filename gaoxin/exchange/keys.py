"""This zone's Ed25519 signing keys, and how a new one reaches the partners without pausing
or losing a message.

Keys are raw 32-byte Ed25519 keys, base64-encoded. Key ids read like ``XYGX-20261201-1``:
the zone's code, the day the key was made (in the zone's time) and a number for that day.

A key's life:

- **The first key** is made when first needed (or from "this zone's keys" page) and signs at
  once. Each partner's administrator pastes its public key by hand, once: that is how a
  partner comes to trust this zone at all.
- **Rotation is in two phases.** :func:`rotate` makes the new key *pending*: published, not
  yet signing. In the same transaction it puts, in every partner's outbox (active or not), a
  message of kind :data:`KEY_KIND` with the key id and public key. The old key goes on
  signing everything meanwhile, the announcement included, so every partner can check it
  with a key it already holds (key continuity: the partner trusts the new key because the
  old one vouched for it). The partner's inbox adds the key (gaoxin.exchange.key_announcements).
- **The pending key signs** once its announcement has been acknowledged by every *active*
  partner; with no active partner, at once. The check (:func:`activate_if_ready`) runs in
  every worker's loop ``exchange.keys`` (every few seconds), whenever this zone signs
  something while a key is pending (:func:`current_key`), and before a key is rotated or
  retired; never when the keys page is shown, which only reads. It is one small query while
  partners are still missing, and the switch itself is made under the zone row's lock
  (:func:`_locked_zone`), which serialises every change of keys between workers. Because
  each partner's messages go strictly in order, everything queued before the announcement is
  signed with the old key and everything after it, once the key signs, with the new one:
  nothing is refused for an unknown key.
- A partner registered while a key is pending gets the announcement too, at the next check
  (after whatever is already queued for it).
- **Retiring** an older key is refused while a newer key is pending (the partners that have
  not acknowledged it know only the old one). A retired key signs nothing, and its
  retirement is announced to every partner (:data:`RETIRED_KIND`), which then refuses what
  it signs: a stolen old key stops working there too. The last key that signs is never
  retired.

A partner deactivated while a key is pending does not hold the key back. When it is active
again, its queue starts with whatever was waiting for it, announcement included: until that
announcement is acknowledged, requests to it are signed with the older key it holds
(:func:`key_for`). Only if that older key has been retired meanwhile does the partner refuse
them for an unknown key; its administrator then pastes the new key by hand.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.db import transaction
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gaoxin.core import audit
from gaoxin.core.errors import DomainError
from gaoxin.core.models import User, Zone
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.exchange.models import OutboxMessage, Partner, SigningKey

KEY_BYTES = 32

# The messages that tell the partners about this zone's keys (gaoxin.exchange.key_announcements
# applies them): {"key_id", "public_key"} for a new key, {"key_id"} for a retired one.
KEY_KIND = "exchange.key"
RETIRED_KIND = "exchange.key_retired"

# A partner registered this long before a key was made, or later, may have missed its
# announcement (its registration committing while the rotation ran): such partners are
# checked for one while the key is pending. Older partners all got it from rotate().
LATE_PARTNER_MARGIN = dt.timedelta(minutes=10)


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


def _unretired() -> list[SigningKey]:
    """The keys not retired, newest first: a handful of rows, in one query. Newest by the
    order they were made in (their ids: made one at a time under the zone's lock), which a
    clock set back cannot change."""
    return list(SigningKey.objects.filter(retired_at__isnull=True).order_by("-id"))


def _signing(keys: list[SigningKey]) -> SigningKey | None:
    return next((k for k in keys if k.activated_at is not None), None)


def _pending(keys: list[SigningKey]) -> SigningKey | None:
    return next((k for k in keys if k.activated_at is None), None)


def pending_key() -> SigningKey | None:
    """The new key waiting for the partners' acknowledgements, if there is one."""
    return _pending(_unretired())


def _locked_zone() -> Zone:
    # The zone's row serialises every change of keys: two workers signing their first
    # message at once make one key, not two; a key is activated, rotated or retired by one
    # transaction at a time.
    zone = Zone.objects.select_for_update().filter(id=1).first()
    if zone is None or not zone.code:
        raise DomainError(_("Set this zone's code before exchanging messages with partners."))
    return zone


def _new_key(zone: Zone, *, active: bool) -> SigningKey:
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
        activated_at=now if active else None,
    )


# --- Announcements and acknowledgements ------------------------------------------------------


def _announcements(key: SigningKey) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(kind=KEY_KIND, payload__key_id=key.key_id)


def _announce(partner: Partner, key: SigningKey) -> None:
    from gaoxin.exchange import outbox  # outbox → client → signing → keys

    outbox.enqueue(partner, KEY_KIND, {"key_id": key.key_id, "public_key": key.public_key})


def _unannounced(key: SigningKey) -> QuerySet[Partner]:
    """Partners registered since the key was made (or just before) without its announcement."""
    return Partner.objects.filter(created_at__gte=key.created_at - LATE_PARTNER_MARGIN).exclude(
        Exists(_announcements(key).filter(partner=OuterRef("pk")))
    )


def waiting_partners(key: SigningKey) -> QuerySet[Partner]:
    """The active partners that have not acknowledged ``key``'s announcement yet (by code).

    Cheap: the undelivered messages have an index of their own, and only the partners
    registered since the key was made are looked at for a missing announcement."""
    undelivered = _announcements(key).filter(delivered_at__isnull=True, partner=OuterRef("pk"))
    late = _unannounced(key).values("pk")
    return Partner.objects.filter(Q(Exists(undelivered)) | Q(pk__in=late), is_active=True).order_by(
        "code"
    )


def _settle(key: SigningKey) -> bool:
    """Activate the pending ``key`` if every active partner has acknowledged it (and give a
    partner registered since then its announcement). True when the key signs now."""
    late = _unannounced(key).exists()
    if not late and waiting_partners(key).exists():
        return False
    with transaction.atomic():
        _locked_zone()
        key = SigningKey.objects.get(pk=key.pk)
        if key.retired_at is not None:
            return False
        if key.activated_at is not None:
            return True  # another worker was first
        for partner in _unannounced(key).order_by("code"):
            _announce(partner, key)
        if waiting_partners(key).exists():
            return False
        _activate(key)
    return True


def _activate(key: SigningKey) -> None:
    key.activated_at = timezone.now()
    key.save(update_fields=["activated_at"])
    audit.record("exchange.activate_key", actor=None, obj=key, changes={"key_id": key.key_id})


def activate_if_ready() -> SigningKey | None:
    """Check the pending key, if any (see :func:`_settle`); the key that signs now, or None
    when this zone has no key yet. Every worker's loop ``exchange.keys`` calls it every few
    seconds (gaoxin.exchange.apps), so a key every partner has signs without waiting for
    this zone's next message."""
    keys = _unretired()
    pending = _pending(keys)
    if pending is not None and _settle(pending):
        return pending
    return _signing(keys)


# --- Signing, rotating, retiring ------------------------------------------------------------


def current_key() -> SigningKey:
    """The key that signs now: the newest activated one not retired. A pending key is
    activated here once every active partner has acknowledged it. The first key is made on
    demand."""
    key = activate_if_ready()
    if key is not None:
        return key
    with transaction.atomic():
        zone = _locked_zone()
        keys = _unretired()
        key = _signing(keys)
        if key is not None:
            return key
        pending = _pending(keys)
        if pending is not None:
            # Nothing else could sign (the key that did was deleted by hand): it has to.
            _activate(pending)
            return pending
        key = _new_key(zone, active=True)
        audit.record("exchange.create_key", actor=None, obj=key, changes={"key_id": key.key_id})
        return key


def key_for(partner: Partner | None) -> SigningKey:
    """The key that signs a request to ``partner``: the key that signs now, unless its
    announcement still waits in that partner's queue (a partner deactivated while the key
    was pending, now active again): then the newest older key that signs, which the partner
    holds, until the announcement gets through. Without an older key, the current one."""
    key = current_key()
    if partner is None or not (
        _announcements(key).filter(partner=partner, delivered_at__isnull=True).exists()
    ):
        return key
    older = [k for k in _unretired() if k.activated_at is not None and k.pk < key.pk]
    return older[0] if older else key


def _names(partners: list[Partner]) -> str:
    return pgettext("between the names of a list", ", ").join(str(p) for p in partners)


def _still_pending(key: SigningKey) -> DomainError:
    waiting = list(waiting_partners(key))
    return DomainError(
        _(
            "The new key %(key)s does not sign yet: it waits for %(partners)s to acknowledge "
            "it. Wait until every partner has it (a partner that no longer answers can be "
            "deactivated)."
        )
        % {"key": key.key_id, "partners": _names(waiting)}
    )


@transaction.atomic
def rotate(*, actor: User | None) -> SigningKey:
    """Make a new key and announce it to every partner; it signs once every active partner
    has acknowledged the announcement (at once when there is none, or when this zone had no
    key yet). The old key signs until then, and stays valid until an administrator retires
    it. Refused while an earlier new key is still waiting for the partners."""
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    zone = _locked_zone()
    keys = _unretired()
    pending = _pending(keys)
    if pending is not None and not _settle(pending):
        raise _still_pending(pending)
    previous = _signing(_unretired())
    key = _new_key(zone, active=previous is None)
    audit.record(
        "exchange.rotate_key",
        actor=actor,
        obj=key,
        changes={"key_id": key.key_id, "previous": previous.key_id if previous else ""},
    )
    if previous is not None:
        for partner in Partner.objects.order_by("code"):
            _announce(partner, key)
        if not waiting_partners(key).exists():
            _activate(key)
    return key


@transaction.atomic
def retire(*, actor: User | None, key: SigningKey) -> None:
    """The key signs nothing from now on, and every partner is told to refuse what it signs.

    Refused while a newer key still waits for the partners (those that have not acknowledged
    it know only the old one), for the pending key itself, and for the last key that signs
    (the zone would have nothing to sign with: rotate first)."""
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    _locked_zone()
    key = SigningKey.objects.select_for_update().get(pk=key.pk)
    if key.retired_at is not None:
        raise DomainError(_("The key %(key)s is retired already.") % {"key": key.key_id})
    pending = _pending(_unretired())
    if pending is not None and not _settle(pending):
        if pending.pk == key.pk:
            raise DomainError(
                _("The key %(key)s does not sign yet: it waits for %(partners)s.")
                % {"key": key.key_id, "partners": _names(list(waiting_partners(key)))}
            )
        raise _still_pending(pending)
    key.refresh_from_db()
    others = SigningKey.objects.filter(retired_at__isnull=True, activated_at__isnull=False)
    if not others.exclude(pk=key.pk).exists():
        raise DomainError(
            _("The key %(key)s is the only one this zone signs with: make a new key first.")
            % {"key": key.key_id}
        )
    key.retired_at = timezone.now()
    key.save(update_fields=["retired_at"])
    audit.record("exchange.retire_key", actor=actor, obj=key, changes={"key_id": key.key_id})
    from gaoxin.exchange import outbox  # outbox → client → signing → keys

    for partner in Partner.objects.order_by("code"):
        outbox.enqueue(partner, RETIRED_KIND, {"key_id": key.key_id})


# --- The administrator's page ---------------------------------------------------------------


@dataclass
class KeyState:
    """One of this zone's keys as "this zone's keys" page shows it."""

    PENDING = "pending"  # announced, waiting for partners' acknowledgements
    SIGNING = "signing"
    VERIFYING = "verifying"  # an older active key: signs nothing, still accepted
    RETIRED = "retired"

    key: SigningKey
    state: str
    # Pending only: the active partners that have not acknowledged it, and how many there are.
    waiting: list[Partner] = field(default_factory=list)
    partners: int = 0


def overview() -> list[KeyState]:
    """Every key of this zone with its state: the pending one first, then the one that
    signs, the older active ones, and the retired ones (last retired first)."""
    keys = list(
        SigningKey.objects.order_by(
            F("retired_at").desc(nulls_first=True),
            Case(When(activated_at__isnull=True, then=Value(0)), default=Value(1)),
            "-id",
        )
    )
    signing = _signing([k for k in keys if k.retired_at is None])
    states: list[KeyState] = []
    for key in keys:
        if key.retired_at is not None:
            states.append(KeyState(key, KeyState.RETIRED))
        elif key.activated_at is None:
            states.append(
                KeyState(
                    key,
                    KeyState.PENDING,
                    waiting=list(waiting_partners(key)),
                    partners=Partner.objects.filter(is_active=True).count(),
                )
            )
        elif key == signing:
            states.append(KeyState(key, KeyState.SIGNING))
        else:
            states.append(KeyState(key, KeyState.VERIFYING))
    return states
