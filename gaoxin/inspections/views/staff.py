"""The inspectors' and clerks' pages: the room calendar's week, an inspection with its free
slots (booking by phone), and the request from the case's work page. Thin: the services check
who may act and what the inspection allows; a refusal comes back next to the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.cases.models import Case
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.http import StaffRequest
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.inspections import links, live, queries, services
from gaoxin.inspections.forms import BookForm, CancelForm, RequestForm
from gaoxin.inspections.models import Appointment, Inspection


def _require_calendar(user: Any) -> None:
    if not (can(user, Capability.INSPECT) or can(user, Capability.SERVE_AT_WINDOW)):
        raise NotAllowed(_("Your role does not allow this."))


@login_required
def calendar(request: StaffRequest) -> HttpResponse:
    """The week of every inspection room, and the inspections waiting for a booking."""
    _require_calendar(request.user)
    today = timezone.localdate()
    try:
        chosen = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        chosen = today
    monday = queries.monday_of(chosen)
    return render(
        request,
        "inspections/calendar.html",
        {
            "week": queries.week(monday),
            "today": today,
            "this_monday": queries.monday_of(today),
            "waiting": queries.waiting(request.user)[:50],
        },
    )


def _inspection(request: StaffRequest, pk: int) -> Inspection:
    inspection = get_object_or_404(queries.visible_inspections(request.user), pk=pk)
    return inspection


def _page(
    request: StaffRequest,
    inspection: Inspection,
    *,
    book_form: BookForm | None = None,
    cancel_form: CancelForm | None = None,
    drop_form: CancelForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    arranging = services.may_arrange(user, inspection)
    bookable = arranging and inspection.status in (
        Inspection.Status.REQUESTED,
        Inspection.Status.BOOKED,
    )
    slots = services.free_slots(inspection) if bookable else []
    appointment = (
        inspection.appointments.filter(status=Appointment.Status.BOOKED)
        .select_related("room", "booked_by")
        .first()
    )
    live_appointment = (
        inspection.appointments.filter(status__in=live.LIVE_APPOINTMENT).order_by("-start").first()
        if inspection.remote and inspection.status in live.LIVE_INSPECTION
        else None
    )
    context = {
        "live_appointment": (
            live_appointment
            if live_appointment is not None and live.may_hold(user, inspection)
            else None
        ),
        "may_record": inspection.status in live.LIVE_INSPECTION
        and live.may_conclude(user, inspection),
        "recordings": inspection.recordings.order_by("started_at"),
        "stills": inspection.stills.order_by("point", "taken_at"),
        "inspection": inspection,
        "case": inspection.case,
        "appointment": appointment,
        "appointments": inspection.appointments.select_related("room", "booked_by").order_by(
            "-booked_at"
        ),
        "participants": inspection.participants.select_related("department"),
        "departments": inspection.departments.all(),
        "bookable": bookable,
        "days": services.slots_by_day(slots),
        "book_form": book_form or BookForm(slots=slots),
        "cancel_form": cancel_form or CancelForm(prefix="cancel"),
        "drop_form": drop_form or CancelForm(prefix="drop"),
        "may_cancel": arranging and appointment is not None,
        "may_drop": services.may_request(user, inspection.case) and inspection.is_open,
        "booking_link": (
            links.booking_url(inspection)
            if arranging and inspection.status == Inspection.Status.REQUESTED
            else ""
        ),
    }
    return render(request, "inspections/inspection.html", context, status=status)


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    _require_calendar(request.user)
    return _page(request, _inspection(request, pk))


@login_required
@require_POST
def book(request: StaffRequest, pk: int) -> HttpResponse:
    """Staff book a slot for the applicant on the phone."""
    _require_calendar(request.user)
    inspection = _inspection(request, pk)
    slots = services.free_slots(inspection)
    form = BookForm(request.POST, slots=slots)
    if form.is_valid():
        try:
            appointment = services.book(
                inspection=inspection,
                start=form.cleaned_data["start"],
                by=services.STAFF,
                actor=request.user,
            )
        except DomainError as error:
            form.add_service_errors(error.message)
        else:
            messages.success(
                request,
                _("Booked for %(time)s%(room)s; the applicant is told by message.")
                % {
                    "time": f"{timezone.localtime(appointment.start):%Y-%m-%d %H:%M}",
                    "room": f" · {appointment.room}" if appointment.room else "",
                },
            )
            return redirect("inspection_detail", pk=inspection.pk)
    return _page(request, inspection, book_form=form, status=400)


@login_required
@require_POST
def cancel(request: StaffRequest, pk: int) -> HttpResponse:
    """Cancel the booked appointment (the inspection waits for a booking again), or, with
    ``whole``, the inspection itself."""
    _require_calendar(request.user)
    inspection = _inspection(request, pk)
    whole = request.POST.get("whole") == "1"
    form = CancelForm(request.POST, prefix="drop" if whole else "cancel")
    if form.is_valid():
        try:
            if whole:
                services.cancel_inspection(
                    actor=request.user, inspection=inspection, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The inspection is cancelled."))
            else:
                services.cancel_appointment(
                    actor=request.user, inspection=inspection, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    _(
                        "The appointment is cancelled; the applicant is sent the booking "
                        "link again."
                    ),
                )
        except services.InspectionRefused as refused:
            form.add_service_errors(refused.message, refused.errors)
        except DomainError as error:
            form.add_service_errors(error.message)
        else:
            return redirect("inspection_detail", pk=inspection.pk)
    forms = {"drop_form": form} if whole else {"cancel_form": form}
    return _page(request, inspection, status=400, **forms)  # type: ignore[arg-type]


@login_required
def request_inspection(request: StaffRequest, case_pk: int) -> HttpResponse:
    """The request, posted from the case's work page; shown on its own page when it comes back
    with a message (nothing typed is lost)."""
    case = get_object_or_404(Case.objects.select_related("item", "department"), pk=case_pk)
    if not services.may_request(request.user, case):
        raise NotAllowed(_("Your role does not allow this."))
    form = RequestForm(request.POST or None, case=case)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                inspection = services.request_inspection(
                    actor=request.user,
                    case=case,
                    remote=bool(form.cleaned_data["remote"]),
                    checklist=form.cleaned_data["checklist"],
                    participants=form.cleaned_data.get("participants") or [],
                )
            except services.InspectionRefused as refused:
                form.add_service_errors(refused.message, refused.errors)
            except DomainError as error:
                form.add_service_errors(error.message)
            else:
                messages.success(
                    request,
                    _(
                        "The inspection is requested: the applicant is sent the booking link; "
                        "you may also book a time for them here."
                    ),
                )
                return redirect("inspection_detail", pk=inspection.pk)
        status = 400
    return render(request, "inspections/request.html", {"case": case, "form": form}, status=status)
