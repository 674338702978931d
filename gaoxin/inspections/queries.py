"""What the inspection pages read: the week of the room calendar, the inspections waiting for
a booking."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from gaoxin.core import workdays
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.inspections import hours
from gaoxin.inspections.models import OCCUPYING, Appointment, Inspection, InspectionRoom


def visible_inspections(user: Any) -> QuerySet[Inspection]:
    """The window clerks (who book by phone for any department) see every inspection; an
    inspector those of their department and those they join."""
    inspections = Inspection.objects.select_related("case__item", "requested_by")
    if can(user, Capability.SERVE_AT_WINDOW):
        return inspections
    if can(user, Capability.INSPECT):
        return inspections.filter(
            Q(case__department_id=user.department_id) | Q(participants=user)
        ).distinct()
    return inspections.none()


def waiting(user: Any) -> QuerySet[Inspection]:
    return (
        visible_inspections(user)
        .filter(status=Inspection.Status.REQUESTED)
        .order_by("requested_at", "pk")
    )


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class Lane:
    """One room's week (or the inspections on site): a row per slot time, a cell per day."""

    room: InspectionRoom | None
    rows: list[tuple[dt.time, list[Any]]] = field(default_factory=list)


@dataclass
class Week:
    monday: dt.date
    days: list[tuple[dt.date, bool]]  # the day and whether it is a working day
    lanes: list[Lane]
    booked: int

    @property
    def previous(self) -> dt.date:
        return self.monday - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.monday + dt.timedelta(days=7)


def week(monday: dt.date) -> Week:
    """Every room's appointments in the week from ``monday``, laid out by slot time and day.
    A cell holds the appointments (one per room; several on site), none for a free slot, or is
    None on a day that is not a working day."""
    calendar = workdays.WorkCalendar.load()
    days = [(monday + dt.timedelta(days=n), False) for n in range(7)]
    days = [(d, calendar.is_working_day(d)) for d, _ in days]
    days = [(d, working) for d, working in days if working or d.weekday() < 5]
    tz = hours.zone_tz()
    begin = dt.datetime.combine(monday, dt.time(0), tzinfo=tz)
    appointments = list(
        Appointment.objects.filter(
            status__in=OCCUPYING, start__gte=begin, start__lt=begin + dt.timedelta(days=7)
        ).select_related("inspection__case__item", "inspector", "room")
    )
    at: dict[tuple[int | None, dt.datetime], list[Appointment]] = {}
    for a in appointments:
        at.setdefault((a.room_id, timezone.localtime(a.start)), []).append(a)
    rooms: list[InspectionRoom | None] = list(InspectionRoom.objects.filter(active=True))
    rooms.extend(  # a room no longer active keeps its appointments on show
        InspectionRoom.objects.filter(pk__in={a.room_id for a in appointments}, active=False)
    )
    if any(a.room_id is None for a in appointments):
        rooms.append(None)
    times = [s.time() for s in hours.starts_on(monday)]
    lanes = []
    for room in rooms:
        lane = Lane(room)
        room_id = room.pk if room else None
        for time in times:
            cells: list[Any] = []
            for day, working in days:
                if not working:
                    cells.append(None)
                    continue
                start = dt.datetime.combine(day, time, tzinfo=tz)
                cells.append(at.get((room_id, start), []))
            lane.rows.append((time, cells))
        lanes.append(lane)
    return Week(monday, days, lanes, len(appointments))
