"""Booking a visit (预约): the days and half hours offered, the places per half hour, one booking
per person and business, change and cancel by booking code, and the block after three missed
appointments."""

import datetime as dt

import pytest

from gaoxin.core.errors import DomainError
from gaoxin.core.models import AuditEntry, CalendarDay
from gaoxin.core.tests.factories import resident_id
from gaoxin.hall import hours, queries, services
from gaoxin.hall.models import Appointment
from gaoxin.hall.tests.conftest import local, person

pytestmark = pytest.mark.django_db

TUESDAY = dt.date(2026, 11, 24)
NINE_THIRTY = dt.time(9, 30)


def book(business, day=TUESDAY, slot=NINE_THIRTY, order=123, **overrides):
    return services.book(business=business, day=day, slot=slot, **{**person(order), **overrides})


def test_a_person_books_a_half_hour_and_gets_a_code(clock, opening):
    appointment = book(opening)
    assert appointment.status == Appointment.Status.BOOKED
    assert len(appointment.code) == 8 and appointment.code.isdigit()
    assert (appointment.date, appointment.slot) == (TUESDAY, NINE_THIRTY)
    entry = AuditEntry.objects.get(action="hall.book")
    assert entry.actor_username == "public" and entry.object_id == str(appointment.pk)


def test_a_half_hour_holds_two_people_per_window_serving_the_business(clock, opening):
    assert queries.capacity(opening) == 4  # windows 15 and 16, two each
    for order in range(4):
        book(opening, order=200 + order)
    with pytest.raises(services.BookingRefused, match="fully booked"):
        book(opening, order=300)
    # The next half hour is free, and a cancelled place is free again.
    book(opening, slot=dt.time(10, 0), order=300)
    services.cancel(code=Appointment.objects.filter(slot=NINE_THIRTY).first().code)
    book(opening, order=301)


def test_a_closed_window_gives_no_places(clock, opening, window_16):
    window_16.is_active = False
    window_16.save()
    assert queries.capacity(opening) == 2


def test_ten_working_days_are_offered_from_today(clock, opening):
    days = [day for day, _slots in queries.free_slots(opening, local(23, 8))]
    assert days[0] == dt.date(2026, 11, 23)  # Monday, today: its slots have not begun
    assert len(days) == 10
    assert all(day.weekday() < 5 for day in days)
    assert days[-1] == dt.date(2026, 12, 4)
    with pytest.raises(services.BookingRefused, match="cannot be booked"):
        book(opening, day=dt.date(2026, 12, 7))
    with pytest.raises(services.BookingRefused, match="cannot be booked"):
        book(opening, day=dt.date(2026, 11, 28))  # a Saturday


def test_holidays_and_make_up_days_follow_the_calendar(clock, opening):
    CalendarDay.objects.create(date=TUESDAY, is_working_day=False, name="假日", source="package")
    CalendarDay.objects.create(
        date=dt.date(2026, 11, 28), is_working_day=True, name="调休", source="package"
    )
    days = [day for day, _slots in queries.free_slots(opening, local(23, 8))]
    assert TUESDAY not in days and dt.date(2026, 11, 28) in days
    with pytest.raises(services.BookingRefused):
        book(opening)


def test_a_half_hour_begun_cannot_be_booked(clock, opening):
    clock.move_to(local(23, 9, 31))
    with pytest.raises(services.BookingRefused, match="begun"):
        book(opening, day=dt.date(2026, 11, 23), slot=NINE_THIRTY)
    slots = dict(queries.free_slots(opening, local(23, 9, 31)))[dt.date(2026, 11, 23)]
    assert slots[0].time == dt.time(10, 0)
    assert book(opening, day=dt.date(2026, 11, 23), slot=dt.time(10, 0))


def test_only_the_hall_s_half_hours_can_be_booked(clock, opening):
    with pytest.raises(services.BookingRefused):
        book(opening, slot=dt.time(12, 30))  # lunch
    with pytest.raises(services.BookingRefused):
        book(opening, slot=dt.time(9, 15))
    assert hours.slot_times()[0] == dt.time(9, 0) and hours.slot_times()[-1] == dt.time(16, 30)


def test_the_id_number_is_checked(clock, opening):
    wrong = resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1")
    with pytest.raises(services.BookingRefused) as refused:
        book(opening, id_number=wrong)
    assert "check digit" in refused.value.errors["id_number"][0]


def test_one_booking_per_person_and_business(clock, opening, general):
    book(opening)
    with pytest.raises(services.BookingRefused, match="booked this business already"):
        book(opening, slot=dt.time(10, 0))
    assert book(general)  # another business is fine


def test_a_booking_is_moved_and_cancelled_by_its_code(clock, opening):
    appointment = book(opening)
    moved = services.change(code=appointment.code, day=dt.date(2026, 11, 25), slot=dt.time(14, 0))
    assert (moved.date, moved.slot) == (dt.date(2026, 11, 25), dt.time(14, 0))
    services.cancel(code=appointment.code)
    assert Appointment.objects.get().status == Appointment.Status.CANCELLED
    with pytest.raises(DomainError, match="can no longer be changed"):
        services.cancel(code=appointment.code)
    with pytest.raises(DomainError, match="No appointment"):
        services.cancel(code="00000000")


def test_appointments_not_checked_in_in_time_are_missed(clock, opening):
    appointment = book(opening)
    assert services.mark_no_shows(local(24, 10, 14)) == 0  # 09:30 + 30 min + 15 min grace
    assert services.mark_no_shows(local(24, 10, 16)) == 1
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.NO_SHOW


def miss(opening, day, order=123):
    appointment = book(opening, day=day, order=order)
    Appointment.objects.filter(pk=appointment.pk).update(status=Appointment.Status.NO_SHOW)


def test_three_missed_appointments_in_30_days_block_booking_for_30_days(clock, opening):
    miss(opening, dt.date(2026, 11, 24))
    miss(opening, dt.date(2026, 11, 25))
    clock.move_to(local(23, 8))
    assert services.blocked_until(resident_id(), dt.date(2026, 11, 26)) is None
    miss(opening, dt.date(2026, 11, 26))
    # On the day after the third miss, booking is refused until 30 days after it.
    clock.move_to(local(27, 8))
    with pytest.raises(services.BookingRefused, match="from 2026-12-26"):
        book(opening, day=dt.date(2026, 11, 30))
    # Somebody else books as usual.
    assert book(opening, day=dt.date(2026, 11, 30), order=999)


def test_missed_appointments_far_apart_do_not_block(clock, opening):
    today = dt.date(2027, 1, 20)
    for order, day in enumerate(
        [dt.date(2026, 11, 2), dt.date(2026, 11, 20), dt.date(2026, 12, 10)]
    ):
        Appointment.objects.create(
            business=opening,
            date=day,
            slot=NINE_THIRTY,
            code=f"1000000{order}",
            status=Appointment.Status.NO_SHOW,
            booked_at=local(1, 8),
            **person(),
        )
    assert services.blocked_until(resident_id(), today) is None  # 38 days from first to third
    assert services.blocked_until(resident_id(), dt.date(2026, 12, 11)) is None
