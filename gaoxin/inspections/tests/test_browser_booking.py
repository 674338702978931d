"""On the phone, by the link in the text message: the applicant sees the case, the site on
record and the free times by day, taps one, confirms, and reads when the video link will come.
Then the inspector's week shows the booking in the room."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from gaoxin.core.tests.browser import sign_in
from gaoxin.inspections import links, services
from gaoxin.inspections.models import Appointment, Inspection, InspectionRoom
from gaoxin.inspections.tests.conftest import at_inspection_step

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shots(tmp_path) -> Path:
    # GAOXIN_SHOTS keeps the screenshots somewhere to look at; by default they go with the test.
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_applicant_books_on_the_phone_and_the_inspector_sees_it(
    live_server,
    new_context,
    page,
    zone,
    food_item,
    intake_window,
    desk_clerk,
    approver,
    inspector,
    tmp_path,
    settings,
):
    settings.PUBLIC_BASE_URL = live_server.url
    InspectionRoom.objects.create(name="远程踏勘室一", location="政务服务中心三楼")
    case = at_inspection_step(food_item, intake_window, desk_clerk, approver)
    inspection = services.request_inspection(actor=inspector, case=case, remote=True)
    first = services.free_slots(inspection)[0]

    phone: Page = new_context().new_page()  # the applicant's own phone
    phone.set_viewport_size({"width": 360, "height": 780})
    phone.goto(links.booking_url(inspection))
    expect(phone.get_by_test_id("inspection-case")).to_contain_text("食品经营许可")
    expect(phone.get_by_test_id("inspection-address")).to_have_text("咸阳市高新区世纪大道55号")
    expect(phone.get_by_test_id("slot-day")).to_have_count(5)
    slot = phone.get_by_test_id("slot").first
    box = slot.bounding_box()
    assert box is not None and box["height"] >= 44  # a thumb's target
    phone.screenshot(path=shots(tmp_path) / "inspection-book-phone.png", full_page=False)

    phone.get_by_test_id("book-submit").click()  # nothing chosen: the browser asks for one
    assert not Appointment.objects.exists()
    slot.click()
    expect(phone.locator("input[name=start]").first).to_be_checked()
    phone.get_by_test_id("book-submit").click()
    expect(phone.get_by_test_id("booked-title")).to_be_visible()
    expect(phone.get_by_test_id("booked-time")).to_contain_text(
        f"{first.local_start:%H:%M} – {first.local_end:%H:%M}"
    )
    expect(phone.get_by_test_id("video-note")).to_be_visible()
    phone.screenshot(path=shots(tmp_path) / "inspection-booked-phone.png", full_page=True)
    appointment = Appointment.objects.get()
    assert appointment.start == first.start
    assert Inspection.objects.get().status == Inspection.Status.BOOKED

    # The inspector's room calendar, in the week of the booking, reached from the keyboard.
    sign_in(page, live_server.url, "inspector")
    week = first.local_start.date().isoformat()
    page.goto(f"{live_server.url}{reverse('inspections')}?week={week}")
    booked = page.get_by_test_id("appointment")
    expect(booked).to_have_text(case.display_number)
    page.screenshot(path=shots(tmp_path) / "inspection-calendar.png", full_page=True)
    booked.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("current-appointment")).to_contain_text("远程踏勘室一")
