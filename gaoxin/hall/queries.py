"""Read paths the hall's pages share: the queue's order, what waits for a window, the hall
screen's figures and a ticket's place in its queue."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OrderBy,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from gaoxin.core.models import Window
from gaoxin.core.workdays import WorkCalendar
from gaoxin.hall import hours
from gaoxin.hall.models import Appointment, BusinessType, Ticket

# The spoken call is in Chinese whatever the screen's language: the hall's public speaks it.
DIGITS = "零一二三四五六七八九"
# Booked, checked-in and missed appointments hold their place in the slot; cancelled ones not.
TAKES_A_PLACE = (
    Appointment.Status.BOOKED,
    Appointment.Status.CHECKED_IN,
    Appointment.Status.NO_SHOW,
)


def capacity(business: BusinessType) -> int:
    """Appointments one half-hour slot of ``business`` holds: its active windows × its
    appointments per window (two by default: a window serves about two people in half an
    hour)."""
    windows = business.windows.filter(is_active=True).count()
    return windows * business.appointments_per_window


@dataclass(frozen=True)
class Slot:
    day: dt.date
    time: dt.time
    free: int

    @property
    def value(self) -> str:
        return f"{self.day.isoformat()}T{self.time:%H:%M}"


def free_slots(business: BusinessType, now: dt.datetime) -> list[tuple[dt.date, list[Slot]]]:
    """The slots of the bookable days not yet begun, by day, with the places still free (the
    full ones included, with 0, so the page can show them as taken)."""
    calendar = WorkCalendar.load()
    days = list(hours.bookable_days(timezone.localdate(now), calendar))
    taken = Counter(
        Appointment.objects.filter(
            business=business, date__in=days, status__in=TAKES_A_PLACE
        ).values_list("date", "slot")
    )
    places = capacity(business)
    result = []
    for day in days:
        slots = [
            Slot(day, time, max(places - taken[(day, time)], 0))
            for time in hours.slot_times()
            if hours.slot_start(day, time) > now
        ]
        if slots:
            result.append((day, slots))
    return result


def queue_order(now: dt.datetime) -> list[Any]:
    """Tickets with priority first (a checked-in appointment once its slot has begun, a ticket
    transferred here), in the order they gained it; then the others as they were taken."""
    return [
        Case(
            When(priority_from__lte=now, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        OrderBy(
            Case(When(priority_from__lte=now, then=F("priority_from")), default=F("queued_at"))
        ),
        "queued_at",
        "id",
    ]


def waiting_for(window: Window, businesses: Iterable[int], day: dt.date) -> QuerySet[Ticket]:
    """The tickets of ``day`` this window may call: those of its businesses, and those
    transferred to it."""
    return Ticket.objects.filter(day=day, status=Ticket.Status.WAITING).filter(
        Q(for_window=window) | Q(for_window__isnull=True, business__in=list(businesses))
    )


def ahead_of(ticket: Ticket, now: dt.datetime | None = None) -> int:
    """How many wait before ``ticket`` in its queue (0 once it is called)."""
    if ticket.status != Ticket.Status.WAITING:
        return 0
    now = now or timezone.now()
    queue = Ticket.objects.filter(
        day=ticket.day, status=Ticket.Status.WAITING, business=ticket.business_id
    )
    if ticket.for_window_id:
        queue = Ticket.objects.filter(
            day=ticket.day, status=Ticket.Status.WAITING, for_window=ticket.for_window_id
        )
    ids = list(queue.order_by(*queue_order(now)).values_list("id", flat=True))
    return ids.index(ticket.pk) if ticket.pk in ids else 0


def latest(ticket: Ticket) -> Ticket:
    """The ticket as it stands now: after transfers, the one in the last queue."""
    while True:
        moved = Ticket.objects.filter(transferred_from=ticket).first()
        if moved is None:
            return ticket
        ticket = moved


def spoken(ticket: Ticket, window: Window) -> str:
    number = ticket.number[:1] + "".join(DIGITS[int(d)] for d in ticket.number[1:])
    return f"请{number}号到{window.number}号窗口办理"


def screen(day: dt.date, *, calls: int = 12) -> dict[str, Any]:
    """What the hall screen shows: the latest calls (the first ones still being called) and
    the people waiting per business. Small enough to poll every second."""
    called = (
        Ticket.objects.filter(day=day, called_at__isnull=False)
        .select_related("window", "business")
        .order_by("-called_at", "-id")[:calls]
    )
    rows = []
    for ticket in called:
        assert ticket.window is not None and ticket.called_at is not None
        rows.append(
            {
                "key": f"{ticket.pk}:{ticket.call_count}",
                "number": ticket.number,
                "window": ticket.window.number,
                "business": ticket.business.name,
                "calling": ticket.status == Ticket.Status.CALLED,
                "at": timezone.localtime(ticket.called_at).strftime("%H:%M:%S"),
                "speech": spoken(ticket, ticket.window),
            }
        )
    waiting = dict(
        Ticket.objects.filter(day=day, status=Ticket.Status.WAITING)
        .values_list("business")
        .annotate(n=Count("id"))
        .values_list("business", "n")
    )
    businesses = [
        {"code": b.code, "name": b.name, "waiting": waiting.get(b.pk, 0)}
        for b in BusinessType.objects.filter(is_active=True)
    ]
    return {"calls": rows, "businesses": businesses}


def window_waiting(window: Window, businesses: Iterable[int], day: dt.date) -> int:
    return waiting_for(window, businesses, day).count()


def businesses_for_management() -> QuerySet[BusinessType]:
    """Every business with its windows, the number of items it covers and the places of one
    half hour (``capacity``: active windows × appointments per window), for the list of
    管理 › 大厅业务; a fixed number of queries whatever the number of businesses."""
    return (
        BusinessType.objects.prefetch_related(
            Prefetch("windows", queryset=Window.objects.order_by("number"))
        )
        .annotate(
            item_count=Count("items", distinct=True),
            active_windows=Count("windows", filter=Q(windows__is_active=True), distinct=True),
        )
        .annotate(
            capacity=ExpressionWrapper(
                F("active_windows") * F("appointments_per_window"), output_field=IntegerField()
            )
        )
        .order_by("sort_order", "code")
    )
