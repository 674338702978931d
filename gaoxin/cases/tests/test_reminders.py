"""The worker's daily reminders: a step or a case turning yellow or red tells the people who
must act, once; a deficiency not caught up by its date ends the case and tells the applicant."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gaoxin.cases import backoffice, intake, reminders
from gaoxin.cases.models import Case, Notice
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.factories import with_state
from gaoxin.cases.workflow import Status
from gaoxin.core import periodic
from gaoxin.core.models import Notification
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("zone")
ONE_DAY = dt.timedelta(days=1)


@pytest.fixture
def accepted(desk_clerk, intake_window, plain_item):
    return intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))


def warnings_job(day):
    return periodic.run_job(periodic.JOBS["cases.warnings"], day=day, force=True)


def inbox(user):
    return list(Notification.objects.filter(user=user).values_list("dedupe_key", flat=True))


def test_the_cases_jobs_are_registered_with_the_worker():
    assert periodic.JOBS["cases.warnings"].run is reminders.send_warnings
    assert periodic.JOBS["cases.terminate_lapsed_deficiencies"].every == periodic.DAILY


def test_a_step_turning_yellow_tells_its_holder_once_even_when_the_job_runs_twice(
    accepted, approver, head, supervisor
):
    backoffice.claim(actor=approver, case=accepted)
    step = backoffice.open_step(accepted)
    colleague = UserFactory(role=Role.APPROVER, department=approver.department)

    assert warnings_job(step.warning_date - ONE_DAY).summary.startswith("0 step(s)")
    assert inbox(approver) == []

    first = warnings_job(step.warning_date)
    second = warnings_job(step.warning_date)
    assert first.ran and second.ran and not first.failed
    assert inbox(approver) == [f"cases.step.{step.pk}.yellow"]
    notification = Notification.objects.get(user=approver)
    assert accepted.number in notification.title
    assert notification.url == f"/cases/{accepted.pk}/"
    assert notification.read_at is None
    # The step is on the holder's desk: the colleague, the head and supervision are not told.
    assert inbox(colleague) == inbox(head) == inbox(supervisor) == []


def test_an_unclaimed_step_tells_everyone_in_its_department_who_may_take_it_up(
    accepted, approver, other_approver, head, inspector, clerk
):
    step = backoffice.open_step(accepted)
    warnings_job(step.warning_date)
    key = f"cases.step.{step.pk}.yellow"
    # Approvers and the head (who may approve) of the owning department; nobody else.
    assert inbox(approver) == inbox(head) == [key]
    assert inbox(other_approver) == inbox(inspector) == inbox(clerk) == []


def test_a_red_case_tells_the_holder_the_head_and_the_supervisors(
    accepted, approver, head, supervisor
):
    backoffice.claim(actor=approver, case=accepted)
    step = backoffice.open_step(accepted)
    second_supervisor = UserFactory(role=Role.SUPERVISOR)
    retired_supervisor = UserFactory(role=Role.SUPERVISOR, is_active=False)
    case = Case.objects.get(pk=accepted.pk)

    # The day the case turns yellow its review step is already overdue.
    warnings_job(case.warning_date)
    assert set(inbox(approver)) == {f"cases.step.{step.pk}.red", f"cases.case.{case.pk}.yellow"}
    assert inbox(head) == [f"cases.step.{step.pk}.red"]
    assert inbox(supervisor) == []

    warnings_job(case.deadline + ONE_DAY)
    warnings_job(case.deadline + 2 * ONE_DAY)
    red = f"cases.case.{case.pk}.red"
    assert inbox(approver).count(red) == 1
    assert red in inbox(head)
    assert inbox(supervisor) == inbox(second_supervisor) == [red]
    assert inbox(retired_supervisor) == []
    title = Notification.objects.get(user=supervisor).title
    assert case.number in title


def test_a_case_in_a_special_procedure_is_not_warned_about(accepted, approver):
    backoffice.claim(actor=approver, case=accepted)
    backoffice.suspend(actor=approver, case=accepted, kind="expert_review", reason="专家评审")
    case = Case.objects.get(pk=accepted.pk)
    warnings_job(case.deadline + ONE_DAY)
    assert inbox(approver) == []


def test_a_lapsed_deficiency_ends_the_case_and_the_applicant_is_told(
    desk_clerk, intake_window, plain_item, django_capture_on_commit_callbacks
):
    checks = with_state(
        make_intake(plain_item, intake_window).checks, "食品安全管理制度文本", "owed"
    )
    today = timezone.localdate()
    case = intake.accept_with_deficiency(
        actor=desk_clerk,
        intake=make_intake(plain_item, intake_window, checks=checks),
        due=today,
        promise="承诺三个工作日内补齐",
    )
    job = periodic.JOBS["cases.terminate_lapsed_deficiencies"]
    # On the promised day the case still waits.
    assert periodic.run_job(job, day=today).summary == "0 case(s) ended"
    with django_capture_on_commit_callbacks(execute=True):
        outcome = periodic.run_job(job, day=today + ONE_DAY)
    assert outcome.summary == "1 case(s) ended"
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.TERMINATED
    assert case.termination_reason == backoffice.DEFICIENCY_LAPSED
    notice = case.notices.get(kind=Notice.Kind.TERMINATION)
    assert notice.number
    messages = [
        task.args_kwargs["args"]
        for task in DBTaskResult.objects.filter(task_path__endswith="send_message_task")
    ]
    assert len(messages) == 1
    phone, text = messages[0]
    assert phone == case.phone
    assert case.number in text and "终止办理" in text
    # The day's run is recorded: a second worker does not run it again.
    assert not periodic.run_job(job, day=today + ONE_DAY).ran
