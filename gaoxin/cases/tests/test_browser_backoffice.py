"""An approver in a real browser, from the keyboard: opens the queue, takes a case up with C,
reads a scan beside the materials, passes the review with an opinion (Alt+Enter), grants it,
and issues the certificate, after which the case has left the department's queue."""

import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import override
from playwright.sync_api import Page, expect

from gaoxin.cases import backoffice, intake
from gaoxin.cases.models import Case, CaseStep
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.factories import person
from gaoxin.cases.workflow import Status
from gaoxin.catalog.steps import StepKind
from gaoxin.core.tests.browser import sign_in
from gaoxin.core.tests.factories import resident_id

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def scanned_page(title: str) -> bytes:
    """A PNG that looks like a scanned application form."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (620, 420), "#fbfbf7")
    draw = ImageDraw.Draw(image)
    try:
        big, small = ImageFont.truetype(FONT, 30), ImageFont.truetype(FONT, 18)
    except OSError:
        big = small = ImageFont.load_default()
    draw.text((160, 30), title, fill="#111", font=big)
    for row, text in enumerate(
        ["申请人：李娜", "经营场所：咸阳高新区世纪大道55号", "经营范围：药品零售"]
    ):
        draw.text((60, 120 + row * 50), text, fill="#222", font=small)
        draw.line((60, 150 + row * 50, 560, 150 + row * 50), fill="#999")
    draw.ellipse((430, 300, 560, 400), outline="#c00", width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_an_approver_takes_up_passes_grants_and_issues_from_the_keyboard(
    live_server,
    page: Page,
    zone,
    desk_clerk,
    intake_window,
    plain_item,
    food_item,
    approver,
    head,
    tmp_path,
):
    case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
    others = [
        intake.accept(
            actor=desk_clerk,
            intake=make_intake(
                item, intake_window, person(name=name, id_number=resident_id(order=order))
            ),
        )
        for item, name, order in [(food_item, "王建华", 401), (plain_item, "刘敏", 402)]
    ]
    today = timezone.localdate()
    Case.objects.filter(pk=others[0].pk).update(deadline=case.deadline + dt.timedelta(days=6))
    Case.objects.filter(pk=others[1].pk).update(
        deadline=case.deadline + dt.timedelta(days=1), warning_date=today
    )
    backoffice.claim(actor=head, case=others[1])
    form, licence = case.submissions.select_related("material").order_by("material__order")[:2]
    form.file.save("application.png", ContentFile(scanned_page("药品经营许可申请书")), save=False)
    form.file_kind, form.file_name = "png", "申请书扫描件.png"
    form.save()
    licence.file.save("licence.pdf", ContentFile(PDF), save=False)
    licence.file_kind, licence.file_name = "pdf", "营业执照.pdf"
    licence.save()
    shots = Path(os.environ.get("GX_SCREENSHOTS", tmp_path))

    sign_in(page, live_server.url, "approver")
    desk = page.get_by_test_id("start-desk")
    expect(desk.get_by_test_id("desk-unclaimed")).to_have_text("2")
    page.keyboard.press("Alt+q")
    expect(page).to_have_url(f"{live_server.url}/cases/queue/")

    rows = page.get_by_test_id("queue-row")
    expect(rows).to_have_count(3)
    first = rows.first
    expect(first).to_have_attribute("data-case", case.number)  # soonest deadline first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(rows.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(first).to_be_focused()

    # Filter without a reload: only what nobody holds, then everything again; Escape goes
    # from the filters back to the rows.
    holder = page.get_by_test_id("queue-filters").locator("select[name=holder]")
    holder.select_option("unclaimed")
    expect(rows).to_have_count(2)
    expect(page).to_have_url(re.compile(r"/cases/queue/\?.*holder=unclaimed"))
    holder.select_option("")
    expect(rows).to_have_count(3)
    holder.focus()
    page.keyboard.press("Escape")
    expect(rows.first).to_be_focused()

    page.keyboard.press("c")  # take it up, and come back to the same row
    row = page.locator(f"tr[data-case='{case.number}']")
    expect(row.get_by_test_id("holder").locator(".badge")).to_be_visible()
    expect(row).to_be_focused()
    assert CaseStep.objects.get(case=case, finished_at__isnull=True).claimed_by == approver
    page.screenshot(path=shots / "backoffice-queue.png", full_page=True)

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/cases/{case.pk}/work/")
    expect(page.get_by_test_id("route").locator("li").first).to_have_attribute(
        "data-state", "current"
    )
    # A scan opens beside the materials: the image as an image, the PDF in a frame.
    page.get_by_test_id("scan-link").filter(has_text="营业执照").click()
    expect(page.get_by_test_id("scan-viewer").locator("iframe")).to_be_attached()
    page.get_by_test_id("scan-link").filter(has_text="申请书").click()
    expect(page.get_by_test_id("scan-viewer").locator("img")).to_be_visible()

    opinion = page.locator("#pass-opinion")
    opinion.focus()
    page.keyboard.press("Alt+Enter")  # without an opinion: refused, next to the field
    expect(page.locator("#pass-opinion.is-invalid")).to_be_visible()
    page.locator("#pass-opinion").fill("材料齐全，经营场所符合要求，同意许可。")
    page.get_by_test_id("scan-link").filter(has_text="申请书").click()
    page.screenshot(path=shots / "backoffice-work.png", full_page=True)
    page.locator("#pass-opinion").focus()
    page.keyboard.press("Alt+Enter")
    with override("zh-hans"):
        decision, decided = str(StepKind.DECISION.label), str(Status.DECIDED.label)
    expect(page.get_by_test_id("current-step")).to_have_text(decision)
    expect(page.get_by_test_id("route")).to_contain_text("材料齐全，经营场所符合要求，同意许可。")

    page.keyboard.press("Alt+c")  # take up the decision
    grant = page.get_by_test_id("grant-form")
    expect(grant.locator("textarea")).to_be_focused()
    page.keyboard.type("准予许可。")
    page.screenshot(path=shots / "backoffice-decision.png", full_page=True)
    grant.get_by_test_id("grant").click()
    expect(page.get_by_test_id("case-status")).to_have_text(decided)

    page.keyboard.press("Alt+c")  # take up the certificate
    page.get_by_test_id("pass").click()
    expect(page).to_have_url(f"{live_server.url}/cases/queue/")
    expect(page.locator(f"tr[data-case='{case.number}']")).to_have_count(0)
    case.refresh_from_db()
    assert case.status == Status.AWAITING_DELIVERY and case.result_number
    assert [e.action for e in case.events.all()][-6:] == [
        "claim",
        "pass",
        "claim",
        "grant",
        "claim",
        "issue_result",
    ]
