"""The inbox applies each partner message once, in the partner's order: a message delivered
again changes nothing, a message that overtakes an earlier one is refused until the earlier
one has arrived, and two deliveries of one message at the same moment apply it once."""

import threading
import time
import uuid

import pytest
from django.db import connection, connections
from django.utils import translation

from gaoxin.exchange import inbox
from gaoxin.exchange.models import InboxMessage, Partner, PartnerKey, RejectedMessage
from gaoxin.exchange.signing import Rejected
from gaoxin.exchange.tests.peers import NOTE, apply_note, note

Reason = RejectedMessage.Reason


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refused(partner, message) -> Rejected:
    with pytest.raises(Rejected) as caught:
        inbox.receive(partner, message)
    return caught.value


@pytest.mark.django_db
def test_a_message_is_applied_once_with_its_effect(ourselves, notes):
    first = note(1, "材料已收")
    assert inbox.receive(ourselves, first) == "applied"
    row = InboxMessage.objects.get()
    assert (str(row.message_id), row.sequence, row.kind) == (first["id"], 1, NOTE)
    assert row.payload == {"text": "材料已收"}
    assert [n.changes for n in notes] == [{"text": "材料已收"}]


@pytest.mark.django_db
def test_the_same_message_again_is_a_duplicate_and_changes_nothing(ourselves, notes):
    first = note(1, "材料已收")
    inbox.receive(ourselves, first)
    inbox.receive(ourselves, note(2))
    # The partner never heard our answer to the first and sends it again (even changed).
    assert inbox.receive(ourselves, first) == "duplicate"
    assert inbox.receive(ourselves, {**first, "payload": {"text": "changed"}}) == "duplicate"
    assert InboxMessage.objects.count() == 2
    assert [n.changes["text"] for n in notes.order_by("id")] == ["材料已收", "note 2"]


@pytest.mark.django_db
def test_a_message_that_overtakes_an_earlier_one_is_refused_until_that_one_came(ourselves, notes):
    inbox.receive(ourselves, note(1))
    third = note(3)
    rejected = refused(ourselves, third)
    assert (rejected.reason, rejected.status) == (Reason.OUT_OF_ORDER, 409)
    assert "next one expected is 2" in rejected.detail
    assert InboxMessage.objects.count() == 1 and notes.count() == 1
    # Once the second has arrived, the third goes in.
    inbox.receive(ourselves, note(2))
    assert inbox.receive(ourselves, third) == "applied"
    assert list(InboxMessage.objects.values_list("sequence", flat=True)) == [1, 2, 3]


@pytest.mark.django_db
def test_an_old_sequence_number_under_a_new_id_is_refused(ourselves, notes):
    inbox.receive(ourselves, note(1))
    inbox.receive(ourselves, note(2))
    rejected = refused(ourselves, note(2))
    assert rejected.reason == Reason.OUT_OF_ORDER
    assert notes.count() == 2


@pytest.mark.django_db
def test_each_partner_has_its_own_sequence(ourselves, notes):
    other = Partner.objects.create(code="XAGX", name="西安高新区", base_url="https://xagx.example")
    PartnerKey.objects.create(partner=other, key_id="XAGX-1", public_key="A" * 44)
    assert inbox.receive(ourselves, note(1)) == "applied"
    assert inbox.receive(other, note(1)) == "applied"
    assert inbox.receive(other, note(2)) == "applied"
    assert inbox.receive(ourselves, note(2)) == "applied"


@pytest.mark.django_db
def test_a_kind_nobody_handles_is_refused(ourselves, notes):
    message = {**note(1), "kind": "case.teleport"}
    rejected = refused(ourselves, message)
    assert (rejected.reason, rejected.status) == (Reason.INVALID, 422)
    assert "case.teleport" in rejected.detail
    assert not InboxMessage.objects.exists()


@pytest.mark.django_db
def test_a_message_its_handler_refuses_leaves_nothing_behind(ourselves, notes):
    rejected = refused(ourselves, note(1, "refuse me"))
    assert (rejected.reason, rejected.status, rejected.detail) == (
        Reason.INVALID,
        422,
        "This note is refused.",
    )
    # The row and the effect went together: the partner may send a corrected message 1.
    assert not InboxMessage.objects.exists() and not notes.exists()
    assert inbox.receive(ourselves, note(1)) == "applied"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "message",
    [
        [],
        {"sequence": 1, "kind": NOTE, "payload": {}},
        {"id": "not-a-uuid", "sequence": 1, "kind": NOTE, "payload": {}},
        {"id": str(uuid.uuid4()), "sequence": "1", "kind": NOTE, "payload": {}},
        {"id": str(uuid.uuid4()), "sequence": 0, "kind": NOTE, "payload": {}},
        {"id": str(uuid.uuid4()), "sequence": True, "kind": NOTE, "payload": {}},
        {"id": str(uuid.uuid4()), "sequence": 1, "kind": "", "payload": {}},
        {"id": str(uuid.uuid4()), "sequence": 1, "kind": NOTE, "payload": ["x"]},
    ],
)
def test_a_message_without_a_proper_id_sequence_kind_or_payload_is_malformed(
    ourselves, notes, message
):
    rejected = refused(ourselves, message)
    assert (rejected.reason, rejected.status) == (Reason.MALFORMED, 400)
    assert not InboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_of_one_message_at_once_apply_it_once(ourselves, notes):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL; SQLite serialises them anyway")
    deliveries = 4
    message = note(1, "一次")

    def slow_note(partner, payload):
        time.sleep(0.3)  # the others arrive while the first is still applying it
        apply_note(partner, payload)

    inbox.register(NOTE, slow_note)
    start = threading.Barrier(deliveries)
    outcomes: list[str] = []
    failures: list[BaseException] = []

    def deliver() -> None:
        try:
            start.wait()
            outcomes.append(inbox.receive(ourselves, message))
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(deliveries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert sorted(outcomes) == ["applied"] + ["duplicate"] * (deliveries - 1)
    assert InboxMessage.objects.count() == 1
    assert notes.count() == 1
