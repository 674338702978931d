"""The window bar on the intake desk, in the browser: the clerk at window 15 presses Alt+N
while the cursor is in the desk's item search, the booked visitor's ticket shows in the bar
without the desk reloading, and the intake page of the item chosen has her filled in."""

import datetime as dt
import os
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.tests.browser import sign_in
from gaoxin.hall import services
from gaoxin.hall.tests.conftest import MONDAY, local, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hall_morning():
    """Monday 23 November 2026, 09:40 in the zone, the clock running (the server's too)."""
    with time_machine.travel(local(23, 9, 40), tick=True):
        yield


def test_alt_n_on_the_desk_calls_the_booked_visitor_and_the_intake_knows_her(
    hall_morning, live_server, page, zone, approval_bureau, opening, clerk_15, window_15, tmp_path
):
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    item = make_item(approval_bureau, name="食品经营许可")
    window_15.departments.add(approval_bureau)
    opening.items.add(item)
    appointment = services.book(business=opening, day=MONDAY, slot=dt.time(10, 0), **person())
    services.check_in(code=appointment.code)

    sign_in(page, live_server.url, "clerk15")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{live_server.url}/desk/")
    bar = page.get_by_test_id("desk-window-bar")
    expect(bar.get_by_test_id("waiting-count")).to_have_text("1")
    expect(bar.get_by_test_id("current-number")).to_have_text("—")

    # The cursor is in the item search: a plain N is typed there, Alt+N calls.
    search = page.get_by_test_id("item-search")
    expect(search).to_be_focused()
    search.press("n")
    expect(search).to_have_value("n")
    expect(bar.get_by_test_id("current-number")).to_have_text("—")
    search.fill("")
    marker = page.evaluate("() => (window.__deskNotReloaded = true)")
    search.press("Alt+n")
    expect(bar.get_by_test_id("current-number")).to_have_text("A001")
    expect(bar.get_by_test_id("current-person")).to_contain_text("李娜")
    expect(bar.get_by_test_id("prefill-hint")).to_be_visible()
    expect(bar.get_by_test_id("waiting-count")).to_have_text("0")
    assert page.evaluate("() => window.__deskNotReloaded") is marker  # the desk stayed
    expect(search).to_be_focused()
    page.screenshot(path=folder / "hall_desk_bar.png")

    # Call again, from the keyboard too.
    search.press("Alt+g")
    expect(bar.get_by_test_id("call-count")).to_have_attribute("data-count", "2")

    # The item chosen: the intake page has her filled in from the ticket.
    search.fill("食品")
    option = page.locator("#item-results a").first
    expect(option).to_contain_text("食品经营许可")
    search.press("Enter")
    expect(page.locator("#id_name")).to_have_value("李娜")
    expect(page.locator("#id_id_number")).to_have_value(person()["id_number"])
    expect(page.locator("#id_phone")).to_have_value(person()["phone"])
    # The desk's own keys stay the desk's: Alt+R ticks every material (the bar's pad is
    # Alt+J, its call again Alt+G).
    page.wait_for_load_state("load")
    page.keyboard.press("Alt+r")
    expect(page.locator("input[type=radio][value=received]:checked")).not_to_have_count(0)
