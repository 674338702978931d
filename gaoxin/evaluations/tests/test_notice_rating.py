"""The rating link on the notices (二维码评价): the four notices that end an intake carry a
one-time link to rate the intake, the completion notice one to rate the whole case; a notice
after nothing to rate, or after an encounter already rated, carries none."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.utils import timezone

from gaoxin.cases import backoffice, intake, notices
from gaoxin.cases.models import Case, Notice, Submission
from gaoxin.cases.tests.factories import all_received, with_state
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.test_notices import page_count, pdf_text, poppler
from gaoxin.evaluations import links, services
from gaoxin.evaluations.models import Channel, Encounter, Rating, RatingInvitation

pytestmark = pytest.mark.usefixtures("zone")

CAPTION_START = "请用手机扫描二维码，对本次服务作出评价（此码仅可使用一次，"


def notice_of(case: Case, kind: str) -> Notice:
    return case.notices.filter(kind=kind).order_by("-created_at").get()


def token_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def test_the_acceptance_notice_carries_a_link_to_rate_the_intake(accepted):
    rating = notice_of(accepted, Notice.Kind.ACCEPTANCE).content["rating"]
    assert rating["path"].startswith("/rate/") and rating["encounter"] == "intake"
    invitation = RatingInvitation.objects.get(token=token_of(rating["path"]))
    # One open link of the QR channel, for this case's intake, good for 30 days.
    assert (invitation.case, invitation.encounter, invitation.channel) == (
        accepted,
        Encounter.INTAKE,
        Channel.QR,
    )
    assert invitation.used_at is None and not invitation.expired()
    expires = notices.chinese_date(timezone.localdate(invitation.expires_at))
    assert (invitation.expires_at - invitation.created_at).days == 30
    assert rating["caption"] == f"{CAPTION_START}{expires}前有效）"
    # Asked again (a message to the applicant), the same link is given.
    assert services.invite(accepted, Encounter.INTAKE) == rating["path"]


def test_each_notice_that_ends_an_intake_carries_the_intake_link(
    desk_clerk, intake_window, plain_item
):
    checks = all_received(plain_item)
    wrong = with_state(checks, "营业执照", Submission.State.MISSING)
    corrected = intake.request_correction(
        actor=desk_clerk, intake=make_intake(plain_item, intake_window, checks=wrong)
    )
    refused = intake.refuse(
        actor=desk_clerk,
        intake=make_intake(plain_item, intake_window),
        reason="申请事项依法不属于本机关职权范围",
        basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
    )
    owed = with_state(checks, "食品安全管理制度文本", Submission.State.OWED)
    deficient = intake.accept_with_deficiency(
        actor=desk_clerk,
        intake=make_intake(plain_item, intake_window, checks=owed),
        due=timezone.localdate(),
        promise="承诺当日补齐",
    )
    for case, kind in (
        (corrected, Notice.Kind.CORRECTION),
        (refused, Notice.Kind.REFUSAL),
        (deficient, Notice.Kind.DEFICIENCY),
    ):
        path = notice_of(case, kind).content["rating"]["path"]
        invitation = RatingInvitation.objects.get(token=token_of(path))
        assert (invitation.case, invitation.encounter) == (case, Encounter.INTAKE)


def test_the_notices_of_one_intake_share_its_link_until_it_is_used(
    desk_clerk, intake_window, plain_item
):
    """一次性告知 first; the applicant comes back with the materials and is accepted: both
    notices rate the same intake, by one link. Once rated, no later notice asks again."""
    checks = all_received(plain_item)
    wrong = with_state(checks, "营业执照", Submission.State.MISSING)
    case = intake.request_correction(
        actor=desk_clerk, intake=make_intake(plain_item, intake_window, checks=wrong)
    )
    first = notice_of(case, Notice.Kind.CORRECTION).content["rating"]["path"]
    again = intake.request_correction(
        actor=desk_clerk, intake=make_intake(plain_item, intake_window, checks=wrong), case=case
    )
    second = again.notices.filter(kind=Notice.Kind.CORRECTION).order_by("-created_at")[0]
    assert second.content["rating"]["path"] == first

    services.rate(token_of(first), level=5)
    case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window), case=case)
    assert "rating" not in notice_of(case, Notice.Kind.ACCEPTANCE).content
    assert RatingInvitation.objects.filter(case=case).count() == 1


def test_the_completion_notice_carries_a_link_to_rate_the_whole_case(completed, tmp_path):
    notice = notice_of(completed, Notice.Kind.COMPLETION)
    rating = notice.content["rating"]
    invitation = RatingInvitation.objects.get(token=token_of(rating["path"]))
    assert (invitation.encounter, invitation.channel) == (Encounter.CASE, Channel.QR)

    text = pdf_text(notices.render_pdf(notice), tmp_path)
    assert "可用手机扫描本通知书“扫码评价”处的二维码进行“好差评”" in text
    assert "左下角的二维码" not in text
    assert "扫码评价" in text and rating["caption"] in text

    # By the link, the whole case is rated on the phone, by the QR channel.
    whole = services.rate(invitation.token, level=5)
    assert (whole.encounter, whole.channel) == (Encounter.CASE, Channel.QR)


def test_a_back_office_notice_carries_no_rating_link(accepted, approver, tmp_path):
    backoffice.claim(actor=approver, case=accepted)
    backoffice.pass_step(actor=approver, case=accepted, opinion="材料齐全，符合法定条件。")
    backoffice.claim(actor=approver, case=accepted)
    backoffice.decide(actor=approver, case=accepted, grant=True, opinion="同意许可。")
    backoffice.claim(actor=approver, case=accepted)
    backoffice.pass_step(actor=approver, case=accepted)  # 制证: the decision is issued
    case = Case.objects.get(pk=accepted.pk)
    decision = notice_of(case, Notice.Kind.RESULT)
    assert "rating" not in decision.content
    assert links.notice_rating(case, Notice.Kind.RESULT) is None
    html = notices.render_html(decision)
    assert html.count('class="qr-code"') == 1  # the progress page's, on every page
    assert "扫码评价" not in pdf_text(notices.render_pdf(decision), tmp_path)
    # Only the intake's link was ever made.
    assert list(RatingInvitation.objects.values_list("encounter", flat=True)) == ["intake"]


def test_no_link_for_an_encounter_already_rated(completed, delivery_clerk):
    services.rate_at_pad(actor=delivery_clerk, case=completed, encounter="case", level=4)
    assert links.notice_rating(completed, Notice.Kind.COMPLETION) is None
    assert Rating.objects.get().channel == Channel.PAD


def test_the_pdf_carries_two_qr_codes_and_the_second_rates_the_intake(accepted, tmp_path, settings):
    zbarimg = shutil.which("zbarimg")
    if not zbarimg:
        pytest.skip("zbarimg (Debian zbar-tools) is not installed")
    settings.PUBLIC_BASE_URL = "https://zwfw.xygx.gov.cn"
    notice = notice_of(accepted, Notice.Kind.ACCEPTANCE)
    html = notices.render_html(notice)
    assert html.count('class="qr-code"') == 2

    pdf = notices.render_pdf(notice)
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    text = pdf_text(pdf, tmp_path)
    assert "扫码评价" in text and notice.content["rating"]["caption"] in text
    assert "扫码查询办理进度" in text

    last = page_count(pdf, tmp_path)
    page = tmp_path / "last"
    poppler("pdftoppm", "-r", "150", "-png", "-f", str(last), "-l", str(last), str(path), str(page))
    (image,) = tmp_path.glob("last*.png")
    decoded = subprocess.run(
        [zbarimg, "--quiet", "--raw", str(image)], check=True, capture_output=True
    ).stdout.decode()
    token = token_of(notice.content["rating"]["path"])
    assert sorted(decoded.split()) == [
        f"https://zwfw.xygx.gov.cn/progress/?number={accepted.number}",
        f"https://zwfw.xygx.gov.cn/rate/{token}/",
    ]
