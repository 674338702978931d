"""The administrator registers a partner zone in a real browser, from the keyboard: the
partner's code, name and address, then the public key it gave (pasted), then a refresh of
its catalog, which lists the items our windows may now receive on its behalf. The partner
is this very deployment at the live server's address, reading its own catalog. Screenshots
of the partner page and the list in Chinese and in English."""

import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.utils.translation import override
from playwright.sync_api import BrowserContext, Page, expect

from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.tests.browser import sign_in
from gaoxin.exchange import keys
from gaoxin.exchange.demo import PARTNERS, seed_partners
from gaoxin.exchange.models import AgreedItem, Partner
from gaoxin.exchange.tests.peers import CODE, zone  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def zh(text) -> str:
    with override("zh-hans"):
        return str(text)


def shots(tmp_path) -> Path:
    # GAOXIN_SHOTS keeps the screenshots somewhere to look at; by default they go with the test.
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def speak(context: BrowserContext, base: str, language: str) -> None:
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])


def test_the_administrator_registers_a_partner_and_imports_its_catalog(
    live_server,
    page: Page,
    context: BrowserContext,
    zone,  # noqa: F811
    admin_user,
    approval_bureau,
    tmp_path,
):
    base = live_server.url
    folder = shots(tmp_path)
    make_item(approval_bureau, name="食品经营许可")
    make_item(approval_bureau, name="药品零售企业经营许可", promised_days=10, statutory_days=20)
    make_item(approval_bureau, name="建设工程规划许可", cross_zone=False)
    own = keys.current_key()  # what the partner's "This zone's keys" page shows

    sign_in(page, base, "admin")
    page.get_by_test_id("navigation").locator('a[href="/manage/partners/"]').click()
    expect(page.get_by_test_id("partner-row")).to_have_count(0)

    # Alt+N: the registration form, the cursor in the code.
    page.keyboard.press("Alt+n")
    expect(page.locator("#id_code")).to_be_focused()
    page.keyboard.type(CODE.lower())
    page.keyboard.press("Tab")
    page.keyboard.type("咸阳高新区（自测）")
    page.keyboard.press("Tab")
    page.keyboard.type(base)
    page.keyboard.press("Enter")

    # Straight on to its key: the key id, then the public key pasted.
    expect(page.locator("#id_key_id")).to_be_focused()
    page.keyboard.type(own.key_id)
    page.locator("#id_public_key").fill(own.public_key[:22] + "\n" + own.public_key[22:])
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("partner-key")).to_have_count(1)
    expect(page.get_by_test_id("no-key")).to_have_count(0)
    expect(page.get_by_test_id("agreed-item")).to_have_count(0)

    # Alt+R refreshes its catalog: the two items open to 通办 arrive.
    page.keyboard.press("Alt+r")
    expect(page.get_by_role("alert")).to_contain_text("2")
    expect(page.get_by_test_id("agreed-item")).to_have_count(2)
    expect(page.get_by_test_id("agreed-items")).to_contain_text("药品零售企业经营许可")
    expect(page.get_by_test_id("agreed-items")).not_to_contain_text("建设工程规划许可")
    assert AgreedItem.objects.filter(partner__code=CODE, is_active=True).count() == 2
    page.screenshot(path=folder / "partner-zh.png", full_page=True)

    # A search by name.
    page.get_by_test_id("item-search").fill("药品")
    page.get_by_test_id("item-search").press("Enter")
    expect(page.get_by_test_id("agreed-item")).to_have_count(1)

    # The list: one partner, contacted, nothing waiting.
    page.get_by_test_id("exchange-tabs").locator('a[href="/manage/partners/"]').click()
    row = page.get_by_test_id("partner-row")
    expect(row).to_have_count(1)
    expect(row.get_by_test_id("never-contacted")).to_have_count(0)
    page.screenshot(path=folder / "partners-zh.png", full_page=True)

    # The same in English.
    speak(context, base, "en")
    page.goto(f"{base}/manage/partners/{CODE}/")
    expect(page.get_by_test_id("agreed-item")).to_have_count(2)
    page.screenshot(path=folder / "partner-en.png", full_page=True)
    page.goto(f"{base}/manage/partners/")
    page.screenshot(path=folder / "partners-en.png", full_page=True)
    page.goto(f"{base}/manage/partners/own-keys/")
    expect(page.get_by_test_id("public-key")).to_have_value(own.public_key)
    page.keyboard.press("Alt+c")  # copies the signing key's public key
    expect(page.locator("button[data-copy]")).to_contain_text("Copied")
    page.screenshot(path=folder / "own-keys-en.png", full_page=True)
    assert Partner.objects.get().base_url == base

    # The other zones of the agreement, registered but not reachable yet, say so; a request
    # nobody signed shows in the log of rejected messages.
    seed_partners()
    page.goto(f"{base}/manage/partners/")
    expect(page.get_by_test_id("never-contacted")).to_have_count(len(PARTNERS))
    page.screenshot(path=folder / "partners-demo-en.png", full_page=True)
    unsigned = urllib.request.Request(  # noqa: S310 - the live server's http address
        f"{base}/exchange/v1/messages/", data=b"{}", method="POST"
    )
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(unsigned, timeout=10)  # noqa: S310
    page.get_by_test_id("exchange-tabs").locator('a[href="/manage/partners/rejected/"]').click()
    expect(page.get_by_test_id("rejected-row")).to_have_count(1)
    page.screenshot(path=folder / "rejected-en.png", full_page=True)
