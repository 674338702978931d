"""An appointment whose slot ended without the applicant ever connecting is marked missed by the
worker's loop: once, the inspectors told on their bells, the people free again, and the
applicant's booking link books another time."""

import pytest

from gaoxin.core.models import Notification
from gaoxin.inspections import links, live, reminders, services
from gaoxin.inspections.models import Appointment, Attendance, Inspection
from gaoxin.inspections.tests.conftest import local


@pytest.fixture
def booked(case, inspector, room_one):
    inspection = services.request_inspection(actor=inspector, case=case, remote=True)
    return services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)


def run(django_capture_on_commit_callbacks, now):
    with django_capture_on_commit_callbacks(execute=True):
        return reminders.mark_missed(now)


def test_a_slot_ended_without_the_applicant_is_missed_and_can_be_booked_again(
    booked, inspector, texts, clock, django_capture_on_commit_callbacks
):
    token = links.booking_token(booked.inspection)
    texts.clear()
    assert run(django_capture_on_commit_callbacks, local(24, 10, 29)) == 0
    assert run(django_capture_on_commit_callbacks, local(24, 10, 30)) == 1
    assert run(django_capture_on_commit_callbacks, local(24, 10, 31)) == 0  # once

    booked.refresh_from_db()
    assert booked.status == Appointment.Status.MISSED
    assert not Attendance.objects.filter(appointment=booked, active=True).exists()
    inspection = Inspection.objects.get(pk=booked.inspection_id)
    assert inspection.status == Inspection.Status.REQUESTED
    ((_phone, text),) = texts
    assert "未能进行" in text and "/inspect/book/" in text
    bell = Notification.objects.get(user=inspector, dedupe_key__endswith=".missed")
    assert "did not join" in bell.title or "未" in bell.title
    # The session link no longer opens; the booking link books again.
    with pytest.raises(links.LinkRefused):
        links.open_session(links.session_token(booked), now=local(24, 10, 20))
    clock.move_to(local(24, 11))
    assert links.open_booking(token) == inspection
    again = services.book(inspection=inspection, start=local(24, 14), by=services.APPLICANT)
    assert again.status == Appointment.Status.BOOKED


def test_a_session_the_applicant_joined_and_an_inspection_on_site_are_not_missed(
    booked, another_case, inspector, clock, django_capture_on_commit_callbacks
):
    clock.move_to(local(24, 10, 5))
    live.party_joined(appointment_pk=booked.pk, role=live.PHONE)
    clock.move_to(local(23, 8))
    on_site = services.request_inspection(actor=inspector, case=another_case, remote=False)
    visit = services.book(inspection=on_site, start=local(24, 14), by=services.APPLICANT)
    assert run(django_capture_on_commit_callbacks, local(25, 9)) == 0
    booked.refresh_from_db()
    visit.refresh_from_db()
    assert (booked.status, visit.status) == (Appointment.Status.HELD, Appointment.Status.BOOKED)


def test_the_missed_appointments_are_counted_in_the_figures(
    booked, supervisor, django_capture_on_commit_callbacks
):
    import datetime as dt

    from gaoxin.inspections import figures

    run(django_capture_on_commit_callbacks, local(24, 11))
    filters = figures.parse_filters(supervisor, {"period": "month"}, dt.date(2026, 11, 30))
    total = figures.report(filters).total
    assert (total.missed, total.held, total.booked, total.requested) == (1, 0, 1, 1)
