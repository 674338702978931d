"""When the hall books and calls: the one place that says so.

The hall books half-hour slots within its opening hours on working days (the zone's calendar,
``gaoxin.core.workdays``), in the zone's time. The booking page offers today's slots not yet
begun and those of the following working days, ``BOOKABLE_DAYS`` working days in all.

An appointment is checked in at the kiosk from ``CHECK_IN_BEFORE`` before its slot until
``LATE_GRACE`` after the slot's end; later, the person takes a plain ticket and the appointment
counts as missed (no-show) once that moment has passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.conf import settings

from gaoxin.core.workdays import WorkCalendar

SLOT = dt.timedelta(minutes=30)
SESSIONS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(9, 0), dt.time(12, 0)),
    (dt.time(13, 0), dt.time(17, 0)),
)
BOOKABLE_DAYS = 10
CHECK_IN_BEFORE = dt.timedelta(hours=1)
LATE_GRACE = dt.timedelta(minutes=15)
# Three appointments missed within this many days block booking for as long again.
NO_SHOW_LIMIT = 3
NO_SHOW_DAYS = 30


def zone_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def slot_times() -> list[dt.time]:
    """Every slot start of a day, in the zone's time."""
    times: list[dt.time] = []
    for begin, end in SESSIONS:
        at = dt.datetime.combine(dt.date(2000, 1, 3), begin)
        last = dt.datetime.combine(dt.date(2000, 1, 3), end) - SLOT
        while at <= last:
            times.append(at.time())
            at += SLOT
    return times


def slot_start(day: dt.date, slot: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, slot, tzinfo=zone_tz())


def bookable_days(today: dt.date, calendar: WorkCalendar) -> Iterator[dt.date]:
    """Today (when it is a working day) and the following working days, ``BOOKABLE_DAYS`` in
    all."""
    found, day = 0, today
    while found < BOOKABLE_DAYS:
        if calendar.is_working_day(day):
            found += 1
            yield day
        day += dt.timedelta(days=1)
