"""The issue's acceptance story, in the browser: 李娜 books a visit on her phone and checks in
at the kiosk; the hall screen shows her number within a second of the clerk pressing N; the
clerk opens the intake desk from the window bar (her name, ID number and phone filled in),
accepts her application, turns the rating pad on, and the window's second screen takes her
rating — linked to her ticket and her case."""

import time

import pytest
from playwright.sync_api import Page, expect

from gaoxin.cases.models import Case
from gaoxin.cases.tests.conftest import food_item  # noqa: F401  (食品经营许可, spjy)
from gaoxin.core.tests.browser import sign_in
from gaoxin.core.tests.factories import resident_id
from gaoxin.evaluations.models import Rating
from gaoxin.hall.models import Appointment, Ticket
from gaoxin.hall.tests.test_browser_hall import hall_morning, shots  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_book_check_in_call_serve_and_rate(
    hall_morning,  # noqa: F811
    live_server,
    new_context,
    page,
    zone,
    opening,
    clerk_15,
    window_15,
    approval_bureau,
    food_item,  # noqa: F811
    tmp_path,
    settings,
):
    settings.PUBLIC_BASE_URL = live_server.url
    folder = shots(tmp_path)
    window_15.departments.add(approval_bureau)  # window 15 may receive the bureau's items

    # Her phone: the 10:00 slot of 企业开办 today.
    phone: Page = new_context().new_page()
    phone.set_viewport_size({"width": 360, "height": 780})
    phone.goto(f"{live_server.url}/hall/book/")
    phone.get_by_test_id("business").first.click()
    phone.locator("label[for='when-1']").click()
    phone.locator("#id_name").fill("李娜")
    phone.locator("#id_id_number").fill(resident_id())
    phone.locator("#id_phone").fill("13991230011")
    phone.get_by_test_id("book-submit").click()
    expect(phone.get_by_test_id("booking-code")).to_have_text(Appointment.objects.get().code)

    # The kiosk: her booking code on the keypad.
    kiosk: Page = new_context().new_page()
    kiosk.set_viewport_size({"width": 1280, "height": 1024})
    kiosk.goto(f"{live_server.url}/hall/kiosk/")
    for digit in Appointment.objects.get().code:
        kiosk.locator(f"[data-keypad] [data-key='{digit}']").click()
    kiosk.get_by_test_id("check-in-submit").click()
    expect(kiosk.get_by_test_id("ticket-number")).to_have_text("A001")

    # The hall screen; the clerk presses N.
    screen: Page = new_context().new_page()
    screen.set_viewport_size({"width": 1920, "height": 1080})
    screen.goto(f"{live_server.url}/hall/screen/")
    expect(screen.get_by_test_id("waiting")).to_contain_text("企业开办")
    sign_in(page, live_server.url, "clerk15")
    page.goto(f"{live_server.url}/hall/window/")
    expect(page.get_by_test_id("waiting-count")).to_have_text("1")
    page.locator("body").press("n")
    pressed = time.monotonic()
    expect(page.get_by_test_id("current-number")).to_have_text("A001")
    expect(screen.get_by_test_id("call").first).to_contain_text("A001", timeout=1500)
    assert time.monotonic() - pressed < 1.5
    expect(page.get_by_test_id("to-desk")).to_contain_text("李娜")

    # D: the intake desk, her details already there; the clerk accepts her application.
    page.locator("body").press("d")
    page.wait_for_url("**/desk/?window=*")
    page.wait_for_load_state("load")  # htmx listens to the search field from now on
    search = page.get_by_test_id("item-search")
    search.fill("spjy")
    expect(page.locator("#item-results a").first).to_be_visible()
    search.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("intake-item")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("李娜")
    expect(page.locator("#id_id_number")).to_have_value(resident_id())
    expect(page.locator("#id_phone")).to_have_value("13991230011")
    page.keyboard.press("Alt+r")
    page.get_by_test_id("outcome-accept").click()
    expect(page.get_by_test_id("case-number")).to_contain_text("XYGX")
    case = Case.objects.get()
    assert Ticket.objects.get(number="A001").case == case

    # The second screen (the clerk's second monitor) shows the clerk; R turns the pad on.
    second: Page = page.context.new_page()
    second.set_viewport_size({"width": 1280, "height": 800})
    second.goto(f"{live_server.url}/hall/window/15/second/")
    expect(second.get_by_test_id("clerk-name")).to_have_text("王丽")
    expect(second.get_by_test_id("second-businesses")).to_contain_text("企业开办")
    second.screenshot(path=folder / "hall_second_screen.png")
    page.goto(f"{live_server.url}/hall/window/")
    expect(page.get_by_test_id("current-case")).to_contain_text(case.display_number)
    page.locator("body").press("r")
    expect(page.get_by_test_id("pad-off")).to_be_visible()

    # She rates on the second screen: the pad in its frame.
    pad = second.frame_locator("[data-testid=second-pad]")
    expect(pad.get_by_test_id("rate-subject")).to_contain_text("食品经营许可", timeout=5000)
    pad.locator("label[for='level-5']").click()
    second.screenshot(path=folder / "hall_second_pad.png")
    pad.get_by_test_id("rate-submit").click()
    expect(pad.get_by_test_id("rate-thanks")).to_be_visible()
    rating = Rating.objects.get()
    ticket = Ticket.objects.get(number="A001")
    assert ticket.rating == rating and rating.case == case == ticket.case
    assert rating.level == 5 and rating.window == window_15
    # The pad goes off by itself: the clerk's card comes back after the thanks.
    expect(second.get_by_test_id("second-clerk")).to_be_visible(timeout=6000)

    # The clerk finishes; the bar shows the rating with the case until the next call.
    page.goto(f"{live_server.url}/hall/window/")
    expect(page.get_by_test_id("current-case")).to_contain_text("5/5")
    page.locator("body").press("f")
    expect(page.get_by_test_id("current-number")).to_have_text("—")
    assert Ticket.objects.get(number="A001").status == Ticket.Status.DONE
