"""A clerk at the intake desk, in a real browser and mostly from the keyboard: an acceptance,
a one-time notice followed by a return visit and an acceptance, and a refusal. Every notice
opens as a PDF with Chinese text on a page that is not blank."""

import subprocess

import pytest
from playwright.sync_api import Page, expect

from gaoxin.cases.models import Case
from gaoxin.cases.workflow import Status
from gaoxin.core.tests.browser import sign_in
from gaoxin.core.tests.factories import resident_id

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_item(page: Page, base: str, initials: str) -> None:
    page.goto(f"{base}/desk/")
    search = page.get_by_test_id("item-search")
    search.fill(initials)
    expect(page.locator("#item-results a").first).to_be_visible()
    search.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("intake-item")).to_be_visible()


def fill_person(page: Page, name: str) -> None:
    page.locator("#id_name").fill(name)
    page.locator("#id_id_number").fill(resident_id(order=321))
    page.locator("#id_phone").fill("13891234567")


def check_pdf(page: Page, tmp_path, expected_text: str) -> None:
    href = page.get_by_test_id("notice-link").get_attribute("href")
    response = page.request.get(page.url.split("/desk/")[0] + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert expected_text in text
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:200])
    assert dark / (image.width * image.height) > 0.005, "the first page is blank"
    for png in tmp_path.glob("page*.png"):
        png.unlink()


def test_a_clerk_accepts_a_commitment_item_with_all_materials(
    live_server, page: Page, zone, desk_clerk, food_item, tmp_path
):
    sign_in(page, live_server.url, "clerk")
    open_item(page, live_server.url, "spjy")
    fill_person(page, "李娜")
    page.keyboard.press("Alt+r")  # all required materials received
    page.get_by_test_id("outcome-accept").click()
    expect(page.get_by_test_id("case-number")).to_contain_text("XYGX")
    check_pdf(page, tmp_path, "受理通知书")
    assert Case.objects.get().status == Status.ACCEPTED


def test_a_one_time_notice_then_the_applicant_returns_and_is_accepted(
    live_server, page: Page, zone, desk_clerk, food_item, tmp_path
):
    sign_in(page, live_server.url, "clerk")
    open_item(page, live_server.url, "spjy")
    fill_person(page, "张敏")
    page.keyboard.press("Alt+r")
    licence = food_item.materials.get(name="营业执照")
    page.locator(f"label[for=s-{licence.pk}-missing]").click()
    page.locator(f"input[name=problem-{licence.pk}]").fill("未提交营业执照副本复印件")
    page.get_by_test_id("outcome-correction").click()
    expect(page.get_by_test_id("notice-link")).to_be_visible()
    check_pdf(page, tmp_path, "营业执照")

    # The applicant comes back: found by ID number, nothing typed again.
    page.get_by_test_id("next-applicant").click()
    page.locator("input[name=find]").fill(resident_id(order=321))
    page.locator("input[name=find]").press("Enter")
    page.get_by_test_id("waiting").get_by_text("张敏").click()
    expect(page.locator("#id_name")).to_have_value("张敏")
    expect(page.locator(f"input[name=problem-{licence.pk}]")).to_have_value(
        "未提交营业执照副本复印件"
    )
    page.locator(f"label[for=s-{licence.pk}-received]").click()
    page.get_by_test_id("outcome-accept").click()
    expect(page.get_by_test_id("case-number")).to_be_visible()
    case = Case.objects.get()
    assert case.status == Status.ACCEPTED
    assert [e.action for e in case.events.all()] == ["receive", "request_correction", "accept"]


def test_a_refusal_with_its_reason_and_legal_basis(
    live_server, page: Page, zone, desk_clerk, food_item, tmp_path
):
    sign_in(page, live_server.url, "clerk")
    open_item(page, live_server.url, "spjy")
    fill_person(page, "王强")
    page.get_by_test_id("outcome-refuse").click()  # no reason yet: the form stays
    expect(page.locator("#id_reason")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("王强")
    page.locator("#id_reason").fill("申请人申请的经营项目属于市级审批权限")
    page.locator("#id_authority").fill("咸阳市市场监督管理局")
    page.get_by_test_id("outcome-refuse").click()
    expect(page.get_by_test_id("notice-link")).to_be_visible()
    check_pdf(page, tmp_path, "不予受理")
    assert Case.objects.get().status == Status.REFUSED
