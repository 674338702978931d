"""Every change in the hall: one function per action, each checking who may act, locking what
it changes and writing the audit entry.

Booking (预约, on the phone, no sign-in):
- A business's half-hour slot holds ``active windows serving it × appointments_per_window``
  appointments (2 per window by default: a window serves about two people in half an hour).
  Booked, checked-in and missed appointments take a place; cancelled ones free it.
- The days offered are today and the next working days, 10 in all (``hours``); a slot that has
  begun cannot be booked.
- One booked appointment per person (ID number) and business at a time.
- Three missed appointments (no-show) within 30 days block booking for 30 days after the
  third.
- One address books at most ``GAOXIN_HALL_BOOKINGS_PER_ADDRESS_HOUR`` appointments (5 by
  default; 0: no limit) within any hour, counted from the appointments themselves (each
  records the address it came from; an IPv6 address as its /64 network), so nobody fills the
  slots with invented ID numbers.
- Bookings of a business are made one at a time (its row is locked), so two people booking the
  last place at once do not both get it.

Tickets (取号): taken at the kiosk for a business, or given when an appointment is checked in
(by booking code or ID number, from an hour before the slot to 15 minutes after its end).

Calling (叫号): a window calls the next ticket of the businesses it serves: first the tickets
with priority (a checked-in appointment once its slot has begun, a ticket transferred here), in
the order they gained it, then the others in the order they were taken. The candidate row is
taken with ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL), so two windows pressing "next" at
the same moment take two different tickets; SQLite serialises writers anyway.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.cases.models import Case, Delivery
from gaoxin.cases.numbering import next_in_sequence
from gaoxin.core import audit
from gaoxin.core.errors import DomainError
from gaoxin.core.identity import normalise_resident_id, validate_resident_id
from gaoxin.core.models import User, Window
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability
from gaoxin.core.workdays import WorkCalendar
from gaoxin.evaluations.models import Channel, Encounter, Rating
from gaoxin.hall import hours, live, queries
from gaoxin.hall.models import Appointment, BusinessType, Ticket, WindowSession

PUBLIC = "public"  # the audit log's name for a person acting on the phone or at the kiosk
TAKES_A_PLACE = queries.TAKES_A_PLACE
CURRENT = (Ticket.Status.CALLED, Ticket.Status.SERVING)
# A ticket is marked as not come only after it was called this many times.
CALLS_BEFORE_SKIP = 2


class BookingRefused(DomainError):
    """The booking cannot be made; ``errors`` says which field needs what."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


class TooManyBookings(BookingRefused):
    """The address has booked as many appointments as an hour allows."""


# One address's bookings are counted over this period.
BOOKINGS_PERIOD = dt.timedelta(hours=1)


# --- Booking ----------------------------------------------------------------------------------


def blocked_until(id_number: str, today: dt.date) -> dt.date | None:
    """The day booking opens again for a person who missed three appointments within 30 days,
    or None when they may book."""
    window = dt.timedelta(days=hours.NO_SHOW_DAYS)
    missed = sorted(
        Appointment.objects.filter(
            id_number=normalise_resident_id(id_number),
            status=Appointment.Status.NO_SHOW,
            date__gte=today - 2 * window,
        ).values_list("date", flat=True),
        reverse=True,
    )
    limit = hours.NO_SHOW_LIMIT
    until = None
    for i in range(len(missed) - limit + 1):
        latest, earliest = missed[i], missed[i + limit - 1]
        if latest - earliest < window:
            end = latest + window
            if end > today and (until is None or end > until):
                until = end
    return until


def booking_address(address: str | None) -> str | None:
    """The address a booking is counted under: an IPv4 address as it is; an IPv6 address as
    its /64 network, the block one subscriber's device may take any address from."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False).network_address)
    return str(ip)


def _check_address(address: str | None, now: dt.datetime) -> None:
    """At most ``GAOXIN_HALL_BOOKINGS_PER_ADDRESS_HOUR`` bookings from one address within an
    hour (cancelled ones count: they were made)."""
    limit = settings.GAOXIN_HALL_BOOKINGS_PER_ADDRESS_HOUR
    if address is None or limit <= 0:
        return
    recent = list(
        Appointment.objects.filter(client_address=address, booked_at__gt=now - BOOKINGS_PERIOD)
        .order_by("booked_at")
        .values_list("booked_at", flat=True)
    )
    if len(recent) >= limit:
        # Possible again once enough of them are an hour old.
        again = timezone.localtime(recent[len(recent) - limit] + BOOKINGS_PERIOD)
        raise TooManyBookings(
            _(
                "Too many appointments were booked from this network within an hour. Booking "
                "is possible again from %(time)s; you can also take a ticket at the hall."
            )
            % {"time": f"{again:%H:%M}"}
        )


def _check_slot(
    business: BusinessType, day: dt.date, slot: dt.time, now: dt.datetime, ignore: int | None
) -> None:
    calendar = WorkCalendar.load()
    today = timezone.localdate(now)
    if slot not in hours.slot_times() or day not in set(hours.bookable_days(today, calendar)):
        raise BookingRefused(
            _("This time cannot be booked."), {"when": [_("Choose one of the times offered.")]}
        )
    if hours.slot_start(day, slot) <= now:
        raise BookingRefused(
            _("This time has begun already."), {"when": [_("Choose a later time.")]}
        )
    taken = Appointment.objects.filter(
        business=business, date=day, slot=slot, status__in=TAKES_A_PLACE
    )
    if ignore is not None:
        taken = taken.exclude(pk=ignore)
    if taken.count() >= queries.capacity(business):
        raise BookingRefused(
            _("This time is fully booked; please choose another."),
            {"when": [_("Fully booked.")]},
        )


def _new_code() -> str:
    while True:
        code = f"{secrets.randbelow(10**8):08d}"
        if not Appointment.objects.filter(code=code).exists():
            return code


@transaction.atomic
def book(
    *,
    business: BusinessType,
    day: dt.date,
    slot: dt.time,
    name: str,
    id_number: str,
    phone: str,
    address: str | None = None,
    now: dt.datetime | None = None,
) -> Appointment:
    """A person books a half-hour slot of a business (on the phone: no sign-in), from the
    client ``address`` (None: not from the web, no limit)."""
    now = now or timezone.now()
    business = BusinessType.objects.select_for_update().get(pk=business.pk)
    if not (business.is_active and business.bookable):
        raise BookingRefused(_("This business cannot be booked."))
    address = booking_address(address)
    _check_address(address, now)
    errors: dict[str, list[str]] = {}
    name, phone = name.strip(), phone.strip()
    id_number = normalise_resident_id(id_number)
    if not name:
        errors["name"] = [_("Enter your name.")]
    try:
        validate_resident_id(id_number)
    except ValidationError as error:
        errors["id_number"] = list(error.messages)
    if not phone or not phone.replace("-", "").isdigit() or len(phone) < 7:
        errors["phone"] = [_("Enter a phone number we can reach you at.")]
    if errors:
        raise BookingRefused(_("Please correct the marked fields."), errors)
    until = blocked_until(id_number, timezone.localdate(now))
    if until is not None:
        raise BookingRefused(
            _(
                "Three booked appointments were missed within 30 days: booking is possible "
                "again from %(date)s. You can still take a ticket at the hall."
            )
            % {"date": f"{until:%Y-%m-%d}"}
        )
    if Appointment.objects.filter(
        business=business, id_number=id_number, status=Appointment.Status.BOOKED
    ).exists():
        raise BookingRefused(
            _(
                "You have booked this business already. Change or cancel that appointment "
                "with its booking code."
            )
        )
    _check_slot(business, day, slot, now, ignore=None)
    appointment = Appointment.objects.create(
        business=business,
        date=day,
        slot=slot,
        name=name,
        id_number=id_number,
        phone=phone,
        code=_new_code(),
        booked_at=now,
        client_address=address,
    )
    audit.record(
        "hall.book",
        actor=None,
        username=PUBLIC,
        obj=appointment,
        changes={"business": business.name, "date": day, "slot": slot},
    )
    return appointment


def _booked(code: str) -> Appointment:
    appointment = (
        Appointment.objects.select_for_update().filter(code=code.strip()).first()
        if code.strip().isdigit()
        else None
    )
    if appointment is None:
        raise DomainError(_("No appointment has this booking code."))
    if appointment.status != Appointment.Status.BOOKED:
        raise DomainError(
            _("This appointment is %(status)s and can no longer be changed.")
            % {"status": appointment.get_status_display()}
        )
    return appointment


@transaction.atomic
def change(
    *, code: str, day: dt.date, slot: dt.time, now: dt.datetime | None = None
) -> Appointment:
    """The person moves their appointment to another slot of the same business."""
    now = now or timezone.now()
    appointment = _booked(code)
    business = BusinessType.objects.select_for_update().get(pk=appointment.business_id)
    _check_slot(business, day, slot, now, ignore=appointment.pk)
    before = {"date": appointment.date, "slot": appointment.slot}
    appointment.date, appointment.slot, appointment.changed_at = day, slot, now
    appointment.save(update_fields=["date", "slot", "changed_at"])
    audit.record(
        "hall.change",
        actor=None,
        username=PUBLIC,
        obj=appointment,
        changes={"date": [before["date"], day], "slot": [before["slot"], slot]},
    )
    return appointment


@transaction.atomic
def cancel(*, code: str, now: dt.datetime | None = None) -> Appointment:
    now = now or timezone.now()
    appointment = _booked(code)
    appointment.status, appointment.cancelled_at = Appointment.Status.CANCELLED, now
    appointment.save(update_fields=["status", "cancelled_at"])
    audit.record("hall.cancel", actor=None, username=PUBLIC, obj=appointment)
    return appointment


@transaction.atomic
def mark_no_shows(now: dt.datetime | None = None) -> int:
    """Booked appointments whose check-in time has passed are missed (no-show). Run by every
    worker's loop; safe to run concurrently (one conditional update)."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    latest_start = (local - hours.SLOT - hours.LATE_GRACE).replace(tzinfo=None)
    over = Q(date__lt=latest_start.date()) | Q(
        date=latest_start.date(), slot__lt=latest_start.time()
    )
    return Appointment.objects.filter(over, status=Appointment.Status.BOOKED).update(
        status=Appointment.Status.NO_SHOW
    )


# --- Tickets ----------------------------------------------------------------------------------


def _new_ticket(business: BusinessType, now: dt.datetime, **fields: Any) -> Ticket:
    day = timezone.localdate(now)
    seq = next_in_sequence(f"hall{business.pk}", day)
    return Ticket.objects.create(
        business=business,
        day=day,
        seq=seq,
        number=f"{business.code}{seq:03d}",
        taken_at=now,
        queued_at=now,
        **fields,
    )


@transaction.atomic
def take_ticket(*, business: BusinessType, now: dt.datetime | None = None) -> Ticket:
    """A person takes a ticket at the kiosk."""
    now = now or timezone.now()
    if not business.is_active:
        raise DomainError(_("This business is not served today."))
    if not WorkCalendar.load().is_working_day(timezone.localdate(now)):
        raise DomainError(_("The hall is closed today."))
    ticket = _new_ticket(business, now)
    audit.record("hall.take_ticket", actor=None, username=PUBLIC, obj=ticket)
    live.after_commit()
    return ticket


@transaction.atomic
def check_in(*, code: str = "", id_number: str = "", now: dt.datetime | None = None) -> Ticket:
    """An appointment of today is checked in at the kiosk, by its booking code or the person's
    ID number: its ticket goes before the plain tickets once the slot has begun."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    booked = Appointment.objects.select_for_update().filter(
        date=today, status=Appointment.Status.BOOKED
    )
    if code.strip():
        booked = booked.filter(code=code.strip())
    elif id_number.strip():
        booked = booked.filter(id_number=normalise_resident_id(id_number))
    else:
        raise DomainError(_("Enter the booking code or the ID number."))
    appointment = None
    for candidate in booked.select_related("business").order_by("slot"):
        start = hours.slot_start(candidate.date, candidate.slot)
        if start - hours.CHECK_IN_BEFORE <= now <= start + hours.SLOT + hours.LATE_GRACE:
            appointment = candidate
            break
        if now < start - hours.CHECK_IN_BEFORE:
            raise DomainError(
                _("Your appointment is at %(time)s: check in from %(from)s.")
                % {
                    "time": f"{candidate.slot:%H:%M}",
                    "from": f"{timezone.localtime(start - hours.CHECK_IN_BEFORE):%H:%M}",
                }
            )
    if appointment is None:
        raise DomainError(
            _("No appointment to check in now was found. Please take a ticket instead.")
        )
    appointment.status, appointment.checked_in_at = Appointment.Status.CHECKED_IN, now
    appointment.save(update_fields=["status", "checked_in_at"])
    ticket = _new_ticket(
        appointment.business,
        now,
        appointment=appointment,
        priority_from=hours.slot_start(appointment.date, appointment.slot),
        name=appointment.name,
        id_number=appointment.id_number,
        phone=appointment.phone,
    )
    live.after_commit()
    audit.record(
        "hall.check_in",
        actor=None,
        username=PUBLIC,
        obj=ticket,
        changes={"appointment": appointment.code},
    )
    return ticket


# --- The window -------------------------------------------------------------------------------


def _session(actor: User, window: Window, now: dt.datetime) -> WindowSession:
    """The window's session row, locked for this action, opened on the first use."""
    require(actor, Capability.SERVE_AT_WINDOW)
    session = WindowSession.objects.select_for_update().filter(window=window).first()
    if session is None:
        WindowSession.objects.bulk_create(
            [WindowSession(window=window, clerk=actor, opened_at=now, changed_at=now)],
            ignore_conflicts=True,
        )
        session = WindowSession.objects.select_for_update().get(window=window)
        session.businesses.set(window.hall_businesses.filter(is_active=True))
    if session.clerk_id != actor.pk:
        session.clerk, session.changed_at = actor, now
        session.save(update_fields=["clerk", "changed_at"])
    return session


def _current(window: Window) -> Ticket | None:
    return (
        Ticket.objects.select_for_update()
        .filter(window=window, status__in=CURRENT)
        .order_by("-called_at")
        .first()
    )


def _require_current(window: Window) -> Ticket:
    ticket = _current(window)
    if ticket is None:
        raise DomainError(_("No ticket is called at this window."))
    return ticket


def _end(ticket: Ticket, status: str, now: dt.datetime) -> None:
    ticket.status, ticket.ended_at = status, now
    if ticket.started_at is None and status == Ticket.Status.DONE:
        ticket.started_at = ticket.called_at  # served from the call (nobody pressed "begin")
    ticket.save(update_fields=["status", "ended_at", "started_at"])


@transaction.atomic
def set_businesses(
    *, actor: User, window: Window, businesses: Iterable[BusinessType]
) -> WindowSession:
    """The clerk chooses which businesses the window calls for (by default those it is set
    up for)."""
    now = timezone.now()
    session = _session(actor, window, now)
    chosen = sorted(b.pk for b in businesses)
    before = sorted(session.businesses.values_list("pk", flat=True))
    if chosen != before:
        session.businesses.set(chosen)
        session.changed_at = now
        session.save(update_fields=["changed_at"])
        audit.record(
            "hall.window_businesses",
            actor=actor,
            obj=session,
            changes={"businesses": [before, chosen]},
        )
    return session


@transaction.atomic
def call_next(*, actor: User, window: Window, now: dt.datetime | None = None) -> Ticket | None:
    """The window calls the next ticket; None when nobody waits for it. A ticket being served
    here is finished first; a ticket called and not yet served must be served, called again or
    skipped before the next."""
    now = now or timezone.now()
    session = _session(actor, window, now)
    if session.paused:
        raise DomainError(_("The window is paused: resume it to call."))
    current = _current(window)
    if current is not None:
        if current.status == Ticket.Status.CALLED:
            raise DomainError(
                _("%(number)s is called and not served yet: serve it, call it again or skip it.")
                % {"number": current.number}
            )
        _end(current, Ticket.Status.DONE, now)
        audit.record("hall.finish", actor=actor, obj=current)
    businesses = list(session.businesses.values_list("pk", flat=True))
    ticket = (
        queries.waiting_for(window, businesses, timezone.localdate(now))
        .order_by(*queries.queue_order(now))
        .select_for_update(skip_locked=True)
        .first()
    )
    if ticket is None:
        return None
    ticket.status, ticket.window, ticket.served_by = Ticket.Status.CALLED, window, actor
    ticket.called_at, ticket.call_count = now, 1
    ticket.save(update_fields=["status", "window", "served_by", "called_at", "call_count"])
    audit.record("hall.call", actor=actor, obj=ticket, changes={"window": window.number})
    live.after_commit("call")
    return ticket


@transaction.atomic
def call_again(*, actor: User, window: Window, now: dt.datetime | None = None) -> Ticket:
    now = now or timezone.now()
    _session(actor, window, now)
    ticket = _require_current(window)
    if ticket.status != Ticket.Status.CALLED:
        raise DomainError(_("%(number)s is being served already.") % {"number": ticket.number})
    ticket.called_at, ticket.call_count = now, ticket.call_count + 1
    ticket.save(update_fields=["called_at", "call_count"])
    audit.record("hall.call_again", actor=actor, obj=ticket, changes={"calls": ticket.call_count})
    live.after_commit("call")
    return ticket


@transaction.atomic
def begin(*, actor: User, window: Window, now: dt.datetime | None = None) -> Ticket:
    """The person called has come to the window: the service starts."""
    now = now or timezone.now()
    _session(actor, window, now)
    ticket = _require_current(window)
    if ticket.status == Ticket.Status.CALLED:
        ticket.status, ticket.started_at, ticket.served_by = Ticket.Status.SERVING, now, actor
        ticket.save(update_fields=["status", "started_at", "served_by"])
        audit.record("hall.begin", actor=actor, obj=ticket)
    live.after_commit()
    return ticket


@transaction.atomic
def skip(*, actor: User, window: Window, now: dt.datetime | None = None) -> Ticket:
    """The person did not come after two calls: the ticket is marked as not come (and the
    appointment behind it as missed)."""
    now = now or timezone.now()
    _session(actor, window, now)
    ticket = _require_current(window)
    if ticket.status != Ticket.Status.CALLED:
        raise DomainError(_("%(number)s is being served already.") % {"number": ticket.number})
    if ticket.call_count < CALLS_BEFORE_SKIP:
        raise DomainError(
            _("Call %(number)s again first: a ticket is skipped after two calls.")
            % {"number": ticket.number}
        )
    _end(ticket, Ticket.Status.NO_SHOW, now)
    if ticket.appointment_id:
        Appointment.objects.filter(pk=ticket.appointment_id).update(
            status=Appointment.Status.NO_SHOW
        )
    audit.record("hall.skip", actor=actor, obj=ticket, changes={"calls": ticket.call_count})
    live.after_commit()
    return ticket


@transaction.atomic
def finish(*, actor: User, window: Window, now: dt.datetime | None = None) -> Ticket:
    now = now or timezone.now()
    _session(actor, window, now)
    ticket = _require_current(window)
    _end(ticket, Ticket.Status.DONE, now)
    audit.record("hall.finish", actor=actor, obj=ticket)
    live.after_commit()
    return ticket


@transaction.atomic
def transfer(
    *,
    actor: User,
    window: Window,
    business: BusinessType | None = None,
    to_window: Window | None = None,
    now: dt.datetime | None = None,
) -> Ticket:
    """The ticket at this window goes to another business's queue, or to one window, first in
    line there, keeping its number. Returns the new ticket."""
    now = now or timezone.now()
    _session(actor, window, now)
    ticket = _require_current(window)
    if business is None and to_window is None:
        raise DomainError(_("Choose the business or the window to transfer to."))
    if to_window is not None and to_window.pk == window.pk:
        raise DomainError(_("The ticket is at this window already."))
    target = business or ticket.business
    if to_window is None and target.pk == ticket.business_id:
        raise DomainError(_("The ticket is in this business's queue already."))
    if not target.is_active:
        raise DomainError(_("This business is not served today."))
    _end(ticket, Ticket.Status.TRANSFERRED, now)
    moved = Ticket.objects.create(
        business=target,
        day=ticket.day,
        seq=ticket.seq,
        number=ticket.number,
        taken_at=ticket.taken_at,
        queued_at=now,
        priority_from=now,
        transferred_from=ticket,
        for_window=to_window,
        name=ticket.name,
        id_number=ticket.id_number,
        phone=ticket.phone,
    )
    audit.record(
        "hall.transfer",
        actor=actor,
        obj=ticket,
        changes={
            "business": target.name,
            "window": to_window.number if to_window is not None else None,
        },
    )
    live.after_commit()
    return moved


@transaction.atomic
def pause(*, actor: User, window: Window, paused: bool = True) -> WindowSession:
    """The window stops calling (a break, a long case) or starts again."""
    now = timezone.now()
    session = _session(actor, window, now)
    if session.paused != paused:
        session.paused, session.changed_at = paused, now
        session.save(update_fields=["paused", "changed_at"])
        audit.record("hall.pause" if paused else "hall.resume", actor=actor, obj=session)
    return session


def resume(*, actor: User, window: Window) -> WindowSession:
    return pause(actor=actor, window=window, paused=False)


# --- The ticket, its case and its rating ----------------------------------------------------

# The case events that end a service at the window: the intake's four endings, the hand-over.
SERVED_AT_WINDOW = frozenset(
    {"accept", "accept_with_deficiency", "request_correction", "refuse", "deliver"}
)


def link_case(*, actor: User, case: Case, action: str, now: dt.datetime | None = None) -> None:
    """The clerk ended an intake or handed a result over (``cases.history.listen``, inside the
    case's transaction): the ticket the clerk is serving is linked to the case, the first one
    the clerk dealt with for it. A ticket only called is then being served."""
    if action not in SERVED_AT_WINDOW:
        return
    ticket = (
        Ticket.objects.select_for_update()
        .filter(served_by=actor, status__in=CURRENT, case__isnull=True)
        .order_by("-called_at")
        .first()
    )
    if ticket is None:
        return
    now = now or timezone.now()
    ticket.case = case
    fields = ["case"]
    if ticket.status == Ticket.Status.CALLED:
        ticket.status, ticket.started_at = Ticket.Status.SERVING, now
        fields += ["status", "started_at"]
    ticket.save(update_fields=fields)
    audit.record(
        "hall.link_case",
        actor=actor,
        obj=ticket,
        changes={"case": case.display_number, "action": action},
    )
    live.after_commit()


def link_rating(rating: Rating) -> None:
    """A rating was given on the window's pad (``evaluations.services.listen``, inside its
    transaction): it is linked to the ticket served at that window for the same case, and the
    second screen's pad turns off."""
    if rating.channel != Channel.PAD or rating.window_id is None:
        return
    ticket = (
        Ticket.objects.select_for_update()
        .filter(case=rating.case_id, window=rating.window_id, rating__isnull=True)
        .order_by("-called_at")
        .first()
    )
    if ticket is not None:
        ticket.rating = rating
        ticket.save(update_fields=["rating"])
        audit.record(
            "hall.link_rating", actor=rating.clerk, obj=ticket, changes={"level": rating.level}
        )
    WindowSession.objects.filter(window=rating.window_id, pad_case=rating.case_id).update(
        pad_case=None, pad_encounter=""
    )


@transaction.atomic
def show_pad(*, actor: User, window: Window, on: bool = True) -> WindowSession:
    """The clerk turns the rating pad on the window's second screen on (for the case of the
    ticket being served, else the last case served here today and not yet rated) or off."""
    now = timezone.now()
    session = _session(actor, window, now)
    if not on:
        if session.pad_case_id is not None:
            session.pad_case, session.pad_encounter, session.changed_at = None, "", now
            session.save(update_fields=["pad_case", "pad_encounter", "changed_at"])
            audit.record("hall.pad_off", actor=actor, obj=session)
        return session
    ticket = (
        Ticket.objects.filter(window=window, case__isnull=False, rating__isnull=True)
        .filter(Q(status__in=CURRENT) | Q(day=timezone.localdate(now)))
        .select_related("case")
        .order_by("-called_at")
        .first()
    )
    if ticket is None or ticket.case is None:
        raise DomainError(
            _("No case has been dealt with for the person at this window yet: nothing to rate.")
        )
    encounter = (
        Encounter.DELIVERY
        if Delivery.objects.filter(case=ticket.case).exists()
        else Encounter.INTAKE
    )
    session.pad_case, session.pad_encounter, session.changed_at = ticket.case, encounter, now
    session.save(update_fields=["pad_case", "pad_encounter", "changed_at"])
    audit.record(
        "hall.pad_on",
        actor=actor,
        obj=session,
        changes={"case": ticket.case.display_number, "encounter": encounter},
    )
    return session


def hide_pad(*, actor: User, window: Window) -> WindowSession:
    return show_pad(actor=actor, window=window, on=False)


# --- The hall's set-up ------------------------------------------------------------------------


@transaction.atomic
def create_business_type(
    *,
    actor: User | None,
    code: str,
    name: str,
    windows: Iterable[Window] = (),
    items: Iterable[Any] = (),
    appointments_per_window: int = 2,
    sort_order: int = 0,
    description: str = "",
) -> BusinessType:
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    business = BusinessType(
        code=code,
        name=name,
        appointments_per_window=appointments_per_window,
        sort_order=sort_order,
        description=description,
    )
    business.full_clean()
    business.save()
    business.windows.set(list(windows))
    business.items.set(list(items))
    audit.record(
        "hall.create_business_type",
        actor=actor,
        obj=business,
        changes={"windows": sorted(w.number for w in business.windows.all())},
    )
    return business


def _item_key(item: Any) -> str:
    """An item in the audit log: its code, and its version after the first."""
    return item.code if item.version == 1 else f"{item.code} v{item.version}"


def _items_added_are_current(before: Iterable[Any], after: Iterable[Any]) -> None:
    """Items newly covered come from the current catalog; an older version already covered
    may stay (the business keeps it until the administrator unticks it)."""
    kept = {item.pk for item in before}
    if any(not item.is_current for item in after if item.pk not in kept):
        raise ValidationError(
            {"items": _("Choose items of the current catalog: an older version was chosen.")}
        )


@transaction.atomic
def create_business(
    *,
    actor: User | None,
    code: str,
    name: str,
    windows: Iterable[Window] = (),
    items: Iterable[Any] = (),
    **values: Any,
) -> BusinessType:
    """The administrator sets up a business of the hall (管理 › 大厅业务): its ticket letter,
    the windows serving it and the catalog items it covers."""
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    served, covered = list(windows), list(items)
    _items_added_are_current((), covered)
    business = BusinessType(code=code, name=name, **values)
    business.full_clean()
    business.save()
    business.windows.set(served)
    business.items.set(covered)
    audit.record(
        "hall.create_business_type",
        actor=actor,
        obj=business,
        changes={
            "code": code,
            "name": name,
            **values,
            "windows": sorted(w.number for w in served),
            "items": sorted(_item_key(i) for i in covered),
        },
    )
    return business


@transaction.atomic
def update_business(
    *,
    actor: User | None,
    business: BusinessType,
    windows: Iterable[Window] | None = None,
    items: Iterable[Any] | None = None,
    **values: Any,
) -> BusinessType:
    """The administrator changes a business: its fields, windows and items (None: unchanged).
    Deactivating it (``is_active=False``) is a change like any other; a business is never
    deleted, its tickets and appointments refer to it."""
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    business = BusinessType.objects.select_for_update().get(pk=business.pk)
    extra: dict[str, Any] = {}
    if windows is not None:
        served = list(windows)
        before = sorted(business.windows.values_list("number", flat=True))
        after = sorted(w.number for w in served)
        if before != after:
            extra["windows"] = [before, after]
            business.windows.set(served)
    if items is not None:
        covered = list(items)
        old = list(business.items.all())
        _items_added_are_current(old, covered)
        old_keys = {_item_key(i) for i in old}
        new_keys = {_item_key(i) for i in covered}
        if old_keys != new_keys:
            # Added and removed, not the two full lists: a business covers hundreds of items.
            extra["items"] = {
                "added": sorted(new_keys - old_keys),
                "removed": sorted(old_keys - new_keys),
            }
            business.items.set(covered)
    audit.save_changes(
        business, values, action="hall.update_business_type", actor=actor, extra=extra
    )
    return business
