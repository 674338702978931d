"""The hall's figures (/hall/figures/ and ``GET /api/v1/hall/figures/``): what the center looks
at to open or close windows. One function, ``report``, read by the page and the API alike.

Definitions (printed under the page's tables, ``DEFINITIONS``):
- a *ticket* is a number taken at the kiosk or given at an appointment's check-in, counted on
  its day; a ticket transferred to another business or window counts once (where it was
  taken);
- an *appointment* counts on its booked day and slot unless it was cancelled;
- *waiting time*: from joining the queue (taking the ticket, or the transfer) until the service
  began (the clerk pressed "arrived", or called it and served it), for the tickets served;
- *service time*: from the service's beginning to its end, for the tickets served;
- p50 and p90 are the values half and nine tenths of the tickets stay at or below;
- a *no-show* is a ticket skipped after two calls, or a booked appointment nobody checked in;
- the *busiest hours*: tickets taken in each hour of the day, averaged over the days of the
  period that had tickets.

Times are computed in Python over the period's served tickets (three timestamps each): the same
on SQLite and PostgreSQL, and a month of a busy hall is some 50,000 rows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.models import User, Window
from gaoxin.hall import hours
from gaoxin.hall.models import Appointment, BusinessType, Ticket

DEFAULT_DAYS = 28
MAX_DAYS = 366

DEFINITIONS = [
    gettext_lazy(
        "Tickets: numbers taken at the kiosk or given at an appointment's check-in, on the "
        "day taken; a ticket transferred counts once."
    ),
    gettext_lazy("Appointments: booked visits of the day, cancelled ones left out."),
    gettext_lazy(
        "Waiting time: from taking the ticket (or its transfer) until the service began, for "
        "the tickets served."
    ),
    gettext_lazy("Service time: from the service's beginning to its end, for the tickets served."),
    gettext_lazy("p50, p90: half, nine tenths of the tickets took at most this long."),
    gettext_lazy(
        "No-shows: tickets skipped after two calls; appointments booked and not checked in."
    ),
    gettext_lazy(
        "Busiest hours: tickets taken in each hour, averaged over the days that had tickets."
    ),
]


class FilterError(ValueError):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(m for messages in errors.values() for m in messages))
        self.errors = errors


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


def parse_period(params: Mapping[str, str], today: dt.date) -> Period:
    """``start`` and ``end`` (YYYY-MM-DD, both included); by default the last four weeks."""
    errors: dict[str, list[str]] = {}
    values: dict[str, dt.date] = {}
    for name in ("start", "end"):
        raw = (params.get(name) or "").strip()
        if not raw:
            continue
        try:
            values[name] = dt.date.fromisoformat(raw)
        except ValueError:
            errors[name] = [_("Enter a date as YYYY-MM-DD.")]
    if errors:
        raise FilterError(errors)
    end = values.get("end", today)
    start = values.get("start", end - dt.timedelta(days=DEFAULT_DAYS - 1))
    if start > end:
        raise FilterError({"start": [_("The first day comes after the last.")]})
    if (end - start).days >= MAX_DAYS:
        raise FilterError({"start": [_("Choose at most a year.")]})
    return Period(start, end)


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank percentile (the value at rank ⌈q·n⌉), None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def _times(rows: Iterable[tuple[float, float]]) -> dict[str, Any]:
    waits, services = [], []
    for wait, service in rows:
        waits.append(wait)
        services.append(service)
    return {
        "served": len(waits),
        "wait_p50": minutes(percentile(waits, 0.5)),
        "wait_p90": minutes(percentile(waits, 0.9)),
        "service_p50": minutes(percentile(services, 0.5)),
        "service_p90": minutes(percentile(services, 0.9)),
    }


def report(period: Period) -> dict[str, Any]:
    """Every figure of the page for the period, as plain data (the API returns it as is)."""
    tz = hours.zone_tz()
    tickets = Ticket.objects.filter(day__gte=period.start, day__lte=period.end)
    # Counted once: the ticket as taken, not the copies its transfers made.
    taken = tickets.filter(transferred_from__isnull=True)
    per_day: Counter[dt.date] = Counter()
    per_hour: Counter[int] = Counter()
    for day, at in taken.values_list("day", "taken_at"):
        per_day[day] += 1
        per_hour[at.astimezone(tz).hour] += 1
    appointments = Appointment.objects.filter(date__gte=period.start, date__lte=period.end).exclude(
        status=Appointment.Status.CANCELLED
    )
    booked_day: Counter[dt.date] = Counter()
    booked_hour: Counter[int] = Counter()
    missed_appointments = 0
    for date, slot, status in appointments.values_list("date", "slot", "status"):
        booked_day[date] += 1
        booked_hour[slot.hour] += 1
        missed_appointments += status == Appointment.Status.NO_SHOW

    served = tickets.filter(
        status=Ticket.Status.DONE, started_at__isnull=False, ended_at__isnull=False
    ).values_list("business", "window", "served_by", "queued_at", "started_at", "ended_at")
    by_business: dict[int, list[tuple[float, float]]] = defaultdict(list)
    by_window: dict[int, list[tuple[float, float]]] = defaultdict(list)
    by_clerk: dict[int, list[tuple[float, float]]] = defaultdict(list)
    everyone: list[tuple[float, float]] = []
    for business, window, clerk, queued, started, ended in served:
        assert started is not None and ended is not None  # filtered so
        row = (
            max(0.0, (started - queued).total_seconds()),
            max(0.0, (ended - started).total_seconds()),
        )
        everyone.append(row)
        by_business[business].append(row)
        if window is not None:
            by_window[window].append(row)
        if clerk is not None:
            by_clerk[clerk].append(row)
    no_show_tickets = Counter(
        tickets.filter(status=Ticket.Status.NO_SHOW).values_list("business", flat=True)
    )
    taken_by_business = Counter(taken.values_list("business", flat=True))

    days = sorted(set(per_day) | set(booked_day))
    open_days = max(1, len(per_day))
    windows = {w.pk: w for w in Window.objects.filter(pk__in=list(by_window))}
    clerks = {u.pk: u for u in User.objects.filter(pk__in=list(by_clerk))}
    hours_of_day = sorted(set(per_hour) | set(booked_hour))
    busiest = sorted(per_hour, key=lambda h: (-per_hour[h], h))[:3]
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "totals": {
            "tickets": sum(per_day.values()),
            "appointments": sum(booked_day.values()),
            "no_show_tickets": sum(no_show_tickets.values()),
            "no_show_appointments": missed_appointments,
            "days_with_tickets": len(per_day),
            **_times(everyone),
        },
        "days": [
            {"day": d.isoformat(), "tickets": per_day[d], "appointments": booked_day[d]}
            for d in days
        ],
        "hours": [
            {
                "hour": h,
                "tickets": per_hour[h],
                "appointments": booked_hour[h],
                "tickets_per_day": round(per_hour[h] / open_days, 1),
            }
            for h in hours_of_day
        ],
        "busiest_hours": busiest,
        "businesses": [
            {
                "code": b.code,
                "name": b.name,
                "tickets": taken_by_business[b.pk],
                "no_shows": no_show_tickets[b.pk],
                **_times(by_business.get(b.pk, [])),
            }
            for b in BusinessType.objects.all()
            if taken_by_business[b.pk] or b.pk in by_business
        ],
        "windows": [
            {"number": windows[pk].number, "name": windows[pk].name, **_times(rows)}
            for pk, rows in sorted(by_window.items(), key=lambda kv: windows[kv[0]].number)
        ],
        "clerks": [
            {"clerk": clerks[pk].full_name or clerks[pk].username, **_times(rows)}
            for pk, rows in sorted(by_clerk.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ],
    }
