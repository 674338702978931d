"""The back office's documents: a case is driven through the services to the act that issues
each notice, and the PDF the worker renders says what the applicant must be told."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gaoxin.cases import backoffice, delivery, intake, notices
from gaoxin.cases.models import Case, Notice, Submission
from gaoxin.cases.tests.factories import enterprise, with_state
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.test_notices import first_page_ink, pdf_text
from gaoxin.catalog.models import ServiceItem
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core import services as core_services
from gaoxin.core.models import Window
from gaoxin.core.tests.factories import WindowFactory

pytestmark = pytest.mark.usefixtures("zone")

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
DENIAL_REASON = "经营场所与药品储存条件不符"
DENIAL_BASIS = "《药品经营和使用质量监督管理办法》第十二条"
EXPERT_REASON = "经营范围涉及冷藏药品，需组织专家对储存设施进行评审"
EXTENSION_REASON = "需征求相关部门意见"


@pytest.fixture
def plain_item(approval_bureau) -> ServiceItem:
    """A licence without site inspection: review → decision → certificate."""
    return make_item(
        approval_bureau,
        name="药品零售企业经营许可",
        special_procedures=["expert_review"],
        needs_inspection=False,
        remote_inspection=False,
        result_name="药品经营许可证",
        legal_basis="《中华人民共和国药品管理法》第五十二条",
    )


@pytest.fixture
def accepted(desk_clerk, intake_window, plain_item) -> Case:
    return intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))


@pytest.fixture
def delivery_window(db) -> Window:
    return WindowFactory(number=8, name="综合出件窗口", kind=Window.Kind.DELIVERY)


def refresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def latest(case: Case, kind: str) -> Notice:
    return case.notices.filter(kind=kind).order_by("-created_at").first()


def to_decision(case: Case, approver) -> Case:
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="材料齐全，符合法定条件。")
    backoffice.claim(actor=approver, case=case)
    return case


def granted(case: Case, approver) -> Case:
    to_decision(case, approver)
    backoffice.decide(actor=approver, case=case, grant=True, opinion="同意许可。")
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case)  # 制证: the result document is issued
    return refresh(case)


def denied(case: Case, approver) -> Case:
    to_decision(case, approver)
    backoffice.decide(
        actor=approver, case=case, grant=False, reason=DENIAL_REASON, basis=DENIAL_BASIS
    )
    return refresh(case)


def suspended(case: Case, approver) -> Case:
    backoffice.claim(actor=approver, case=case)
    backoffice.suspend(actor=approver, case=case, kind="expert_review", reason=EXPERT_REASON)
    return refresh(case)


def resumed(case: Case, approver) -> Case:
    suspended(case, approver)
    backoffice.resume(actor=approver, case=case, result="专家评审通过，储存设施符合要求")
    return refresh(case)


def extended(case: Case, head) -> Case:
    backoffice.extend(actor=head, case=case, days=10, reason=EXTENSION_REASON)
    return refresh(case)


def terminated(case: Case, head) -> Case:
    backoffice.terminate(actor=head, case=case, reason="申请人书面申请撤回")
    return refresh(case)


def receipt_photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("receipt.png", PNG, content_type="image/png")


def collected(case: Case, approver, desk_clerk, window: Window) -> Case:
    case = granted(case, approver)
    delivery.deliver(
        actor=desk_clerk,
        case=case,
        handover=delivery.Handover(
            method="pickup",
            recipient_name="李娜",
            recipient_id_number=case.id_number,
            receipt=receipt_photo(),
            window=window,
        ),
    )
    return refresh(case)


def posted(case: Case, approver, desk_clerk) -> Case:
    case = granted(case, approver)
    delivery.deliver(
        actor=desk_clerk,
        case=case,
        handover=delivery.Handover(
            method="post",
            address="陕西省咸阳市秦都区高新一路9号",
            carrier="中国邮政EMS",
            tracking_number="1187654321098",
        ),
    )
    return refresh(case)


def rendered_text(notice: Notice, tmp_path: Path) -> str:
    """The notice as the worker renders and stores it, read back with pdftotext."""
    notices.render(notice)
    notice.refresh_from_db()
    with notice.pdf.open("rb") as stored:
        pdf = stored.read()
    assert pdf.startswith(b"%PDF")
    assert first_page_ink(pdf, tmp_path) > 0.02
    return pdf_text(pdf, tmp_path)


def flat(text: str) -> str:
    return "".join(text.split())


# --- Every kind: title, number, applicant, QR code ------------------------------------------

DRIVE = {
    Notice.Kind.RESULT: ("准予行政许可决定书", lambda case, p: granted(case, p["approver"])),
    Notice.Kind.DENIAL: ("不予行政许可决定书", lambda case, p: denied(case, p["approver"])),
    Notice.Kind.SUSPENSION: ("特别程序告知书", lambda case, p: suspended(case, p["approver"])),
    Notice.Kind.RESUMPTION: ("特别程序结果告知书", lambda case, p: resumed(case, p["approver"])),
    Notice.Kind.EXTENSION: ("延长办理期限告知书", lambda case, p: extended(case, p["head"])),
    Notice.Kind.TERMINATION: ("终止办理通知书", lambda case, p: terminated(case, p["head"])),
    Notice.Kind.COMPLETION: (
        "办结通知书",
        lambda case, p: collected(case, p["approver"], p["desk_clerk"], p["window"]),
    ),
}


@pytest.mark.parametrize("kind", list(DRIVE))
def test_each_back_office_notice_renders_with_title_number_applicant_and_qr_code(
    kind, accepted, approver, head, desk_clerk, delivery_window, tmp_path
):
    title, drive = DRIVE[kind]
    people = {"approver": approver, "head": head, "desk_clerk": desk_clerk}
    case = drive(accepted, {**people, "window": delivery_window})
    notice = latest(case, kind)
    assert notice is not None, f"no {kind} notice was issued"
    assert notice.content["title"] == title
    assert notice.content["issuer"] == "行政审批服务局"
    json.dumps(notice.content)  # stored as JSON

    text = rendered_text(notice, tmp_path)
    assert title in text
    assert f"编号：{notice.number}" in text
    assert case.applicant_name in text
    assert case.number in text
    assert notice.content["handling"]["accepted_date"] in text
    assert "扫码查询办理进度" in text
    assert "—1—" in text
    assert "行政审批服务局" in text
    assert notice.content["issued_date"] in text


# --- What each says -------------------------------------------------------------------------


def test_the_grant_decision_gives_the_result_its_number_and_decision_date(
    accepted, approver, tmp_path
):
    case = granted(accepted, approver)
    assert case.result_number.startswith("XYGX-XZSP〔")
    content = latest(case, Notice.Kind.RESULT).content
    decision = content["decision"]
    assert decision["granted"] is True
    assert decision["result_number"] == case.result_number
    assert decision["result_name"] == "药品经营许可证"
    assert decision["date"] == notices.chinese_date(timezone.localdate(case.decided_at))
    assert content["document"] == "本决定书"

    text = rendered_text(latest(case, Notice.Kind.RESULT), tmp_path)
    assert case.result_number in text
    assert "《中华人民共和国行政许可法》第三十八条第一款" in text
    assert f"本机关于{decision['date']}决定准予行政许可，颁发《药品经营许可证》" in text
    # No validity is invented: the certificate says it.
    assert "《药品经营许可证》的有效期限以证件载明的为准" in text
    assert "有效期届满三十日前" in text
    assert "《中华人民共和国药品管理法》第五十二条" in text  # the item's legal basis
    assert "请持本决定书和有效身份证件到咸阳高新区政务服务中心综合出件窗口领取" in text


@pytest.mark.parametrize(
    ("kind", "result_type", "title", "says"),
    [
        ("confirmation", "certificate", "准予办理决定书", "决定准予办理，颁发《"),
        ("public_service", "approval", "准予办理决定书", "决定准予办理，出具《"),
        ("public_service", "other", "办理结果通知书", "办理结果为："),
    ],
)
def test_an_item_that_is_not_a_licence_gets_a_decision_titled_after_its_result(
    kind, result_type, title, says, desk_clerk, intake_window, approval_bureau, tmp_path
):
    item = make_item(
        approval_bureau,
        name="个体工商户营业执照遗失补领",
        kind=kind,
        handling="immediate",
        statutory_days=1,
        promised_days=0,
        special_procedures=[],
        needs_inspection=False,
        remote_inspection=False,
        allows_deficiency=False,
        result_name="个体工商户营业执照（补领）",
        result_type=result_type,
    )
    case = intake.accept(actor=desk_clerk, intake=make_intake(item, intake_window))
    desk_clerk.decides_on_the_spot = True
    desk_clerk.save()
    backoffice.decide_on_the_spot(actor=desk_clerk, case=case)
    notice = latest(case, Notice.Kind.RESULT)
    assert notice.content["title"] == title

    text = rendered_text(notice, tmp_path)
    assert title in text
    assert says in text
    assert "行政许可" not in text  # not a licence: the Licensing Law is not cited
    assert "个体工商户营业执照（补领）" in text


def test_the_denial_gives_reason_basis_and_remedies(accepted, approver, tmp_path):
    case = denied(accepted, approver)
    notice = latest(case, Notice.Kind.DENIAL)
    decision = notice.content["decision"]
    assert (decision["reason"], decision["basis"]) == (DENIAL_REASON, DENIAL_BASIS)
    assert decision["remedies"] == notices.DECISION_REMEDIES

    text = rendered_text(notice, tmp_path)
    assert f"经审查，{DENIAL_REASON}。根据{DENIAL_BASIS}的规定，本机关决定不予行政许可。" in text
    assert (
        "申请人如对本决定不服，可以自收到本决定书之日起六十日内依法申请行政复议，"
        "或者在六个月内依法提起行政诉讼。"
    ) in text


def test_the_special_procedure_notice_names_it_with_its_reason_date_and_the_stopped_clock(
    accepted, approver, tmp_path
):
    case = suspended(accepted, approver)
    notice = latest(case, Notice.Kind.SUSPENSION)
    procedure = notice.content["procedure"]
    started = notices.chinese_date(timezone.localdate(case.suspensions.get().started_at))
    assert procedure["name"] == "专家评审"
    assert procedure["reason"] == EXPERT_REASON
    assert procedure["started_date"] == started

    text = rendered_text(notice, tmp_path)
    assert f"需要进行专家评审（事由：{EXPERT_REASON}），自{started}起转入专家评审特别程序" in text
    assert "根据《中华人民共和国行政许可法》第四十五条的规定" in text
    assert "特别程序所需时间不计算在办理时限内" in text
    assert "特此告知。" in text


def test_waiting_for_owed_materials_lists_them_with_the_promised_date(
    desk_clerk, intake_window, plain_item, approver, tmp_path
):
    checks = with_state(
        make_intake(plain_item, intake_window).checks, "食品安全管理制度文本", "owed"
    )
    due = timezone.localdate() + dt.timedelta(days=3)
    case = intake.accept_with_deficiency(
        actor=desk_clerk,
        intake=make_intake(plain_item, intake_window, checks=checks),
        due=due,
        promise="承诺三个工作日内补齐",
    )
    backoffice.claim(actor=approver, case=case)
    backoffice.suspend(actor=approver, case=case, kind="deficiency", reason="等待补齐容缺材料")
    procedure = latest(case, Notice.Kind.SUSPENSION).content["procedure"]
    assert procedure["name"] == "补齐容缺材料"
    assert procedure["law"] == ""  # not one of the Licensing Law's procedures
    assert procedure["reason"] == ""  # "等待补齐容缺材料" says no more than the name
    assert [m["name"] for m in procedure["owed"]] == ["食品安全管理制度文本"]

    text = rendered_text(latest(case, Notice.Kind.SUSPENSION), tmp_path)
    assert f"请于{notices.chinese_date(due)}前补齐下列材料" in text
    assert "食品安全管理制度文本" in text
    assert "根据有关规定，特别程序所需时间不计算在办理时限内" in text


def test_a_site_inspection_step_is_told_as_a_special_procedure_and_its_record_as_the_result(
    desk_clerk, intake_window, food_item, approver, inspector, tmp_path
):
    case = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="需现场核查经营场所")
    notice = latest(case, Notice.Kind.SUSPENSION)
    assert (notice.content["procedure"]["name"], notice.content["procedure"]["reason"]) == (
        "现场踏勘",
        "",
    )
    text = rendered_text(notice, tmp_path)
    assert "该申请需要进行现场踏勘，自" in text
    assert "事由" not in text

    backoffice.claim(actor=inspector, case=case)
    backoffice.pass_step(actor=inspector, case=case, opinion="经营场所与申请一致，符合要求")
    text = rendered_text(latest(case, Notice.Kind.RESUMPTION), tmp_path)
    assert "现场踏勘特别程序已于" in text
    assert "结果为：经营场所与申请一致，符合要求。" in text


def test_the_result_of_a_special_procedure_gives_the_days_suspended_and_the_new_deadline(
    desk_clerk, intake_window, plain_item, approver, tmp_path
):
    core_services.seed_calendar_from_package()
    with time_machine.travel(dt.datetime(2026, 9, 29, 10, tzinfo=dt.UTC), tick=False):
        case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
    with time_machine.travel(dt.datetime(2026, 10, 8, 10, tzinfo=dt.UTC), tick=False):
        suspended(case, approver)
    with time_machine.travel(dt.datetime(2026, 10, 10, 15, tzinfo=dt.UTC), tick=False):
        backoffice.resume(actor=approver, case=case, result="专家评审通过，储存设施符合要求。")
    notice = latest(case, Notice.Kind.RESUMPTION)
    procedure = notice.content["procedure"]
    assert procedure["working_days"] == 2
    assert procedure["result"] == "专家评审通过，储存设施符合要求"
    assert notice.content["handling"]["deadline"] == "2026年10月14日"

    text = rendered_text(notice, tmp_path)
    assert (
        "本机关于2026年10月8日启动的专家评审特别程序已于2026年10月10日结束，"
        "结果为：专家评审通过，储存设施符合要求。"
    ) in text
    assert "该特别程序历时2个工作日，不计算在办理时限内" in text
    assert "办结期限相应顺延至2026年10月14日" in text


def test_the_extension_gives_days_reason_new_deadline_within_the_statutory_limit(
    accepted, head, tmp_path
):
    before = accepted.deadline
    case = extended(accepted, head)
    notice = latest(case, Notice.Kind.EXTENSION)
    extension = notice.content["extension"]
    assert extension == {
        "days": 10,
        "reason": EXTENSION_REASON,
        "previous_deadline": notices.chinese_date(before),
        "deadline": notices.chinese_date(case.deadline),
        "total_days": 15,
        "statutory_days": 20,
    }

    text = rendered_text(notice, tmp_path)
    assert f"原定于{extension['previous_deadline']}前作出决定" in text
    assert f"因{EXTENSION_REASON}，本机关不能在承诺时限内作出决定" in text
    assert "经本机关负责人批准，办理期限延长10个工作日" in text
    assert "延长后的办理时限为15个工作日，未超过法定办理时限（20个工作日）" in text
    assert f"本机关将于{extension['deadline']}前" in text


def test_the_termination_gives_the_reason(accepted, head, tmp_path):
    case = terminated(accepted, head)
    termination = latest(case, Notice.Kind.TERMINATION).content["termination"]
    assert termination["lapsed"] is False
    text = rendered_text(latest(case, Notice.Kind.TERMINATION), tmp_path)
    assert "因申请人书面申请撤回，本机关决定自" in text
    assert "起终止办理该申请" in text
    assert notices.REMEDIES in text
    assert "特此通知。" in text


def test_a_lapsed_deficiency_ends_with_the_owed_materials_and_the_promised_date(
    desk_clerk, intake_window, plain_item, tmp_path
):
    checks = with_state(
        make_intake(plain_item, intake_window).checks, "食品安全管理制度文本", "owed"
    )
    today = timezone.localdate()
    case = intake.accept_with_deficiency(
        actor=desk_clerk,
        intake=make_intake(
            plain_item, intake_window, applicant=enterprise(agent_name=""), checks=checks
        ),
        due=today,
        promise="承诺当日补齐",
    )
    assert backoffice.terminate_lapsed_deficiencies(today + dt.timedelta(days=1)) == 1
    notice = latest(refresh(case), Notice.Kind.TERMINATION)
    termination = notice.content["termination"]
    assert termination["lapsed"] is True
    assert termination["due"] == notices.chinese_date(today)
    assert [m["name"] for m in termination["owed"]] == ["食品安全管理制度文本"]
    assert case.submissions.filter(state=Submission.State.OWED).count() == 1

    text = rendered_text(notice, tmp_path)
    assert "予以容缺受理" in text
    assert f"你（单位）书面承诺于{termination['due']}前补齐下列材料，截至期限届满仍未补齐" in text
    assert "食品安全管理制度文本" in text
    assert "根据容缺受理的有关规定和你（单位）作出的书面承诺" in text


def test_the_completion_notice_after_pick_up_names_who_collected_where(
    accepted, approver, desk_clerk, delivery_window, tmp_path
):
    case = collected(accepted, approver, desk_clerk, delivery_window)
    notice = latest(case, Notice.Kind.COMPLETION)
    completion = notice.content["completion"]
    completed = notices.chinese_date(timezone.localdate(case.completed_at))
    assert completion["method"] == "pickup"
    assert completion["date"] == completed
    assert (completion["window_number"], completion["recipient_name"]) == ("08", "李娜")

    text = rendered_text(notice, tmp_path)
    assert f"该申请已于{completed}办结" in text
    assert "作出准予行政许可的决定" in text
    assert (
        f"《药品经营许可证》及《准予行政许可决定书》已由李娜于{completed}"
        "在咸阳高新区政务服务中心08号窗口领取"
    ) in text
    assert case.result_number in text
    assert "“好差评”" in text
    assert "12345政务服务便民热线" in text


def test_the_completion_notice_after_post_gives_the_tracking_number(
    accepted, approver, desk_clerk, tmp_path
):
    case = posted(accepted, approver, desk_clerk)
    notice = latest(case, Notice.Kind.COMPLETION)
    assert notice.content["completion"]["tracking_number"] == "1187654321098"

    text = rendered_text(notice, tmp_path)
    assert "交中国邮政EMS邮寄至陕西省咸阳市秦都区高新一路9号，快递单号：1187654321098" in text
    assert "邮寄送达" in text
    assert "好差评" in text


def test_the_completion_of_a_denied_case_names_the_denial(accepted, approver, desk_clerk, tmp_path):
    case = denied(accepted, approver)
    delivery.deliver(
        actor=desk_clerk,
        case=case,
        handover=delivery.Handover(
            method="pickup",
            recipient_name="李娜",
            recipient_id_number=case.id_number,
            receipt=receipt_photo(),
        ),
    )
    notice = latest(case, Notice.Kind.COMPLETION)
    assert notice.content["decision"]["granted"] is False
    text = rendered_text(notice, tmp_path)
    assert "作出不予行政许可的决定" in text
    assert "《不予行政许可决定书》已由李娜于" in text
    assert "药品经营许可证》及" not in text


# --- Frozen ---------------------------------------------------------------------------------


def test_a_decision_keeps_what_it_said_when_the_case_and_catalog_change(
    accepted, approver, plain_item, tmp_path
):
    case = granted(accepted, approver)
    notice = latest(case, Notice.Kind.RESULT)
    before = json.loads(json.dumps(notice.content))

    Case.objects.filter(pk=case.pk).update(result_number="XYGX-XZSP〔2099〕99999号")
    ServiceItem.objects.filter(pk=plain_item.pk).update(result_name="改名的证照")

    notice = Notice.objects.get(pk=notice.pk)
    assert notice.content == before
    text = rendered_text(notice, tmp_path)
    assert "药品经营许可证" in text
    assert "改名的证照" not in text
    assert "〔2099〕" not in text
