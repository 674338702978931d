"""What an accept holds locked, and for how long: the day's number counters are shared by
every intake of the zone and the statistics' day rows by every intake of a department, and a
row updated in a transaction stays locked until it commits. So the intake writes them last,
and clerks accepting at the same moment wait for each other only for the last few writes."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gaoxin.cases import intake, numbering
from gaoxin.cases.models import Case, NumberCounter
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.workflow import Status
from gaoxin.stats.models import DepartmentDailyCount

pytestmark = pytest.mark.usefixtures("zone")


def _writes(statements: list[str]) -> list[str]:
    """The table each write goes to, in order (BEGIN, COMMIT and reads left out)."""
    tables = []
    for text in statements:
        words = text.replace('"', "").split()
        verb = words[0].upper()
        if verb == "WITH" or (verb == "UPDATE" and words[1] == NumberCounter._meta.db_table):
            tables.append("counter")
        elif verb in ("INSERT", "UPDATE"):
            tables.append(words[2] if verb == "INSERT" else words[1])
    return tables


def test_the_numbers_are_taken_last_and_only_the_case_its_notice_and_audit_follow(
    desk_clerk, intake_window, food_item
):
    intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))  # day's rows
    with CaptureQueriesContext(connection) as captured:
        case = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    writes = _writes([q["sql"] for q in captured.captured_queries])
    after = writes[writes.index("counter") + 1 :]
    assert after == ["cases_case", "cases_notice", "core_auditentry"]
    # The statistics' day rows are written before the counter, not at the case's creation,
    # and once each: the receipt and the acceptance add up in one update per row.
    assert "stats_departmentdailycount" in writes[writes.index("cases_submission") :]
    assert writes.count("stats_dailycount") == writes.count("stats_departmentdailycount") == 1
    assert writes.count("cases_caseevent") == 1  # both history rows in one statement
    day = DepartmentDailyCount.objects.get(day=timezone.localdate())
    assert (day.received, day.accepted) == (2, 2)
    # and what the notice says was made before the numbers existed, yet carries them.
    notice = case.notices.get()
    assert notice.number == f"{case.number}-AC01"
    assert notice.content["case_number"] == case.number
    assert notice.content["receipt_number"] == case.receipt_number
    assert case.number in notice.content["progress_path"]
    assert notice.content["rating"]["path"].startswith("/rate/")


def test_one_round_trip_takes_both_numbers_and_makes_the_days_rows(zone):
    from django.db import transaction

    day = dt.date(2026, 11, 24)
    with transaction.atomic():
        first = numbering.numbers(day, ["receipt", "case"])
        second = numbering.numbers(day, ["case", "receipt"])
        receipt_only = numbering.numbers(day, ["receipt"])
    assert first == {"receipt": "SJ20261124000001", "case": "XYGX20261124000001"}
    assert second == {"receipt": "SJ20261124000002", "case": "XYGX20261124000002"}
    assert receipt_only == {"receipt": "SJ20261124000003"}
    assert numbering.numbers(day, []) == {}


@pytest.mark.django_db(transaction=True)
def test_clerks_accepting_and_refusing_at_once_never_deadlock_nor_share_a_number(
    desk_clerk, intake_window, food_item
):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL; SQLite serialises them anyway")
    clerks, each = 6, 8
    start = threading.Barrier(clerks)
    failures: list[BaseException] = []

    def clerk(order: int) -> None:
        try:
            start.wait()
            for n in range(each):
                application = make_intake(food_item, intake_window)
                if (order + n) % 3:
                    intake.accept(actor=desk_clerk, intake=application)
                else:  # a receipt number only: the other order of locks, were there one
                    intake.refuse(
                        actor=desk_clerk,
                        intake=application,
                        reason="不属于本区",
                        basis="第三十二条",
                    )
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(clerks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    cases = list(Case.objects.all())
    accepted = [c for c in cases if c.status == Status.ACCEPTED]
    receipts = sorted(int(c.receipt_number[-6:]) for c in cases)
    numbers = sorted(int(c.number[-6:]) for c in accepted)
    assert receipts == list(range(1, clerks * each + 1))
    assert numbers == list(range(1, len(accepted) + 1))
    day = DepartmentDailyCount.objects.get(day=timezone.localdate())
    assert (day.received, day.accepted, day.refused) == (
        len(cases),
        len(accepted),
        len(cases) - len(accepted),
    )
