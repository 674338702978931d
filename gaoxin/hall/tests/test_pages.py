"""The hall's pages through the test client: booking on the phone, the kiosk and its ticket,
the queue on the phone, the window bar (htmx) and the hall screen's JSON."""

import datetime as dt

import pytest
from django.urls import reverse

from gaoxin.core.tests.factories import resident_id
from gaoxin.hall import links, services
from gaoxin.hall.models import Appointment, Ticket
from gaoxin.hall.tests.conftest import local, person

pytestmark = pytest.mark.django_db


def test_the_phone_books_a_slot_and_shows_the_code(client, clock, zone, opening):
    page = client.get(reverse("hall_book"))
    assert reverse("hall_book_business", args=["A"]) in page.text
    form = client.get(reverse("hall_book_business", args=["A"]))
    assert form.text.count('data-testid="day"') == 10
    assert form.text.count('data-testid="slot"') == 14  # the first day's half hours
    other_day = client.get(reverse("hall_book_business", args=["A"]), {"day": "2026-11-25"})
    assert 'value="2026-11-25T09:00"' in other_day.text
    response = client.post(
        reverse("hall_book_business", args=["A"]),
        {"when": "2026-11-24T09:30", "name": "李娜", "id_number": resident_id(), "phone": "139"},
    )
    assert response.status_code == 400  # the phone is too short; nothing typed is lost
    assert "李娜" in response.text and resident_id() in response.text
    assert 'value="2026-11-24T09:30" checked' in response.text
    response = client.post(
        reverse("hall_book_business", args=["A"]),
        {"when": "2026-11-24T09:30", **person()},
    )
    appointment = Appointment.objects.get()
    assert response.url == reverse("hall_booking", args=[appointment.code])
    shown = client.get(response.url)
    assert appointment.code in shown.text and "610402********123" in shown.text
    assert resident_id() not in shown.text


def test_a_bad_id_number_is_explained(client, clock, zone, opening):
    wrong = resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1")
    response = client.post(
        reverse("hall_book_business", args=["A"]),
        {"when": "2026-11-24T09:30", **person(), "id_number": wrong},
    )
    assert response.status_code == 400 and "check digit" in response.text


def test_change_and_cancel_by_code(client, clock, zone, opening):
    appointment = services.book(
        business=opening, day=dt.date(2026, 11, 24), slot=dt.time(9, 30), **person()
    )
    found = client.get(reverse("hall_find_booking"), {"code": appointment.code})
    assert found.url == reverse("hall_booking", args=[appointment.code])
    wrong = client.get(reverse("hall_find_booking"), {"code": "12345678"})
    assert "No appointment has this booking code." in wrong.text
    client.post(
        reverse("hall_booking_change", args=[appointment.code]), {"when": "2026-11-25T14:00"}
    )
    appointment.refresh_from_db()
    assert (appointment.date, appointment.slot) == (dt.date(2026, 11, 25), dt.time(14, 0))
    client.post(reverse("hall_booking_cancel", args=[appointment.code]))
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    assert client.get(reverse("hall_booking", args=["99999999"])).status_code == 404


def test_the_kiosk_gives_a_ticket_with_its_qr_code(client, clock, zone, opening):
    clock.move_to(local(23, 9))
    services.take_ticket(business=opening)
    kiosk = client.get(reverse("hall_kiosk"))
    assert 'data-testid="take-A"' in kiosk.text
    response = client.post(reverse("hall_take", args=[opening.pk]))
    ticket = Ticket.objects.get(number="A002")
    assert response.url == reverse("hall_ticket", args=[links.ticket_token(ticket)])
    printed = client.get(response.url)
    assert "A002" in printed.text and "企业开办" in printed.text
    assert "1 person waiting before you" in printed.text
    assert "<svg" in printed.text and "qr-code" in printed.text
    follow = client.get(reverse("hall_follow", args=[links.ticket_token(ticket)]))
    assert "A002" in follow.text and "1 person waiting before you" in follow.text
    assert client.get(reverse("hall_follow", args=["forged"])).status_code == 404


def test_the_kiosk_checks_in_and_says_why_not(client, clock, zone, opening):
    appointment = services.book(
        business=opening, day=dt.date(2026, 11, 23), slot=dt.time(10, 0), **person()
    )
    clock.move_to(local(23, 8, 30))
    early = client.post(reverse("hall_check_in"), {"code": appointment.code})
    assert early.status_code == 409 and "check in from 09:00" in early.text
    clock.move_to(local(23, 9, 50))
    response = client.post(reverse("hall_check_in"), {"code": resident_id()})
    ticket = Ticket.objects.get()
    assert ticket.appointment == appointment
    assert response.url == reverse("hall_ticket", args=[links.ticket_token(ticket)])


def test_the_window_bar_calls_through_htmx(client, clock, zone, opening, clerk_15, window_15):
    clock.move_to(local(23, 9))
    services.take_ticket(business=opening)
    client.force_login(clerk_15)
    bar = client.get(reverse("hall_window"))
    assert 'data-testid="window-bar"' in bar.text and 'data-hall-key="n"' in bar.text
    response = client.post(reverse("hall_window_act", args=[15, "next"]), HTTP_HX_REQUEST="true")
    assert 'data-testid="current-number">A001<' in response.text
    again = client.post(reverse("hall_window_act", args=[15, "skip"]), HTTP_HX_REQUEST="true")
    assert "skipped after two calls" in again.text
    plain = client.post(reverse("hall_window_act", args=[15, "nonsense"]))
    assert plain.status_code == 404


def test_the_window_bar_is_for_clerks(client, clock, zone, approver, window_15):
    client.force_login(approver)
    assert client.get(reverse("hall_window")).status_code == 403
    assert client.post(reverse("hall_window_act", args=[15, "next"])).status_code == 403


def test_the_hall_screen_polls_a_small_json(client, clock, zone, opening, clerk_15, window_15):
    clock.move_to(local(23, 9))
    services.take_ticket(business=opening)
    services.call_next(actor=clerk_15, window=window_15)
    page = client.get(reverse("hall_screen"))
    assert page.status_code == 200 and "hall-screen-data" in page.text
    data = client.get(reverse("hall_screen_data")).json()
    assert data["calls"][0]["number"] == "A001" and data["calls"][0]["window"] == 15
