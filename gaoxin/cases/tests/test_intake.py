"""Intake at the window: the four ways it ends, and what each one must have."""

import datetime as dt

import pytest
from django.utils import timezone

from gaoxin.cases import intake
from gaoxin.cases.models import Case, CaseEvent, Notice, Submission
from gaoxin.cases.tests.factories import all_received, enterprise, person, with_state
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.workflow import Status
from gaoxin.core import services as core_services
from gaoxin.core import workdays
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry, Window
from gaoxin.core.tests.factories import WindowFactory

pytestmark = pytest.mark.usefixtures("zone")


def test_a_complete_application_is_accepted_with_a_number_and_a_deadline(
    desk_clerk, intake_window, food_item
):
    core_services.seed_calendar_from_package()
    case = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    today = timezone.localdate()
    assert case.status == Status.ACCEPTED
    assert case.number == f"XYGX{today:%Y%m%d}000001"
    assert case.receipt_number == f"SJ{today:%Y%m%d}000001"
    expected = workdays.add_working_days(today, food_item.promised_days)
    assert (case.deadline, case.deadline_provisional) == (expected.date, expected.provisional)
    assert case.department == food_item.department
    assert [e.action for e in case.events.all()] == ["receive", "accept"]
    assert case.notices.get().kind == Notice.Kind.ACCEPTANCE
    assert AuditEntry.objects.filter(action="cases.accept", actor=desk_clerk).exists()


def test_an_enterprise_applies_through_an_agent(desk_clerk, intake_window, food_item):
    from gaoxin.core.tests.factories import resident_id

    applicant = enterprise(agent_name="赵强", agent_id_number=resident_id(order=555))
    case = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window, applicant))
    assert case.credit_code and not case.id_number
    assert case.agent_name == "赵强"


def test_numbers_follow_each_other_within_a_day(desk_clerk, intake_window, food_item):
    first = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    second = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1


def test_a_missing_required_material_blocks_acceptance_and_says_which(
    desk_clerk, intake_window, food_item
):
    checks = with_state(all_received(food_item), "营业执照", Submission.State.MISSING)
    with pytest.raises(intake.IntakeRefused) as refused:
        intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window, checks=checks))
    assert len(refused.value.errors) == 1
    assert not Case.objects.exists()


def test_a_wrong_id_number_is_refused_next_to_its_field(desk_clerk, intake_window, food_item):
    applicant = person(id_number="610402199005171234")
    with pytest.raises(intake.IntakeRefused) as refused:
        intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window, applicant))
    assert "id_number" in refused.value.errors


def test_a_wrong_credit_code_is_refused_next_to_its_field(desk_clerk, intake_window, food_item):
    applicant = enterprise(credit_code="91610402MA6X00000A")
    with pytest.raises(intake.IntakeRefused) as refused:
        intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window, applicant))
    assert "credit_code" in refused.value.errors


def test_a_correction_tells_everything_at_once_and_starts_no_clock(
    desk_clerk, intake_window, food_item
):
    checks = with_state(all_received(food_item), "营业执照", Submission.State.MISSING)
    checks = with_state(checks, "食品经营许可申请书", Submission.State.FAULTY, "缺少法定代表人签字")
    case = intake.request_correction(
        actor=desk_clerk, intake=make_intake(food_item, intake_window, checks=checks)
    )
    assert case.status == Status.CORRECTION
    assert case.number is None and case.deadline is None
    problems = case.submissions.exclude(state=Submission.State.RECEIVED).exclude(
        state=Submission.State.NOT_APPLICABLE
    )
    assert {s.material.name for s in problems} == {"营业执照", "食品经营许可申请书"}
    assert case.notices.get().kind == Notice.Kind.CORRECTION


def test_a_faulty_material_needs_to_say_what_is_wrong(desk_clerk, intake_window, food_item):
    checks = with_state(all_received(food_item), "营业执照", Submission.State.FAULTY)
    with pytest.raises(intake.IntakeRefused):
        intake.request_correction(
            actor=desk_clerk, intake=make_intake(food_item, intake_window, checks=checks)
        )


def test_the_applicant_returns_and_the_same_application_is_accepted(
    desk_clerk, intake_window, food_item
):
    checks = with_state(all_received(food_item), "营业执照", Submission.State.MISSING)
    case = intake.request_correction(
        actor=desk_clerk, intake=make_intake(food_item, intake_window, checks=checks)
    )
    resumed = intake.accept(
        actor=desk_clerk, intake=make_intake(food_item, intake_window), case=case
    )
    assert resumed.pk == case.pk
    assert resumed.receipt_number == case.receipt_number
    assert resumed.status == Status.ACCEPTED
    assert [e.action for e in resumed.events.all()] == ["receive", "request_correction", "accept"]
    assert Case.objects.count() == 1


def test_acceptance_with_deficiency_records_what_is_owed_and_by_when(
    desk_clerk, intake_window, food_item
):
    checks = with_state(all_received(food_item), "食品安全管理制度文本", Submission.State.OWED)
    due = workdays.add_working_days(timezone.localdate(), 2).date
    case = intake.accept_with_deficiency(
        actor=desk_clerk,
        intake=make_intake(food_item, intake_window, checks=checks),
        due=due,
        promise="本人承诺于期限内补齐食品安全管理制度文本，逾期未补齐的，同意终止办理。",
    )
    assert case.status == Status.ACCEPTED
    assert case.deficiency_due == due
    assert case.notices.get().kind == Notice.Kind.DEFICIENCY


def test_only_a_secondary_material_may_be_owed(desk_clerk, intake_window, food_item):
    checks = with_state(all_received(food_item), "营业执照", Submission.State.OWED)
    with pytest.raises(intake.IntakeRefused) as refused:
        intake.accept_with_deficiency(
            actor=desk_clerk,
            intake=make_intake(food_item, intake_window, checks=checks),
            due=timezone.localdate(),
            promise="承诺补齐",
        )
    assert any(key.startswith("material-") for key in refused.value.errors)
    assert not Case.objects.exists()


def test_the_promised_date_may_not_pass_the_deadline(desk_clerk, intake_window, food_item):
    checks = with_state(all_received(food_item), "食品安全管理制度文本", Submission.State.OWED)
    with pytest.raises(intake.IntakeRefused) as refused:
        intake.accept_with_deficiency(
            actor=desk_clerk,
            intake=make_intake(food_item, intake_window, checks=checks),
            due=timezone.localdate() + dt.timedelta(days=90),
            promise="承诺补齐",
        )
    assert "due" in refused.value.errors


def test_an_item_without_deficiency_acceptance_refuses_it(
    desk_clerk, intake_window, approval_bureau
):
    from gaoxin.catalog.tests.factories import make_item

    item = make_item(approval_bureau, allows_deficiency=False)
    checks = with_state(all_received(item), "食品安全管理制度文本", Submission.State.OWED)
    with pytest.raises(intake.IntakeRefused):
        intake.accept_with_deficiency(
            actor=desk_clerk,
            intake=make_intake(item, intake_window, checks=checks),
            due=timezone.localdate(),
            promise="承诺",
        )


def test_a_refusal_needs_reason_and_legal_basis(desk_clerk, intake_window, food_item):
    with pytest.raises(intake.IntakeRefused) as refused:
        intake.refuse(
            actor=desk_clerk,
            intake=make_intake(food_item, intake_window),
            reason="",
            basis="",
        )
    assert set(refused.value.errors) == {"reason", "basis"}
    case = intake.refuse(
        actor=desk_clerk,
        intake=make_intake(food_item, intake_window),
        reason="申请事项依法不属于本机关职权范围",
        basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        authority="咸阳市市场监督管理局",
    )
    assert case.status == Status.REFUSED
    assert case.number is None
    assert case.competent_authority == "咸阳市市场监督管理局"
    assert case.notices.get().kind == Notice.Kind.REFUSAL


def test_a_refused_case_cannot_be_resumed(desk_clerk, intake_window, food_item):
    case = intake.refuse(
        actor=desk_clerk,
        intake=make_intake(food_item, intake_window),
        reason="不属于本机关职权范围",
        basis="《中华人民共和国行政许可法》第三十二条",
    )
    with pytest.raises(DomainError):
        intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window), case=case)


def test_only_window_clerks_take_applications(approver, intake_window, food_item):
    with pytest.raises(NotAllowed):
        intake.accept(actor=approver, intake=make_intake(food_item, intake_window))


def test_a_delivery_window_does_not_receive(desk_clerk, food_item):
    window = WindowFactory(number=11, name="综合出件窗口", kind=Window.Kind.DELIVERY)
    with pytest.raises(NotAllowed):
        intake.accept(actor=desk_clerk, intake=make_intake(food_item, window))


def test_a_specialist_window_receives_only_its_departments_items(
    desk_clerk, food_item, market_bureau
):
    window = WindowFactory(number=15, name="企业开办专窗", kind=Window.Kind.SPECIALIST)
    window.departments.set([market_bureau])
    with pytest.raises(NotAllowed):
        intake.accept(actor=desk_clerk, intake=make_intake(food_item, window))


def test_a_case_keeps_the_item_version_it_was_received_under(
    desk_clerk, intake_window, food_item, admin_user
):
    from gaoxin.catalog import services as catalog_services

    case = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    catalog_services.revise_item(actor=admin_user, item=food_item, promised_days=3)
    case.refresh_from_db()
    assert case.item.version == 1 and case.item.promised_days == 5


def test_every_step_is_in_the_history(desk_clerk, intake_window, food_item):
    case = intake.accept(actor=desk_clerk, intake=make_intake(food_item, intake_window))
    events = CaseEvent.objects.filter(case=case)
    assert [(e.from_status, e.to_status) for e in events] == [
        ("", Status.RECEIVED),
        (Status.RECEIVED, Status.ACCEPTED),
    ]
