"""The approver's pages (后台分类审批) through the test client: the queue and its filters, the
work page and its small forms, who may open them, and what comes back when a form is refused."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from gaoxin.cases import backoffice, intake, queries
from gaoxin.cases.models import Case, CaseStep, Notice, Submission
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.cases.tests.factories import with_state
from gaoxin.cases.workflow import Status
from gaoxin.catalog.steps import StepKind
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.errors import NotAllowed

pytestmark = pytest.mark.usefixtures("zone")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def accept(desk_clerk, intake_window):
    def accept(item):
        return intake.accept(actor=desk_clerk, intake=make_intake(item, intake_window))

    return accept


@pytest.fixture
def case(accept, plain_item):
    return accept(plain_item)


def refresh(case):
    return Case.objects.get(pk=case.pk)


def open_step(case):
    return CaseStep.objects.get(case=case, finished_at__isnull=True)


def rows(response):
    """The case numbers of the queue's rows, in order."""
    return re.findall(r'data-case="([^"]+)"', response.text)


# --- The queue -----------------------------------------------------------------------------


def test_the_queue_shows_the_departments_open_steps_soonest_deadline_first(
    client, approver, accept, plain_item, food_item, market_bureau
):
    later = accept(plain_item)
    sooner = accept(food_item)
    elsewhere = accept(make_item(market_bureau, name="有限责任公司设立登记", kind="confirmation"))
    Case.objects.filter(pk=later.pk).update(deadline=timezone.localdate() + dt.timedelta(days=9))
    client.force_login(approver)
    response = client.get(reverse("queue"))
    assert response.status_code == 200
    assert rows(response) == [sooner.number, later.number]
    assert elsewhere.number not in response.text
    # Each row opens the work page of a step the approver may work on.
    assert reverse("case_work", args=[sooner.pk]) in response.text


def test_the_queue_filters_in_place(client, approver, head, accept, plain_item, food_item):
    mine, theirs, waiting = accept(plain_item), accept(food_item), accept(plain_item)
    backoffice.claim(actor=approver, case=mine)
    backoffice.claim(actor=head, case=theirs)
    backoffice.pass_step(actor=head, case=theirs, opinion="需现场核查")  # → site inspection
    today = timezone.localdate()
    Case.objects.filter(pk=waiting.pk).update(
        warning_date=today - dt.timedelta(days=3), deadline=today - dt.timedelta(days=1)
    )
    CaseStep.objects.filter(case=mine).update(
        warning_date=today - dt.timedelta(days=1), due=today + dt.timedelta(days=1)
    )
    client.force_login(approver)
    url = reverse("queue")

    def numbers(**filters):
        return set(rows(client.get(url, filters, HTTP_HX_REQUEST="true")))

    everything = {mine.number, theirs.number, waiting.number}
    assert numbers() == everything
    assert numbers(holder="mine") == {mine.number}
    assert numbers(holder="unclaimed") == {theirs.number, waiting.number}
    assert numbers(kind=StepKind.INSPECTION) == {theirs.number}
    assert numbers(status=Status.SUSPENDED) == {theirs.number}
    assert numbers(status=Status.IN_REVIEW) == {mine.number}
    assert numbers(item=food_item.code) == {theirs.number}
    assert numbers(level="red") == {waiting.number}
    assert numbers(level="step_yellow") == {mine.number}
    assert numbers(level="step_red") == set()
    assert numbers(holder="mine", level="red") == set()
    # Unknown values filter nothing rather than fail.
    assert numbers(kind="nonsense", holder="whoever") == {
        mine.number,
        theirs.number,
        waiting.number,
    }
    # htmx gets the rows alone; a plain request the whole page with the filters.
    partial = client.get(url, {"holder": "mine"}, HTTP_HX_REQUEST="true").text
    assert "<html" not in partial and 'data-testid="queue-rows"' in partial
    page = client.get(url, {"holder": "mine"}).text
    assert "<html" in page and 'data-testid="queue-filters"' in page
    assert '<option value="mine" selected>' in page


def test_supervisors_pick_a_department_others_only_see_their_own(
    client, supervisor, approver, other_approver, case, market_bureau, approval_bureau
):
    client.force_login(supervisor)
    assert rows(client.get(reverse("queue"))) == [case.number]
    assert rows(client.get(reverse("queue"), {"department": market_bureau.pk})) == []
    assert rows(client.get(reverse("queue"), {"department": approval_bureau.pk})) == [case.number]
    # A supervisor reads the case; the row opens the case page, not the work page.
    assert reverse("case_work", args=[case.pk]) not in client.get(reverse("queue")).text

    client.force_login(other_approver)
    response = client.get(reverse("queue"), {"department": approval_bureau.pk})
    assert rows(response) == []  # the choice is not theirs to make: their own department
    with pytest.raises(NotAllowed):
        queries.queue(other_approver, department=approval_bureau)


def test_a_clerk_has_no_queue(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("queue")).status_code == 403


def test_the_queue_reads_in_a_fixed_number_of_queries(
    client, approver, accept, plain_item, django_assert_max_num_queries
):
    for _ in range(6):
        backoffice.claim(actor=approver, case=accept(plain_item))
    client.force_login(approver)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("queue"))
    assert len(rows(response)) == 6


# --- Who opens the work page ---------------------------------------------------------------


def test_another_departments_approver_gets_403_on_the_work_page_and_its_actions(
    client, other_approver, case
):
    client.force_login(other_approver)
    assert client.get(reverse("case_work", args=[case.pk])).status_code == 403
    step = open_step(case).pk
    for name, data in [
        ("case_claim", {"step": step}),
        ("case_pass", {"step": step, "opinion": "同意"}),
        ("case_return", {"step": step, "reason": "退回"}),
        ("case_decide", {"step": step, "decision": "grant"}),
        ("case_suspend", {"step": step, "kind": "expert_review", "reason": "x"}),
        ("case_resume", {"step": step, "result": "x"}),
        ("case_extend", {"days": "3", "reason": "x"}),
        ("case_catch_up", {"materials": "1"}),
        ("case_terminate", {"reason": "x"}),
    ]:
        assert client.post(reverse(name, args=[case.pk]), data).status_code == 403, name
    assert open_step(case).claimed_by is None
    assert refresh(case).status == Status.ACCEPTED


def test_those_who_only_read_the_case_are_sent_to_the_case_page(client, clerk, supervisor, case):
    for reader in (clerk, supervisor):
        client.force_login(reader)
        response = client.get(reverse("case_work", args=[case.pk]))
        assert response["Location"] == reverse("case_detail", args=[case.pk])


def test_the_work_page_shows_the_route_clock_materials_and_history(client, approver, case):
    submission = case.submissions.select_related("material").first()
    submission.file.save("scan.pdf", ContentFile(PDF), save=False)
    submission.file_kind, submission.file_name = "pdf", "申请书.pdf"
    submission.save()
    client.force_login(approver)
    page = client.get(reverse("case_work", args=[case.pk])).text
    assert case.number in page and case.applicant_name in page
    assert 'data-state="current"' in page and page.count('data-state="next"') == 2
    assert 'data-testid="case-clock"' in page
    assert reverse("case_work_scan", args=[case.pk, submission.pk]) in page
    with override("zh-hans"):
        assert str(Notice.Kind.ACCEPTANCE.label) in page
    assert 'data-testid="claim"' in page and 'data-testid="pass-form"' not in page

    scan = client.get(reverse("case_work_scan", args=[case.pk, submission.pk]))
    assert scan["Content-Type"] == "application/pdf"
    assert scan["X-Frame-Options"] == "SAMEORIGIN"
    assert scan["Content-Disposition"].startswith("inline")
    assert b"".join(scan.streaming_content) == PDF


def test_a_joint_department_opens_the_scans_of_the_step_it_works_on(
    client, accept, approval_bureau, market_bureau, other_approver, approver
):
    item = make_item(
        approval_bureau,
        name="建设项目联合审查",
        needs_inspection=False,
        remote_inspection=False,
        joint_department=market_bureau,
    )
    case = accept(item)
    submission = case.submissions.first()
    submission.file.save("scan.pdf", ContentFile(PDF), save=False)
    submission.file_kind = "pdf"
    submission.save()
    url = reverse("case_work_scan", args=[case.pk, submission.pk])
    work = reverse("case_work", args=[case.pk])
    client.force_login(other_approver)
    # Before the joint review they read the case; at it, they work on it with its scans.
    assert client.get(work)["Location"] == reverse("case_detail", args=[case.pk])
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="请市场监管分局会审")
    assert client.get(work).status_code == 200
    assert client.get(url).status_code == 200


# --- The actions ---------------------------------------------------------------------------


def test_the_route_through_the_pages_from_claim_to_the_window(client, approver, case):
    client.force_login(approver)
    work = reverse("case_work", args=[case.pk])

    def post(name, **data):
        data.setdefault("step", open_step(case).pk)
        return client.post(reverse(name, args=[case.pk]), data)

    assert post("case_claim")["Location"] == work
    page = client.get(work).text
    assert 'data-testid="pass-form"' in page and "autofocus" in page
    assert post("case_pass", opinion="材料齐全，符合法定条件。")["Location"] == work
    assert open_step(case).kind == StepKind.DECISION
    post("case_claim")
    page = client.get(work).text
    assert 'data-testid="grant-form"' in page and 'data-testid="return-form"' in page
    assert post("case_decide", decision="grant", opinion="同意许可。")["Location"] == work
    post("case_claim")
    response = post("case_pass")
    assert response["Location"] == reverse("queue")  # the case left the department
    case = refresh(case)
    assert case.status == Status.AWAITING_DELIVERY and case.result_number
    with override("zh-hans"):
        told = gettext("The result document is issued; the case waits at the window for delivery.")
    assert told in client.get(response["Location"]).text


def test_claiming_from_the_queue_comes_back_to_the_same_row(client, approver, case):
    client.force_login(approver)
    here = reverse("queue") + "?holder=unclaimed"
    step = open_step(case)
    response = client.post(reverse("case_claim", args=[case.pk]), {"step": step.pk, "next": here})
    assert response["Location"] == f"{here}#step-{step.pk}"
    assert open_step(case).claimed_by == approver
    # A foreign address is not followed.
    response = client.post(
        reverse("case_claim", args=[case.pk]), {"step": step.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("case_work", args=[case.pk])


def test_a_colleagues_step_is_not_taken_but_the_head_may_take_it_over(
    client, approver, head, approval_bureau, case
):
    from gaoxin.core.roles import Role
    from gaoxin.core.tests.factories import UserFactory

    colleague = UserFactory(username="colleague", role=Role.APPROVER, department=approval_bureau)
    backoffice.claim(actor=colleague, case=case)
    client.force_login(approver)
    page = client.get(reverse("case_work", args=[case.pk])).text
    assert 'data-testid="claim"' not in page and 'data-testid="pass-form"' not in page
    response = client.post(
        reverse("case_claim", args=[case.pk]), {"step": open_step(case).pk}, follow=True
    )
    assert open_step(case).claimed_by == colleague
    assert str(colleague) in response.text
    client.force_login(head)
    assert 'data-testid="claim"' in client.get(reverse("case_work", args=[case.pk])).text
    client.post(reverse("case_claim", args=[case.pk]), {"step": open_step(case).pk})
    assert open_step(case).claimed_by == head


def test_a_pass_without_an_opinion_comes_back_with_the_message(client, approver, case):
    backoffice.claim(actor=approver, case=case)
    client.force_login(approver)
    response = client.post(
        reverse("case_pass", args=[case.pk]), {"step": open_step(case).pk, "opinion": "  "}
    )
    assert response.status_code == 200
    with override("zh-hans"):
        assert gettext("Write your opinion.") in response.text
    assert 'id="pass-opinion"' in response.text and "is-invalid" in response.text
    assert open_step(case).kind == StepKind.REVIEW


def test_a_denial_without_a_basis_shows_the_message_and_keeps_the_typed_reason(
    client, approver, case
):
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="经营场所不符合要求")
    backoffice.claim(actor=approver, case=case)
    client.force_login(approver)
    reason = "经营场所与药品储存条件不符"
    response = client.post(
        reverse("case_decide", args=[case.pk]),
        {"step": open_step(case).pk, "decision": "deny", "reason": reason, "basis": ""},
    )
    assert response.status_code == 200
    page = response.text
    # The message in the user's language (Chinese unless they chose English), the one for
    # the basis next to its field, and the reason as typed.
    with override("zh-hans"):
        assert gettext("A denial needs its reason and legal basis.") in page
        assert gettext("Give the legal basis of the denial.") in page
    assert 'id="deny-basis"' in page and 'aria-invalid="true"' in page
    assert re.search(rf'<textarea[^>]*id="deny-reason"[^>]*>\s*{reason}</textarea>', page)
    assert refresh(case).decision == ""

    client.cookies["django_language"] = "en"
    page = client.post(
        reverse("case_decide", args=[case.pk]),
        {"step": open_step(case).pk, "decision": "deny", "reason": reason},
    ).text
    assert "Give the legal basis of the denial." in page
    assert reason in page


def test_a_page_left_open_does_not_act_on_the_next_step(client, approver, case):
    backoffice.claim(actor=approver, case=case)
    seen = open_step(case).pk
    backoffice.pass_step(actor=approver, case=case, opinion="符合条件")
    backoffice.claim(actor=approver, case=case)
    client.force_login(approver)
    response = client.post(
        reverse("case_pass", args=[case.pk]), {"step": seen, "opinion": "再次提交"}, follow=True
    )
    assert open_step(case).kind == StepKind.DECISION and open_step(case).finished_at is None
    assert response.redirect_chain[-1][0] == reverse("case_work", args=[case.pk])


def test_a_return_needs_its_reason_and_goes_back_to_the_reviewer(client, approver, case):
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="符合条件")
    backoffice.claim(actor=approver, case=case)
    client.force_login(approver)
    url = reverse("case_return", args=[case.pk])
    response = client.post(url, {"step": open_step(case).pk, "reason": ""})
    assert response.status_code == 200 and 'id="return-reason"' in response.text
    response = client.post(url, {"step": open_step(case).pk, "reason": "经营场所面积需核实"})
    assert response["Location"] == reverse("case_work", args=[case.pk])
    step = open_step(case)
    assert (step.kind, step.claimed_by) == (StepKind.REVIEW, approver)


def test_a_special_procedure_starts_and_ends_from_the_work_page(client, approver, case):
    backoffice.claim(actor=approver, case=case)
    client.force_login(approver)
    work = reverse("case_work", args=[case.pk])
    assert 'data-testid="suspend-form"' in client.get(work).text
    response = client.post(
        reverse("case_suspend", args=[case.pk]),
        {"step": open_step(case).pk, "kind": "expert_review", "reason": ""},
    )
    assert 'id="suspend-reason"' in response.text and "is-invalid" in response.text
    client.post(
        reverse("case_suspend", args=[case.pk]),
        {"step": open_step(case).pk, "kind": "expert_review", "reason": "需组织专家评审"},
    )
    assert refresh(case).status == Status.SUSPENDED
    page = client.get(work).text
    assert 'data-testid="resume-form"' in page and 'data-testid="pass-form"' not in page
    client.post(
        reverse("case_resume", args=[case.pk]),
        {"step": open_step(case).pk, "result": "专家评审通过"},
    )
    assert refresh(case).status == Status.IN_REVIEW


def test_only_the_head_sees_the_extension_and_a_refusal_keeps_the_reason(
    client, approver, head, case
):
    work = reverse("case_work", args=[case.pk])
    client.force_login(approver)
    assert 'data-testid="extend-form"' not in client.get(work).text
    assert 'data-testid="terminate-form"' not in client.get(work).text
    response = client.post(reverse("case_extend", args=[case.pk]), {"days": "3", "reason": "复杂"})
    assert response.status_code == 200 and refresh(case).extended_days == 0  # refused, shown

    client.force_login(head)
    assert 'data-testid="extend-form"' in client.get(work).text
    response = client.post(
        reverse("case_extend", args=[case.pk]), {"days": "16", "reason": "需征求相关部门意见"}
    )
    assert 'id="extend-days"' in response.text and "需征求相关部门意见" in response.text
    assert refresh(case).extended_days == 0
    response = client.post(
        reverse("case_extend", args=[case.pk]), {"days": "10", "reason": "需征求相关部门意见"}
    )
    assert response["Location"] == work
    assert refresh(case).extended_days == 10
    assert 'data-testid="extend-form"' not in client.get(work).text  # once only


def test_the_head_terminates_with_a_reason(client, head, case):
    client.force_login(head)
    url = reverse("case_terminate", args=[case.pk])
    assert 'id="terminate-reason"' in client.post(url, {"reason": ""}).text
    response = client.post(url, {"reason": "申请人书面申请撤回"})
    assert response["Location"] == reverse("queue")
    assert refresh(case).status == Status.TERMINATED


def test_owed_materials_are_ticked_off(client, approver, desk_clerk, intake_window, plain_item):
    checks = with_state(
        make_intake(plain_item, intake_window).checks, "食品安全管理制度文本", "owed"
    )
    case = intake.accept_with_deficiency(
        actor=desk_clerk,
        intake=make_intake(plain_item, intake_window, checks=checks),
        due=timezone.localdate() + dt.timedelta(days=3),
        promise="承诺三个工作日内补齐",
    )
    owed = case.submissions.get(state=Submission.State.OWED)
    client.force_login(approver)
    url = reverse("case_catch_up", args=[case.pk])
    assert 'data-testid="catch-up-form"' in client.get(reverse("case_work", args=[case.pk])).text
    with override("zh-hans"):
        assert gettext("Tick at least one owed material.") in client.post(url, {}).text
    client.post(url, {"materials": [owed.material_id]})
    owed.refresh_from_db()
    assert owed.state == Submission.State.RECEIVED


# --- The start page ------------------------------------------------------------------------


def test_my_desk_counts_my_steps_and_the_departments_untaken(
    client, approver, inspector, accept, plain_item
):
    first, second, _third = accept(plain_item), accept(plain_item), accept(plain_item)
    backoffice.claim(actor=approver, case=first)
    backoffice.claim(actor=approver, case=second)
    today = timezone.localdate()
    CaseStep.objects.filter(case=first).update(due=today - dt.timedelta(days=1))
    Case.objects.filter(pk=second.pk).update(warning_date=today)
    assert queries.desk_counts(approver, today) == {
        "mine": 2,
        "unclaimed": 1,
        "step_yellow": 0,
        "step_red": 1,
        "case_yellow": 1,
        "case_red": 0,
    }
    client.force_login(approver)
    page = client.get(reverse("start")).text
    assert 'data-testid="start-desk"' in page
    assert reverse("queue") in page  # the panel and the navigation
    client.force_login(inspector)
    assert 'data-testid="start-desk"' in client.get(reverse("start")).text


def test_a_suspended_case_cannot_be_decided_from_a_page_left_open(client, approver, case):
    """The decision form was on screen when a colleague started a special procedure: the
    grant is refused with the reason, and the case stays suspended."""
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="符合条件")
    backoffice.claim(actor=approver, case=case)
    decision_step = open_step(case)
    backoffice.suspend(actor=approver, case=case, kind="expert_review", reason="需组织专家评审")
    client.force_login(approver)
    response = client.post(
        reverse("case_decide", args=[case.pk]),
        {"step": decision_step.pk, "decision": "grant", "opinion": "同意"},
        follow=True,
    )
    assert "该办件正在特别程序中" in response.text
    case = refresh(case)
    assert (case.status, case.decision) == (Status.SUSPENDED, "")


def test_a_supervisor_reads_the_route_and_the_paused_days_on_the_case_page(
    client, approver, supervisor, case
):
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="材料齐全，符合法定条件")
    backoffice.claim(actor=approver, case=case)
    backoffice.suspend(actor=approver, case=case, kind="expert_review", reason="需组织专家评审")
    client.force_login(supervisor)
    page = client.get(reverse("case_detail", args=[case.pk])).text
    assert 'data-testid="route"' in page and "材料齐全，符合法定条件" in page
    assert 'data-testid="special-procedures"' in page and "需组织专家评审" in page
    assert 'data-testid="work-on-case"' not in page
