"""The outbox numbers each partner's messages in the order they are written, only when the
change they report commits, and waits longer and longer (but not forever longer) between
attempts at a partner that does not answer."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from gaoxin.exchange import outbox
from gaoxin.exchange.models import OutboxMessage, Partner


@pytest.fixture
def xian(db):
    return Partner.objects.create(code="XAGX", name="西安高新区", base_url="https://xa.example.cn")


@pytest.fixture
def baoji(db):
    return Partner.objects.create(code="BJGX", name="宝鸡高新区", base_url="https://bj.example.cn")


def test_messages_are_numbered_1_2_3_for_each_partner(xian, baoji):
    first = outbox.enqueue(xian, "case.forward", {"case": "A-1"})
    second = outbox.enqueue(xian, "case.status", {"case": "A-1", "status": "accepted"})
    other = outbox.enqueue(baoji, "case.forward", {"case": "B-1"})
    third = outbox.enqueue(xian, "case.forward", {"case": "A-2"})
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert other.sequence == 1
    pending = OutboxMessage.objects.get(pk=second.pk)
    assert pending.payload == {"case": "A-1", "status": "accepted"}
    assert (pending.attempts, pending.delivered_at, pending.last_error) == (0, None, "")


def test_a_message_is_written_only_if_the_change_it_reports_commits(xian):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(xian, "case.forward", {"case": "A-1"})
        raise RuntimeError("the case could not be saved")
    assert not OutboxMessage.objects.exists()
    # No gap either: the next message is still number 1.
    assert outbox.enqueue(xian, "case.forward", {"case": "A-1"}).sequence == 1


def test_a_message_needs_a_kind(xian):
    with pytest.raises(ValueError, match="kind"):
        outbox.enqueue(xian, "", {})
    with pytest.raises(ValueError, match="kind"):
        outbox.enqueue(xian, "x" * 41, {})


@pytest.mark.django_db(transaction=True)
def test_windows_enqueueing_at_once_get_distinct_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL; SQLite serialises them anyway")
    partner = Partner.objects.create(code="XAGX", name="西安高新区", base_url="https://xa.example")
    windows, each = 8, 5
    start = threading.Barrier(windows)
    failures: list[BaseException] = []

    def window(n: int) -> None:
        try:
            start.wait()
            for i in range(each):
                # Each message in the transaction of its own change, as a window's would be.
                with transaction.atomic():
                    outbox.enqueue(partner, "case.forward", {"window": n, "case": i})
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=window, args=(n,)) for n in range(windows)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    sequences = sorted(OutboxMessage.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, windows * each + 1))
    # Each window's own messages keep the order it wrote them in.
    for n in range(windows):
        mine = OutboxMessage.objects.filter(payload__window=n).order_by("sequence")
        assert [m.payload["case"] for m in mine] == list(range(each))


def test_the_wait_after_a_failure_doubles_from_two_seconds():
    for attempts, expected in [(1, 2), (2, 4), (3, 8), (4, 16), (6, 64), (8, 256)]:
        for _ in range(50):
            wait = outbox.backoff(attempts).total_seconds()
            assert expected * 0.8 <= wait <= expected * 1.2, (attempts, wait)
    # A message never tried counts as tried once.
    assert 1.6 <= outbox.backoff(0).total_seconds() <= 2.4


def test_the_wait_is_capped_at_ten_minutes_however_long_the_outage():
    for attempts in (10, 11, 50, 10_000):
        for _ in range(50):
            wait = outbox.backoff(attempts)
            assert dt.timedelta(minutes=8) <= wait <= dt.timedelta(minutes=10)


def test_the_wait_is_jittered_so_retries_after_an_outage_spread_out():
    waits = {outbox.backoff(5) for _ in range(50)}
    assert len(waits) > 10
    assert max(waits) - min(waits) <= dt.timedelta(seconds=32 * 0.4)
