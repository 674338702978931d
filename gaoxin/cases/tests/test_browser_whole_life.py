"""A case's whole life in real browsers, one per person: the clerk accepts it at the intake
desk; the approver takes it up in the back office, reviews it, grants it and issues the
result; the clerk at the delivery window checks the ID number of the applicant, keeps a photo
of the signed receipt and hands the result over. After each move the applicant, on the public
progress page, sees the new status."""

import subprocess

import pytest
from django.utils import translation
from playwright.sync_api import BrowserContext, Page, expect

from gaoxin.cases.models import Case, Delivery
from gaoxin.cases.workflow import Status
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.browser import sign_in
from gaoxin.core.tests.factories import UserFactory, WindowFactory, resident_id

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

APPLICANT_ID = resident_id(order=321)
PHONE = "13891234567"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def label(status: str) -> str:
    with translation.override("zh-hans"):  # the platform's language; the browsers are English
        return str(Status(status).label)


def progress_says(public: Page, base: str, number: str, status: str) -> None:
    public.goto(f"{base}/progress/?number={number}&check={PHONE[-4:]}")
    expect(public.get_by_test_id("progress-status")).to_have_text(label(status))


def pdf_text(page: Page, href: str, tmp_path) -> str:
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(response.body())
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def signed_in(new_context, base: str, username: str) -> Page:
    context: BrowserContext = new_context()  # a browser of their own
    page = context.new_page()
    sign_in(page, base, username)
    expect(page.get_by_test_id("current-user")).to_be_visible()
    return page


def test_a_case_from_the_intake_desk_to_the_delivery_window(
    live_server, page: Page, new_context, zone, desk_clerk, approver, approval_bureau, tmp_path
):
    base = live_server.url
    make_item(
        approval_bureau,
        name="药品零售企业经营许可",
        special_procedures=["expert_review"],
        needs_inspection=False,
        remote_inspection=False,
    )
    delivery_window = WindowFactory(number=11, name="综合出件窗口", kind=Window.Kind.DELIVERY)
    UserFactory(username="clerk2", full_name="杨帆", role=Role.CLERK, window=delivery_window)
    public = new_context().new_page()  # the applicant's phone
    public.set_viewport_size({"width": 390, "height": 844})

    # 1. The intake desk: the clerk accepts with every material received.
    sign_in(page, base, "clerk")
    page.goto(f"{base}/desk/")
    search = page.get_by_test_id("item-search")
    search.fill("药品零售")
    expect(page.locator("#item-results a").first).to_be_visible()
    search.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("intake-item")).to_be_visible()
    page.locator("#id_name").fill("李娜")
    page.locator("#id_id_number").fill(APPLICANT_ID)
    page.locator("#id_phone").fill(PHONE)
    page.keyboard.press("Alt+r")
    page.get_by_test_id("outcome-accept").click()
    expect(page.get_by_test_id("case-number")).to_contain_text("XYGX")
    case = Case.objects.get()
    number = case.number
    progress_says(public, base, number, Status.ACCEPTED)

    # 2. The back office: the approver takes the review up and passes it on.
    office = signed_in(new_context, base, "approver")
    office.goto(f"{base}/cases/queue/")
    office.get_by_test_id("queue-rows").get_by_text(number).click()
    expect(office.get_by_test_id("current-step")).to_be_visible()
    office.get_by_test_id("claim").click()
    office.locator("#pass-opinion").fill("申请材料齐全，符合法定条件，建议准予许可。")
    office.get_by_test_id("pass").click()
    progress_says(public, base, number, Status.IN_REVIEW)

    # The decision: taken up, granted.
    office.goto(f"{base}/cases/{case.pk}/work/")
    office.get_by_test_id("claim").click()
    office.get_by_test_id("grant").click()
    progress_says(public, base, number, Status.DECIDED)

    # The certificate (制证): the result document is issued and numbered.
    office.goto(f"{base}/cases/{case.pk}/work/")
    office.get_by_test_id("claim").click()
    office.get_by_test_id("pass").click()
    case.refresh_from_db()
    assert case.status == Status.AWAITING_DELIVERY and case.result_number
    progress_says(public, base, number, Status.AWAITING_DELIVERY)

    # 3. The delivery window: the clerk there lands on the delivery page.
    window = signed_in(new_context, base, "clerk2")
    window.goto(f"{base}/desk/")
    expect(window.get_by_test_id("delivery-find")).to_be_focused()
    window.keyboard.type(APPLICANT_ID)
    expect(window.get_by_test_id("delivery-case")).to_have_count(1)
    window.keyboard.press("ArrowDown")
    window.keyboard.press("Enter")
    expect(window.get_by_test_id("result-number")).to_have_text(case.result_number)
    window.screenshot(path=tmp_path / "delivery-page.png", full_page=True)

    # Someone else's ID number is not enough; the applicant's is.
    window.locator("#id_recipient_name").fill("李娜")
    window.get_by_test_id("recipient-id").fill(resident_id(order=777))
    expect(window.locator("#identity-check [data-match=no]")).to_be_visible()
    window.get_by_test_id("recipient-id").fill(APPLICANT_ID)
    expect(window.locator("#identity-check [data-match=yes]")).to_be_visible()

    # Handed over without the receipt: the page says so and keeps what was typed.
    window.keyboard.press("Alt+s")
    expect(window.get_by_test_id("slot-receipt").get_by_role("alert")).to_be_visible()
    expect(window.get_by_test_id("recipient-id")).to_have_value(APPLICANT_ID)
    receipt = tmp_path / "签收单.png"
    receipt.write_bytes(PNG)
    window.get_by_test_id("receipt-file").set_input_files(receipt)
    expect(window.get_by_test_id("slot-receipt")).to_contain_text("签收单.png")
    window.screenshot(path=tmp_path / "delivery-ready.png", full_page=True)
    window.keyboard.press("Alt+s")

    expect(window.get_by_test_id("delivery-done-status")).to_contain_text(label(Status.COMPLETED))
    window.screenshot(path=tmp_path / "delivery-done.png", full_page=True)
    href = window.get_by_test_id("notice-link").get_attribute("href")
    assert "办结通知书" in pdf_text(window, f"{base}{href}", tmp_path)
    case.refresh_from_db()
    assert case.status == Status.COMPLETED
    assert case.delivery.receipt and case.delivery.window == delivery_window

    progress_says(public, base, number, Status.COMPLETED)
    with translation.override("zh-hans"):
        collected = str(Delivery.Method.PICKUP.label)
    expect(public.get_by_test_id("progress-stages")).to_contain_text(collected)
    public.screenshot(path=tmp_path / "progress.png", full_page=True)
    for name in ("王丽", "张伟", "杨帆", "申请材料齐全"):
        expect(public.get_by_test_id("progress-result")).not_to_contain_text(name)
