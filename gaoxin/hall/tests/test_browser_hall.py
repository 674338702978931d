"""The hall from end to end, in the browser: a person books a visit on the phone, checks in at
the kiosk with the booking code and gets the printed ticket; the clerk presses N at the window
bar, and the hall screen shows the number within a second of the call."""

import os
import re
import time
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Page, expect

from gaoxin.core.tests.browser import sign_in
from gaoxin.core.tests.factories import resident_id
from gaoxin.hall import services
from gaoxin.hall.models import Appointment, Ticket
from gaoxin.hall.tests.conftest import local

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shots(tmp_path) -> Path:
    # GAOXIN_SHOTS keeps the screenshots somewhere to look at; by default they go with the test.
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def hall_morning():
    """Monday 23 November 2026, 09:40 in the zone, the clock running (the server's too)."""
    with time_machine.travel(local(23, 9, 40), tick=True):
        yield


def test_book_check_in_call_and_the_screen_shows_it(
    hall_morning,
    live_server,
    new_context,
    page,
    zone,
    opening,
    general,
    clerk_15,
    window_15,
    tmp_path,
    settings,
):
    settings.PUBLIC_BASE_URL = live_server.url
    folder = shots(tmp_path)
    for _ in range(3):
        services.take_ticket(business=general)  # people waiting at the 综合受理 windows

    # The phone: business, the 10:00 slot of today, identity; the booking code.
    phone: Page = new_context().new_page()
    phone.set_viewport_size({"width": 360, "height": 780})
    phone.goto(f"{live_server.url}/hall/book/")
    phone.get_by_test_id("business").first.click()
    phone.locator("label[for='when-1']").click()  # today's first slot not begun: 10:00
    phone.locator("#id_name").fill("李娜")
    phone.locator("#id_id_number").fill(resident_id())
    phone.locator("#id_phone").fill("13991230011")
    phone.screenshot(path=folder / "hall_book_phone.png", full_page=True)
    phone.get_by_test_id("book-submit").click()
    code = phone.get_by_test_id("booking-code")
    expect(code).to_have_text(Appointment.objects.get().code)
    expect(phone.get_by_test_id("booking-time")).to_contain_text("10:00")
    phone.screenshot(path=folder / "hall_booked_phone.png", full_page=True)

    # The kiosk: the code typed on its keypad; the ticket.
    kiosk: Page = new_context().new_page()
    kiosk.set_viewport_size({"width": 1280, "height": 1024})
    kiosk.goto(f"{live_server.url}/hall/kiosk/")
    kiosk.screenshot(path=folder / "hall_kiosk.png")
    for digit in Appointment.objects.get().code:
        kiosk.locator(f"[data-keypad] [data-key='{digit}']").click()
    kiosk.get_by_test_id("check-in-submit").click()
    expect(kiosk.get_by_test_id("ticket-number")).to_have_text("A001")
    expect(kiosk.get_by_test_id("ticket-business")).to_have_text("企业开办")
    expect(kiosk.get_by_test_id("ticket-ahead")).to_contain_text("0")
    kiosk.screenshot(path=folder / "hall_ticket.png")
    assert Ticket.objects.get(number="A001").appointment is not None

    # The hall screen, open on the big display.
    screen: Page = new_context().new_page()
    screen.set_viewport_size({"width": 1920, "height": 1080})
    screen.goto(f"{live_server.url}/hall/screen/")
    expect(screen.get_by_test_id("waiting")).to_contain_text("企业开办")

    # The clerk at window 15 presses N.
    sign_in(page, live_server.url, "clerk15")
    page.goto(f"{live_server.url}/hall/window/")
    expect(page.get_by_test_id("waiting-count")).to_have_text("1")
    page.locator("body").press("n")
    pressed = time.monotonic()
    expect(page.get_by_test_id("current-number")).to_have_text("A001")
    expect(page.get_by_test_id("current-person")).to_contain_text("李娜")
    # The screen polls every second: the call shows within a second (and a little for paint).
    expect(screen.get_by_test_id("call").first).to_contain_text("A001", timeout=1500)
    shown_after = time.monotonic() - pressed
    assert shown_after < 1.5, shown_after
    expect(screen.get_by_test_id("call").first).to_contain_text("15")
    expect(screen.get_by_test_id("last-calls")).to_contain_text("A001")
    page.screenshot(path=folder / "hall_window_bar.png")
    screen.wait_for_timeout(300)
    screen.screenshot(path=folder / "hall_screen.png")

    # The person arrives; the clerk finishes; the phone's queue page says so.
    page.locator("body").press("b")
    # The badge turns green (its text is in the page's language).
    expect(page.get_by_test_id("current-status")).to_have_class(re.compile("text-bg-success"))
    page.locator("body").press("f")
    expect(page.get_by_test_id("current-number")).to_have_text("—")
    assert Ticket.objects.get(number="A001").status == Ticket.Status.DONE
