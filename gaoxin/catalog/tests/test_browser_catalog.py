"""The catalog in a real browser: typing pinyin initials narrows the list as you type, the
guide opens, and an administrator changes a limit through an Excel round trip."""

import io
import os
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from gaoxin.catalog import excel
from gaoxin.catalog.models import ServiceItem
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.tests.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_an_item_by_initials_and_reads_its_guide(
    live_server, page: Page, approval_bureau, market_bureau
):
    make_item(approval_bureau, name="食品经营许可")
    make_item(market_bureau, name="有限责任公司设立登记", kind="confirmation")
    page.goto(f"{live_server.url}/catalog/")
    results = page.get_by_test_id("catalog-results")
    expect(results).to_contain_text("有限责任公司设立登记")
    page.locator("#q").fill("spjy")  # no button: the list follows the typing
    expect(results).not_to_contain_text("有限责任公司设立登记")
    results.get_by_role("link", name="食品经营许可").click()
    expect(page.get_by_test_id("guide-title")).to_have_text("食品经营许可")
    expect(page.get_by_test_id("guide-materials")).to_contain_text("委托他人办理的")


def check_edited_export(page: Page, base: str, tmp_path, *, promised_days: int) -> None:
    """Export the catalog, set the first item's promised limit, and have an administrator
    check the file on the import page."""
    workbook = openpyxl.load_workbook(io.BytesIO(excel.export_catalog()))
    sheet = workbook[excel.ITEMS_SHEET]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index(excel.ITEM_HEADERS["promised_days"]) + 1
    sheet.cell(row=2, column=column, value=promised_days)
    edited = tmp_path / "catalog.xlsx"
    workbook.save(edited)
    sign_in(page, base, "admin")
    page.goto(f"{base}/catalog/manage/import/")
    page.locator("input[type=file]").set_input_files(str(edited))
    page.locator("form button[type=submit]").click()


def test_an_administrator_changes_a_limit_through_excel(
    live_server, page: Page, admin_user, approval_bureau, tmp_path
):
    item = make_item(approval_bureau, name="食品经营许可")
    check_edited_export(page, live_server.url, tmp_path, promised_days=3)
    report = page.get_by_test_id("import-report")
    expect(report).to_contain_text(item.code)
    assert ServiceItem.objects.get(code=item.code, is_current=True).version == 1  # dry run
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("catalog-results")).to_be_visible()
    current = ServiceItem.objects.get(code=item.code, is_current=True)
    assert (current.version, current.promised_days) == (2, 3)


def test_a_broken_file_is_explained_row_by_row(
    live_server, page: Page, admin_user, approval_bureau, tmp_path
):
    make_item(approval_bureau, name="食品经营许可")
    check_edited_export(page, live_server.url, tmp_path, promised_days=99)
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text(excel.ITEM_HEADERS["promised_days"])
    expect(errors.locator("tbody tr").first.locator("td").nth(1)).to_have_text("2")
    expect(page.get_by_test_id("confirm-import")).to_have_count(0)


def test_an_administrator_gives_an_item_a_route_in_the_editor(
    live_server, page: Page, admin_user, approval_bureau, market_bureau, tmp_path
):
    """The step boxes follow the route as it is edited: ticking the head's approval or
    choosing a second department brings their box, with its share of the limit in grey."""
    shots = Path(os.environ.get("GX_SCREENSHOTS", tmp_path))
    item = make_item(approval_bureau, promised_days=5)
    sign_in(page, live_server.url, "admin")
    page.goto(f"{live_server.url}/catalog/manage/{item.code}/edit/")
    steps = page.get_by_test_id("step-days")
    head_box = steps.locator("[name=step_days_head_approval]")
    joint_box = steps.locator("[name=step_days_joint_review]")
    expect(head_box).to_be_hidden()
    expect(steps.locator("[name=step_days_review]")).to_have_attribute("placeholder", "3")

    page.locator("#id_head_approval").check()
    expect(head_box).to_be_visible()
    expect(head_box).to_have_attribute("placeholder", "1")
    expect(steps.locator("[name=step_days_review]")).to_have_attribute("placeholder", "2")
    # The owning department is not offered for a joint review.
    joint = page.locator("#id_joint_department")
    expect(joint.locator(f"option[value='{approval_bureau.pk}']")).to_have_count(0)
    joint.select_option(str(market_bureau.pk))
    expect(joint_box).to_be_visible()
    steps.locator("[name=step_days_review]").fill("3")
    joint_box.fill("2")
    total = page.get_by_test_id("step-days-total")
    expect(total).to_contain_text("8")  # 3 + 2 + 1 + 1 + 1, more than the promised 5
    expect(total).to_have_class(re.compile("text-danger"))
    page.keyboard.press("Alt+s")  # refused: said by the boxes, and nothing typed is lost
    expect(page.get_by_test_id("step-days-error")).to_be_visible()
    expect(steps.locator("[name=step_days_review]")).to_have_value("3")
    expect(joint_box).to_have_value("2")
    expect(page.locator("#id_head_approval")).to_be_checked()
    page.screenshot(path=shots / "catalog-item-route-refused.png", full_page=True)

    page.locator("#id_promised_days").fill("8")
    expect(total).not_to_have_class(re.compile("text-danger"))
    expect(steps.locator("[name=step_days_review]")).to_have_value("3")  # kept while redrawn
    expect(joint_box).to_have_value("2")
    page.screenshot(path=shots / "catalog-item-route.png", full_page=True)
    page.keyboard.press("Alt+s")

    route = page.get_by_test_id("guide-route")
    expect(route).to_contain_text("市场监督管理分局")
    page.screenshot(path=shots / "catalog-guide-route.png", full_page=True)
    current = ServiceItem.objects.get(code=item.code, is_current=True)
    assert (current.version, current.promised_days, current.joint_department) == (
        2,
        8,
        market_bureau,
    )
    assert current.step_days == {"review": 3, "joint_review": 2}
    assert current.head_approval
