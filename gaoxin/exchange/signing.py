"""Signed requests between zones.

The sender signs, with its current Ed25519 key, one line per part of the request:

    METHOD
    path below the platform's root, with the query string
    unix timestamp (seconds)
    the sender's zone code
    the key id
    a nonce: random, new for every request
    sha256 of the body (hex)

and sends the zone code, key id, timestamp, nonce and signature in the ``X-Gaoxin-*``
headers. The
receiver finds the partner by its code and the key among the partner's active keys, checks
the signature, refuses a request more than ``MAX_SKEW_SECONDS`` off its own clock, and a
signature it has accepted before (a replay: a retry is signed afresh, so it is not one).

The nonce is what makes a retry differ from a replay: Ed25519 signatures are deterministic, so
without it the same message sent twice within one second would carry the same signature.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.errors import DomainError
from gaoxin.core.models import Zone
from gaoxin.exchange import keys
from gaoxin.exchange.models import Partner, RejectedMessage, SeenSignature

HEADER_ZONE = "X-Gaoxin-Zone"
HEADER_KEY = "X-Gaoxin-Key"
HEADER_TIMESTAMP = "X-Gaoxin-Timestamp"
HEADER_SIGNATURE = "X-Gaoxin-Signature"
HEADER_NONCE = "X-Gaoxin-Nonce"
HEADERS = (HEADER_ZONE, HEADER_KEY, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)
MAX_SKEW_SECONDS = 300
# A signature stays replayable while its timestamp is within the skew of the receiver's
# clock: up to MAX_SKEW after it was seen if it came from the future. Kept a little longer.
SEEN_FOR = dt.timedelta(seconds=2 * MAX_SKEW_SECONDS + 60)

Reason = RejectedMessage.Reason

# Unauthenticated (401) when the signature does not prove who sent it; forbidden (403) when
# it comes from no partner of ours; conflict (409) for a replay or a message out of turn;
# 422 for a well-signed message this zone cannot apply.
STATUS = {
    Reason.MALFORMED: 400,
    Reason.UNKNOWN_PARTNER: 403,
    Reason.UNKNOWN_KEY: 401,
    Reason.BAD_SIGNATURE: 401,
    Reason.STALE: 401,
    Reason.REPLAY: 409,
    Reason.NOT_AGREED: 422,
    Reason.OUT_OF_ORDER: 409,
    Reason.INVALID: 422,
    Reason.TOO_LARGE: 413,
}


class Rejected(Exception):
    """The inbox refuses a request: answered with ``status`` and kept as a RejectedMessage."""

    def __init__(
        self, reason: RejectedMessage.Reason, detail: str = "", *, status: int | None = None
    ) -> None:
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason
        self.detail = detail
        self.status = status if status is not None else STATUS[reason]


def canonical(
    method: str, path: str, timestamp: str, zone: str, key_id: str, body: bytes, *, nonce: str
) -> bytes:
    return "\n".join(
        [method.upper(), path, timestamp, zone, key_id, nonce, hashlib.sha256(body).hexdigest()]
    ).encode()


def _unix(now: dt.datetime | None) -> int:
    return int((now or timezone.now()).timestamp())


def own_zone_code() -> str:
    zone = Zone.current()
    if zone is None or not zone.code:
        raise DomainError(_("Set this zone's code before exchanging messages with partners."))
    return zone.code


def sign(
    method: str,
    path: str,
    body: bytes | None,
    *,
    now: dt.datetime | None = None,
    partner: Partner | None = None,
) -> dict[str, str]:
    """The headers that sign this request as this zone, with the key ``partner`` holds
    (:func:`keys.key_for`: the current key, once the partner has been told of it)."""
    zone = own_zone_code()
    key = keys.key_for(partner)
    timestamp = str(_unix(now))
    nonce = secrets.token_hex(16)
    message = canonical(method, path, timestamp, zone, key.key_id, body or b"", nonce=nonce)
    signature = keys.private_key_of(key).sign(message)
    return {
        HEADER_ZONE: zone,
        HEADER_KEY: key.key_id,
        HEADER_TIMESTAMP: timestamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: base64.b64encode(signature).decode("ascii"),
    }


def header(headers: Mapping[str, str], name: str) -> str:
    """A header's value whatever the case of its name (Django's request.headers ignores
    it already; a plain dict does not)."""
    value = headers.get(name)
    if value is None:
        lower = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lower), "")
    return str(value).strip()


def verify(
    method: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes | None,
    *,
    now: dt.datetime | None = None,
) -> Partner:
    """The partner that signed this request, or ``Rejected``. The signature is remembered,
    so the same request is accepted once."""
    zone, key_id, timestamp, nonce, signature = (header(headers, name) for name in HEADERS)
    missing = [
        name
        for name, value in zip(HEADERS, (zone, key_id, timestamp, nonce, signature), strict=True)
        if not value
    ]
    if missing:
        raise Rejected(
            Reason.MALFORMED,
            _("The request is not signed (missing %(headers)s).") % {"headers": ", ".join(missing)},
            status=401,
        )
    partner = Partner.objects.filter(code=zone).first()
    if partner is None:
        raise Rejected(
            Reason.UNKNOWN_PARTNER, _("No partner zone has the code %(code)s.") % {"code": zone}
        )
    if not partner.is_active:
        raise Rejected(
            Reason.UNKNOWN_PARTNER,
            _("The partner zone %(code)s is not active.") % {"code": zone},
        )
    key = partner.keys.filter(key_id=key_id).first()
    if key is None:
        raise Rejected(
            Reason.UNKNOWN_KEY,
            _("The partner zone %(code)s has no key %(key)s.") % {"code": zone, "key": key_id},
        )
    if key.retired_at is not None:
        raise Rejected(
            Reason.UNKNOWN_KEY,
            _("The key %(key)s of %(code)s is retired.") % {"code": zone, "key": key_id},
        )
    if not (timestamp.isascii() and timestamp.isdigit()):
        raise Rejected(Reason.MALFORMED, _("The timestamp is not a number of seconds."), status=401)
    try:
        raw_signature = base64.b64decode(signature, validate=True)
        public = keys.load_public_key(key.public_key)
        public.verify(
            raw_signature,
            canonical(method, path, timestamp, zone, key_id, body or b"", nonce=nonce),
        )
    except (InvalidSignature, binascii.Error, ValueError) as error:
        raise Rejected(
            Reason.BAD_SIGNATURE,
            _("The signature does not match the request and the key %(key)s.") % {"key": key_id},
        ) from error
    moment = now or timezone.now()
    skew = _unix(moment) - int(timestamp)
    if abs(skew) > MAX_SKEW_SECONDS:
        raise Rejected(
            Reason.STALE,
            _("The request was signed %(seconds)d seconds off this zone's clock.")
            % {"seconds": skew},
        )
    _remember(raw_signature, moment)
    return partner


def _remember(signature: bytes, moment: dt.datetime) -> None:
    SeenSignature.objects.filter(seen_at__lt=moment - SEEN_FOR).delete()
    try:
        with transaction.atomic():
            SeenSignature.objects.create(
                digest=hashlib.sha256(signature).hexdigest(), seen_at=moment
            )
    except IntegrityError as error:
        raise Rejected(Reason.REPLAY, _("This signed request has been received before.")) from error
