"""The applicant's phone pages, behind the signed links sent by message (no login): pick a time
for the inspection, see the booking, and (from 15 minutes before the slot to its end) the live
session: the camera, the inspector's instructions, and the fallback upload."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gaoxin.core.errors import DomainError
from gaoxin.inspections import hours, links, services
from gaoxin.inspections import live as live_services
from gaoxin.inspections.forms import ApplicantUploadForm, BookForm
from gaoxin.inspections.models import Appointment, Inspection

STATUS = {links.UNKNOWN: 404, links.EXPIRED: 410, links.EARLY: 403}


def _refused(request: HttpRequest, refused: links.LinkRefused) -> HttpResponse:
    return render(
        request,
        "inspections/phone/refused.html",
        {"message": refused.message, "why": refused.why, **refused.facts},
        status=STATUS.get(refused.why, 410),
    )


def _context(inspection: Inspection) -> dict[str, object]:
    case = inspection.case
    return {"inspection": inspection, "case": case, "item": case.item}


@never_cache
def book(request: HttpRequest, token: str) -> HttpResponse:
    try:
        inspection = links.open_booking(token)
    except links.LinkRefused as refused:
        if refused.why == links.BOOKED:
            return redirect("inspection_booked", token=token)
        return _refused(request, refused)
    slots = services.free_slots(inspection)
    form = BookForm(request.POST or None, slots=slots)
    status, taken = 200, ""
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.book(
                    inspection=inspection, start=form.cleaned_data["start"], by=services.APPLICANT
                )
            except DomainError as error:
                # Someone was quicker: the message, and the times as they are free now.
                taken, status = error.message, 409
                slots = services.free_slots(inspection)
                form = BookForm(slots=slots)
            else:
                return redirect("inspection_booked", token=token)
    return render(
        request,
        "inspections/phone/book.html",
        {
            **_context(inspection),
            "form": form,
            "taken": taken,
            "days": services.slots_by_day(slots),
            "slot_minutes": int(hours.SLOT.total_seconds() // 60),
        },
        status=status,
    )


@never_cache
def booked(request: HttpRequest, token: str) -> HttpResponse:
    inspection = links.inspection_of_booking(token)
    if inspection is None:
        return _refused(request, links.LinkRefused(links.UNKNOWN, _("This link is not valid.")))
    if inspection.status == Inspection.Status.REQUESTED:
        return redirect("inspection_book", token=token)
    appointment = (
        inspection.appointments.filter(
            status__in=[Appointment.Status.BOOKED, Appointment.Status.HELD]
        )
        .order_by("-start")
        .first()
    )
    if appointment is None or not inspection.is_open:
        try:
            links.open_booking(token)
        except links.LinkRefused as refused:
            if refused.why != links.BOOKED:
                return _refused(request, refused)
    return render(
        request,
        "inspections/phone/booked.html",
        {**_context(inspection), "appointment": appointment},
    )


def _live_config(request: HttpRequest, token: str) -> dict[str, object]:
    return {
        "wsPath": f"/ws/inspect/live/{token}/",
        "iceServers": settings.GAOXIN_ICE_SERVERS,
        # Start modest: a phone on a weak mobile network still gets through; the browser
        # lowers it further when the network says so.
        "maxBitrate": 1_200_000,
        "text": {
            "waiting": _("Waiting for the inspector…"),
            "connecting": _("Connecting…"),
            "connected": _("Connected to the inspector"),
            "weak": _("Weak network: the picture is lowered"),
            "lost": _("Connection lost. Tap Reconnect."),
            "left": _("The inspector left the session."),
            "signalLost": _("Reconnecting to the platform…"),
            "superseded": _("The session was opened on another page."),
            "recording": _("The inspector is recording"),
            "stillTaken": _("The inspector took a photo"),
            "noCamera": _(
                "The camera could not be opened. Allow the camera for this page, or upload "
                "a video or photos below."
            ),
            "rear": _("Rear camera"),
            "front": _("Front camera"),
        },
    }


@never_cache
def live(request: HttpRequest, token: str) -> HttpResponse:
    """The live session on the applicant's phone: the camera, the inspector's instructions, and
    the upload of videos and photos when the live video fails."""
    try:
        appointment = links.open_session(token)
    except links.LinkRefused as refused:
        return _refused(request, refused)
    return _live_page(request, token, appointment, ApplicantUploadForm())


def _live_page(
    request: HttpRequest,
    token: str,
    appointment: Appointment,
    form: ApplicantUploadForm,
    status: int = 200,
) -> HttpResponse:
    inspection = appointment.inspection
    return render(
        request,
        "inspections/phone/live.html",
        {
            **_context(inspection),
            "appointment": appointment,
            "token": token,
            "config": _live_config(request, token),
            "upload_form": form,
            "uploaded": inspection.applicant_files.order_by("uploaded_at"),
            "live_open": inspection.remote and inspection.status in live_services.LIVE_INSPECTION,
        },
        status=status,
    )


@never_cache
@require_POST
def upload(request: HttpRequest, token: str) -> HttpResponse:
    """A video or photo from the phone (the fallback when the live video fails)."""
    try:
        appointment = links.open_session(token)
    except links.LinkRefused as refused:
        return _refused(request, refused)
    form = ApplicantUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            live_services.applicant_upload(
                appointment=appointment,
                file=form.cleaned_data["file"],
                note=form.cleaned_data.get("note", ""),
            )
        except DomainError as error:
            form.add_service_errors(error.message)
            return _live_page(request, token, appointment, form, getattr(error, "status", 400))
        messages.success(request, _("Received. The inspector sees it now."))
        return redirect("inspection_live", token=token)
    return _live_page(request, token, appointment, form, 400)
