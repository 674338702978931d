"""The exchange API as a partner meets it: a signed message is applied and acknowledged;
everything else is refused with the reason's HTTP status, and kept in the rejected-messages
log with the zone it claimed to come from. The catalog shows partners the items they may
receive on our behalf, to signed requests only."""

import datetime as dt
import json
import urllib.error
import urllib.request

import pytest
import time_machine
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from gaoxin.catalog import services as catalog_services
from gaoxin.catalog.tests.factories import make_item
from gaoxin.exchange import keys, signing
from gaoxin.exchange.models import InboxMessage, Partner, RejectedMessage
from gaoxin.exchange.tests.peers import CATALOG, MESSAGES, body_of, note

Reason = RejectedMessage.Reason
NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def partner_client() -> Client:
    # As strict as the real thing: no CSRF token, no session, no sign-in.
    return Client(enforce_csrf_checks=True)


def deliver(client: Client, body: bytes, headers: dict[str, str] | None = None):
    if headers is None:
        headers = signing.sign("POST", MESSAGES, body)
    return client.post(MESSAGES, data=body, content_type="application/json", headers=headers)


def assert_refused(response, status: int, reason: str, *, message_id: str = "", zone="XYGX"):
    assert response.status_code == status
    assert response.json()["error"] == reason
    assert response.json()["detail"]
    logged = RejectedMessage.objects.get()
    assert (logged.reason, logged.partner_code, logged.message_id) == (reason, zone, message_id)
    assert logged.remote_addr == "127.0.0.1"
    assert not InboxMessage.objects.exists()
    return logged


# --- Delivered --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_partner_delivers_a_message_over_the_network(live_server, ourselves, notes):
    ourselves.base_url = live_server.url
    ourselves.save()
    message = note(1, "材料已收")
    body = body_of(message)

    def post(headers):
        request = urllib.request.Request(  # noqa: S310 - the live test server
            live_server.url + MESSAGES,
            data=body,
            method="POST",
            headers={**headers, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
                return answer.status, json.loads(answer.read()), answer.headers
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read()), error.headers

    status, answer, headers = post(signing.sign("POST", MESSAGES, body))
    assert (status, answer) == (200, {"status": "applied"})
    assert "Set-Cookie" not in headers  # no session for a partner
    # The partner never heard the answer and sends the message again, signed afresh.
    status, answer, _ = post(signing.sign("POST", MESSAGES, body))
    assert (status, answer) == (200, {"status": "duplicate"})
    assert InboxMessage.objects.count() == 1 and notes.count() == 1
    # The very same request a third time is a replay.
    replayed = signing.sign("POST", MESSAGES, body)
    post(replayed)
    status, answer, _ = post(replayed)
    assert (status, answer["error"]) == (409, "replay")
    assert RejectedMessage.objects.get().message_id == message["id"]


@pytest.mark.django_db
def test_the_exact_same_request_twice_is_a_replay(partner_client, ourselves, notes):
    message = note(1)
    body = body_of(message)
    headers = signing.sign("POST", MESSAGES, body)
    assert deliver(partner_client, body, headers).json() == {"status": "applied"}
    response = deliver(partner_client, body, headers)
    assert response.status_code == 409 and response.json()["error"] == "replay"
    logged = RejectedMessage.objects.get()
    assert (logged.reason, logged.partner_code, logged.message_id) == (
        Reason.REPLAY,
        "XYGX",
        message["id"],
    )
    assert notes.count() == 1


# --- Refused before the message is read ---------------------------------------------------


@pytest.mark.django_db
def test_a_zone_that_is_no_partner_of_ours_is_refused(partner_client, zone, notes):
    message = note(1)
    response = deliver(partner_client, body_of(message))
    assert_refused(response, 403, Reason.UNKNOWN_PARTNER, message_id=message["id"])


@pytest.mark.django_db
def test_an_inactive_partner_is_refused(partner_client, ourselves, notes):
    Partner.objects.filter(pk=ourselves.pk).update(is_active=False)
    message = note(1)
    response = deliver(partner_client, body_of(message))
    logged = assert_refused(response, 403, Reason.UNKNOWN_PARTNER, message_id=message["id"])
    # Kept in the zone's language: a partner's request carries no language of its own.
    with translation.override("zh-hans"):
        expected = gettext("The partner zone %(code)s is not active.") % {"code": ourselves.code}
    assert logged.detail == expected


@pytest.mark.django_db
def test_a_key_the_partner_never_gave_us_is_refused(partner_client, ourselves, notes, admin_user):
    # Made while the partner was deactivated, the new key signs at once; the partner has not
    # had its announcement yet (test_key_rotation.py tells how it normally gets it first).
    Partner.objects.filter(pk=ourselves.pk).update(is_active=False)
    new = keys.rotate(actor=admin_user)
    Partner.objects.filter(pk=ourselves.pk).update(is_active=True)
    message = note(1)
    response = deliver(partner_client, body_of(message))
    logged = assert_refused(response, 401, Reason.UNKNOWN_KEY, message_id=message["id"])
    assert new.key_id in logged.detail


@pytest.mark.django_db
def test_a_retired_key_is_refused(partner_client, ourselves, notes):
    ourselves.keys.update(retired_at=NOW)
    message = note(1)
    response = deliver(partner_client, body_of(message))
    logged = assert_refused(response, 401, Reason.UNKNOWN_KEY, message_id=message["id"])
    with translation.override("zh-hans"):
        expected = gettext("The key %(key)s of %(code)s is retired.")
    assert logged.detail == expected % {"code": ourselves.code, "key": ourselves.keys.get().key_id}


@pytest.mark.django_db
def test_a_message_changed_after_signing_is_refused(partner_client, ourselves, notes):
    message = note(1, "准予许可")
    headers = signing.sign("POST", MESSAGES, body_of(message))
    changed = {**message, "payload": {"text": "不予许可"}}
    response = deliver(partner_client, body_of(changed), headers)
    assert_refused(response, 401, Reason.BAD_SIGNATURE, message_id=message["id"])


@pytest.mark.django_db
def test_an_unsigned_message_is_refused(partner_client, ourselves, notes):
    message = note(1)
    response = deliver(partner_client, body_of(message), headers={})
    logged = assert_refused(response, 401, Reason.MALFORMED, message_id=message["id"], zone="")
    assert "X-Gaoxin-Signature" in logged.detail


@pytest.mark.django_db
@pytest.mark.parametrize("minutes", [-6, 6], ids=["six minutes old", "six minutes ahead"])
def test_a_message_signed_six_minutes_off_our_clock_is_stale(
    partner_client, ourselves, notes, minutes
):
    message = note(1)
    body = body_of(message)
    with time_machine.travel(NOW + dt.timedelta(minutes=minutes), tick=False):
        headers = signing.sign("POST", MESSAGES, body)
    with time_machine.travel(NOW, tick=False):
        response = deliver(partner_client, body, headers)
    logged = assert_refused(response, 401, Reason.STALE, message_id=message["id"])
    assert str(-minutes * 60) in logged.detail


@pytest.mark.django_db
def test_four_minutes_off_is_still_on_time(partner_client, ourselves, notes):
    body = body_of(note(1))
    with time_machine.travel(NOW - dt.timedelta(minutes=4), tick=False):
        headers = signing.sign("POST", MESSAGES, body)
    with time_machine.travel(NOW, tick=False):
        assert deliver(partner_client, body, headers).json() == {"status": "applied"}


# --- Refused once read ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_refused(partner_client, ourselves, notes):
    response = deliver(partner_client, b'{"id": "1", sequence: 1')
    assert_refused(response, 400, Reason.MALFORMED)


@pytest.mark.django_db
def test_a_message_past_the_upload_limit_is_refused_and_logged(
    partner_client, ourselves, notes, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    message = {**note(1), "payload": {"text": "材料" * 600}}
    response = deliver(partner_client, body_of(message))
    logged = assert_refused(response, 413, Reason.TOO_LARGE)
    assert "1024" in logged.detail


@pytest.mark.django_db
def test_a_kind_we_do_not_know_is_refused(partner_client, ourselves, notes):
    message = {**note(1), "kind": "case.teleport"}
    response = deliver(partner_client, body_of(message))
    logged = assert_refused(response, 422, Reason.INVALID, message_id=message["id"])
    assert "case.teleport" in logged.detail


@pytest.mark.django_db
def test_a_message_out_of_turn_is_refused(partner_client, ourselves, notes):
    message = note(2)
    response = deliver(partner_client, body_of(message))
    assert_refused(response, 409, Reason.OUT_OF_ORDER, message_id=message["id"])


@pytest.mark.django_db
def test_messages_are_posted(partner_client, ourselves):
    assert partner_client.get(MESSAGES).status_code == 405
    assert not RejectedMessage.objects.exists()


# --- The catalog partners import ---------------------------------------------------------


@pytest.fixture
def published(approval_bureau, market_bureau):
    """Items of every sort: only the current versions open to cross-zone handling show."""
    food = make_item(approval_bureau, name="食品经营许可")
    revised = make_item(market_bureau, name="公司设立登记", kind="confirmation")
    revised = catalog_services.revise_item(
        actor=None,
        item=revised,
        promised_days=3,
        materials=[{"name": "设立登记申请书", "kind": "original", "need": "required"}],
    )
    make_item(approval_bureau, name="本区专办事项", cross_zone=False)
    withdrawn = make_item(approval_bureau, name="已取消事项")
    catalog_services.withdraw_item(actor=None, item=withdrawn, reason="事项清单调整")
    return food, revised


@pytest.mark.django_db
def test_the_catalog_shows_the_current_cross_zone_items_with_their_materials(
    partner_client, ourselves, published
):
    food, revised = published
    headers = signing.sign("GET", CATALOG, b"")
    response = partner_client.get(CATALOG, headers=headers)
    assert response.status_code == 200
    data = response.json()
    assert data["zone"] == "XYGX"
    assert [(i["code"], i["version"]) for i in data["items"]] == sorted(
        [(food.code, 1), (revised.code, 2)]
    )
    entry = next(i for i in data["items"] if i["code"] == food.code)
    assert {k: v for k, v in entry.items() if k != "materials"} == {
        "code": food.code,
        "version": 1,
        "name": "食品经营许可",
        "department": "行政审批服务局",
        "kind": "licensing",
        "promised_days": 5,
    }
    assert [m["name"] for m in entry["materials"]] == [
        "食品经营许可申请书",
        "营业执照",
        "授权委托书",
        "食品安全管理制度文本",
    ]
    assert entry["materials"][2] == {
        "name": "授权委托书",
        "kind": "original",
        "requirement": "conditional",
        "copies": 1,
        "condition": "委托他人办理的",
        "order": entry["materials"][2]["order"],
    }
    assert [m["order"] for m in entry["materials"]] == sorted(
        m["order"] for m in entry["materials"]
    )
    other = next(i for i in data["items"] if i["code"] == revised.code)
    assert (other["promised_days"], [m["name"] for m in other["materials"]]) == (
        3,
        ["设立登记申请书"],
    )


@pytest.mark.django_db
def test_the_catalog_is_for_partners_only(partner_client, ourselves, published):
    response = partner_client.get(CATALOG)
    assert response.status_code == 401 and response.json()["error"] == "malformed"
    assert "items" not in response.json()
    logged = RejectedMessage.objects.get()
    assert (logged.reason, logged.partner_code) == (Reason.MALFORMED, "")
    # A signature for another request does not open it either.
    headers = signing.sign("POST", MESSAGES, b"")
    response = partner_client.get(CATALOG, headers=headers)
    assert response.status_code == 401 and response.json()["error"] == "bad_signature"
    assert RejectedMessage.objects.filter(reason=Reason.BAD_SIGNATURE, partner_code="XYGX").exists()
