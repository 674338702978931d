"""On the phone, from the public progress page: the applicant looks the case up, taps the
delivery among the services not rated yet, rates it, and the page no longer offers it."""

import pytest
from playwright.sync_api import Page, expect

from gaoxin.evaluations.models import Channel, Encounter, Rating
from gaoxin.evaluations.tests.test_browser_rate import shots

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_rating_from_the_progress_page(live_server, new_context, completed, tmp_path):
    phone: Page = new_context().new_page()
    phone.set_viewport_size({"width": 360, "height": 780})

    phone.goto(f"{live_server.url}/progress/?number={completed.number}")
    phone.locator("#id_check").fill(completed.phone[-4:])
    phone.locator("#id_check").press("Enter")
    panel = phone.get_by_test_id("progress-rating")
    expect(panel).to_be_visible()
    for encounter in ("intake", "delivery", "case"):
        expect(phone.get_by_test_id(f"progress-rate-{encounter}")).to_be_visible()
    phone.screenshot(path=shots(tmp_path) / "progress-rating.png", full_page=True)

    phone.get_by_test_id("progress-rate-delivery").click()
    expect(phone.get_by_test_id("rate-subject")).to_contain_text("药品零售企业经营许可")
    phone.locator("label[for=level-5]").click()
    phone.get_by_test_id("comment").fill("出件很快")
    phone.get_by_test_id("rate-submit").click()
    expect(phone.get_by_test_id("rate-thanks")).to_be_visible()

    rating = Rating.objects.get()
    assert (rating.encounter, rating.channel, rating.level) == (
        Encounter.DELIVERY,
        Channel.PROGRESS,
        5,
    )

    phone.goto(
        f"{live_server.url}/progress/?number={completed.number}&check={completed.phone[-4:]}"
    )
    expect(phone.get_by_test_id("progress-rate-intake")).to_be_visible()
    expect(phone.get_by_test_id("progress-rate-case")).to_be_visible()
    expect(phone.get_by_test_id("progress-rate-delivery")).to_have_count(0)
