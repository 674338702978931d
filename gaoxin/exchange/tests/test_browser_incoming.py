"""At our window, from the keyboard: an application a partner zone received for us (it came
through our inbox's handler, the partner being this deployment) is opened from the list and
accepted with Alt+A; the case page shows whose window received it. Screenshots of the list
and the application in Chinese and in English."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from gaoxin.cases.models import Case
from gaoxin.cases.tests.conftest import *  # noqa: F403  (desk clerk, intake window, items)
from gaoxin.core.tests.browser import sign_in
from gaoxin.exchange.models import IncomingApplication
from gaoxin.exchange.tests.arrivals import PARTNER_RECEIPT, arrive

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def speak(context: BrowserContext, base: str, language: str) -> None:
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])


def test_the_clerk_opens_an_application_from_a_partner_and_accepts_it(
    live_server, page: Page, context: BrowserContext, ourselves, plain_item, desk_clerk, tmp_path
):
    application = arrive(ourselves, plain_item)
    base = live_server.url
    folder = shots(tmp_path)
    sign_in(page, base, desk_clerk.username)

    for language in ("en", "zh-hans"):
        speak(context, base, language)
        page.goto(f"{base}/desk/incoming/")
        expect(page.get_by_test_id("incoming-row")).to_have_text(PARTNER_RECEIPT)
        page.screenshot(path=folder / f"incoming-list-{language}.png", full_page=True)
        page.goto(f"{base}/desk/incoming/{application.pk}/")
        expect(page.get_by_test_id("incoming-scan")).to_have_count(1)
        page.screenshot(path=folder / f"incoming-detail-{language}.png", full_page=True)

    # From the list, by the keyboard only: the first waiting one has the focus.
    page.goto(f"{base}/desk/incoming/")
    expect(page.get_by_test_id("incoming-row")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("incoming-item")).to_have_text(plain_item.name)
    page.keyboard.press("Alt+A")

    expect(page.get_by_test_id("case-badge")).to_contain_text(PARTNER_RECEIPT)
    expect(page.get_by_test_id("case-badge")).to_contain_text(ourselves.name)
    page.screenshot(path=folder / "incoming-accepted-case.png", full_page=True)
    case = Case.objects.get()
    assert case.number in page.content()
    application.refresh_from_db()
    assert (application.status, application.case) == (IncomingApplication.Status.ACCEPTED, case)
