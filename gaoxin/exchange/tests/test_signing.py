"""Signed requests: what this zone signs, a partner verifies; a request changed on the way,
signed too long ago or in the future, or sent a second time, does not verify. A rotated
key loses nothing in flight."""

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone, translation

from gaoxin.core.models import Zone
from gaoxin.exchange import keys, signing
from gaoxin.exchange.models import OutboxMessage, RejectedMessage, SeenSignature
from gaoxin.exchange.signing import Rejected
from gaoxin.exchange.tests.peers import befriend

pytestmark = pytest.mark.django_db
Reason = RejectedMessage.Reason

NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
PATH = "/exchange/v1/messages/"
BODY = '{"id": "1", "text": "跨区通办"}'.encode()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refused(headers, *, method="POST", path=PATH, body=BODY, now=NOW) -> Rejected:
    with pytest.raises(Rejected) as caught:
        signing.verify(method, path, headers, body, now=now)
    return caught.value


def test_a_signed_request_verifies_as_the_partner_that_signed_it(ourselves):
    headers = signing.sign("post", PATH, BODY, now=NOW)
    assert headers == {
        "X-Gaoxin-Zone": "XYGX",
        "X-Gaoxin-Key": keys.current_key().key_id,
        "X-Gaoxin-Timestamp": str(int(NOW.timestamp())),
        "X-Gaoxin-Nonce": headers["X-Gaoxin-Nonce"],
        "X-Gaoxin-Signature": headers["X-Gaoxin-Signature"],
    }
    # Signed again at the same second, the request differs: a retry is not a replay.
    again = signing.sign("POST", PATH, BODY, now=NOW)
    assert again["X-Gaoxin-Nonce"] != headers["X-Gaoxin-Nonce"]
    assert again["X-Gaoxin-Signature"] != headers["X-Gaoxin-Signature"]
    # The header names' case does not matter (HTTP does not keep it).
    lowered = {name.lower(): value for name, value in headers.items()}
    assert signing.verify("POST", PATH, lowered, BODY, now=NOW) == ourselves
    assert SeenSignature.objects.count() == 1


def test_the_signature_covers_method_path_timestamp_zone_key_nonce_and_body():
    line = signing.canonical(
        "get", "/exchange/v1/catalog/?page=2", "1796086800", "XYGX", "K1", b"", nonce="n1"
    )
    assert line.decode().split("\n") == [
        "GET",
        "/exchange/v1/catalog/?page=2",
        "1796086800",
        "XYGX",
        "K1",
        "n1",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",  # sha256 of b""
    ]


def test_a_changed_body_path_or_method_does_not_verify(ourselves):
    headers = signing.sign("POST", PATH, BODY, now=NOW)
    assert refused(headers, body=BODY + b" ").reason == Reason.BAD_SIGNATURE
    assert refused(headers, path="/exchange/v1/messages/?again=1").reason == Reason.BAD_SIGNATURE
    assert refused(headers, method="PUT").reason == Reason.BAD_SIGNATURE
    # None of these was accepted, so the untouched request still is.
    assert signing.verify("POST", PATH, headers, BODY, now=NOW) == ourselves


def test_a_changed_timestamp_or_nonce_does_not_verify(ourselves):
    headers = signing.sign("POST", PATH, BODY, now=NOW)
    later = {**headers, "X-Gaoxin-Timestamp": str(int(NOW.timestamp()) + 1)}
    rejected = refused(later)
    assert (rejected.reason, rejected.status) == (Reason.BAD_SIGNATURE, 401)
    # A replay dressed up as a new request with another nonce.
    assert refused({**headers, "X-Gaoxin-Nonce": "0" * 32}).reason == Reason.BAD_SIGNATURE


def test_a_changed_key_id_does_not_verify(ourselves, admin_user):
    headers = signing.sign("POST", PATH, BODY, now=NOW)
    # The partner knows both our keys; the request claims the other one.
    other = keys.rotate(actor=admin_user)
    befriend(ourselves, other.key_id, other.public_key)
    assert refused({**headers, "X-Gaoxin-Key": other.key_id}).reason == Reason.BAD_SIGNATURE
    # A key id the partner has never heard of.
    rejected = refused({**headers, "X-Gaoxin-Key": "XYGX-20990101-1"})
    assert (rejected.reason, rejected.status) == (Reason.UNKNOWN_KEY, 401)


def test_a_signature_by_another_key_does_not_verify(ourselves):
    headers = signing.sign("POST", PATH, BODY, now=NOW)
    # The partner holds another public key under our key id: whoever signed, it was not us.
    stranger = Ed25519PrivateKey.generate()
    ourselves.keys.update(public_key=keys.public_key_b64(stranger))
    assert refused(headers).reason == Reason.BAD_SIGNATURE
    assert refused({**headers, "X-Gaoxin-Signature": "not base64!"}).reason == Reason.BAD_SIGNATURE


def test_an_unsigned_request_is_refused(ourselves):
    rejected = refused({"Content-Type": "application/json"})
    assert (rejected.reason, rejected.status) == (Reason.MALFORMED, 401)
    assert "X-Gaoxin-Signature" in rejected.detail
    headers = signing.sign("POST", PATH, BODY, now=NOW)
    rejected = refused({**headers, "X-Gaoxin-Timestamp": "yesterday"})
    assert (rejected.reason, rejected.status) == (Reason.MALFORMED, 401)


def test_only_active_partners_and_keys_are_trusted(ourselves):
    headers = signing.sign("POST", PATH, BODY, now=NOW)
    ourselves.keys.update(retired_at=NOW)
    assert refused(headers).reason == Reason.UNKNOWN_KEY
    ourselves.is_active = False
    ourselves.save()
    rejected = refused(headers)
    assert (rejected.reason, rejected.status) == (Reason.UNKNOWN_PARTNER, 403)
    ourselves.delete()
    assert refused(headers).reason == Reason.UNKNOWN_PARTNER


def test_five_minutes_of_clock_difference_are_allowed_either_way(ourselves):
    skew = dt.timedelta(seconds=signing.MAX_SKEW_SECONDS)
    assert signing.verify(
        "POST", PATH, signing.sign("POST", PATH, BODY, now=NOW - skew), BODY, now=NOW
    )
    assert signing.verify(
        "POST", PATH, signing.sign("POST", PATH, BODY, now=NOW + skew), BODY, now=NOW
    )
    one_more = dt.timedelta(seconds=1)
    for signed_at in (NOW - skew - one_more, NOW + skew + one_more):
        rejected = refused(signing.sign("POST", PATH, BODY, now=signed_at))
        assert (rejected.reason, rejected.status) == (Reason.STALE, 401)


def test_the_same_signed_request_is_accepted_once(ourselves):
    headers = signing.sign("POST", PATH, BODY, now=NOW)
    signing.verify("POST", PATH, headers, BODY, now=NOW)
    rejected = refused(headers, now=NOW + dt.timedelta(seconds=1))
    assert (rejected.reason, rejected.status) == (Reason.REPLAY, 409)
    # A retry of the same message is signed afresh: not a replay.
    again = signing.sign("POST", PATH, BODY, now=NOW + dt.timedelta(seconds=1))
    assert signing.verify("POST", PATH, again, BODY, now=NOW + dt.timedelta(seconds=1))


def test_remembered_signatures_are_forgotten_once_they_would_be_stale_anyway(ourselves):
    signing.verify("POST", PATH, signing.sign("POST", PATH, BODY, now=NOW), BODY, now=NOW)
    later = NOW + signing.SEEN_FOR + dt.timedelta(seconds=1)
    signing.verify("POST", PATH, signing.sign("POST", PATH, BODY, now=later), BODY, now=later)
    assert SeenSignature.objects.count() == 1
    assert SeenSignature.objects.get().seen_at == later


def test_a_rotated_key_loses_nothing_in_flight(ourselves, admin_user):
    old = keys.current_key()
    in_flight = [
        signing.sign("POST", PATH, BODY, now=NOW + dt.timedelta(seconds=n)) for n in (1, 2)
    ]
    new = keys.rotate(actor=admin_user)
    # The new key waits for the partner to acknowledge it: the old one signs meanwhile.
    assert signing.sign("POST", PATH, BODY, now=NOW)["X-Gaoxin-Key"] == old.key_id

    # The partner takes our new public key (its announcement, acknowledged): the new key
    # signs, and messages signed with either key verify.
    befriend(ourselves, new.key_id, new.public_key)
    OutboxMessage.objects.filter(kind=keys.KEY_KIND).update(delivered_at=timezone.now())
    fresh = signing.sign("POST", PATH, BODY, now=NOW + dt.timedelta(seconds=3))
    assert fresh["X-Gaoxin-Key"] == new.key_id
    assert {h["X-Gaoxin-Key"] for h in in_flight} == {old.key_id}
    assert signing.verify("POST", PATH, in_flight[0], BODY, now=NOW) == ourselves
    assert signing.verify("POST", PATH, fresh, BODY, now=NOW) == ourselves

    # We retire the old key: it signs nothing any more...
    keys.retire(actor=admin_user, key=old)
    assert signing.sign("POST", PATH, BODY, now=NOW)["X-Gaoxin-Key"] == new.key_id
    # ...and once the partner retires it too, what it signed no longer verifies there.
    ourselves.keys.filter(key_id=old.key_id).update(retired_at=timezone.now())
    assert refused(in_flight[1]).reason == Reason.UNKNOWN_KEY


def test_nothing_is_signed_without_the_zones_code(db):
    from gaoxin.core.errors import DomainError

    assert Zone.current() is None
    with pytest.raises(DomainError):
        signing.sign("GET", "/exchange/v1/catalog/", b"")
