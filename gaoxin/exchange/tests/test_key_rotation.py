"""A new key of ours reaches the partners by itself, and nothing is refused meanwhile: the new
key is announced in a message signed with the old one, signs only once every active partner
has acknowledged it, and the old key is retired at the partners too. On the other side, a
partner's announcement adds its key once, never replaces one, and retires what it retires.

The online stories use this very deployment as its own partner (peers.ourselves) behind
``live_server``: its announcement of a new key adds the key to itself-as-partner, exactly as
it would at a partner zone."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import socket
import threading
import uuid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from gaoxin.core import loops
from gaoxin.core.errors import DomainError
from gaoxin.core.models import AuditEntry
from gaoxin.exchange import inbox, keys, outbox, signing
from gaoxin.exchange.models import (
    InboxMessage,
    OutboxMessage,
    Partner,
    PartnerKey,
    RejectedMessage,
    SigningKey,
)
from gaoxin.exchange.signing import Rejected
from gaoxin.exchange.tests import two_zones
from gaoxin.exchange.tests.peers import MESSAGES, NOTE

Reason = RejectedMessage.Reason
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def what_is_in(body: bytes | None) -> tuple[str, str]:
    message = json.loads(body or b"{}")
    payload = message.get("payload", {})
    return message.get("kind", ""), str(payload.get("text") or payload.get("key_id") or "")


@pytest.fixture
def signed(monkeypatch) -> list[tuple[str, str, str]]:
    """Every request this zone signs, in order: (kind, note text or key id, signing key)."""
    log: list[tuple[str, str, str]] = []
    sign = signing.sign

    def recording(method: str, path: str, body: bytes | None, **kwargs: Any) -> dict[str, str]:
        headers = sign(method, path, body, **kwargs)
        log.append((*what_is_in(body), headers[signing.HEADER_KEY]))
        return headers

    monkeypatch.setattr(signing, "sign", recording)
    return log


def texts(notes) -> list[str]:
    return [entry.changes["text"] for entry in notes.order_by("id")]


# --- Rotating with partners online or away (over the network) -----------------------------


@pytest.fixture
def online(ourselves, live_server, time_machine):
    # Time runs on from a known moment; the tests jump it forward instead of sleeping.
    time_machine.move_to(START, tick=True)
    ourselves.base_url = live_server.url
    ourselves.save()
    return ourselves


@pytest.mark.django_db(transaction=True)
def test_rotating_with_the_partner_online_loses_nothing(online, notes, signed, admin_user):
    old = keys.current_key()
    outbox.enqueue(online, NOTE, {"text": "before"})
    new = keys.rotate(actor=admin_user)

    # The new key is published and announced, but the old one still signs.
    assert new.activated_at is None
    assert keys.current_key() == old
    assert [row.state for row in keys.overview()] == ["pending", "signing"]
    outbox.enqueue(online, NOTE, {"text": "after"})

    assert str(outbox.deliver_pending()) == "delivered=3 duplicates=0 failed=0"
    # The announcement went signed with the old key, which the partner holds; once it was
    # acknowledged, the next message was signed with the new key, and taken.
    assert signed == [
        (NOTE, "before", old.key_id),
        (keys.KEY_KIND, new.key_id, old.key_id),
        (NOTE, "after", new.key_id),
    ]
    assert texts(notes) == ["before", "after"]
    assert not RejectedMessage.objects.exists()
    new.refresh_from_db()
    assert new.activated_at is not None
    assert keys.current_key() == new
    assert [row.state for row in keys.overview()] == ["signing", "verifying"]
    # The partner (ourselves) holds the new key, told by the announcement.
    assert online.keys.get(key_id=new.key_id).public_key == new.public_key
    assert AuditEntry.objects.filter(action="exchange.partner_key_announced").count() == 1
    assert AuditEntry.objects.get(action="exchange.activate_key").changes == {"key_id": new.key_id}

    # Every partner has the new key: the old one is retired here, and there.
    keys.retire(actor=admin_user, key=old)
    assert str(outbox.deliver_pending()) == "delivered=1 duplicates=0 failed=0"
    assert signed[-1] == (keys.RETIRED_KIND, old.key_id, new.key_id)
    assert online.keys.get(key_id=old.key_id).retired_at is not None
    assert online.keys.get(key_id=new.key_id).retired_at is None
    # A stolen old key is worth nothing there any more.
    body = b'{"id": "x"}'
    with pytest.raises(Rejected) as refused:
        signing.verify("POST", MESSAGES, sign_with(old, MESSAGES, body), body)
    assert refused.value.reason == Reason.UNKNOWN_KEY


@pytest.mark.django_db(transaction=True)
def test_rotating_while_the_partner_is_down_keeps_the_old_key_signing(
    online, notes, signed, admin_user, live_server, time_machine
):
    online.base_url = closed_port_url()
    online.save()
    old = keys.current_key()
    outbox.enqueue(online, NOTE, {"text": "before"})
    new = keys.rotate(actor=admin_user)
    for n in (1, 2, 3):
        outbox.enqueue(online, NOTE, {"text": f"after {n}"})

    report = outbox.deliver_pending()
    assert (report.delivered, report.failed) == (0, 1)
    # However long the partner is away, the old key signs; the new one waits for it.
    time_machine.shift(dt.timedelta(minutes=30))
    assert keys.current_key() == old
    [row] = [row for row in keys.overview() if row.state == "pending"]
    assert (row.key, row.waiting, row.partners) == (new, [online], 1)

    # The partner is back: everything arrives in order, the announcement before the notes
    # written after it, and the notes are signed with the new key, which it has by then.
    online.base_url = live_server.url
    online.save()
    signed.clear()
    assert str(outbox.deliver_pending()) == "delivered=5 duplicates=0 failed=0"
    assert signed == [
        (NOTE, "before", old.key_id),
        (keys.KEY_KIND, new.key_id, old.key_id),
        (NOTE, "after 1", new.key_id),
        (NOTE, "after 2", new.key_id),
        (NOTE, "after 3", new.key_id),
    ]
    assert texts(notes) == ["before", "after 1", "after 2", "after 3"]
    assert not RejectedMessage.objects.exists()  # nothing refused for an unknown key
    assert keys.current_key() == new


# --- Waiting for the partners (no network) ----------------------------------------------------


@pytest.fixture
def xian(zone) -> Partner:
    # An address that is never called here: the worker does not run in these tests.
    return Partner.objects.create(code="XAGX", name="西安高新区", base_url="https://xa.example.cn")


@pytest.fixture
def baoji(zone) -> Partner:
    return Partner.objects.create(code="BJGX", name="宝鸡高新区", base_url="https://bj.example.cn")


def acknowledge(partner: Partner) -> None:
    """What the worker records when the partner answers: its messages are delivered."""
    OutboxMessage.objects.filter(partner=partner).update(delivered_at=timezone.now())


def test_the_new_key_is_announced_to_every_partner_and_waits_for_the_active_ones(
    xian, baoji, admin_user
):
    old = keys.current_key()
    qinqdu = Partner.objects.create(
        code="QDQ", name="秦都区", base_url="https://qd.example.cn", is_active=False
    )
    new = keys.rotate(actor=admin_user)
    announced = OutboxMessage.objects.filter(kind=keys.KEY_KIND).order_by("partner__code")
    assert [(m.partner.code, m.payload) for m in announced] == [
        (code, {"key_id": new.key_id, "public_key": new.public_key})
        for code in ("BJGX", "QDQ", "XAGX")
    ]
    assert list(keys.waiting_partners(new)) == [baoji, xian]  # not the inactive one

    acknowledge(xian)
    assert keys.current_key() == old
    assert list(keys.waiting_partners(new)) == [baoji]
    acknowledge(baoji)
    assert keys.current_key() == new
    assert AuditEntry.objects.filter(action="exchange.activate_key").count() == 1
    # The inactive partner gets it first thing when it is active again.
    assert OutboxMessage.objects.get(partner=qinqdu).delivered_at is None


def test_with_no_active_partner_the_new_key_signs_at_once(zone, admin_user):
    keys.current_key()
    sleeping = Partner.objects.create(
        code="QDQ", name="秦都区", base_url="https://qd.example.cn", is_active=False
    )
    new = keys.rotate(actor=admin_user)
    assert new.activated_at is not None and keys.current_key() == new
    assert OutboxMessage.objects.get(partner=sleeping).kind == keys.KEY_KIND


def test_the_very_first_key_made_from_the_page_signs_at_once(xian, admin_user):
    first = keys.rotate(actor=admin_user)
    assert first.activated_at is not None and keys.current_key() == first
    assert not OutboxMessage.objects.exists()  # its public key is pasted by hand


def test_a_partner_that_no_longer_answers_can_be_deactivated(xian, baoji, admin_user):
    from gaoxin.exchange import services

    keys.current_key()
    new = keys.rotate(actor=admin_user)
    acknowledge(xian)
    services.update_partner(actor=admin_user, partner=baoji, is_active=False)
    assert keys.current_key() == new


def test_a_partner_back_from_deactivation_is_signed_for_with_the_key_it_holds(
    xian, baoji, admin_user
):
    from gaoxin.exchange import services

    old = keys.current_key()
    services.update_partner(actor=admin_user, partner=baoji, is_active=False)
    new = keys.rotate(actor=admin_user)
    acknowledge(xian)
    assert keys.current_key() == new
    # Baoji comes back with its queue: the announcement not yet through, the old key it
    # holds signs for it; Xi'an, told already, gets the new one.
    services.update_partner(actor=admin_user, partner=baoji, is_active=True)
    assert keys.key_for(baoji) == old
    assert keys.key_for(xian) == new
    acknowledge(baoji)
    assert keys.key_for(baoji) == new


def test_a_partner_registered_while_a_key_waits_gets_it_too(xian, admin_user):
    from gaoxin.exchange import services

    old = keys.current_key()
    new = keys.rotate(actor=admin_user)
    acknowledge(xian)
    # Registered after the rotation: its administrator pasted the key that signs, the old one.
    weinan = services.register_partner(
        actor=admin_user, code="WNGX", name="渭南高新区", base_url="https://wn.example.cn"
    )
    assert keys.current_key() == old  # and it is given the new key's announcement
    assert OutboxMessage.objects.get(partner=weinan).payload["key_id"] == new.key_id
    assert list(keys.waiting_partners(new)) == [weinan]
    acknowledge(weinan)
    assert keys.current_key() == new


def test_retiring_the_old_key_waits_until_every_partner_has_the_new_one(xian, baoji, admin_user):
    old = keys.current_key()
    new = keys.rotate(actor=admin_user)
    acknowledge(baoji)

    with pytest.raises(DomainError) as refused:
        keys.retire(actor=admin_user, key=old)
    assert refused.value.message == (
        f"The new key {new.key_id} does not sign yet: it waits for 西安高新区 to acknowledge it. "
        "Wait until every partner has it (a partner that no longer answers can be deactivated)."
    )
    with pytest.raises(DomainError, match="does not sign yet: it waits for 西安高新区"):
        keys.retire(actor=admin_user, key=new)
    with pytest.raises(DomainError, match="does not sign yet"):
        keys.rotate(actor=admin_user)
    assert SigningKey.objects.filter(retired_at__isnull=True).count() == 2
    assert not OutboxMessage.objects.filter(kind=keys.RETIRED_KIND).exists()

    acknowledge(xian)
    keys.retire(actor=admin_user, key=old)
    old.refresh_from_db()
    assert old.retired_at is not None
    assert keys.current_key() == new
    retired = OutboxMessage.objects.filter(kind=keys.RETIRED_KIND).order_by("partner__code")
    assert [(m.partner.code, m.payload) for m in retired] == [
        ("BJGX", {"key_id": old.key_id}),
        ("XAGX", {"key_id": old.key_id}),
    ]
    # Once the new key signs, another rotation may begin.
    assert keys.rotate(actor=admin_user).activated_at is None


@pytest.mark.django_db(transaction=True)
def test_two_workers_activate_the_new_key_once(zone, admin_user):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent workers need PostgreSQL; SQLite serialises them anyway")
    partner = Partner.objects.create(code="XAGX", name="西安高新区", base_url="https://xa.example")
    keys.current_key()
    new = keys.rotate(actor=admin_user)
    acknowledge(partner)
    workers = 8
    start = threading.Barrier(workers)
    found: list[str] = []
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            found.append(keys.current_key().key_id)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert found == [new.key_id] * workers
    assert AuditEntry.objects.filter(action="exchange.activate_key").count() == 1


# --- A partner's announcements, received ---------------------------------------------------

# Real Ed25519 public keys (of key pairs made for these tests).
KEY_A = "KKDSVqu5tmhHofTmVO/fmrym252Jhf4qYLQY23GPngE="
KEY_B = "45ID5mNTfuJM+NlCgxy18MAB/GEBNQEXMwZNzFDkMU8="


def announcement(sequence: int, kind: str, **payload: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "sequence": sequence, "kind": kind, "payload": payload}


def test_a_partners_new_key_is_added_once(xian):
    first = announcement(1, keys.KEY_KIND, key_id="XAGX-20261201-2", public_key=KEY_A)
    assert inbox.receive(xian, first) == inbox.APPLIED
    key = xian.keys.get()
    assert (key.key_id, key.public_key, key.retired_at) == ("XAGX-20261201-2", KEY_A, None)
    entry = AuditEntry.objects.get(action="exchange.partner_key_announced")
    assert entry.actor is None and entry.object_id == str(xian.pk)
    assert entry.changes == {"key_id": "XAGX-20261201-2", "public_key": KEY_A}

    # Announced again (a second rotation attempt, say), or pasted by hand before: no change.
    again = announcement(2, keys.KEY_KIND, key_id="XAGX-20261201-2", public_key=KEY_A)
    assert inbox.receive(xian, again) == inbox.APPLIED
    assert xian.keys.count() == 1
    assert AuditEntry.objects.filter(action="exchange.partner_key_announced").count() == 1


def test_a_key_id_is_never_given_another_public_key(xian):
    PartnerKey.objects.create(partner=xian, key_id="XAGX-20261201-2", public_key=KEY_A)
    other = announcement(1, keys.KEY_KIND, key_id="XAGX-20261201-2", public_key=KEY_B)
    with pytest.raises(Rejected) as refused:
        inbox.receive(xian, other)
    assert refused.value.reason == Reason.INVALID
    assert "already has a key XAGX-20261201-2 with another public key" in refused.value.detail
    assert xian.keys.get().public_key == KEY_A
    assert not InboxMessage.objects.exists()  # not taken: the partner's key stays pending


@pytest.mark.parametrize(
    "payload",
    [
        {"key_id": "XAGX-20261201-2", "public_key": "not a key"},
        {"key_id": "XAGX-20261201-2"},
        {"key_id": "", "public_key": KEY_A},
        {"key_id": "X" * 41, "public_key": KEY_A},
    ],
)
def test_an_announcement_without_a_valid_key_is_refused(xian, payload):
    with pytest.raises(Rejected) as refused:
        inbox.receive(xian, announcement(1, keys.KEY_KIND, **payload))
    assert refused.value.reason == Reason.INVALID
    assert not xian.keys.exists() and not InboxMessage.objects.exists()


def test_a_partners_retired_key_is_refused_from_then_on(xian):
    PartnerKey.objects.create(partner=xian, key_id="XAGX-20261201-1", public_key=KEY_A)
    PartnerKey.objects.create(partner=xian, key_id="XAGX-20261201-2", public_key=KEY_B)
    retired = announcement(1, keys.RETIRED_KIND, key_id="XAGX-20261201-1")
    assert inbox.receive(xian, retired) == inbox.APPLIED
    old, new = xian.keys.order_by("key_id")
    assert old.retired_at is not None and new.retired_at is None
    entry = AuditEntry.objects.get(action="exchange.partner_key_retired")
    assert entry.changes == {"key_id": "XAGX-20261201-1"}

    # Again, or a key we never had: nothing changes. A retired key is not announced back.
    moment = old.retired_at
    assert inbox.receive(xian, announcement(2, keys.RETIRED_KIND, key_id=old.key_id)) == "applied"
    assert inbox.receive(xian, announcement(3, keys.RETIRED_KIND, key_id="XAGX-1")) == "applied"
    back = announcement(4, keys.KEY_KIND, key_id=old.key_id, public_key=KEY_A)
    assert inbox.receive(xian, back) == "applied"
    old.refresh_from_db()
    assert old.retired_at == moment
    assert AuditEntry.objects.filter(action="exchange.partner_key_retired").count() == 1


def sign_with(key: SigningKey, path: str, body: bytes) -> dict[str, str]:
    """Headers signing a POST with ``key``, whatever key this zone signs with now."""
    timestamp, nonce = str(int(timezone.now().timestamp())), uuid.uuid4().hex
    message = signing.canonical("POST", path, timestamp, "XYGX", key.key_id, body, nonce=nonce)
    return {
        signing.HEADER_ZONE: "XYGX",
        signing.HEADER_KEY: key.key_id,
        signing.HEADER_TIMESTAMP: timestamp,
        signing.HEADER_NONCE: nonce,
        signing.HEADER_SIGNATURE: base64.b64encode(keys.private_key_of(key).sign(message)).decode(),
    }


def test_a_new_key_cannot_vouch_for_itself(ourselves, admin_user):
    # Trust rests on a key the partner already holds: an announcement signed with the very
    # key it announces (as anyone could make) is refused before it is read.
    new = keys.rotate(actor=admin_user)
    message = announcement(1, keys.KEY_KIND, key_id=new.key_id, public_key=new.public_key)
    body = json.dumps(message).encode()
    response = Client().post(
        MESSAGES, data=body, content_type="application/json", headers=sign_with(new, MESSAGES, body)
    )
    assert (response.status_code, response.json()["error"]) == (401, "unknown_key")
    assert not ourselves.keys.filter(key_id=new.key_id).exists()


# --- This zone's keys page -------------------------------------------------------------------


@pytest.fixture
def client(client, admin_user):
    """The administrator, reading the pages in English."""
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_keys_page_shows_who_the_new_key_waits_for(client, xian, baoji):
    old = keys.current_key()
    page = client.post(reverse("manage_own_key_rotate"), follow=True)
    new = SigningKey.objects.exclude(pk=old.pk).get()
    assert (
        f"New key {new.key_id} made. Every partner gets its public key automatically; it signs "
        "once all active partners have acknowledged it, the old key until then."
    ) in page.text
    assert f'data-key-id="{new.key_id}" data-state="pending"' in page.text
    assert f'data-key-id="{old.key_id}" data-state="signing"' in page.text
    assert "waiting for 2 of 2 partners" in page.text
    assert page.text.count('data-testid="waiting-partner"') == 2
    assert "宝鸡高新区" in page.text and "西安高新区" in page.text
    assert 'data-testid="retire"' not in page.text  # nothing to retire while it waits
    assert 'data-testid="pending-note"' in page.text

    acknowledge(xian)
    page = client.get(reverse("manage_own_keys"))
    assert "waiting for 1 of 2 partners" in page.text
    assert page.text.count('data-testid="waiting-partner"') == 1

    # Retiring through the page while it waits says why not.
    page = client.post(reverse("manage_own_key_retire", args=[old.pk]), follow=True)
    assert "it waits for 宝鸡高新区 to acknowledge it" in page.text
    assert "alert-danger" in page.text

    # The last partner acknowledges: the page says the key is about to sign, but only the
    # worker's loop switches to it.
    acknowledge(baoji)
    page = client.get(reverse("manage_own_keys"))
    assert f'data-key-id="{new.key_id}" data-state="pending"' in page.text
    assert "waiting for 0 of 2 partners" in page.text
    assert (
        f"Every active partner has acknowledged the new key {new.key_id}: it signs within a "
        "few seconds, at the worker's next check."
    ) in page.text
    assert 'data-testid="pending-note"' not in page.text
    new.refresh_from_db()
    assert new.activated_at is None
    loops.LOOPS["exchange.keys"].run()
    new.refresh_from_db()
    assert new.activated_at is not None
    page = client.get(reverse("manage_own_keys"))
    assert 'data-testid="activating-note"' not in page.text
    assert f'data-key-id="{new.key_id}" data-state="signing"' in page.text
    assert f'data-key-id="{old.key_id}" data-state="verifying"' in page.text
    assert page.text.count('data-testid="retire"') == 1
    page = client.post(reverse("manage_own_key_retire", args=[old.pk]), follow=True)
    assert "The partners are told to refuse what it signs from now on." in page.text
    assert f'data-key-id="{old.key_id}" data-state="retired"' in page.text


def test_showing_the_keys_page_changes_nothing(client, xian, baoji):
    """A GET only reads: not even a pending key every partner has, nor a partner registered
    since the rotation without its announcement, is acted upon by showing the page."""
    old = keys.current_key()
    new = keys.rotate(actor=None)
    acknowledge(xian)
    acknowledge(baoji)
    Partner.objects.create(code="XYQD", name="秦都区", base_url="https://qd.example.cn")

    def snapshot() -> list[Any]:
        return [
            list(SigningKey.objects.order_by("pk").values()),
            list(OutboxMessage.objects.order_by("pk").values()),
            list(AuditEntry.objects.order_by("pk").values()),
        ]

    before = snapshot()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("manage_own_keys"))
    assert page.status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert writes == []
    assert snapshot() == before
    assert f'data-key-id="{new.key_id}" data-state="pending"' in page.text
    assert f'data-key-id="{old.key_id}" data-state="signing"' in page.text
    assert "waiting for 1 of 3 partners" in page.text  # the late partner has no announcement

    # The worker's loop does the work: the late partner is told, and the key waits for it.
    loops.LOOPS["exchange.keys"].run()
    assert OutboxMessage.objects.filter(kind=keys.KEY_KIND, partner__code="XYQD").exists()
    assert keys.pending_key() == new


def test_with_no_partner_the_page_says_the_new_key_signs_at_once(client, zone):
    page = client.post(reverse("manage_own_key_rotate"), follow=True)
    first = SigningKey.objects.get()
    assert f"Key {first.key_id} made: give its public key to every partner." in page.text
    page = client.post(reverse("manage_own_key_rotate"), follow=True)
    second = SigningKey.objects.exclude(pk=first.pk).get()
    assert f"New key {second.key_id} signs from now on (no active partner" in page.text


# --- Two real deployments ---------------------------------------------------------------------

# Code run in zone A (two_zones.Deployment.python). Its demo list names six more partners at
# example addresses that never answer: they would hold a new key back for good, so they are
# deactivated first.
ROTATE = """
import json
import os
from gaoxin.exchange import keys
from gaoxin.exchange.models import Partner
Partner.objects.exclude(code="XAGX").update(is_active=False)
key = keys.rotate(actor=None)
print(json.dumps({"key_id": key.key_id, "pending": key.activated_at is None}))
"""
RETIRE = """
import json
import os
from gaoxin.exchange import keys
from gaoxin.exchange.models import SigningKey
keys.retire(actor=None, key=SigningKey.objects.get(key_id={key_id!r}))
print(json.dumps(keys.current_key().key_id))
"""
ITEM = "610402-XK-0034"  # one of B's items open to cross-zone handling (食品经营许可（注销）)


@pytest.mark.e2e
def test_zone_a_rotates_its_key_while_forwarding_and_b_refuses_nothing(tmp_path):
    with two_zones.running(tmp_path) as (a, b):
        old = a.key["key_id"]
        refs: list[str] = []
        forwarding = threading.Thread(
            target=lambda: refs.extend(a.python(two_zones.forward_code(ITEM, 4, pause=0.5)))
        )
        forwarding.start()
        arrived = "select count(*) from exchange_incomingapplication"
        two_zones.wait_for(lambda: b.query(arrived)[0][0] >= 1, timeout=60)
        # A's clerks go on forwarding while its administrator rotates the key (on a busy
        # machine the first clerk may be done by then: a second one comes after the rotation).
        new = a.python(ROTATE)
        assert new["pending"]
        forwarding.join()
        refs.extend(a.python(two_zones.forward_code(ITEM, 4, pause=0.1)))
        two_zones.wait_for(lambda: b.query(arrived)[0][0] == 8, timeout=60)
        # The announcement went between the applications, in A's order for B.
        queued = (
            "select m.kind from exchange_outboxmessage m join exchange_partner p"
            " on p.id = m.partner_id where p.code = 'XAGX' order by m.sequence"
        )
        kinds = [kind for (kind,) in a.query(queued)]
        at = kinds.index("exchange.key")
        assert "application.forward" in kinds[:at] and "application.forward" in kinds[at:]

        # B took the new key from A's announcement; A's old key can go, at B too.
        held = "select key_id, retired_at is not null from exchange_partnerkey order by key_id"
        assert b.query(held) == [(old, 0), (new["key_id"], 0)]
        assert a.python(RETIRE.format(key_id=old)) == new["key_id"]
        two_zones.wait_for(lambda: b.query(held) == [(old, 1), (new["key_id"], 0)], timeout=60)

        # What A sends now can only be signed with the new key, and arrives.
        refs.extend(a.python(two_zones.forward_code(ITEM, 1)))
        two_zones.wait_for(lambda: b.query(arrived)[0][0] == 9, timeout=60)
        assert b.query("select reason, detail from exchange_rejectedmessage") == []
        assert a.query("select count(*) from exchange_rejectedmessage") == [(0,)]


# --- In a real browser --------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_administrator_rotates_from_the_keyboard_and_sees_the_partners_catch_up(
    live_server, page, ourselves, admin_user, tmp_path
):
    from playwright.sync_api import expect

    from gaoxin.core.tests.browser import sign_in

    ourselves.base_url = live_server.url
    ourselves.save()
    old = keys.current_key()
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    sign_in(page, live_server.url, "admin")
    page.goto(f"{live_server.url}/manage/partners/own-keys/")

    # Alt+N, confirmed: the new key waits for the one partner, named with a link to its page.
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Alt+n")
    pending = page.locator('[data-testid=own-key][data-state="pending"]')
    expect(pending).to_have_count(1)
    expect(pending.get_by_test_id("pending")).to_have_text("waiting for 1 of 1 partner")
    expect(pending.get_by_test_id("waiting-partner")).to_have_text(str(ourselves))
    expect(page.get_by_test_id("rotate")).to_be_disabled()
    expect(page.get_by_test_id("retire")).to_have_count(0)
    page.screenshot(path=folder / "own-keys-pending-en.png", full_page=True)

    # The worker delivers the announcement: the page says the new key is about to sign, and
    # shows it signing once the worker's loop has switched to it.
    assert str(outbox.deliver_pending()) == "delivered=1 duplicates=0 failed=0"
    page.reload()
    new = SigningKey.objects.exclude(pk=old.pk).get()
    expect(page.get_by_test_id("activating-note")).to_contain_text(new.key_id)
    expect(page.locator('[data-testid=own-key][data-state="pending"]')).to_have_count(1)
    loops.LOOPS["exchange.keys"].run()
    page.reload()
    expect(page.locator('[data-testid=own-key][data-state="signing"]')).to_have_attribute(
        "data-key-id", new.key_id
    )
    # The old key can go now; the partner hears of it too.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("retire").click()
    expect(page.locator('[data-testid=own-key][data-state="retired"]')).to_have_attribute(
        "data-key-id", old.key_id
    )
    expect(page.get_by_test_id("rotate")).to_be_enabled()
    page.screenshot(path=folder / "own-keys-retired-en.png", full_page=True)
    assert str(outbox.deliver_pending()) == "delivered=1 duplicates=0 failed=0"
    assert ourselves.keys.get(key_id=old.key_id).retired_at is not None
    assert not RejectedMessage.objects.exists()
