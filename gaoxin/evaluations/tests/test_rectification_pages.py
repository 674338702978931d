"""The rectification pages through the test client: the list and who sees which rows (and whose
names), the work page and its small forms, refusals that keep what was typed, and the
applicant's answer page behind the link."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from gaoxin.cases import intake
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.models import AuditEntry
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.evaluations import rectification as rectifications
from gaoxin.evaluations import services
from gaoxin.evaluations.models import Appeal, Encounter, Rating, Rectification

Status = Rectification.Status
RATER = "李娜"  # the applicant of every case here


@pytest.fixture
def rate(zone, desk_clerk, intake_window):
    def rate(item, level=1, comment="窗口人员态度生硬"):
        case = intake.accept(actor=desk_clerk, intake=make_intake(item, intake_window))
        token = services.invite(case, Encounter.INTAKE).rstrip("/").rsplit("/", 1)[-1]
        reasons = ["attitude"] if level <= 2 else []
        return services.rate(token, level=level, reasons=reasons, comment=comment)

    return rate


@pytest.fixture
def market_item(market_bureau):
    return make_item(market_bureau, name="有限责任公司设立登记", kind="confirmation")


@pytest.fixture
def ours(rate, plain_item):
    return rate(plain_item).rectification


@pytest.fixture
def theirs(rate, market_item):
    return rate(market_item, level=2, comment="来回跑了三趟").rectification


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", full_name="周洁", role=Role.LEADER)


@pytest.fixture
def other_head(market_bureau):
    return UserFactory(
        username="head_scjg", full_name="刘洋", role=Role.DEPARTMENT_HEAD, department=market_bureau
    )


def rows(response) -> list[str]:
    """The case numbers of the list's rows, in order."""
    return re.findall(r'data-testid="rectification-row" data-case="([^"]+)"', response.text)


def number(rectification: Rectification) -> str:
    return rectification.rating.case.display_number


def work(rectification: Rectification) -> str:
    return reverse("rectification", args=[rectification.pk])


def refresh(rectification: Rectification) -> Rectification:
    return Rectification.objects.get(pk=rectification.pk)


# --- The list ------------------------------------------------------------------------------


def test_a_head_sees_the_departments_rectifications_with_the_raters_names(
    client, head, ours, theirs
):
    client.force_login(head)
    response = client.get(reverse("rectifications"))
    assert response.status_code == 200
    assert rows(response) == [number(ours)]
    assert RATER in response.text and "窗口人员态度生硬" in response.text
    assert "来回跑了三趟" not in response.text
    # Each row opens the work page, from the keyboard too.
    assert f'data-href="{work(ours)}"' in response.text
    assert "data-queue-row" in response.text and "js/backoffice.js" in response.text
    # The menu leads here.
    assert f'href="{reverse("rectifications")}"' in response.text


def test_a_supervisor_sees_every_department_and_filters(client, supervisor, ours, theirs, head):
    client.force_login(supervisor)
    response = client.get(reverse("rectifications"))
    assert sorted(rows(response)) == sorted([number(ours), number(theirs)])
    assert RATER in response.text
    only = client.get(reverse("rectifications"), {"department": theirs.department_id})
    assert rows(only) == [number(theirs)]

    rectifications.call_back(actor=head, rectification=ours, note="已核实")
    waiting = client.get(reverse("rectifications"), {"status": Status.OPEN})
    assert rows(waiting) == [number(theirs)]
    # Filtered in place: htmx gets the rows only.
    partial = client.get(
        reverse("rectifications"), {"status": "called_back"}, HTTP_HX_REQUEST="true"
    )
    assert rows(partial) == [number(ours)] and "<html" not in partial.text


def test_overdue_shows_red_and_the_due_day_yellow(client, head, ours, rate, plain_item):
    today = timezone.localdate()
    due_today = rate(plain_item).rectification
    Rectification.objects.filter(pk=ours.pk).update(callback_due=today - dt.timedelta(days=1))
    Rectification.objects.filter(pk=due_today.pk).update(callback_due=today)
    client.force_login(head)
    response = client.get(reverse("rectifications"))
    # The overdue one first (its call-back was due earliest), red; the other yellow.
    assert rows(response) == [number(ours), number(due_today)]
    first, second = response.text.split('data-testid="rectification-row"')[1:3]
    assert 'data-level="red"' in first.split('data-testid="fix-due"')[0]
    assert 'data-level="yellow"' in second.split('data-testid="fix-due"')[0]
    late = client.get(reverse("rectifications"), {"overdue": "callback"})
    assert rows(late) == [number(ours)]


def test_the_lists_queries_do_not_grow_with_its_rows(client, supervisor, rate, plain_item, head):
    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("rectifications")).status_code == 200
        return len(captured)

    client.force_login(supervisor)
    rectifications.lodge_appeal(
        actor=head, rectification=rate(plain_item).rectification, reason="误评"
    )
    few = queries_for_the_list()
    for _ in range(4):
        rate(plain_item)
    assert queries_for_the_list() == few


def test_a_leader_sees_the_list_without_any_raters_name(client, leader, ours, theirs):
    client.force_login(leader)
    response = client.get(reverse("rectifications"))
    assert response.status_code == 200
    assert len(rows(response)) == 2
    assert RATER not in response.text
    assert 'data-testid="rater"' not in response.text
    # The leader reads; the work page is not theirs.
    assert "data-href" not in response.text
    assert client.get(work(ours)).status_code == 403


def test_who_may_not_open_the_pages(client, approver, clerk, other_head, ours):
    for someone in (approver, clerk):
        client.force_login(someone)
        assert client.get(reverse("rectifications")).status_code == 403
        assert client.get(work(ours)).status_code == 403
    client.force_login(other_head)
    assert rows(client.get(reverse("rectifications"))) == []
    assert client.get(work(ours)).status_code == 403
    response = client.post(work(ours), {"action": "call_back", "note": "越权"})
    assert response.status_code == 403
    assert refresh(ours).status == Status.OPEN


def test_the_start_page_counts_the_open_rectifications(client, head, ours):
    Rectification.objects.filter(pk=ours.pk).update(
        callback_due=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(head)
    response = client.get(reverse("start"))
    assert 'data-testid="start-rectifications"' in response.text
    assert re.search(r'data-testid="rectifications-running">1<', response.text)
    assert re.search(r'data-testid="rectifications-callback-late">1<', response.text)


# --- The work page -------------------------------------------------------------------------


def test_the_head_calls_back_and_answers_on_the_work_page(client, head, ours):
    client.force_login(head)
    response = client.get(work(ours))
    assert response.status_code == 200
    text = response.text
    assert "窗口人员态度生硬" in text and RATER in text
    assert "138****4567" in text and "13891234567" not in text  # masked until asked
    assert 'data-testid="call-back-form"' in text and 'data-testid="answer-form"' not in text
    assert reverse("case_detail", args=[ours.rating.case_id]) in text

    response = client.post(work(ours), {"action": "call_back", "note": "已电话致歉，核实属实。"})
    assert response.status_code == 302
    page = client.get(work(ours)).text
    assert 'data-testid="answer-form"' in page and "已电话致歉，核实属实。" in page
    client.post(work(ours), {"action": "answer", "answer": "已对窗口人员批评教育。"})
    answered = refresh(ours)
    assert answered.status == Status.ANSWERED and answered.answer == "已对窗口人员批评教育。"
    page = client.get(work(ours)).text
    assert 'data-kind="answered"' in page and 'data-testid="nothing-to-do"' in page


def test_a_refusal_keeps_what_was_typed(client, head, ours):
    client.force_login(head)
    too_long = "核实情况：" + "很长" * 1000
    response = client.post(work(ours), {"action": "call_back", "note": too_long})
    assert response.status_code == 400
    assert "2000" in response.text and too_long in response.text
    response = client.post(work(ours), {"action": "call_back", "note": "  "})
    assert response.status_code == 400
    assert 'class="invalid-feedback d-block"' in response.text
    assert refresh(ours).status == Status.OPEN
    # A step the rectification is not at: said above the page.
    response = client.post(work(ours), {"action": "answer", "answer": "先答复"}, follow=True)
    assert response.status_code == 400
    with override("zh-hans"):
        assert gettext("Call the applicant back before answering.") in response.text


def test_the_full_number_is_shown_on_request_and_logged(client, head, ours):
    client.force_login(head)
    response = client.post(work(ours), {"action": "contact"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "13891234567" in response.text
    assert AuditEntry.objects.filter(
        action="evaluations.rectification_contact", actor=head
    ).exists()


def test_the_department_appeals_and_the_supervisor_decides(client, head, supervisor, ours):
    client.force_login(head)
    client.post(work(ours), {"action": "appeal", "reason": "申请人误点，有通话录音。"})
    assert Appeal.objects.get().is_pending
    assert 'data-testid="appeal-form"' not in client.get(work(ours)).text

    client.force_login(supervisor)
    listing = client.get(reverse("rectifications")).text
    assert 'data-testid="appeal-pending"' in listing
    page = client.get(work(ours)).text
    assert 'data-testid="decide-form"' in page and 'data-testid="complex-form"' in page
    assert 'data-testid="call-back-form"' not in page  # the department calls back
    response = client.post(work(ours), {"action": "decide", "reason": "经核实，申诉成立。"})
    assert response.status_code == 400  # uphold or reject?
    assert "经核实，申诉成立。" in response.text
    client.post(work(ours), {"action": "decide", "decision": "uphold", "reason": "申诉成立。"})
    assert refresh(ours).status == Status.EXCLUDED
    assert Rating.objects.get(pk=ours.rating_id).excluded_at is not None


def test_the_supervisor_marks_a_matter_complex(client, supervisor, ours):
    client.force_login(supervisor)
    response = client.post(work(ours), {"action": "complex", "reason": ""})
    assert response.status_code == 400
    client.post(work(ours), {"action": "complex", "reason": "涉及两个部门"})
    assert refresh(ours).complex
    assert "涉及两个部门" in client.get(work(ours)).text  # in the timeline, from the audit log


# --- The applicant's answer page -----------------------------------------------------------


@pytest.fixture
def answered(ours, head):
    rectifications.call_back(actor=head, rectification=ours, note="已核实")
    return rectifications.answer(actor=head, rectification=ours, text="已对窗口人员批评教育。")


def reply(rectification: Rectification) -> str:
    return reverse("rectification_response", args=[rectification.response_token])


def test_the_applicant_reads_the_answer_and_confirms(client, answered):
    response = client.get(reply(answered))
    assert response.status_code == 200
    assert "已对窗口人员批评教育。" in response.text
    assert 'data-testid="reply-confirm"' in response.text
    response = client.post(reply(answered), {"choice": "confirm"})
    assert response.url == reverse("rectification_response_thanks")
    assert refresh(answered).response == Rectification.Response.CONFIRMED
    used = client.get(reply(answered))
    assert used.status_code == 410 and 'data-testid="link-unusable"' in used.text


def test_rating_again_needs_a_level_and_keeps_the_comment(client, answered):
    response = client.post(reply(answered), {"choice": "rerate", "comment": "还是不太满意"})
    assert response.status_code == 400
    assert 'data-testid="level-error"' in response.text and "还是不太满意" in response.text
    client.post(reply(answered), {"choice": "rerate", "level": "3", "comment": "还是不太满意"})
    closed = refresh(answered)
    assert (closed.response, closed.rerated_level) == (Rectification.Response.RERATED, 3)


def test_an_unknown_reply_link(client, db):
    response = client.get(reverse("rectification_response", args=["no-such-token"]))
    assert response.status_code == 404 and 'data-testid="link-unusable"' in response.text
