"""A bad rating followed up to the end, in real browsers: the applicant gives one star from the
phone by the link on the notice; the department's head finds the rectification in the list,
opens it from the keyboard, records the call-back and the answer (Alt+Enter); the applicant
opens the link sent with the answer on the phone and confirms; the head's list shows it closed.
Screenshots of the list, the work page and the reply page in Chinese and in English."""

import os
from pathlib import Path

import pytest
from django.utils.translation import override
from playwright.sync_api import BrowserContext, Page, expect

from gaoxin.core.tests.browser import sign_in
from gaoxin.evaluations import services
from gaoxin.evaluations.models import Encounter, Rectification

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


Status = Rectification.Status


def zh(text) -> str:
    """What the page says in Chinese (the source text until the catalogue has it)."""
    with override("zh-hans"):
        return str(text)


def shots(tmp_path) -> Path:
    # GAOXIN_SHOTS keeps the screenshots somewhere to look at; by default they go with the test.
    folder = Path(os.environ.get("GAOXIN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def speak(context: BrowserContext, base: str, language: str) -> None:
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])


def test_a_one_star_rating_is_rectified_and_the_applicant_confirms(
    live_server, page: Page, new_context, accepted, head, tmp_path
):
    base = live_server.url
    folder = shots(tmp_path)

    # The applicant rates the intake from the phone: one star, a reason, a comment.
    phone: Page = new_context().new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(base + services.invite(accepted, Encounter.INTAKE))
    phone.locator("label[for=level-1]").click()
    phone.get_by_test_id("reason-unclear_materials").check()
    phone.get_by_test_id("comment").fill("材料清单前后说法不一，多跑了一趟")
    phone.get_by_test_id("rate-submit").click()
    expect(phone.get_by_test_id("rate-thanks")).to_be_visible()
    rectification = Rectification.objects.get()
    assert rectification.department == accepted.department == head.department

    # The department's head finds it in the list (from the menu) with the rater's name.
    sign_in(page, base, "head")
    page.get_by_test_id("navigation").locator('a[href="/ratings/rectifications/"]').click()
    row = page.get_by_test_id("rectification-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(accepted.display_number)
    expect(row).to_contain_text("李娜")
    expect(row).to_contain_text("材料清单前后说法不一")
    expect(row.get_by_test_id("status")).to_have_text(zh(Status.OPEN.label))
    page.screenshot(path=folder / "rectification-list-zh.png", full_page=True)

    # The first row has the focus: Enter opens it.
    expect(row).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("call-back-form")).to_be_visible()
    expect(page.get_by_test_id("rating-comment")).to_have_text("材料清单前后说法不一，多跑了一趟")
    page.screenshot(path=folder / "rectification-work-zh.png", full_page=True)

    # The cursor is in the call-back record: type it, Alt+Enter records it.
    note = page.locator("#call-back-note")
    expect(note).to_be_focused()
    page.keyboard.type("已电话联系申请人致歉；核实窗口一次性告知不到位。")
    page.keyboard.press("Alt+Enter")
    expect(page.get_by_test_id("answer-form")).to_be_visible()
    expect(page.get_by_test_id("timeline")).to_contain_text("核实窗口一次性告知不到位")
    # Then the answer, the same way.
    expect(page.locator("#answer-answer")).to_be_focused()
    page.keyboard.type("已更新该事项材料清单并对窗口人员开展业务培训，感谢您的监督。")
    page.keyboard.press("Alt+Enter")
    expect(page.get_by_test_id("nothing-to-do")).to_be_visible()
    expect(page.get_by_test_id("work-status")).to_contain_text(zh(Status.ANSWERED.label))
    rectification.refresh_from_db()
    assert rectification.status == Rectification.Status.ANSWERED

    # The English pages.
    speak(page.context, base, "en")
    page.reload()
    expect(page.get_by_test_id("work-status")).to_contain_text("Answered, awaiting the applicant")
    page.screenshot(path=folder / "rectification-work-en.png", full_page=True)
    page.goto(f"{base}/ratings/rectifications/")
    expect(page.get_by_test_id("rectification-row")).to_contain_text("李娜")
    page.screenshot(path=folder / "rectification-list-en.png", full_page=True)
    speak(page.context, base, "zh-hans")

    # The applicant opens the link sent with the answer, on the phone, and confirms.
    link = base + f"/rate/reply/{rectification.response_token}/"
    phone.goto(link)
    expect(phone.get_by_test_id("reply-answer")).to_contain_text("已更新该事项材料清单")
    phone.screenshot(path=folder / "rectification-reply-zh.png", full_page=True)
    speak(phone.context, base, "en")
    phone.reload()
    expect(phone.get_by_test_id("reply-confirm")).to_contain_text("satisfied")
    phone.get_by_test_id("reply-rerate").locator("summary").click()
    phone.screenshot(path=folder / "rectification-reply-en.png", full_page=True)
    speak(phone.context, base, "zh-hans")
    phone.reload()
    phone.get_by_test_id("reply-confirm").click()
    expect(phone.get_by_test_id("reply-thanks")).to_be_visible()
    phone.screenshot(path=folder / "rectification-reply-thanks-zh.png", full_page=True)
    # Once only.
    phone.goto(link)
    expect(phone.get_by_test_id("link-unusable")).to_be_visible()

    # The head's list shows it closed, with the applicant's confirmation.
    page.goto(f"{base}/ratings/rectifications/")
    row = page.get_by_test_id("rectification-row")
    expect(row.get_by_test_id("status")).to_have_text(zh(Status.CLOSED.label))
    expect(row).to_have_attribute("data-status", "closed")
    page.screenshot(path=folder / "rectification-list-closed-zh.png", full_page=True)
    rectification.refresh_from_db()
    assert rectification.response == Rectification.Response.CONFIRMED
