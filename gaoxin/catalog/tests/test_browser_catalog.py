"""The catalog in a real browser: typing pinyin initials narrows the list as you type, the
guide opens, and an administrator changes a limit through an Excel round trip."""

import io

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
