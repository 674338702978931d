"""The figures of one March, worked out by hand (see the ``march`` fixture for the story)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from gaoxin.cases.models import Case
from gaoxin.core.signals import calendar_year_confirmed
from gaoxin.stats import counters
from gaoxin.stats.models import DailyCount, DepartmentDailyCount, PendingIntake
from gaoxin.stats.queries import Filters, dashboard, figures
from gaoxin.stats.tests.recount import recount

D = dt.date
MARCH = {"start": D(2026, 3, 1), "end": D(2026, 3, 31)}


def test_the_zone_in_march(march):
    f = figures(Filters(**MARCH), march.today)
    assert (f.received, f.corrections, f.accepted, f.refused) == (6, 1, 5, 1)
    assert (f.completed, f.completed_denied, f.completed_on_time, f.terminated) == (3, 1, 3, 1)
    # Used: D 0, A 2, B 7 − 2 suspended; promised: D 1, A 5, B 5.
    assert (f.used_days, f.promised_days) == (7, 11)
    assert f.average_used_days == Decimal("2.3") and f.average_promised_days == Decimal("3.7")
    assert f.completion_rate == Decimal("60.0")  # 3 completed ÷ 5 accepted
    assert f.on_time_rate == Decimal("100.0")
    assert f.immediate_share == Decimal("20.0")  # D among the five accepted
    # Now (13 March): E is the one case running, past its deadline of 9 March.
    assert (f.in_progress, f.overdue) == (1, 1)


def test_one_day_counts_what_happened_that_day(march):
    f = figures(Filters(start=D(2026, 3, 3), end=D(2026, 3, 3)), march.today)
    # B accepted (received the day before), D posted, F terminated.
    assert (f.received, f.corrections, f.accepted, f.completed, f.terminated) == (0, 0, 1, 1, 1)
    assert f.completion_rate == Decimal("100.0")
    assert figures(Filters(start=D(2026, 2, 1), end=D(2026, 2, 28)), march.today).received == 0


def test_a_department_an_item_and_a_window(march):
    market = figures(Filters(**MARCH, department=march.items.drugs.department), march.today)
    assert (market.received, market.accepted, market.completed) == (1, 1, 0)
    assert market.completion_rate == Decimal("0.0") and market.on_time_rate is None
    assert (market.in_progress, market.overdue) == (1, 1)

    quick = figures(Filters(**MARCH, item_code=march.items.quick.code), march.today)
    assert (quick.accepted, quick.accepted_immediate, quick.completed, quick.used_days) == (
        1,
        1,
        1,
        0,
    )

    # B came back to window 2 after its one-time notice: its counts went with it.
    two = figures(Filters(**MARCH, window=march.windows.two), march.today)
    assert (two.received, two.corrections, two.accepted, two.completed_denied) == (1, 1, 1, 1)
    one = figures(Filters(**MARCH, window=march.windows.one), march.today)
    assert (one.received, one.corrections, one.accepted, one.refused) == (5, 0, 4, 1)


def test_the_overdue_case_is_not_overdue_before_its_deadline(march):
    f = figures(Filters(**MARCH), D(2026, 3, 9))
    assert (f.in_progress, f.overdue) == (1, 0)


def test_the_dashboard_by_department_and_by_day_and_the_catalog(march):
    board = dashboard(Filters(**MARCH), march.today)
    assert board.figures == figures(Filters(**MARCH), march.today)
    by_name = {row.department.code: row for row in board.departments}
    assert set(by_name) == {"xzsp", "scjg"}
    assert by_name["xzsp"].figures.completed == 3 and by_name["scjg"].figures.overdue == 1
    # March is short enough to chart by day: 31 buckets, the empty days too.
    assert not board.by_month and len(board.series) == 31
    third = board.series[2]
    assert (third.label, third.figures.completed, third.figures.terminated) == ("03-03", 1, 1)
    # Catalog: promised 5 + 1 + 5 = 11 of statutory 20 + 3 + 20 = 43 working days.
    c = board.compression
    assert (c.items, c.immediate_items, c.promised_days, c.statutory_days) == (3, 1, 11, 43)
    assert (c.ratio, c.compression, c.immediate_share) == (
        Decimal("25.6"),
        Decimal("74.4"),
        Decimal("33.3"),
    )
    assert by_name["scjg"].compression.compression == Decimal("75.0")


def test_a_year_is_charted_by_month(march):
    board = dashboard(Filters(start=D(2026, 1, 1), end=D(2026, 12, 31)), march.today)
    assert board.by_month and [b.label for b in board.series][:3] == [
        "2026-01",
        "2026-02",
        "2026-03",
    ]
    assert board.series[2].figures.completed == 3 and len(board.series) == 12


def test_every_figure_equals_the_recount(march):
    for scope in (
        {},
        {"department": march.items.food.department},
        {"item_code": march.items.food.code},
        {"window": march.windows.two},
    ):
        filters = Filters(**MARCH, **scope)
        assert figures(filters, march.today) == recount(filters, march.today)


def _tables():
    return (
        sorted(DailyCount.objects.values_list()),
        sorted(DepartmentDailyCount.objects.values_list()),
    )


def test_a_rebuild_and_the_command_give_the_same_figures(march):
    filters = Filters(**MARCH)
    before = figures(filters, march.today)
    DailyCount.objects.all().delete()
    DepartmentDailyCount.objects.update(received=99)
    PendingIntake.objects.all().delete()
    call_command("rebuild_stats", verbosity=0)
    assert figures(filters, march.today) == before
    assert figures(Filters(**MARCH, window=march.windows.two), march.today).received == 1
    DepartmentDailyCount.objects.filter(day__gte=D(2026, 3, 5)).update(completed=50)
    counters.rebuild(since=D(2026, 3, 5))
    assert figures(filters, march.today) == before


@pytest.mark.parametrize("since", ["2026-13-01"])
def test_the_command_refuses_a_bad_date(since):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rebuild_stats", since=since)


def test_confirming_a_year_counts_completions_with_the_recounted_deadlines(march, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A deadline recounted (here by hand, so that the cases app's own recount leaves it be):
    # A's result, ready on 4 March, is now late.
    Case.objects.filter(pk=march.cases.a.pk).update(
        deadline=D(2026, 3, 3), deadline_provisional=False
    )
    calendar_year_confirmed.send(sender=None, year=2026)
    filters = Filters(**MARCH)
    assert figures(filters, march.today).completed_on_time == 2
    assert figures(filters, march.today) == recount(filters, march.today)


def test_counting_an_event_costs_one_update_per_table(march, django_assert_num_queries):
    from gaoxin.cases.models import CaseEvent
    from gaoxin.stats.models import DailyCount

    case = Case.objects.select_related("item").get(pk=march.cases.a.pk)
    event = CaseEvent(case=case, action="receive", from_status="", to_status="received")
    with django_assert_num_queries(2):  # the detailed row and the department's row exist
        counters.count(event, case)
    row = DailyCount.objects.get(
        day=D(2026, 3, 2), item_code=case.item.code, window_pk=case.window_id
    )
    assert row.received == 4  # food at window 1: A, C, F and this one (B moved to window 2)
    claim = CaseEvent(case=case, action="claim", from_status="accepted", to_status="in_review")
    with django_assert_num_queries(0):  # a move that changes no figure writes nothing
        counters.count(claim, case)
