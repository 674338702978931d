"""Requesting and booking a site inspection, told through the services the pages call: the
inspector requests it at the case's inspection step (the clock stays paused), the applicant
picks a free slot on the phone or a clerk books one on a call, and nobody — room, inspector,
participating inspector — is ever booked twice for one slot."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from gaoxin.cases import backoffice, clock
from gaoxin.cases.models import Case, Suspension
from gaoxin.cases.workflow import Status
from gaoxin.catalog.steps import StepKind
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core import workdays
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry, CalendarDay, Notification
from gaoxin.inspections import links, services
from gaoxin.inspections.models import Appointment, Attendance, Inspection
from gaoxin.inspections.tests.conftest import at_inspection_step, local

D = dt.date


def request(case, inspector, **kwargs):
    kwargs.setdefault("remote", True)
    return services.request_inspection(actor=inspector, case=case, **kwargs)


def starts(slots):
    return [s.start for s in slots]


# --- The request ------------------------------------------------------------------------------


def test_the_request_joins_the_paused_clock_and_sends_the_booking_link(
    case, inspector, texts, django_capture_on_commit_callbacks
):
    assert case.status == Status.SUSPENDED  # the inspection step paused the clock
    with django_capture_on_commit_callbacks(execute=True):
        inspection = request(case, inspector)
    running = case.suspensions.get(ended_at__isnull=True)
    assert running.kind == Suspension.Kind.INSPECTION
    assert inspection.suspension == running
    assert (inspection.status, inspection.remote) == (Inspection.Status.REQUESTED, True)
    step = backoffice.open_step(case)
    assert (step.kind, step.claimed_by) == (StepKind.INSPECTION, inspector)

    # The applicant's phone gets the link to choose a time.
    ((phone, text),) = texts
    assert phone == "13891234567"
    assert "/inspect/book/" in text and "远程视频踏勘" in text
    assert links.open_booking(text.rsplit("/inspect/book/", 1)[1].rstrip("/")) == inspection
    assert AuditEntry.objects.filter(action="inspections.request").count() == 1

    # Days pass while the inspection waits: the clock does not count them.
    calendar = workdays.WorkCalendar.load()
    today = clock.reading(Case.objects.get(pk=case.pk), D(2026, 11, 23), calendar)
    later = clock.reading(Case.objects.get(pk=case.pk), D(2026, 11, 27), calendar)
    assert later.used == today.used and later.suspended == today.suspended + 4


def test_the_checklist_comes_from_the_item_unless_the_inspector_writes_one(
    case, another_case, inspector, second_inspector
):
    default = request(case, inspector)
    assert default.checklist[:5] == ["门头照片", "经营场所全景", "经营面积", "消防通道", "周边环境"]
    assert "食品加工操作区" in default.checklist  # a food licence: its trade's points
    written = request(another_case, second_inspector, checklist="  门头照片\n\n仓库\n仓库 ")
    assert written.checklist == ["门头照片", "仓库"]


def test_who_may_request_and_when(
    case,
    inspector,
    approver,
    market_inspector,
    plain_item,
    intake_window,
    desk_clerk,
    approval_bureau,
):
    with pytest.raises(NotAllowed):
        request(case, approver)  # an approver does not hold the inspection
    with pytest.raises(NotAllowed):
        request(case, market_inspector)  # another department's inspector
    on_site_only = make_item(approval_bureau, name="食品生产许可", remote_inspection=False)
    other = at_inspection_step(on_site_only, intake_window, desk_clerk, approver, order=400)
    with pytest.raises(services.InspectionRefused) as refused:
        request(other, inspector, remote=True)
    assert "remote" in refused.value.errors
    assert request(other, inspector, remote=False).remote is False

    request(case, inspector)
    with pytest.raises(DomainError, match="already under way"):
        request(case, inspector)

    from gaoxin.cases import intake
    from gaoxin.cases.tests.factories import intake as make_intake

    plain = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
    with pytest.raises(DomainError, match="no site inspection"):
        request(plain, inspector)


def test_another_departments_inspectors_join_and_their_departments_with_them(
    case, inspector, market_inspector, market_bureau
):
    inspection = request(case, inspector, participants=[market_inspector])
    assert list(inspection.participants.all()) == [market_inspector]
    assert list(inspection.departments.all()) == [market_bureau]
    assert Notification.objects.filter(user=market_inspector).count() == 1


# --- The free slots ---------------------------------------------------------------------------


def test_free_slots_are_in_working_hours_of_working_days_and_not_too_soon(
    case, inspector, room_one, clock
):
    inspection = request(case, inspector)
    slots = services.free_slots(inspection)
    # Monday 08:00: from 09:00 (an hour's notice), 6 morning and 7 afternoon slots a day,
    # Monday to Friday.
    assert len(slots) == 5 * 13
    assert slots[0].start == local(23, 9)
    assert slots[5].start == local(23, 11, 30) and slots[6].start == local(23, 14)
    assert slots[-1].start == local(27, 17) and slots[-1].end == local(27, 17, 30)
    assert all(s.rooms == (room_one.pk,) for s in slots)

    clock.move_to(local(23, 10, 10))
    assert services.free_slots(inspection)[0].start == local(23, 11, 30)

    # An official holiday on Wednesday: the offer goes on to the next Monday instead.
    CalendarDay.objects.create(date=D(2026, 11, 25), is_working_day=False, source="manual")
    days = {s.local_start.date() for s in services.free_slots(inspection)}
    assert days == {D(2026, 11, 23), D(2026, 11, 24), D(2026, 11, 26), D(2026, 11, 27),
                    D(2026, 11, 30)}  # fmt: skip


def test_no_room_no_remote_slot(case, inspector):
    assert services.free_slots(request(case, inspector)) == []


# --- Booking ----------------------------------------------------------------------------------


def test_the_applicant_books_a_slot_and_is_told_the_time(
    case, inspector, room_one, texts, django_capture_on_commit_callbacks
):
    inspection = request(case, inspector)
    texts.clear()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = services.book(
            inspection=inspection, start=local(24, 10), by=services.APPLICANT
        )
    assert (appointment.room, appointment.inspector) == (room_one, inspector)
    assert (appointment.start, appointment.end) == (local(24, 10), local(24, 10, 30))
    assert appointment.booked_via == Appointment.Via.APPLICANT and appointment.booked_by is None
    assert Inspection.objects.get(pk=inspection.pk).status == Inspection.Status.BOOKED
    ((_, text),) = texts
    assert "2026年11月24日10:00" in text and "15分钟" in text
    assert Notification.objects.filter(user=inspector, title__contains="booked").exists()
    entry = AuditEntry.objects.get(action="inspections.book")
    assert entry.actor is None and entry.actor_username == "applicant"

    # The slot is gone for everyone; the link does not book twice.
    assert local(24, 10) not in starts(services.free_slots(inspection))
    with pytest.raises(links.LinkRefused) as refused:
        links.open_booking(links.booking_token(inspection))
    assert refused.value.why == links.BOOKED
    with pytest.raises(DomainError, match="booked already"):
        services.book(inspection=inspection, start=local(24, 11), by=services.APPLICANT)


def test_times_off_the_grid_in_the_past_or_too_soon_are_refused(case, inspector, room_one):
    inspection = request(case, inspector)
    for start in (local(24, 10, 10), local(24, 12), local(28, 10), local(23, 8), local(23, 8, 30)):
        with pytest.raises(DomainError, match="can no longer be booked"):
            services.book(inspection=inspection, start=start, by=services.APPLICANT)


def test_a_room_taken_sends_the_next_booking_to_the_other_room_then_refuses(
    case,
    another_case,
    inspector,
    second_inspector,
    room_one,
    room_two,
    food_item,
    intake_window,
    desk_clerk,
    approver,
    approval_bureau,
):
    first = services.book(
        inspection=request(case, inspector), start=local(24, 10), by=services.APPLICANT
    )
    second = services.book(
        inspection=request(another_case, second_inspector),
        start=local(24, 10),
        by=services.APPLICANT,
    )
    assert (first.room, second.room) == (room_one, room_two)
    from gaoxin.core.roles import Role
    from gaoxin.core.tests.factories import UserFactory

    third_inspector = UserFactory(role=Role.INSPECTOR, department=approval_bureau)
    third = request(
        at_inspection_step(food_item, intake_window, desk_clerk, approver, order=323),
        third_inspector,
    )
    assert local(24, 10) not in starts(services.free_slots(third))  # both rooms taken
    with pytest.raises(services.SlotTaken):
        services.book(inspection=third, start=local(24, 10), by=services.APPLICANT)


def test_an_inspector_is_never_in_two_inspections_at_once(
    case, another_case, inspector, market_inspector, room_one, room_two
):
    services.book(inspection=request(case, inspector), start=local(24, 10), by=services.APPLICANT)
    # The same inspector's other case: the slot is not offered though a room is free.
    other = request(another_case, inspector)
    assert local(24, 10) not in starts(services.free_slots(other))
    with pytest.raises(services.SlotTaken):
        services.book(inspection=other, start=local(24, 10), by=services.APPLICANT)


def test_a_participating_inspector_busy_elsewhere_takes_the_slot_off(
    case, another_case, inspector, second_inspector, market_inspector, room_one, room_two
):
    services.book(
        inspection=request(case, inspector, participants=[market_inspector]),
        start=local(24, 10),
        by=services.APPLICANT,
    )
    joined = request(another_case, second_inspector, participants=[market_inspector])
    assert local(24, 10) not in starts(services.free_slots(joined))
    assert local(24, 10, 30) in starts(services.free_slots(joined))


def test_the_database_refuses_a_double_booking_whatever_the_code_before_it_read(
    case, another_case, inspector, second_inspector, room_one, monkeypatch
):
    """Two bookings racing: both read the slot as free; the second insert fails, and the
    applicant reads a clear message instead of an error page."""
    services.book(inspection=request(case, inspector), start=local(24, 10), by=services.APPLICANT)
    other = request(another_case, second_inspector)
    stale = services.Slot(local(24, 10), local(24, 10, 30), (room_one.pk,))
    monkeypatch.setattr(services, "free_slots", lambda *args, **kwargs: [stale])
    with pytest.raises(services.SlotTaken, match="just booked"):
        services.book(inspection=other, start=local(24, 10), by=services.APPLICANT)
    assert Inspection.objects.get(pk=other.pk).status == Inspection.Status.REQUESTED
    assert not other.appointments.exists()

    # And below the services: the constraints themselves.
    first = Appointment.objects.get()
    for values in ({"room": room_one, "inspector": second_inspector}, {"room": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Appointment.objects.create(
                **{
                    "inspection": other,
                    "inspector": inspector,
                    "start": first.start,
                    "end": first.end,
                    "booked_via": "staff",
                    "booked_at": first.booked_at,
                    **values,
                }
            )
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            appointment=Appointment.objects.create(
                inspection=other,
                room=None,
                inspector=second_inspector,
                start=first.start,
                end=first.end,
                booked_via="staff",
                booked_at=first.booked_at,
            ),
            person=inspector,
            start=first.start,
        )


def test_the_clerk_books_by_phone_and_a_new_booking_cancels_the_old_one(
    case, inspector, clerk, room_one, texts, django_capture_on_commit_callbacks
):
    inspection = request(case, inspector)
    first = services.book(
        inspection=inspection, start=local(24, 10), by=services.STAFF, actor=clerk
    )
    assert (first.booked_via, first.booked_by) == (Appointment.Via.STAFF, clerk)
    texts.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = services.book(
            inspection=inspection, start=local(25, 15), by=services.STAFF, actor=inspector
        )
    first.refresh_from_db()
    assert first.status == Appointment.Status.CANCELLED
    assert not first.attendances.filter(active=True).exists()
    assert second.status == Appointment.Status.BOOKED
    assert "2026年11月25日15:00" in texts[-1][1]
    # The first time is free again.
    assert local(24, 10) in starts(services.free_slots(inspection))


def test_staff_of_other_departments_do_not_book(case, inspector, other_approver, room_one):
    inspection = request(case, inspector)
    with pytest.raises(NotAllowed):
        services.book(
            inspection=inspection, start=local(24, 10), by=services.STAFF, actor=other_approver
        )


def test_cancelling_the_appointment_reopens_the_booking_link(
    case, inspector, room_one, texts, django_capture_on_commit_callbacks
):
    inspection = request(case, inspector)
    services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)
    with pytest.raises(services.InspectionRefused):
        services.cancel_appointment(actor=inspector, inspection=inspection, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_appointment(actor=inspector, inspection=inspection, reason="检查人员出差")
    assert "/inspect/book/" in texts[-1][1] and "检查人员出差" in texts[-1][1]
    assert links.open_booking(links.booking_token(inspection)).status == "requested"
    again = services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)
    assert again.room == room_one


def test_cancelling_the_inspection_expires_its_link(case, inspector, clerk, room_one):
    inspection = request(case, inspector)
    services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)
    with pytest.raises(NotAllowed):
        services.cancel_inspection(actor=clerk, inspection=inspection, reason="误操作")
    services.cancel_inspection(actor=inspector, inspection=inspection, reason="申请人撤回")
    assert Appointment.objects.get().status == Appointment.Status.CANCELLED
    with pytest.raises(links.LinkRefused) as refused:
        links.open_booking(links.booking_token(inspection))
    assert refused.value.why == links.EXPIRED
    # The case waits at its inspection step; a new inspection may be requested.
    assert Case.objects.get(pk=case.pk).status == Status.SUSPENDED
    assert request(case, inspector).status == Inspection.Status.REQUESTED
