"""What a live session leaves in the case: the recording, uploaded in numbered chunks and
assembled in order with its hash (a chunk sent twice kept once, a lost one noted), the stills of
the checklist points, the applicant's own videos and photos when the live video fails, and the
signed record, whose conclusion ends the inspection step so the clock resumes — or, to rectify,
keeps the case waiting for a re-inspection. Only the case's department's inspectors (and those
taking part) act; files past their retention period are removed, their hashes kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gaoxin.cases.models import Case, Suspension
from gaoxin.cases.workflow import Status
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry
from gaoxin.inspections import links, live, retention, services
from gaoxin.inspections.models import Appointment, Inspection, Recording
from gaoxin.inspections.tests.conftest import local

WEBM_HEAD = b"\x1a\x45\xdf\xa3" + b"\x00" * 60


def jpeg(color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def appointment(case, inspector, room_one):
    inspection = services.request_inspection(
        actor=inspector, case=case, remote=True, checklist=["门头照片", "消防通道"]
    )
    return services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)


@pytest.fixture
def during(clock, appointment):
    clock.move_to(local(24, 10, 5))
    return appointment


def test_the_applicant_joining_marks_the_appointment_held(during):
    live.party_joined(appointment_pk=during.pk, role=live.ROOM)
    assert Inspection.objects.get().status == Inspection.Status.BOOKED
    live.party_joined(appointment_pk=during.pk, role=live.PHONE)
    live.party_joined(appointment_pk=during.pk, role=live.PHONE)  # a reconnect
    appointment = Appointment.objects.get(pk=during.pk)
    assert appointment.status == Appointment.Status.HELD
    assert appointment.inspection.status == Inspection.Status.HELD
    session = appointment.live_session
    assert (session.room_joins, session.phone_joins, session.reconnects) == (1, 2, 1)
    assert session.started_at is not None


def test_a_recording_is_assembled_from_its_chunks_in_order_with_its_hash(during, inspector, clock):
    recording = live.start_recording(actor=inspector, appointment=during)
    parts = [WEBM_HEAD, b"cluster-1" * 100, b"cluster-2" * 100, b"cluster-3" * 100]
    # They arrive out of order, and one twice (a retry after a lost answer).
    for seq in (0, 2, 1, 2, 3):
        live.store_chunk(actor=inspector, recording=recording, seq=seq, data=parts[seq])
    clock.move_to(local(24, 10, 5, 8))  # eight seconds later
    finished = live.finish_recording(actor=inspector, recording=recording, length_seconds=7.94)
    whole = b"".join(parts)
    assert finished.status == Recording.Status.FINISHED
    assert (finished.size, finished.chunk_count, finished.missing) == (len(whole), 4, [])
    assert finished.sha256 == hashlib.sha256(whole).hexdigest()
    assert finished.file.read() == whole
    assert finished.length_seconds == 7.9
    assert not finished.chunks.exists()
    assert AuditEntry.objects.filter(action="inspections.record_stop").exists()
    # Stopping twice changes nothing; a late chunk is refused.
    assert live.finish_recording(actor=inspector, recording=finished).sha256 == finished.sha256
    with pytest.raises(live.UploadRefused):
        live.store_chunk(actor=inspector, recording=finished, seq=9, data=b"late")


def test_a_chunk_lost_for_good_is_noted_as_a_gap(during, inspector):
    recording = live.start_recording(actor=inspector, appointment=during)
    live.store_chunk(actor=inspector, recording=recording, seq=0, data=WEBM_HEAD)
    live.store_chunk(actor=inspector, recording=recording, seq=2, data=b"after the gap")
    assert live.finish_recording(actor=inspector, recording=recording).missing == [1]


def test_chunks_are_checked(during, inspector, settings):
    recording = live.start_recording(actor=inspector, appointment=during)
    with pytest.raises(live.UploadRefused) as refused:
        live.store_chunk(actor=inspector, recording=recording, seq=0, data=b"%PDF-1.7 not a video")
    assert refused.value.status == 415
    live.store_chunk(actor=inspector, recording=recording, seq=0, data=WEBM_HEAD)
    with pytest.raises(live.UploadRefused) as refused:
        live.store_chunk(actor=inspector, recording=recording, seq=0, data=WEBM_HEAD + b"x")
    assert refused.value.status == 409  # the same number, other content
    settings.GAOXIN_RECORDING_CHUNK_MAX_BYTES = 10
    with pytest.raises(live.UploadRefused) as refused:
        live.store_chunk(actor=inspector, recording=recording, seq=1, data=b"x" * 11)
    assert refused.value.status == 413


def test_a_recording_left_running_is_assembled_when_the_next_starts(during, inspector):
    first = live.start_recording(actor=inspector, appointment=during)
    live.store_chunk(actor=inspector, recording=first, seq=0, data=WEBM_HEAD)
    second = live.start_recording(actor=inspector, appointment=during)
    first.refresh_from_db()
    assert first.status == Recording.Status.FINISHED and first.size == len(WEBM_HEAD)
    assert second.status == Recording.Status.RECORDING


def test_only_the_department_s_inspectors_record_and_take_stills(
    during, approver, market_inspector, other_approver
):
    for outsider in (approver, market_inspector, other_approver):
        with pytest.raises(NotAllowed):
            live.start_recording(actor=outsider, appointment=during)
        with pytest.raises(NotAllowed):
            live.take_still(actor=outsider, appointment=during, point=0, data=jpeg())


def test_a_still_is_kept_for_its_point_with_its_hash(during, inspector):
    data = jpeg()
    still = live.take_still(actor=inspector, appointment=during, point=1, data=data)
    assert (still.point, still.point_label, still.size) == (1, "消防通道", len(data))
    assert still.sha256 == hashlib.sha256(data).hexdigest()
    assert still.keep_until == dt.date(2026, 11, 24) + dt.timedelta(days=3 * 365)
    with pytest.raises(live.UploadRefused):
        live.take_still(actor=inspector, appointment=during, point=2, data=data)  # no such point
    with pytest.raises(live.UploadRefused) as refused:
        live.take_still(actor=inspector, appointment=during, point=0, data=b"\xff\xd8\xffnope")
    assert refused.value.status == 415


def test_the_applicant_uploads_a_video_or_photo_checked_by_its_content(during):
    video = SimpleUploadedFile("site.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100)
    upload = live.applicant_upload(appointment=during, file=video, note="消防通道")
    assert (upload.kind, upload.content_type, upload.note) == ("video", "video/mp4", "消防通道")
    photo = SimpleUploadedFile("door.jpg", jpeg())
    assert live.applicant_upload(appointment=during, file=photo).kind == "photo"
    renamed = SimpleUploadedFile("site.mp4", b"MZ\x90\x00 an exe file")
    with pytest.raises(live.UploadRefused):
        live.applicant_upload(appointment=during, file=renamed)
    assert Inspection.objects.get().status == Inspection.Status.HELD


def record(inspection, inspector, conclusion="pass", **changes):
    return live.conclude(
        actor=inspector,
        inspection=inspection,
        site=changes.get("site", "咸阳市高新区世纪大道55号"),
        record_date=dt.date(2026, 11, 24),
        participants="孙涛（行政审批服务局）\n申请人：李娜",
        findings=changes.get("findings", {0: "门头与营业执照一致", 1: "消防通道畅通"}),
        conclusion=conclusion,
        notes="现场与申请材料一致。",
    )


def test_a_passed_record_is_signed_its_pdf_made_and_the_clock_resumes(
    during, inspector, django_capture_on_commit_callbacks, texts
):
    live.party_joined(appointment_pk=during.pk, role=live.PHONE)
    live.take_still(actor=inspector, appointment=during, point=0, data=jpeg())
    with django_capture_on_commit_callbacks(execute=True):
        inspection = record(during.inspection, inspector)
    assert inspection.status == Inspection.Status.CONCLUDED
    assert inspection.findings == {"0": "门头与营业执照一致", "1": "消防通道畅通"}
    assert inspection.signature == live.record_digest(inspection)
    assert inspection.record_pdf.read()[:5] == b"%PDF-"
    suspension = Suspension.objects.get(case=inspection.case)
    assert suspension.ended_at is not None
    case = Case.objects.get(pk=inspection.case_id)
    assert case.status == Status.IN_REVIEW
    assert "踏勘结论为：通过" in texts[-1][1]


def test_a_record_to_rectify_keeps_the_case_waiting_at_its_inspection_step(during, inspector):
    live.party_joined(appointment_pk=during.pk, role=live.PHONE)
    inspection = record(during.inspection, inspector, conclusion="rectify")
    assert inspection.status == Inspection.Status.CONCLUDED
    assert Suspension.objects.get(case=inspection.case).ended_at is None
    assert Case.objects.get(pk=inspection.case_id).status == Status.SUSPENDED
    # A new inspection may be requested for the re-inspection.
    again = services.request_inspection(actor=inspector, case=inspection.case, remote=True)
    assert again.status == Inspection.Status.REQUESTED


def test_an_incomplete_record_says_what_is_missing(during, inspector, market_inspector):
    live.party_joined(appointment_pk=during.pk, role=live.PHONE)
    with pytest.raises(live.RecordRefused) as refused:
        record(during.inspection, inspector, conclusion="maybe", site=" ", findings={0: "有"})
    assert set(refused.value.errors) == {"site", "conclusion", "finding_1"}
    with pytest.raises(NotAllowed):
        record(during.inspection, market_inspector)
    inspection = record(during.inspection, inspector)
    with pytest.raises(DomainError):
        record(inspection, inspector)  # signed once


def test_files_past_their_retention_lose_their_content_but_keep_their_hash(during, inspector):
    still = live.take_still(actor=inspector, appointment=during, point=0, data=jpeg())
    assert retention.purge_expired(still.keep_until) == 0
    assert retention.purge_expired(still.keep_until + dt.timedelta(days=1)) == 1
    still.refresh_from_db()
    assert not still.file and still.purged_at is not None and len(still.sha256) == 64


# --- The pages ---------------------------------------------------------------------------------


def test_the_room_page_is_the_department_s_inspectors_only(client, during, inspector, approver):
    url = reverse("inspection_room", args=[during.pk])
    client.force_login(approver)
    assert client.get(url).status_code == 403
    client.force_login(inspector)
    page = client.get(url)
    assert page.status_code == 200
    assert f"/ws/inspections/live/{during.pk}/" in page.content.decode()
    assert "live_room.js" in page.content.decode()


def test_the_room_s_script_uploads_chunks_and_stills(client, during, inspector):
    client.force_login(inspector)
    started = client.post(reverse("inspection_recording_start", args=[during.pk]))
    assert started.status_code == 201
    chunk = started.json()["chunk"]  # the first chunk's address, numbered 0
    sent = client.post(chunk, WEBM_HEAD, content_type="application/octet-stream")
    assert sent.status_code == 200 and sent.json()["seq"] == 0
    again = client.post(chunk, WEBM_HEAD, content_type="application/octet-stream")
    assert again.status_code == 200  # the retry is confirmed, not stored twice
    done = client.post(started.json()["finish"], {"length_seconds": 2.1}, "application/json")
    assert done.json()["sha256"] == hashlib.sha256(WEBM_HEAD).hexdigest()
    photo = SimpleUploadedFile("still.jpg", jpeg(), content_type="image/jpeg")
    taken = client.post(reverse("inspection_still", args=[during.pk]), {"point": 0, "file": photo})
    assert taken.status_code == 201
    assert client.get(taken.json()["url"])["Content-Type"] == "image/jpeg"
    refused = client.post(
        reverse("inspection_still", args=[during.pk]),
        {"point": 0, "file": SimpleUploadedFile("x.jpg", b"not an image")},
    )
    assert refused.status_code == 415 and refused.json()["error"]


def test_the_phone_page_opens_the_camera_and_offers_the_upload(client, during):
    token = links.session_token(during)
    page = client.get(reverse("inspection_live", args=[token]))
    body = page.content.decode()
    assert page.status_code == 200
    assert f"/ws/inspect/live/{token}/" in body and "live_phone.js" in body
    photo = SimpleUploadedFile("door.jpg", jpeg(), content_type="image/jpeg")
    upload_url = reverse("inspection_live_upload", args=[token])
    assert client.post(upload_url, {"file": photo, "note": "门头"}).status_code == 302
    bad = SimpleUploadedFile("door.jpg", b"plain text", content_type="image/jpeg")
    answer = client.post(upload_url, {"file": bad, "note": "门头"})
    assert answer.status_code == 415
    assert 'value="门头"' in answer.content.decode()  # what was typed is kept
    assert "door.jpg" not in str(list(Inspection.objects.get().applicant_files.values("note")))


def test_the_record_page_signs_and_the_progress_page_shows_the_result(client, during, inspector):
    live.party_joined(appointment_pk=during.pk, role=live.PHONE)
    client.force_login(inspector)
    url = reverse("inspection_record", args=[during.inspection_id])
    form = client.get(url)
    assert "咸阳市高新区世纪大道55号" in form.content.decode()  # the site, prefilled
    incomplete = client.post(url, {"site": "x", "record_date": "2026-11-24"})
    assert incomplete.status_code == 400
    signed = client.post(
        url,
        {
            "site": "咸阳市高新区世纪大道55号",
            "record_date": "2026-11-24",
            "participants": "孙涛",
            "finding_0": "一致",
            "finding_1": "畅通",
            "conclusion": "pass",
        },
    )
    assert signed.status_code == 302
    pdf = client.get(reverse("inspection_file", args=[during.inspection_id, "record", 0]))
    assert pdf["Content-Type"] == "application/pdf"
    from django.template.loader import render_to_string

    from gaoxin.inspections.panels import PROGRESS_TEMPLATE, progress_panel

    shown = progress_panel(Case.objects.get(pk=during.inspection.case_id))
    assert shown is not None and shown["inspection"].conclusion == "pass"
    drawn = render_to_string(PROGRESS_TEMPLATE, {"panel": shown})
    assert "Result: Passed" in " ".join(drawn.split())
