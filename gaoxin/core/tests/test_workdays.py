"""Deadlines count working days, and the working days of China are not Monday to Friday.

These stories use the real calendar: what `seed_calendar_from_package()` loads from
chinesecalendar 1.11, which knows the official schedules of 2004–2026 and nothing later.
"""

import datetime as dt

import chinese_calendar
import pytest
from django.db import connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from gaoxin.core import services, workdays
from gaoxin.core.models import CalendarDay, CalendarYear
from gaoxin.core.workdays import Deadline, WorkCalendar

D = dt.date


@pytest.fixture
def calendar(db) -> WorkCalendar:
    services.seed_calendar_from_package()
    return WorkCalendar.load()


@pytest.fixture(scope="module")
def seeded_snapshot(django_db_setup, django_db_blocker) -> WorkCalendar:
    """The seeded calendar held in memory, for properties tried hundreds of times. The rows
    written to build it are rolled back: no other test sees them."""
    with django_db_blocker.unblock(), transaction.atomic():
        services.seed_calendar_from_package()
        snapshot = WorkCalendar.load()
        transaction.set_rollback(True)
    with django_db_blocker.unblock():
        # Opened outside pytest-django's own fixtures, so closed here: an open session would
        # keep PostgreSQL from dropping the test database at the end.
        connection.close()
    return snapshot


# --- National Day ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_national_day_2025_is_eight_days_off_with_two_weekend_days_worked(calendar):
    for day in range(1, 9):
        assert not calendar.is_working_day(D(2025, 10, day)), f"2025-10-0{day} is a holiday"
    assert calendar.is_working_day(D(2025, 9, 28)), "Sunday 28 September is worked (调休)"
    assert calendar.is_working_day(D(2025, 10, 11)), "Saturday 11 October is worked (调休)"
    assert not calendar.is_working_day(D(2025, 10, 12)), "Sunday 12 October is a plain Sunday"
    assert calendar.is_working_day(D(2025, 10, 9))


@pytest.mark.django_db
def test_a_case_accepted_on_30_september_2025_is_due_on_14_october(calendar):
    # Accepted Tuesday 30 September with 5 working days. Counting from the next day:
    # 1–8 October off; Thu 9 (1), Fri 10 (2), Sat 11 make-up day (3), Sun 12 off,
    # Mon 13 (4), Tue 14 (5).
    assert calendar.add_working_days(D(2025, 9, 30), 5) == Deadline(D(2025, 10, 14), False)
    assert calendar.working_days_between(D(2025, 9, 30), D(2025, 10, 14)) == 5


@pytest.mark.django_db
def test_a_one_day_limit_from_friday_26_september_2025_falls_on_the_sunday_worked(calendar):
    # Sat 27 is a day off; Sun 28 is worked instead of a National Day holiday.
    assert calendar.next_working_day(D(2025, 9, 26)) == D(2025, 9, 28)


@pytest.mark.django_db
def test_national_day_2026_is_seven_days_off_after_mid_autumn(calendar):
    # The 2026 schedule in chinesecalendar: Mid-autumn Fri 25 – Sun 27 September off,
    # National Day 1–7 October off, Sun 20 September and Sat 10 October worked.
    for day in (D(2026, 9, 25), *(D(2026, 10, d) for d in range(1, 8))):
        assert not calendar.is_working_day(day), day
    assert calendar.is_working_day(D(2026, 9, 20)), "Sunday 20 September is worked"
    assert calendar.is_working_day(D(2026, 10, 10)), "Saturday 10 October is worked"
    assert calendar.is_working_day(D(2026, 10, 8))


@pytest.mark.django_db
def test_deadlines_around_national_day_2026(calendar):
    # Accepted Wednesday 30 September with 5 working days: 1–7 October off; Thu 8 (1),
    # Fri 9 (2), Sat 10 make-up day (3), Sun 11 off, Mon 12 (4), Tue 13 (5).
    assert calendar.add_working_days(D(2026, 9, 30), 5) == Deadline(D(2026, 10, 13), False)
    # Accepted Thursday 24 September with 1 day: Fri 25 is Mid-autumn, then the weekend.
    assert calendar.next_working_day(D(2026, 9, 24)) == D(2026, 9, 28)


# --- Spring Festival ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_spring_festival_2025_is_eight_days_off_with_two_weekend_days_worked(calendar):
    off = [D(2025, 1, 28) + dt.timedelta(days=i) for i in range(8)]  # 28 January – 4 February
    assert off[-1] == D(2025, 2, 4)
    assert not any(calendar.is_working_day(day) for day in off)
    assert calendar.is_working_day(D(2025, 1, 26)), "Sunday 26 January is worked"
    assert calendar.is_working_day(D(2025, 2, 8)), "Saturday 8 February is worked"


@pytest.mark.django_db
def test_a_case_accepted_the_day_before_spring_festival_2025_is_due_on_10_february(calendar):
    # Accepted Monday 27 January with 5 working days: 28 January – 4 February off;
    # Wed 5 (1), Thu 6 (2), Fri 7 (3), Sat 8 make-up day (4), Sun 9 off, Mon 10 (5).
    assert calendar.add_working_days(D(2025, 1, 27), 5) == Deadline(D(2025, 2, 10), False)
    # Accepted Friday 24 January with 2: Sat 25 off, Sun 26 worked (1), Mon 27 (2).
    assert calendar.add_working_days(D(2025, 1, 24), 2).date == D(2025, 1, 27)


@pytest.mark.django_db
def test_spring_festival_2026_is_nine_days_off_with_two_saturdays_worked(calendar):
    off = [D(2026, 2, 15) + dt.timedelta(days=i) for i in range(9)]  # 15–23 February
    assert off[-1] == D(2026, 2, 23)
    assert not any(calendar.is_working_day(day) for day in off)
    assert calendar.is_working_day(D(2026, 2, 14)), "Saturday 14 February is worked"
    assert calendar.is_working_day(D(2026, 2, 28)), "Saturday 28 February is worked"


@pytest.mark.django_db
def test_a_case_accepted_on_friday_13_february_2026_with_ten_days_is_due_on_5_march(calendar):
    # Sat 14 make-up day (1), 15–23 February off, Tue 24 (2), Wed 25 (3), Thu 26 (4),
    # Fri 27 (5), Sat 28 make-up day (6), Sun 1 March off, Mon 2 (7), Tue 3 (8), Wed 4 (9),
    # Thu 5 (10).
    assert calendar.add_working_days(D(2026, 2, 13), 5) == Deadline(D(2026, 2, 27), False)
    assert calendar.add_working_days(D(2026, 2, 13), 10) == Deadline(D(2026, 3, 5), False)
    assert calendar.working_days_between(D(2026, 2, 13), D(2026, 3, 5)) == 10


# --- The counting conventions ------------------------------------------------------------------


@pytest.mark.django_db
def test_add_working_days_counts_from_the_day_after_the_start(calendar):
    # Accepted on a working Monday with a 1-day limit: due Tuesday, not the same Monday.
    assert calendar.add_working_days(D(2025, 11, 3), 1).date == D(2025, 11, 4)
    # Accepted on a Friday: due the Monday after.
    assert calendar.add_working_days(D(2025, 11, 7), 1).date == D(2025, 11, 10)
    # No limit at all is due the same day.
    assert calendar.add_working_days(D(2025, 11, 8), 0) == Deadline(D(2025, 11, 8), False)
    with pytest.raises(ValueError):
        calendar.add_working_days(D(2025, 11, 3), -1)


@pytest.mark.django_db
def test_working_days_between_counts_the_end_but_not_the_start(calendar):
    # (Sat 27 September, Sun 28 September] holds the Sunday worked.
    assert calendar.working_days_between(D(2025, 9, 27), D(2025, 9, 28)) == 1
    # (Sun 28, Mon 29]: the start is not counted although it is a working day.
    assert calendar.working_days_between(D(2025, 9, 28), D(2025, 9, 29)) == 1
    assert calendar.working_days_between(D(2025, 9, 28), D(2025, 9, 28)) == 0
    # The whole National Day week of 2025 holds no working day.
    assert calendar.working_days_between(D(2025, 9, 30), D(2025, 10, 8)) == 0
    # Backwards gives the same number, negative.
    assert calendar.working_days_between(D(2025, 10, 14), D(2025, 9, 30)) == -5


@pytest.mark.django_db
def test_the_module_functions_read_the_table_each_time(calendar):
    assert not workdays.is_working_day(D(2025, 10, 1))
    assert workdays.add_working_days(D(2025, 9, 30), 5) == Deadline(D(2025, 10, 14), False)
    assert workdays.working_days_between(D(2025, 9, 30), D(2025, 10, 14)) == 5


# --- A year without an official schedule -------------------------------------------------------


@pytest.mark.django_db
def test_2027_has_no_schedule_yet_and_is_counted_monday_to_friday(calendar):
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 1))  # the package cannot answer for 2027
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert calendar.is_working_day(D(2027, 1, 1)), "New Year's Day 2027 is a Friday: by rule"
    assert not calendar.is_working_day(D(2027, 1, 2))
    # January 2027: Fri 1, then four full weeks (4–29) of five days.
    assert calendar.working_days_between(D(2026, 12, 31), D(2027, 1, 31)) == 21
    assert calendar.add_working_days(D(2027, 3, 5), 10) == Deadline(D(2027, 3, 19), True)


@pytest.mark.django_db
def test_a_deadline_reaching_into_2027_is_provisional_until_its_schedule_is_confirmed(
    calendar, admin_user
):
    # Entirely in 2026: Mon 21 December + 5 is Mon 28 December, firm.
    assert calendar.add_working_days(D(2026, 12, 21), 5) == Deadline(D(2026, 12, 28), False)
    assert calendar.add_working_days(D(2026, 12, 28), 3) == Deadline(D(2026, 12, 31), False)
    # Mon 28 December + 5: Tue 29 (1), Wed 30 (2), Thu 31 (3), Fri 1 January 2027 (4),
    # Mon 4 January (5). 2027 is counted by rule, so the deadline is only provisional.
    assert workdays.add_working_days(D(2026, 12, 28), 5) == Deadline(D(2027, 1, 4), True)

    services.confirm_calendar_year(actor=admin_user, year=2027)
    assert workdays.add_working_days(D(2026, 12, 28), 5) == Deadline(D(2027, 1, 4), False)

    # The administrator enters 元旦 2027: Friday 1 January is a day off, the deadline moves on
    # by one working day.
    services.set_calendar_day(
        actor=admin_user, date=D(2027, 1, 1), is_working_day=False, name="元旦"
    )
    assert not workdays.is_working_day(D(2027, 1, 1))
    assert workdays.add_working_days(D(2026, 12, 28), 5) == Deadline(D(2027, 1, 5), False)


@pytest.mark.django_db
def test_setting_a_day_back_to_the_monday_to_friday_rule_removes_its_row(calendar, admin_user):
    services.set_calendar_day(
        actor=admin_user, date=D(2027, 1, 1), is_working_day=False, name="元旦"
    )
    assert CalendarDay.objects.filter(date=D(2027, 1, 1), is_working_day=False).exists()

    row = services.set_calendar_day(actor=admin_user, date=D(2027, 1, 1), is_working_day=True)

    assert row is None
    assert not CalendarDay.objects.filter(date=D(2027, 1, 1)).exists()
    assert workdays.add_working_days(D(2026, 12, 28), 5).date == D(2027, 1, 4)


@pytest.mark.django_db
def test_in_late_november_2026_the_administrator_is_asked_for_the_2027_schedule(admin_user):
    assert workdays.years_missing_schedule(today=D(2026, 11, 23)) == [2026, 2027]
    services.seed_calendar_from_package()
    assert workdays.years_missing_schedule(today=D(2026, 11, 23)) == [2027]
    services.confirm_calendar_year(actor=admin_user, year=2027)
    assert workdays.years_missing_schedule(today=D(2026, 11, 23)) == []


# --- Properties, on the seeded calendar held in memory ----------------------------------------

dates = st.dates(min_value=D(2004, 1, 1), max_value=D(2028, 12, 31))
limits = st.integers(min_value=0, max_value=120)


@settings(deadline=None)
@given(start=dates, n=limits)
def test_counting_the_days_up_to_a_deadline_gives_back_its_limit(seeded_snapshot, start, n):
    deadline = seeded_snapshot.add_working_days(start, n)
    assert seeded_snapshot.working_days_between(start, deadline.date) == n


@settings(deadline=None)
@given(start=dates, n=limits, more=st.integers(min_value=1, max_value=30))
def test_a_longer_limit_is_due_strictly_later(seeded_snapshot, start, n, more):
    earlier = seeded_snapshot.add_working_days(start, n).date
    assert earlier < seeded_snapshot.add_working_days(start, n + more).date


@settings(deadline=None)
@given(start=dates, later_by=st.integers(min_value=0, max_value=60), n=limits)
def test_a_case_accepted_later_is_never_due_earlier(seeded_snapshot, start, later_by, n):
    later = start + dt.timedelta(days=later_by)
    assert (
        seeded_snapshot.add_working_days(start, n).date
        <= seeded_snapshot.add_working_days(later, n).date
    )


@settings(deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=120))
def test_a_deadline_always_falls_on_a_working_day(seeded_snapshot, start, n):
    assert seeded_snapshot.is_working_day(seeded_snapshot.add_working_days(start, n).date)


@settings(deadline=None)
@given(start=dates, n=limits)
def test_a_deadline_is_provisional_exactly_when_it_reaches_past_2026(seeded_snapshot, start, n):
    # 2004–2026 are scheduled; the days counted run from start + 1 to the deadline.
    deadline = seeded_snapshot.add_working_days(start, n)
    assert deadline.provisional == (n > 0 and deadline.date.year > 2026)
