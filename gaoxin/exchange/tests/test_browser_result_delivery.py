"""At our window, in a real browser and from the keyboard, the clerk hands a partner
zone's result to the applicant: opens the application (its result documents fetched from the
partner, printable), Alt+D to the hand-over; someone else's ID number is refused with what was
typed kept; the applicant's own, with a photo of the signed receipt, hands it over, and the
partner — this very deployment at the live server's address — completes its case, which
comes back into the shared history. Screenshots of the hand-over in Chinese and English."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from gaoxin.cases import notices
from gaoxin.cases.models import Notice
from gaoxin.cases.tests.conftest import *  # noqa: F403  (desk clerk, approver, items)
from gaoxin.cases.workflow import Status as CaseStatus
from gaoxin.core.tests.browser import sign_in
from gaoxin.exchange.tests.arrivals import PNG
from gaoxin.exchange.tests.result_flow import (
    APPLICANT,
    fetched,
    partner,  # noqa: F401 - fixture
    ready_here,
    settle,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OTHER_PERSON = "11010519491231002X"


def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def speak(context: BrowserContext, base: str, language: str) -> None:
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])


def test_the_clerk_hands_a_partners_result_to_the_applicant(
    live_server,
    page: Page,
    context: BrowserContext,
    partner,  # noqa: F811
    plain_item,
    desk_clerk,
    approver,
    tmp_path,
):
    ready = ready_here(partner, plain_item, desk_clerk, approver)
    forwarded, case = ready["forwarded"], ready["case"]
    notices.render(case.notices.get(kind=Notice.Kind.RESULT))
    fetched(forwarded)
    base, folder = live_server.url, shots(tmp_path)
    receipt = tmp_path / "receipt.png"
    receipt.write_bytes(PNG)

    sign_in(page, base, desk_clerk.username)
    page.goto(f"{base}/desk/partner/forwarded/{forwarded.ref}/")
    document = page.get_by_test_id("result-document")
    expect(document).to_have_attribute("data-received", "yes")
    expect(document.locator("a")).to_have_attribute(
        "href", f"/desk/partner/forwarded/{forwarded.ref}/files/{fetched(forwarded)[0].file.pk}/"
    )
    page.keyboard.press("Alt+d")
    expect(page).to_have_url(f"{base}/desk/partner/forwarded/{forwarded.ref}/deliver/")

    # Someone else's ID number: refused, and what was typed stays.
    page.locator("#id_recipient_name").fill("赵强")
    page.get_by_test_id("recipient-id").fill(OTHER_PERSON)
    expect(page.get_by_test_id("identity-check").locator("[data-match=no]")).to_be_visible()
    page.get_by_test_id("receipt-file").set_input_files(str(receipt))
    expect(page.get_by_test_id("slot-receipt")).to_contain_text("receipt.png")
    page.keyboard.press("Alt+s")
    expect(page.get_by_test_id("recipient-id-error")).to_be_visible()
    expect(page.locator("#id_recipient_name")).to_have_value("赵强")
    expect(page.get_by_test_id("slot-receipt")).to_contain_text("receipt.png")
    page.screenshot(path=str(folder / "forward-deliver-refused-zh.png"), full_page=True)

    speak(context, base, "en")
    page.goto(f"{base}/desk/partner/forwarded/{forwarded.ref}/deliver/")
    expect(page.get_by_test_id("deliver")).to_contain_text("Hand over")
    page.screenshot(path=str(folder / "forward-deliver-en.png"), full_page=True)
    speak(context, base, "zh-hans")
    page.goto(f"{base}/desk/partner/forwarded/{forwarded.ref}/deliver/")
    page.screenshot(path=str(folder / "forward-deliver-zh.png"), full_page=True)

    # The applicant, with the photo of the signed receipt.
    page.locator("#id_recipient_name").fill(APPLICANT.name)
    page.get_by_test_id("recipient-id").fill(APPLICANT.id_number)
    expect(page.get_by_test_id("identity-check").locator("[data-match=yes]")).to_be_visible()
    page.get_by_test_id("receipt-file").set_input_files(str(receipt))
    expect(page.get_by_test_id("slot-receipt")).to_contain_text("receipt.png")
    page.keyboard.press("Alt+s")
    expect(page.get_by_test_id("forwarded-status")).to_have_attribute("data-status", "delivered")

    settle(partner)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    page.reload()
    history = page.get_by_test_id("history")
    expect(history.locator('[data-action="hand_over"]')).to_be_visible()
    expect(history.locator('[data-action="deliver"]')).to_be_visible()
    page.screenshot(path=str(folder / "forward-delivered-zh.png"), full_page=True)
