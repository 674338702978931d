"""Reminders of a booked inspection: the applicant's phone and the inspectors' bells, the day
before (from 09:00) and 15 minutes before (with the session link), each exactly once however
often the worker's loop runs."""

import pytest

from gaoxin.core.models import Notification
from gaoxin.inspections import reminders, services
from gaoxin.inspections.models import Appointment
from gaoxin.inspections.tests.conftest import local


@pytest.fixture
def booked(case, inspector, market_inspector, room_one):
    inspection = services.request_inspection(
        actor=inspector, case=case, remote=True, participants=[market_inspector]
    )
    return services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)


def run(django_capture_on_commit_callbacks, now):
    with django_capture_on_commit_callbacks(execute=True):
        return reminders.send_due(now)


def test_each_reminder_goes_out_once_at_its_time(
    booked, texts, inspector, market_inspector, django_capture_on_commit_callbacks
):
    texts.clear()
    assert run(django_capture_on_commit_callbacks, local(23, 8, 59)) == 0
    assert run(django_capture_on_commit_callbacks, local(23, 9)) == 1
    assert run(django_capture_on_commit_callbacks, local(23, 15)) == 0
    ((phone, text),) = texts
    assert phone == "13891234567" and "明天（11月24日）10:00" in text

    assert run(django_capture_on_commit_callbacks, local(24, 9, 44)) == 0
    assert run(django_capture_on_commit_callbacks, local(24, 9, 45)) == 1
    assert run(django_capture_on_commit_callbacks, local(24, 9, 50)) == 0
    assert len(texts) == 2
    assert "10:00开始" in texts[1][1] and "/inspect/live/" in texts[1][1]

    for person in (inspector, market_inspector):
        titles = list(
            Notification.objects.filter(user=person, dedupe_key__startswith="inspections.")
            .order_by("pk")
            .values_list("title", flat=True)
        )
        assert len(titles) == 2, person
    booked.refresh_from_db()
    assert booked.reminded_day_before_at == local(23, 9)
    assert booked.reminded_soon_at == local(24, 9, 45)


def test_no_reminder_for_a_cancelled_appointment_or_one_booked_after_its_moment(
    booked, inspector, texts, clock, django_capture_on_commit_callbacks
):
    services.cancel_appointment(actor=inspector, inspection=booked.inspection, reason="改期")
    clock.move_to(local(23, 10))
    late = services.book(
        inspection=booked.inspection, start=local(24, 14), by=services.STAFF, actor=inspector
    )
    texts.clear()
    assert run(django_capture_on_commit_callbacks, local(23, 11)) == 0  # booked after 09:00
    assert run(django_capture_on_commit_callbacks, local(24, 9, 45)) == 0  # the cancelled one
    assert run(django_capture_on_commit_callbacks, local(24, 13, 50)) == 1
    assert Appointment.objects.get(pk=late.pk).reminded_day_before_at is None
    assert len(texts) == 1
