"""Two real deployments on 127.0.0.1, each with its own database (two_zones.py): a clerk at
zone A's window (咸阳高新区), in a real browser and from the keyboard, receives an application
for zone B's item (西安高新区) and forwards it; B's outbox tells A it arrived; a clerk at B
accepts it, and A's page shows B's acceptance and B's case number. B decides it; A fetches the
result document and hands it to the applicant at its window; B's case is completed (办结) and
A's history shows it.

Nothing of this test runs in the test database: each zone's server, delivery loop and
commands are processes of their own, and the story is read from the pages and from each
zone's database."""

import pytest
from playwright.sync_api import Page, expect

from gaoxin.core.demo.organisation import DEMO_PASSWORD
from gaoxin.core.tests.browser import sign_in
from gaoxin.core.tests.factories import resident_id
from gaoxin.exchange.tests import two_zones
from gaoxin.exchange.tests.arrivals import PNG

pytestmark = pytest.mark.e2e

ITEM = "食品经营许可（注销）"  # one of B's items open to cross-zone handling, in A's agreed list


@pytest.fixture
def zones(tmp_path):
    with two_zones.running(tmp_path) as (a, b):
        yield a, b


def test_forwarded_at_zone_a_decided_at_zone_b_delivered_at_zone_a(zones, page: Page, tmp_path):
    a, b = zones
    assert a.query("select count(*) from exchange_agreeditem where name = ?", ITEM) == [(1,)]

    # At A's window: the partner's item, the applicant, the partner's list, Alt+F.
    sign_in(page, a.url, two_zones.DEMO_CLERK, DEMO_PASSWORD)
    page.get_by_test_id("navigation").locator('a[href="/desk/partner/"]').click()
    # A click waits for the navigation to commit, not for the page's scripts: keys typed
    # before htmx has set the search up would be lost.
    page.wait_for_load_state("load")
    search = page.get_by_test_id("partner-item-search")
    expect(search).to_be_focused()
    search.press_sequentially(ITEM)
    # The first search at a server just started (a process of its own, on a busy machine in
    # CI) may take a few seconds.
    expect(page.get_by_test_id("partner-item").first).to_contain_text(ITEM, timeout=20_000)
    expect(page.get_by_test_id("partner-badge").first).to_contain_text("西安高新区")
    search.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("forward-item")).to_have_text(ITEM)
    page.locator("#id_name").fill("李娜")
    page.locator("#id_id_number").fill(resident_id(order=321))
    page.locator("#id_phone").fill("13891234567")
    page.keyboard.press("Alt+r")
    page.keyboard.press("Alt+f")
    expect(page.get_by_test_id("forward-done")).to_be_visible()
    receipt = page.get_by_test_id("receipt-number").inner_text().strip()
    [(ref,)] = a.query(
        "select ref from exchange_forwardedapplication where receipt_number = ?", receipt
    )

    # A's delivery loop takes it to B, where it waits for B's clerk; B tells A it arrived.
    waiting = "select status from exchange_incomingapplication where ref = ?"
    assert two_zones.wait_for(lambda: b.query(waiting, ref)) == [("waiting",)]
    arrived = "select zone from exchange_applicationevent where ref = ? and action = 'arrived'"
    assert two_zones.wait_for(lambda: a.query(arrived, ref)) == [("XAGX",)]

    # B's clerk accepts it: a case of B's, with B's number and clock.
    number = b.python(two_zones.accept_code(ref))
    assert number
    assert b.query("select number from cases_case where number = ?", number) == [(number,)]

    # A hears it, and its page shows B's acceptance and B's case number.
    heard = "select status, remote_number from exchange_forwardedapplication where ref = ?"
    two_zones.wait_for(lambda: a.query(heard, ref) == [("accepted", number)])
    page.keyboard.press("Alt+h")
    expect(page.get_by_test_id("forwarded-status")).to_have_attribute("data-status", "accepted")
    expect(page.get_by_test_id("remote-number")).to_have_text(number)
    history = page.get_by_test_id("history-line")
    expect(history.first).to_have_attribute("data-action", "forward")
    expect(history.first).to_have_attribute("data-zone", "XYGX")
    for action in ("arrived", "accept"):
        line = page.locator(f'[data-testid=history-line][data-action="{action}"]')
        expect(line).to_have_count(1)
        expect(line).to_have_attribute("data-zone", "XAGX")

    # B decides it; its result documents are listed in the status report A receives.
    assert b.python(two_zones.decide_code(number)) == "awaiting_delivery"
    two_zones.wait_for(lambda: a.query(heard, ref) == [("ready", number)])
    assert a.python(two_zones.fetch_code(ref)) >= 1

    # At A's window: the applicant collects the result, with the photo of the signed receipt.
    receipt = tmp_path / "receipt.png"
    receipt.write_bytes(PNG)
    page.reload()
    expect(page.get_by_test_id("result-document").first).to_have_attribute("data-received", "yes")
    page.keyboard.press("Alt+d")
    page.locator("#id_recipient_name").fill("李娜")
    page.get_by_test_id("recipient-id").fill(resident_id(order=321))
    expect(page.get_by_test_id("identity-check").locator("[data-match=yes]")).to_be_visible()
    page.get_by_test_id("receipt-file").set_input_files(str(receipt))
    expect(page.get_by_test_id("slot-receipt")).to_contain_text("receipt.png")
    page.keyboard.press("Alt+s")
    expect(page.get_by_test_id("forwarded-status")).to_have_attribute("data-status", "delivered")

    # B completes its case (handed out at the partner zone) and A's history shows it.
    completed = "select status from cases_case where number = ?"
    assert two_zones.wait_for(lambda: b.query(completed, number) == [("completed",)])
    delivered = "select zone from exchange_applicationevent where ref = ? and action = 'deliver'"
    assert two_zones.wait_for(lambda: a.query(delivered, ref)) == [("XAGX",)]
    page.reload()
    expect(page.get_by_test_id("history").locator('[data-action="deliver"]')).to_be_visible()
