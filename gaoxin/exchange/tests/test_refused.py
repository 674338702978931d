"""A message its handler refuses for good does not block the partner's queue: it is taken
(so sent again it is a duplicate), kept in the rejected-messages log with its reason, and
answered — an application for an item we do not handle for partners (item not agreed) is
answered with a status message "not_agreed"."""

import uuid

import pytest
from django.test import Client
from django.utils import translation

from gaoxin.catalog import services as catalog_services
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core import audit
from gaoxin.core.models import AuditEntry
from gaoxin.exchange import inbox, incoming, outbox, signing
from gaoxin.exchange.models import (
    ApplicationEvent,
    InboxMessage,
    IncomingApplication,
    OutboxMessage,
    RejectedMessage,
)
from gaoxin.exchange.tests.arrivals import RECEIVED_AT, forward, message, told
from gaoxin.exchange.tests.peers import MESSAGES, body_of, note

Reason = RejectedMessage.Reason
PICKY = "test.picky"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def picky():
    """A kind of message whose handler writes, then refuses the "no" ones for good; its
    reply is an audit entry."""

    def apply(partner, payload):
        audit.record("test.written", actor=None, changes=payload)
        if payload.get("answer") == "no":
            raise inbox.Refused(
                Reason.NOT_AGREED,
                "not for us",
                reply=lambda: audit.record("test.reply", actor=None, changes=payload),
            )

    inbox.register(PICKY, apply)
    yield
    inbox.unregister(PICKY)


@pytest.mark.django_db
def test_a_message_refused_for_good_is_taken_logged_answered_and_the_queue_goes_on(
    ourselves, picky, notes
):
    refused = message(ourselves, PICKY, {"answer": "no"})
    assert inbox.receive(ourselves, refused, remote_addr="10.0.0.7") == "refused"

    assert InboxMessage.objects.get().message_id == uuid.UUID(refused["id"])
    logged = RejectedMessage.objects.get()
    assert (logged.reason, logged.partner_code, logged.message_id) == (
        Reason.NOT_AGREED,
        "XYGX",
        refused["id"],
    )
    assert (logged.detail, logged.remote_addr) == ("not for us", "10.0.0.7")
    # What the handler wrote before refusing is gone; its reply is there.
    assert not AuditEntry.objects.filter(action="test.written").exists()
    assert AuditEntry.objects.filter(action="test.reply").count() == 1

    # Sent again (our answer was lost): a duplicate, nothing more is logged or answered.
    assert inbox.receive(ourselves, refused) == "duplicate"
    assert RejectedMessage.objects.count() == 1
    assert AuditEntry.objects.filter(action="test.reply").count() == 1
    # The next message is applied: the refusal did not block the queue.
    assert inbox.receive(ourselves, note(2)) == "applied"


@pytest.fixture
def withdrawn(approval_bureau):
    item = make_item(approval_bureau, name="建筑垃圾处置核准")
    catalog_services.withdraw_item(actor=None, item=item, reason="事项取消")
    return item


@pytest.fixture
def revised(approval_bureau):
    """Its old version: the code's current one is open to partners, this one is not."""
    item = make_item(approval_bureau, name="户外广告设置许可")
    catalog_services.revise_item(actor=None, item=item, promised_days=4)
    return item


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["unknown", "local_only", "withdrawn"])
def test_an_application_for_an_item_not_agreed_is_refused_and_the_partner_told(
    ourselves, approval_bureau, withdrawn, case
):
    if case == "unknown":
        payload = forward(uuid.uuid4(), None, code="610402-XK-0000", material_list=[])
    elif case == "local_only":
        local = make_item(approval_bureau, name="本区专属事项", cross_zone=False)
        payload = forward(uuid.uuid4(), local)
    else:
        payload = forward(uuid.uuid4(), withdrawn)
    sent = message(ourselves, incoming.FORWARD, payload)

    assert inbox.receive(ourselves, sent) == "refused"

    assert not IncomingApplication.objects.exists()
    logged = RejectedMessage.objects.get()
    assert (logged.reason, logged.message_id) == (Reason.NOT_AGREED, sent["id"])
    assert payload["item_code"] in logged.detail
    (reply,) = told(ourselves, payload["ref"])
    assert (reply["action"], reply["status"], reply["number"], reply["deadline"]) == (
        "not_agreed",
        "refused",
        "",
        None,
    )
    assert reply["note"] == logged.detail
    lines = ApplicationEvent.objects.filter(ref=payload["ref"]).order_by("at")
    assert [(line.zone, line.action) for line in lines] == [
        ("XYGX", "forward"),
        ("XYGX", "not_agreed"),
    ]
    assert lines[0].at == RECEIVED_AT

    # The partner never heard our answer and sends it again: a duplicate, answered once.
    assert inbox.receive(ourselves, sent) == "duplicate"
    assert RejectedMessage.objects.count() == 1
    assert len(told(ourselves)) == 1


@pytest.mark.django_db
def test_an_old_version_still_refers_to_the_item_in_force(ourselves, revised):
    """A partner with a stale catalog sends the old version: the code is what counts."""
    payload = forward(uuid.uuid4(), revised)
    assert inbox.receive(ourselves, message(ourselves, incoming.FORWARD, payload)) == "applied"
    arrived = IncomingApplication.objects.get()
    assert arrived.item.is_current and arrived.item.version == 2


@pytest.mark.django_db
def test_over_http_a_refused_message_is_answered_200_refused(ourselves):
    payload = forward(uuid.uuid4(), None, code="610402-XK-0000", material_list=[])
    body = body_of(message(ourselves, incoming.FORWARD, payload))
    answer = Client(enforce_csrf_checks=True).post(
        MESSAGES,
        data=body,
        content_type="application/json",
        headers=signing.sign("POST", MESSAGES, body),
    )
    assert (answer.status_code, answer.json()) == (200, {"status": "refused"})
    logged = RejectedMessage.objects.get()
    assert (logged.reason, logged.remote_addr) == (Reason.NOT_AGREED, "127.0.0.1")


@pytest.mark.django_db(transaction=True)
def test_the_outbox_counts_a_refused_message_as_delivered(live_server, ourselves):
    ourselves.base_url = live_server.url
    ourselves.save()
    payload = forward(uuid.uuid4(), None, code="610402-XK-0000", material_list=[])
    sent = outbox.enqueue(ourselves, incoming.FORWARD, payload)

    report = outbox.deliver_pending(partner=ourselves)

    assert (report.delivered, report.refused, report.failed) == (1, 1, 0)
    assert str(report) == "delivered=1 duplicates=0 failed=0 refused=1"
    sent.refresh_from_db()
    assert sent.delivered_at is not None and sent.attempts == 1
    # The answer waits in our outbox behind it (the partner being ourselves).
    reply = OutboxMessage.objects.get(kind=incoming.STATUS)
    assert (reply.sequence, reply.payload["action"]) == (2, "not_agreed")
