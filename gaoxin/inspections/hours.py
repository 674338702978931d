"""When inspections are held: the one place that says so.

Slots have a fixed length and start on a fixed grid within the working hours of working days
(the zone's calendar, ``gaoxin.core.workdays``), in the zone's time (Asia/Shanghai). Because
every slot starts on the grid and has the same length, two bookings overlap exactly when they
start at the same moment: the database's unique constraints on (room, start) and (person,
start) are enough to forbid double booking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.conf import settings

from gaoxin.core.workdays import WorkCalendar

SLOT = dt.timedelta(minutes=30)
# Morning and afternoon sessions: local start and end times (a slot ends by the session's end).
SESSIONS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(9, 0), dt.time(12, 0)),
    (dt.time(14, 0), dt.time(17, 30)),
)
# How soon a slot may be booked: the inspector and the applicant need time to prepare, and the
# reminder 15 minutes before must have a chance to go out.
NOTICE = dt.timedelta(hours=1)
# The session link opens this long before the slot starts (and closes at its end).
OPENS_BEFORE = dt.timedelta(minutes=15)
# The reminder the day before goes out from this local hour on that day.
DAY_BEFORE_AT = dt.time(9, 0)
# How many working days of slots the applicant is offered: the zone promises an inspection
# within 5 working days of the request.
OFFERED_DAYS = 5


def zone_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def starts_on(day: dt.date) -> Iterator[dt.datetime]:
    """Every slot start of ``day`` (aware, in the zone's time), working day or not."""
    tz = zone_tz()
    for begin, end in SESSIONS:
        at = dt.datetime.combine(day, begin, tzinfo=tz)
        last = dt.datetime.combine(day, end, tzinfo=tz) - SLOT
        while at <= last:
            yield at
            at += SLOT


def is_slot_start(at: dt.datetime, calendar: WorkCalendar) -> bool:
    """Whether ``at`` is the start of a slot on a working day."""
    local = at.astimezone(zone_tz())
    return calendar.is_working_day(local.date()) and local in set(starts_on(local.date()))


def offered_days(today: dt.date, days: int, calendar: WorkCalendar) -> list[dt.date]:
    """Today (when it is a working day) and the following working days, ``days`` in all."""
    found: list[dt.date] = []
    day = today
    while len(found) < days:
        if calendar.is_working_day(day):
            found.append(day)
        day += dt.timedelta(days=1)
    return found
