"""The back office: a case's route through its steps, the decision, special procedures, the
head's extension and delivery at the window, told through the services the pages call."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from gaoxin.cases import backoffice, clock, delivery, intake
from gaoxin.cases.models import Case, CaseStep, Delivery, Notice, Submission
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.factories import with_state
from gaoxin.cases.workflow import Status
from gaoxin.catalog.steps import StepKind
from gaoxin.core import services as core_services
from gaoxin.core import workdays
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.sending import ConsoleSender
from gaoxin.core.tests.factories import resident_id

pytestmark = pytest.mark.usefixtures("zone")
D = dt.date
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def english():
    """The messages are matched in their English source text."""
    with translation.override("en"):
        yield


def receipt_photo():
    return SimpleUploadedFile("receipt.png", PNG, content_type="image/png")


@pytest.fixture
def accepted(desk_clerk, intake_window, plain_item):
    return intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))


def refresh(case):
    return Case.objects.get(pk=case.pk)


def test_an_accepted_case_waits_in_the_review_step_of_its_department(accepted, approval_bureau):
    steps = list(accepted.steps.all())
    assert [(s.kind, s.department_id, s.finished_at) for s in steps] == [
        (StepKind.REVIEW, approval_bureau.pk, None)
    ]
    # 5 promised days: one each for decision and certificate, three for the review.
    assert steps[0].limit_days == 3
    assert [p.days for p in backoffice.route(accepted)] == [3, 1, 1]


def test_the_whole_route_from_review_to_delivery(accepted, approver, desk_clerk):
    backoffice.claim(actor=approver, case=accepted)
    assert refresh(accepted).status == Status.IN_REVIEW

    backoffice.pass_step(actor=approver, case=accepted, opinion="材料齐全，符合法定条件。")
    step = backoffice.open_step(accepted)
    assert step.kind == StepKind.DECISION and step.claimed_by is None

    backoffice.claim(actor=approver, case=accepted)
    backoffice.decide(actor=approver, case=accepted, grant=True, opinion="同意许可。")
    case = refresh(accepted)
    assert (case.status, case.decision) == (Status.DECIDED, "granted")

    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case)
    case = refresh(case)
    assert case.status == Status.AWAITING_DELIVERY
    assert case.result_number.startswith("XYGX-")
    assert case.ready_at is not None
    assert case.notices.filter(kind=Notice.Kind.RESULT).exists()

    ConsoleSender.sent.clear()
    with pytest.raises(backoffice.StepRefused) as refused:
        delivery.deliver(
            actor=desk_clerk,
            case=case,
            handover=delivery.Handover(
                method="pickup", recipient_name="李娜", recipient_id_number=case.id_number
            ),
        )
    assert "receipt" in refused.value.errors
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
    case = refresh(case)
    assert case.status == Status.COMPLETED and case.completed_at is not None
    assert case.delivery.method == Delivery.Method.PICKUP and case.delivery.receipt
    assert case.notices.filter(kind=Notice.Kind.COMPLETION).exists()
    assert [e.action for e in case.events.all()] == [
        "receive",
        "accept",
        "claim",
        "pass",
        "claim",
        "grant",
        "claim",
        "issue_result",
        "deliver",
    ]


def test_a_stranger_cannot_collect_without_a_letter_of_authorisation(
    accepted, approver, desk_clerk
):
    case = _to_the_window(accepted, approver)
    stranger = resident_id(order=777)
    handover = delivery.Handover(
        method="pickup",
        recipient_name="周杰",
        recipient_id_number=stranger,
        receipt=receipt_photo(),
    )
    with pytest.raises(backoffice.StepRefused) as refused:
        delivery.deliver(actor=desk_clerk, case=case, handover=handover)
    assert "recipient_id_number" in refused.value.errors
    handover.by_agent = True
    with pytest.raises(backoffice.StepRefused) as refused:
        delivery.deliver(actor=desk_clerk, case=case, handover=handover)
    assert "authorisation" in refused.value.errors
    handover.authorisation = SimpleUploadedFile("letter.png", PNG)
    handover.receipt = receipt_photo()
    delivery.deliver(actor=desk_clerk, case=case, handover=handover)
    assert refresh(case).delivery.by_agent


def test_a_return_goes_back_to_whoever_handled_the_previous_step(accepted, approver):
    backoffice.claim(actor=approver, case=accepted)
    backoffice.pass_step(actor=approver, case=accepted, opinion="符合条件")
    backoffice.claim(actor=approver, case=accepted)
    with pytest.raises(backoffice.StepRefused):
        backoffice.return_step(actor=approver, case=accepted, reason="  ")
    back = backoffice.return_step(actor=approver, case=accepted, reason="经营场所面积需核实")
    assert back.kind == StepKind.REVIEW and back.claimed_by == approver
    outcomes = list(accepted.steps.values_list("kind", "outcome"))
    assert outcomes == [
        (StepKind.REVIEW, CaseStep.Outcome.PASSED),
        (StepKind.DECISION, CaseStep.Outcome.RETURNED),
        (StepKind.REVIEW, ""),
    ]


def test_a_denial_needs_reason_and_basis_and_goes_to_the_window(accepted, approver):
    backoffice.claim(actor=approver, case=accepted)
    backoffice.pass_step(actor=approver, case=accepted, opinion="经营场所不符合要求")
    backoffice.claim(actor=approver, case=accepted)
    with pytest.raises(backoffice.StepRefused) as refused:
        backoffice.decide(actor=approver, case=accepted, grant=False)
    assert set(refused.value.errors) == {"reason", "basis"}
    backoffice.decide(
        actor=approver,
        case=accepted,
        grant=False,
        reason="经营场所与药品储存条件不符",
        basis="《药品经营和使用质量监督管理办法》第十二条",
    )
    case = refresh(accepted)
    assert (case.status, case.decision) == (Status.AWAITING_DELIVERY, "denied")
    assert case.notices.filter(kind=Notice.Kind.DENIAL).exists()


def test_illegal_moves_are_refused_with_a_message(
    accepted, approver, other_approver, desk_clerk, clerk
):
    # Act on another department's case.
    with pytest.raises(NotAllowed):
        backoffice.claim(actor=other_approver, case=accepted)
    # A clerk has no back-office step.
    with pytest.raises(NotAllowed):
        backoffice.claim(actor=clerk, case=accepted)
    # Deliver before the decision.
    with pytest.raises(DomainError, match="no result"):
        delivery.deliver(
            actor=desk_clerk,
            case=accepted,
            handover=delivery.Handover(method="post", address="咸阳市", tracking_number="SF1"),
        )
    # Decide a suspended case.
    backoffice.claim(actor=approver, case=accepted)
    backoffice.suspend(actor=approver, case=accepted, kind="expert_review", reason="需组织专家评审")
    with pytest.raises(DomainError, match="special procedure"):
        backoffice.pass_step(actor=approver, case=accepted, opinion="符合条件")
    # Pass a step someone else holds.
    backoffice.resume(actor=approver, case=accepted, result="专家评审通过")
    with pytest.raises(NotAllowed):
        backoffice.pass_step(actor=clerk, case=accepted, opinion="x")


def test_a_procedure_the_item_does_not_provide_for_is_refused(accepted, approver):
    backoffice.claim(actor=approver, case=accepted)
    with pytest.raises(backoffice.StepRefused) as refused:
        backoffice.suspend(actor=approver, case=accepted, kind="hearing", reason="听证")
    assert "kind" in refused.value.errors


def test_a_two_day_suspension_moves_the_national_day_deadline_by_two_working_days(
    desk_clerk, intake_window, plain_item, approver
):
    core_services.seed_calendar_from_package()
    with time_machine.travel(dt.datetime(2026, 9, 29, 10, tzinfo=dt.UTC), tick=False):
        case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
    # 30 Sep (1); 1–7 Oct National Day; 8 Oct (2), 9 Oct (3), Sat 10 Oct worked (4), 12 Oct (5).
    assert case.deadline == D(2026, 10, 12)
    with time_machine.travel(dt.datetime(2026, 10, 8, 10, tzinfo=dt.UTC), tick=False):
        backoffice.claim(actor=approver, case=case)
        backoffice.suspend(actor=approver, case=case, kind="expert_review", reason="专家评审")
    with time_machine.travel(dt.datetime(2026, 10, 10, 15, tzinfo=dt.UTC), tick=False):
        # Suspended on Thursday 8 Oct; Friday 9 and Saturday 10 (worked) do not count.
        reading = clock.reading(refresh(case), D(2026, 10, 10), workdays.WorkCalendar.load())
        assert reading.suspended == 2
        backoffice.resume(actor=approver, case=case, result="专家评审通过")
    case = refresh(case)
    assert case.suspended_days == 2
    # 12 Oct plus two working days: Tuesday 13, Wednesday 14 Oct.
    assert case.deadline == D(2026, 10, 14)
    assert case.warning_date == D(2026, 10, 13)
    assert case.notices.filter(kind=Notice.Kind.SUSPENSION).count() == 1
    assert case.notices.filter(kind=Notice.Kind.RESUMPTION).count() == 1
    reading = clock.reading(case, D(2026, 10, 12), workdays.WorkCalendar.load())
    # Used: 30 Sep, 8–12 Oct less the two suspended days.
    assert (reading.used, reading.suspended, reading.level) == (3, 2, clock.Level.GREEN)


def test_a_site_inspection_step_stops_the_clock_until_its_record(
    desk_clerk, intake_window, food_item, approver, inspector
):
    case = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    assert [p.kind for p in backoffice.route(case)] == [
        StepKind.REVIEW,
        StepKind.INSPECTION,
        StepKind.DECISION,
        StepKind.CERTIFICATE,
    ]
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="需现场核查经营场所")
    assert refresh(case).status == Status.SUSPENDED
    backoffice.claim(actor=inspector, case=case)
    with pytest.raises(backoffice.StepRefused):
        backoffice.pass_step(actor=inspector, case=case, opinion="")
    backoffice.pass_step(actor=inspector, case=case, opinion="经营场所与申请一致，符合要求")
    case = refresh(case)
    assert case.status == Status.IN_REVIEW
    assert backoffice.open_step(case).kind == StepKind.DECISION
    assert case.suspensions.get().ended_at is not None


def test_the_head_extends_once_within_the_statutory_limit(accepted, head, approver):
    with pytest.raises(NotAllowed):
        backoffice.extend(actor=approver, case=accepted, days=5, reason="情况复杂")
    with pytest.raises(backoffice.StepRefused) as refused:
        backoffice.extend(actor=head, case=accepted, days=16, reason="情况复杂")
    assert "days" in refused.value.errors  # 20 statutory − 5 promised leaves 15
    before = accepted.deadline
    backoffice.extend(actor=head, case=accepted, days=10, reason="需征求相关部门意见")
    case = refresh(accepted)
    assert case.extended_days == 10 and case.deadline > before
    assert case.notices.filter(kind=Notice.Kind.EXTENSION).exists()
    with pytest.raises(DomainError, match="once"):
        backoffice.extend(actor=head, case=case, days=1, reason="再次延期")


def test_owed_materials_brought_end_the_wait_and_lapsed_ones_end_the_case(
    desk_clerk, intake_window, plain_item, approver
):
    checks = with_state(
        make_intake(plain_item, intake_window).checks, "食品安全管理制度文本", "owed"
    )
    today = timezone.localdate()
    first = intake.accept_with_deficiency(
        actor=desk_clerk,
        intake=make_intake(plain_item, intake_window, checks=checks),
        due=today,
        promise="承诺三个工作日内补齐",
    )
    second = intake.accept_with_deficiency(
        actor=desk_clerk,
        intake=make_intake(plain_item, intake_window, checks=checks),
        due=today,
        promise="承诺三个工作日内补齐",
    )
    backoffice.claim(actor=approver, case=first)
    backoffice.suspend(actor=approver, case=first, kind="deficiency", reason="等待补齐容缺材料")
    owed = first.submissions.get(state=Submission.State.OWED)
    backoffice.catch_up(actor=desk_clerk, case=first, material_ids=[owed.material_id])
    assert refresh(first).status == Status.IN_REVIEW

    assert backoffice.terminate_lapsed_deficiencies(today + dt.timedelta(days=1)) == 1
    second = refresh(second)
    assert second.status == Status.TERMINATED
    assert second.notices.filter(kind=Notice.Kind.TERMINATION).exists()
    assert not second.steps.filter(finished_at__isnull=True).exists()


def test_an_authorised_clerk_decides_an_immediate_item_on_the_spot(
    desk_clerk, intake_window, immediate_item
):
    item = immediate_item
    case = intake.accept(actor=desk_clerk, intake=make_intake(item, intake_window))
    with pytest.raises(NotAllowed):
        backoffice.decide_on_the_spot(actor=desk_clerk, case=case)
    desk_clerk.decides_on_the_spot = True
    desk_clerk.save()
    backoffice.decide_on_the_spot(actor=desk_clerk, case=case)
    case = refresh(case)
    assert (case.status, case.decision) == (Status.AWAITING_DELIVERY, "granted")
    assert case.notices.filter(kind=Notice.Kind.RESULT).exists()


def _to_the_window(case, approver):
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="符合条件")
    backoffice.claim(actor=approver, case=case)
    backoffice.decide(actor=approver, case=case, grant=True)
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case)
    return refresh(case)
