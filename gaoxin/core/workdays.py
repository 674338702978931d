"""Working days: the unit of every deadline.

A day is a working day by the Monday–Friday rule unless the calendar table says otherwise
(an official holiday on a weekday, or a 调休 weekend day worked instead). Years without an
official schedule are counted by the plain rule, and any deadline that reaches into one is
*provisional*: shown as such to staff, and recomputed when the year's schedule is confirmed.

Conventions, the same everywhere:
- ``add_working_days(start, n)`` counts from the day after ``start`` — a case accepted on a
  Friday with a 1-day limit is due the next working day.
- ``working_days_between(start, end)`` counts the working days in ``(start, end]``, so
  ``working_days_between(d, add_working_days(d, n).date) == n``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection

from gaoxin.core.models import CalendarDay, CalendarYear

ONE_DAY = dt.timedelta(days=1)


class Deadline(NamedTuple):
    date: dt.date
    provisional: bool


@dataclass(frozen=True)
class WorkCalendar:
    """A snapshot of the calendar table: the exceptions and the years with a schedule."""

    exceptions: dict[dt.date, bool]
    scheduled_years: frozenset[int]

    @classmethod
    def load(cls) -> WorkCalendar:
        """The calendar as the database has it now. Kept in memory between calls while the
        tables are unchanged (one small query tells), so counting a deadline at intake does
        not read the whole table each time."""
        global _cached
        version = _version()
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        # The whole table is a few hundred rows per decade; reading it once is cheaper than a
        # query per day counted.
        calendar = cls(
            exceptions=dict(CalendarDay.objects.values_list("date", "is_working_day")),
            scheduled_years=frozenset(CalendarYear.objects.values_list("year", flat=True)),
        )
        _cached = (version, calendar)
        return calendar

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.exceptions:
            return self.exceptions[day]
        return day.weekday() < 5

    def is_provisional(self, day: dt.date) -> bool:
        return day.year not in self.scheduled_years

    def add_working_days(self, start: dt.date, n: int) -> Deadline:
        if n < 0:
            raise ValueError("n must not be negative")
        day, counted = start, 0
        provisional = False
        while counted < n:
            day += ONE_DAY
            provisional = provisional or self.is_provisional(day)
            if self.is_working_day(day):
                counted += 1
        return Deadline(day, provisional)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

    def next_working_day(self, day: dt.date) -> dt.date:
        return self.add_working_days(day, 1).date


_cached: tuple[tuple[object, ...], WorkCalendar] | None = None


def _version() -> tuple[object, ...]:
    # Any insert, update or delete of either table changes one of these figures; one round
    # trip, as every intake asks.
    days, years = CalendarDay._meta.db_table, CalendarYear._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MAX(updated_at), MAX(id), "  # noqa: S608 - our own table names
            f"(SELECT COUNT(*) FROM {years}), (SELECT MAX(year) FROM {years}) FROM {days}"
        )
        return tuple(cursor.fetchone() or ())


def is_working_day(day: dt.date) -> bool:
    return WorkCalendar.load().is_working_day(day)


def add_working_days(start: dt.date, n: int) -> Deadline:
    return WorkCalendar.load().add_working_days(start, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return WorkCalendar.load().working_days_between(start, end)


def years_missing_schedule(today: dt.date) -> list[int]:
    """This year and next, where no official schedule is entered yet: deadlines set now can
    reach into next year, so its schedule is needed before the year begins."""
    scheduled = set(CalendarYear.objects.values_list("year", flat=True))
    return [year for year in (today.year, today.year + 1) if year not in scheduled]
