"""A supervisor in a real browser: an overdue case shows red and opens with its clock."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gaoxin.cases import intake
from gaoxin.cases.models import Case
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.core.tests.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_overdue_case_is_red_and_opens_with_its_clock(
    live_server, page: Page, zone, desk_clerk, intake_window, food_item, supervisor
):
    case = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(
        warning_date=today - dt.timedelta(days=4), deadline=today - dt.timedelta(days=1)
    )
    sign_in(page, live_server.url, "supervisor")
    expect(page.get_by_test_id("start-clock")).to_contain_text("1")
    page.get_by_test_id("navigation").get_by_role("link", name="电子监察").click()
    row = page.get_by_test_id("case-rows").locator("tr", has_text=case.number)
    expect(row.locator("[data-level=red]")).to_be_visible()
    row.get_by_role("link", name=case.number).click()
    expect(page.get_by_test_id("case-clock")).to_be_visible()
    expect(page.get_by_test_id("case-materials")).to_contain_text("营业执照")
