"""Case numbers: readable, consecutive, and never the same twice, even when clerks accept at
the same moment (real concurrent transactions on PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from gaoxin.cases import numbering
from gaoxin.cases.models import NumberCounter


@pytest.mark.django_db
def test_numbers_are_zone_code_date_and_six_digits(zone):
    day = dt.date(2026, 11, 23)
    with transaction.atomic():
        first = numbering.case_number(day)
        second = numbering.case_number(day)
    assert (first, second) == ("XYGX20261123000001", "XYGX20261123000002")


@pytest.mark.django_db
def test_each_day_starts_again_and_receipts_count_apart(zone):
    with transaction.atomic():
        numbering.case_number(dt.date(2026, 11, 23))
        assert numbering.case_number(dt.date(2026, 11, 24)).endswith("000001")
        assert numbering.receipt_number(dt.date(2026, 11, 23)) == "SJ20261123000001"


@pytest.mark.django_db(transaction=True)
def test_numbers_are_only_given_inside_a_transaction(zone):
    with pytest.raises(RuntimeError):
        numbering.next_in_sequence("case", dt.date(2026, 11, 23))


@pytest.mark.django_db(transaction=True)
def test_clerks_accepting_at_the_same_moment_never_share_a_number(zone):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL; SQLite serialises them anyway")
    clerks, per_clerk = 8, 25
    day = dt.date(2026, 11, 23)
    start = threading.Barrier(clerks)
    numbers: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def clerk() -> None:
        try:
            start.wait()
            for _ in range(per_clerk):
                with transaction.atomic():
                    number = numbering.case_number(day)
                with lock:
                    numbers.append(number)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk) for _ in range(clerks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(numbers) == len(set(numbers)) == clerks * per_clerk
    assert sorted(int(n[-6:]) for n in numbers) == list(range(1, clerks * per_clerk + 1))
    assert NumberCounter.objects.get(scope="case", day=day).last == clerks * per_clerk
