"""Tickets and calling (取号, 叫号): numbers per business and day, check-in of appointments, the
order of calling (appointments first within their slot, then ticket order), call again, skip
after two calls, transfer, pause."""

import datetime as dt

import pytest

from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry
from gaoxin.hall import queries, services
from gaoxin.hall.models import Appointment, Ticket
from gaoxin.hall.tests.conftest import local, person

pytestmark = pytest.mark.django_db


def take(business, n=1):
    return [services.take_ticket(business=business) for _ in range(n)]


def numbers(tickets):
    return [t.number if t else None for t in tickets]


def test_tickets_are_numbered_per_business_and_day(clock, opening, general):
    clock.move_to(local(23, 9))
    assert numbers(take(opening, 2) + take(general) + take(opening)) == [
        "A001",
        "A002",
        "G001",
        "A003",
    ]
    clock.move_to(local(24, 9))
    assert numbers(take(opening)) == ["A001"]


def test_no_tickets_on_a_day_off(clock, opening):
    clock.move_to(local(28, 9))  # Saturday
    with pytest.raises(DomainError, match="closed today"):
        take(opening)


def test_a_window_calls_its_businesses_in_ticket_order(
    clock, opening, general, window_15, window_1, clerk_15, clerk_1
):
    clock.move_to(local(23, 9))
    take(opening, 2)
    take(general)
    first = services.call_next(actor=clerk_15, window=window_15)
    assert first.number == "A001" and first.status == Ticket.Status.CALLED
    assert (first.window, first.served_by, first.call_count) == (window_15, clerk_15, 1)
    assert services.call_next(actor=clerk_1, window=window_1).number == "G001"
    services.finish(actor=clerk_1, window=window_1)
    assert services.call_next(actor=clerk_1, window=window_1) is None  # nobody for G
    assert AuditEntry.objects.filter(action="hall.call").count() == 2


def test_only_clerks_call(clock, opening, window_15, approver):
    with pytest.raises(NotAllowed):
        services.call_next(actor=approver, window=window_15)


def test_a_called_ticket_is_served_before_the_next(clock, opening, window_15, clerk_15):
    clock.move_to(local(23, 9))
    take(opening, 2)
    services.call_next(actor=clerk_15, window=window_15)
    with pytest.raises(DomainError, match="A001 is called and not served yet"):
        services.call_next(actor=clerk_15, window=window_15)
    clock.move_to(local(23, 9, 1))
    services.begin(actor=clerk_15, window=window_15)
    clock.move_to(local(23, 9, 12))
    # Next finishes the ticket being served and calls the following one.
    assert services.call_next(actor=clerk_15, window=window_15).number == "A002"
    done = Ticket.objects.get(number="A001")
    assert done.status == Ticket.Status.DONE
    assert (done.started_at, done.ended_at) == (local(23, 9, 1), local(23, 9, 12))


def test_checked_in_appointments_go_first_within_their_slot(clock, opening, window_15, clerk_15):
    appointment = services.book(
        business=opening, day=dt.date(2026, 11, 23), slot=dt.time(10, 0), **person()
    )
    clock.move_to(local(23, 9, 20))
    take(opening, 2)  # A001, A002
    clock.move_to(local(23, 9, 40))
    booked = services.check_in(code=appointment.code)
    assert booked.number == "A003" and booked.name == "李娜"
    assert Appointment.objects.get().status == Appointment.Status.CHECKED_IN
    # Before 10:00 the appointment waits its turn like anyone.
    assert queries.ahead_of(booked, local(23, 9, 40)) == 2
    assert services.call_next(actor=clerk_15, window=window_15).number == "A001"
    services.finish(actor=clerk_15, window=window_15)
    # From 10:00, its slot, it goes first.
    clock.move_to(local(23, 10, 0))
    assert queries.ahead_of(booked, local(23, 10, 0)) == 0
    assert services.call_next(actor=clerk_15, window=window_15).number == "A003"
    services.finish(actor=clerk_15, window=window_15)
    assert services.call_next(actor=clerk_15, window=window_15).number == "A002"


def test_check_in_by_id_number_and_only_in_time(clock, opening):
    appointment = services.book(
        business=opening, day=dt.date(2026, 11, 23), slot=dt.time(14, 0), **person()
    )
    clock.move_to(local(23, 12, 30))
    with pytest.raises(DomainError, match="check in from 13:00"):
        services.check_in(id_number=appointment.id_number)
    clock.move_to(local(23, 13, 0))
    assert services.check_in(id_number=appointment.id_number.lower()).appointment == appointment
    with pytest.raises(DomainError, match="No appointment to check in"):
        services.check_in(code=appointment.code)  # checked in already


def test_a_late_appointment_takes_a_plain_ticket(clock, opening):
    appointment = services.book(
        business=opening, day=dt.date(2026, 11, 23), slot=dt.time(9, 0), **person()
    )
    clock.move_to(local(23, 9, 46))
    with pytest.raises(DomainError, match="take a ticket"):
        services.check_in(code=appointment.code)


def test_skip_after_two_calls_marks_the_ticket_and_the_appointment_missed(
    clock, opening, window_15, clerk_15
):
    appointment = services.book(
        business=opening, day=dt.date(2026, 11, 23), slot=dt.time(9, 0), **person()
    )
    clock.move_to(local(23, 9, 0))
    services.check_in(code=appointment.code)
    services.call_next(actor=clerk_15, window=window_15)
    with pytest.raises(DomainError, match="skipped after two calls"):
        services.skip(actor=clerk_15, window=window_15)
    clock.move_to(local(23, 9, 2))
    again = services.call_again(actor=clerk_15, window=window_15)
    assert (again.call_count, again.called_at) == (2, local(23, 9, 2))
    skipped = services.skip(actor=clerk_15, window=window_15)
    assert skipped.status == Ticket.Status.NO_SHOW
    assert Appointment.objects.get().status == Appointment.Status.NO_SHOW
    assert services.call_next(actor=clerk_15, window=window_15) is None


def test_transfer_to_another_business_keeps_the_number_and_goes_first(
    clock, opening, general, window_15, window_1, clerk_15, clerk_1
):
    clock.move_to(local(23, 9))
    take(general, 2)  # G001, G002 wait at window 1
    take(opening)
    services.call_next(actor=clerk_15, window=window_15)
    services.begin(actor=clerk_15, window=window_15)
    clock.move_to(local(23, 9, 5))
    moved = services.transfer(actor=clerk_15, window=window_15, business=general)
    assert (moved.number, moved.business, moved.status) == ("A001", general, Ticket.Status.WAITING)
    old = moved.transferred_from
    assert old.status == Ticket.Status.TRANSFERRED and old.ended_at == local(23, 9, 5)
    assert queries.latest(old) == moved
    assert services.call_next(actor=clerk_1, window=window_1).number == "A001"


def test_transfer_to_a_window_only_that_window_calls_it(
    clock, opening, window_15, window_16, clerk_15, clerk_16
):
    clock.move_to(local(23, 9))
    take(opening, 2)
    services.call_next(actor=clerk_15, window=window_15)
    moved = services.transfer(actor=clerk_15, window=window_15, to_window=window_16)
    assert moved.for_window == window_16
    assert services.call_next(actor=clerk_15, window=window_15).number == "A002"
    assert services.call_next(actor=clerk_16, window=window_16).number == "A001"
    with pytest.raises(DomainError, match="at this window already"):
        services.transfer(actor=clerk_16, window=window_16, to_window=window_16)


def test_a_paused_window_calls_nobody(clock, opening, window_15, window_16, clerk_15, clerk_16):
    clock.move_to(local(23, 9))
    take(opening)
    services.pause(actor=clerk_15, window=window_15)
    with pytest.raises(DomainError, match="paused"):
        services.call_next(actor=clerk_15, window=window_15)
    assert services.call_next(actor=clerk_16, window=window_16).number == "A001"
    services.resume(actor=clerk_15, window=window_15)
    assert services.call_next(actor=clerk_15, window=window_15) is None
    assert [e.action for e in AuditEntry.objects.filter(action__in=["hall.pause", "hall.resume"])]


def test_a_window_may_call_other_businesses(clock, opening, general, window_15, clerk_15):
    clock.move_to(local(23, 9))
    take(general)
    assert services.call_next(actor=clerk_15, window=window_15) is None
    services.set_businesses(actor=clerk_15, window=window_15, businesses=[opening, general])
    assert services.call_next(actor=clerk_15, window=window_15).number == "G001"


def test_the_hall_screen_shows_calls_and_waiting(clock, opening, general, window_15, clerk_15):
    clock.move_to(local(23, 9))
    take(opening, 3)
    take(general)
    services.call_next(actor=clerk_15, window=window_15)
    data = queries.screen(dt.date(2026, 11, 23))
    assert data["calls"][0]["number"] == "A001" and data["calls"][0]["window"] == 15
    assert data["calls"][0]["calling"] is True
    assert data["calls"][0]["speech"] == "请A零零一号到15号窗口办理"
    assert {b["code"]: b["waiting"] for b in data["businesses"]} == {"A": 2, "G": 1}
