"""In a real browser: signing in, navigation by role, lockout, and the language switch."""

import pytest
from playwright.sync_api import Page, expect

from gaoxin.core.tests.browser import sign_in
from gaoxin.core.tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_clerk_and_an_administrator_see_different_navigation(
    live_server, page: Page, clerk, admin_user
):
    sign_in(page, live_server.url, "clerk")
    navigation = page.get_by_test_id("navigation")
    expect(page.get_by_test_id("start-role")).to_contain_text("窗口人员")
    expect(navigation).to_contain_text("工作台")
    expect(navigation).not_to_contain_text("工作人员账号")
    expect(navigation).not_to_contain_text("审计日志")

    page.get_by_role("button", name="退出").click()
    sign_in(page, live_server.url, "admin")
    expect(page.get_by_test_id("start-role")).to_contain_text("系统管理员")
    expect(navigation).to_contain_text("工作人员账号")
    expect(navigation).to_contain_text("工作日历")
    page.get_by_role("link", name="工作人员账号").click()
    expect(page.get_by_role("heading", name="工作人员账号")).to_be_visible()
    expect(page.get_by_role("cell", name="王丽")).to_be_visible()


def test_five_wrong_passwords_lock_the_account(live_server, page: Page, clerk):
    for _ in range(5):
        sign_in(page, live_server.url, "clerk", "not-the-password")
        expect(page.get_by_role("alert")).to_be_visible()
    sign_in(page, live_server.url, "clerk")
    expect(page.get_by_test_id("locked-out")).to_contain_text("账号已锁定")
    expect(page.get_by_test_id("locked-out")).to_contain_text("15 分钟")


def test_switching_the_language_to_english_and_back(live_server, page: Page, supervisor):
    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    page.get_by_test_id("language-switch").click()
    expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible()

    page.get_by_label("Username").fill("supervisor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("start-role")).to_contain_text("Center supervisor")
    expect(page.get_by_test_id("navigation")).to_contain_text("Audit log")

    page.get_by_test_id("language-switch").click()
    expect(page.get_by_test_id("start-role")).to_contain_text("中心监察人员")


def test_an_approver_is_refused_another_departments_page(
    live_server, page: Page, approver, market_bureau
):
    sign_in(page, live_server.url, "approver")
    response = page.goto(f"{live_server.url}/departments/scjg/")
    assert response is not None and response.status == 403
    page.goto(f"{live_server.url}/department/")
    expect(page.get_by_test_id("department-name")).to_have_text("行政审批服务局")
