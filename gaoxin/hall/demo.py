"""The demo zone's hall: the business types of a real service center over the demo's windows
(``gaoxin.core.demo.organisation``), a few appointments on the next working days, and — on a
working day — a few tickets of today, one of them called at window 1; behind them, the past
``HISTORY_DAYS`` working days of tickets served (and some booked visits and no-shows) for the
figures, from a fixed seed. Nothing the second time."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gaoxin.catalog.models import ServiceItem
from gaoxin.core.identity import resident_id_check_character
from gaoxin.core.models import User, Window
from gaoxin.core.workdays import WorkCalendar
from gaoxin.hall import hours, services
from gaoxin.hall.models import Appointment, BusinessType, Ticket

# letter, name, window numbers, departments whose current items it covers
BUSINESSES = [
    ("A", "企业开办", [15, 16], ["scjg"]),
    ("B", "工程建设", [17, 18, 25], ["ghjs"]),
    ("C", "不动产登记", [19, 20], ["zrzy"]),
    ("D", "社保医保", [23], ["shsw"]),
    ("E", "税务办理", [21, 22], ["swfj"]),
    ("F", "公安户政", [24], ["gafj"]),
    ("G", "综合受理", list(range(1, 11)), ["xzsp", "sthj", "yjgl", "kjcx", "jjfz"]),
    ("H", "综合出件", list(range(11, 15)), []),
]

PEOPLE = [
    ("李娜", "610402", dt.date(1988, 3, 14), "13991230011"),
    ("王强", "610404", dt.date(1979, 11, 2), "13991230012"),
    ("刘芳", "610402", dt.date(1992, 7, 21), "13991230013"),
    ("陈刚", "610481", dt.date(1985, 1, 9), "13991230014"),
]


def _id(region: str, birth: dt.date, order: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{order:03d}"
    return first17 + resident_id_check_character(first17)


@transaction.atomic
def seed_hall() -> str:
    if BusinessType.objects.exists() or not Window.objects.exists():
        return ""
    for order, (code, name, numbers, departments) in enumerate(BUSINESSES, start=1):
        services.create_business_type(
            actor=None,
            code=code,
            name=name,
            windows=Window.objects.filter(number__in=numbers),
            items=ServiceItem.objects.filter(is_current=True, department__code__in=departments),
            sort_order=order * 10,
        )
    now = timezone.now()
    calendar = WorkCalendar.load()
    days = list(hours.bookable_days(timezone.localdate(now), calendar))[1:4]
    businesses = list(BusinessType.objects.order_by("sort_order")[:4])
    booked = 0
    for n, (name, region, birth, phone) in enumerate(PEOPLE):
        services.book(
            business=businesses[n % len(businesses)],
            day=days[n % len(days)],
            slot=hours.slot_times()[n + 1],
            name=name,
            id_number=_id(region, birth, 100 + n),
            phone=phone,
        )
        booked += 1
    past = _history(now, calendar)
    tickets = 0
    local = timezone.localtime(now)
    opening, closing = hours.SESSIONS[0][0], hours.SESSIONS[-1][1]
    if calendar.is_working_day(local.date()) and opening <= local.time() < closing:
        general = BusinessType.objects.get(code="G")
        for business in [general, *businesses, general, general]:
            services.take_ticket(business=business)
            tickets += 1
        clerk = User.objects.filter(username="clerk", window__isnull=False).first()
        if clerk is not None and clerk.window is not None:
            services.call_next(actor=clerk, window=clerk.window)
    return (
        f"Hall: {BusinessType.objects.count()} business types, {booked} appointments, "
        f"{tickets} tickets today, {past} tickets of the past {HISTORY_DAYS} working days."
    )


HISTORY_DAYS = 15
# Tickets a window serves on an ordinary day, and how the day's arrivals spread over the hours.
PER_WINDOW = (8, 14)
HOUR_WEIGHTS = {9: 1.0, 10: 1.5, 11: 1.2, 13: 0.6, 14: 1.4, 15: 1.3, 16: 0.8}


def _history(now: dt.datetime, calendar: WorkCalendar) -> int:
    """The past working days' tickets, written at once (a demo's past, not actions of today):
    each business's arrivals over the hours, served first come first served at its windows,
    a few not come, one in ten a booked visit."""
    rng = random.Random(20261123)  # noqa: S311 - a demo's made-up past, the same each time
    tz = hours.zone_tz()
    days: list[dt.date] = []
    day = timezone.localdate(now)
    while len(days) < HISTORY_DAYS:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            days.append(day)
    clerks = {u.window_id: u for u in User.objects.filter(window__isnull=False, is_active=True)}
    hours_list, weights = list(HOUR_WEIGHTS), list(HOUR_WEIGHTS.values())
    appointments: list[Appointment] = []
    tickets: list[Ticket] = []
    booked_codes = 0
    for day in sorted(days):
        for business in BusinessType.objects.prefetch_related("windows").order_by("sort_order"):
            windows = list(business.windows.filter(is_active=True).order_by("number"))
            if not windows:
                continue
            count = sum(rng.randint(*PER_WINDOW) for _ in windows)
            arrivals = sorted(
                dt.datetime.combine(
                    day, dt.time(rng.choices(hours_list, weights)[0], rng.randrange(60)), tz
                )
                + dt.timedelta(seconds=rng.randrange(60))
                for _ in range(count)
            )
            free = {w.pk: arrivals[0] for w in windows}
            for seq, taken in enumerate(arrivals, start=1):
                window = min(windows, key=lambda w: (free[w.pk], w.number))
                called = max(taken, free[window.pk]) + dt.timedelta(seconds=rng.randint(5, 90))
                came = rng.random() > 0.04
                started = called + dt.timedelta(seconds=rng.randint(20, 120))
                ended = started + dt.timedelta(minutes=rng.lognormvariate(2.0, 0.45))
                free[window.pk] = ended if came else called + dt.timedelta(minutes=2)
                appointment = None
                name = id_number = phone = ""
                if rng.random() < 0.1 and business.bookable:
                    booked_codes += 1
                    name, region, birth, phone = PEOPLE[seq % len(PEOPLE)]
                    id_number = _id(region, birth, 200 + seq % 700)
                    slot = taken.replace(minute=0 if taken.minute < 30 else 30, second=0)
                    appointment = Appointment(
                        business=business,
                        date=day,
                        slot=slot.time(),
                        name=name,
                        id_number=id_number,
                        phone=phone,
                        code=f"9{day:%m%d}{booked_codes:03d}"[-8:],
                        status=(
                            Appointment.Status.CHECKED_IN if came else Appointment.Status.NO_SHOW
                        ),
                        booked_at=taken - dt.timedelta(days=2),
                        checked_in_at=taken,
                    )
                    appointments.append(appointment)
                tickets.append(
                    Ticket(
                        business=business,
                        day=day,
                        seq=seq,
                        number=f"{business.code}{seq:03d}",
                        taken_at=taken,
                        queued_at=taken,
                        priority_from=taken if appointment is not None else None,
                        appointment=appointment,
                        status=Ticket.Status.DONE if came else Ticket.Status.NO_SHOW,
                        window=window,
                        called_at=called,
                        call_count=1 if came else 2,
                        served_by=clerks.get(window.pk),
                        started_at=started if came else None,
                        ended_at=ended if came else called + dt.timedelta(minutes=2),
                        name=name,
                        id_number=id_number,
                        phone=phone,
                    )
                )
    Appointment.objects.bulk_create(appointments)
    Ticket.objects.bulk_create(tickets, batch_size=500)
    return len(tickets)
