"""A clerk at our window, in a real browser and from the keyboard, receives an application
for a partner zone's item: finds the item, types the applicant, ticks the partner's list with
a scan, forwards it (Alt+F) and gives the applicant the receipt number. The partner is this
very deployment at the live server's address (``ourselves``): once the outbox is delivered,
the application's shared history shows it forwarded here and arrived there.
Screenshots of the desk and of the history, in Chinese and in English."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.tests.browser import sign_in
from gaoxin.core.tests.factories import resident_id
from gaoxin.exchange import outbox, services
from gaoxin.exchange.models import ExchangeFile, ForwardedApplication, OutboxMessage
from gaoxin.exchange.tests.partner_items import pdf_bytes, window, window_clerk  # noqa: F401
from gaoxin.exchange.tests.peers import ourselves, zone  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def speak(context: BrowserContext, base: str, language: str) -> None:
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])


@pytest.fixture
def partner(ourselves, live_server, admin_user, approval_bureau):  # noqa: F811
    """Ourselves as the partner, at the live server, with our own food licence agreed (its
    catalog fetched over the exchange, as the administrator's refresh does)."""
    make_item(approval_bureau, name="食品经营许可")
    ourselves.base_url = live_server.url
    ourselves.save()
    services.refresh_catalog(actor=admin_user, partner=ourselves)
    return ourselves


def test_a_clerk_forwards_an_application_to_a_partner_zone(
    live_server,
    page: Page,
    context: BrowserContext,
    partner,
    window_clerk,  # noqa: F811
    tmp_path,
):
    base = live_server.url
    folder = shots(tmp_path)
    sign_in(page, base, "clerk")
    page.get_by_test_id("navigation").locator('a[href="/desk/partner/"]').click()
    # A click waits for the navigation to commit, not for the page's scripts: keys typed
    # before htmx has set the search up would be lost.
    page.wait_for_load_state("load")

    # 1. The item, by name: the partner's name on it; ↓ and Enter choose it.
    search = page.get_by_test_id("partner-item-search")
    expect(search).to_be_focused()
    search.press_sequentially("食品")
    expect(page.get_by_test_id("partner-item")).to_have_count(1)
    expect(page.get_by_test_id("partner-badge")).to_contain_text(partner.name)
    page.screenshot(path=folder / "forward-desk-zh.png", full_page=True)
    search.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("forward-item")).to_have_text("食品经营许可")

    # 2. The applicant, as at the intake desk.
    page.locator("#id_name").fill("李娜")
    page.locator("#id_id_number").fill(resident_id(order=321))
    page.locator("#id_phone").fill("13891234567")

    # 3. A scan for the first material (which ticks it), then all required ones at once.
    first = page.get_by_test_id("material").first
    first.locator("input[type=file]").set_input_files(
        files=[{"name": "申请书.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(4000)}]
    )
    expect(first.get_by_test_id("scan")).to_contain_text("申请书.pdf")
    expect(first.locator("input[name=received-0]")).to_be_checked()
    page.keyboard.press("Alt+r")
    expect(page.locator("input[name=received-1]")).to_be_checked()
    expect(page.locator("input[name=received-2]")).not_to_be_checked()  # conditional
    page.wait_for_timeout(300)  # the buttons' colour transition, for the screenshot
    page.screenshot(path=folder / "forward-form-zh.png", full_page=True)

    # 4. Alt+F forwards: the receipt number for the applicant.
    page.keyboard.press("Alt+f")
    expect(page.get_by_test_id("forward-done")).to_be_visible()
    forwarded = ForwardedApplication.objects.get()
    expect(page.get_by_test_id("receipt-number")).to_have_text(forwarded.receipt_number)
    assert [m.kind for m in OutboxMessage.objects.order_by("sequence")] == [
        "application.file",
        "application.forward",
    ]
    assert ExchangeFile.objects.get(partner=partner).name == "申请书.pdf"

    # The worker delivers it to the partner, whose answer ("arrived") comes back.
    outbox.deliver_pending()
    outbox.deliver_pending()
    page.keyboard.press("Alt+h")
    lines = page.get_by_test_id("history-line")
    expect(lines.first).to_have_attribute("data-action", "forward")
    expect(page.locator('[data-testid=history-line][data-action="arrived"]')).to_have_count(1)
    expect(page.get_by_test_id("forwarded-status")).to_have_attribute("data-status", "forwarded")
    page.screenshot(path=folder / "forward-detail-zh.png", full_page=True)

    # The same in English; and the list.
    speak(context, base, "en")
    page.reload()
    expect(lines.first).to_have_attribute("data-action", "forward")
    page.screenshot(path=folder / "forward-detail-en.png", full_page=True)
    page.goto(f"{base}/desk/partner/forwarded/")
    expect(page.get_by_test_id("forwarded-row")).to_have_count(1)
    page.screenshot(path=folder / "forwarded-en.png", full_page=True)
    page.goto(f"{base}/desk/partner/new/{forwarded.item_id}/")
    page.screenshot(path=folder / "forward-form-en.png", full_page=True)
    page.goto(f"{base}/desk/partner/")
    page.get_by_test_id("partner-item-search").press_sequentially("食品")
    expect(page.get_by_test_id("partner-item")).to_have_count(1)
    page.screenshot(path=folder / "forward-desk-en.png", full_page=True)
