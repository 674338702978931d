"""Every change to an inspection: one function per action, each checking who may act, locking
what it changes, writing the audit entry, and telling the applicant after commit.

The request does not start the special procedure itself: a case reaches its inspection step
through the back office (``gaoxin.cases.backoffice``), which opens the ``inspection`` special
procedure as the step starts, so the clock is already paused (``backoffice.suspend`` refuses
the ``inspection`` kind on purpose: it is a step of its own, ended by the step's record). The
request links the inspection to that running procedure and takes the step onto the inspector's
desk (``backoffice.claim``).

Double booking is forbidden by the database (``models.Appointment`` and ``models.Attendance``
constraints); the checks here only give a friendly answer first. When two people book the same
slot at the same moment the second insert fails with an ``IntegrityError``, turned into a
:class:`SlotTaken` message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gaoxin.cases import backoffice
from gaoxin.cases.models import Case, Suspension
from gaoxin.catalog.steps import StepKind
from gaoxin.core import audit, notifications, workdays
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import Department, User
from gaoxin.core.permissions import can, require
from gaoxin.core.roles import Capability
from gaoxin.core.sending import send_later
from gaoxin.inspections import hours, links, workflow
from gaoxin.inspections.checklists import clean_checklist, default_checklist
from gaoxin.inspections.models import (
    OCCUPYING,
    Appointment,
    Attendance,
    Inspection,
    InspectionRoom,
)

APPLICANT, STAFF = Appointment.Via.APPLICANT, Appointment.Via.STAFF


class InspectionRefused(DomainError):
    """The action cannot go ahead; ``errors`` says which field needs what."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


class SlotTaken(DomainError):
    """Someone else booked the slot (or its room, or its inspector) first."""

    def __init__(self) -> None:
        super().__init__(_("This time was just booked by someone else; please choose another."))


# --- Who may act ------------------------------------------------------------------------------


def may_request(user: Any, case: Case) -> bool:
    return can(user, Capability.INSPECT) and user.department_id == case.department_id


def may_arrange(user: Any, inspection: Inspection) -> bool:
    """Book by phone, cancel: the case's department's inspectors and the window clerks, who
    answer the applicant's calls."""
    return may_request(user, inspection.case) or can(user, Capability.SERVE_AT_WINDOW)


def _require_arrange(user: Any, inspection: Inspection) -> None:
    if not may_arrange(user, inspection):
        raise NotAllowed(_("Your role does not allow this."))


# --- The request ------------------------------------------------------------------------------


@transaction.atomic
def request_inspection(
    *,
    actor: User,
    case: Case,
    remote: bool,
    checklist: Sequence[str] | str | None = None,
    departments: Iterable[Department] = (),
    participants: Iterable[User] = (),
) -> Inspection:
    """The inspector asks for a site inspection of a case at its inspection step: the
    applicant receives the booking link by message."""
    require(actor, Capability.INSPECT)
    if actor.department_id != case.department_id:
        raise NotAllowed(_("This case belongs to another department."))
    case = Case.objects.select_for_update().select_related("item", "department").get(pk=case.pk)
    step = backoffice.open_step(case)
    if step is None or step.kind != StepKind.INSPECTION:
        if not case.item.needs_inspection:
            raise DomainError(_("This item provides for no site inspection."))
        raise DomainError(_("The case is not at its site inspection step."))
    suspension = case.suspensions.filter(
        ended_at__isnull=True, kind=Suspension.Kind.INSPECTION
    ).first()
    if suspension is None:
        raise DomainError(_("The case is not at its site inspection step."))
    if case.inspections.filter(status__in=list(_open_statuses())).exists():
        raise DomainError(_("An inspection of this case is already under way."))
    errors: dict[str, list[str]] = {}
    if remote and not case.item.remote_inspection:
        errors["remote"] = [_("This item's inspection must be held on site.")]
    points = clean_checklist(checklist) if checklist else default_checklist(case.item)
    if not points:
        errors["checklist"] = [_("List at least one point to inspect.")]
    joining = [u for u in participants if u.pk != actor.pk]
    for person in joining:
        if not (person.is_active and person.can(Capability.INSPECT)):
            errors.setdefault("participants", []).append(
                _("%(name)s is not an inspector.") % {"name": person}
            )
    if errors:
        raise InspectionRefused(_("The inspection cannot be requested."), errors)

    backoffice.claim(actor=actor, case=case)  # on the inspector's desk (kept if already)
    inspection = Inspection.objects.create(
        case=case,
        suspension=suspension,
        requested_by=actor,
        requested_at=timezone.now(),
        remote=remote,
        checklist=points,
    )
    joined = {d.pk for d in departments} | {p.department_id for p in joining if p.department_id}
    joined.discard(case.department_id)
    inspection.departments.set(sorted(joined))
    inspection.participants.set([p.pk for p in joining])
    audit.record(
        "inspections.request",
        actor=actor,
        obj=inspection,
        changes={
            "case": case.display_number,
            "remote": remote,
            "checklist": points,
            "departments": sorted(joined),
            "participants": [str(p) for p in joining],
        },
    )
    way = "远程视频" if remote else "现场"
    send_later(
        case.phone,
        f"【政务服务】您申请的“{case.item.name}”（办件编号{case.display_number}）需要{way}踏勘，"
        f"请打开链接选择踏勘时间：{links.booking_url(inspection)}",
    )
    if joining:
        _notify(
            [p.pk for p in joining],
            _("You are asked to join the site inspection of case %(number)s")
            % {"number": case.display_number},
            inspection,
        )
    return inspection


def _open_statuses() -> tuple[str, ...]:
    return (Inspection.Status.REQUESTED, Inspection.Status.BOOKED, Inspection.Status.HELD)


# --- The room calendar's free slots -------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    rooms: tuple[int, ...]  # the rooms free at that time (none for an inspection on site)

    @property
    def local_start(self) -> dt.datetime:
        return timezone.localtime(self.start)

    @property
    def local_end(self) -> dt.datetime:
        return timezone.localtime(self.end)


def people_of(inspection: Inspection) -> list[int]:
    """The lead inspector and the participating inspectors: all booked with the slot."""
    joining = inspection.participants.values_list("pk", flat=True)
    return list(dict.fromkeys([inspection.requested_by_id, *joining]))


def free_slots(
    inspection: Inspection,
    days: int = hours.OFFERED_DAYS,
    *,
    now: dt.datetime | None = None,
    room: InspectionRoom | None = None,
) -> list[Slot]:
    """The slots over today and the next working days (``days`` working days in all) that are
    far enough ahead (``hours.NOTICE``), in a working session, and where a room (for a remote
    inspection; ``room`` to ask for one) and every inspector taking part are free."""
    now = now or timezone.now()
    calendar = workdays.WorkCalendar.load()
    earliest = now + hours.NOTICE
    starts = [
        at
        for day in hours.offered_days(timezone.localdate(now), days, calendar)
        for at in hours.starts_on(day)
        if at >= earliest
    ]
    if not starts:
        return []
    window = {"start__gte": starts[0], "start__lte": starts[-1]}
    rooms: list[int] = []
    busy_rooms: set[tuple[int, dt.datetime]] = set()
    if inspection.remote:
        candidates = InspectionRoom.objects.filter(active=True)
        if room is not None:
            candidates = candidates.filter(pk=room.pk)
        rooms = list(candidates.values_list("pk", flat=True))
        if not rooms:
            return []
        busy_rooms = set(
            Appointment.objects.filter(status__in=OCCUPYING, room_id__in=rooms, **window)
            .values_list("room_id", "start")
            .iterator()
        )
    busy_people = set(
        Attendance.objects.filter(active=True, person_id__in=people_of(inspection), **window)
        .values_list("start", flat=True)
        .iterator()
    )
    slots = []
    for at in starts:
        if at in busy_people:
            continue
        free = tuple(r for r in rooms if (r, at) not in busy_rooms)
        if inspection.remote and not free:
            continue
        slots.append(Slot(at, at + hours.SLOT, free))
    return slots


def slots_by_day(slots: list[Slot]) -> list[tuple[dt.date, list[Slot]]]:
    grouped: dict[dt.date, list[Slot]] = {}
    for slot in slots:
        grouped.setdefault(slot.local_start.date(), []).append(slot)
    return list(grouped.items())


# --- Booking ------------------------------------------------------------------------------------


@transaction.atomic
def book(
    *,
    inspection: Inspection,
    start: dt.datetime,
    by: str,
    actor: User | None = None,
    room: InspectionRoom | None = None,
) -> Appointment:
    """Book the slot starting at ``start``: by the applicant on the phone page (``by`` =
    ``APPLICANT``, no actor), or by staff on a call (``STAFF``). A booking made again cancels
    the previous appointment."""
    if by == STAFF:
        if actor is None:
            raise NotAllowed(_("Your role does not allow this."))
        _require_arrange(actor, inspection)
    elif by != APPLICANT:
        raise ValueError(f"unknown booking channel {by!r}")
    inspection = _lock(inspection)
    if by == APPLICANT and inspection.status != Inspection.Status.REQUESTED:
        raise DomainError(
            _("The inspection is booked already; to change the time, call the department.")
        )
    if inspection.status not in (Inspection.Status.REQUESTED, Inspection.Status.BOOKED):
        raise DomainError(
            _("An inspection that is %(status)s cannot be booked.")
            % {"status": inspection.get_status_display()}
        )
    now = timezone.now()
    if timezone.is_naive(start):
        raise ValueError("start must be an aware datetime")
    if start < now + hours.NOTICE or not hours.is_slot_start(start, workdays.WorkCalendar.load()):
        raise DomainError(_("This time can no longer be booked; please choose another."))

    previous = inspection.appointments.filter(status=Appointment.Status.BOOKED).first()
    if previous is not None:
        _cancel_appointment(previous, actor, now, _("Booked again"))
    free = free_slots(inspection, now=now, room=room, days=_days_until(start, now))
    slot = next((s for s in free if s.start == start), None)
    if slot is None:
        raise SlotTaken()
    chosen = InspectionRoom.objects.get(pk=slot.rooms[0]) if slot.rooms else None
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                inspection=inspection,
                room=chosen,
                inspector_id=inspection.requested_by_id,
                start=slot.start,
                end=slot.end,
                booked_via=by,
                booked_by=actor if by == STAFF else None,
                booked_at=now,
            )
            Attendance.objects.bulk_create(
                [
                    Attendance(appointment=appointment, person_id=pk, start=slot.start)
                    for pk in people_of(inspection)
                ]
            )
    except IntegrityError as error:
        raise SlotTaken() from error
    workflow.check_move(inspection.status, Inspection.Status.BOOKED)
    inspection.status = Inspection.Status.BOOKED
    inspection.save(update_fields=["status"])
    audit.record(
        "inspections.book",
        actor=actor if by == STAFF else None,
        username="" if by == STAFF else "applicant",
        obj=inspection,
        changes={
            "start": timezone.localtime(slot.start).isoformat(timespec="minutes"),
            "room": str(chosen) if chosen else "",
            "via": by,
            "previous": (
                timezone.localtime(previous.start).isoformat(timespec="minutes") if previous else ""
            ),
        },
    )
    case = inspection.case
    send_later(case.phone, _sms_booked(inspection, appointment))
    _notify(
        people_of(inspection),
        _("Site inspection of case %(number)s booked for %(time)s")
        % {"number": case.display_number, "time": _when(appointment.start)},
        inspection,
    )
    return appointment


def _days_until(start: dt.datetime, now: dt.datetime) -> int:
    """How many working days of slots reach ``start`` (at least the usual offer)."""
    calendar = workdays.WorkCalendar.load()
    days = calendar.working_days_between(timezone.localdate(now), timezone.localdate(start))
    return max(hours.OFFERED_DAYS, days + 1)


def _lock(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update()
        .select_related("case__item", "case__department")
        .get(pk=inspection.pk)
    )


def _when(at: dt.datetime) -> str:
    local = timezone.localtime(at)
    return f"{local:%Y-%m-%d %H:%M}"


def _sms_when(at: dt.datetime) -> str:
    local = timezone.localtime(at)
    return f"{local.year}年{local.month}月{local.day}日{local:%H:%M}"


def _sms_booked(inspection: Inspection, appointment: Appointment) -> str:
    case = inspection.case
    way = "远程视频" if inspection.remote else "现场"
    head = (
        f"【政务服务】您申请的“{case.item.name}”（办件编号{case.display_number}）"
        f"的{way}踏勘已预约在{_sms_when(appointment.start)}。"
    )
    if inspection.remote:
        return head + "视频链接将在踏勘开始前15分钟以短信发送，届时请到现场用手机打开链接。"
    return head + "届时踏勘人员将到现场，请在场等候。"


def _notify(people: list[int], title: str, inspection: Inspection) -> None:
    from django.urls import reverse

    with translation.override(settings.LANGUAGE_CODE):
        notifications.notify_many(
            people, str(title), url=reverse("inspection_detail", args=[inspection.pk])
        )


# --- Cancelling ---------------------------------------------------------------------------------


def _cancel_appointment(
    appointment: Appointment, actor: User | None, now: dt.datetime, reason: str
) -> None:
    workflow.check_appointment_move(appointment.status, Appointment.Status.CANCELLED)
    appointment.status = Appointment.Status.CANCELLED
    appointment.cancelled_at = now
    appointment.cancelled_by = actor
    appointment.cancel_reason = reason[:200]
    appointment.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    appointment.attendances.update(active=False)


@transaction.atomic
def cancel_appointment(*, actor: User, inspection: Inspection, reason: str) -> Inspection:
    """Cancel the booked appointment: the inspection waits for a booking again, and the
    applicant receives the booking link again."""
    _require_arrange(actor, inspection)
    inspection = _lock(inspection)
    appointment = inspection.appointments.filter(status=Appointment.Status.BOOKED).first()
    if appointment is None:
        raise DomainError(_("The inspection has no booked appointment to cancel."))
    if not reason.strip():
        raise InspectionRefused(
            _("Say why the appointment is cancelled."), {"reason": [_("Give the reason.")]}
        )
    _cancel_appointment(appointment, actor, timezone.now(), reason.strip())
    workflow.check_move(inspection.status, Inspection.Status.REQUESTED)
    inspection.status = Inspection.Status.REQUESTED
    inspection.save(update_fields=["status"])
    audit.record(
        "inspections.cancel_appointment",
        actor=actor,
        obj=inspection,
        changes={"start": _when(appointment.start), "reason": reason.strip()},
    )
    case = inspection.case
    send_later(
        case.phone,
        f"【政务服务】您申请的“{case.item.name}”（办件编号{case.display_number}）"
        f"原定{_sms_when(appointment.start)}的踏勘已取消（{reason.strip()}），"
        f"请打开链接重新选择时间：{links.booking_url(inspection)}",
    )
    return inspection


@transaction.atomic
def cancel_inspection(*, actor: User, inspection: Inspection, reason: str) -> Inspection:
    """Cancel the inspection itself (requested by mistake, or no longer needed); a booked
    appointment is cancelled with it. The case stays at its inspection step."""
    if not may_request(actor, inspection.case):
        raise NotAllowed(_("Your role does not allow this."))
    inspection = _lock(inspection)
    if not reason.strip():
        raise InspectionRefused(
            _("Say why the inspection is cancelled."), {"reason": [_("Give the reason.")]}
        )
    workflow.check_move(inspection.status, Inspection.Status.CANCELLED)
    now = timezone.now()
    appointment = inspection.appointments.filter(status=Appointment.Status.BOOKED).first()
    if appointment is not None:
        _cancel_appointment(appointment, actor, now, reason.strip())
    inspection.status = Inspection.Status.CANCELLED
    inspection.cancelled_at = now
    inspection.cancel_reason = reason.strip()
    inspection.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    audit.record(
        "inspections.cancel",
        actor=actor,
        obj=inspection,
        changes={"reason": reason.strip()},
    )
    case = inspection.case
    send_later(
        case.phone,
        f"【政务服务】您申请的“{case.item.name}”（办件编号{case.display_number}）的踏勘预约已取消"
        f"（{reason.strip()}），如有疑问请致电{case.department.phone or '政务服务中心'}。",
    )
    return inspection


# --- The inspection rooms (administrators) ----------------------------------------------------

ROOM_FIELDS = ("name", "location", "sort_order")


@transaction.atomic
def create_room(
    *, actor: User, name: str, location: str = "", sort_order: int = 0
) -> InspectionRoom:
    """A new inspection room: its slots are offered for remote inspections at once."""
    require(actor, Capability.MANAGE_ORGANISATION)
    room = InspectionRoom(name=name.strip(), location=location.strip(), sort_order=sort_order)
    room.full_clean()
    room.save()
    audit.record(
        "inspections.create_room",
        actor=actor,
        obj=room,
        changes={"name": room.name, "location": room.location, "sort_order": sort_order},
    )
    return room


@transaction.atomic
def update_room(*, actor: User, room: InspectionRoom, **values: Any) -> InspectionRoom:
    """Rename a room, move it, change its place in the lists."""
    require(actor, Capability.MANAGE_ORGANISATION)
    unknown = set(values) - set(ROOM_FIELDS)
    if unknown:
        raise ValueError(f"not a room's field: {sorted(unknown)}")
    room = InspectionRoom.objects.select_for_update().get(pk=room.pk)
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    audit.save_changes(room, cleaned, action="inspections.update_room", actor=actor)
    return room


def booked_in(room: InspectionRoom, now: dt.datetime | None = None) -> int:
    """Appointments still to come in ``room``."""
    return Appointment.objects.filter(
        room=room, status=Appointment.Status.BOOKED, end__gt=now or timezone.now()
    ).count()


@transaction.atomic
def set_room_active(*, actor: User, room: InspectionRoom, active: bool) -> InspectionRoom:
    """Take a room out of use (no new slots are offered in it) or back into use. Appointments
    already booked in it stay booked there: the calendar keeps showing them, and whoever
    arranges them moves them if the room is really closed."""
    require(actor, Capability.MANAGE_ORGANISATION)
    room = InspectionRoom.objects.select_for_update().get(pk=room.pk)
    if room.active == active:
        return room
    room.active = active
    room.save(update_fields=["active"])
    audit.record(
        "inspections.room_active",
        actor=actor,
        obj=room,
        changes={"active": [not active, active], "still_booked": booked_in(room)},
    )
    return room
