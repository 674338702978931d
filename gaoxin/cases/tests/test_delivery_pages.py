"""The delivery window (综合窗口出件) through its pages: the clerk finds the result, checks the
ID number of whoever collects it as they type, keeps the signed receipt, or records the post;
what was typed or uploaded survives a message, and the case ends completed with its 办结通知."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.cases import backoffice, delivery, intake
from gaoxin.cases.forms import DeliveryForm
from gaoxin.cases.models import Case, Delivery, Notice, PendingUpload
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.factories import person
from gaoxin.cases.workflow import Status
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory, resident_id

pytestmark = pytest.mark.usefixtures("zone")

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
APPLICANT_ID = resident_id(order=321)
AGENT_ID = resident_id(order=555)
STRANGER_ID = resident_id(order=777)


def to_the_window(case, approver, *, grant=True):
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="符合条件")
    backoffice.claim(actor=approver, case=case)
    if not grant:
        backoffice.decide(
            actor=approver, case=case, grant=False, reason="场所不符", basis="第十二条"
        )
        return Case.objects.get(pk=case.pk)
    backoffice.decide(actor=approver, case=case, grant=True)
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case)
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def ready(desk_clerk, intake_window, plain_item, approver):
    """A granted result waiting at the window; the applicant named an agent at intake."""
    applicant = person(agent_name="周杰", agent_id_number=AGENT_ID, address="咸阳市世纪大道1号")
    case = intake.accept(
        actor=desk_clerk, intake=make_intake(plain_item, intake_window, applicant=applicant)
    )
    return to_the_window(case, approver)


@pytest.fixture
def delivery_clerk(db):
    window = WindowFactory(number=11, name="综合出件窗口", kind=Window.Kind.DELIVERY)
    return UserFactory(username="clerk2", full_name="杨帆", role=Role.CLERK, window=window)


def hold(client, slot, name="receipt.png", content=PNG):
    response = client.post(
        reverse("delivery_upload", args=[slot]),
        {"file": SimpleUploadedFile(name, content, content_type="image/png")},
    )
    return response


def pickup(**overrides):
    data = {"method": "pickup", "recipient_name": "李娜", "recipient_id_number": APPLICANT_ID}
    data.update(overrides)
    return data


def test_the_window_lists_results_and_finds_them_by_id_number_or_case_number(
    client, delivery_clerk, ready, desk_clerk, intake_window, plain_item
):
    other = intake.accept(
        actor=desk_clerk,
        intake=make_intake(plain_item, intake_window, applicant=person(name="王芳")),
    )
    client.force_login(delivery_clerk)
    page = client.get(reverse("delivery")).text
    assert ready.number in page and other.number not in page  # not decided yet
    assert APPLICANT_ID not in page  # masked in the list
    for term in (APPLICANT_ID.lower(), ready.number, AGENT_ID, "李娜", ready.phone):
        found = client.get(reverse("delivery"), {"find": term}).text
        assert reverse("delivery_case", args=[ready.pk]) in found, term
    nothing = client.get(reverse("delivery"), {"find": STRANGER_ID}).text
    assert 'data-testid="delivery-empty"' in nothing


def test_the_list_answers_htmx_with_its_rows_only(client, delivery_clerk, ready):
    client.force_login(delivery_clerk)
    response = client.get(
        reverse("delivery"),
        {"find": ready.number},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="delivery-rows",
    )
    assert response.text.startswith('<div id="delivery-rows"')
    assert ready.number in response.text


def test_a_clerk_at_a_delivery_window_lands_on_the_delivery_page(client, delivery_clerk):
    client.force_login(delivery_clerk)
    response = client.get(reverse("desk"))
    assert response.status_code == 302 and response["Location"] == reverse("delivery")


def test_only_window_clerks_hand_out_results(client, approver, ready):
    client.force_login(approver)
    assert client.get(reverse("delivery")).status_code == 403
    assert client.get(reverse("delivery_case", args=[ready.pk])).status_code == 403


def test_the_page_shows_the_result_and_who_is_on_record(client, delivery_clerk, ready):
    client.force_login(delivery_clerk)
    page = client.get(reverse("delivery_case", args=[ready.pk])).text
    assert ready.result_number in page
    result = ready.notices.get(kind=Notice.Kind.RESULT)
    assert reverse("notice_pdf", args=[result.pk]) in page
    assert "周杰" in page  # the agent on record
    assert APPLICANT_ID not in page and AGENT_ID not in page  # masked
    assert 'value="咸阳市世纪大道1号"' in page  # the address, ready for the post
    assert 'capture="environment"' in page  # a photo of the receipt from the camera


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (APPLICANT_ID, 'data-match="yes"'),
        (AGENT_ID, 'data-match="yes"'),
        (STRANGER_ID, 'data-match="no"'),
        ("610402199005171234", 'role="alert"'),  # a wrong check digit
        ("6104021990", "10"),  # still typing
    ],
)
def test_the_id_number_is_checked_as_the_clerk_types(
    client, delivery_clerk, ready, typed, expected
):
    client.force_login(delivery_clerk)
    response = client.get(
        reverse("delivery_identity", args=[ready.pk]),
        {"recipient_id_number": typed},
        HTTP_HX_REQUEST="true",
    )
    assert expected in response.text
    if typed == AGENT_ID:
        assert "周杰" in response.text


def test_a_pickup_with_the_receipt_completes_the_case(client, delivery_clerk, ready):
    client.force_login(delivery_clerk)
    held = hold(client, "receipt")
    upload = PendingUpload.objects.get()
    assert str(upload.pk) in held.text
    response = client.post(
        reverse("delivery_case", args=[ready.pk]),
        pickup(receipt_upload=str(upload.pk), window=str(delivery_clerk.window_id)),
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("delivery_done", args=[ready.pk]))
    case = Case.objects.get(pk=ready.pk)
    assert case.status == Status.COMPLETED
    assert case.delivery.method == Delivery.Method.PICKUP
    assert case.delivery.window == delivery_clerk.window
    assert case.delivery.receipt.read().startswith(b"\x89PNG")
    assert not PendingUpload.objects.exists()
    done = client.get(response["Location"]).text
    completion = case.notices.get(kind=Notice.Kind.COMPLETION)
    assert reverse("notice_pdf", args=[completion.pk]) in done
    assert reverse("delivery_file", args=[case.pk, "receipt"]) in done
    kept = client.get(reverse("delivery_file", args=[case.pk, "receipt"]))
    assert kept.status_code == 200 and kept["Content-Type"] == "image/png"
    # The delivery page of a completed case leads to what was done.
    again = client.get(reverse("delivery_case", args=[case.pk]))
    assert (
        again.status_code == 302 and reverse("delivery_done", args=[case.pk]) in again["Location"]
    )


def test_a_refused_hand_over_keeps_what_was_typed_and_uploaded(client, delivery_clerk, ready):
    client.force_login(delivery_clerk)
    hold(client, "receipt")
    receipt = PendingUpload.objects.get()
    data = pickup(
        recipient_name="周晓明",
        recipient_id_number=STRANGER_ID,
        receipt_upload=str(receipt.pk),
    )
    page = client.post(reverse("delivery_case", args=[ready.pk]), data)
    assert page.status_code == 200
    assert "neither the applicant" in page.text.lower() or "既不是" in page.text
    assert 'value="周晓明"' in page.text and f'value="{STRANGER_ID}"' in page.text
    assert str(receipt.pk) in page.text and "receipt.png" in page.text  # the receipt is kept
    # As an agent, the letter of authorisation is asked for next.
    data["by_agent"] = "on"
    page = client.post(reverse("delivery_case", args=[ready.pk]), data)
    assert 'data-testid="slot-authorisation"' in page.text
    assert 'name="by_agent" checked' in page.text
    assert Case.objects.get(pk=ready.pk).status == Status.AWAITING_DELIVERY
    hold(client, "authorisation", name="委托书.png")
    letter = PendingUpload.objects.get(name="委托书.png")
    data["authorisation_upload"] = str(letter.pk)
    client.post(reverse("delivery_case", args=[ready.pk]), data)
    case = Case.objects.get(pk=ready.pk)
    assert case.status == Status.COMPLETED and case.delivery.by_agent
    assert case.delivery.authorisation


def test_the_form_makes_the_hand_over_with_the_clerks_own_uploads(
    client, delivery_clerk, desk_clerk
):
    # What both hand-over pages (this window's and the exchange's) make of the typed form.
    client.force_login(delivery_clerk)
    hold(client, "receipt")
    hold(client, "authorisation", name="委托书.png")
    receipt = PendingUpload.objects.get(name="receipt.png")
    letter = PendingUpload.objects.get(name="委托书.png")
    uploads = {"receipt_upload": str(receipt.pk), "authorisation_upload": str(letter.pk)}
    window = delivery_clerk.window
    form = DeliveryForm(pickup(by_agent="on", **uploads))
    assert form.is_valid()
    held = delivery.held_uploads(form, delivery_clerk)
    assert held == {"authorisation": letter, "receipt": receipt}
    assert delivery.held_uploads(form, desk_clerk) == {}  # another clerk's uploads: none
    assert delivery.Handover.from_form(form, held=held, window=window) == delivery.Handover(
        method="pickup",
        recipient_name="李娜",
        recipient_id_number=APPLICANT_ID,
        by_agent=True,
        authorisation=letter,
        receipt=receipt,
        window=window,
    )
    # By post nobody collects: the letter stays held for the page, but is not handed over.
    form = DeliveryForm(
        {
            **pickup(method="post", by_agent="on"),
            "address": "咸阳市世纪大道1号",
            "carrier": "中国邮政EMS",
            "tracking_number": "1151234567890",
            **uploads,
        }
    )
    assert form.is_valid()
    held = delivery.held_uploads(form, delivery_clerk)
    assert set(held) == {"authorisation", "receipt"}
    assert delivery.Handover.from_form(form, held=held, window=None) == delivery.Handover(
        method="post",
        address="咸阳市世纪大道1号",
        carrier="中国邮政EMS",
        tracking_number="1151234567890",
        receipt=receipt,
    )


def test_a_missing_receipt_is_said_at_its_place(client, delivery_clerk, ready):
    client.force_login(delivery_clerk)
    page = client.post(reverse("delivery_case", args=[ready.pk]), pickup()).text
    slot = page.split('data-testid="slot-receipt"')[1].split("</span>\n</span>")[0]
    assert 'role="alert"' in slot


def test_a_text_file_is_not_a_receipt(client, delivery_clerk):
    client.force_login(delivery_clerk)
    response = hold(client, "receipt", name="receipt.pdf", content=b"not a pdf")
    assert 'role="alert"' in response.text
    assert not PendingUpload.objects.exists()


def test_by_post_with_the_address_and_tracking_number(client, delivery_clerk, ready):
    client.force_login(delivery_clerk)
    data = {"method": "post", "address": "咸阳市世纪大道1号", "carrier": "中国邮政EMS"}
    page = client.post(reverse("delivery_case", args=[ready.pk]), data).text
    assert 'value="中国邮政EMS"' in page  # kept while the tracking number is asked for
    assert Case.objects.get(pk=ready.pk).status == Status.AWAITING_DELIVERY
    data["tracking_number"] = "1151234567890"
    response = client.post(reverse("delivery_case", args=[ready.pk]), data)
    assert response.status_code == 302
    case = Case.objects.get(pk=ready.pk)
    assert case.status == Status.COMPLETED
    assert (case.delivery.method, case.delivery.tracking_number) == ("post", "1151234567890")
    assert case.delivery.recipient_id_number == ""


def test_a_denial_is_handed_out_with_its_decision(
    client, desk_clerk, delivery_clerk, intake_window, plain_item, approver
):
    case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
    case = to_the_window(case, approver, grant=False)
    client.force_login(delivery_clerk)
    page = client.get(reverse("delivery_case", args=[case.pk])).text
    denial = case.notices.get(kind=Notice.Kind.DENIAL)
    assert reverse("notice_pdf", args=[denial.pk]) in page


def test_a_case_still_in_review_has_nothing_to_hand_out(
    client, desk_clerk, intake_window, plain_item
):
    case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
    client.force_login(desk_clerk)
    response = client.get(reverse("delivery_case", args=[case.pk]), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("delivery"))
    assert 'role="alert"' in response.text
