"""The window's pages for receiving on a partner zone's behalf: the clerk finds 西安's item,
types the applicant and ticks 西安's list; whatever is wrong comes back with everything typed
and uploaded; a forwarded application ends on its receipt, and is listed with what 西安
reported. Only window clerks see these pages."""

import datetime as dt
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.cases.models import PendingUpload
from gaoxin.cases.tests.factories import person
from gaoxin.core.tests.factories import resident_id
from gaoxin.exchange import forwarding
from gaoxin.exchange.models import (
    ApplicationEvent,
    ExchangeFile,
    ForwardedApplication,
    OutboxMessage,
    Partner,
)
from gaoxin.exchange.tests.partner_items import *  # noqa: F403 - fixtures
from gaoxin.exchange.tests.partner_items import agree, hold, pdf_bytes, receipts
from gaoxin.exchange.tests.peers import zone  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("zone")

Status = ForwardedApplication.Status


def applicant_data(**overrides):
    data = {
        "kind": "person",
        "name": "李娜",
        "id_number": resident_id(order=321),
        "phone": "13891234567",
        "address": "咸阳市高新区世纪大道1号",
    }
    data.update(overrides)
    return data


def forwarded_for(clerk, item, name="李娜"):
    return forwarding.forward(
        actor=clerk,
        item=item,
        applicant=person(name=name),
        materials=receipts(True, True, False),
        window=clerk.window,
    )


def test_the_clerk_finds_the_partners_items_by_name_code_or_partner(
    client, window_clerk, food_licence, xian
):
    other = Partner.objects.create(code="BJHD", name="北京海淀", base_url="https://x")
    agree(other, code="BJ-1", name="食品经营许可（海淀）", is_active=False)
    quiet = Partner.objects.create(
        code="SZNS", name="深圳南山", base_url="https://y", is_active=False
    )
    agree(quiet, code="SZ-1", name="食品经营许可（南山）")
    client.force_login(window_clerk)

    found = client.get(reverse("forward_items"), {"q": "食品"}, HTTP_HX_REQUEST="true").text
    assert reverse("forward_new", args=[food_licence.pk]) in found
    assert "西安高新区" in found
    # A withdrawn item, and the items of a deactivated partner, are not offered.
    assert "海淀" not in found
    assert "南山" not in found

    by_partner = client.get(reverse("forward_items"), {"q": "西安"}).text
    assert "食品经营许可" in by_partner
    by_code = client.get(reverse("forward_items"), {"q": "xagx"}).text
    assert "食品经营许可" in by_code
    nothing = client.get(reverse("forward_items"), {"q": "建设工程"}).text
    assert "forward_new" not in nothing and "/desk/partner/new/" not in nothing


def test_the_desk_and_the_menu(client, window_clerk, food_licence):
    client.force_login(window_clerk)
    page = client.get(reverse("forward_desk")).text
    assert 'data-testid="partner-item-search"' in page
    assert f'href="{reverse("forward_desk")}"' in page  # the menu entry


def test_the_form_lists_the_partners_materials(client, window_clerk, food_licence):
    client.force_login(window_clerk)
    page = client.get(reverse("forward_new", args=[food_licence.pk])).text
    assert "西安高新区" in page
    for entry in food_licence.materials:
        assert entry["name"] in page
    assert 'name="received-2"' in page
    assert 'data-shortcut="f"' in page


def test_a_missing_required_material_comes_back_with_everything_typed_and_uploaded(
    client, window_clerk, food_licence
):
    client.force_login(window_clerk)
    scan = hold(window_clerk, "申请书扫描.pdf")
    data = applicant_data(
        **{
            "received-0": "received",
            "copies-0": "2",
            "upload-0": str(scan.pk),
            "received-2": "received",
        }
    )
    response = client.post(reverse("forward_new", args=[food_licence.pk]), data)
    assert response.status_code == 200
    page = response.text
    assert "营业执照复印件" in page
    assert 'data-testid="material-error"' in page
    # What was typed, ticked and uploaded is all there.
    assert 'value="李娜"' in page
    assert 'value="13891234567"' in page
    assert 'value="咸阳市高新区世纪大道1号"' in page
    assert 'name="received-0" id="s-0-received" value="received" checked' in page
    assert 'name="received-2" id="s-2-received" value="received" checked' in page
    assert 'name="received-1" id="s-1-received" value="received" autocomplete' in page
    assert 'name="copies-0" value="2"' in page
    assert f'name="upload-0" value="{scan.pk}"' in page
    assert "申请书扫描.pdf" in page
    assert not ForwardedApplication.objects.exists()
    assert PendingUpload.objects.filter(pk=scan.pk).exists()


def test_the_message_of_a_refusal_names_the_missing_materials(client, window_clerk, food_licence):
    client.force_login(window_clerk)
    response = client.post(
        reverse("forward_new", args=[food_licence.pk]), applicant_data(), follow=True
    )
    message = str(next(iter(response.context["messages"])))
    assert "食品经营许可申请书" in message and "营业执照复印件" in message


def test_a_wrong_id_number_is_shown_at_its_field(client, window_clerk, food_licence):
    client.force_login(window_clerk)
    data = applicant_data(
        id_number="610402199005171234", **{"received-0": "received", "received-1": "received"}
    )
    response = client.post(reverse("forward_new", args=[food_licence.pk]), data)
    assert response.status_code == 200
    assert 'value="610402199005171234"' in response.text
    assert "invalid-feedback" in response.text


def test_the_clerk_forwards_and_lands_on_the_receipt(client, window_clerk, food_licence):
    client.force_login(window_clerk)
    scan = hold(window_clerk)
    data = applicant_data(
        **{
            "received-0": "received",
            "copies-0": "1",
            "upload-0": str(scan.pk),
            "received-1": "received",
            "copies-1": "1",
        }
    )
    response = client.post(reverse("forward_new", args=[food_licence.pk]), data)
    forwarded = ForwardedApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("forward_done", args=[forwarded.ref])
    assert forwarded.window == window_clerk.window
    assert OutboxMessage.objects.count() == 2
    page = client.get(response["Location"]).text
    assert forwarded.receipt_number in page
    assert "西安高新区" in page


def test_a_withdrawn_item_cannot_be_opened_and_a_late_withdrawal_keeps_the_input(
    client, window_clerk, food_licence
):
    client.force_login(window_clerk)
    url = reverse("forward_new", args=[food_licence.pk])
    food_licence.is_active = False
    food_licence.save()
    assert client.get(url).status_code == 404
    # Withdrawn while the clerk was typing: said so, and nothing typed is lost.
    response = client.post(url, applicant_data(**{"received-0": "received"}))
    assert response.status_code == 200
    assert "西安高新区" in str(next(iter(response.context["messages"])))
    assert 'value="李娜"' in response.text
    assert 'name="received-0" id="s-0-received" value="received" checked' in response.text
    assert not ForwardedApplication.objects.exists()


def test_the_upload_answers_with_the_held_scan_or_the_problem(client, window_clerk):
    client.force_login(window_clerk)
    url = reverse("forward_upload", args=[1])
    held = client.post(url, {"file": SimpleUploadedFile("执照.pdf", pdf_bytes(500))}).text
    upload = PendingUpload.objects.get()
    assert f'name="upload-1" value="{upload.pk}"' in held
    too_big = SimpleUploadedFile("大.pdf", pdf_bytes(forwarding.max_scan_bytes() + 1))
    refused = client.post(url, {"file": too_big}).text
    assert 'role="alert"' in refused
    assert PendingUpload.objects.count() == 1


def test_the_list_filters_by_status_and_partner(client, window_clerk, food_licence):
    first = forwarded_for(window_clerk, food_licence, "李娜")
    second = forwarded_for(window_clerk, food_licence, "张敏")
    ForwardedApplication.objects.filter(pk=second.pk).update(status=Status.READY)
    client.force_login(window_clerk)

    page = client.get(reverse("forwarded")).text
    assert first.receipt_number in page and second.receipt_number in page
    ready = client.get(reverse("forwarded"), {"status": "ready"}).text
    assert second.receipt_number in ready and first.receipt_number not in ready
    found = client.get(reverse("forwarded"), {"q": "李娜"}).text
    assert first.receipt_number in found and second.receipt_number not in found
    by_partner = client.get(reverse("forwarded"), {"partner": "XAGX"}).text
    assert first.receipt_number in by_partner
    Partner.objects.create(code="BJHD", name="北京海淀", base_url="https://x")
    other = client.get(reverse("forwarded"), {"partner": "BJHD"}).text
    assert first.receipt_number not in other


def test_the_detail_shows_the_shared_history_of_both_zones(
    client, window_clerk, food_licence, xian
):
    scan = hold(window_clerk, "申请书.pdf")
    forwarded = forwarding.forward(
        actor=window_clerk,
        item=food_licence,
        applicant=person(name="李娜"),
        materials=receipts(True, True, False, uploads={0: [scan]}),
        window=window_clerk.window,
    )
    ApplicationEvent.objects.create(
        ref=forwarded.ref,
        at=forwarded.received_at + dt.timedelta(hours=1),
        zone="XAGX",
        action="request_correction",
        status="correction",
        note="营业执照复印件不清晰",
    )
    ForwardedApplication.objects.filter(pk=forwarded.pk).update(status=Status.CORRECTION)
    client.force_login(window_clerk)
    page = client.get(reverse("forwarded_detail", args=[forwarded.ref])).text
    assert page.count('data-testid="history-line"') == 2
    assert 'data-action="forward" data-zone="XYGX"' in page
    assert 'data-action="request_correction" data-zone="XAGX"' in page
    assert "咸阳高新区" in page and "西安高新区" in page
    assert "营业执照复印件不清晰" in page
    assert 'data-testid="to-act"' in page
    # The scan opens for the clerk.
    kept = ExchangeFile.objects.get()
    response = client.get(reverse("forwarded_file", args=[forwarded.ref, kept.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    missing = reverse("forwarded_file", args=[forwarded.ref, uuid.uuid4()])
    assert client.get(missing).status_code == 404


def test_an_approver_sees_none_of_these_pages(client, approver, window_clerk, food_licence):
    forwarded = forwarded_for(window_clerk, food_licence)
    client.force_login(approver)
    for url in [
        reverse("forward_desk"),
        reverse("forward_items") + "?q=食品",
        reverse("forward_new", args=[food_licence.pk]),
        reverse("forward_done", args=[forwarded.ref]),
        reverse("forwarded"),
        reverse("forwarded_detail", args=[forwarded.ref]),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("forward_new", args=[food_licence.pk]), {}).status_code == 403
    upload = {"file": SimpleUploadedFile("a.pdf", pdf_bytes(100))}
    assert client.post(reverse("forward_upload", args=[0]), upload).status_code == 403
    assert f'href="{reverse("forward_desk")}"' not in client.get("/").text


def test_a_visitor_is_sent_to_sign_in(client, food_licence):
    response = client.get(reverse("forward_desk"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
