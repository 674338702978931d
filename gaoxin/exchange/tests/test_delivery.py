"""The worker delivers the outbox to a real partner — this very deployment behind
``live_server``, registered as its own partner — in order, once each, however long the
partner is away and whether or not its answers arrive."""

import datetime as dt
import socket
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from gaoxin.core.errors import DomainError
from gaoxin.exchange import client, inbox, outbox
from gaoxin.exchange.models import InboxMessage, OutboxMessage, RejectedMessage
from gaoxin.exchange.tests.peers import ourselves, zone  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True)

KIND = "test.delivery"
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def partner(ourselves, live_server, time_machine):  # noqa: F811 - the fixture imported above
    # Time runs on from a known moment; the tests jump it forward instead of sleeping.
    time_machine.move_to(START, tick=True)
    ourselves.base_url = live_server.url
    ourselves.save()
    return ourselves


@pytest.fixture
def handled():
    """What the partner applies of the test's messages, in order. While a message's number
    is in ``refusing``, the partner refuses it (as it would an item not agreed yet)."""
    state = SimpleNamespace(applied=[], refusing=set())

    def apply(partner, payload):
        if payload["n"] in state.refusing:
            raise DomainError("not ready for it yet")
        state.applied.append(payload["n"])

    inbox.register(KIND, apply)
    yield state
    inbox.unregister(KIND)


def write(partner, *numbers):
    return [outbox.enqueue(partner, KIND, {"n": n}) for n in numbers]


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def fresh(message):
    return OutboxMessage.objects.get(pk=message.pk)


def wait_of(message) -> float:
    return (message.next_attempt_at - message.last_attempt_at).total_seconds()


def test_messages_reach_the_partner_in_order_once_each(partner, handled):
    messages = write(partner, 1, 2, 3)
    report = outbox.deliver_pending()
    assert str(report) == "delivered=3 duplicates=0 failed=0"
    assert handled.applied == [1, 2, 3]
    received = InboxMessage.objects.filter(partner=partner).order_by("sequence")
    assert [(m.sequence, m.message_id, m.payload) for m in received] == [
        (m.sequence, m.id, m.payload) for m in messages
    ]
    for message in map(fresh, messages):
        assert message.delivered_at is not None
        assert (message.attempts, message.last_error) == (1, "")
    # Nothing left to send.
    assert str(outbox.deliver_pending()) == "delivered=0 duplicates=0 failed=0"
    assert InboxMessage.objects.count() == 3


def test_a_partner_that_is_down_gets_everything_in_order_when_it_is_back(
    partner, handled, live_server, time_machine
):
    partner.base_url = closed_port_url()
    partner.save()
    first, second, third = write(partner, 1, 2, 3)

    report = outbox.deliver_pending()
    assert (report.delivered, report.failed) == (0, 1)
    assert "refused" in report.errors[partner.code].lower()
    first = fresh(first)
    assert first.attempts == 1 and "refused" in first.last_error.lower()
    assert 1.6 <= wait_of(first) <= 2.4
    # The later ones wait behind it, untried.
    assert [fresh(m).attempts for m in (second, third)] == [0, 0]

    # Asked again at once: the first message's wait is not over, nothing is tried.
    assert outbox.deliver_pending().failed == 0
    assert fresh(first).attempts == 1

    # Still down after the wait: the next wait is twice as long.
    time_machine.shift(dt.timedelta(seconds=3))
    assert outbox.deliver_pending().failed == 1
    first = fresh(first)
    assert first.attempts == 2 and 3.2 <= wait_of(first) <= 4.8

    # The partner is back; its messages go when their wait is over, all of them, in order.
    partner.base_url = live_server.url
    partner.save()
    assert str(outbox.deliver_pending()) == "delivered=0 duplicates=0 failed=0"
    time_machine.shift(dt.timedelta(seconds=5))
    assert str(outbox.deliver_pending()) == "delivered=3 duplicates=0 failed=0"
    assert handled.applied == [1, 2, 3]
    assert list(InboxMessage.objects.values_list("sequence", flat=True)) == [1, 2, 3]
    assert [fresh(m).attempts for m in (first, second, third)] == [3, 1, 1]
    assert not OutboxMessage.objects.filter(delivered_at__isnull=True).exists()


def test_a_message_whose_answer_was_lost_is_sent_again_and_applied_once(
    partner, handled, time_machine
):
    [message] = write(partner, 1)
    assert outbox.deliver_pending().delivered == 1
    # The partner stored the message, but its answer never reached us: for all we know the
    # message is still undelivered.
    OutboxMessage.objects.filter(pk=message.pk).update(delivered_at=None)
    time_machine.shift(dt.timedelta(seconds=5))  # a retry is signed afresh, later

    report = outbox.deliver_pending()
    assert str(report) == "delivered=0 duplicates=1 failed=0"
    message = fresh(message)
    assert message.delivered_at is not None and message.attempts == 2
    assert handled.applied == [1]
    assert InboxMessage.objects.filter(message_id=message.id).count() == 1
    # And the next message follows as usual.
    write(partner, 2)
    assert outbox.deliver_pending().delivered == 1
    assert handled.applied == [1, 2]


def test_while_the_first_message_fails_the_second_is_not_sent_before_it(
    partner, handled, time_machine
):
    handled.refusing.add(1)
    first, second = write(partner, 1, 2)

    report = outbox.deliver_pending()
    assert (report.delivered, report.failed) == (0, 1)
    first, second = fresh(first), fresh(second)
    assert first.attempts == 1
    assert first.last_error == "HTTP 422: invalid (not ready for it yet)"
    assert (second.attempts, second.last_attempt_at) == (0, None)
    assert handled.applied == []
    assert not InboxMessage.objects.exists()
    refused = RejectedMessage.objects.get()
    assert (refused.reason, refused.message_id) == ("invalid", str(first.id))

    # The second message is due, but waits behind the first.
    time_machine.shift(dt.timedelta(seconds=1))
    assert outbox.deliver_pending().failed == 0
    assert fresh(second).attempts == 0

    handled.refusing.clear()
    time_machine.shift(dt.timedelta(seconds=3))
    assert outbox.deliver_pending().delivered == 2
    assert handled.applied == [1, 2]


def test_a_partner_at_a_wrong_address_is_retried_with_its_answer_kept(
    partner, handled, live_server
):
    partner.base_url = f"{live_server.url}/nowhere"
    partner.save()
    [message] = write(partner, 1)
    assert outbox.deliver_pending().failed == 1
    message = fresh(message)
    assert message.last_error.startswith("HTTP 404")
    assert message.delivered_at is None and message.next_attempt_at > message.last_attempt_at


def test_nothing_is_sent_to_a_deactivated_partner(partner, handled):
    [message] = write(partner, 1)
    partner.is_active = False
    partner.save()
    assert str(outbox.deliver_pending()) == "delivered=0 duplicates=0 failed=0"
    assert fresh(message).attempts == 0
    partner.is_active = True
    partner.save()
    assert outbox.deliver_pending(partner=partner).delivered == 1


def test_a_signed_request_gets_the_partners_answer_whatever_its_status(partner):
    answer = client.request(partner, "GET", "/exchange/v1/catalog/")
    assert answer.ok and answer.data["zone"] == partner.code
    refused = client.request(partner, "POST", "/exchange/v1/messages/", b"not json")
    assert refused.status == 400
    assert refused.describe().startswith("HTTP 400: malformed")
    with pytest.raises(client.TransportError, match="refused"):
        partner.base_url = closed_port_url()
        client.request(partner, "GET", "/exchange/v1/catalog/")
    with pytest.raises(client.TransportError, match="http"):
        partner.base_url = "file:///etc"
        client.request(partner, "GET", "/exchange/v1/catalog/")
