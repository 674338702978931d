"""A clerk at our window receives an application for 西安高新区's food licence (异地代收):
the applicant is checked as at our own intake desk, the materials against 西安's list, and
the application, its scans, the messages for 西安 (scans first), the history line and the
audit entry are written together — or nothing is."""

import base64
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from gaoxin.cases.intake import IntakeRefused
from gaoxin.cases.models import PendingUpload
from gaoxin.cases.tests.factories import person
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry, Window
from gaoxin.core.tests.factories import WindowFactory
from gaoxin.exchange import forwarding
from gaoxin.exchange.models import (
    ApplicationEvent,
    ExchangeFile,
    ForwardedApplication,
    OutboxMessage,
)
from gaoxin.exchange.tests.partner_items import *  # noqa: F403 - fixtures
from gaoxin.exchange.tests.partner_items import hold, pdf_bytes, png_bytes, receipts
from gaoxin.exchange.tests.peers import zone  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("zone")


def forward(clerk, item, materials, **applicant):
    return forwarding.forward(
        actor=clerk,
        item=item,
        applicant=person(**applicant),
        materials=materials,
        window=clerk.window,
    )


def test_the_application_its_scans_and_its_messages_are_written_together(
    window_clerk, food_licence, xian, django_capture_on_commit_callbacks
):
    form = hold(window_clerk, "申请书.pdf", pdf_bytes(3000))
    licence = hold(window_clerk, "营业执照.png", png_bytes())
    licence_back = hold(window_clerk, "营业执照副本.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        forward(
            window_clerk,
            food_licence,
            receipts(True, True, False, uploads={0: [form], 1: [licence, licence_back]}),
            name="李娜",
        )

    forwarded = ForwardedApplication.objects.get()
    today = timezone.localdate()
    assert forwarded.receipt_number == f"SJ{today:%Y%m%d}000001"
    assert (forwarded.partner, forwarded.item) == (xian, food_licence)
    assert (forwarded.item_code, forwarded.item_version, forwarded.item_name) == (
        "XA-SPJY-001",
        3,
        "食品经营许可",
    )
    assert forwarded.status == ForwardedApplication.Status.FORWARDED
    assert forwarded.applicant["applicant_name"] == "李娜"
    assert forwarded.applicant["applicant_kind"] == "person"
    assert (forwarded.received_by, forwarded.window) == (window_clerk, window_clerk.window)

    # Each scan kept for 西安, under the application's ref, as the clerk uploaded it.
    scans = {f.name: f for f in ExchangeFile.objects.filter(ref=forwarded.ref)}
    assert set(scans) == {"申请书.pdf", "营业执照.png", "营业执照副本.pdf"}
    assert scans["营业执照.png"].kind == "png"
    assert scans["申请书.pdf"].sha256 == hashlib.sha256(pdf_bytes(3000)).hexdigest()
    assert all(scan.partner == xian for scan in scans.values())
    # The clerk's held copies are gone: they travel with the application now.
    assert not PendingUpload.objects.exists()
    assert not form.file.storage.exists(form.file.name)
    assert all(scan.file.storage.exists(scan.file.name) for scan in scans.values())

    assert forwarded.materials == [
        {
            "name": "食品经营许可申请书",
            "requirement": "required",
            "state": "received",
            "copies": 1,
            "files": [str(scans["申请书.pdf"].pk)],
        },
        {
            "name": "营业执照复印件",
            "requirement": "required",
            "state": "received",
            "copies": 1,
            "files": [str(scans["营业执照.png"].pk), str(scans["营业执照副本.pdf"].pk)],
        },
        {
            "name": "授权委托书",
            "requirement": "conditional",
            "state": "not_applicable",
            "copies": 0,
            "files": [],
        },
    ]

    # The outbox: every scan first, then the application, in that order for 西安.
    messages = list(OutboxMessage.objects.filter(partner=xian).order_by("sequence"))
    assert [(m.sequence, m.kind) for m in messages] == [
        (1, "application.file"),
        (2, "application.file"),
        (3, "application.file"),
        (4, "application.forward"),
    ]
    first = messages[0].payload
    assert first["ref"] == str(forwarded.ref)
    assert first["file_id"] == str(scans["申请书.pdf"].pk)
    assert (first["name"], first["kind"]) == ("申请书.pdf", "pdf")
    assert base64.b64decode(first["data"]) == pdf_bytes(3000)
    assert first["sha256"] == scans["申请书.pdf"].sha256
    assert messages[1].payload["kind"] == "png"
    sent = messages[3].payload
    assert sent["ref"] == str(forwarded.ref)
    assert sent["receipt_number"] == forwarded.receipt_number
    assert (sent["item_code"], sent["item_version"]) == ("XA-SPJY-001", 3)
    assert sent["received_by"] == "王丽"
    assert sent["window"] == "01 综合受理窗口"
    assert sent["applicant"] == forwarded.applicant
    assert sent["materials"] == forwarded.materials
    assert sent["received_at"] == forwarded.received_at.isoformat()

    line = ApplicationEvent.objects.get(ref=forwarded.ref)
    assert (line.zone, line.action, line.status) == ("XYGX", "forward", "forwarded")
    assert line.at == forwarded.received_at

    entry = AuditEntry.objects.get(action="exchange.forward")
    assert entry.actor == window_clerk
    assert entry.object_id == str(forwarded.ref)
    assert entry.changes["partner"] == "XAGX"
    assert entry.changes["scans"] == 3


def test_nothing_is_written_when_any_part_fails(window_clerk, food_licence, xian):
    scan = hold(window_clerk)
    # The receipt number the forwarding will take is used already: the last write fails.
    taken = f"SJ{timezone.localdate():%Y%m%d}000001"
    ForwardedApplication.objects.create(
        partner=xian,
        item=food_licence,
        item_code="X",
        item_version=1,
        item_name="X",
        receipt_number=taken,
        received_by=window_clerk,
    )
    with pytest.raises(IntegrityError):
        forward(window_clerk, food_licence, receipts(True, True, False, uploads={0: [scan]}))
    assert ForwardedApplication.objects.count() == 1
    assert not ExchangeFile.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert not ApplicationEvent.objects.exists()
    assert not AuditEntry.objects.filter(action="exchange.forward").exists()
    # The clerk's scan is still held, to forward again.
    assert PendingUpload.objects.filter(pk=scan.pk).exists()


def test_a_required_material_not_received_is_named_and_nothing_is_forwarded(
    window_clerk, food_licence
):
    scan = hold(window_clerk)
    with translation.override("en"), pytest.raises(IntakeRefused) as refused:
        forward(window_clerk, food_licence, receipts(True, False, False, uploads={0: [scan]}))
    assert "营业执照复印件" in refused.value.message
    assert "食品经营许可申请书" not in refused.value.message
    assert "西安高新区" in refused.value.message
    assert set(refused.value.errors) == {"material-1"}
    assert not ForwardedApplication.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert PendingUpload.objects.filter(pk=scan.pk).exists()


def test_wrong_applicant_details_are_refused_field_by_field_with_the_materials(
    window_clerk, food_licence
):
    with pytest.raises(IntakeRefused) as refused:
        forward(
            window_clerk,
            food_licence,
            receipts(False, True, False),
            id_number="610402199005171234",
            phone="123",
        )
    assert {"id_number", "phone", "material-0"} <= set(refused.value.errors)
    assert not ForwardedApplication.objects.exists()


def test_a_conditional_material_may_be_left_out(window_clerk, food_licence):
    forwarded = forward(window_clerk, food_licence, receipts(True, True, False))
    assert forwarded.materials[2]["state"] == "not_applicable"


def test_an_inactive_partner_or_a_withdrawn_item_is_refused(window_clerk, food_licence, xian):
    xian.is_active = False
    xian.save()
    with translation.override("en"), pytest.raises(DomainError, match="no longer an active"):
        forward(window_clerk, food_licence, receipts(True, True, False))

    xian.is_active = True
    xian.save()
    food_licence.is_active = False
    food_licence.save()
    with translation.override("en"), pytest.raises(DomainError, match="no longer agrees"):
        forward(window_clerk, food_licence, receipts(True, True, False))
    assert not ForwardedApplication.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_only_window_clerks_forward_and_not_at_a_delivery_window(
    approver, window_clerk, food_licence
):
    with pytest.raises(NotAllowed):
        forward(approver, food_licence, receipts(True, True, False))
    window_clerk.window = WindowFactory(number=9, name="综合出件窗口", kind=Window.Kind.DELIVERY)
    with pytest.raises(NotAllowed):
        forward(window_clerk, food_licence, receipts(True, True, False))
    assert not ForwardedApplication.objects.exists()


def test_a_scan_too_large_to_travel_or_of_another_kind_is_not_held(window_clerk, settings):
    limit = forwarding.max_scan_bytes()
    # A scan and its message must fit in what the partner's inbox accepts.
    assert limit * 4 / 3 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    with translation.override("en"), pytest.raises(ValidationError, match="at most"):
        hold(window_clerk, "大.pdf", pdf_bytes(limit + 1))
    ofd = b"PK\x03\x04" + b"0" * 100
    with pytest.raises(ValidationError):
        hold(window_clerk, "文件.ofd", ofd)
    assert hold(window_clerk, "刚好.pdf", pdf_bytes(limit)).size == limit


def test_a_held_scan_too_large_for_the_partner_is_refused_at_forwarding(
    window_clerk, food_licence, settings
):
    scan = hold(window_clerk, "大.pdf", pdf_bytes(200_000))
    # The partners' inbox limit was lowered after the scan was held.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    with pytest.raises(IntakeRefused) as refused:
        forward(window_clerk, food_licence, receipts(True, True, False, uploads={0: [scan]}))
    assert set(refused.value.errors) == {"material-0"}


def test_another_clerks_scan_cannot_be_forwarded(window_clerk, food_licence):
    from gaoxin.core.roles import Role
    from gaoxin.core.tests.factories import UserFactory

    colleague = UserFactory(username="clerk2", full_name="李华", role=Role.CLERK)
    theirs = hold(colleague)
    with pytest.raises(IntakeRefused) as refused:
        forward(window_clerk, food_licence, receipts(True, True, False, uploads={0: [theirs]}))
    assert "material-0" in refused.value.errors
    assert PendingUpload.objects.filter(pk=theirs.pk).exists()
