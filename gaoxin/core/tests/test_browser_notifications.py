"""The bell in a real browser: the unread count, the list, opening one by keyboard, and
marking all read with Alt+M."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gaoxin.core import notifications
from gaoxin.core.tests.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_bell_counts_unread_and_the_list_opens_by_keyboard(
    live_server, page: Page, approver, tmp_path
):
    notifications.notify(
        approver,
        "办件即将超期：XYGX20261123000001",
        "药品零售企业经营许可：审查环节应于2026年11月26日前完成。",
        "/department/",
    )
    notifications.notify(
        approver,
        "办件已超期（红牌）：XYGX20261120000007",
        "食品经营许可，李娜。承诺办结期限为2026年11月27日。",
        "/department/",
    )
    sign_in(page, live_server.url, "approver")
    bell = page.get_by_test_id("notification-bell")
    expect(bell.get_by_test_id("unread-count")).to_have_text("2")
    # Screen readers hear the count too (the badge itself is hidden from them).
    expect(bell).to_have_attribute("aria-label", re.compile(r"\b2\b"))

    bell.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/notifications/")
    items = page.get_by_test_id("notification")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("XYGX20261120000007")  # newest first
    shots = Path(os.environ.get("GX_SCREENSHOTS", tmp_path))
    page.screenshot(path=shots / "notifications.png", full_page=True)

    items.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/department/")
    expect(bell.get_by_test_id("unread-count")).to_have_text("1")

    bell.click()
    expect(page.locator("[data-testid=notification][data-unread]")).to_have_count(1)
    page.keyboard.press("Alt+m")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(bell.get_by_test_id("unread-count")).to_have_count(0)
    expect(page.locator("[data-testid=notification][data-unread]")).to_have_count(0)
    page.screenshot(path=shots / "notifications-read.png", full_page=True)
