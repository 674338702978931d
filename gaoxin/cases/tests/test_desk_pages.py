"""The intake desk through its pages: what the clerk types comes back when something is wrong,
and the four outcomes end on a page with the notice."""

import pytest
from django.urls import reverse

from gaoxin.cases.models import Case, PendingUpload, Submission
from gaoxin.cases.tests.factories import all_received
from gaoxin.cases.workflow import Status
from gaoxin.core.tests.factories import resident_id

pytestmark = pytest.mark.usefixtures("zone")

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def post_data(item, outcome, **overrides):
    data = {
        "kind": "person",
        "name": "李娜",
        "id_number": resident_id(order=321),
        "phone": "13891234567",
        "outcome": outcome,
    }
    for check in all_received(item):
        data[f"state-{check.material_id}"] = check.state
        data[f"copies-{check.material_id}"] = "1"
    data.update(overrides)
    return data


def test_the_desk_finds_items_by_pinyin_initials(client, desk_clerk, food_item):
    client.force_login(desk_clerk)
    response = client.get(reverse("desk_items"), {"q": "spjy"}, HTTP_HX_REQUEST="true")
    assert "食品经营许可" in response.text
    assert reverse("desk_new", args=[food_item.pk]) in response.text


def test_a_clerk_accepts_and_lands_on_the_case_with_its_notice(client, desk_clerk, food_item):
    client.force_login(desk_clerk)
    response = client.post(reverse("desk_new", args=[food_item.pk]), post_data(food_item, "accept"))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk_done", args=[case.pk])
    page = client.get(response["Location"]).text
    assert case.number in page
    assert "受理通知书" in page


def test_a_bad_id_number_comes_back_with_everything_typed(client, desk_clerk, food_item):
    client.force_login(desk_clerk)
    licence = food_item.materials.get(name="营业执照")
    data = post_data(
        food_item,
        "accept",
        id_number="610402199005171234",
        address="咸阳市秦都区世纪大道55号",
        **{f"problem-{licence.pk}": "复印件需加盖公章"},
    )
    response = client.post(reverse("desk_new", args=[food_item.pk]), data)
    assert response.status_code == 200
    assert "校验码不符" in response.text
    assert 'value="咸阳市秦都区世纪大道55号"' in response.text
    assert 'value="复印件需加盖公章"' in response.text
    assert not Case.objects.exists()


def test_an_uploaded_scan_survives_a_refused_submit(client, desk_clerk, food_item):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(desk_clerk)
    licence = food_item.materials.get(name="营业执照")
    response = client.post(
        reverse("desk_upload", args=[licence.pk]),
        {"file": SimpleUploadedFile("营业执照.png", PNG, content_type="image/png")},
    )
    upload = PendingUpload.objects.get()
    assert str(upload.pk) in response.text
    data = post_data(food_item, "accept", phone="123", **{f"upload-{licence.pk}": str(upload.pk)})
    page = client.post(reverse("desk_new", args=[food_item.pk]), data).text
    assert "营业执照.png" in page and str(upload.pk) in page
    data["phone"] = "13891234567"
    client.post(reverse("desk_new", args=[food_item.pk]), data)
    submission = Submission.objects.get(material=licence)
    assert submission.file_name == "营业执照.png"
    assert not PendingUpload.objects.exists()


def test_a_text_file_posing_as_a_scan_is_refused(client, desk_clerk, food_item):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(desk_clerk)
    licence = food_item.materials.get(name="营业执照")
    response = client.post(
        reverse("desk_upload", args=[licence.pk]),
        {
            "file": SimpleUploadedFile(
                "scan.pdf", b"not a pdf at all", content_type="application/pdf"
            )
        },
    )
    assert 'role="alert"' in response.text
    assert not PendingUpload.objects.exists()


def test_a_correction_then_a_return_visit_then_acceptance(client, desk_clerk, food_item):
    client.force_login(desk_clerk)
    licence = food_item.materials.get(name="营业执照")
    data = post_data(
        food_item,
        "request_correction",
        **{f"state-{licence.pk}": "missing", f"problem-{licence.pk}": "未提交营业执照复印件"},
    )
    client.post(reverse("desk_new", args=[food_item.pk]), data)
    case = Case.objects.get()
    assert case.status == Status.CORRECTION
    desk = client.get(reverse("desk"), {"find": case.id_number}).text
    assert case.receipt_number in desk
    resumed = client.get(reverse("desk_resume", args=[case.pk])).text
    assert 'value="李娜"' in resumed and "未提交营业执照复印件" in resumed
    client.post(reverse("desk_resume", args=[case.pk]), post_data(food_item, "accept"))
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


def test_a_refusal_without_a_reason_keeps_the_form_open(client, desk_clerk, food_item):
    client.force_login(desk_clerk)
    data = post_data(food_item, "refuse", reason="", basis="")
    response = client.post(reverse("desk_new", args=[food_item.pk]), data)
    assert response.status_code == 200
    assert '<details class="col-lg-6" open>' in response.text
    assert not Case.objects.exists()


def test_the_notice_opens_as_a_pdf(client, desk_clerk, food_item):
    client.force_login(desk_clerk)
    client.post(reverse("desk_new", args=[food_item.pk]), post_data(food_item, "accept"))
    notice = Case.objects.get().notices.get()
    response = client.get(reverse("notice_pdf", args=[notice.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_desk_is_for_window_clerks(client, approver, food_item):
    client.force_login(approver)
    assert client.get(reverse("desk")).status_code == 403
    assert client.get(reverse("desk_new", args=[food_item.pk])).status_code == 403


def test_the_clerks_start_page_counts_today_at_the_window(client, desk_clerk, food_item):
    client.force_login(desk_clerk)
    client.post(reverse("desk_new", args=[food_item.pk]), post_data(food_item, "accept"))
    licence = food_item.materials.get(name="营业执照")
    client.post(
        reverse("desk_new", args=[food_item.pk]),
        post_data(
            food_item,
            "request_correction",
            **{f"state-{licence.pk}": "missing", f"problem-{licence.pk}": "未提交"},
        ),
    )
    page = client.get(reverse("start")).text
    panel = page.split('data-testid="start-window"')[1]
    stats = [part.split("</div>")[0] for part in panel.split('class="gx-stat')[1:5]]
    assert [s.rsplit(">", 1)[-1] for s in stats] == ["2", "1", "1", "0"]


def test_other_roles_do_not_get_the_window_panel(client, approver):
    client.force_login(approver)
    assert 'data-testid="start-window"' not in client.get(reverse("start")).text
