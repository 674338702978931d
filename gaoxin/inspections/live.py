"""The live session (远程踏勘) and what it leaves in the case: every change is a function here,
checking who may act, writing, and recording who did what.

- The signalling notes each connection (:func:`party_joined`); the applicant's first connection
  marks the appointment and the inspection held.
- The room records the live video: :func:`start_recording`, then every two seconds a numbered
  chunk (:func:`store_chunk`: the same chunk sent twice is kept once, so the browser may retry
  until the upload is confirmed), and :func:`finish_recording` assembles the chunks in order
  into the WebM, with its length, size and SHA-256. A dropped connection loses only the chunks
  that never arrived, noted as ``missing``.
- The room takes a still per checklist point (:func:`take_still`), keeps notes
  (:func:`save_notes`); the applicant may upload video and photos instead
  (:func:`applicant_upload`).
- The inspection record (勘验记录) concludes it (:func:`conclude`): signed, rendered as PDF, and
  — when passed or failed — the inspection step ends, so the case's clock resumes. A
  "rectify and re-inspect" conclusion keeps the case at its inspection step (the clock stays
  paused while the applicant puts things right) for a new inspection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tempfile
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.cases import backoffice
from gaoxin.core import audit
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import User
from gaoxin.core.permissions import can
from gaoxin.core.roles import Capability
from gaoxin.core.sending import send_later
from gaoxin.inspections import workflow
from gaoxin.inspections.models import (
    ApplicantFile,
    Appointment,
    Inspection,
    Instruction,
    LiveSession,
    Recording,
    RecordingChunk,
    Still,
)

ROOM, PHONE = "room", "phone"
WEBM_MAGIC = b"\x1a\x45\xdf\xa3"  # EBML: every WebM (and Matroska) file starts so
LIVE_APPOINTMENT = (Appointment.Status.BOOKED, Appointment.Status.HELD)
LIVE_INSPECTION = (Inspection.Status.BOOKED, Inspection.Status.HELD)


class UploadRefused(DomainError):
    """An upload cannot be taken: the message says why; ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class RecordRefused(DomainError):
    """The inspection record cannot be signed as it is; ``errors`` says which field needs what."""

    def __init__(self, message: str, errors: dict[str, list[str]]) -> None:
        super().__init__(message)
        self.errors = errors


# --- Who may act ------------------------------------------------------------------------------


def may_hold(user: Any, inspection: Inspection) -> bool:
    """Hold the live session, record, take stills: an inspector of the case's department, or
    one taking part in the inspection (a joining department's)."""
    if not can(user, Capability.INSPECT):
        return False
    if user.department_id and user.department_id == inspection.case.department_id:
        return True
    return inspection.participants.filter(pk=user.pk).exists()


def may_conclude(user: Any, inspection: Inspection) -> bool:
    """Sign the record: an inspector of the case's department (the step is theirs)."""
    return can(user, Capability.INSPECT) and user.department_id == inspection.case.department_id


def _require_hold(user: Any, inspection: Inspection) -> None:
    if not may_hold(user, inspection):
        raise NotAllowed(_("Your role does not allow this."))


def room_appointment(user: Any, pk: int) -> Appointment | None:
    """The appointment whose live session ``user`` may hold now, or None: a remote inspection's
    appointment, booked or being held, its inspection still open."""
    appointment = (
        Appointment.objects.select_related("inspection__case__item", "room")
        .filter(pk=pk, status__in=LIVE_APPOINTMENT)
        .first()
    )
    if appointment is None:
        return None
    inspection = appointment.inspection
    if not inspection.remote or inspection.status not in LIVE_INSPECTION:
        return None
    return appointment if may_hold(user, inspection) else None


def _keep_until(now: dt.datetime) -> dt.date:
    return timezone.localdate(now) + dt.timedelta(days=settings.GAOXIN_INSPECTION_RETENTION_DAYS)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- The session --------------------------------------------------------------------------------


@transaction.atomic
def party_joined(*, appointment_pk: int, role: str) -> LiveSession | None:
    """A side connected to the appointment's signalling (authorised by the consumer). The
    applicant's first connection marks the appointment, and its inspection, held."""
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("inspection")
        .filter(pk=appointment_pk)
        .first()
    )
    if appointment is None:
        return None
    now = timezone.now()
    session, _created = LiveSession.objects.select_for_update().get_or_create(
        appointment=appointment, defaults={"first_joined_at": now, "last_joined_at": now}
    )
    session.last_joined_at = now
    if role == PHONE:
        session.phone_joins += 1
    else:
        session.room_joins += 1
    if session.started_at is None and session.phone_joins and session.room_joins:
        session.started_at = now
    session.save()
    if role == PHONE:
        _mark_held(appointment, now)
    return session


def _mark_held(appointment: Appointment, now: dt.datetime) -> None:
    if appointment.status == Appointment.Status.BOOKED:
        workflow.check_appointment_move(appointment.status, Appointment.Status.HELD)
        appointment.status = Appointment.Status.HELD
        appointment.save(update_fields=["status"])
    inspection = Inspection.objects.select_for_update().get(pk=appointment.inspection_id)
    if inspection.status == Inspection.Status.BOOKED:
        workflow.check_move(inspection.status, Inspection.Status.HELD)
        inspection.status = Inspection.Status.HELD
        inspection.save(update_fields=["status"])
        audit.record(
            "inspections.held",
            actor=None,
            username="applicant",
            obj=inspection,
            changes={"appointment": appointment.pk, "at": now.isoformat(timespec="seconds")},
        )


def note_instruction(*, appointment_pk: int, user: Any, text: str) -> Instruction | None:
    """Keep a line the room sent to the phone (the signalling relays it, then calls this):
    printed with its time in the inspection record. Nothing is kept once the inspection is
    concluded, or from someone who may not hold the session."""
    appointment = (
        Appointment.objects.select_related("inspection__case").filter(pk=appointment_pk).first()
    )
    text = text.strip()[:500]
    if appointment is None or not text:
        return None
    inspection = appointment.inspection
    if inspection.status not in LIVE_INSPECTION or not may_hold(user, inspection):
        return None
    return Instruction.objects.create(
        inspection=inspection,
        appointment=appointment,
        text=text,
        sent_at=timezone.now(),
        sent_by=user,
    )


# --- Recording ----------------------------------------------------------------------------------


def _finish(recording: Recording, now: dt.datetime, length: float | None) -> Recording:
    """Assemble the chunks in order into the recording's file; note the ones missing."""
    chunks = list(recording.chunks.order_by("seq"))
    digest = hashlib.sha256()
    size = 0
    with tempfile.TemporaryFile() as assembled:
        for chunk in chunks:
            with chunk.file.open("rb") as part:
                while block := part.read(1024 * 1024):
                    digest.update(block)
                    assembled.write(block)
                    size += len(block)
        if size:
            assembled.seek(0)
            stamp = timezone.localtime(recording.started_at).strftime("%Y%m%d-%H%M%S")
            name = f"inspection-{recording.inspection_id}-{stamp}.webm"
            recording.file.save(name, File(assembled), save=False)
    seqs = [c.seq for c in chunks]
    recording.missing = sorted(set(range(max(seqs) + 1)) - set(seqs)) if seqs else []
    recording.chunk_count = len(chunks)
    recording.size = size
    recording.sha256 = digest.hexdigest() if size else ""
    recording.ended_at = now
    span = (now - recording.started_at).total_seconds()
    recording.length_seconds = round(min(length, span + 5) if length else span, 1)
    recording.status = Recording.Status.FINISHED
    recording.save()
    for chunk in chunks:
        chunk.file.delete(save=False)
    recording.chunks.all().delete()
    return recording


@transaction.atomic
def start_recording(*, actor: User, appointment: Appointment) -> Recording:
    """Start recording the live video. A recording left running (a page closed while it
    recorded) is assembled from what arrived first."""
    inspection = Inspection.objects.select_for_update().get(pk=appointment.inspection_id)
    _require_hold(actor, inspection)
    if inspection.status not in LIVE_INSPECTION:
        raise DomainError(_("Only an inspection under way can be recorded."))
    now = timezone.now()
    for left in inspection.recordings.select_for_update().filter(status=Recording.Status.RECORDING):
        _finish(left, now, None)
    recording = Recording.objects.create(
        inspection=inspection,
        appointment=appointment,
        started_by=actor,
        started_at=now,
        keep_until=_keep_until(now),
    )
    audit.record(
        "inspections.record_start", actor=actor, obj=inspection, changes={"recording": recording.pk}
    )
    return recording


@transaction.atomic
def store_chunk(*, actor: User, recording: Recording, seq: int, data: bytes) -> RecordingChunk:
    """Keep one numbered chunk of a running recording. The same chunk again (a retry after a
    lost answer) is confirmed without storing it twice."""
    recording = (
        Recording.objects.select_for_update()
        .select_related("inspection__case")
        .get(pk=recording.pk)
    )
    _require_hold(actor, recording.inspection)
    digest = _sha256(data)
    existing = recording.chunks.filter(seq=seq).first()
    if existing is not None:
        if existing.sha256 == digest:
            return existing
        raise UploadRefused(_("This part of the recording arrived already, different."), 409)
    if recording.status != Recording.Status.RECORDING:
        raise UploadRefused(_("This recording has stopped."), 409)
    if not data:
        raise UploadRefused(_("The part of the recording is empty."))
    limit = settings.GAOXIN_RECORDING_CHUNK_MAX_BYTES
    if len(data) > limit:
        raise UploadRefused(
            _("A part of the recording may be at most %(limit)s.")
            % {"limit": filesizeformat(limit)},
            413,
        )
    if seq == 0 and not data.startswith(WEBM_MAGIC):
        raise UploadRefused(_("This is not a WebM video."), 415)
    try:
        with transaction.atomic():
            return RecordingChunk.objects.create(
                recording=recording,
                seq=seq,
                file=ContentFile(data, name=f"rec{recording.pk}-{seq:06d}.part"),
                size=len(data),
                sha256=digest,
                received_at=timezone.now(),
            )
    except IntegrityError as error:  # the same chunk, twice at once
        raise UploadRefused(_("This part of the recording arrived already."), 409) from error


@transaction.atomic
def finish_recording(
    *, actor: User, recording: Recording, length_seconds: float | None = None
) -> Recording:
    """Stop the recording: its chunks, in order, make the WebM."""
    recording = (
        Recording.objects.select_for_update()
        .select_related("inspection__case")
        .get(pk=recording.pk)
    )
    _require_hold(actor, recording.inspection)
    if recording.status == Recording.Status.FINISHED:
        return recording
    recording = _finish(recording, timezone.now(), length_seconds)
    audit.record(
        "inspections.record_stop",
        actor=actor,
        obj=recording.inspection,
        changes={
            "recording": recording.pk,
            "length_seconds": recording.length_seconds,
            "size": recording.size,
            "sha256": recording.sha256,
            "missing": recording.missing,
        },
    )
    return recording


# --- Stills, notes, the applicant's files -------------------------------------------------------


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def _valid_image(data: bytes) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # noqa: BLE001 - any failure to read means a refused file
        return False
    return True


@transaction.atomic
def take_still(*, actor: User, appointment: Appointment, point: int, data: bytes) -> Still:
    """A photo of a checklist point, taken from the live video."""
    inspection = Inspection.objects.select_related("case").get(pk=appointment.inspection_id)
    _require_hold(actor, inspection)
    if inspection.status not in LIVE_INSPECTION:
        raise UploadRefused(_("Only an inspection under way takes stills."), 409)
    if not 0 <= point < len(inspection.checklist):
        raise UploadRefused(_("Choose a point of the checklist."))
    kind = _image_kind(data)
    if kind is None or not _valid_image(data):
        raise UploadRefused(_("The still is not a JPEG or PNG image."), 415)
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise UploadRefused(_("The still is too large."), 413)
    now = timezone.now()
    extension = "jpg" if kind == "image/jpeg" else "png"
    still = Still.objects.create(
        inspection=inspection,
        appointment=appointment,
        point=point,
        point_label=str(inspection.checklist[point])[:100],
        taken_by=actor,
        taken_at=now,
        content_type=kind,
        file=ContentFile(
            data, name=f"inspection-{inspection.pk}-p{point + 1}-{now:%H%M%S}.{extension}"
        ),
        size=len(data),
        sha256=_sha256(data),
        keep_until=_keep_until(now),
    )
    audit.record(
        "inspections.still",
        actor=actor,
        obj=inspection,
        changes={"point": still.point_label, "sha256": still.sha256},
    )
    return still


@transaction.atomic
def save_notes(*, actor: User, inspection: Inspection, notes: str) -> Inspection:
    """The room's notes during the session (they join the record)."""
    inspection = Inspection.objects.select_for_update().select_related("case").get(pk=inspection.pk)
    _require_hold(actor, inspection)
    if inspection.status not in LIVE_INSPECTION:
        raise DomainError(_("The inspection is concluded; its notes are part of the record."))
    inspection.notes = notes.strip()[:5000]
    inspection.save(update_fields=["notes"])
    return inspection


def _file_kind(head: bytes) -> tuple[str, str] | None:
    """(kind, content type) of a photo or video the phone uploads, by its content."""
    image = _image_kind(head)
    if image:
        return ApplicantFile.Kind.PHOTO, image
    if head.startswith(WEBM_MAGIC):
        return ApplicantFile.Kind.VIDEO, "video/webm"
    if head[4:8] == b"ftyp":  # MP4 and the phones' QuickTime (.mov) files
        brand = head[8:12]
        return ApplicantFile.Kind.VIDEO, "video/quicktime" if brand == b"qt  " else "video/mp4"
    return None


@transaction.atomic
def applicant_upload(
    *, appointment: Appointment, file: UploadedFile, note: str = ""
) -> ApplicantFile:
    """A video or photo from the applicant's phone page (behind its session link, which the
    view has opened): when the live video fails, the inspector decides from these."""
    limit = settings.GAOXIN_INSPECTION_UPLOAD_MAX_BYTES
    if not file.size:
        raise UploadRefused(_("The file is empty."))
    if file.size > limit:
        raise UploadRefused(
            _("The file is %(size)s; files may be at most %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            413,
        )
    file.seek(0)
    found = _file_kind(file.read(16))
    if found is None:
        raise UploadRefused(_("Upload a photo (JPEG, PNG) or a video (MP4, MOV, WebM)."), 415)
    kind, content_type = found
    file.seek(0)
    digest = hashlib.sha256()
    for block in file.chunks():
        digest.update(block)
    file.seek(0)
    inspection = Inspection.objects.select_for_update().get(pk=appointment.inspection_id)
    if inspection.status not in LIVE_INSPECTION:
        raise UploadRefused(_("The inspection is concluded; nothing more can be uploaded."), 409)
    now = timezone.now()
    upload = ApplicantFile.objects.create(
        inspection=inspection,
        appointment=appointment,
        kind=kind,
        content_type=content_type,
        name=(file.name or "")[:200],
        note=note.strip()[:200],
        size=file.size,
        sha256=digest.hexdigest(),
        uploaded_at=now,
        keep_until=_keep_until(now),
    )
    upload.file.save(f"inspection-{inspection.pk}-{upload.pk}-{kind}", file, save=True)
    _mark_held(Appointment.objects.select_for_update().get(pk=appointment.pk), now)
    audit.record(
        "inspections.applicant_upload",
        actor=None,
        username="applicant",
        obj=inspection,
        changes={"kind": kind, "size": upload.size, "sha256": upload.sha256},
    )
    return upload


# --- The inspection record (勘验记录) -------------------------------------------------------------

CONCLUSION_TEXT = {
    Inspection.Conclusion.PASS: "通过",
    Inspection.Conclusion.RECTIFY: "整改后复查",
    Inspection.Conclusion.FAIL: "不通过",
}


def record_digest(inspection: Inspection) -> str:
    """The SHA-256 the inspector signs: the record's content, in a fixed order."""
    content = {
        "inspection": inspection.pk,
        "case": inspection.case.display_number,
        "site": inspection.site,
        "date": inspection.record_date.isoformat() if inspection.record_date else "",
        "participants": inspection.record_participants,
        "checklist": inspection.checklist,
        "findings": inspection.findings,
        "conclusion": inspection.conclusion,
        "notes": inspection.notes,
        "inspector": inspection.concluded_by_id,
        "concluded_at": (
            inspection.concluded_at.isoformat(timespec="seconds") if inspection.concluded_at else ""
        ),
        "recordings": [r.sha256 for r in inspection.recordings.order_by("pk")],
        "stills": [s.sha256 for s in inspection.stills.order_by("pk")],
        "applicant_files": [f.sha256 for f in inspection.applicant_files.order_by("pk")],
        "instructions": [
            [at.isoformat(timespec="seconds"), text]
            for at, text in inspection.instructions.order_by("sent_at", "pk").values_list(
                "sent_at", "text"
            )
        ],
    }
    return _sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode())


@transaction.atomic
def conclude(
    *,
    actor: User,
    inspection: Inspection,
    site: str,
    record_date: dt.date,
    participants: str,
    findings: dict[int, str],
    conclusion: str,
    notes: str = "",
) -> Inspection:
    """Sign the inspection record. Its PDF joins the case; a pass or a failure ends the
    inspection step (the special procedure ends: the clock resumes) and the decision follows;
    "rectify and re-inspect" keeps the case at the step, its clock paused, for a new
    inspection once the applicant has put things right."""
    if not may_conclude(actor, inspection):
        raise NotAllowed(_("Your role does not allow this."))
    inspection = (
        Inspection.objects.select_for_update()
        .select_related("case__item", "case__department")
        .get(pk=inspection.pk)
    )
    if inspection.status not in LIVE_INSPECTION:
        raise DomainError(
            _("An inspection that is %(status)s cannot be concluded.")
            % {"status": inspection.get_status_display()}
        )
    errors: dict[str, list[str]] = {}
    if not site.strip():
        errors["site"] = [_("Give the site inspected.")]
    if not participants.strip():
        errors["participants"] = [_("Name who took part.")]
    if conclusion not in Inspection.Conclusion.values:
        errors["conclusion"] = [_("Choose the conclusion.")]
    cleaned: dict[str, str] = {}
    for index, _point in enumerate(inspection.checklist):
        text = str(findings.get(index, "")).strip()[:1000]
        if not text:
            errors[f"finding_{index}"] = [_("Write what you found.")]
        cleaned[str(index)] = text
    if errors:
        raise RecordRefused(_("The record is not complete."), errors)
    now = timezone.now()
    if inspection.status == Inspection.Status.BOOKED:
        # Held on site (or the applicant's files were enough): the appointment was kept.
        booked = inspection.appointments.select_for_update(of=("self",)).filter(
            status=Appointment.Status.BOOKED
        )
        for appointment in booked:
            _mark_held(appointment, now)
        inspection.refresh_from_db()
    for left in inspection.recordings.select_for_update().filter(status=Recording.Status.RECORDING):
        _finish(left, now, None)
    workflow.check_move(inspection.status, Inspection.Status.CONCLUDED)
    inspection.site = site.strip()[:300]
    inspection.record_date = record_date
    inspection.record_participants = participants.strip()[:2000]
    inspection.findings = cleaned
    inspection.conclusion = conclusion
    inspection.notes = notes.strip()[:5000]
    inspection.concluded_at = now
    inspection.concluded_by = actor
    inspection.status = Inspection.Status.CONCLUDED
    inspection.signature = record_digest(inspection)
    from gaoxin.inspections import record

    inspection.record_pdf.save(
        f"inspection-record-{inspection.pk}.pdf",
        ContentFile(record.render_pdf(inspection)),
        save=False,
    )
    inspection.save()
    audit.record(
        "inspections.conclude",
        actor=actor,
        obj=inspection,
        changes={
            "case": inspection.case.display_number,
            "conclusion": conclusion,
            "signature": inspection.signature,
        },
    )
    case = inspection.case
    verdict = CONCLUSION_TEXT[Inspection.Conclusion(conclusion)]
    if conclusion != Inspection.Conclusion.RECTIFY:
        backoffice.claim(actor=actor, case=case)
        opinion = f"现场踏勘结论：{verdict}。" + (
            "；".join(f"{point}：{cleaned[str(i)]}" for i, point in enumerate(inspection.checklist))
        )
        backoffice.pass_step(actor=actor, case=case, opinion=opinion[:2000])
        tail = "，办件继续办理。"
    else:
        tail = "，请按要求整改后联系部门预约复查。"
    send_later(
        case.phone,
        f"【政务服务】您申请的“{case.item.name}”（办件编号{case.display_number}）"
        f"的踏勘结论为：{verdict}{tail}",
    )
    return inspection
