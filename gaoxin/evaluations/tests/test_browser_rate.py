"""Rating from the phone, by the link read from the QR code on the acceptance notice: a bad
rating first without a reason (refused, the comment kept), then with one; the link then
works no more. And the window's pad, chosen from the keyboard."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gaoxin.cases import notices
from gaoxin.cases.models import Notice
from gaoxin.cases.tests.test_notices import page_count, poppler
from gaoxin.core.tests.browser import sign_in
from gaoxin.evaluations.models import Channel, Rating

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shots(tmp_path) -> Path:
    # GAOXIN_SHOTS keeps the screenshots somewhere to look at; by default they go with the test.
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def link_from_the_qr_code(case, tmp_path) -> str:
    """What a phone reads from the rating QR code on the acceptance notice's last page."""
    zbarimg = shutil.which("zbarimg")
    if not zbarimg:
        pytest.skip("zbarimg (Debian zbar-tools) is not installed")
    notice = case.notices.get(kind=Notice.Kind.ACCEPTANCE)
    path = tmp_path / "notice.pdf"
    path.write_bytes(notices.render_pdf(notice))
    last = page_count(path.read_bytes(), tmp_path)
    image = tmp_path / "last"
    poppler(
        "pdftoppm", "-r", "150", "-png", "-f", str(last), "-l", str(last), str(path), str(image)
    )
    (png,) = tmp_path.glob("last*.png")
    read = subprocess.run([zbarimg, "--quiet", "--raw", str(png)], check=True, capture_output=True)
    (link,) = [url for url in read.stdout.decode().split() if "/rate/" in url]
    return link


def test_rating_from_the_phone_by_the_qr_code_on_the_notice(
    live_server, new_context, accepted, tmp_path, settings
):
    settings.PUBLIC_BASE_URL = live_server.url
    link = link_from_the_qr_code(accepted, tmp_path)
    phone: Page = new_context().new_page()  # the applicant's own phone
    phone.set_viewport_size({"width": 390, "height": 844})

    phone.goto(link)
    expect(phone.get_by_test_id("rate-subject")).to_contain_text("药品零售企业经营许可")
    reasons = phone.get_by_test_id("reasons")
    expect(reasons).to_be_hidden()  # asked only for a bad rating
    phone.screenshot(path=shots(tmp_path) / "rate-phone.png", full_page=True)

    phone.locator("label[for=level-1]").click()
    expect(reasons).to_be_visible()
    phone.get_by_test_id("comment").fill("材料清单前后说法不一")
    phone.get_by_test_id("rate-submit").click()
    expect(phone.get_by_test_id("reasons-error")).to_be_visible()
    expect(phone.get_by_test_id("comment")).to_have_value("材料清单前后说法不一")
    expect(phone.get_by_test_id("level-1")).to_be_checked()
    expect(reasons).to_be_visible()
    phone.screenshot(path=shots(tmp_path) / "rate-phone-refused.png", full_page=True)
    assert not Rating.objects.exists()

    phone.get_by_test_id("reason-unclear_materials").check()
    phone.get_by_test_id("rate-submit").click()
    expect(phone.get_by_test_id("rate-thanks")).to_be_visible()
    phone.screenshot(path=shots(tmp_path) / "rate-phone-thanks.png", full_page=True)
    rating = Rating.objects.get()
    assert (rating.level, rating.reasons, rating.channel) == (1, ["unclear_materials"], Channel.QR)
    assert rating.comment == "材料清单前后说法不一"

    # The link works once.
    phone.goto(link)
    expect(phone.get_by_test_id("link-unusable")).to_be_visible()
    expect(phone.get_by_test_id("rate-form")).to_have_count(0)
    phone.screenshot(path=shots(tmp_path) / "rate-phone-used.png", full_page=True)


def test_the_window_pad_from_the_keyboard(live_server, page: Page, accepted, desk_clerk, tmp_path):
    sign_in(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/desk/rate/{accepted.pk}/intake/")
    page.keyboard.press("2")
    expect(page.get_by_test_id("level-2")).to_be_checked()
    expect(page.get_by_test_id("reasons")).to_be_visible()
    page.keyboard.press("4")
    expect(page.get_by_test_id("level-4")).to_be_checked()
    expect(page.get_by_test_id("reasons")).to_be_hidden()
    page.screenshot(path=shots(tmp_path) / "rate-pad.png", full_page=True)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("rate-thanks")).to_be_visible()
    rating = Rating.objects.get()
    assert (rating.level, rating.channel, rating.clerk) == (4, Channel.PAD, desk_clerk)
