"""The public's phone pages (no sign-in): book a visit (business, day and half-hour slot,
identity), see the booking by its code, change or cancel it; and follow a ticket's queue from
the QR code on the ticket."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gaoxin.core.audit import client_ip
from gaoxin.core.errors import DomainError
from gaoxin.hall import links, queries, services
from gaoxin.hall.forms import BookForm, CodeForm, WhenForm
from gaoxin.hall.models import Appointment, BusinessType
from gaoxin.hall.queries import Slot

# Booking codes are 8 random digits; a caller trying many is slowed to a stop.
MAX_WRONG_CODES = 20
BLOCK_SECONDS = 15 * 60


def _wrong_key(request: HttpRequest) -> str:
    return f"hall:wrong-code:{client_ip(request)}"


def _too_many(request: HttpRequest) -> bool:
    return bool(cache.get(_wrong_key(request), 0) >= MAX_WRONG_CODES)


def _count_wrong(request: HttpRequest) -> None:
    key = _wrong_key(request)
    if not cache.add(key, 1, BLOCK_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, BLOCK_SECONDS)


def _appointment(request: HttpRequest, code: str) -> Appointment:
    if _too_many(request):
        raise Http404
    found = (
        Appointment.objects.select_related("business").filter(code=code).first()
        if code.isdigit()
        else None
    )
    if found is None:
        _count_wrong(request)
        raise Http404
    return found


def _chosen_day(request: HttpRequest, days: list[tuple[dt.date, list[Slot]]]) -> dt.date | None:
    """The day whose slots the page shows: the one asked for (``?day=``), or the day of the
    slot posted, or the first day offered."""
    offered = [day for day, _slots in days]
    wanted = request.GET.get("day") or request.POST.get("when", "").split("T")[0]
    try:
        day = dt.date.fromisoformat(wanted)
    except ValueError:
        day = None
    if day in offered:
        return day
    return offered[0] if offered else None


@never_cache
def businesses(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hall/phone/businesses.html",
        {"businesses": BusinessType.objects.filter(is_active=True, bookable=True)},
    )


@never_cache
def book(request: HttpRequest, code: str) -> HttpResponse:
    business = get_object_or_404(BusinessType, code=code, is_active=True, bookable=True)
    now = timezone.now()
    days = queries.free_slots(business, now)
    slots = [slot for _day, day_slots in days for slot in day_slots]
    form = BookForm(request.POST or None, slots=slots)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            day, slot = form.day_and_slot
            try:
                appointment = services.book(
                    business=business,
                    day=day,
                    slot=slot,
                    name=form.cleaned_data["name"],
                    id_number=form.cleaned_data["id_number"],
                    phone=form.cleaned_data["phone"],
                    address=client_ip(request),
                )
            except services.BookingRefused as refused:
                form.add_service_errors(refused.errors, refused.message)
                days = queries.free_slots(business, timezone.now())
                if isinstance(refused, services.TooManyBookings):
                    status = 429
            else:
                return redirect("hall_booking", code=appointment.code)
    return render(
        request,
        "hall/phone/book.html",
        {
            "business": business,
            "days": days,
            "chosen_day": _chosen_day(request, days),
            "form": form,
        },
        status=status,
    )


@never_cache
def find_booking(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.GET or None)
    if form.is_valid():
        code = form.cleaned_data["code"].strip()
        if _too_many(request):
            form.add_error("code", _("Too many wrong codes. Please try again later."))
        elif code.isdigit() and Appointment.objects.filter(code=code).exists():
            return redirect("hall_booking", code=code)
        else:
            _count_wrong(request)
            form.add_error("code", _("No appointment has this booking code."))
    return render(request, "hall/phone/find.html", {"form": form})


@never_cache
def booking(request: HttpRequest, code: str) -> HttpResponse:
    appointment = _appointment(request, code)
    return render(
        request,
        "hall/phone/booking.html",
        {
            "appointment": appointment,
            "changeable": appointment.status == Appointment.Status.BOOKED,
        },
    )


@never_cache
def change(request: HttpRequest, code: str) -> HttpResponse:
    appointment = _appointment(request, code)
    if appointment.status != Appointment.Status.BOOKED:
        return redirect("hall_booking", code=code)
    days = queries.free_slots(appointment.business, timezone.now())
    slots = [slot for _day, day_slots in days for slot in day_slots]
    form = WhenForm(request.POST or None, slots=slots)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            day, slot = form.day_and_slot
            try:
                services.change(code=code, day=day, slot=slot)
            except services.BookingRefused as refused:
                form.add_service_errors(refused.errors, refused.message)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return redirect("hall_booking", code=code)
    return render(
        request,
        "hall/phone/change.html",
        {
            "appointment": appointment,
            "business": appointment.business,
            "days": days,
            "chosen_day": _chosen_day(request, days),
            "form": form,
        },
        status=status,
    )


@never_cache
@require_POST
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    _appointment(request, code)
    try:
        services.cancel(code=code)
    except DomainError as error:
        return render(
            request,
            "hall/phone/booking.html",
            {"appointment": _appointment(request, code), "error": error.message},
            status=409,
        )
    return redirect("hall_booking", code=code)


@never_cache
def follow(request: HttpRequest, token: str) -> HttpResponse:
    """The ticket's queue on the phone (the QR code on the ticket); the page reloads itself."""
    ticket = links.ticket_of(token)
    if ticket is None:
        raise Http404
    ticket = queries.latest(ticket)
    return render(
        request,
        "hall/phone/follow.html",
        {"ticket": ticket, "ahead": queries.ahead_of(ticket)},
    )
