"""The administrator, in a real browser, opens the cross-zone applications from the partners
page: our records show at once, each partner's once asked. The partner is this very
deployment at the live server's address (``ourselves``), with one application delivered and
one still in our outbox; a second partner does not answer and is counted from our records.
Screenshots in Chinese and in English (GAOXIN_SHOTS keeps them: reconcile_*.png)."""

import re
import socket

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from gaoxin.cases.tests.conftest import desk_clerk, intake_window, plain_item  # noqa: F401
from gaoxin.core.tests.browser import sign_in
from gaoxin.exchange import keys
from gaoxin.exchange.models import Partner, PartnerKey
from gaoxin.exchange.tests.partner_items import agree
from gaoxin.exchange.tests.result_flow import agree_to, forward, settle
from gaoxin.exchange.tests.test_browser_partners import shots, speak

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_the_administrator_reconciles_with_the_partners(
    live_server,
    page: Page,
    context: BrowserContext,
    ourselves,
    plain_item,  # noqa: F811
    desk_clerk,  # noqa: F811
    admin_user,
    tmp_path,
):
    base = live_server.url
    folder = shots(tmp_path)
    ourselves.base_url = base
    ourselves.save()
    agreed = agree_to(ourselves, plain_item)
    forward(desk_clerk, agreed)
    settle(ourselves)
    waiting = forward(desk_clerk, agreed)  # still in our outbox
    away = Partner.objects.create(code="XAGX", name="西安高新区", base_url=closed_port_url())
    own = keys.current_key()
    PartnerKey.objects.create(partner=away, key_id=own.key_id, public_key=own.public_key)
    forward(desk_clerk, agree(away))

    sign_in(page, base, "admin")
    page.goto(f"{base}/manage/partners/")
    page.get_by_test_id("reconcile-link").click()
    expect(page).to_have_url(f"{base}/stats/cross-zone/")

    # Our side at once: three applications, nobody asked yet.
    expect(page.get_by_test_id("reconcile-row")).to_have_count(4)
    expect(page.locator('[data-testid=reconcile-cards] [data-figure="all"]')).to_have_text("3")
    expect(page.locator('[data-testid=reconcile-state][data-state="waiting"]')).to_have_count(2)
    expect(page.get_by_test_id("reconcile-note")).to_be_visible()
    # The custom dates show only for a custom period.
    expect(page.locator("#id_start")).to_be_hidden()
    page.locator("#id_period").select_option("custom")
    expect(page.locator("#id_start")).to_be_visible()
    page.locator("#id_period").select_option("month")  # shows at once
    expect(page).to_have_url(re.compile(r"/stats/cross-zone/\?period=month"))
    page.screenshot(path=folder / "reconcile_ours-zh.png", full_page=True)

    # Asked: ourselves answers, 西安 does not.
    page.get_by_test_id("reconcile-fetch").click()
    expect(page.locator('[data-testid=reconcile-state][data-state="compared"]')).to_have_count(1)
    expect(page.locator('[data-testid=reconcile-state][data-state="unreachable"]')).to_have_count(1)
    expect(page.locator('[data-testid=reconcile-cards] [data-figure="matched"]')).to_have_text("1")
    expect(page.locator('[data-testid=reconcile-cards] [data-figure="all"]')).to_have_text("3")
    mine = page.locator(
        f'[data-testid=reconcile-entry][data-side="here"][data-ref="{waiting.ref}"]'
    )
    expect(mine).to_contain_text(waiting.receipt_number)
    expect(mine).to_have_attribute("data-expected", "yes")
    expect(page.get_by_test_id("reconcile-partial")).to_be_visible()
    page.screenshot(path=folder / "reconcile_fetched-zh.png", full_page=True)

    speak(context, base, "en")
    page.reload()
    expect(page.get_by_test_id("reconcile-error")).to_contain_text("127.0.0.1")
    expect(mine).to_contain_text("In our outbox, waiting to be sent.")
    expect(page.get_by_test_id("reconcile-note")).to_contain_text(
        "How an application is counted once"
    )
    page.screenshot(path=folder / "reconcile_fetched-en.png", full_page=True)
