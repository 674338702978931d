"""The inspection room's pages: the live session (video, checklist with stills, notes,
recording), the uploads its script makes while it runs, the inspection record (勘验记录) and the
files of an inspection, served only to those who may see them. Thin: ``live`` decides."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gaoxin.core.errors import DomainError
from gaoxin.core.http import StaffRequest
from gaoxin.inspections import live, queries
from gaoxin.inspections.forms import RecordForm
from gaoxin.inspections.models import (
    ApplicantFile,
    Appointment,
    Inspection,
    Recording,
    Still,
)


def _appointment(request: StaffRequest, pk: int) -> Appointment:
    appointment = live.room_appointment(request.user, pk)
    if appointment is None:
        exists = Appointment.objects.filter(pk=pk).select_related("inspection__case").first()
        if exists is not None and not live.may_hold(request.user, exists.inspection):
            raise PermissionDenied(_("Your role does not allow this."))
        raise Http404(_("This appointment has no live session (cancelled, or concluded)."))
    return appointment


def _refused(error: DomainError) -> JsonResponse:
    status = getattr(error, "status", 409)
    return JsonResponse({"error": str(error.message)}, status=status)


@login_required
@never_cache
def room(request: StaffRequest, pk: int) -> HttpResponse:
    """The live session: the applicant's video large, the checklist with a still per point,
    instructions to the phone, notes, and the recording."""
    appointment = _appointment(request, pk)
    inspection = appointment.inspection
    stills = list(inspection.stills.order_by("taken_at"))
    config = {
        "wsPath": f"/ws/inspections/live/{appointment.pk}/",
        "iceServers": settings.GAOXIN_ICE_SERVERS,
        "caseNumber": inspection.case.display_number,
        "checklist": inspection.checklist,
        "urls": {
            "recordingStart": reverse("inspection_recording_start", args=[appointment.pk]),
            "chunk": reverse("inspection_recording_chunk", args=[appointment.pk, 0, 0]),
            "finish": reverse("inspection_recording_finish", args=[appointment.pk, 0]),
            "still": reverse("inspection_still", args=[appointment.pk]),
            "notes": reverse("inspection_notes", args=[appointment.pk]),
        },
        "text": {
            "waiting": _("Waiting for the applicant to open the link…"),
            "connecting": _("Connecting…"),
            "connected": _("Connected"),
            "weak": _("Weak connection"),
            "lost": _("Connection lost; waiting for the applicant to reconnect…"),
            "left": _("The applicant left the session."),
            "signalLost": _("The platform's connection was lost; reconnecting…"),
            "superseded": _("This session was opened in another window."),
            "recording": _("Recording"),
            "uploading": _("parts to upload"),
            "saved": _("Saved"),
            "stillTaken": _("Still taken"),
            "stillFailed": _("The still could not be saved; try again."),
            "recordingSaved": _("Recording saved"),
            "recordingFailed": _("The recording could not be started."),
            "noVideo": _("No video yet."),
        },
    }
    return render(
        request,
        "inspections/live_room.html",
        {
            "appointment": appointment,
            "inspection": inspection,
            "case": inspection.case,
            "points": [
                {"index": i, "label": label, "stills": [s for s in stills if s.point == i]}
                for i, label in enumerate(inspection.checklist)
            ],
            "config": config,
            "recordings": inspection.recordings.order_by("started_at"),
            "applicant_files": inspection.applicant_files.order_by("uploaded_at"),
        },
    )


@login_required
@require_POST
def recording_start(request: StaffRequest, pk: int) -> JsonResponse:
    appointment = _appointment(request, pk)
    try:
        recording = live.start_recording(actor=request.user, appointment=appointment)
    except DomainError as error:
        return _refused(error)
    return JsonResponse(
        {
            "id": recording.pk,
            "chunk": reverse("inspection_recording_chunk", args=[pk, recording.pk, 0]),
            "finish": reverse("inspection_recording_finish", args=[pk, recording.pk]),
        },
        status=201,
    )


def _recording(request: StaffRequest, pk: int, recording_pk: int) -> Recording:
    appointment = _appointment(request, pk)
    return get_object_or_404(Recording, pk=recording_pk, inspection_id=appointment.inspection_id)


@login_required
@require_POST
def recording_chunk(request: StaffRequest, pk: int, recording_pk: int, seq: int) -> JsonResponse:
    """One numbered chunk of the recording, the request's body as it came from MediaRecorder."""
    recording = _recording(request, pk, recording_pk)
    try:
        chunk = live.store_chunk(
            actor=request.user, recording=recording, seq=seq, data=request.body
        )
    except DomainError as error:
        return _refused(error)
    return JsonResponse({"seq": chunk.seq, "size": chunk.size, "sha256": chunk.sha256})


@login_required
@require_POST
def recording_finish(request: StaffRequest, pk: int, recording_pk: int) -> JsonResponse:
    recording = _recording(request, pk, recording_pk)
    try:
        length = float(json.loads(request.body or b"{}").get("length_seconds") or 0) or None
    except (ValueError, TypeError, AttributeError):
        length = None
    try:
        recording = live.finish_recording(
            actor=request.user, recording=recording, length_seconds=length
        )
    except DomainError as error:
        return _refused(error)
    return JsonResponse(
        {
            "id": recording.pk,
            "size": recording.size,
            "sha256": recording.sha256,
            "length_seconds": recording.length_seconds,
            "missing": recording.missing,
            "url": reverse(
                "inspection_file", args=[recording.inspection_id, "recording", recording.pk]
            ),
        }
    )


@login_required
@require_POST
def still(request: StaffRequest, pk: int) -> JsonResponse:
    """A still of a checklist point: the JPEG the room's script drew from the video."""
    appointment = _appointment(request, pk)
    upload = request.FILES.get("file")
    try:
        point = int(request.POST.get("point", ""))
    except ValueError:
        return JsonResponse({"error": _("Choose a point of the checklist.")}, status=400)
    if upload is None:
        return JsonResponse({"error": _("The still is missing.")}, status=400)
    if upload.size and upload.size > settings.UPLOAD_MAX_BYTES:
        return JsonResponse({"error": _("The still is too large.")}, status=413)
    try:
        taken = live.take_still(
            actor=request.user, appointment=appointment, point=point, data=upload.read()
        )
    except DomainError as error:
        return _refused(error)
    return JsonResponse(
        {
            "id": taken.pk,
            "point": taken.point,
            "size": taken.size,
            "sha256": taken.sha256,
            "url": reverse("inspection_file", args=[taken.inspection_id, "still", taken.pk]),
            "time": f"{timezone.localtime(taken.taken_at):%H:%M:%S}",
        },
        status=201,
    )


@login_required
@require_POST
def notes(request: StaffRequest, pk: int) -> JsonResponse:
    appointment = _appointment(request, pk)
    try:
        live.save_notes(
            actor=request.user,
            inspection=appointment.inspection,
            notes=request.POST.get("notes", ""),
        )
    except DomainError as error:
        return _refused(error)
    return JsonResponse({"saved": True})


# --- The record and the files -------------------------------------------------------------------


def _visible(request: StaffRequest, pk: int) -> Inspection:
    return get_object_or_404(
        queries.visible_inspections(request.user).select_related("case__item", "case__department"),
        pk=pk,
    )


def _record_initial(inspection: Inspection) -> dict[str, Any]:
    case = inspection.case
    appointment = (
        inspection.appointments.filter(status__in=live.LIVE_APPOINTMENT).order_by("-start").first()
    )
    people = [inspection.requested_by, *inspection.participants.select_related("department")]
    lines = [
        f"{p}（{p.department}）" if getattr(p, "department_id", None) else str(p) for p in people
    ]
    lines.append(f"申请人：{case.applicant_name}")
    day = timezone.localdate(appointment.start) if appointment else timezone.localdate()
    return {
        "site": case.address,
        "record_date": day,
        "participants": "\n".join(lines),
        "notes": inspection.notes,
    }


@login_required
def record(request: StaffRequest, pk: int) -> HttpResponse:
    """The inspection record (勘验记录): findings per point, the conclusion, signed."""
    inspection = _visible(request, pk)
    if not live.may_conclude(request.user, inspection):
        raise PermissionDenied(_("Your role does not allow this."))
    if inspection.status == Inspection.Status.CONCLUDED:
        return redirect("inspection_detail", pk=inspection.pk)
    form = RecordForm(
        request.POST or None, checklist=inspection.checklist, initial=_record_initial(inspection)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                live.conclude(
                    actor=request.user,
                    inspection=inspection,
                    site=data["site"],
                    record_date=data["record_date"],
                    participants=data["participants"],
                    findings=form.findings(),
                    conclusion=data["conclusion"],
                    notes=data.get("notes", ""),
                )
            except live.RecordRefused as refused:
                form.add_service_errors(refused.message, refused.errors)
            except DomainError as error:
                form.add_service_errors(error.message)
            else:
                messages.success(
                    request,
                    _("The inspection record is signed; its PDF is in the case."),
                )
                return redirect("inspection_detail", pk=inspection.pk)
    stills = list(inspection.stills.order_by("taken_at"))
    return render(
        request,
        "inspections/record_form.html",
        {
            "inspection": inspection,
            "case": inspection.case,
            "form": form,
            "rows": [
                (field, [s for s in stills if s.point == index])
                for index, field in form.finding_fields()
            ],
            "recordings": inspection.recordings.order_by("started_at"),
            "applicant_files": inspection.applicant_files.order_by("uploaded_at"),
        },
        status=status,
    )


FILES: dict[str, Any] = {"recording": Recording, "still": Still, "applicant": ApplicantFile}


@login_required
def download(request: StaffRequest, pk: int, kind: str, file_pk: int) -> FileResponse:
    """A recording, still or applicant's file of an inspection the user may see; the record's
    PDF with ``kind`` = ``record``."""
    inspection = _visible(request, pk)
    if kind == "record":
        stored = inspection.record_pdf
        name, content_type = f"勘验记录-{inspection.case.display_number}.pdf", "application/pdf"
    elif kind in FILES:
        row = get_object_or_404(FILES[kind], pk=file_pk, inspection=inspection)
        stored, content_type = row.file, row.content_type
        name = stored.name.rsplit("/", 1)[-1] if stored else ""
    else:
        raise Http404
    if not stored:
        raise Http404(_("The file is no longer kept."))
    response = FileResponse(stored.open("rb"), content_type=content_type, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response
