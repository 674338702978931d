"""Applications a partner zone received for us: the scans arrive checked, the application
waits at our windows with its materials on our item's list, and our clerk ends it one of
three ways — accepted as a case like a local one, a correction asked for, or refused — each
told to the partner and written in the shared history, with its audit entry."""

import hashlib
import uuid

import pytest
from django.utils import translation

from gaoxin.cases.intake import IntakeRefused
from gaoxin.cases.models import Case, Notice, PendingUpload, Submission
from gaoxin.cases.tests.conftest import *  # noqa: F403  (desk clerk, intake window, items)
from gaoxin.cases.workflow import Status as CaseStatus
from gaoxin.catalog.models import Material
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry, Notification
from gaoxin.exchange import inbox, incoming
from gaoxin.exchange.models import (
    ApplicationEvent,
    ExchangeFile,
    IncomingApplication,
    RejectedMessage,
)
from gaoxin.exchange.tests.arrivals import (
    PARTNER_RECEIPT,
    PDF,
    PNG,
    RECEIVED_AT,
    arrive,
    forward,
    materials,
    message,
    scan,
    told,
)

Reason = RejectedMessage.Reason
Status = IncomingApplication.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def arrived(ourselves, plain_item, desk_clerk) -> IncomingApplication:
    return arrive(ourselves, plain_item)


def lines(application):
    rows = ApplicationEvent.objects.filter(ref=application.ref).order_by("at", "id")
    return [(row.zone, row.action, row.status) for row in rows]


# --- Arrival ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_application_arrives_with_its_scans_and_waits_at_our_windows(arrived, plain_item):
    assert arrived.status == Status.WAITING
    assert (arrived.item, arrived.receipt_number) == (plain_item, PARTNER_RECEIPT)
    assert arrived.received_at == RECEIVED_AT and arrived.received_by_name == "周敏"
    assert arrived.applicant["applicant_name"] == "李娜"

    stored = ExchangeFile.objects.get()
    assert (stored.ref, stored.name, stored.kind) == (arrived.ref, "营业执照.pdf", "pdf")
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.file.read() == PDF

    ours = {m.name: m.pk for m in plain_item.materials.all()}
    rows = {row["name"]: row for row in arrived.materials}
    assert {name: row["material_id"] for name, row in rows.items()} == ours
    assert rows["营业执照"]["files"] == [str(stored.pk)]
    assert rows["授权委托书"]["state"] == "not_applicable"

    assert lines(arrived) == [("XYGX", "forward", ""), ("XYGX", "arrived", "waiting")]
    (reply,) = told(arrived.partner, arrived.ref)
    assert (reply["action"], reply["status"]) == ("arrived", "waiting")
    # Our window clerks are told.
    (told_clerk,) = Notification.objects.filter(user__username="clerk")
    assert plain_item.name in told_clerk.title
    assert told_clerk.url == f"/desk/incoming/{arrived.pk}/"


@pytest.mark.django_db
def test_materials_keep_our_order_and_what_the_partner_did_not_send_stays_missing(
    ourselves, plain_item
):
    ref = uuid.uuid4()
    sent = materials(plain_item, leave_out=("食品安全管理制度文本",))
    sent.append({"name": "场所照片", "requirement": "optional", "state": "received", "files": []})
    inbox.receive(
        ourselves,
        message(ourselves, incoming.FORWARD, forward(ref, plain_item, material_list=sent)),
    )
    rows = IncomingApplication.objects.get().materials
    names = list(plain_item.materials.order_by("order").values_list("name", flat=True))
    assert [row["name"] for row in rows] == [*names, "场所照片"]
    left_out = next(row for row in rows if row["name"] == "食品安全管理制度文本")
    assert (left_out["state"], left_out["requirement"]) == ("missing", Material.Need.REQUIRED)
    assert left_out["material_id"] is not None
    assert rows[-1]["material_id"] is None  # not on our list


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(lambda ref: scan(ref, sha256="0" * 64), id="checksum"),
        pytest.param(lambda ref: scan(ref, "营业执照.pdf", PNG, kind="pdf"), id="kind-claimed"),
        pytest.param(
            lambda ref: scan(ref, "营业执照.pdf", b"MZ\x90\x00 not a document"), id="kind"
        ),
    ],
)
def test_a_scan_that_is_not_what_it_claims_is_refused_for_good(ourselves, payload):
    sent = message(ourselves, incoming.FILE, payload(uuid.uuid4()))
    assert inbox.receive(ourselves, sent) == "refused"
    assert not ExchangeFile.objects.exists()
    assert RejectedMessage.objects.get().reason == Reason.INVALID


@pytest.mark.django_db
def test_an_application_whose_scan_was_refused_arrives_without_it(ourselves, plain_item):
    ref = uuid.uuid4()
    bad = scan(ref, sha256="0" * 64)
    inbox.receive(ourselves, message(ourselves, incoming.FILE, bad))
    listed = materials(plain_item, {"营业执照": [bad["file_id"]]})
    inbox.receive(
        ourselves,
        message(ourselves, incoming.FORWARD, forward(ref, plain_item, material_list=listed)),
    )
    row = next(r for r in IncomingApplication.objects.get().materials if r["name"] == "营业执照")
    assert (row["files"], row["files_missing"]) == ([], [bad["file_id"]])


@pytest.mark.django_db
def test_the_same_application_again_is_refused_while_it_waits(arrived):
    again = forward(arrived.ref, arrived.item)
    assert inbox.receive(arrived.partner, message(arrived.partner, incoming.FORWARD, again)) == (
        "refused"
    )
    assert RejectedMessage.objects.get().reason == Reason.INVALID
    assert IncomingApplication.objects.count() == 1


# --- Accepted ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_accepted_it_becomes_a_case_exactly_like_a_local_one(arrived, desk_clerk, plain_item):
    case = incoming.accept(actor=desk_clerk, incoming=arrived)

    case = Case.objects.get(pk=case.pk)
    assert case.status == CaseStatus.ACCEPTED
    assert case.number and case.receipt_number and case.deadline
    assert (case.item, case.applicant_name, case.received_by) == (plain_item, "李娜", desk_clerk)
    assert case.notices.get().kind == Notice.Kind.ACCEPTANCE
    assert case.steps.exists()  # the route has started, the clock runs
    licence = case.submissions.get(material__name="营业执照")
    assert (licence.state, licence.file_name, licence.file_kind) == (
        "received",
        "营业执照.pdf",
        "pdf",
    )
    assert licence.file.read() == PDF
    assert not PendingUpload.objects.exists()
    assert case.submissions.get(material__name="授权委托书").state == "not_applicable"

    arrived.refresh_from_db()
    assert (arrived.status, arrived.case, arrived.handled_by) == (
        Status.ACCEPTED,
        case,
        desk_clerk,
    )
    accepted = told(arrived.partner, arrived.ref)[-1]
    assert (accepted["action"], accepted["status"], accepted["number"]) == (
        "accept",
        "accepted",
        case.number,
    )
    assert accepted["deadline"] == case.deadline.isoformat()
    assert lines(arrived)[-1] == ("XYGX", "accept", "accepted")
    entry = AuditEntry.objects.get(action="exchange.accept_incoming")
    assert (entry.actor, entry.changes["case"]) == (desk_clerk, case.number)


@pytest.mark.django_db
def test_a_required_material_missing_cannot_be_accepted_and_nothing_is_written(
    ourselves, plain_item, desk_clerk, settings
):
    application = arrive(ourselves, plain_item, leave_out=("食品安全管理制度文本",))
    with pytest.raises(IntakeRefused):
        incoming.accept(actor=desk_clerk, incoming=application)
    assert not Case.objects.exists()
    assert not PendingUpload.objects.exists()
    # The copy of the scan made for the intake is gone too; the partner's scan stays.
    held = settings.MEDIA_ROOT / "uploads"
    assert not held.exists() or not any(held.rglob("*.pdf"))
    assert ExchangeFile.objects.get().file.read() == PDF
    application.refresh_from_db()
    assert application.status == Status.WAITING


@pytest.mark.django_db
def test_only_the_window_accepts(arrived, approver):
    with pytest.raises(NotAllowed):
        incoming.accept(actor=approver, incoming=arrived)


# --- A correction, a refusal ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_correction_asked_for_is_sent_back_and_no_case_is_made(arrived, desk_clerk):
    with pytest.raises(incoming.OutcomeRefused) as refused:
        incoming.request_correction(actor=desk_clerk, incoming=arrived, note="  ")
    assert "note" in refused.value.errors

    incoming.request_correction(
        actor=desk_clerk, incoming=arrived, note="营业执照复印件不清晰，请重新扫描。"
    )

    arrived.refresh_from_db()
    assert (arrived.status, arrived.note, arrived.case) == (
        Status.CORRECTION,
        "营业执照复印件不清晰，请重新扫描。",
        None,
    )
    assert not Case.objects.exists()
    sent = told(arrived.partner, arrived.ref)[-1]
    assert (sent["action"], sent["status"], sent["note"]) == (
        "request_correction",
        "correction",
        "营业执照复印件不清晰，请重新扫描。",
    )
    assert lines(arrived)[-1] == ("XYGX", "request_correction", "correction")
    assert AuditEntry.objects.filter(action="exchange.request_correction_incoming").exists()


@pytest.mark.django_db
def test_a_corrected_application_sent_again_waits_once_more(arrived, desk_clerk):
    incoming.request_correction(actor=desk_clerk, incoming=arrived, note="缺少食品安全管理制度")
    again = forward(arrived.ref, arrived.item)
    assert inbox.receive(arrived.partner, message(arrived.partner, incoming.FORWARD, again)) == (
        "applied"
    )
    arrived.refresh_from_db()
    assert (arrived.status, arrived.note, arrived.handled_by) == (Status.WAITING, "", None)
    assert IncomingApplication.objects.count() == 1


@pytest.mark.django_db
def test_a_refusal_needs_its_reason_and_legal_basis(arrived, desk_clerk):
    with pytest.raises(incoming.OutcomeRefused) as refused:
        incoming.refuse(actor=desk_clerk, incoming=arrived, reason="不属于本区管辖", basis="")
    assert set(refused.value.errors) == {"basis"}

    incoming.refuse(
        actor=desk_clerk,
        incoming=arrived,
        reason="经营场所不在本区",
        basis="《中华人民共和国行政许可法》第三十二条第一款",
    )

    arrived.refresh_from_db()
    assert arrived.status == Status.REFUSED
    sent = told(arrived.partner, arrived.ref)[-1]
    assert (sent["action"], sent["status"]) == ("refuse", "refused")
    assert sent["note"] == "经营场所不在本区\n《中华人民共和国行政许可法》第三十二条第一款"
    assert not Case.objects.exists()
    assert AuditEntry.objects.filter(action="exchange.refuse_incoming").exists()


@pytest.mark.django_db
def test_an_application_ends_once(arrived, desk_clerk):
    incoming.refuse(actor=desk_clerk, incoming=arrived, reason="不属于本区", basis="第三十二条")
    with pytest.raises(DomainError):
        incoming.accept(actor=desk_clerk, incoming=arrived)
    with pytest.raises(DomainError):
        incoming.request_correction(actor=desk_clerk, incoming=arrived, note="再补")
    assert len(told(arrived.partner, arrived.ref)) == 2  # arrived, refuse
    assert Submission.objects.count() == 0
